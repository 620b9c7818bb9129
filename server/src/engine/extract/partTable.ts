// A table put together from the parts of a module (one per top-level statement), kept from one version of the file to
// the next and updated by difference: when parts come and go, only the lists of the keys they hold are made again.
import { push } from '../multimap';

/** Something kept per top-level statement, with its statement's place among the statements of the current version. */
export interface Ordered {
  order: number;
}

/**
 * The parts that hold each key, in the parts' order: parts are added and removed with their keys, and `update` puts
 * the holders of the keys they hold back in order and returns those keys. The parts kept between updates must keep
 * their relative order.
 */
export class PartsByKey<P extends Ordered, K> {
  private readonly holders = new Map<K, P[]>();
  private dirty = new Set<K>();

  add(part: P, keys: Iterable<K>): void {
    for (const key of keys) {
      const holders = this.holders.get(key);
      if (!holders) this.holders.set(key, [part]);
      else if (holders[holders.length - 1] !== part) holders.push(part);
      this.dirty.add(key);
    }
  }

  remove(part: P, keys: Iterable<K>): void {
    for (const key of keys) {
      const holders = this.holders.get(key);
      const at = holders?.indexOf(part) ?? -1;
      if (at < 0) continue;
      holders!.splice(at, 1);
      if (holders!.length === 0) this.holders.delete(key);
      this.dirty.add(key);
    }
  }

  /** Puts in order the holders of the keys of the parts added or removed since the last update; returns those keys. */
  update(): Set<K> {
    const changed = this.dirty;
    this.dirty = new Set();
    for (const key of changed) this.holders.get(key)?.sort(byOrder);
    return changed;
  }

  /** The parts that hold `key`, in order as of the last update. */
  partsHolding(key: K): readonly P[] {
    return this.holders.get(key) ?? NONE;
  }

  /** The keys some part holds. */
  keys(): IterableIterator<K> {
    return this.holders.keys();
  }
}

const NONE: readonly never[] = [];

/**
 * A multimap of the entries of parts: each key's list holds the entries of the parts that hold the key, in the parts'
 * order, and each part's in its own order. Parts are added and removed (`add`, `remove`); `update` then makes again
 * the lists of the keys those parts hold and returns the keys. The parts kept between updates must keep their
 * relative order (a table whose parts were reordered is made again from none).
 *
 * A table made once (`kept` false: a scan's walk) adds each part's entries to the lists at once, in the order the
 * parts come (their order), and remembers only the first part that holds each key: it cannot be updated.
 */
export class PartTable<P extends Ordered, K, V> {
  /** Each key's list: read it after `update`. A list is replaced, never changed, once made. */
  readonly lists = new Map<K, V[]>();
  private readonly holders = new PartsByKey<P, K>();
  /** Each part's entries by key. */
  private readonly grouped = new Map<P, Map<K, V[]>>();
  /** Made once: the first part that holds each key. */
  private readonly firsts = new Map<K, P>();

  constructor(
    private readonly entriesOf: (part: P) => Iterable<readonly [K, V]>,
    private readonly kept = true,
  ) {}

  add(part: P): void {
    if (!this.kept) {
      for (const [key, value] of this.entriesOf(part)) {
        const list = this.lists.get(key);
        if (list) list.push(value);
        else {
          this.lists.set(key, [value]);
          this.firsts.set(key, part);
        }
      }
      return;
    }
    let groups: Map<K, V[]> | undefined;
    for (const [key, value] of this.entriesOf(part)) push((groups ??= new Map()), key, value);
    if (!groups) return;
    this.grouped.set(part, groups);
    this.holders.add(part, groups.keys());
  }

  remove(part: P): void {
    const groups = this.grouped.get(part);
    if (!groups) return;
    this.grouped.delete(part);
    this.holders.remove(part, groups.keys());
  }

  /** Makes again the lists of the keys held by the parts added or removed since the last update; returns those keys. */
  update(): Set<K> {
    if (!this.kept) return new Set(this.lists.keys());
    const changed = this.holders.update();
    for (const key of changed) {
      const holders = this.holders.partsHolding(key);
      if (holders.length === 0) {
        this.lists.delete(key);
        continue;
      }
      const list: V[] = [];
      for (const part of holders) for (const value of this.grouped.get(part)!.get(key)!) list.push(value);
      this.lists.set(key, list);
    }
    return changed;
  }

  /** The first part (in order) that holds `key`, as of the last update. */
  first(key: K): P | undefined {
    return this.kept ? this.holders.partsHolding(key)[0] : this.firsts.get(key);
  }

  /** The parts that hold `key`, in order as of the last update (a table made once does not know them). */
  partsHolding(key: K): readonly P[] {
    if (!this.kept) throw new Error('a table made once does not know which parts hold a key');
    return this.holders.partsHolding(key);
  }
}

function byOrder(a: Ordered, b: Ordered): number {
  return a.order - b.order;
}
