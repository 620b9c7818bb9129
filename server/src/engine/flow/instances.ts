// Function summaries for requests: a model call whose request depends on the parameters of the function it is in
// (`def chat(**kwargs): return client.converse(**kwargs)`, `invoke(body)` sending `body`) is read again with the
// arguments each caller writes, through as many wrappers as forward them (up to MAX_LEVELS). A rule judges each
// instance, and a finding about what a caller wrote lands at that caller.
import type { CallFact, FunctionFact, ObjectValue, Value } from '../types';
import { field } from '../values';
import { innermost } from './summary';
import { positionalParameters, type FlowFile, type FlowProject, type NodeRef } from './project';

/** Wrappers followed out from a model call: `chat` → `ask` → the route that calls `ask`. */
const MAX_LEVELS = 4;
/** Instances judged per model call, at most. */
const MAX_INSTANCES = 64;

export interface Instance {
  /** The model call, with the arguments its callers give it. */
  call: CallFact;
  /** The file of the model call. */
  file: FlowFile;
  /** The calls that wrote the arguments, from the nearest wrapper call out; empty when no caller decides them. */
  chain: NodeRef[];
  /** Values the callers wrote (and the objects they are in): a fix that writes into one belongs at the outermost caller. */
  written: WeakSet<object>;
}

/**
 * The model call as each of its callers makes it, when `depends(args)` says its request depends on parameters of
 * the function it is in; the call as written when it does not, or when nothing in the project calls that function.
 * A caller whose arguments the project does not keep (it passes nothing request-like) leaves the parameters unknown.
 */
export function instancesOf(project: FlowProject, file: FlowFile, call: CallFact, depends: (call: CallFact) => boolean): Instance[] {
  const functions = file.facts.functions ?? [];
  type Pending = { call: CallFact; file: FlowFile; fn?: number; chain: NodeRef[]; written: WeakSet<object> };
  let frontier: Pending[] = [{ call, file, fn: innermost(functions, call.span), chain: [], written: new WeakSet() }];
  const done: Pending[] = [];
  for (let level = 0; level < MAX_LEVELS && frontier.length > 0; level++) {
    const next: Pending[] = [];
    for (const item of frontier) {
      const sites = item.fn === undefined || !depends(item.call) ? [] : project.sitesOf({ file: item.file, fn: item.fn });
      if (sites.length === 0) {
        done.push(item);
        continue;
      }
      const fn = (item.file.facts.functions ?? [])[item.fn!];
      for (const site of sites) {
        if (next.length + done.length >= MAX_INSTANCES) break;
        const written = new WeakSet<object>();
        // A call whose arguments are not kept passes nothing request-like: its parameters are values not known.
        const siteCall = project.callOf(site);
        const bindings = siteCall ? bind(fn, siteCall, site.file.facts.language === 'python') : { written: new Map<string, Value>(), defaults: new Map<string, Value>() };
        const copies = new Map<Value, Value>();
        const substitute = (value: Value) => substituted(value, bindings, written, copies);
        const args = substitute(item.call.args);
        next.push({
          call: { ...item.call, args: args.kind === 'object' ? args : item.call.args, positional: item.call.positional.map(substitute) },
          file: site.file,
          fn: site.file.flow.nodes[site.node].fn,
          chain: [...item.chain, site],
          written,
        });
      }
    }
    frontier = next;
  }
  return [...done, ...frontier].map((item) => ({ call: item.call, file, chain: item.chain, written: item.written }));
}

/** What each parameter of `fn` holds at a call: the argument (or for `**kwargs` the other keywords), or the default. */
interface Bindings {
  written: Map<string, Value>;
  defaults: Map<string, Value>;
}

