// A Python statement's facts kept from one version of a file to the next (`pythonKept.ts`), moved in place to where
// the edit put the statements they point into, so that they stay the same objects and what the rules keep by fact or
// by value (`rules/support/callUse.ts`, `flow/summary.ts`, the rules' own caches) holds for them. A statement's facts
// point into other statements too (a module-level name's value, the call an origin names), which may have moved by
// another distance: each offset is moved by the distance of the statement it is in, in the version the facts were
// made from. Spans are never changed: a moved object gets a new span, so that whatever holds the old one (a finding,
// what the workspace kept of a call) still reads the old place. Nothing may read the previous version's facts once
// the next analysis starts (the language server ends or copies every such reader: `lsp/analysisJob.ts`).
import type { ObjectValue, Span, Value } from '../types';
import { lastAtOrBefore } from '../parsers/syntax';
import type { StatementFacts } from './pythonKept';

/** Where the statements of the version the facts were made from start, and how far each has moved (NaN: gone). */
export interface Moves {
  starts: readonly number[];
  deltas: readonly number[];
}

/** Which places an object holds (`Places.holds`). */
const SPAN = 1;
const KEY_SPAN = 2;
const NAME_SPAN = 4;
const INSERT = 8;

/**
 * The objects of one statement's facts that hold a place (values, properties, origins, call facts, exits, functions'
 * descriptions), each once, with the places each holds and its number in the file's `PlaceRegistry`. Listed once
 * when the statement's facts are first moved, and moved from the list on every edit after: nothing in a kept
 * statement's facts but their places changes.
 */
export interface Places {
  owners: object[];
  holds: number[];
  ids: number[];
}

type Owner = { span: Span; keySpan?: Span; nameSpan?: Span; insert?: ObjectValue['insert'] };

/**
 * The numbers of the objects that hold places in a file's kept facts: an object shared by several statements' facts
 * (a module-level value read in many functions) is in each one's list, and is moved once per edit (`stamps`).
 */
export class PlaceRegistry {
  private ids = new WeakMap<object, number>();
  private next = 0;
  /** The edit each object was last moved in. */
  private stamps = new Int32Array(1024);
  private round = 0;

  /** Whether the numbers have grown so far that the lists should be made again (facts made and dropped over a long session). */
  get full(): boolean {
    return this.next > 4_000_000;
  }

  /** Forgets every number: lists made before must not be used any more. */
  reset(): void {
    this.ids = new WeakMap();
    this.next = 0;
    this.stamps = new Int32Array(1024);
  }

  private id(owner: object): number {
    let id = this.ids.get(owner);
    if (id === undefined) {
      this.ids.set(owner, (id = this.next++));
      if (id >= this.stamps.length) {
        const grown = new Int32Array(this.stamps.length * 2);
        grown.set(this.stamps);
        this.stamps = grown;
      }
    }
    return id;
  }

  /** The list of the places a statement's facts hold. */
  placesOf(facts: StatementFacts): Places {
    const places: Places = { owners: [], holds: [], ids: [] };
    const seen = new Set<object>();
    const add = (owner: object, holds: number): boolean => {
      if (seen.has(owner)) return false;
      seen.add(owner);
      places.owners.push(owner);
      places.holds.push(holds);
      places.ids.push(this.id(owner));
      return true;
    };
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

  /** Starts an edit's moves. */
  startMoving(): void {
    this.round++;
  }

  /**
   * Moves in place the places a statement's facts hold, each object once per edit: a moved object gets a new span (or
   * insert point). Returns the greatest offset they hold now.
   */
  move(places: Places, shifter: FactShifter): number {
    const { owners, holds, ids } = places;
    const stamps = this.stamps;
    const round = this.round;
    shifter.maxOffset = 0;
    for (let i = 0; i < owners.length; i++) {
      const owner = owners[i] as Owner;
      const h = holds[i];
      if (stamps[ids[i]] === round) {
        shifter.count(owner, h);
        continue;
      }
      stamps[ids[i]] = round;
      owner.span = shifter.span(owner.span);
      if (h & KEY_SPAN) owner.keySpan = shifter.span(owner.keySpan!);
      if (h & NAME_SPAN) owner.nameSpan = shifter.span(owner.nameSpan!);
      if (h & INSERT) owner.insert = shifter.insert(owner.insert!);
    }
    return shifter.maxOffset;
  }
}

/** Where each offset of the version the facts were made from is now. */
export class FactShifter {
  /** The greatest offset in the facts moved, in the new version. */
  maxOffset = 0;

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
    return start === span.start ? span : { start, end };
  }

  insert(insert: NonNullable<ObjectValue['insert']>): NonNullable<ObjectValue['insert']> {
    const offset = this.offset(insert.offset);
    if (offset > this.maxOffset) this.maxOffset = offset;
    return offset === insert.offset ? insert : { ...insert, offset };
  }

  /** Counts the places of an object moved already (another statement's facts hold it too). */
  count(owner: Owner, holds: number): void {
    const end = Math.max(owner.span.end, holds & KEY_SPAN ? owner.keySpan!.end : 0, holds & NAME_SPAN ? owner.nameSpan!.end : 0, holds & INSERT ? owner.insert!.offset : 0);
    if (end > this.maxOffset) this.maxOffset = end;
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
