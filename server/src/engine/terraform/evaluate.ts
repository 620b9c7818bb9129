// Evaluates Terraform expressions to values where Terraform itself would know them without running: literals,
// variables and locals (through `Names`), the functions in `functions.ts`, `try`/`can`/`coalesce`, operators,
// conditionals and string templates. Anything else is unknown, and an unknown value is never read as missing.
import type { Span, Value } from '../types';
import { referenceText, type Expr } from './expr';
import { FUNCTIONS } from './functions';
import { primitiveText, toStringValue } from './typeConstraints';
import { array, equal, FAILED, isKnown, literal, object, placedAt, refsOf, shown, sizeOf, sourcesOf, unknown, withSources, type Outcome } from './values';

/** What `var.x` and `local.x` are in the module being evaluated. */
export interface Names {
  variable(name: string, budget: Budget): Outcome;
  local(name: string, budget: Budget): Outcome;
}

/** Evaluation steps left: a bound on the work one module's values can cost, shared by all its evaluations. */
export interface Budget {
  steps: number;
}

export const NO_NAMES: Names = { variable: () => unknown({ start: 0, end: 0 }), local: () => unknown({ start: 0, end: 0 }) };

/** The largest value (in nested values) and string an evaluation makes; larger ones are unknown. */
export const MAX_VALUE_SIZE = 10_000;
const MAX_STRING = 100_000;
const MAX_DEPTH = 64;

/** Roots whose references are never values we know: instance keys, paths, the workspace's name, `self`. */
const ADDRESS_PARTS: Record<string, number> = { data: 3 };

/** Evaluates expressions of one module in place `at` (the span of the expression in its file). */
export class Evaluation {
  /** Copies of the values of variables and locals placed at `at`, each made once. */
  private readonly placed = new Map<Value, Value>();

  constructor(
    private readonly names: Names,
    private readonly at: Span,
    private readonly budget: Budget,
  ) {}

  /** The value of `expr`; where Terraform would fail, unknown (the configuration is not valid, so it says nothing). */
  value(expr: Expr): Value {
    const result = this.eval(expr, 0);
    if (result === FAILED) return unknown(this.at, addressesIn(expr));
    if (result.kind !== 'unknown' && sizeOf(result, MAX_VALUE_SIZE) > MAX_VALUE_SIZE) return unknown(this.at, [], result.from);
    return result;
  }

  eval(expr: Expr, depth: number): Outcome {
    if (--this.budget.steps < 0 || depth > MAX_DEPTH) return unknown(this.at);
    const at = this.at;
    switch (expr.t) {
      case 'lit':
        return literal(expr.v, at);
      case 'ref':
        return unknown(at, addressesIn(expr));
      case 'get':
        return this.get(expr, depth);
      case 'tmpl':
        return this.template(expr.parts, depth);
      case 'tuple': {
        const items: Value[] = [];
        for (const item of expr.items) {
          const value = this.eval(item, depth + 1);
          if (value === FAILED) return FAILED;
          items.push(value);
        }
        return array(items, at);
      }
      case 'object':
        return this.object(expr.entries, depth);
      case 'op':
        return expr.args.length === 1 ? this.unary(expr.op, expr.args[0], depth) : this.binary(expr.op, expr.args[0], expr.args[1], depth);
      case 'cond':
        return this.conditional(expr, depth);
      case 'call':
        return this.call(expr, depth);
      default:
        return unknown(at);
    }
  }

