// A variable's `type` constraint, and the conversion Terraform applies to the variable's value: an object type drops
// attributes it does not declare and fills in `optional(…, default)`s, `bool` reads "true"/"false", and so on. A value
// that would not convert, or a conversion we are not sure of, becomes unknown: a wrong conversion would be a guess.
import type { Span, Value } from '../types';
import type { Expr } from './expr';

export type TypeConstraint =
  | { kind: 'any' | 'string' | 'number' | 'bool' }
  | { kind: 'list' | 'set' | 'map'; of: TypeConstraint }
  | { kind: 'tuple'; items: TypeConstraint[] }
  | { kind: 'object'; attributes: Map<string, ObjectAttribute> };

export interface ObjectAttribute {
  type: TypeConstraint;
  optional: boolean;
  /** The second argument of `optional(type, default)`. */
  default?: Expr;
}

const ANY: TypeConstraint = { kind: 'any' };

/** The type a `type = …` expression names; undefined when it is not one we read (then the value stays unknown). */
export function typeConstraintOf(expr: Expr | undefined): TypeConstraint | undefined {
  if (!expr) return ANY;
  if (expr.t === 'ref') return ['any', 'string', 'number', 'bool'].includes(expr.name) ? ({ kind: expr.name } as TypeConstraint) : undefined;
  if (expr.t !== 'call' || expr.expand) return undefined;
  const [arg] = expr.args;
  switch (expr.fn) {
    case 'list':
    case 'set':
    case 'map': {
      const of = expr.args.length === 1 ? typeConstraintOf(arg) : undefined;
      return of && { kind: expr.fn, of };
    }
    case 'tuple': {
      if (expr.args.length !== 1 || arg.t !== 'tuple') return undefined;
      const items = arg.items.map(typeConstraintOf);
      return items.every((t) => t) ? { kind: 'tuple', items: items as TypeConstraint[] } : undefined;
    }
    case 'object':
      return expr.args.length === 1 && arg.t === 'object' ? objectType(arg.entries) : undefined;
    default:
      return undefined;
  }
}

function objectType(entries: { key: Expr; value: Expr }[]): TypeConstraint | undefined {
  const attributes = new Map<string, ObjectAttribute>();
  for (const { key, value } of entries) {
    if (key.t !== 'lit' || typeof key.v !== 'string') return undefined;
    if (value.t === 'call' && value.fn === 'optional' && !value.expand && value.args.length >= 1 && value.args.length <= 2) {
      const type = typeConstraintOf(value.args[0]);
      if (!type) return undefined;
      attributes.set(key.v, { type, optional: true, default: value.args[1] });
    } else {
      const type = typeConstraintOf(value);
      if (!type) return undefined;
      attributes.set(key.v, { type, optional: false });
    }
  }
  return { kind: 'object', attributes };
}

/** The value `value` becomes as a variable of type `type`; `evaluateDefault` evaluates an `optional()` default. */
export function convert(value: Value, type: TypeConstraint, evaluateDefault: (expr: Expr, at: Span) => Value): Value {
  if (value.kind === 'unknown' || value.kind === 'null' || type.kind === 'any') return value;
  const unknown: Value = { kind: 'unknown', span: value.span };
  switch (type.kind) {
    case 'string':
      return toStringValue(value) ?? unknown;
    case 'number':
      if (value.kind === 'number') return value;
      if (value.kind === 'string' && /^-?(0|[1-9]\d*)(\.\d+)?$/.test(value.value)) return { ...value, kind: 'number', value: Number(value.value) };
      return unknown;
    case 'bool':
      if (value.kind === 'boolean') return value;
      if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return { ...value, kind: 'boolean', value: value.value === 'true' };
      return unknown;
    case 'list':
    case 'set': {
      if (value.kind !== 'array' || value.open) return unknown;
      const items = value.items.map((item) => convert(item, type.of, evaluateDefault));
      // A set's order is Terraform's own (strings sorted), and it cannot be indexed: only a set of strings is kept.
      if (type.kind === 'set') return setOf(items, value) ?? unknown;
      return { ...value, items };
    }
    case 'tuple': {
      if (value.kind !== 'array' || value.open || value.items.length !== type.items.length) return unknown;
      return { ...value, items: value.items.map((item, i) => convert(item, type.items[i], evaluateDefault)) };
    }
    case 'map': {
      if (value.kind !== 'object' || value.open) return unknown;
      const props = new Map([...value.props].map(([key, prop]) => [key, { ...prop, value: convert(prop.value, type.of, evaluateDefault) }]));
      return { ...value, props };
    }
    case 'object':
      return toObject(value, type.attributes, evaluateDefault) ?? unknown;
  }
}

function toObject(value: Value, attributes: Map<string, ObjectAttribute>, evaluateDefault: (expr: Expr, at: Span) => Value): Value | undefined {
  if (value.kind !== 'object' || value.open) return undefined;
  const props = new Map<string, import('../types').Property>();
  for (const [key, attribute] of attributes) {
    const prop = value.props.get(key);
    let attributeValue: Value;
    if (prop && prop.value.kind !== 'null') attributeValue = prop.value;
    else if (attribute.optional) attributeValue = attribute.default ? evaluateDefault(attribute.default, value.span) : { kind: 'null', span: value.span };
    else if (prop) attributeValue = prop.value;
    else return undefined; // a required attribute is missing: Terraform rejects the value
    const converted = convert(attributeValue, attribute.type, evaluateDefault);
    props.set(key, { key, keySpan: prop?.keySpan ?? value.span, value: converted, span: prop?.span ?? value.span });
  }
  return { ...value, props };
}

function setOf(items: Value[], array: Value & { kind: 'array' }): Value | undefined {
  if (!items.every((item) => item.kind === 'string')) return undefined;
  const seen = new Map<string, Value>();
  for (const item of items) if (item.kind === 'string' && !seen.has(item.value)) seen.set(item.value, item);
  return { ...array, items: [...seen.keys()].sort().map((key) => seen.get(key)!) };
}

/** A primitive as a string, the way Terraform converts it; undefined for a value that has no string form we are sure of. */
export function toStringValue(value: Value): Value | undefined {
  if (value.kind === 'string') return value;
  const text = primitiveText(value);
  return text === undefined ? undefined : { kind: 'string', value: text, span: value.span, ...(value.from ? { from: value.from } : {}) };
}

/** The text of a number or boolean in a string (a template, a conversion); undefined for other values. */
export function primitiveText(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'boolean') return String(value.value);
  if (value.kind === 'number') {
    const text = String(value.value);
    // JavaScript writes large and small numbers with an exponent; Terraform writes them out in full.
    return /e/i.test(text) || !Number.isFinite(value.value) ? undefined : text;
  }
  return undefined;
}
