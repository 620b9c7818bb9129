import { field, stringOf } from '../values';
import type { CallFact, FileFacts, Origin, Value } from '../types';
import { bedrockOperation } from '../apis/bedrock';
import { langchainCall, langchainJsCall, type LangChainCall } from '../apis/langchain';
import { MODEL_CALL_TRIGGERS, originsIn } from '../apis/models';
import { PYTHON_SYSTEM_PROMPT_ARGUMENTS } from '../apis/frameworks/systemPrompts';
import type { Rule, RuleContext } from './rule';
import { ContextKeys, type ContextKey } from '../contextKeys';
import { Slot } from '../slot';

const SYSTEM_ROLES = new Set(['system', 'developer']);
/** The roles as string literals, the way message dicts and `("system", …)` tuples write them. */
const SYSTEM_ROLE_STRINGS = [...SYSTEM_ROLES].flatMap((role) => ['"', "'", '`'].map((quote) => `${quote}${role}${quote}`));
const LANGCHAIN_SYSTEM_MESSAGES = new Set(['SystemMessage', 'SystemMessagePromptTemplate']);
const ANTHROPIC_MESSAGES = /(^|\.)messages\.(create|stream)$/;
const ANTHROPIC_MODULES = ['anthropic', '@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'];
/** Agent constructors and generation functions of TypeScript/JavaScript SDKs, with the option that is the system prompt. */
const JS_SYSTEM_OPTIONS: Record<string, string[]> = {
  '@openai/agents.Agent': ['instructions'],
  '@strands-agents/sdk.Agent': ['systemPrompt'],
  '@langchain/langgraph/prebuilt.createReactAgent': ['prompt', 'stateModifier', 'messageModifier'],
  'langchain.createAgent': ['systemPrompt'],
  'ai.generateText': ['system'],
  'ai.streamText': ['system'],
  'ai.generateObject': ['system'],
  'ai.streamObject': ['system'],
};
const OPENAI_RESPONSES = /(^|\.)responses\.(create|parse|stream)$/;
/** Calls that fill a LangChain prompt template's variables: `chain.invoke({...})`, `prompt.format_messages(...)`. */
const TEMPLATE_FILLERS = new Set(['invoke', 'ainvoke', 'stream', 'astream', 'format_messages', 'format_prompt', 'aformat_messages', 'aformat_prompt', 'formatMessages', 'formatPromptValue']);

export const rule: Rule = {
  meta: {
    id: 'user-input-in-system-prompt',
    title: 'User input formatted into a system prompt',
    practices: ['GENSEC04-BP02', 'GENSEC04-BP01', 'RAISP02-BP04'],
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'The system prompt carries the instructions the model trusts most. Formatting a function\'s argument or request ' +
        'data into it (f-string, `+`, `%`, `.format`) lets whoever controls that value rewrite those instructions: a ' +
        'prompt injection with system-level authority. Keep the system prompt a fixed, reviewed template (from a prompt ' +
        'catalog) and pass user-supplied text in a user message, validated and delimited. Checked: `{"role": "system"}` ' +
        'and `developer` messages, Bedrock Converse `system` blocks and Anthropic body `system`, LangChain ' +
        '`SystemMessage` and `("system", …)` tuples (and their template variables, when a call in the file fills them from a ' +
        'parameter), Anthropic `system=`, OpenAI `instructions=` and agent system prompts. ' +
        'In TypeScript/JavaScript the same messages are checked (OpenAI SDK, Bedrock `ConverseCommand` `system` blocks, ' +
        'LangChain JS `SystemMessage` and `["system", …]` pairs), and also OpenAI Agents `instructions`, LangGraph ' +
        '`createReactAgent` `prompt` and the AI SDK\'s `system`; parameters named `req`/`request` count as user input. ' +
        'Agent frameworks in Python: Strands `system_prompt`, CrewAI `role`/`goal`/`backstory` (formatted into the agent\'s ' +
        'system prompt), AutoGen `system_message`, LlamaIndex agents\' and LLMs\' `system_prompt`. ' +
        'Numbers, booleans and `Literal` parameters (`number`, `boolean` and literal unions in TypeScript) are not ' +
        'reported, nor values returned by your own functions.',
      bad: 'messages = [{"role": "system", "content": f"You are a support agent for {customer_name}."}]',
      good: 'messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": f"Customer: {customer_name}"}]',
      severity:
        'A warning in every context: the code cannot show who calls the function, so a parameter in a system prompt is ' +
        'reported whether a user, a dataset or a rubric fills it.',
    },
  },
  // Message roles written out, and the model calls and agents that take a system prompt of their own.
  triggers: [...SYSTEM_ROLE_STRINGS, ...MODEL_CALL_TRIGGERS],
  check(context: RuleContext) {
    const { facts } = context;
    const seen = new Set<string>();
    const inspect = (prompt: Value | undefined) => {
      if (!prompt) return;
      const key = `${prompt.span.start}:${prompt.span.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      const origin = originsIn(prompt).find(isUserInput);
      if (!origin) return;
      const source = origin.kind === 'user-input' ? `user input \`${origin.name}\`` : `parameter \`${origin.name}\``;
      context.report({
        span: prompt.span,
        message: `${source} is ${origin.formatted ? 'formatted into' : 'used as'} the system prompt: a prompt injection there carries system-level authority; pass it in a user message instead`,
      });
    };
    const inspectAll = (value: Value) => systemPromptsIn(value).forEach(inspect);
    (facts.literals ?? []).forEach(inspectAll);
    for (const call of facts.calls) {
      inspectAll(call.args);
      call.positional.forEach(inspectAll);
    }
    const file = argumentContexts.of(`${facts.language} ${[...facts.imports].join(',')}`);
    for (const call of facts.calls) for (const prompt of systemArgumentsKept(call, facts, file)) inspect(prompt);
    checkTemplateVariables(context, seen);
  },
};

