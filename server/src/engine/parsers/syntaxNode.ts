// The plain-JavaScript syntax node the Python and TypeScript extractors read (syntax.ts says how trees are copied).
import { Deadline } from '../budget';
import { lastAtOrBefore } from '../text';

/** Where a snapshot's nodes are in the current version of the file: its offset and the file's text. */
export class Placement {
  constructor(
    /** Offset in the file of the snapshot's offset 0 (the start of its first line). */
    public base: number,
    public source: Source,
  ) {}
}

/** The text of one version of a file, with its line starts once a row is asked for. */
export class Source {
  private lineStarts?: number[];

  constructor(readonly text: string) {}

  /** Row and column as tree-sitter counts them: rows start after each `\n`, columns in UTF-16 code units. */
  point(index: number): { row: number; column: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    const row = lastAtOrBefore(starts, index);
    return { row, column: index - starts[row] };
  }
}


/** Where the line of `offset` starts: after the last `\n` before it (tree-sitter's rows). */
export function lineStartOf(text: string, offset: number): number {
  return offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The same names as strings V8 keeps once (internalized), as it keeps property keys: comparing a node's type or field
 * with a literal (`type === 'call'`, a `switch` over types) is then a comparison of pointers. web-tree-sitter's names
 * are read from WebAssembly memory and are not, so each comparison with a name of the same length compares characters.
 */
export function interned<T extends string | null | undefined>(names: readonly T[]): T[] {
  return names.map((name) => (typeof name === 'string' ? (Object.keys({ [name]: 0 })[0] as T) : name));
}

let nextId = 1;
/** The children of every leaf: one array rather than one each (a snapshot is mostly leaves). Never added to. */
export const NO_CHILDREN: SyntaxNode[] = [];

/**
 * The part of web-tree-sitter's `Node` that the Python and TypeScript extractors read. Named nodes only, plus anonymous ones that
 * fill a field (an operator); offsets are kept relative to the snapshot, which may move from one version to the next.
 */
export class SyntaxNode {
  /** Unique among all snapshots made in this process. */
  readonly id = nextId++;
  /** Set once, when the snapshot is made. */
  namedChildren: readonly SyntaxNode[] = NO_CHILDREN;
  /** Anonymous children that fill a field (operators): few, so kept apart from the named ones. Set once, too. */
  tokens?: SyntaxNode[];
  /** The field this node fills in its parent, if any. */
  field: string | null = null;

  constructor(
    readonly type: string,
    public parent: SyntaxNode | null,
    private readonly placement: Placement,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get startIndex(): number {
    return this.placement.base + this.start;
  }

  get endIndex(): number {
    return this.placement.base + this.end;
  }

  get text(): string {
    const base = this.placement.base;
    return this.placement.source.text.slice(base + this.start, base + this.end);
  }

  get startPosition(): { row: number; column: number } {
    return this.placement.source.point(this.placement.base + this.start);
  }

  childForFieldName(field: string): SyntaxNode | null {
    // The fields of an ERROR node's children are those of hidden nodes between them, which tree-sitter's
    // `childForFieldName` does not look through (its `childrenForFieldName` does).
    if (this.type === 'ERROR') return null;
    let found: SyntaxNode | null = null;
    for (const child of this.namedChildren) {
      if (child.field === field) {
        found = child;
        break;
      }
    }
    if (this.tokens) for (const token of this.tokens) if (token.field === field && (!found || token.start < found.start)) return token;
    return found;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    const named = this.namedChildren.filter((c) => c.field === field);
    const tokens = this.tokens?.filter((c) => c.field === field) ?? [];
    return tokens.length === 0 ? named : [...named, ...tokens].sort((a, b) => a.start - b.start);
  }

  /** Named descendants of the type (or of any of the types), in document order. */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const found: SyntaxNode[] = [];
    walkNamed(this, (node) => void (node !== this && wanted.includes(node.type) && found.push(node)), () => {});
    return found;
  }
}

/**
 * Depth-first walk over named nodes in document order. `enter` returns false to skip a subtree; `leave` runs after a
 * node's children (and after `enter` returned false). Throws `AnalysisTimeout` once `deadline` has passed.
 */
export function walkNamed(root: SyntaxNode, enter: (node: SyntaxNode) => boolean | void, leave: (node: SyntaxNode) => void, deadline = Deadline.never()): void {
  // A stack rather than recursion: generated or hostile code nests deeper than the call stack allows.
  const nodes: SyntaxNode[] = [];
  const next: number[] = [];
  const visit = (node: SyntaxNode) => {
    deadline.check();
    if (enter(node) === false) leave(node);
    else {
      nodes.push(node);
      next.push(0);
    }
  };
  visit(root);
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const child = nodes[top].namedChildren[next[top]++];
    if (child) visit(child);
    else {
      next.pop();
      leave(nodes.pop()!);
    }
  }
}