function bind(fn: FunctionFact, site: CallFact, keywords: boolean): Bindings {
  const bindings = new Map<string, Value>();
  const defaults = new Map<string, Value>();
  positionalParameters(fn, site.callee).forEach((param, i) => {
    const arg = site.positional[i];
    if (!arg) return;
    if (param.kind === 'object') for (const key of param.keys ?? []) bindings.set(key, field(arg, key) ?? { kind: 'null', span: arg.span });
    else bindings.set(param.name, arg);
  });
  if (keywords) {
    const rest: ObjectValue = { kind: 'object', props: new Map(), open: site.args.open, span: site.args.span, insert: site.args.insert, ...(site.args.spreads ? { spreads: site.args.spreads } : {}) };
    for (const [key, prop] of site.args.props) {
      if (fn.params.some((p) => p.name === key && (p.kind === 'positional' || p.kind === 'keyword'))) bindings.set(key, prop.value);
      else rest.props.set(key, prop);
    }
    const kwargs = fn.params.find((p) => p.kind === 'keywords');
    if (kwargs) bindings.set(kwargs.name, rest);
  }
  // Parameters the call leaves out take their default; when it spreads something in (`f(**opts)`), they may be in it.
  if (!site.args.open) for (const param of fn.params) if (!bindings.has(param.name) && param.default) defaults.set(param.name, param.default);
  return { written: bindings, defaults };
}

/** `value` with each parameter it holds replaced by what the caller binds it to. Shared parts are done once. */
function substituted(value: Value, bindings: Bindings, written: WeakSet<object>, copies: Map<Value, Value>): Value {
  const known = copies.get(value);
  if (known) return known;
  const copy = substitutedOnce(value, bindings, written, copies);
  copies.set(value, copy);
  return copy;
}

function substitutedOnce(value: Value, bindings: Bindings, written: WeakSet<object>, copies: Map<Value, Value>): Value {
  switch (value.kind) {
    case 'unknown': {
      if (value.parameter === undefined) return value;
      const bound = bindings.written.get(value.parameter);
      if (bound) return mark(bound, written);
      const fallback = bindings.defaults.get(value.parameter);
      if (fallback) return fallback;
      const { parameter: _parameter, ...rest } = value; // not a parameter of the caller's function
      return rest;
    }
    case 'array': {
      const items = value.items.map((item) => substituted(item, bindings, written, copies));
      return items.every((item, i) => item === value.items[i]) ? value : { ...value, items };
    }
    case 'object': {
      let changed = false;
      const props = new Map(value.props);
      for (const [key, prop] of value.props) {
        const inner = substituted(prop.value, bindings, written, copies);
        if (inner !== prop.value) {
          props.set(key, { ...prop, value: inner });
          changed = true;
        }
      }
      const spreads = value.spreads ?? [];
      const bound = spreads.map((s) => (s.parameter !== undefined ? bindings.written.get(s.parameter) : undefined));
      if (!changed && bound.every((b) => b === undefined)) return value;
      let result: ObjectValue = { ...value, props };
      const left = spreads.filter((_, i) => bound[i] === undefined);
      bound.forEach((b) => {
        if (!b) return;
        mark(b, written);
        if (b.kind === 'unknown') left.push(b); // what the caller spreads in is its own caller's to decide
        if (b.kind !== 'object') return;
        // `**kwargs` from the caller: its keywords, written at the call; a new entry goes there.
        const merged = new Map(b.props);
        for (const [key, prop] of result.props) merged.set(key, prop);
        result = { ...result, props: merged, insert: b.insert ?? result.insert };
        if (b.open) left.push(...(b.spreads ?? []));
        written.add(result);
      });
      const open = left.length > 0 || bound.some((b) => b !== undefined && (b.kind !== 'object' || b.open)) || (value.open && spreads.length === 0);
      const done: ObjectValue = { ...result, open, spreads: left.length ? left : undefined };
      if (written.has(result)) written.add(done);
      return done;
    }
    default:
      return value;
  }
}

function mark(value: Value, written: WeakSet<object>): Value {
  if (written.has(value)) return value;
  written.add(value);
  if (value.kind === 'object') for (const p of value.props.values()) mark(p.value, written);
  else if (value.kind === 'array') value.items.forEach((item) => mark(item, written));
  return value;
}

/** True when a value, or any container on the way to it, holds a parameter of the function it is read in. */
export function holdsParameter(value: Value | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'unknown') return value.parameter !== undefined;
  if (value.kind === 'object') return (value.spreads ?? []).some((s) => s.parameter !== undefined);
  return false;
}

/** True when any value along `path` under `value` (the containers, then the entry) holds a parameter. */
export function pathHoldsParameter(value: Value | undefined, path: readonly string[]): boolean {
  let current = value;
  for (const key of path) {
    if (holdsParameter(current)) return true;
    current = current?.kind === 'object' ? current.props.get(key)?.value : undefined;
  }
  return holdsParameter(current);
}
