/**
 * One object per distinct key among the last keys seen. What a cache kept by fact worked out depends on the file
 * around the fact too (its language, imports, function names): the cache keeps the context it was worked out in as
 * one of these objects and compares it by identity, where comparing the keys (long strings made anew on every edit)
 * would read them whole for every fact. Holds strings only, never a file's facts.
 */
export class ContextKeys {
  private readonly known = new Map<string, ContextKey>();

  constructor(private readonly limit = 16) {}

  of(key: string): ContextKey {
    let found = this.known.get(key);
    if (found) {
      this.known.delete(key); // the most recent last: the oldest goes first
    } else {
      found = { key };
      if (this.known.size >= this.limit) this.known.delete(this.known.keys().next().value!);
    }
    this.known.set(key, found);
    return found;
  }
}

export interface ContextKey {
  readonly key: string;
}
