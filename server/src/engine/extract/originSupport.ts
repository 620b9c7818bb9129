// What the Python and TypeScript origin trackers share: bindings in effect at a position, and origin lists.
import type { Origin } from '../types';

/** The binding in effect at `position`: the one that takes effect last before it. */
export function latestBefore<D extends { at: number }>(defs: readonly D[], position: number): D | undefined {
  let latest: D | undefined;
  for (let i = defs.length - 1; i >= 0; i--) if (defs[i].at <= position && (!latest || defs[i].at > latest.at)) latest = defs[i];
  return latest;
}

/** The origins, marked as built into a larger string. */
export function formatted(origins: Origin[]): Origin[] {
  return origins.map((o) => (o.formatted ? o : { ...o, formatted: true }));
}

export function dedupe(origins: Origin[]): Origin[] {
  if (origins.length < 2) return origins;
  const seen = new Map<string, Origin>();
  for (const o of origins) seen.set(`${o.kind}:${o.span.start}:${o.span.end}:${o.formatted}`, o);
  return [...seen.values()];
}

/** Deeper chains of values being followed at once give up: no origin rather than an overflowing stack. */
const MAX_ACTIVE = 200;

/** Each node's origins, worked out once; a node met again while it is being worked out (a cycle) has none. */
export class OriginCache {
  private readonly memo = new Map<number, Origin[]>();
  private readonly active = new Set<number>();

  get(id: number, compute: () => Origin[]): Origin[] {
    const known = this.memo.get(id);
    if (known) return known;
    if (this.active.has(id) || this.active.size > MAX_ACTIVE) return [];
    this.active.add(id);
    let result: Origin[];
    try {
      result = dedupe(compute());
    } finally {
      this.active.delete(id);
    }
    this.memo.set(id, result);
    return result;
  }
}
