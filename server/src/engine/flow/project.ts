// The flow summaries of a set of files joined through the functions their calls resolve to: which function of the
// project a call calls (same file, imports, `self.`/`this.` methods), which calls call a function (its sites), and
// where the output of a model call goes from there (`outputFate`). One file alone is a project too: then a call to a
// function it does not define, or a function's return, may lead to code it cannot see.
import type { CallFact, FileFacts, FunctionFact, Span } from '../types';
import type { ProjectFile } from '../project';
import { FileKeys, pathKey, pythonTarget, scriptTarget } from './modules';
import { flowOf, type FlowNode, type FlowSummary, type Source } from './summary';

export interface FlowFile {
  path: string;
  key: string;
  facts: FileFacts;
  flow: FlowSummary;
  /** The project's file it was made of (a notebook's module is kept under another key than its path). */
  source?: ProjectFile;
}

export interface NodeRef {
  file: FlowFile;
  node: number;
}

export interface FunctionRef {
  file: FlowFile;
  fn: number;
}

/** Where a model call's output goes: into an output filter, nowhere that filters it, or (one file) out of sight. */
export type OutputFate = 'filtered' | 'unfiltered' | 'beyond';

/** How many calls deep flows are followed from a function into the functions it calls or is called from. */
const MAX_STEPS = 64;

export class FlowProject {
  private readonly keys = new FileKeys<FlowFile>();
  private sites?: Map<FlowFile, Map<number, NodeRef[]>>;
  private readonly resolved = new Map<FlowFile, Map<number, FunctionRef | null>>();
  private readonly readers = new Map<FlowFile, Readers>();
  /** Each file's nodes and calls by span (the first of each span), indexed when first asked. */
  private readonly nodesBySpan = new Map<FlowFile, Map<string, number>>();
  private readonly callsBySpan = new Map<FlowFile, Map<string, CallFact>>();

  /** `complete`: the files are the whole project (calls that resolve to none of them call code outside it). */
  constructor(
    readonly files: readonly FlowFile[],
    readonly complete: boolean,
  ) {
    for (const file of files) this.keys.add(file.key, file);
  }

  static of(files: readonly { path: string; facts: FileFacts; source?: ProjectFile }[], complete = true): FlowProject {
    return new FlowProject(
      files.map((f) => ({ path: f.path, key: pathKey(f.path), facts: f.facts, flow: flowOf(f.facts), ...(f.source ? { source: f.source } : {}) })),
      complete,
    );
  }

  /** One file seen alone. */
  static ofFile(facts: FileFacts, path = ''): FlowProject {
    return FlowProject.of([{ path, facts }], false);
  }

  file(path: string): FlowFile | undefined {
    return this.keys.get(pathKey(path));
  }

  /** The node of a call (by its span), when the call is one. */
  nodeOf(file: FlowFile, call: { span: Span }): number | undefined {
    return bySpan(this.nodesBySpan, file, () => file.flow.nodes.map((n, i): [Span, number] => [n.span, i])).get(spanKey(call.span));
  }

  /** The call's full facts (arguments as values), when the file keeps them. */
  callOf(ref: NodeRef): CallFact | undefined {
    return bySpan(this.callsBySpan, ref.file, () => ref.file.facts.calls.map((c): [Span, CallFact] => [c.span, c])).get(spanKey(ref.file.flow.nodes[ref.node].span));
  }

  /** The project function a call node calls, if it calls one. */
  resolve(ref: NodeRef): FunctionRef | undefined {
    const known = this.resolved.get(ref.file) ?? this.resolved.set(ref.file, new Map()).get(ref.file)!;
    if (!known.has(ref.node)) known.set(ref.node, this.lookUp(ref) ?? null);
    return known.get(ref.node) ?? undefined;
  }

