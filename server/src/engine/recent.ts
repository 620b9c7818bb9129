/** A map that keeps only its `capacity` most recently used keys. */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, made with `create` when there is none; either way `key` becomes the most recent. */
  get(key: K, create: () => V): V {
    const value = this.entries.has(key) ? this.entries.get(key)! : create();
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
