import type { CallFact, ObjectValue, Property, Span, Value } from './types';

/**
 * Reads `key` of a value. Returns the value, an `unknown` value when the answer cannot be known statically
 * (the container is unknown, or may hold keys that cannot be seen), or `undefined` when the key is certainly absent.
 */
export function field(value: Value | undefined, key: string): Value | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'object': {
      const prop = value.props.get(key);
      if (prop) return prop.value;
      return value.open ? unknownAt(value.span) : undefined;
    }
    case 'null':
      return undefined;
    default:
      // A scalar or list where an object belongs is a mistake the service reports; it is not ours to flag.
      return unknownAt(value.span);
  }
}

/** `field` along a path: `path(args, 'inferenceConfig', 'maxTokens')`. */
export function path(value: Value | undefined, ...keys: string[]): Value | undefined {
  let current = value;
  for (const key of keys) current = field(current, key);
  return current;
}

export function property(obj: ObjectValue | undefined, key: string): Property | undefined {
  return obj?.props.get(key);
}

export function unknownAt(span: Span): Value {
  return { kind: 'unknown', span };
}

export function isUnknown(value: Value | undefined): boolean {
  return value?.kind === 'unknown';
}

/** The string a value certainly holds, if it is a known string. */
export function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

/** True for a known `false` (or a string spelling of it: HCL and YAML templates often quote booleans). */
export function isFalse(value: Value | undefined): boolean {
  if (value?.kind === 'boolean') return !value.value;
  if (value?.kind === 'string') return value.value.toLowerCase() === 'false';
  return false;
}

export function isTrue(value: Value | undefined): boolean {
  if (value?.kind === 'boolean') return value.value;
  if (value?.kind === 'string') return value.value.toLowerCase() === 'true';
  return false;
}

/** Items of a list value; a single object (HCL block given once, YAML scalar-or-list) counts as one item. */
export function itemsOf(value: Value | undefined): Value[] {
  if (!value) return [];
  if (value.kind === 'array') return value.items;
  return [value];
}

/** The callee from its first character to the end of its name: `pickle.load` in `pickle.load(f)`. */
export function calleeSpan(call: CallFact): Span {
  return { start: call.span.start, end: call.nameSpan.end };
}

/** Values visited at most by one walk: values are shared (a name read many times is one value), so a walk is bounded. */
const MAX_VISITS = 5000;

/**
 * Visits `value` and everything under it (object properties, list items) once each, depth first, until `visit` returns
 * true (then true) or the budget of visits is spent.
 */
export function walkValue(value: Value | undefined, visit: (value: Value) => boolean): boolean {
  const seen = new Set<Value>();
  const stack: Value[] = value ? [value] : [];
  while (stack.length > 0 && seen.size < MAX_VISITS) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    if (visit(current)) return true;
    if (current.kind === 'array') for (let i = current.items.length - 1; i >= 0; i--) stack.push(current.items[i]);
    else if (current.kind === 'object') for (const prop of [...current.props.values()].reverse()) stack.push(prop.value);
  }
  return false;
}