  private lookUp(ref: NodeRef): FunctionRef | undefined {
    const { file } = ref;
    const node = file.flow.nodes[ref.node];
    if (node.role !== 'call') return undefined;
    const functions = file.facts.functions ?? [];
    const [root, ...rest] = node.callee.split('.');
    const caller = node.fn === undefined ? undefined : functions[node.fn];
    if (rest.length === 0 && !node.qualifiedName) {
      // A function of this file: nested in the caller or the functions around it, else at the top.
      for (let scope = caller?.name; scope; scope = parentName(scope)) {
        const i = functions.findIndex((f) => f.name === `${scope}.${root}` && f.container === scope && functions.some((g) => g.name === scope));
        if (i >= 0) return { file, fn: i };
      }
      const i = functions.findIndex((f) => f.name === root && !f.container);
      return i >= 0 ? { file, fn: i } : undefined;
    }
    if (root === 'self' || root === 'cls' || root === 'this') {
      const owner = caller && classOf(caller, functions);
      const i = owner ? functions.findIndex((f) => f.name === `${owner}.${rest[0]}`) : -1;
      return i >= 0 ? { file, fn: i } : undefined;
    }
    if (!node.qualifiedName) {
      const i = functions.findIndex((f) => f.name === node.callee);
      return i >= 0 ? { file, fn: i } : undefined;
    }
    const target = file.facts.language === 'python' ? pythonTarget(node.qualifiedName, file.key, this.keys) : scriptTarget(node.qualifiedName, file.key, this.keys);
    if (!target) return undefined;
    const theirs = target.file.facts.functions ?? [];
    const name = target.name;
    let i = theirs.findIndex((f) => f.name === name && !(f.container && theirs.some((g) => g.name === f.container)));
    if (i < 0 && (name === 'default' || name.startsWith('default.'))) {
      // `import api from './api'`: the module's default export, a function or an object of them.
      const member = name.slice('default.'.length);
      i = theirs.findIndex((f) => f.exportDefault && (member === '' ? !f.container : f.name.endsWith(`.${member}`)));
    }
    return i >= 0 ? { file: target.file, fn: i } : undefined;
  }

  /** Calls anywhere in the project that call the function. */
  sitesOf(fn: FunctionRef): NodeRef[] {
    if (!this.sites) {
      this.sites = new Map();
      for (const file of this.files) {
        file.flow.nodes.forEach((_, node) => {
          const target = this.resolve({ file, node });
          if (!target) return;
          const byFn = this.sites!.get(target.file) ?? this.sites!.set(target.file, new Map()).get(target.file)!;
          const list = byFn.get(target.fn) ?? byFn.set(target.fn, []).get(target.fn)!;
          list.push({ file, node });
        });
      }
    }
    return this.sites.get(fn.file)?.get(fn.fn) ?? [];
  }

  /**
   * Where the output of a model call goes, following its result through assignments (within a function), into the
   * functions it is passed to (by parameter), out of the functions that return it (to each of their callers), up to
   * `MAX_STEPS` functions away. `filtered` when any path reaches an output filter. Seen alone (`complete` false), a
   * path that leaves the file (a call to a function it does not define, a return) makes the fate `beyond`.
   * `withinFunction`: what the function the call is in does with the output, not what its callers do with it.
   */
  outputFate(ref: NodeRef, withinFunction = false): OutputFate {
    const start = ref.file.flow.nodes[ref.node];
    const reached = this.follow({ kind: 'result', file: ref.file, node: start.output ?? ref.node }, (node) => (node.role === 'filter' ? 'reached' : node.role === 'model' ? 'stop' : 'pass'), withinFunction);
    return reached === 'reached' ? 'filtered' : reached === 'beyond' ? 'beyond' : 'unfiltered';
  }

  /**
   * Follows data forward from a call's result or a function's parameter, through the calls that take it as an
   * argument (into the project functions they call, by parameter) and the functions that return it (to their
   * callers; to the one that passed it in, when it came in by parameter). `test` says what a call that takes the data
   * is: what was looked for (`reached`), the end of this path (`stop`: fed to another model, say), or a call to pass
   * through (`pass`: followed into the function it calls, when it is the project's). This is what output filtering
   * uses; taint from a tool's arguments to a sink can use it too, starting at the tool's parameter.
   */
  follow(start: FlowStart, test: (node: FlowNode, ref: NodeRef) => 'reached' | 'stop' | 'pass', withinFunction = false): 'reached' | 'not-reached' | 'beyond' {
    const queue: State[] = [start];
    const seen = new Set<string>();
    let beyond = false;
    for (let steps = 0; queue.length > 0 && steps < MAX_STEPS * 16; steps++) {
      const state = queue.shift()!;
      const key = stateKey(state);
      if (seen.has(key)) continue;
      seen.add(key);
      const readers = this.readersOf(state.file);
      const { nodes, returns } = state.kind === 'result' ? readers.ofNode(state.node) : readers.ofParam(state.fn, state.param);
      for (const { node, slot } of nodes) {
        const reader = state.file.flow.nodes[node];
        const verdict = test(reader, { file: state.file, node });
        if (verdict === 'reached') return 'reached';
        if (verdict === 'stop') continue;
        const target = this.resolve({ file: state.file, node });
        if (!target) {
          if (!this.complete) beyond = true;
          continue;
        }
        for (const param of parametersFor(target, slot, reader)) queue.push({ kind: 'param', file: target.file, fn: target.fn, param, via: { file: state.file, node } });
      }
      for (const fn of withinFunction ? [] : returns) {
        const via = state.kind === 'param' && state.fn === fn ? state.via : undefined;
        const callers = via ? [via] : this.sitesOf({ file: state.file, fn });
        for (const caller of callers) queue.push({ kind: 'result', file: caller.file, node: caller.node });
        if (!this.complete && !via) beyond = true;
      }
    }
    return beyond ? 'beyond' : 'not-reached';
  }

