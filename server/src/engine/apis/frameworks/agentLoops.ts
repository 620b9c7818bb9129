// How agent frameworks bound their loops (turns, iterations, graph steps), and the settings that remove the bound.
import type { FileFacts, Value } from '../../types';

export interface LoopBound {
  /** As messages name it. */
  label: string;
  framework: string;
  /** Import-resolved names of the constructor or run function. */
  names: readonly string[];
  /** The library source the default was read from: repository and file. */
  source: string;
  /** Keywords that bound the loop; any one given bounds it. */
  keys: readonly string[];
  /** The bound the framework applies when none of `keys` is given, or `unbounded` when it applies none. */
  default: number | 'unbounded';
  /** Whether an explicit `None` removes the bound (OpenAI Agents `max_turns=None`). */
  noneIsUnbounded: boolean;
  /** More positional arguments than this may fill `keys` by position: the call is not judged. */
  maxPositional?: number;
  /** What a fix writes. */
  fix: { key: string; value: number };
  language: 'python' | 'javascript';
  /** For JavaScript run functions: the positional argument that holds the options object. */
  optionsPosition?: number;
}

export const LOOP_BOUNDS: readonly LoopBound[] = [
  {
    // python/packages/autogen-agentchat/src/autogen_agentchat/teams/_group_chat/_round_robin_group_chat.py: "Without a
    // termination condition, the group chat will run indefinitely"; max_turns defaults to None, "meaning no limit".
    label: 'RoundRobinGroupChat',
    framework: 'AutoGen',
    names: ['autogen_agentchat.teams.RoundRobinGroupChat', 'autogen_agentchat.teams.Swarm'],
    source: 'microsoft/autogen python/packages/autogen-agentchat/src/autogen_agentchat/teams/_group_chat/_round_robin_group_chat.py',
    keys: ['termination_condition', 'max_turns'],
    default: 'unbounded',
    noneIsUnbounded: true,
    maxPositional: 1,
    fix: { key: 'max_turns', value: 20 },
    language: 'python',
  },
  {
    label: 'SelectorGroupChat',
    framework: 'AutoGen',
    names: ['autogen_agentchat.teams.SelectorGroupChat'],
    source: 'microsoft/autogen python/packages/autogen-agentchat/src/autogen_agentchat/teams/_group_chat/_selector_group_chat.py',
    keys: ['termination_condition', 'max_turns'],
    default: 'unbounded',
    noneIsUnbounded: true,
    maxPositional: 2,
    fix: { key: 'max_turns', value: 20 },
    language: 'python',
  },
  {
    // MagenticOneGroupChat(participants, model_client, *, termination_condition=None, max_turns=20, …)
    label: 'MagenticOneGroupChat',
    framework: 'AutoGen',
    names: ['autogen_agentchat.teams.MagenticOneGroupChat'],
    source: 'microsoft/autogen python/packages/autogen-agentchat/src/autogen_agentchat/teams/_group_chat/_magentic_one/_magentic_one_group_chat.py',
    keys: ['max_turns'],
    default: 20,
    noneIsUnbounded: true,
    maxPositional: 2,
    fix: { key: 'max_turns', value: 20 },
    language: 'python',
  },
  {
    // lib/crewai/src/crewai/agents/agent_builder/base_agent.py: `max_iter: int = Field(default=25)`.
    label: 'Agent',
    framework: 'CrewAI',
    names: ['crewai.Agent', 'crewai.agent.Agent'],
    source: 'crewAIInc/crewAI lib/crewai/src/crewai/agents/agent_builder/base_agent.py',
    keys: ['max_iter'],
    default: 25,
    noneIsUnbounded: false,
    fix: { key: 'max_iter', value: 25 },
    language: 'python',
  },
  {
    // src/agents/run_config.py: DEFAULT_MAX_TURNS = 10; `max_turns=None` turns the limit off.
    label: 'Runner.run',
    framework: 'OpenAI Agents SDK',
    names: ['agents.Runner.run', 'agents.Runner.run_sync', 'agents.Runner.run_streamed', 'agents.run.Runner.run', 'agents.run.Runner.run_sync', 'agents.run.Runner.run_streamed'],
    source: 'openai/openai-agents-python src/agents/run_config.py',
    keys: ['max_turns'],
    default: 10,
    noneIsUnbounded: true,
    fix: { key: 'max_turns', value: 10 },
    language: 'python',
  },
  {
    // packages/agents-core/src/run.ts: `maxTurns` defaults to 10 (DEFAULT_MAX_TURNS).
    label: 'run',
    framework: 'OpenAI Agents SDK',
    names: ['@openai/agents.run', '@openai/agents-core.run'],
    source: 'openai/openai-agents-js packages/agents-core/src/run.ts',
    keys: ['maxTurns'],
    default: 10,
    noneIsUnbounded: false,
    fix: { key: 'maxTurns', value: 10 },
    language: 'javascript',
    optionsPosition: 2,
  },
];

/**
 * Graph step limits given in a run's config (`graph.invoke(x, {"recursion_limit": …})`, `.with_config(recursion_limit=…)`):
 * LangGraph stops a run after 25 steps by default (`DEFAULT_RECURSION_LIMIT`, 250 in recent releases, in
 * libs/langgraph/langgraph/_internal/_config.py; langchain-core's default is 25), so only an explicit unbounded value
 * is reported.
 */
export interface ConfigLimit {
  key: string;
  framework: string;
  /** Files that import one of these use the framework. */
  modules: readonly string[];
  source: string;
  fix: number;
}

export const CONFIG_LIMITS: readonly ConfigLimit[] = [
  { key: 'recursion_limit', framework: 'LangGraph', modules: ['langgraph'], source: 'langchain-ai/langgraph libs/langgraph/langgraph/_internal/_config.py', fix: 25 },
  { key: 'recursionLimit', framework: 'LangGraph', modules: ['@langchain/langgraph', '@langchain/langgraph/prebuilt'], source: 'langchain-ai/langgraphjs libs/langgraph/src/pregel/index.ts', fix: 25 },
];

/** Python spellings of an unbounded number, by the module that provides them. */
const PYTHON_UNBOUNDED: Record<string, string> = { 'math.inf': 'math', 'sys.maxsize': 'sys', 'numpy.inf': 'numpy' };

/**
 * True when a value means "no limit": a number no run reaches (`Infinity`, `Number.MAX_SAFE_INTEGER` and above), or in
 * Python `float("inf")`, `math.inf`, `sys.maxsize`, `numpy.inf`.
 */
export function isUnboundedNumber(value: Value | undefined, text: string, facts: FileFacts): boolean {
  if (!value) return false;
  if (value.kind === 'number') return value.value >= Number.MAX_SAFE_INTEGER;
  if (value.kind !== 'unknown') return false;
  const written = text.slice(value.span.start, value.span.end).replace(/\s+/g, '');
  if (/^float\(["']\+?inf(inity)?["']\)$/i.test(written)) return true;
  const [head, ...rest] = written.split('.');
  const qualified = [facts.importedNames?.get(head) ?? head, ...rest].join('.');
  return qualified in PYTHON_UNBOUNDED && facts.imports.has(PYTHON_UNBOUNDED[qualified]);
}
