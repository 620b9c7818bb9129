import { replaceWith } from '../edits';
import { field } from '../values';
import type { CallFact, ObjectValue, Property } from '../types';
import { langchainCall, langchainJsCall } from '../apis/langchain';
import type { Rule, RuleContext } from './rule';
import { checkFrameworkLoops } from './support/frameworkLoops';

/** LangChain's own default: an `AgentExecutor` stops after 15 steps unless told otherwise. */
const LANGCHAIN_DEFAULT_ITERATIONS = 15;
/** Agent constructors that take `max_iterations` and pass it to the `AgentExecutor` they build. */
const EXECUTOR_BUILDERS = new Set([
  'initialize_agent',
  'create_sql_agent',
  'create_pandas_dataframe_agent',
  'create_csv_agent',
  'create_spark_dataframe_agent',
  'create_json_agent',
  'create_openapi_agent',
]);

/** LangChain JS builders that take `maxIterations` in an options object, and the argument position it is at. */
const JS_EXECUTOR_BUILDERS: Record<string, number> = { initializeAgentExecutorWithOptions: 2 };

export const rule: Rule = {
  meta: {
    id: 'agent-loop-without-bound',
    title: 'Agent loop with its step limit turned off',
    practices: ['GENCOST05-BP01', 'GENREL03-BP02'],
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'A LangChain `AgentExecutor` stops after 15 reasoning steps by default. `max_iterations=None` removes that stop: an ' +
        'agent that keeps choosing tools (a confused model, a tool that always fails, an injected instruction) runs and pays ' +
        'for model calls until something outside kills it. Keep a step limit, and add `max_execution_time` for a limit in ' +
        'seconds. Checked in `AgentExecutor(...)`, `AgentExecutor.from_agent_and_tools(...)`, `initialize_agent(...)`, the ' +
        'toolkit agents (`create_sql_agent`, `create_pandas_dataframe_agent`, …) and their `agent_executor_kwargs`. Leaving the argument out keeps the default and is not reported. ' +
        'LangChain JS keeps its default of 15 for `null` and `undefined` too (`maxIterations ?? 15`): there, `maxIterations: ' +
        'Infinity` (or `Number.MAX_SAFE_INTEGER`) removes the stop, in `new AgentExecutor({...})`, ' +
        '`AgentExecutor.fromAgentAndTools({...})` and `initializeAgentExecutorWithOptions(tools, llm, {...})`. Other frameworks: ' +
        'AutoGen `RoundRobinGroupChat`, `SelectorGroupChat` and `Swarm` with neither `termination_condition` nor `max_turns` ' +
        '(they run until cancelled); explicit unbounded values (`sys.maxsize`, `float("inf")`, `math.inf`, `Infinity`) for ' +
        'CrewAI `max_iter` (default 25), OpenAI Agents `max_turns`/`maxTurns` (default 10; `max_turns=None` turns it off), ' +
        'AutoGen MagenticOne `max_turns` (default 20) and LangGraph `recursion_limit`/`recursionLimit` (bounded by default).',
      bad: 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=None)',
      good: 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=10, max_execution_time=120)',
    },
    fix: { title: 'Restore the limit of 15 steps', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkFrameworkLoops(context);
    if (context.facts.language !== 'python') return checkJs(context);
    for (const call of context.facts.calls) {
      const lc = langchainCall(call);
      if (!lc) continue;
      const executor = (lc.name === 'AgentExecutor' && (!lc.factory || lc.factory === 'from_agent_and_tools')) || EXECUTOR_BUILDERS.has(lc.name);
      if (executor) report(call.args.props.get('max_iterations'), context);
      const kwargs = field(call.args, 'agent_executor_kwargs');
      if (kwargs?.kind === 'object') report(kwargs.props.get('max_iterations'), context, kwargs.insert?.syntax === 'python-dict');
    }
  },
};

function report(limit: Property | undefined, context: RuleContext, inDict = false): void {
  if (limit?.value.kind !== 'null') return;
  context.report({
    span: limit.span,
    message: '`max_iterations=None` lets the agent loop without a step limit: cost and run time are unbounded',
    fixes: [
      {
        title: `Restore the limit of ${LANGCHAIN_DEFAULT_ITERATIONS} steps (LangChain's default; adjust to your agent)`,
        safety: 'unsafe',
        edits: [replaceWith(limit.value.span, LANGCHAIN_DEFAULT_ITERATIONS, inDict ? 'python-dict' : 'python-kwargs')],
      },
    ],
  });
}

function checkJs(context: RuleContext): void {
  for (const call of context.facts.calls) {
    const options = jsExecutorOptions(call);
    const limit = options?.props.get('maxIterations');
    if (limit?.value.kind !== 'number' || limit.value.value < Number.MAX_SAFE_INTEGER) continue;
    context.report({
      span: limit.span,
      message: `\`maxIterations: ${context.text.slice(limit.value.span.start, limit.value.span.end)}\` lets the agent loop without a step limit: cost and run time are unbounded`,
      fixes: [
        {
          title: `Restore the limit of ${LANGCHAIN_DEFAULT_ITERATIONS} steps (LangChain's default; adjust to your agent)`,
          safety: 'unsafe',
          edits: [replaceWith(limit.value.span, LANGCHAIN_DEFAULT_ITERATIONS, 'ts-object')],
        },
      ],
    });
  }
}

/** The options object of a LangChain JS agent executor: `new AgentExecutor({...})` and the builders. */
function jsExecutorOptions(call: CallFact): ObjectValue | undefined {
  const lc = langchainJsCall(call);
  if (!lc) return undefined;
  if (lc.name === 'AgentExecutor' && (!lc.factory || lc.factory === 'fromAgentAndTools')) return call.args;
  const position = JS_EXECUTOR_BUILDERS[lc.name];
  const options = position === undefined ? undefined : call.positional[position];
  return options?.kind === 'object' ? options : undefined;
}
