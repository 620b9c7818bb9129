// Terraform's built-in functions that the evaluator computes, each only where its result is certain (semantics from
// hashicorp/terraform, website/docs/language/functions/*.mdx). A function not listed here, or given arguments it would
// treat in ways we do not reproduce exactly (non-ASCII case mapping, sets of objects), gives an unknown value.
// `try`, `can` and `coalesce` read their arguments lazily and live in the evaluator.
import type { Span, Value } from '../types';
import { convert, toStringValue, type TypeConstraint } from './typeConstraints';
import { array, equal, FAILED, isKnown, literal, object, unknown, withSources, type Outcome } from './values';

interface FunctionSpec {
  min: number;
  max: number;
  /** Called with arguments that are not unknown themselves (what they hold may be). */
  apply(args: Value[], at: Span): Outcome;
  /**
   * The result is one of the arguments' values (or a part of one) and keeps its own sources: a value comes from where
   * it is written, not from the arguments that were passed over (`lookup` of a key that is missing).
   */
  picks?: boolean;
}

const ASCII = /^[\x00-\x7f]*$/;

const spec = (min: number, max: number, apply: FunctionSpec['apply'], picks = false): FunctionSpec => ({ min, max, apply, picks });

function strings(args: Value[]): string[] | undefined {
  return args.every((a) => a.kind === 'string') ? args.map((a) => (a as { value: string }).value) : undefined;
}

/** The items of a closed list whose items are all known, else undefined. */
function knownItems(value: Value): Value[] | undefined {
  return value.kind === 'array' && !value.open && value.items.every((item) => isKnown(item)) ? value.items : undefined;
}

function conversion(type: TypeConstraint): FunctionSpec {
  return spec(1, 1, ([value], at) => {
    const converted = convert(value, type, () => unknown(at));
    return converted.kind === 'unknown' ? unknown(at) : converted;
  });
}