/**
 * LangChain prompt templates: a variable of a system message template (`("system", "You serve {company}.")`) that a
 * call in the same file fills from a parameter (`chain.invoke({"company": company})`) is formatted into the system
 * prompt at run time.
 */
function checkTemplateVariables(context: RuleContext, seen: Set<string>): void {
  const variables = systemTemplateVariables(context);
  if (variables.size === 0) return;
  for (const call of context.facts.calls) {
    if (!TEMPLATE_FILLERS.has(call.name)) continue;
    const inputs = call.positional[0]?.kind === 'object' ? call.positional[0] : call.name.startsWith('format') ? call.args : undefined;
    if (!inputs) continue;
    for (const [name, prop] of inputs.props) {
      if (!variables.has(name)) continue;
      const key = `${prop.value.span.start}:${prop.value.span.end}`;
      const origin = originsIn(prop.value).find((o) => o.kind === 'user-input' || o.kind === 'parameter' || o.kind === 'tool-argument');
      if (!origin || seen.has(key)) continue;
      seen.add(key);
      const source = origin.kind === 'user-input' ? `user input \`${origin.name}\`` : `parameter \`${origin.name}\``;
      context.report({
        span: prop.value.span,
        message: `${source} fills \`{${name}}\` in a system message template: a prompt injection there carries system-level authority; pass it in a human message instead`,
      });
    }
  }
}

/**
 * Variables only the system message templates of the file use: `{company}` in `("system", "You serve {company}.")`.
 * A variable a human message template uses too (`{input}`) cannot be told apart without following the prompt into
 * the chain, so it is left out.
 */
function systemTemplateVariables(context: RuleContext): Set<string> {
  const system: string[] = [];
  const other: string[] = [];
  for (const value of context.facts.literals ?? []) {
    if (value.kind !== 'array' || value.items.length !== 2) continue;
    const role = stringOf(value.items[0]);
    const template = stringOf(value.items[1]);
    if (role && template) (role === 'system' ? system : other).push(template);
  }
  for (const call of context.facts.calls) {
    const lc = langchainOf(call);
    if (!lc || !/PromptTemplate$/.test(lc.name)) continue;
    const template = stringOf(call.args.props.get('template')?.value ?? call.positional[0]);
    if (template) (lc.name === 'SystemMessagePromptTemplate' ? system : other).push(template);
  }
  const shared = new Set(other.flatMap(templateVariables));
  return new Set(system.flatMap(templateVariables).filter((v) => !shared.has(v)));
}

function templateVariables(template: string): string[] {
  return [...template.replace(/\{\{|\}\}/g, '').matchAll(/\{([A-Za-z_]\w*)\}/g)].map((m) => m[1]);
}

/** A function parameter built into the prompt, or request data in any form. */
function isUserInput(origin: Origin): boolean {
  return origin.kind === 'user-input' || ((origin.kind === 'parameter' || origin.kind === 'tool-argument') && origin.formatted);
}

/**
 * System-message contents inside a value: `{"role": "system", "content": …}` and `("system", …)`, at any depth. Kept
 * by value: values share parts (a dict used many times, in literals and calls), and a value kept from one version of
 * a file to the next (the language server's edits) is the same object with the same parts.
 */
