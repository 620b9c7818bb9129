// A Python statement's facts kept from one version of a file to the next (`pythonKept.ts`), moved in place to where
// the edit put the statements they point into, so that they stay the same objects and what the rules keep by fact or
// by value (`rules/support/callUse.ts`, `flow/summary.ts`, the rules' own caches) holds for them. A statement's facts
// point into other statements too (a module-level name's value, the call an origin names), which may have moved by
// another distance: each offset is moved by the distance of the statement it is in, in the version the facts were
// made from. Spans are never changed: a moved object gets a new span, so that whatever holds the old one (a finding,
// what the workspace kept of a call) still reads the old place. Nothing may read the previous version's facts once
// the next analysis starts (the language server ends or copies every such reader: `lsp/analysisJob.ts`).
import type { CallFact, ExitFact, FunctionInfo, ObjectValue, Origin, Span, UnknownValue, Value } from '../types';
import { lastAtOrBefore } from '../parsers/syntax';
import type { StatementFacts } from './pythonKept';

/** Where the statements of the version the facts were made from start, and how far each has moved (NaN: gone). */
export interface Moves {
  starts: readonly number[];
  deltas: readonly number[];
}

export class FactShifter {
  /** The greatest offset in the facts moved, in the new version. */
  maxOffset = 0;
  /** Whether a place changed since this was last cleared. */
  private changed = false;
  /** The call facts, properties, origins, exits and functions' descriptions moved: facts share them (an origin read many times). */
  private readonly done = new Set<object>();
  /**
   * Each value moved: a value the facts hold in several places (a dict bound to a name and read many times) is moved
   * once, and what it holds counts for every statement whose facts hold it: the greatest offset it holds now, times
   * two, plus one when any of its places changed.
   */
  private readonly values = new Map<Value, number>();

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

  /** A span moved: the same object when it did not move; a value with no place (`{0, 0}`) keeps it. */
  span(span: Span): Span {
    if (span.start === 0 && span.end === 0) return span;
    const start = this.offset(span.start);
    const end = start + (span.end - span.start);
    if (end > this.maxOffset) this.maxOffset = end;
    if (start === span.start) return span;
    this.changed = true;
    return { start, end };
  }

  /**
   * Moves a statement's facts in place. A call whose own place did not change but whose arguments' did (a value read
   * from a statement after it) gets a new span object all the same: what is kept of it by identity (`KeptItems` in
   * `workspaceFacts.ts`) is then made again.
   */
  statement(facts: StatementFacts): void {
    for (const { fact } of facts.calls) this.call(fact);
    for (const v of facts.literals) this.value(v);
    for (const f of facts.functions) {
      for (const v of f.returns) this.value(v);
      for (const d of f.defaults) if (d) this.value(d);
    }
    for (const e of facts.exits) this.exit(e);
  }

  private call(call: CallFact): void {
    if (this.done.has(call)) return;
    this.done.add(call);
    const outer = this.changed;
    this.changed = false;
    const span = this.span(call.span);
    call.nameSpan = this.span(call.nameSpan);
    this.value(call.args);
    for (const v of call.positional) this.value(v);
    call.span = this.changed && span === call.span ? { start: span.start, end: span.end } : span;
    this.changed ||= outer;
  }

  /** Moves `value` the first time it is met; later meetings count its greatest offset and whether it changed. */
  value(value: Value): void {
    const known = this.values.get(value);
    if (known !== undefined) {
      const max = known >>> 1;
      if (max > this.maxOffset) this.maxOffset = max;
      if (known & 1) this.changed = true;
      return;
    }
    const outerMax = this.maxOffset;
    const outerChanged = this.changed;
    this.maxOffset = 0;
    this.changed = false;
    this.values.set(value, 0); // values hold no cycle; one met again while it is moved would count as holding nothing
    this.move(value);
    this.values.set(value, this.maxOffset * 2 + (this.changed ? 1 : 0));
    if (outerMax > this.maxOffset) this.maxOffset = outerMax;
    this.changed ||= outerChanged;
  }

  private move(value: Value): void {
    value.span = this.span(value.span);
    switch (value.kind) {
      case 'object':
        return this.object(value);
      case 'unknown':
        return this.unknown(value);
      case 'array':
        for (const v of value.items) this.value(v);
    }
  }

  private object(value: ObjectValue): void {
    for (const p of value.props.values()) {
      if (this.done.has(p)) {
        if (p.span.end > this.maxOffset) this.maxOffset = p.span.end;
        this.value(p.value);
        continue;
      }
      this.done.add(p);
      p.keySpan = this.span(p.keySpan);
      p.span = this.span(p.span);
      this.value(p.value);
    }
    if (value.insert) {
      const offset = this.offset(value.insert.offset);
      if (offset > this.maxOffset) this.maxOffset = offset;
      if (offset !== value.insert.offset) {
        value.insert = { ...value.insert, offset };
        this.changed = true;
      }
    }
    if (value.spreads) for (const s of value.spreads) this.value(s);
  }

  private unknown(value: UnknownValue): void {
    if (value.origins) for (const o of value.origins) this.origin(o);
    if (value.fallback) this.value(value.fallback);
  }

  /** An origin's place; the call fact it names moves with its own statement (which is kept too: `pythonKept.ts`). */
  private origin(origin: Origin): void {
    if (this.done.has(origin)) {
      if (origin.span.end > this.maxOffset) this.maxOffset = origin.span.end;
      return;
    }
    this.done.add(origin);
    origin.span = this.span(origin.span);
  }

  private exit(exit: ExitFact): void {
    if (this.done.has(exit)) return;
    this.done.add(exit);
    exit.span = this.span(exit.span);
    this.value(exit.value);
    if (exit.function) this.functionInfo(exit.function);
  }

  private functionInfo(info: FunctionInfo): void {
    if (this.done.has(info)) {
      if (info.span.end > this.maxOffset) this.maxOffset = info.span.end;
      return;
    }
    this.done.add(info);
    info.span = this.span(info.span);
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
