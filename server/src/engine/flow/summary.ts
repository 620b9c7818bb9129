// A file's data flow between calls and functions, in a form small enough to keep for every file of a workspace: the
// calls that matter to flows across functions (model calls, output filters, calls to functions that may be the
// project's own), what flows into each of their arguments (another such call's result, or a parameter of the function
// they are in), and what each function returns. Built from the origins the extractors follow within a function
// (`Origin`); `engine/flow/project.ts` joins the files' summaries through the functions calls resolve to.
import { isModelCall, originsIn } from '../apis/models';
import { isOutputFilter } from '../apis/outputFilters';
import { mayBeProjectModule } from './libraries';
import type { CallFact, FileFacts, FunctionFact, Origin, Span, Value } from '../types';
import { ContextKeys, type ContextKey } from '../contextKeys';
import { Slot } from '../slot';
import { innermostIn } from '../enclosing';

export { innermost, innermostIn } from '../enclosing';

/** Where data comes from: the result of a node of the same file, or a parameter of the function the reader is in. */
export type Source = { node: number } | { param: string };

export interface FlowNode {
  span: Span;
  nameSpan: Span;
  callee: string;
  name: string;
  qualifiedName?: string;
  /** `model`: asks a model for output; `filter`: filters model output; `call`: may call a function of the project. */
  role: 'model' | 'filter' | 'call';
  /** The function it is in (an index into the file's `functions`). */
  fn?: number;
  /** What flows into each argument: `0`, `1`… positional, keyword names, `**` for what is spread in (none for a model call). */
  inputs: { slot: string; from: Source[] }[];
  /** AWS SDK v3: the `send` call whose result is this command's output. */
  output?: number;
}

export interface FlowSummary {
  nodes: FlowNode[];
  /** Per function of the file (same index as `functions`): where what it returns comes from. */
  returns: Source[][];
}

const summaries = new WeakMap<FileFacts, FlowSummary>();

/** The file's flow summary: kept with the facts when they are trimmed for the workspace, else made once from them. */
export function flowOf(facts: FileFacts): FlowSummary {
  if (facts.flow) return facts.flow;
  let summary = summaries.get(facts);
  if (!summary) summaries.set(facts, (summary = summarize(facts)));
  return summary;
}

/**
 * What the summary reads of one call, kept by call: the call facts an edit does not change are the same objects
 * after it (the Python and TypeScript extractors keep them and move them in place), so an edit works out again only
 * the calls it changed. Its role depends on the file around it too (`roleContext`); what flows into its arguments
 * does not, and holds no position (each node's spans are read from the call when the summary is made).
 */
interface CallPart {
  context: ContextKey;
  resultKeys: readonly string[] | undefined;
  /** A `send` call's: `commandKeys`. */
  commandKeys?: (readonly string[] | undefined)[];
  role: FlowNode['role'] | undefined;
  args: CallFact['args'];
  positional: readonly Value[];
  /** Per argument slot, what may flow into it (`Entry`): worked out when first needed (model calls' are not). */
  slots?: readonly (readonly [string, readonly Entry[]])[];
}

/** A source before it is placed in a summary: a call (a node, if it is one) or a name (a parameter, if it is one). */
type Entry = CallFact | string;

const callParts = new Slot<CallFact, CallPart>('flow summary call');
const functionReturns = new Slot<readonly Value[], readonly Entry[]>('flow summary returns');
const roleContexts = new ContextKeys();
/** Each summary's node of each call, as `FlowProject.nodeOf` finds it (by span: a call with the span of an earlier node has that node). */
const nodesByCall = new Slot<FlowSummary, Map<CallFact, number>>('flow summary nodes');