  private get(expr: Expr & { t: 'get' }, depth: number): Outcome {
    const chain = referenceChain(expr);
    if (chain && (chain.root === 'var' || chain.root === 'local') && typeof chain.keys[0] === 'string') {
      const name = chain.keys[0];
      const found = chain.root === 'var' ? this.names.variable(name, this.budget) : this.names.local(name, this.budget);
      if (found === FAILED) return FAILED;
      if (found.kind !== 'unknown') this.budget.steps -= sizeOf(found, MAX_VALUE_SIZE);
      let value: Outcome = placedAt(found, this.at, this.placed);
      if (value.kind === 'unknown') value = unknown(this.at, [`${chain.root}.${name}`, ...(value.refs ?? [])], value.from);
      for (const key of chain.keys.slice(1)) {
        value = this.index(value, key, depth);
        if (value === FAILED) return FAILED;
      }
      return chain.keys.length > 1 ? readThrough(value, `${chain.root}.${name}`, expr) : value;
    }
    if (chain) return unknown(this.at, addressesIn(expr));
    const of = this.eval(expr.of, depth + 1);
    return of === FAILED ? FAILED : this.index(of, expr.key, depth);
  }

  /** `value[key]` / `value.key`, with the sources of `value`. */
  private index(value: Value, key: string | Expr, depth: number): Outcome {
    let k: string | number;
    if (typeof key === 'string') k = key;
    else {
      const evaluated = this.eval(key, depth + 1);
      if (evaluated === FAILED) return FAILED;
      if (evaluated.kind === 'unknown') return unknown(this.at, refsOf([value, evaluated]), sourcesOf(value, evaluated));
      if (evaluated.kind !== 'string' && evaluated.kind !== 'number') return unknown(this.at);
      k = evaluated.value;
    }
    switch (value.kind) {
      case 'unknown':
        return value;
      case 'null':
        return FAILED;
      case 'object': {
        const prop = value.props.get(String(k));
        if (prop) return withSources(prop.value, value);
        return value.open ? unknown(this.at, [], value.from) : FAILED;
      }
      case 'array': {
        if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || value.open) return unknown(this.at, [], value.from);
        return k < value.items.length ? withSources(value.items[k], value) : FAILED;
      }
      default:
        return unknown(this.at, [], value.from);
    }
  }

  private template(parts: Expr[], depth: number): Outcome {
    const pieces: string[] = [];
    const values: Value[] = [];
    let length = 0;
    for (const part of parts) {
      const value = this.eval(part, depth + 1);
      if (value === FAILED || value.kind === 'null' || value.kind === 'object' || value.kind === 'array') return FAILED;
      values.push(value);
      const piece = value.kind === 'unknown' ? undefined : primitiveText(value);
      if (piece !== undefined) pieces.push(piece);
      length += piece?.length ?? 0;
    }
    const from = sourcesOf(...values);
    if (pieces.length < values.length || length > MAX_STRING) return unknown(this.at, refsOf(values), from);
    return withSources(literal(pieces.join(''), this.at), from);
  }

  private object(entries: { key: Expr; value: Expr }[], depth: number): Outcome {
    const props: [string, Value][] = [];
    let open = false;
    for (const entry of entries) {
      const key = this.eval(entry.key, depth + 1);
      const value = this.eval(entry.value, depth + 1);
      if (key === FAILED || value === FAILED) return FAILED;
      const name = toStringValue(key);
      if (name?.kind !== 'string') {
        open = true;
        continue;
      }
      if (props.some(([k]) => k === name.value)) return FAILED; // duplicate keys are an error
      props.push([name.value, value]);
    }
    return object(props, this.at, open);
  }

  private unary(op: string, operand: Expr, depth: number): Outcome {
    const value = this.eval(operand, depth + 1);
    if (value === FAILED) return FAILED;
    if (op === '!') {
      const b = asBool(value);
      return b === undefined ? unknown(this.at, refsOf([value]), value.from) : withSources(literal(!b, this.at), value);
    }
    return value.kind === 'number' ? withSources(literal(-value.value, this.at), value) : unknown(this.at, refsOf([value]), value.from);
  }

  private binary(op: string, left: Expr, right: Expr, depth: number): Outcome {
    const a = this.eval(left, depth + 1);
    const b = this.eval(right, depth + 1);
    if (a === FAILED || b === FAILED) return FAILED;
    const from = sourcesOf(a, b);
    const unknownResult = () => unknown(this.at, refsOf([a, b]), from);
    const result = (v: string | number | boolean) => withSources(literal(v, this.at), from);
    if (op === '&&' || op === '||') {
      const x = asBool(a);
      const y = asBool(b);
      // One known operand can decide: `false && anything` is false, `true || anything` is true.
      const decisive = op === '&&' ? false : true;
      if (x === decisive || y === decisive) return result(decisive);
      return x === undefined || y === undefined ? unknownResult() : result(!decisive);
    }
    if (op === '==' || op === '!=') {
      if (!isKnown(a) || !isKnown(b)) return unknownResult();
      return result(equal(a, b) === (op === '=='));
    }
    if (a.kind !== 'number' || b.kind !== 'number') return unknownResult();
    const x = a.value;
    const y = b.value;
    switch (op) {
      case '+':
        return result(x + y);
      case '-':
        return result(x - y);
      case '*':
        return result(x * y);
      case '/':
        return y === 0 ? FAILED : result(x / y);
      case '%':
        return y === 0 ? FAILED : result(x % y);
      case '<':
        return result(x < y);
      case '<=':
        return result(x <= y);
      case '>':
        return result(x > y);
      case '>=':
        return result(x >= y);
      default:
        return unknownResult();
    }
  }

  private conditional(expr: Expr & { t: 'cond' }, depth: number): Outcome {
    const test = this.eval(expr.test, depth + 1);
    if (test === FAILED) return FAILED;
    const condition = asBool(test);
    if (condition === undefined) return unknown(this.at, refsOf([test]), test.from);
    const chosen = this.eval(condition ? expr.then : expr.else, depth + 1);
    if (chosen === FAILED) return FAILED;
    const other = this.eval(condition ? expr.else : expr.then, depth + 1);
    // Both results take one type: a number or boolean chosen against a string becomes a string.
    let value: Value = chosen;
    if (other !== FAILED && isPrimitive(chosen) && isPrimitive(other) && chosen.kind !== other.kind) {
      if (other.kind !== 'string') return unknown(this.at, [], sourcesOf(test, chosen));
      value = toStringValue(chosen) ?? unknown(this.at);
    }
    return withSources(value, test);
  }

  private call(expr: Expr & { t: 'call' }, depth: number): Outcome {
    if (expr.expand) return unknown(this.at, addressesIn(expr));
    switch (expr.fn) {
      case 'try':
        return this.tryCall(expr.args, depth);
      case 'can': {
        if (expr.args.length !== 1) return unknown(this.at);
        const value = this.eval(expr.args[0], depth + 1);
        if (value === FAILED) return literal(false, this.at);
        return isKnown(value) ? withSources(literal(true, this.at), value) : unknown(this.at, refsOf([value]), value.from);
      }
      case 'coalesce':
        return this.coalesce(expr.args, depth);
    }
    const fn = FUNCTIONS.get(expr.fn);
    if (!fn || expr.args.length < fn.min || expr.args.length > fn.max) return unknown(this.at, addressesIn(expr));
    const args: Value[] = [];
    for (const arg of expr.args) {
      const value = this.eval(arg, depth + 1);
      if (value === FAILED) return FAILED;
      args.push(value);
    }
    const from = sourcesOf(...args);
    if (args.some((a) => a.kind === 'unknown')) return unknown(this.at, refsOf(args), from);
    const result = fn.apply(args, this.at);
    return result === FAILED || fn.picks ? result : withSources(result, from);
  }

  /** `try(a, b, …)`: the first argument Terraform evaluates without an error. */
  private tryCall(args: Expr[], depth: number): Outcome {
    const failed: Value[] = [];
    for (const arg of args) {
      const value = this.eval(arg, depth + 1);
      if (value === FAILED) continue;
      if (value.kind === 'unknown') return unknown(this.at, refsOf([value, ...failed]), value.from);
      return value;
    }
    return FAILED;
  }

  /** `coalesce(a, b, …)`: the first argument that is not null or an empty string. */
  private coalesce(args: Expr[], depth: number): Outcome {
    const seen: Value[] = [];
    for (const arg of args) {
      const value = this.eval(arg, depth + 1);
      if (value === FAILED) return FAILED;
      seen.push(value);
      if (value.kind === 'unknown') return unknown(this.at, refsOf(seen), sourcesOf(...seen));
      if (value.kind === 'null' || (value.kind === 'string' && value.value === '')) continue;
      return value; // it comes from where it is written, not from the null arguments passed over
    }
    return FAILED;
  }
}

