// The places (spans, insert points) kept facts hold, listed once per kept statement and moved in place from the list on
// every edit after (`pythonShift.ts`, `relocate.ts`): nothing in a kept statement's facts but their places changes
// from one version to the next, so the list stays right for as long as the statement is kept. A moved object gets a
// new span (or insert point), never a changed one: whatever holds the old one (a finding, what the workspace kept of
// a call) still reads the old place.
import type { InsertPoint, Span } from '../types';

/** Which places an object holds (`Places.holds`). */
export const SPAN = 1;
export const KEY_SPAN = 2;
export const NAME_SPAN = 4;
export const INSERT = 8;
/** A number `offset` of its own (an insert point reached other than as an object's `insert`). */
export const OFFSET = 16;

/** The objects of one statement's facts that hold places, each once, with what each holds and its number in the file's `PlaceRegistry`. */
export interface Places {
  owners: object[];
  holds: number[];
  ids: number[];
}

type Owner = { span?: Span; keySpan?: Span; nameSpan?: Span; insert?: InsertPoint; offset?: number };

/** Where the offsets of the version the facts were made from are now. */
export abstract class Mover {
  /** The greatest offset in the places moved since it was last set, in the new version. */
  maxOffset = 0;

  /** The new place of an offset (throws when it is in no kept statement). */
  abstract offset(at: number): number;

  /** A span moved: the same object when it did not move; `{0, 0}` (no place) stays. */
  span(span: Span): Span {
    if (span.start === 0 && span.end === 0) return span;
    const start = this.offset(span.start);
    const end = span.end + (start - span.start);
    if (end > this.maxOffset) this.maxOffset = end;
    return start === span.start ? span : { start, end };
  }

  private moved(at: number): number {
    const to = this.offset(at);
    if (to > this.maxOffset) this.maxOffset = to;
    return to;
  }

  /** Moves an object's places, in place. */
  move(owner: Owner, holds: number): void {
    if (holds & SPAN) owner.span = this.span(owner.span!);
    if (holds & KEY_SPAN) owner.keySpan = this.span(owner.keySpan!);
    if (holds & NAME_SPAN) owner.nameSpan = this.span(owner.nameSpan!);
    if (holds & INSERT) {
      const offset = this.moved(owner.insert!.offset);
      if (offset !== owner.insert!.offset) owner.insert = { ...owner.insert!, offset };
    }
    if (holds & OFFSET) owner.offset = this.moved(owner.offset!);
  }

  /** Counts the places of an object moved already (another statement's facts hold it too). */
  count(owner: Owner, holds: number): void {
    let end = 0;
    if (holds & SPAN) end = owner.span!.end;
    if (holds & KEY_SPAN) end = Math.max(end, owner.keySpan!.end);
    if (holds & NAME_SPAN) end = Math.max(end, owner.nameSpan!.end);
    if (holds & INSERT) end = Math.max(end, owner.insert!.offset);
    if (holds & OFFSET) end = Math.max(end, owner.offset!);
    if (end > this.maxOffset) this.maxOffset = end;
  }
}

/**
 * The numbers of the objects that hold places in a file's kept facts: an object several statements' facts hold (a
 * module-level value read in many functions) is in each one's list, and is moved once per edit (`stamps`).
 */
export class PlaceRegistry {
  private ids = new WeakMap<object, number>();
  private next = 0;
  /** The edit each object was last moved in. */
  private stamps = new Int32Array(1024);
  private round = 0;

  /** Whether the numbers have grown so far (facts made and dropped over a long session) that the lists should be made again. */
  get full(): boolean {
    return this.next > 4_000_000;
  }

  /** Forgets every number: lists made before must not be used any more. */
  reset(): void {
    this.ids = new WeakMap();
    this.next = 0;
    this.stamps = new Int32Array(1024);
  }

  /** A list for a statement's objects, and how to add one to it (false: the list has it already). */
  list(): { places: Places; add(owner: object, holds: number): boolean } {
    const seen = new Set<object>();
    const places: Places = { owners: [], holds: [], ids: [] };
    const add = (owner: object, holds: number): boolean => {
      if (seen.has(owner)) return false;
      seen.add(owner);
      places.owners.push(owner);
      places.holds.push(holds);
      places.ids.push(this.id(owner));
      return true;
    };
    return { places, add };
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

  /** Starts an edit's moves. */
  startMoving(): void {
    this.round++;
  }

  /** Moves in place the places a statement's facts hold, each object once per edit; returns the greatest offset they hold now. */
  move(places: Places, mover: Mover): number {
    const { owners, holds, ids } = places;
    const stamps = this.stamps;
    const round = this.round;
    mover.maxOffset = 0;
    for (let i = 0; i < owners.length; i++) {
      if (stamps[ids[i]] === round) mover.count(owners[i], holds[i]);
      else {
        stamps[ids[i]] = round;
        mover.move(owners[i], holds[i]);
      }
    }
    return mover.maxOffset;
  }
}