function summarize(facts: FileFacts): FlowSummary {
  const functions = facts.functions ?? [];
  const context = roleContext(facts);
  const index = new Map<CallFact, number>();
  const nodes: FlowNode[] = [];
  const parts: CallPart[] = [];
  const calls: CallFact[] = [];
  for (const call of facts.calls) {
    const part = partOf(call, facts, context);
    const role = part.role;
    if (!role) continue;
    index.set(call, nodes.length);
    calls.push(call);
    parts.push(part);
    // Two literals, not a spread (V8's generic clone is slow), in the same key order.
    const { span, nameSpan, callee, name, qualifiedName } = call;
    nodes.push(qualifiedName ? { span, nameSpan, callee, name, qualifiedName, role, inputs: [] } : { span, nameSpan, callee, name, role, inputs: [] });
  }
  const enclosing = innermostIn(functions);
  nodes.forEach((node, i) => {
    const call = calls[i];
    const fn = enclosing(call.span);
    if (fn !== undefined) node.fn = fn;
    // Data a model call takes ends there (it is not the model's output): its inputs are not kept, and but for
    // `client.send(command)`'s are not read.
    if (node.role === 'model' && call.name !== 'send') return;
    const params = fn === undefined ? undefined : functions[fn];
    for (const [slot, entries] of (parts[i].slots ??= slotsOf(call))) {
      const from = sources(entries, index, params);
      if (from.length) node.inputs.push({ slot, from });
    }
    // `client.send(command)`: the command's output is what `send` returns.
    if (call.name === 'send') {
      for (const source of node.inputs.find((input) => input.slot === '0')?.from ?? []) {
        if ('node' in source && nodes[source.node].role === 'model') nodes[source.node].output = i;
      }
    }
  });
  for (const node of nodes) if (node.role === 'model') node.inputs = [];
  const returns = functions.map((fn) => sources(returnEntries(fn), index, fn));
  const summary = { nodes, returns };
  nodesByCall.set(summary, nodesBySpan(index, nodes));
  return summary;
}

/** The node of a call in a summary `flowOf` made (undefined for one kept with trimmed facts: ask `FlowProject.nodeOf`). */
export function summaryNodeOf(summary: FlowSummary, call: CallFact): number | undefined | 'unknown' {
  const byCall = nodesByCall.get(summary);
  return byCall ? byCall.get(call) : 'unknown';
}

/** `index`, but a node whose span an earlier node has is that earlier node (calls rarely share a span). */
function nodesBySpan(index: Map<CallFact, number>, nodes: readonly FlowNode[]): Map<CallFact, number> {
  const byStart = new Map<number, number[]>();
  for (const [call, node] of index) {
    const { start, end } = nodes[node].span;
    const same = byStart.get(start);
    if (!same) {
      byStart.set(start, [node]);
      continue;
    }
    const first = same.find((n) => nodes[n].span.end === end);
    if (first !== undefined) index.set(call, first);
    else same.push(node);
  }
  return index;
}

function partOf(call: CallFact, facts: FileFacts, context: ContextKey): CallPart {
  let part = callParts.get(call);
  if (part && part.args === call.args && part.positional === call.positional) {
    // The keys read from its result are set anew on every edit (a model's kind may follow from them); a `send` call's
    // role follows from the command's.
    if (part.context !== context || !sameKeys(part.resultKeys, call.resultKeys) || (call.name === 'send' && !sameCommands(part, call))) {
      part.context = context;
      part.resultKeys = call.resultKeys;
      part.role = roleOf(call, facts);
      if (call.name === 'send') part.commandKeys = commandKeys(call);
    }
    return part;
  }
  part = { context, resultKeys: call.resultKeys, role: roleOf(call, facts), args: call.args, positional: call.positional };
  if (call.name === 'send') part.commandKeys = commandKeys(call);
  callParts.set(call, part);
  return part;
}

/** `client.send(command)`: the keys read from the results of the calls its argument comes from (the commands). */
function commandKeys(call: CallFact): (readonly string[] | undefined)[] {
  return originsIn(call.positional[0]).map((o) => o.call?.resultKeys);
}

function sameCommands(part: CallPart, call: CallFact): boolean {
  const now = commandKeys(call);
  return part.commandKeys !== undefined && part.commandKeys.length === now.length && now.every((keys, i) => sameKeys(keys, part.commandKeys![i]));
}

function sameKeys(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((key, i) => key === b[i]));
}

/**
 * All that `roleOf` reads of the file besides the call: its language, imports, imported names, and its functions'
 * names (`mayCallProjectFunction`), as one key per distinct context.
 */
function roleContext(facts: FileFacts): ContextKey {
  const names = functionNames(facts);
  const imported = facts.importedNames ? [...facts.importedNames.keys()].join(',') : '';
  return roleContexts.of(`${facts.language}\n${[...facts.imports].join(',')}\n${imported}\n${[...names.own].join(',')}\n${[...names.containers].join(',')}`);
}

/** What may flow into each argument of a call: positional ones, keywords, then `**` for what is spread in. */
function slotsOf(call: CallFact): (readonly [string, readonly Entry[]])[] {
  const slots: (readonly [string, readonly Entry[]])[] = [
    ...call.positional.map((v, p) => [String(p), entriesOf([v])] as const),
    ...[...call.args.props.values()].map((p) => [p.key, entriesOf([p.value])] as const),
  ];
  if (call.args.spreads?.length) slots.push(['**', entriesOf(call.args.spreads)]);
  return slots;
}