/**
 * `value`, read as `local.settings.kms` from `local.settings`: its source names what was read, and its value. A module
 * argument read the same way (`var.settings.kms` in the module) names its part too (`module.m.settings.kms`).
 */
function readThrough(value: Value, name: string, expr: Expr): Value {
  const text = referenceText(expr);
  if (!text || !value.from || value.kind === 'unknown') return value;
  const rest = text.slice(name.length);
  const variable = name.startsWith('var.') ? name.slice(4) : undefined;
  const from = value.from.map((s) => {
    if (s.name === name) return { ...s, name: text, shown: shown(value) };
    if (variable && s.kind === 'input' && s.name.endsWith(`.${variable}`)) return { ...s, name: s.name + rest, shown: shown(value) };
    return s;
  });
  return { ...value, from } as Value;
}

function isPrimitive(value: Value): boolean {
  return value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean';
}

/** A boolean, or a string Terraform converts to one. */
function asBool(value: Value): boolean | undefined {
  if (value.kind === 'boolean') return value.value;
  if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  return undefined;
}

/** `root.a[b].c` as its root name and keys, when `expr` is a reference with attributes and indexes. */
function referenceChain(expr: Expr): { root: string; keys: (string | Expr)[] } | undefined {
  const keys: (string | Expr)[] = [];
  let current = expr;
  while (current.t === 'get') {
    keys.unshift(current.key);
    current = current.of;
  }
  return current.t === 'ref' ? { root: current.name, keys } : undefined;
}

