// What a model call's output is used for, where the code shows it: sent to users (a web response, a UI, a chat bot, a
// tool's answer), only parsed into a score or JSON (an LLM-as-judge grader, a reward function), only fed to another
// model call, only written to files, or asked with a prompt that is all constants; or run in a batch script. Rules
// that judge a call's missing guardrail read it to pick their severity and to say only what is true.
//
// It follows the data the extractors follow (`Origin`s: within a function, through assignments, item access, string
// building and the functions that carry their arguments' data) to every place it is used: call arguments, returns,
// stores and responses. A return is followed into the callers of the function in the same file. Anything else it
// reaches (an unknown function, a store, a caller in another file) leaves the use unknown, which is never lowered.
import { bedrockOperation } from '../../apis/bedrock';
import { originsIn } from '../../apis/models';
import { userResponses } from '../../apis/responses';
import type { CallFact, ExitFact, FileFacts, FunctionInfo, Severity, Span, Value } from '../../types';
import { UI_MODULES, WEB_AND_CHAT_MODULES, sinkOf, type SinkKind } from '../../apis/outputSinks';

export type CallUseContext = 'user' | 'grader' | 'chained' | 'file' | 'fixed-prompt' | 'batch' | 'unknown';

export interface CallUse {
  context: CallUseContext;
  /** `warning` where the output may reach people (or nothing shows where it goes); `note` where the code shows it does not. */
  severity: Severity;
  /** What is true of the call without a guardrail, to end a message: `its output reaches users through …`. */
  consequence: string;
}

/** One place a value is used, with the words a message names it by. */
interface Use {
  kind: SinkKind | 'return' | 'store';
  span: Span;
  label: string;
  /** For `pass` uses, the call whose result carries the value on; for `return` ones, the exit. */
  via?: CallFact;
  exit?: ExitFact;
}

