// Facts kept from the last analysis of a file, moved in place to where their statements are now, so that they stay
// the same objects and what the rules keep by fact or by value holds for them. Each kept statement moved by its own
// distance (an edit above it shifts it, one below does not), and a statement's facts may point into others (a value
// read from a module-level constant has the constant's place), so an offset is moved by the statement it lies in.
// Each object is moved once however often it is reached (values are shared between statements, origins name call
// facts). A span is never changed: a moved object gets a new one, so that whatever holds the old one (a finding, what
// the workspace kept of a call) still reads the old place; nothing may read the last analysis's facts once the next
// starts. Shared with any language's facts: it knows them only by their property names (`span`, `keySpan`,
// `nameSpan`, `offset`) and `kind: 'call'`.

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
  /** Each object moved: the greatest offset it holds now, times two, plus one when any of its places changed. */
  private readonly done = new Map<object, number>();
  /** The greatest offset the objects moved so far hold. */
  maxOffset = 0;
  /** Whether a place changed since this was last cleared. */
  private changed = false;

  /** `moves`: sorted by `start`, not overlapping. */
  constructor(private readonly moves: readonly Move[]) {}

  /** Leaves `call` as it is: a call fact of a statement used as it was (nothing it points into moved). */
  keep(call: object): void {
    this.done.set(call, 0);
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
   * Moves the spans and offsets in `value`, in place. A call fact whose own place did not change but whose
   * arguments' did gets a new span object all the same: what is kept of it by identity (`KeptItems` in
   * `workspaceFacts.ts`) is then made again. A throw leaves some objects moved and others not.
   */
  move(value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.move(value[i]);
      return;
    }
    if (value instanceof Map || value instanceof Set) {
      value.forEach((v: unknown) => this.move(v));
      return;
    }
    const known = this.done.get(value);
    if (known !== undefined) {
      const max = known >>> 1;
      if (max > this.maxOffset) this.maxOffset = max;
      if (known & 1 && (value as { kind?: unknown }).kind !== 'call') this.changed = true;
      return;
    }
    const outerMax = this.maxOffset;
    const outerChanged = this.changed;
    this.maxOffset = 0;
    this.changed = false;
    this.done.set(value, 0);
    this.object(value as Record<string, unknown>);
    this.done.set(value, this.maxOffset * 2 + (this.changed ? 1 : 0));
    if (outerMax > this.maxOffset) this.maxOffset = outerMax;
    // A call fact an origin names moves with its statement: a change in it is no change in what names it.
    if ((value as { kind?: unknown }).kind !== 'call') this.changed ||= outerChanged;
    else this.changed = outerChanged;
  }

  private object(value: Record<string, unknown>): void {
    const keys = Object.keys(value);
    let ownSpan: unknown;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const v = value[key];
      if (typeof v !== 'object' || v === null) {
        if (key === 'offset' && typeof v === 'number') {
          const to = this.offset(v);
          if (to > this.maxOffset) this.maxOffset = to;
          if (to !== v) {
            value[key] = to;
            this.changed = true;
          }
        }
      } else if (key === 'span' || key === 'keySpan' || key === 'nameSpan') {
        const moved = this.span(v as { start: number; end: number });
        if (key === 'span') ownSpan = v;
        if (moved !== v) value[key] = moved;
      } else this.move(v);
    }
    if (value.kind === 'call' && this.changed && ownSpan !== undefined && value.span === ownSpan) {
      const span = ownSpan as { start: number; end: number };
      value.span = { start: span.start, end: span.end };
    }
  }

  /** A span moved with the statement its start is in: the same object when it did not move; `{0, 0}` (no place) stays. */
  private span(span: { start: number; end: number }): { start: number; end: number } {
    if (span.start === 0 && span.end === 0) return span;
    const start = this.offset(span.start);
    const end = span.end + (start - span.start);
    if (end > this.maxOffset) this.maxOffset = end;
    if (start === span.start) return span;
    this.changed = true;
    return { start, end };
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
