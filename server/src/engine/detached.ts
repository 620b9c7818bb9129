// V8 keeps a string cut out of a longer one (`slice`, `substring`, a regular expression's match, a tree-sitter
// node's text) as a slice that points into the string it was cut from, and so holds all of it. Facts are full of names,
// keys and literals cut out of their file's text, and messages are built from them: what a whole-workspace scan keeps
// of every file to its end (the project model, the findings) would keep every file's text alive through them.

/** V8 cuts no slice shorter than this (`SlicedString::kMinLength`): shorter strings are copies already. */
const MIN_SLICE_LENGTH = 13;

/**
 * Copies of strings that share no memory with the texts they may have been cut from, one copy of each string (the
 * same names and messages recur in every file of a workspace). The copies are held as long as this is.
 */
export class DetachedStrings {
  private readonly copies = new Map<string, string>();

  /** `text`, or its copy when it may be a slice of a longer string. */
  string(text: string): string {
    if (text.length < MIN_SLICE_LENGTH) return text;
    let copy = this.copies.get(text);
    if (copy === undefined) {
      // A string read from JSON is a new string of its own.
      copy = JSON.parse(JSON.stringify(text)) as string;
      this.copies.set(copy, copy);
    }
    return copy;
  }

  /**
   * `root` with every string it holds, at any depth (object fields, array items, map keys and values, set members),
   * replaced by its copy. Changes `root` in place (a string and its copy are the same value) and returns it. Objects
   * reached twice are visited once; frozen objects are left as they are.
   */
  all<T>(root: T): T {
    const seen = new Set<object>();
    const stack: object[] = [];
    const visit = (value: unknown): unknown => {
      if (typeof value === 'string') return this.string(value);
      if (typeof value === 'object' && value !== null && !seen.has(value)) {
        seen.add(value);
        stack.push(value);
      }
      return value;
    };
    visit(root);
    while (stack.length) {
      const object = stack.pop()!;
      if (ArrayBuffer.isView(object) || Object.isFrozen(object)) continue;
      if (object instanceof Map) detachMap(object, visit);
      else if (object instanceof Set) detachSet(object, visit);
      else if (Array.isArray(object)) detachFields(object as unknown as Record<number, unknown>, object.keys(), visit);
      else detachObject(object as Record<string, unknown>, visit);
    }
    return root;
  }
}

// Strings are compared by value: whether a string is already a copy cannot be told, so every one that may be a slice
// is written again; other fields, and maps and sets without such strings, are left as they are.
const mayBeSlice = (value: unknown): value is string => typeof value === 'string' && value.length >= MIN_SLICE_LENGTH;

function detachFields<K extends string | number>(object: Record<K, unknown>, keys: Iterable<K>, visit: (value: unknown) => unknown): void {
  for (const key of keys) {
    const value = object[key];
    if (mayBeSlice(value)) object[key] = visit(value);
    else visit(value);
  }
}

/** `for … in` reads an object's keys without making an array of them: a scan visits millions of objects. */
function detachObject(object: Record<string, unknown>, visit: (value: unknown) => unknown): void {
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key];
    if (mayBeSlice(value)) object[key] = visit(value);
    else visit(value);
  }
}

/** A map's keys and values; it is filled again, in the same order, only when a key may be a slice. */
function detachMap(map: Map<unknown, unknown>, visit: (value: unknown) => unknown): void {
  const entries = [...map];
  if (entries.some(([key]) => mayBeSlice(key))) {
    map.clear();
    for (const [key, value] of entries) map.set(visit(key), visit(value));
    return;
  }
  for (const [key, value] of entries) {
    if (mayBeSlice(value)) map.set(key, visit(value));
    else visit(value);
  }
}

function detachSet(set: Set<unknown>, visit: (value: unknown) => unknown): void {
  const members = [...set];
  if (!members.some(mayBeSlice)) {
    for (const member of members) visit(member);
    return;
  }
  set.clear();
  for (const member of members) set.add(visit(member));
}
