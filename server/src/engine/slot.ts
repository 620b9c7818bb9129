/**
 * A value attached to objects and held by each object itself (under a symbol, not enumerable: spreads, `for…in`,
 * structured clones and deep equality do not see it), for what is worked out from objects an analysis makes anew on
 * every edit. A module-level `WeakMap` would hold the same, but V8's young-generation collections keep an entry's value
 * alive while its table is old, whether or not its key is: a value that reaches a file's facts then kept every
 * edit's facts through those collections, until a full one (docs/performance.md, "Terraform edits").
 * Objects that cannot take a property (frozen ones) fall back to a `WeakMap`.
 */
export class Slot<K extends object, V> {
  private readonly symbol: symbol;
  private readonly fallback = new WeakMap<K, V>();

  constructor(name: string) {
    this.symbol = Symbol(name);
  }

  get(key: K): V | undefined {
    return Object.hasOwn(key, this.symbol) ? (key as Record<symbol, V>)[this.symbol] : this.fallback.get(key);
  }

  set(key: K, value: V): void {
    if (Object.hasOwn(key, this.symbol)) (key as Record<symbol, V>)[this.symbol] = value;
    else if (Object.isExtensible(key)) Object.defineProperty(key, this.symbol, { value, writable: true, configurable: true });
    else this.fallback.set(key, value);
  }
}
