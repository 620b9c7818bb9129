// Values built in steps: what a write after a binding (`d["k"] = v`, `d.update(...)`, `o.k = v`, `Object.assign`,
// `push()`) does to the value the binding holds. Each write adds what it adds; a write that cannot be read (a computed
// key, a call that may change the value) leaves the value open where it may have written, and known elsewhere.
// Values are shared between the places that read them: every write makes a new value, never changes one.
import type { ArrayValue, ObjectValue, Property, Span, UnknownValue, Value } from '../types';

/** One step applied to a value. `value` is already evaluated by the language's extractor. */
export type ValueWrite =
  /** `d["a"]["b"] = v`, `o.a.b = v`: sets the key at the end of `path`. */
  | { kind: 'set'; path: string[]; value: Value; keySpan: Span; span: Span }
  /** `d.update(other)`, `Object.assign(o, other)`, `d |= other`: adds the entries of `value`. */
  | { kind: 'merge'; path: string[]; value: Value }
  /** `d.setdefault("k", v)`: sets the key when it is absent. */
  | { kind: 'default'; path: string[]; value: Value; keySpan: Span; span: Span }
  /** `del d["k"]`, `d.pop("k")`, `delete o.k`. */
  | { kind: 'delete'; path: string[] }
  /** `d.clear()`. */
  | { kind: 'clear'; path: string[] }
  /** `l.append(v)`, `a.push(v)`; `extend`/`push(...items)` add each item of `value`. */
  | { kind: 'append'; path: string[]; value: Value; each: boolean }
  /** A write that cannot be read: `d[key] = v`, a call that may change the value. */
  | { kind: 'open'; path: string[] };

/** Applies `change` to the value at `path` under `value`, copying the containers on the way. */
function at(value: Value, path: string[], change: (target: Value) => Value): Value {
  if (path.length === 0) return change(value);
  if (value.kind !== 'object') return value; // a write into something that is not a dict fails at run time
  const [key, ...rest] = path;
  const prop = value.props.get(key);
  if (!prop) return value.open ? value : withProp(value, key, { key, keySpan: value.span, span: value.span, value: at(unknownAt(value.span), rest, change) });
  return withProp(value, key, { ...prop, value: at(prop.value, rest, change) });
}

/** `value` after each of `writes`, in order. */
export function applyWrites(value: Value, writes: readonly ValueWrite[]): Value {
  let current = value;
  for (const write of writes) current = applyOne(current, write);
  return current;
}

function applyOne(value: Value, write: ValueWrite): Value {
  switch (write.kind) {
    case 'set':
    case 'default': {
      const key = write.path[write.path.length - 1];
      return at(value, write.path.slice(0, -1), (parent) => {
        if (parent.kind !== 'object') return parent;
        if (write.kind === 'default' && parent.props.has(key)) return parent;
        return withProp(parent, key, { key, keySpan: write.keySpan, span: write.span, value: write.value });
      });
    }
    case 'merge':
      return at(value, write.path, (target) => merge(target, write.value));
    case 'delete': {
      const parentPath = write.path.slice(0, -1);
      const key = write.path[write.path.length - 1];
      return at(value, parentPath, (parent) => (parent.kind === 'object' && parent.props.has(key) ? without(parent, key) : parent));
    }
    case 'clear':
      return at(value, write.path, (target) =>
        target.kind === 'object' ? { ...target, props: new Map(), open: false, spreads: undefined } : target.kind === 'array' ? { ...target, items: [], open: false } : target,
      );
    case 'append':
      return at(value, write.path, (target) => append(target, write.value, write.each));
    case 'open':
      return at(value, write.path, opaque);
  }
}

/** `target` with the entries of `source` added (later entries win); a source that cannot be read opens it. */
export function merge(target: Value, source: Value): Value {
  if (target.kind !== 'object') return target;
  if (source.kind === 'object') {
    const props = new Map(target.props);
    for (const [key, prop] of source.props) props.set(key, prop);
    const spreads = [...(target.spreads ?? []), ...(source.spreads ?? [])];
    return { ...target, props, open: target.open || source.open, spreads: spreads.length ? spreads : undefined };
  }
  if (source.kind === 'null') return target;
  return opened(target, source.kind === 'unknown' ? source : undefined);
}

function append(target: Value, item: Value, each: boolean): Value {
  if (target.kind !== 'array') return target;
  if (!each) return { ...target, items: [...target.items, item] };
  if (item.kind === 'array') return { ...target, items: [...target.items, ...item.items], open: target.open || item.open };
  return { ...target, open: true };
}

/** A container that may hold more than it lists. Strings, numbers and the like cannot be changed in place: kept. */
export function opaque(value: Value): Value {
  if (value.kind === 'object') return opened(value);
  if (value.kind === 'array') return value.open ? value : { ...value, open: true };
  return value;
}

/** The object, open, with what was spread into it when that is known. */
export function opened(value: ObjectValue, spread?: UnknownValue): ObjectValue {
  if (value.open && !spread) return value;
  return { ...value, open: true, spreads: spread ? [...(value.spreads ?? []), spread] : value.spreads };
}

function withProp(value: ObjectValue, key: string, prop: Property): ObjectValue {
  const props = new Map(value.props);
  props.set(key, prop);
  return { ...value, props };
}

function without(value: ObjectValue, key: string): ObjectValue {
  const props = new Map(value.props);
  props.delete(key);
  return { ...value, props };
}

function unknownAt(span: Span): UnknownValue {
  return { kind: 'unknown', span };
}

/** An array with `items` spread into it (`[...a, b]`, `[*a, b]`). */
export function spreadItems(into: ArrayValue, spread: Value): void {
  if (spread.kind === 'array') {
    into.items.push(...spread.items);
    if (spread.open) into.open = true;
  } else into.open = true;
}

/**
 * Writes to a value that is not known (a parameter, whose caller decides it) that only a dict or object takes
 * (`kwargs["k"] = v`, `options.update(...)`): the value becomes an open object holding what they write, with the
 * unknown value spread in first, so what a caller passes and what the function adds are both seen.
 */
export function withWritesOnUnknown(value: UnknownValue, writes: readonly ValueWrite[]): Value {
  if (!writes.some((w) => w.kind === 'set' || w.kind === 'merge' || w.kind === 'default')) return value;
  return applyWrites({ kind: 'object', props: new Map(), open: true, span: value.span, spreads: [value] }, writes);
}
