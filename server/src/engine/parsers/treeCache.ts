import { Edit, type Parser, type Point, type Tree } from 'web-tree-sitter';
import { changedRegion } from '../text';

interface Entry {
  grammar: string;
  text: string;
  tree: Tree;
}

/**
 * How much of the text the parser is handed at a time (UTF-16 code units; its input buffer holds 5,120). Given the
 * text itself, web-tree-sitter hands over `text.slice(index)`, the whole rest of the file, for every chunk it reads;
 * for an editor's text, built by concatenation, those slices cost copies that kept the young generation full and made
 * its collections (every few edits) take 15–25 ms instead of 2–4.
 */
const INPUT_CHUNK = 4096;

/**
 * The last syntax tree of each of the most recently parsed files, so that parsing a file again after an edit re-parses
 * only the region that changed (tree-sitter's incremental parsing). The edit is found by comparing the old and new
 * text, so callers need not track edits. Trees of files that fall out of the cache are freed.
 */
export class TreeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  /**
   * A tree for `text`, owned by the cache: valid until the next `parse` of the same key or until the key is evicted,
   * so it must not be kept or deleted by the caller. Null when `cancelled` returned true during the parse.
   */
  parse(key: string, grammar: string, parser: Parser, text: string, cancelled: () => boolean = () => false): Tree | null {
    const options = { progressCallback: cancelled };
    // The parser asks for progress too rarely while it recovers from errors (seconds apart in a damaged file of
    // megabytes); it reads its input far more often. Once cancelled, the input ends, the parse finishes at once, and
    // its tree (of part of the text) is dropped.
    let reads = 0;
    let stopped = false;
    // The tree keeps this function to read its text (`node.text`) after the parse, in this analysis and in later ones
    // that reuse the tree: only the parse itself may be cancelled, or a later read would get '' once the first
    // analysis's time limit had passed.
    let parsing = true;
    const input = (index: number) => {
      if (parsing && !stopped && (++reads & 63) === 0) stopped = cancelled();
      return stopped ? '' : text.slice(index, index + INPUT_CHUNK);
    };
    const previous = this.entries.get(key);
    this.entries.delete(key);
    let tree: Tree | null;
    if (previous && previous.grammar === grammar && previous.text === text) {
      tree = previous.tree;
    } else if (previous && previous.grammar === grammar) {
      const edit = editBetween(previous.text, text);
      if (edit) {
        previous.tree.edit(edit);
        tree = parser.parse(input, previous.tree, options);
      } else {
        tree = parser.parse(input, null, options);
      }
      previous.tree.delete();
    } else {
      previous?.tree.delete();
      tree = parser.parse(input, null, options);
    }
    parsing = false;
    if (stopped) tree?.delete();
    if (!tree || stopped) return null;
    this.entries.set(key, { grammar, text, tree });
    while (this.entries.size > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      entry.tree.delete();
      this.entries.delete(oldest);
    }
    return tree;
  }

  /** Frees the tree kept for `key`, if any. */
  delete(key: string): void {
    this.entries.get(key)?.tree.delete();
    this.entries.delete(key);
  }

  clear(): void {
    for (const entry of this.entries.values()) entry.tree.delete();
    this.entries.clear();
  }
}

/**
 * The single edit that turns `before` into `after` (their common prefix and suffix stay), in UTF-16 code units and
 * rows/columns as web-tree-sitter counts them; undefined when most of the text changed and a fresh parse is as cheap.
 */
export function editBetween(before: string, after: string): Edit | undefined {
  const { start, oldEnd, newEnd } = changedRegion(before, after);
  if (oldEnd - start > before.length / 2 && newEnd - start > after.length / 2) return undefined;
  const startPosition = pointAt(before, start);
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: advance(startPosition, before, start, oldEnd),
    newEndPosition: advance(startPosition, after, start, newEnd),
  });
}

/** Row and column of an offset: tree-sitter starts a row after each `\n`. */
function pointAt(text: string, offset: number): Point {
  return advance({ row: 0, column: 0 }, text, 0, offset);
}

function advance(from: Point, text: string, start: number, end: number): Point {
  let { row, column } = from;
  let lineStart = start - column;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  column = end - lineStart;
  return { row, column };
}
