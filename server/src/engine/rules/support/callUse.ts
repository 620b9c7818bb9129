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
import { userResponses, type UserResponse } from '../../apis/responses';
import { ContextKeys, type ContextKey } from '../../contextKeys';
import { Slot } from '../../slot';
import type { CallFact, ExitFact, FileFacts, FunctionInfo, Severity, Span, Value } from '../../types';
import { UI_MODULES, WEB_AND_CHAT_MODULES, sinkOf, type Sink, type SinkKind } from '../../apis/outputSinks';
import { push } from '../../multimap';

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

/** What `callUse` works out once per file for all the calls it is asked about (`FileUses`). */
const files = new WeakMap<FileFacts, FileUses>();

/** What the code shows `call`'s output is used for, and the severity and words a guardrail finding on it takes. */
export function callUse(call: CallFact, facts: FileFacts, text: string): CallUse {
  const file = fileUses(facts, text);
  let use = file.results.get(call);
  if (!use) file.results.set(call, (use = useOf(call, file)));
  return use;
}

function useOf(call: CallFact, file: FileUses): CallUse {
  const line = (span: Span) => file.lineOf(span.start);
  const uses = executionsOf(call, file).flatMap((e) => resolvedUses(e, file, 0, new Set()));
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
  if (fixedPrompt(call)) return note('fixed-prompt', 'whose prompt is fixed (every input of it is a constant)');
  const batch = file.batchScript();
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
function executionsOf(call: CallFact, file: FileUses): CallFact[] {
  if (!call.qualifiedName?.endsWith('Command') || !bedrockOperation(call)) return [call];
  return file.sendsOf(call);
}

/** Where `call`'s result goes, with pass-through calls and returns followed to their own uses. */
function resolvedUses(call: CallFact, file: FileUses, depth: number, seen: Set<CallFact>): Use[] {
  if (seen.has(call)) return [];
  seen.add(call);
  const out: Use[] = [];
  for (const use of file.direct(call)) {
    if ((use.kind === 'pass' || use.kind === 'parse') && use.via) {
      // What a pass-through call or a parser returns carries the data on: its own uses count too, and when none shows
      // (the data went where the flow is not followed) the use is unknown.
      if (seen.has(use.via)) continue;
      if (use.kind === 'parse') out.push(use);
      const further = depth < MAX_DEPTH ? resolvedUses(use.via, file, depth + 1, seen) : [];
      out.push(...(further.length > 0 ? further : [{ ...use, kind: 'other' as const }]));
    } else if (use.kind === 'return' && use.exit) {
      out.push(...returnUses(use, file, depth, seen));
    } else {
      out.push(use);
    }
  }
  return out;
}

/** What happens to a value a function returns: a route answers the request with it, a tool gives it to the model, a caller uses it. */
function returnUses(use: Use, file: FileUses, depth: number, seen: Set<CallFact>): Use[] {
  const fn = use.exit!.function;
  if (!fn) return [{ ...use, kind: 'other' }];
  const name = fn.name ? `\`${fn.name}\`` : 'a function';
  if (fn.decorators.some((d) => ROUTE_DECORATOR.test(d))) return [{ ...use, kind: 'user', label: `the route ${name}'s response` }];
  if (isTool(fn, file.facts)) return [{ ...use, kind: 'user', label: `the tool ${name}'s result` }];
  if (isLambdaProxyResponse(use.exit!.value)) return [{ ...use, kind: 'user', label: `the Lambda response ${name} returns` }];
  const callers = fn.name && !LAMBDA_HANDLER.test(fn.name) ? file.callersOf(fn) : [];
  if (callers.length === 0 || depth >= MAX_DEPTH) return [{ ...use, kind: 'other', label: `${name}'s callers` }];
  return callers.flatMap((c) => resolvedUses(c, file, depth + 1, seen));
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

/**
 * Who reads each call's result, in the order the direct uses are listed: the calls that take it (in the file's
 * order), the exits that hand it on, the responses that send it. Only the sources come from the whole file on every
 * edit (kept by fact); what each reader makes of the value (`Use`, its sink) is worked out only for the calls a rule
 * asks about.
 */
function buildReaders(facts: FileFacts): Map<CallFact, Reader[]> {
  const readers = new Map<CallFact, Reader[]>();
  const add = (source: CallFact, reader: Reader) => {
    const list = readers.get(source);
    if (!list) readers.set(source, [reader]);
    else list.push(reader);
  };
  for (const call of facts.calls) for (const source of callsInto(call)) add(source, call);
  for (const exit of facts.exits ?? []) for (const source of callsInto(exit)) add(source, exit);
  for (const response of userResponses(facts)) for (const o of response.origins) if (o.call) add(o.call, response);
  return readers;
}

type Reader = CallFact | ExitFact | UserResponse;

/** The direct uses of a call's result, each place and kind once (the first reader's words). */
function usesFrom(readers: readonly Reader[], file: FileUses): Use[] {
  const uses: Use[] = [];
  for (const reader of readers) {
    const use = useBy(reader, file);
    if (!uses.some((u) => u.span.start === use.span.start && u.kind === use.kind)) uses.push(use);
  }
  return uses;
}

function useBy(reader: Reader, file: FileUses): Use {
  if (!('kind' in reader)) return { kind: 'user', span: reader.span, label: reader.label };
  if (reader.kind === 'call') {
    const sink = sinkIn(reader, file.facts, file.interactive(), file.sinkContext());
    return { kind: sink.kind, span: reader.nameSpan, label: sink.label, via: reader };
  }
  const { kind, label } = exitUse(reader);
  return { kind, label, span: reader.span, exit: reader };
}

/**
 * What is kept of each call and exit, by fact (a fact kept from one version of a file to the next, as the language
 * server's edits keep them, is the same object with the same values): the calls whose results flow into its arguments
 * or into what it hands on, and a call's sink with the file context it was worked out in.
 */
interface FactPart {
  sources: readonly CallFact[];
  sink?: { context: ContextKey; sink: Sink };
  /** `hasFixedPrompt`: it reads where values are only relative to the call, which the statement's moves keep. */
  fixedPrompt?: boolean;
}

const parts = new Slot<CallFact | ExitFact, FactPart>('call use');

function partOf(fact: CallFact | ExitFact): FactPart {
  let part = parts.get(fact);
  if (!part) parts.set(fact, (part = { sources: sourcesOf(fact) }));
  return part;
}

/** The calls whose results flow into a call's arguments (other than the call itself) or into what an exit hands on, each once, in the order the values hold them. */
function callsInto(fact: CallFact | ExitFact): readonly CallFact[] {
  return partOf(fact).sources;
}

function sourcesOf(fact: CallFact | ExitFact): readonly CallFact[] {
  const found: CallFact[] = [];
  const self = fact.kind === 'call' ? fact : undefined;
  if (fact.kind === 'call') {
    collectSources(fact.args, self, found);
    for (const value of fact.positional) collectSources(value, self, found);
  } else collectSources(fact.value, self, found);
  return found.length > 0 ? found : NONE;
}

const NONE: readonly CallFact[] = [];
const NO_USES: readonly Use[] = [];

function collectSources(value: Value, self: CallFact | undefined, found: CallFact[]): void {
  if (value.kind === 'unknown') {
    for (const o of value.origins ?? []) if (o.call && o.call !== self && !found.includes(o.call)) found.push(o.call);
  } else if (value.kind === 'array') for (const item of value.items) collectSources(item, self, found);
  else if (value.kind === 'object') for (const p of value.props.values()) collectSources(p.value, self, found);
}

const sinkContexts = new ContextKeys();

/** A call's sink: kept with the file context it was worked out in. */
function sinkIn(call: CallFact, facts: FileFacts, interactive: boolean, context: ContextKey): Sink {
  const part = partOf(call);
  // A `send` call is a model call when the command it sends is one, which the keys read from its result may decide.
  if (part.sink?.context === context && call.name !== 'send') return part.sink.sink;
  const sink = sinkOf(call, facts, interactive);
  part.sink = { context, sink };
  return sink;
}

/** All that `sinkOf` reads of the file besides the call: its language, imports, imported names and whether it is interactive. */
function sinkContext(facts: FileFacts, interactive: boolean): ContextKey {
  const names = facts.importedNames ? [...facts.importedNames].map(([name, module]) => `${name}=${module}`) : [];
  return sinkContexts.of(`${facts.language} ${interactive} ${[...facts.imports].join(',')} ${names.join(',')}`);
}

/** What an exit does with a value: a test scores it, a store keeps it (Koa's `ctx.body` answers the request), a return hands it on. */
function exitUse(exit: ExitFact): Pick<Use, 'kind' | 'label'> {
  if (exit.kind === 'compare') return { kind: 'score', label: exit.target ? `\`${exit.target}\`` : 'a comparison' };
  if (exit.kind === 'store') return { kind: /^ctx\.(response\.)?body$/.test(exit.target ?? '') ? 'user' : 'other', label: `\`${exit.target}\`` };
  return { kind: 'return', label: 'a return' };
}

/** A file that asks the person at the terminal (`input()`, `readline`): what it prints, it shows them. */
function isInteractive(facts: FileFacts): boolean {
  return facts.calls.some((c) => c.qualifiedName === 'builtins.input' || c.callee === 'input' || c.callee === 'question' || c.callee.endsWith('.question') || c.qualifiedName === 'readline.createInterface');
}

function fixedPrompt(call: CallFact): boolean {
  const part = partOf(call);
  return (part.fixedPrompt ??= hasFixedPrompt(call));
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

/**
 * A script (run as `__main__`, or calling `main()` at the top level) that writes files, imports no web, UI, chat or agent
 * framework, defines no tool and asks nobody for input: a batch or synthetic-data job. The first file write, for the message.
 */
function batchScript(facts: FileFacts, text: string, interactive: boolean): { span: Span; label: string } | undefined {
  // Both patterns hold `main`: a search for it skips the line-by-line match in most files.
  if (!text.includes('main') || !(facts.language === 'python' ? PYTHON_MAIN : SCRIPT_MAIN).test(text)) return undefined;
  if ([...WEB_AND_CHAT_MODULES, ...UI_MODULES].some((m) => facts.imports.has(m)) || interactive) return undefined;
  // A Lambda handler answers its caller; a tool answers a model.
  if ((facts.exits ?? []).some((e) => e.function && (LAMBDA_HANDLER.test(e.function.name) || isTool(e.function, facts)))) return undefined;
  for (const call of facts.calls) {
    const sink = sinkOf(call, facts, false);
    if (sink.kind === 'file') return { span: call.nameSpan, label: sink.label };
  }
  return undefined;
}

/**
 * One file's indexes for `callUse`, made as they are first needed: each call's direct uses, the calls by callee (a
 * function's callers), the `send` calls that run each SDK v3 command, where its lines start, the batch-script verdict,
 * and each call's use once worked out. They hold for one version of the file: its facts and their text.
 */
class FileUses {
  readonly results = new Map<CallFact, CallUse>();
  private readers?: Map<CallFact, Reader[]>;
  private readonly uses = new Map<CallFact, readonly Use[]>();
  private asks?: boolean;
  private context?: ContextKey;
  private byCallee?: Map<string, CallFact[]>;
  private position?: Map<CallFact, number>;
  private readonly callers = new Map<FunctionInfo, CallFact[]>();
  private sends?: Map<CallFact, CallFact[]>;
  private lineStarts?: number[];
  private batch?: { span: Span; label: string } | null;

  constructor(
    readonly facts: FileFacts,
    readonly text: string,
  ) {}

  /** What the code does with `call`'s result where it reads it (a call, an exit, a response). */
  direct(call: CallFact): readonly Use[] {
    let uses = this.uses.get(call);
    if (!uses) {
      const readers = (this.readers ??= buildReaders(this.facts)).get(call);
      this.uses.set(call, (uses = readers ? usesFrom(readers, this) : NO_USES));
    }
    return uses;
  }

  /** Whether the file asks the person at the terminal for input. */
  interactive(): boolean {
    return (this.asks ??= isInteractive(this.facts));
  }

  sinkContext(): ContextKey {
    return (this.context ??= sinkContext(this.facts, this.interactive()));
  }

  /** The calls of the file that call `fn`, in the file's order. */
  callersOf(fn: FunctionInfo): CallFact[] {
    let callers = this.callers.get(fn);
    if (!callers) this.callers.set(fn, (callers = this.findCallers(fn)));
    return callers;
  }

  private findCallers(fn: FunctionInfo): CallFact[] {
    if (!this.byCallee) {
      this.byCallee = new Map();
      for (const c of this.facts.calls) push(this.byCallee, c.callee, c);
    }
    const lists = [...calleesOf(fn)].map((callee) => this.byCallee!.get(callee)).filter((list): list is CallFact[] => list !== undefined);
    if (lists.length === 0) return [];
    if (lists.length === 1) return lists[0];
    // Called in more than one way: in the file's order.
    if (!this.position) {
      this.position = new Map();
      this.facts.calls.forEach((c, i) => this.position!.set(c, i));
    }
    return lists.flat().sort((a, b) => this.position!.get(a)! - this.position!.get(b)!);
  }

  /** The `client.send(command)` calls that run `command`, in the file's order. */
  sendsOf(command: CallFact): CallFact[] {
    if (!this.sends) {
      this.sends = new Map();
      for (const c of this.facts.calls) {
        if (c.name !== 'send') continue;
        for (const o of originsIn(c.positional[0])) {
          if (!o.call) continue;
          const list = this.sends.get(o.call);
          if (!list) this.sends.set(o.call, [c]);
          else if (list[list.length - 1] !== c) list.push(c);
        }
      }
    }
    return this.sends.get(command) ?? [];
  }

  /** The 1-based line of an offset. */
  lineOf(offset: number): number {
    const starts = (this.lineStarts ??= newlineStarts(this.text));
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  batchScript(): { span: Span; label: string } | undefined {
    if (this.batch === undefined) this.batch = batchScript(this.facts, this.text, this.interactive()) ?? null;
    return this.batch ?? undefined;
  }
}

/** How a call of `fn` is written: its name for a function, `self.`/`cls.`/`this.` or its class and its name for a method. */
function calleesOf(fn: FunctionInfo): Set<string> {
  const callees = new Set<string>();
  if (!fn.className) callees.add(fn.name);
  if (fn.className === undefined) return callees;
  for (const callee of [`self.${fn.name}`, `cls.${fn.name}`, `this.${fn.name}`, `${fn.className}.${fn.name}`]) if (callee !== fn.name) callees.add(callee);
  return callees;
}

function fileUses(facts: FileFacts, text: string): FileUses {
  let file = files.get(facts);
  if (!file || file.text !== text) files.set(facts, (file = new FileUses(facts, text)));
  return file;
}

/** Where each line starts, counting only `\n` as a line break (as the messages' line numbers always have). */
function newlineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
