// Building and comparing evaluated values. Every value an evaluation makes takes the place (span) of the expression it
// was evaluated from: the finding about it points where the value is used, and says where it came from (`from`).
import type { Property, Span, Value, ValueSource } from '../types';
import { primitiveText } from './typeConstraints';

/** Terraform would stop with an error here (a missing attribute, an index out of range): `try` moves on. */
export const FAILED = Symbol('failed');
export type Outcome = Value | typeof FAILED;

/** How many sources a value keeps: enough to say where it came from. */
const MAX_SOURCES = 4;

export function unknown(at: Span, refs?: readonly string[], from?: ValueSource[]): Value {
  const value: Value = { kind: 'unknown', span: at };
  if (refs?.length) value.refs = [...new Set(refs)];
  if (from?.length) value.from = from;
  return value;
}

export function string(value: string, at: Span): Value {
  return { kind: 'string', value, span: at };
}

export function literal(v: string | number | boolean | null, at: Span): Value {
  if (v === null) return { kind: 'null', span: at };
  if (typeof v === 'string') return { kind: 'string', value: v, span: at };
  if (typeof v === 'number') return { kind: 'number', value: v, span: at };
  return { kind: 'boolean', value: v, span: at };
}

export function array(items: Value[], at: Span, open = false): Value {
  return { kind: 'array', items, open, span: at };
}

export function object(entries: Iterable<[string, Value]>, at: Span, open = false): Value {
  const props = new Map<string, Property>();
  for (const [key, value] of entries) props.set(key, { key, keySpan: at, value, span: at });
  return { kind: 'object', props, open, span: at };
}

/** The sources of all of `values`, without repeats. */
export function sourcesOf(...values: (Value | undefined | ValueSource[])[]): ValueSource[] | undefined {
  const out: ValueSource[] = [];
  for (const value of values) {
    const from = Array.isArray(value) ? value : value?.from;
    for (const source of from ?? []) {
      if (out.length >= MAX_SOURCES) break;
      if (!out.some((s) => s.kind === source.kind && s.name === source.name && s.path === source.path)) out.push(source);
    }
  }
  return out.length ? out : undefined;
}

/** `value` with `from` added to its own sources (not to those of what it holds). */
export function withSources(value: Value, ...from: (Value | ValueSource[] | undefined)[]): Value {
  const sources = sourcesOf(value, ...from);
  if (!sources) return value;
  return { ...value, from: sources } as Value;
}

/** `value` whose own sources start with `source` (what was read to get it), then those it had. */
export function readFrom(value: Value, source: ValueSource): Value {
  return { ...value, from: sourcesOf([source], value) } as Value;
}

/** References (`refs`) of the unknown values among `values`. */
export function refsOf(values: readonly Value[]): string[] {
  return values.flatMap((v) => (v.kind === 'unknown' ? (v.refs ?? []) : []));
}

/**
 * A copy of `value` that takes the place `at`, at every depth (its sources stay). Values met again (a local used
 * twice) are copied once: `placed` keeps the copies made for `at`.
 */
export function placedAt(value: Value, at: Span, placed = new Map<Value, Value>(), depth = 0): Value {
  const known = placed.get(value);
  if (known) return known;
  let copy: Value;
  if (depth > 64) copy = unknown(at);
  else if (value.kind === 'object') {
    const props = new Map<string, Property>();
    for (const [key, prop] of value.props) props.set(key, { key, keySpan: at, value: placedAt(prop.value, at, placed, depth + 1), span: at });
    copy = { kind: 'object', props, open: value.open, span: at };
    if (value.from) copy.from = value.from;
  } else if (value.kind === 'array') {
    copy = { ...value, items: value.items.map((item) => placedAt(item, at, placed, depth + 1)), span: at };
  } else {
    copy = { ...value, span: at } as Value;
  }
  placed.set(value, copy);
  return copy;
}

/** True when `value` holds no unknown value and no open container at any depth. */
export function isKnown(value: Value, depth = 0): boolean {
  if (depth > 64) return false;
  if (value.kind === 'unknown') return false;
  if (value.kind === 'object') return !value.open && [...value.props.values()].every((p) => isKnown(p.value, depth + 1));
  if (value.kind === 'array') return !value.open && value.items.every((item) => isKnown(item, depth + 1));
  return true;
}

/** Terraform's `==` on two known values: same type and same contents. */
export function equal(a: Value, b: Value, depth = 0): boolean {
  if (depth > 64 || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'object': {
      const other = b as typeof a;
      return a.props.size === other.props.size && [...a.props].every(([k, p]) => other.props.has(k) && equal(p.value, other.props.get(k)!.value, depth + 1));
    }
    case 'array': {
      const other = b as typeof a;
      return a.items.length === other.items.length && a.items.every((item, i) => equal(item, other.items[i], depth + 1));
    }
    case 'null':
      return true;
    case 'unknown':
      return false;
    default:
      return a.value === (b as typeof a).value;
  }
}

/** How a value is shown in a message: `false`, `"Enabled"`, `null`, `[…]`, `{…}`. */
export function shown(value: Value): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value.length > 60 ? `${value.value.slice(0, 57)}...` : value.value);
    case 'null':
      return 'null';
    case 'object':
      return value.props.size ? '{…}' : '{}';
    case 'array':
      return value.items.length ? '[…]' : '[]';
    case 'unknown':
      return '(unknown)';
    default:
      return primitiveText(value) ?? String(value.value);
  }
}

/** The number of values in `value`, counting nested ones, up to `limit`. */
export function sizeOf(value: Value, limit: number): number {
  let count = 0;
  const visit = (v: Value) => {
    if (++count > limit) return;
    if (v.kind === 'object') for (const p of v.props.values()) visit(p.value);
    else if (v.kind === 'array') for (const item of v.items) visit(item);
  };
  visit(value);
  return count;
}