const promptsWithin = new WeakMap<Value, readonly Value[]>();
const NONE: readonly Value[] = [];

function systemPromptsIn(value: Value): readonly Value[] {
  if (value.kind !== 'object' && value.kind !== 'array') return NONE;
  const known = promptsWithin.get(value);
  if (known) return known;
  promptsWithin.set(value, NONE); // a value inside itself adds nothing
  let found: Set<Value> | undefined; // made only when there is something to add: most values hold no system prompt
  if (value.kind === 'object') {
    const role = stringOf(value.props.get('role')?.value); // as written: `field` makes an unknown for an open object
    const content = value.props.get('content')?.value;
    if (role && SYSTEM_ROLES.has(role) && content) (found ??= new Set()).add(content);
    for (const p of value.props.values()) for (const prompt of systemPromptsIn(p.value)) (found ??= new Set()).add(prompt);
  } else {
    if (value.items.length === 2 && stringOf(value.items[0]) === 'system') (found ??= new Set()).add(value.items[1]);
    for (const item of value.items) for (const prompt of systemPromptsIn(item)) (found ??= new Set()).add(prompt);
  }
  const prompts = found ? [...found] : NONE;
  promptsWithin.set(value, prompts);
  return prompts;
}

/**
 * `systemArguments`, kept by call with what it reads of the file (its language and imports): a call kept from one
 * version of a file to the next is the same object with the same arguments. The values hold no position the rule
 * keeps: each prompt's span is read from it when it is reported.
 */
const kept = new Slot<CallFact, { context: ContextKey; prompts: readonly Value[] }>('system arguments');
const argumentContexts = new ContextKeys();

function systemArgumentsKept(call: CallFact, facts: FileFacts, context: ContextKey): readonly Value[] {
  // InvokeModel's `system` is read with `field`, which makes a value at the body's place when it cannot tell: not kept.
  const operation = bedrockOperation(call);
  if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') return systemArguments(call, facts);
  const known = kept.get(call);
  if (known?.context === context) return known.prompts;
  const found = systemArguments(call, facts);
  const prompts = found.length > 0 ? found : NONE;
  kept.set(call, { context, prompts });
  return prompts;
}

/** Arguments that are the system prompt of a model call, agent or LangChain message. */
function systemArguments(call: CallFact, facts: FileFacts): Value[] {
  const lc = langchainOf(call);
  const jsOptions = call.qualifiedName && JS_SYSTEM_OPTIONS[call.qualifiedName];
  if (jsOptions) return jsOptions.map((key) => call.args.props.get(key)?.value).filter(isValue);
  if (lc && LANGCHAIN_SYSTEM_MESSAGES.has(lc.name)) return [call.args.props.get('content')?.value ?? call.args.props.get('template')?.value ?? call.positional[0]].filter(isValue);
  if (lc?.name === 'create_agent') return [call.args.props.get('system_prompt')?.value].filter(isValue);
  if (lc?.name === 'create_react_agent' && lc.pkg === 'langgraph') return [call.args.props.get('prompt')?.value].filter(isValue);
  const operation = bedrockOperation(call);
  if (operation === 'converse' || operation === 'converse_stream') return textBlocks(call.args.props.get('system')?.value);
  if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') return textBlocks(field(call.args.props.get('body')?.value, 'system'));
  if (ANTHROPIC_MODULES.some((m) => facts.imports.has(m)) && ANTHROPIC_MESSAGES.test(call.callee)) return textBlocks(call.args.props.get('system')?.value);
  if (facts.imports.has('openai') && OPENAI_RESPONSES.test(call.callee)) return [call.args.props.get('instructions')?.value].filter(isValue);
  const frameworkArguments = call.qualifiedName && facts.language === 'python' ? PYTHON_SYSTEM_PROMPT_ARGUMENTS[call.qualifiedName] : undefined;
  return (frameworkArguments ?? []).map((key) => call.args.props.get(key)?.value).filter(isValue);
}

/** The LangChain class or function a call uses, in Python or TypeScript/JavaScript. */
function langchainOf(call: CallFact): LangChainCall | undefined {
  return langchainCall(call) ?? langchainJsCall(call);
}

/** A system prompt given as a string or as a list of `{"text": …}` blocks: the texts. */
function textBlocks(value: Value | undefined): Value[] {
  if (value?.kind !== 'array') return value ? [value] : [];
  return value.items.map((item) => (item.kind === 'object' ? item.props.get('text')?.value : item)).filter(isValue);
}

function isValue(value: Value | undefined): value is Value {
  return value !== undefined;
}