/** Kept by the function's list of returns, which the extractors keep with the function's statement (Python copies the function's fact itself when it moves). */
function returnEntries(fn: FunctionFact): readonly Entry[] {
  let entries = functionReturns.get(fn.returns);
  if (!entries) functionReturns.set(fn.returns, (entries = entriesOf(fn.returns)));
  return entries;
}

/** The calls and names the values' deep origins come from, each once, in their order. */
function entriesOf(values: readonly Value[]): readonly Entry[] {
  const out: Entry[] = [];
  const seen = new Set<Entry>();
  for (const value of values) {
    for (const origin of deepOrigins(value)) {
      const entry = origin.kind === 'call' ? origin.call : origin.name;
      if (entry === undefined || seen.has(entry)) continue;
      seen.add(entry);
      out.push(entry);
    }
  }
  return out.length > 0 ? out : NO_ENTRIES;
}

const NO_ENTRIES: readonly Entry[] = [];

/** Whether a call is a node: a model call, an output filter, or a call that may be to the project's own function. */
function roleOf(call: CallFact, facts: FileFacts): FlowNode['role'] | undefined {
  if (isModelCall(call, facts)) return 'model';
  if (isOutputFilter(call, facts)) return 'filter';
  return mayCallProjectFunction(call, facts) ? 'call' : undefined;
}

/**
 * A call of a name defined or imported in the file, of a method of the class it is in (`self.`, `this.`), or of a
 * function of an imported module: it may be one of the project's functions. Methods of other objects are not
 * followed (their class is not known).
 */
export function mayCallProjectFunction(call: CallFact, facts: FileFacts): boolean {
  const dot = call.callee.indexOf('.');
  const root = dot < 0 ? call.callee : call.callee.slice(0, dot);
  if (root === 'self' || root === 'cls' || root === 'this') return dot > 0 && call.callee.indexOf('.', dot + 1) < 0;
  if (call.qualifiedName && facts.importedNames?.has(root)) return mayBeProjectModule(call.qualifiedName, facts.language);
  const names = functionNames(facts);
  return dot < 0 ? names.own.has(root) : names.containers.has(root);
}

const namesOf = new WeakMap<FileFacts, { own: Set<string>; containers: Set<string> }>();

/** The last part of each function's name (`chat`, `ask` of `Assistant.ask`), and the classes and functions holding them. */
function functionNames(facts: FileFacts): { own: Set<string>; containers: Set<string> } {
  let names = namesOf.get(facts);
  if (!names) {
    names = { own: new Set(), containers: new Set() };
    for (const fn of facts.functions ?? []) {
      names.own.add(fn.name.slice(fn.name.lastIndexOf('.') + 1));
      if (fn.container) names.containers.add(fn.container);
    }
    namesOf.set(facts, names);
  }
  return names;
}

/**
 * Each value's deep origins, kept by value: a value kept from one version of a file to the next (the language
 * server's edits) is the same object with the same parts.
 */
const deepOriginsOf = new WeakMap<Value, readonly Origin[]>();

/** Origins of a value, anything in it and what is spread into its objects. Values share parts: each is read once. */
function deepOrigins(value: Value): readonly Origin[] {
  let known = deepOriginsOf.get(value);
  if (!known) deepOriginsOf.set(value, (known = originsWithin(value)));
  return known;
}

function originsWithin(value: Value): Origin[] {
  const out: Origin[] = [];
  const seen = new Set<Value>();
  const visit = (v: Value) => {
    if (seen.has(v)) return;
    seen.add(v);
    if (v.kind === 'unknown') out.push(...(v.origins ?? []));
    else if (v.kind === 'object') {
      for (const s of v.spreads ?? []) visit(s);
      for (const p of v.props.values()) visit(p.value);
    } else if (v.kind === 'array') v.items.forEach(visit);
  };
  visit(value);
  return out;
}

function sources(entries: readonly Entry[], index: Map<CallFact, number>, fn: FunctionFact | undefined): Source[] {
  const out: Source[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      const node = index.get(entry);
      if (node !== undefined) out.push({ node });
    } else if (fn?.params.some((p) => p.name === entry || p.keys?.includes(entry))) {
      out.push({ param: entry });
    }
  }
  return out;
}