const number = (f: (n: number) => number) => spec(1, 1, ([n], at) => (n.kind === 'number' ? literal(f(n.value), at) : unknown(at)));

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  [
    'lookup',
    spec(2, 3, ([map, key, fallback], at) => {
      if (map.kind === 'null') return FAILED;
      if (map.kind !== 'object' || key.kind !== 'string') return unknown(at);
      const prop = map.props.get(key.value);
      if (prop) return withSources(prop.value, map, key);
      if (map.open) return unknown(at);
      return fallback ?? FAILED;
    }, true),
  ],
  [
    'merge',
    spec(0, Infinity, (args, at) => {
      const props: [string, Value][] = [];
      for (const arg of args) {
        if (arg.kind === 'null') continue;
        if (arg.kind !== 'object' || arg.open) return unknown(at);
        for (const [key, prop] of arg.props) props.push([key, prop.value]);
      }
      return object(new Map(props), at);
    }),
  ],
  [
    'concat',
    spec(1, Infinity, (args, at) => {
      if (!args.every((a) => a.kind === 'array')) return unknown(at);
      return array(args.flatMap((a) => (a.kind === 'array' ? a.items : [])), at, args.some((a) => a.kind === 'array' && a.open));
    }),
  ],
  ['upper', spec(1, 1, ([s], at) => (s.kind === 'string' && ASCII.test(s.value) ? literal(s.value.toUpperCase(), at) : unknown(at)))],
  ['lower', spec(1, 1, ([s], at) => (s.kind === 'string' && ASCII.test(s.value) ? literal(s.value.toLowerCase(), at) : unknown(at)))],
  ['trimspace', spec(1, 1, ([s], at) => (s.kind === 'string' && ASCII.test(s.value) ? literal(s.value.trim(), at) : unknown(at)))],
  ['trimprefix', spec(2, 2, (args, at) => { const s = strings(args); return s ? literal(s[0].startsWith(s[1]) ? s[0].slice(s[1].length) : s[0], at) : unknown(at); })],
  ['trimsuffix', spec(2, 2, (args, at) => { const s = strings(args); return s ? literal(s[1] && s[0].endsWith(s[1]) ? s[0].slice(0, -s[1].length) : s[0], at) : unknown(at); })],
  ['startswith', spec(2, 2, (args, at) => { const s = strings(args); return s ? literal(s[0].startsWith(s[1]), at) : unknown(at); })],
  ['endswith', spec(2, 2, (args, at) => { const s = strings(args); return s ? literal(s[0].endsWith(s[1]), at) : unknown(at); })],
  [
    'length',
    spec(1, 1, ([x], at) => {
      if (x.kind === 'array' && !x.open) return literal(x.items.length, at);
      if (x.kind === 'object' && !x.open) return literal(x.props.size, at);
      if (x.kind === 'string' && ASCII.test(x.value)) return literal(x.value.length, at);
      return unknown(at);
    }),
  ],
  [
    'contains',
    spec(2, 2, ([list, value], at) => {
      const items = knownItems(list);
      return items && isKnown(value) ? literal(items.some((item) => equal(item, value)), at) : unknown(at);
    }),
  ],
  [
    'join',
    spec(2, Infinity, ([separator, ...lists], at) => {
      const parts = lists.flatMap((l) => knownItems(l) ?? [unknown(at)]);
      const texts = parts.map((p) => (p.kind === 'null' ? undefined : toStringValue(p)));
      if (separator.kind !== 'string' || texts.some((t) => t?.kind !== 'string')) return unknown(at);
      return literal(texts.map((t) => (t as { value: string }).value).join(separator.value), at);
    }),
  ],
  [
    'element',
    spec(2, 2, ([list, index], at) => {
      if (list.kind !== 'array' || list.open || index.kind !== 'number' || !Number.isInteger(index.value) || index.value < 0) return unknown(at);
      return list.items.length ? withSources(list.items[index.value % list.items.length], list, index) : FAILED;
    }, true),
  ],
  [
    'keys',
    spec(1, 1, ([map], at) => (map.kind === 'object' && !map.open ? array([...map.props.keys()].sort().map((k) => literal(k, at)), at) : unknown(at))),
  ],
  [
    'values',
    spec(1, 1, ([map], at) => (map.kind === 'object' && !map.open ? array([...map.props.keys()].sort().map((k) => map.props.get(k)!.value), at) : unknown(at))),
  ],
  [
    'one',
    spec(1, 1, ([list], at) => {
      if (list.kind !== 'array' || list.open) return unknown(at);
      if (list.items.length > 1) return FAILED;
      return list.items[0] ? withSources(list.items[0], list) : withSources(literal(null, at), list);
    }, true),
  ],
  [
    'compact',
    spec(1, 1, ([list], at) => {
      const items = knownItems(list);
      if (!items || !items.every((i) => i.kind === 'string' || i.kind === 'null')) return unknown(at);
      return array(items.filter((i) => i.kind === 'string' && i.value !== ''), at);
    }),
  ],
  [
    'flatten',
    spec(1, 1, ([list], at) => {
      const out: Value[] = [];
      const visit = (v: Value, depth: number): boolean => {
        if (v.kind !== 'array') return out.push(v) > 0;
        if (v.open || depth > 32) return false;
        return v.items.every((item) => visit(item, depth + 1));
      };
      return list.kind === 'array' && visit(list, 0) ? array(out, at) : unknown(at);
    }),
  ],
  [
    'distinct',
    spec(1, 1, ([list], at) => {
      const items = knownItems(list);
      if (!items) return unknown(at);
      return array(items.filter((item, i) => items.findIndex((other) => equal(other, item)) === i), at);
    }),
  ],
  [
    'coalescelist',
    spec(1, Infinity, (lists, at) => {
      for (const list of lists) {
        if (list.kind !== 'array') return unknown(at);
        if (list.items.length) return list;
        if (list.open) return unknown(at);
      }
      return FAILED;
    }, true),
  ],
  ['min', spec(1, Infinity, (args, at) => (args.every((a) => a.kind === 'number') ? literal(Math.min(...args.map((a) => (a as { value: number }).value)), at) : unknown(at)))],
  ['max', spec(1, Infinity, (args, at) => (args.every((a) => a.kind === 'number') ? literal(Math.max(...args.map((a) => (a as { value: number }).value)), at) : unknown(at)))],
  ['abs', number(Math.abs)],
  ['ceil', number(Math.ceil)],
  ['floor', number(Math.floor)],
  ['tostring', conversion({ kind: 'string' })],
  ['tonumber', conversion({ kind: 'number' })],
  ['tobool', conversion({ kind: 'bool' })],
  ['toset', conversion({ kind: 'set', of: { kind: 'string' } })],
  ['tolist', spec(1, 1, ([list], at) => (list.kind === 'array' ? list : unknown(at)))],
  ['tomap', spec(1, 1, ([map], at) => (map.kind === 'object' ? map : unknown(at)))],
  // Sensitivity changes how Terraform shows a value, not the value.
  ['sensitive', spec(1, 1, ([value]) => value)],
  ['nonsensitive', spec(1, 1, ([value]) => value)],
]);