  private readersOf(file: FlowFile): Readers {
    let readers = this.readers.get(file);
    if (!readers) this.readers.set(file, (readers = new Readers(file.flow)));
    return readers;
  }
}

function spanKey(span: Span): string {
  return `${span.start}:${span.end}`;
}

/** A file's index by span, made the first time it is asked for: the first entry of each span. */
function bySpan<T>(indexes: Map<FlowFile, Map<string, T>>, file: FlowFile, entries: () => [Span, T][]): Map<string, T> {
  let index = indexes.get(file);
  if (!index) {
    index = new Map();
    for (const [span, value] of entries()) {
      const key = spanKey(span);
      if (!index.has(key)) index.set(key, value);
    }
    indexes.set(file, index);
  }
  return index;
}

/** Where `follow` starts: the result of a call node, or a parameter of a function (`via`: the call that passed it). */
export type FlowStart = { kind: 'result'; file: FlowFile; node: number } | { kind: 'param'; file: FlowFile; fn: number; param: string; via?: NodeRef };
type State = FlowStart;

function stateKey(state: State): string {
  return state.kind === 'result' ? `r:${state.file.key}:${state.node}` : `p:${state.file.key}:${state.fn}:${state.param}:${state.via?.file.key}:${state.via?.node}`;
}

/** Who reads a node's result or a parameter in one file: nodes (by argument slot) and functions' returns. */
interface Read {
  /** Nodes that take it as an argument, and in which slot. */
  nodes: { node: number; slot: string }[];
  /** Functions that return it. */
  returns: number[];
}

class Readers {
  /** By the source's key: `n<node>` for a node's result, `p<fn>:<param>` for a parameter of a function. */
  private readonly reads = new Map<string, Read>();

  constructor(flow: FlowSummary) {
    flow.nodes.forEach((node, i) => {
      for (const input of node.inputs) {
        for (const source of input.from) {
          const key = 'node' in source ? `n${source.node}` : node.fn === undefined ? undefined : `p${node.fn}:${source.param}`;
          if (key) this.entry(key).nodes.push({ node: i, slot: input.slot });
        }
      }
    });
    flow.returns.forEach((sources, fn) => {
      for (const source of sources) this.entry('node' in source ? `n${source.node}` : `p${fn}:${source.param}`).returns.push(fn);
    });
  }

  private entry(key: string): Read {
    return this.reads.get(key) ?? this.reads.set(key, { nodes: [], returns: [] }).get(key)!;
  }

  ofNode(node: number): Read {
    return this.reads.get(`n${node}`) ?? { nodes: [], returns: [] };
  }

  ofParam(fn: number, param: string): Read {
    return this.reads.get(`p${fn}:${param}`) ?? { nodes: [], returns: [] };
  }
}

/** The parameters of `target` an argument in `slot` of a call to it lands in. */
export function parametersFor(target: FunctionRef, slot: string, call: Pick<FlowNode, 'callee'>): string[] {
  const fn = (target.file.facts.functions ?? [])[target.fn];
  const params = fn.params;
  if (slot === '**') return params.filter((p) => p.kind !== 'rest').flatMap(namesOf);
  const index = Number(slot);
  if (Number.isNaN(index)) {
    const named = params.find((p) => p.name === slot && (p.kind === 'positional' || p.kind === 'keyword'));
    return named ? [named.name] : params.filter((p) => p.kind === 'keywords').map((p) => p.name);
  }
  const positional = positionalParameters(fn, call.callee);
  const at = positional[index];
  if (at) return namesOf(at);
  return params.filter((p) => p.kind === 'rest').map((p) => p.name);
}

/** The parameters a call's positional arguments fill, in order (a method called on its object does not pass `self`). */
export function positionalParameters(fn: FunctionFact, callee: string) {
  const positional = fn.params.filter((p) => p.kind === 'positional' || p.kind === 'object');
  return fn.method && callee.includes('.') ? positional.slice(1) : positional;
}

function namesOf(p: FunctionFact['params'][number]): string[] {
  return p.kind === 'object' ? (p.keys ?? []) : [p.name];
}

function parentName(name: string): string | undefined {
  const at = name.lastIndexOf('.');
  return at < 0 ? undefined : name.slice(0, at);
}

/** The class a method (or a function nested in one) belongs to. */
function classOf(fn: FunctionFact, functions: readonly FunctionFact[]): string | undefined {
  let current: FunctionFact | undefined = fn;
  for (let i = 0; current && i < 8; i++) {
    if (current.method || (current.container && !functions.some((f) => f.name === current!.container))) return current.container;
    const container: string | undefined = current.container;
    current = functions.find((f) => f.name === container);
  }
  return undefined;
}

export type { Source };