/** What the references in `expr` refer to: `aws_s3_bucket.b`, `data.aws_iam_role.r`, `module.m`, `var.x`. */
export function addressesIn(expr: Expr, out: string[] = [], depth = 0): string[] {
  if (depth > MAX_DEPTH) return out;
  const chain = referenceChain(expr);
  if (chain) {
    const want = ADDRESS_PARTS[chain.root] ?? 2;
    const parts = [chain.root];
    for (const key of chain.keys) {
      if (typeof key !== 'string' || parts.length >= want) break;
      parts.push(key);
    }
    if (parts.length === want && /^[A-Za-z_][\w-]*$/.test(chain.root)) out.push(parts.join('.'));
    for (const key of chain.keys) if (typeof key !== 'string') addressesIn(key, out, depth + 1);
    return out;
  }
  switch (expr.t) {
    case 'get':
      addressesIn(expr.of, out, depth + 1);
      if (typeof expr.key !== 'string') addressesIn(expr.key, out, depth + 1);
      break;
    case 'call':
    case 'op':
      for (const arg of expr.args) addressesIn(arg, out, depth + 1);
      break;
    case 'cond':
      for (const e of [expr.test, expr.then, expr.else]) addressesIn(e, out, depth + 1);
      break;
    case 'tmpl':
      for (const e of expr.parts) addressesIn(e, out, depth + 1);
      break;
    case 'tuple':
      for (const e of expr.items) addressesIn(e, out, depth + 1);
      break;
    case 'object':
      for (const { key, value } of expr.entries) addressesIn(key, out, depth + 1), addressesIn(value, out, depth + 1);
      break;
  }
  return out;
}