/** Returns followed into callers, helpers into helpers: deeper chains are left unknown. */
const MAX_DEPTH = 4;
/** Arguments that hold a prompt, per API: Converse, InvokeModel, RetrieveAndGenerate, OpenAI, Anthropic, LangChain. */
const PROMPT_KEYS = ['messages', 'system', 'body', 'input', 'prompt', 'inputText', 'instructions', 'contents', 'retrieveAndGenerateConfiguration'];
/** A Python file run as a script. */
const PYTHON_MAIN = /^if\s+__name__\s*==\s*["']__main__["']\s*:/m;
/** A TypeScript/JavaScript file run as a script: a top-level `main()` call, or Node's `require.main === module`. */
const SCRIPT_MAIN = /^(?:void\s+|await\s+)?main\(\)|require\.main\s*===\s*module/m;
/** Functions named like AWS Lambda handlers, with `(event, context)`. */
const LAMBDA_HANDLER = /^(lambda_handler|handler)$/;
/** Python route decorators of Flask, FastAPI, Starlette, Quart, Sanic and friends: `@app.post("/chat")`. */
const ROUTE_DECORATOR = /^[\w.]+\.(route|get|post|put|patch|delete|websocket|api_route)\(/;
/** Decorators that make a function a tool a model calls: its result goes back into the conversation. */
const TOOL_DECORATOR = /(^|\.)(tool|function_tool)(\(|$)/;
const TOOL_MODULES = ['langchain', 'langchain_core', 'strands', 'agents', 'crewai', 'mcp', 'fastmcp', 'llama_index', 'ai', '@langchain/core', '@openai/agents', '@modelcontextprotocol/sdk'];

/** Each file's direct uses of every call's result, worked out once for all the calls a rule asks about. */
const indexes = new WeakMap<FileFacts, Map<CallFact, Use[]>>();
/** Each file's batch-script verdict (null: not one), worked out once for all its calls. */
const batchScripts = new WeakMap<FileFacts, { span: Span; label: string } | null>();

/** What the code shows `call`'s output is used for, and the severity and words a guardrail finding on it takes. */
export function callUse(call: CallFact, facts: FileFacts, text: string): CallUse {
  const line = (span: Span) => lineOf(text, span.start);
  const uses = executionsOf(call, facts).flatMap((e) => resolvedUses(e, facts, 0, new Set()));
  const reaching = uses.find((u) => u.kind === 'user' || u.kind === 'action');
  if (reaching) {
    const how = reaching.kind === 'action' ? `is run by ${reaching.label}` : `reaches users through ${reaching.label}`;
    return { context: 'user', severity: 'warning', consequence: `its output ${how} (line ${line(reaching.span)}) unfiltered` };
  }
  const onlyKnown = uses.length > 0 && uses.every((u) => ['score', 'parse', 'model', 'file', 'log', 'neutral'].includes(u.kind));
  // Named by where the output ends: a score or a comparison, another model, a file; a parse (which may only decode
  // the response) when nothing else shows.
  const first = (kind: string) => uses.filter((u) => u.kind === kind).sort((a, b) => a.span.start - b.span.start)[0];
  const shown = onlyKnown ? (first('score') ?? first('model') ?? first('file') ?? first('parse')) : undefined;
  if (shown) {
    const where = `${shown.label}, line ${line(shown.span)}`;
    if (shown.kind === 'model') return note('chained', `whose output only feeds another model call (${where})`);
    if (shown.kind === 'file') return note('file', `whose output is only written to a file (${where})`);
    return note('grader', `whose output is only used as a score or data (${where})`);
  }
  if (hasFixedPrompt(call)) return note('fixed-prompt', 'whose prompt is fixed (every input of it is a constant)');
  const batch = batchScriptOf(facts, text);
  if (batch) return note('batch', `in a batch script that writes files (${batch.label}, line ${line(batch.span)}) and has no web or chat interface`);
  return { context: 'unknown', severity: 'warning', consequence: 'no guardrail filters its prompt or its output' };
}

function note(context: CallUseContext, what: string): CallUse {
  return { context, severity: 'note', consequence: `no guardrail on this call, ${what}` };
}

/**
 * The calls whose results are a model call's output: the call itself, or for an AWS SDK v3 command
 * (`new ConverseCommand({...})`) the `client.send(command)` calls that run it.
 */
function executionsOf(call: CallFact, facts: FileFacts): CallFact[] {
  if (!call.qualifiedName?.endsWith('Command') || !bedrockOperation(call)) return [call];
  return facts.calls.filter((c) => c.name === 'send' && originsIn(c.positional[0]).some((o) => o.call === call));
}

/** Where `call`'s result goes, with pass-through calls and returns followed to their own uses. */
function resolvedUses(call: CallFact, facts: FileFacts, depth: number, seen: Set<CallFact>): Use[] {
  if (seen.has(call)) return [];
  seen.add(call);
  const out: Use[] = [];
  for (const use of directUses(facts).get(call) ?? []) {
    if ((use.kind === 'pass' || use.kind === 'parse') && use.via) {
      // What a pass-through call or a parser returns carries the data on: its own uses count too, and when none shows
      // (the data went where the flow is not followed) the use is unknown.
      if (seen.has(use.via)) continue;
      if (use.kind === 'parse') out.push(use);
      const further = depth < MAX_DEPTH ? resolvedUses(use.via, facts, depth + 1, seen) : [];
      out.push(...(further.length > 0 ? further : [{ ...use, kind: 'other' as const }]));
    } else if (use.kind === 'return' && use.exit) {
      out.push(...returnUses(use, facts, depth, seen));
    } else {
      out.push(use);
    }
  }
  return out;
}

/** What happens to a value a function returns: a route answers the request with it, a tool gives it to the model, a caller uses it. */
function returnUses(use: Use, facts: FileFacts, depth: number, seen: Set<CallFact>): Use[] {
  const fn = use.exit!.function;
  if (!fn) return [{ ...use, kind: 'other' }];
  const name = fn.name ? `\`${fn.name}\`` : 'a function';
  if (fn.decorators.some((d) => ROUTE_DECORATOR.test(d))) return [{ ...use, kind: 'user', label: `the route ${name}'s response` }];
  if (isTool(fn, facts)) return [{ ...use, kind: 'user', label: `the tool ${name}'s result` }];
  if (isLambdaProxyResponse(use.exit!.value)) return [{ ...use, kind: 'user', label: `the Lambda response ${name} returns` }];
  const callers = fn.name && !LAMBDA_HANDLER.test(fn.name) ? facts.calls.filter((c) => calls(c, fn)) : [];
  if (callers.length === 0 || depth >= MAX_DEPTH) return [{ ...use, kind: 'other', label: `${name}'s callers` }];
  return callers.flatMap((c) => resolvedUses(c, facts, depth + 1, seen));
}

function calls(call: CallFact, fn: FunctionInfo): boolean {
  if (call.callee === fn.name) return !fn.className;
  return fn.className !== undefined && (call.callee === `self.${fn.name}` || call.callee === `cls.${fn.name}` || call.callee === `this.${fn.name}` || call.callee === `${fn.className}.${fn.name}`);
}

function isTool(fn: FunctionInfo, facts: FileFacts): boolean {
  if (!TOOL_MODULES.some((m) => facts.imports.has(m))) return false;
  if (fn.decorators.some((d) => TOOL_DECORATOR.test(d))) return true;
  // TypeScript/JavaScript tools: the `execute`/`func` function of a tool definition.
  return facts.language !== 'python' && (fn.name === 'execute' || fn.name === 'func');
}

function isLambdaProxyResponse(value: Value): boolean {
  return value.kind === 'object' && value.props.has('statusCode') && value.props.has('body');
}

/** Every direct use of every call's result in the file, worked out once per file. */
function directUses(facts: FileFacts): Map<CallFact, Use[]> {
  let index = indexes.get(facts);
  if (!index) indexes.set(facts, (index = buildIndex(facts)));
  return index;
}

function buildIndex(facts: FileFacts): Map<CallFact, Use[]> {
  const direct = new Map<CallFact, Use[]>();
  const add = (source: CallFact | undefined, use: Use) => {
    if (!source) return;
    const list = direct.get(source) ?? [];
    if (!list.some((u) => u.span.start === use.span.start && u.kind === use.kind)) list.push(use);
    direct.set(source, list);
  };
  const interactive = isInteractive(facts);
  for (const call of facts.calls) {
    const sources = new Set([...originsIn(call.args), ...call.positional.flatMap(originsIn)].flatMap((o) => (o.call && o.call !== call ? [o.call] : [])));
    if (sources.size === 0) continue;
    const sink = sinkOf(call, facts, interactive);
    for (const source of sources) add(source, { kind: sink.kind, span: call.nameSpan, label: sink.label, via: call });
  }
  for (const exit of facts.exits ?? []) {
    const use = exitUse(exit);
    for (const o of originsIn(exit.value)) add(o.call, { ...use, span: exit.span, exit });
  }
  for (const response of userResponses(facts)) {
    for (const o of response.origins) add(o.call, { kind: 'user', span: response.span, label: response.label });
  }
  return direct;
}

/** What an exit does with a value: a test scores it, a store keeps it (Koa's `ctx.body` answers the request), a return hands it on. */
function exitUse(exit: ExitFact): Pick<Use, 'kind' | 'label'> {
  if (exit.kind === 'compare') return { kind: 'score', label: exit.target ? `\`${exit.target}\`` : 'a comparison' };
  if (exit.kind === 'store') return { kind: /^ctx\.(response\.)?body$/.test(exit.target ?? '') ? 'user' : 'other', label: `\`${exit.target}\`` };
  return { kind: 'return', label: 'a return' };
}

/** A file that asks the person at the terminal (`input()`, `readline`): what it prints, it shows them. */
function isInteractive(facts: FileFacts): boolean {
  return facts.calls.some((c) => c.qualifiedName === 'builtins.input' || c.callee === 'input' || /(^|\.)question$/.test(c.callee) || c.qualifiedName === 'readline.createInterface');
}

/** Every argument that carries a prompt is written out in full: no user, file or request data reaches the model. */
function hasFixedPrompt(call: CallFact): boolean {
  if (call.args.open) return false;
  const prompts = PROMPT_KEYS.map((k) => call.args.props.get(k)?.value).filter((v): v is Value => v !== undefined);
  return prompts.length > 0 && prompts.every((v) => isConstant(v, call.span)) && call.positional.every((v) => v.kind === 'object' || isConstant(v, call.span));
}

/**
 * Known all the way down, with every list and dict written in the call itself: one bound to a name elsewhere may be
 * filled in by `append` or an item assignment the values do not show (strings and numbers cannot change).
 */
function isConstant(value: Value, within: Span): boolean {
  if (value.kind === 'unknown') return false;
  const inCall = value.span.start >= within.start && value.span.end <= within.end;
  if (value.kind === 'object') return inCall && !value.open && [...value.props.values()].every((p) => isConstant(p.value, within));
  if (value.kind === 'array') return inCall && !value.open && value.items.every((item) => isConstant(item, within));
  return true;
}

function batchScriptOf(facts: FileFacts, text: string): { span: Span; label: string } | undefined {
  let batch = batchScripts.get(facts);
  if (batch === undefined) batchScripts.set(facts, (batch = batchScript(facts, text) ?? null));
  return batch ?? undefined;
}

/**
 * A script (run as `__main__`, or calling `main()` at the top level) that writes files, imports no web, UI, chat or agent
 * framework, defines no tool and asks nobody for input: a batch or synthetic-data job. The first file write, for the message.
 */
function batchScript(facts: FileFacts, text: string): { span: Span; label: string } | undefined {
  if (!(facts.language === 'python' ? PYTHON_MAIN : SCRIPT_MAIN).test(text)) return undefined;
  if ([...WEB_AND_CHAT_MODULES, ...UI_MODULES].some((m) => facts.imports.has(m)) || isInteractive(facts)) return undefined;
  // A Lambda handler answers its caller; a tool answers a model.
  if ((facts.exits ?? []).some((e) => e.function && (LAMBDA_HANDLER.test(e.function.name) || isTool(e.function, facts)))) return undefined;
  for (const call of facts.calls) {
    const sink = sinkOf(call, facts, false);
    if (sink.kind === 'file') return { span: call.nameSpan, label: sink.label };
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
