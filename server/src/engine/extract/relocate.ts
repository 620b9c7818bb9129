// Facts kept from the last analysis of a file, moved in place to where their statements are now, so that they stay
// the same objects and what the rules keep by fact or by value holds for them. Each kept statement moved by its own
// distance (an edit above it shifts it, one below does not), and a statement's facts may point into others (a value
// read from a module-level constant has the constant's place), so an offset is moved by the statement it lies in.
// Each statement's places are listed once and moved from the list (`places.ts`). Nothing may read the last
// analysis's facts once the next starts. Shared with any language's facts: it knows them only by their property names
// (`span`, `keySpan`, `nameSpan`, `insert`, `offset`) and `kind: 'call'`.
import { INSERT, KEY_SPAN, Mover, NAME_SPAN, OFFSET, SPAN, type PlaceRegistry, type Places } from './places';

/** A kept statement: where it was (`start`–`end`, inclusive), and how far it moved. */
export interface Move {
  start: number;
  end: number;
  delta: number;
}

/** An offset outside every kept statement: what holds it cannot be moved, and must be made again. */
export class RelocationMiss extends Error {}

/** The properties that hold a span (`{ start, end }`) or an offset in the facts' types (`types.ts`): `offset` too. */
const SPAN_KEYS = new Set(['span', 'keySpan', 'nameSpan']);
const HOLDS: Record<string, number> = { span: SPAN, keySpan: KEY_SPAN, nameSpan: NAME_SPAN };

export class Relocation extends Mover {
  /** `moves`: sorted by `start`, not overlapping. */
  constructor(private readonly moves: readonly Move[]) {
    super();
  }

  /** The move the last offset was in: most offsets of a statement's facts are in the statement. */
  private last = 0;

  /** Where the offset `at` of the last analysis is now. */
  offset(at: number): number {
    const moves = this.moves;
    let move = moves[this.last];
    if (!(move && move.start <= at && at <= move.end)) {
      let low = 0;
      let high = moves.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (moves[mid].start <= at) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      if (found < 0 || at > moves[found].end) throw new RelocationMiss(`offset ${at} is in no kept statement`);
      this.last = found;
      move = moves[found];
    }
    return at + move.delta;
  }
}

/**
 * The list of the places a statement's facts hold (`places.ts`): every object under them that holds a span or an
 * insert point, call facts its origins and result keys name included (some are in no statement's list of calls).
 */
export function placesIn(facts: object, registry: PlaceRegistry): Places {
  const { places, add } = registry.list();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i]);
      return;
    }
    if (value instanceof Map || value instanceof Set) {
      value.forEach((v: unknown) => visit(v));
      return;
    }
    const object = value as Record<string, unknown>;
    let holds = 0;
    const inner: unknown[] = [];
    for (const key in object) {
      const v = object[key];
      if (typeof v === 'object' && v !== null) {
        if (SPAN_KEYS.has(key)) holds |= HOLDS[key];
        else if (key === 'insert' && typeof (v as { offset?: unknown }).offset === 'number') holds |= INSERT;
        else inner.push(v);
      } else if (key === 'offset' && typeof v === 'number') holds |= OFFSET;
    }
    if (!add(object, holds)) return;
    for (const v of inner) visit(v);
  };
  visit(facts);
  return places;
}

/** The greatest offset `value` holds (in its spans and offsets). */
export function maxOffsetOf(value: unknown): number {
  let max = 0;
  const calls = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const item of v) visit(item);
      return;
    }
    if (v instanceof Map || v instanceof Set) {
      v.forEach((item: unknown) => visit(item));
      return;
    }
    if ((v as { kind?: unknown }).kind === 'call') {
      if (calls.has(v)) return;
      calls.add(v);
    }
    for (const key in v) {
      const item = (v as Record<string, unknown>)[key];
      if (SPAN_KEYS.has(key) && item) max = Math.max(max, (item as { end: number }).end);
      else if (key === 'offset' && typeof item === 'number') max = Math.max(max, item);
      else visit(item);
    }
  };
  visit(value);
  return max;
}
