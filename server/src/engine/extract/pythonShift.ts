// A Python statement's facts kept from one version of a file to the next (`pythonKept.ts`), moved to where the edit
// put the statements they point into. A statement's facts point into other statements too (a module-level name's
// value, the call an origin names), which may have moved by another distance: each offset is moved by the distance of
// the statement it is in, in the version the facts were made from. The facts are copied (the previous analysis may
// still hold them) with every own property as it was, and origins name the moved call facts.
import type { CallFact, ExitFact, FunctionInfo, ObjectValue, Origin, Property, Span, UnknownValue, Value } from '../types';
import { lastAtOrBefore } from '../parsers/syntax';
import type { StatementFacts } from './pythonKept';

/** Where the statements of the version the facts were made from start, and how far each has moved (NaN: gone). */
export interface Moves {
  starts: readonly number[];
  deltas: readonly number[];
}

export class FactShifter {
  /** The moved copy of each call fact moved so far: origins name the copy. */
  readonly calls = new Map<CallFact, CallFact>();
  /** The greatest offset in the facts moved, in the new version. */
  maxOffset = 0;
  /** Each function's description, moved once for all its exits. */
  private readonly functions = new Map<FunctionInfo, FunctionInfo>();
  /**
   * Each value's moved copy: a value the facts hold in several places (a dict bound to a name and read many times) is
   * copied once, so that what is shared stays shared; copied apart, values that nest shared ones grow exponentially.
   */
  private readonly values = new Map<Value, { moved: Value; maxOffset: number }>();

  constructor(private readonly moves: Moves) {}

  /** The statement the last offset was in: most offsets of a statement's facts are in the statement. */
  private last = 0;

  /** The new place of an offset. */
  offset(at: number): number {
    const { starts, deltas } = this.moves;
    let i = this.last;
    if (!(starts[i] <= at && (i + 1 === starts.length || starts[i + 1] > at))) this.last = i = lastAtOrBefore(starts, at);
    const delta = deltas[i];
    if (Number.isNaN(delta)) throw new GoneStatement();
    return at + delta;
  }

  /** A span moved; a value with no place (`{0, 0}`) keeps it. */
  span(span: Span): Span {
    if (span.start === 0 && span.end === 0) return { start: 0, end: 0 };
    const start = this.offset(span.start);
    const end = start + (span.end - span.start);
    if (end > this.maxOffset) this.maxOffset = end;
    return { start, end };
  }

  /** A call fact's moved copy, its arguments not yet moved (`fillCall`): other statements' origins may name it first. */
  callShell(call: CallFact): CallFact {
    const moved: CallFact = {
      kind: 'call',
      callee: call.callee,
      name: call.name,
      qualifiedName: call.qualifiedName,
      receiverType: call.receiverType,
      args: call.args,
      positional: call.positional,
      span: this.span(call.span),
      nameSpan: this.span(call.nameSpan),
    };
    this.calls.set(call, moved);
    return moved;
  }

  private fillCall(call: CallFact): void {
    const moved = this.calls.get(call)!;
    moved.args = this.object(call.args);
    moved.positional = call.positional.map((v) => this.value(v));
  }

  /** The statement's facts moved; `callShell` has been called for each of its calls. */
  statement(facts: StatementFacts): StatementFacts {
    for (const { fact } of facts.calls) this.fillCall(fact);
    return {
      calls: facts.calls.map(({ node, fact }) => ({ node, fact: this.calls.get(fact)! })),
      literals: facts.literals.map((v) => this.value(v)),
      functions: facts.functions.map((f) => ({ returns: f.returns.map((v) => this.value(v)), defaults: f.defaults.map((d) => d && this.value(d)) })),
      exits: facts.exits.map((e) => this.exit(e)),
      resultKeys: facts.resultKeys.map(({ call, key }) => ({ call: this.call(call), key })),
    };
  }

  // Each kind is built with its properties spelled out, those that may be missing only where they were there.
  value(value: Value): Value {
    return this.once(value, () => this.copyValue(value));
  }

  /**
   * `value`'s copy, made the first time it is met; the greatest offset a copy holds counts for every statement whose
   * facts hold it (`maxOffset`), since shared values may lie in another statement.
   */
  private once<T extends Value>(value: T, copy: () => T): T {
    const known = this.values.get(value);
    if (known) {
      if (known.maxOffset > this.maxOffset) this.maxOffset = known.maxOffset;
      return known.moved as T;
    }
    const outer = this.maxOffset;
    this.maxOffset = 0;
    const moved = copy();
    this.values.set(value, { moved, maxOffset: this.maxOffset });
    if (outer > this.maxOffset) this.maxOffset = outer;
    return moved;
  }

