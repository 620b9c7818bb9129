// Facts kept from the last analysis of a file, moved to where their statements are now. Each kept statement moved
// by its own distance (an edit above it shifts it, one below does not), and a statement's facts may point into
// others (a value read from a module-level constant has the constant's place), so an offset is moved by the
// statement it lies in. The copy is deep; a call fact reached twice (the file's list holds it, an origin or a result
// key names it) is copied once, so the copies point at each other as the originals did. Shared with any language's
// facts: it knows them only by their property names (`span`, `keySpan`, `nameSpan`, `offset`) and `kind: 'call'`.

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

export class Relocation {
  private readonly copies = new Map<object, unknown>();
  /** The greatest offset the copies made so far hold. */
  maxOffset = 0;

  /** `moves`: sorted by `start`, not overlapping. */
  constructor(private readonly moves: readonly Move[]) {}

  /** Makes copies name `call` itself: a call fact of a statement used as it was (nothing it points into moved). */
  keep(call: object): void {
    this.copies.set(call, call);
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

  /**
   * A deep copy of `value` with its spans and offsets moved. Only call facts are copied once however often they are
   * reached (origins name them, and may lead back to the call whose argument they are in); other objects reached
   * twice are copied twice, which changes nothing a reader can see.
   */
  copy<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      const items: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) items[i] = this.copy(value[i]);
      return items as T;
    }
    if (value instanceof Map) {
      const map = new Map();
      value.forEach((v, k) => map.set(k, this.copy(v)));
      return map as T;
    }
    if (value instanceof Set) {
      const set = new Set();
      value.forEach((v) => set.add(this.copy(v)));
      return set as T;
    }
    return this.object(value as Record<string, unknown>) as T;
  }

  private object(value: Record<string, unknown>): Record<string, unknown> {
    const shared = value.kind === 'call';
    if (shared) {
      const known = this.copies.get(value);
      if (known !== undefined) return known as Record<string, unknown>;
    }
    const object: Record<string, unknown> = {};
    if (shared) this.copies.set(value, object);
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const v = value[key];
      if (typeof v !== 'object' || v === null) object[key] = key === 'offset' && typeof v === 'number' ? this.moved(v) : v;
      else object[key] = key === 'span' || key === 'keySpan' || key === 'nameSpan' ? this.span(v as { start: number; end: number }) : this.copy(v);
    }
    return object;
  }

  /** A span moved with the statement its start is in; `{0, 0}` (no place) stays. */
  private span(span: { start: number; end: number }): { start: number; end: number } {
    if (span.start === 0 && span.end === 0) return { start: 0, end: 0 };
    const start = this.offset(span.start);
    return { start, end: this.moved(span.end, start - span.start) };
  }

  private moved(at: number, delta = this.offset(at) - at): number {
    const to = at + delta;
    if (to > this.maxOffset) this.maxOffset = to;
    return to;
  }
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
