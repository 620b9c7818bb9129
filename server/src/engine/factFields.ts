// A fact's own fields, to tell on the next analysis whether the extractors kept it as it was: they keep the facts of
// unchanged statements as the same objects and set a few fields again (`resultKeys`), always as new values.

/** The fields of a fact that only say where it is. */
export const PLACES: ReadonlySet<string> = new Set(['span', 'nameSpan']);

export function fieldsOf(item: object): unknown[] {
  const fields: unknown[] = [];
  for (const key in item) fields.push(key, (item as Record<string, unknown>)[key]);
  return fields;
}

/** The same fields with the same values, but those of `unread`. */
export function sameFields(item: object, fields: readonly unknown[], unread?: ReadonlySet<string>): boolean {
  let i = 0;
  for (const key in item) {
    if (fields[i++] !== key) return false;
    if (fields[i++] !== (item as Record<string, unknown>)[key] && !unread?.has(key)) return false;
  }
  return i === fields.length;
}
