// A Python statement's facts kept from one version of a file to the next (`pythonKept.ts`), moved in place to where
// the edit put the statements they point into, so that they stay the same objects and what the rules keep by fact or
// by value (`rules/support/callUse.ts`, `flow/summary.ts`, the rules' own caches) holds for them. A statement's facts
// point into other statements too (a module-level name's value, the call an origin names), which may have moved by
// another distance: each offset is moved by the distance of the statement it is in, in the version the facts were
// made from. Each statement's places are listed once and moved from the list (`places.ts`). Nothing may read the
// previous version's facts once the next analysis starts (the language server ends or copies every such reader:
// `lsp/analysisJob.ts`).
import type { Span, Value } from '../types';
import { lastAtOrBefore } from '../text';
import type { StatementFacts } from './pythonKept';
import { INSERT, KEY_SPAN, Mover, NAME_SPAN, SPAN, type PlaceRegistry, type Places } from './places';

/** Where the statements of the version the facts were made from start, and how far each has moved (NaN: gone). */
export interface Moves {
  starts: readonly number[];
  deltas: readonly number[];
}

/** The list of the places a statement's facts hold (`places.ts`). */
export function placesOf(facts: StatementFacts, registry: PlaceRegistry): Places {
  const { places, add } = registry.list();
  const value = (v: Value): void => {
    if (!add(v, v.kind === 'object' && v.insert ? SPAN | INSERT : SPAN)) return;
    if (v.kind === 'object') {
      for (const p of v.props.values()) {
        add(p, SPAN | KEY_SPAN);
        value(p.value);
      }
      v.spreads?.forEach(value);
    } else if (v.kind === 'array') v.items.forEach(value);
    else if (v.kind === 'unknown') {
      for (const o of v.origins ?? []) add(o, SPAN);
      if (v.fallback) value(v.fallback);
    }
  };
  for (const { fact } of facts.calls) {
    add(fact, SPAN | NAME_SPAN);
    value(fact.args);
    fact.positional.forEach(value);
  }
  facts.literals.forEach(value);
  for (const f of facts.functions) {
    f.returns.forEach(value);
    for (const d of f.defaults) if (d) value(d);
  }
  for (const e of facts.exits) {
    add(e, SPAN);
    value(e.value);
    if (e.function) add(e.function, SPAN);
  }
  return places;
}

/** Where each offset of the version the facts were made from is now: moved by the statement it is in. */
export class FactShifter extends Mover {
  constructor(private readonly moves: Moves) {
    super();
  }

  /** The statement the last offset was in: most offsets of a statement's facts are in the statement. */
  private last = 0;

  offset(at: number): number {
    const { starts, deltas } = this.moves;
    let i = this.last;
    if (!(starts[i] <= at && (i + 1 === starts.length || starts[i + 1] > at))) this.last = i = lastAtOrBefore(starts, at);
    const delta = deltas[i];
    if (Number.isNaN(delta)) throw new GoneStatement();
    return at + delta;
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