  private copyValue(value: Value): Value {
    let moved: Value;
    switch (value.kind) {
      case 'object':
        return this.copyObject(value);
      case 'unknown':
        return this.copyUnknown(value);
      case 'array':
        moved = { kind: 'array', items: value.items.map((v) => this.value(v)), open: value.open, span: this.span(value.span) };
        break;
      case 'null':
        moved = { kind: 'null', span: this.span(value.span) };
        break;
      default:
        moved = { kind: value.kind, value: value.value, span: this.span(value.span) } as Value;
    }
    if ('from' in value) moved.from = value.from;
    return moved;
  }

  private object(value: ObjectValue): ObjectValue {
    return this.once(value, () => this.copyObject(value));
  }

  private copyObject(value: ObjectValue): ObjectValue {
    const props = new Map<string, Property>();
    for (const [key, p] of value.props) props.set(key, { key: p.key, keySpan: this.span(p.keySpan), value: this.value(p.value), span: this.span(p.span) });
    const moved: ObjectValue = { kind: 'object', props, open: value.open, span: this.span(value.span) };
    if ('insert' in value) moved.insert = value.insert && { ...value.insert, offset: this.offset(value.insert.offset) };
    if ('spreads' in value) moved.spreads = value.spreads && value.spreads.map((s) => this.unknown(s));
    if ('from' in value) moved.from = value.from;
    return moved;
  }

  private unknown(value: UnknownValue): UnknownValue {
    return this.once(value, () => this.copyUnknown(value));
  }

  private copyUnknown(value: UnknownValue): UnknownValue {
    const moved: UnknownValue = { kind: 'unknown', span: this.span(value.span) };
    if ('origins' in value) moved.origins = value.origins && value.origins.map((o) => this.origin(o));
    if ('name' in value) moved.name = value.name;
    if ('parameter' in value) moved.parameter = value.parameter;
    if ('fallback' in value) moved.fallback = value.fallback && this.value(value.fallback);
    if ('refs' in value) moved.refs = value.refs;
    if ('from' in value) moved.from = value.from;
    return moved;
  }

  private origin(origin: Origin): Origin {
    const moved: Origin = { kind: origin.kind, name: origin.name, span: this.span(origin.span), formatted: origin.formatted };
    if ('call' in origin) moved.call = origin.call && this.call(origin.call);
    return moved;
  }

  /** The call fact as it is now: its moved copy, or itself when its statement did not move. */
  private call(call: CallFact): CallFact {
    return this.calls.get(call) ?? call;
  }

  private exit(exit: ExitFact): ExitFact {
    const moved: ExitFact = { kind: exit.kind, span: this.span(exit.span), value: this.value(exit.value) };
    if ('target' in exit) moved.target = exit.target;
    if ('function' in exit) moved.function = exit.function && this.functionInfo(exit.function);
    return moved;
  }

  private functionInfo(info: FunctionInfo): FunctionInfo {
    const moved = this.functions.get(info);
    if (moved) return moved;
    const made: FunctionInfo = { ...info, span: this.span(info.span) };
    this.functions.set(info, made);
    return made;
  }
}

/** A kept fact points into a statement that is not in the new version (nothing should): nothing is kept then. */
export class GoneStatement extends Error {
  constructor() {
    super('a kept fact points into a statement that is gone');
  }
}

/** The greatest offset a statement's facts hold (of theirs or of other statements'), call facts named by origins included. */
export function maxOffsetOf(facts: StatementFacts): number {
  let max = 0;
  const span = (s: Span) => {
    if (s.end > max) max = s.end;
  };
  const seen = new Set<Value>();
  const value = (v: Value | undefined): void => {
    if (!v || seen.has(v)) return;
    seen.add(v);
    span(v.span);
    if (v.kind === 'object') {
      for (const p of v.props.values()) {
        span(p.span);
        value(p.value);
      }
      if (v.insert && v.insert.offset > max) max = v.insert.offset;
      v.spreads?.forEach(value);
    } else if (v.kind === 'array') v.items.forEach(value);
    else if (v.kind === 'unknown') {
      for (const o of v.origins ?? []) {
        span(o.span);
        if (o.call) span(o.call.span);
      }
      value(v.fallback);
    }
  };
  for (const { fact } of facts.calls) {
    span(fact.span);
    value(fact.args);
    fact.positional.forEach(value);
  }
  facts.literals.forEach(value);
  for (const f of facts.functions) {
    f.returns.forEach(value);
    f.defaults.forEach(value);
  }
  for (const e of facts.exits) {
    span(e.span);
    value(e.value);
    if (e.function) span(e.function.span);
  }
  for (const { call } of facts.resultKeys) span(call.span);
  return max;
}
