// A plain-JavaScript copy of a tree-sitter syntax tree, for extractors that read nodes many times over.
//
// Every read of a web-tree-sitter `Node` (its type, end, children, a field) is a call into WebAssembly plus a new
// JavaScript object; resolving values reads the same nodes again and again. A `SyntaxNode` is read from the tree once,
// in one cursor pass, and after that costs what a JavaScript object costs. A file's copy is made per top-level
// statement and kept by the statement's text (`StatementSnapshots`), so that after an edit only the statements that
// changed are read from the tree again.
import type { Language, Node, Tree, TreeCursor } from 'web-tree-sitter';
import { Deadline } from '../budget';

/** Where a snapshot's nodes are in the current version of the file: its offset and the file's text. */
class Placement {
  constructor(
    /** Offset in the file of the snapshot's offset 0 (the start of its first line). */
    public base: number,
    public source: Source,
  ) {}
}

/** The text of one version of a file, with its line starts once a row is asked for. */
class Source {
  private lineStarts?: number[];

  constructor(readonly text: string) {}

  /** Row and column as tree-sitter counts them: rows start after each `\n`, columns in UTF-16 code units. */
  point(index: number): { row: number; column: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return { row: low, column: index - starts[low] };
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

let nextId = 1;
/** The children of every leaf: one array rather than one each (a snapshot is mostly leaves). Never added to. */
const NO_CHILDREN: SyntaxNode[] = [];

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

/** Per grammar: type names, which types are named, field names; read from the language once. */
const tables = new WeakMap<Language, { types: string[]; named: boolean[]; fields: (string | null)[] }>();
const ERROR_TYPE_ID = 65535;

function tablesOf(language: Language) {
  let known = tables.get(language);
  if (!known) {
    const types = language.types;
    known = { types, named: types.map((_, i) => language.nodeTypeIsNamed(i)), fields: language.fields };
    tables.set(language, known);
  }
  return known;
}

/**
 * Copies the subtree at the cursor's node: its named nodes, and anonymous ones in a field, with offsets relative to
 * the placement's base. Leaves the cursor where it found it.
 */
function copySubtree(cursor: TreeCursor, language: Language, placement: Placement, parent: SyntaxNode | null, deadline: Deadline): SyntaxNode {
  const { types, named, fields } = tablesOf(language);
  const base = placement.base;
  const typeOf = (id: number) => types[id] ?? 'ERROR';
  const top = new SyntaxNode(typeOf(cursor.nodeTypeId), parent, placement, cursor.startIndex - base, cursor.endIndex - base);
  if (!cursor.gotoFirstChild()) return top;
  const stack = [top];
  let into = top;
  // Named children of the nodes on the stack, handed over in one array of the right size once a node is done.
  const pending: SyntaxNode[] = [];
  const firstPending = [0];
  for (;;) {
    deadline.check();
    const typeId = cursor.nodeTypeId;
    const fieldId = cursor.currentFieldId;
    const isNamed = typeId === ERROR_TYPE_ID || named[typeId];
    let node: SyntaxNode | undefined;
    if (isNamed || fieldId) {
      node = new SyntaxNode(typeOf(typeId), into, placement, cursor.startIndex - base, cursor.endIndex - base);
      if (fieldId) node.field = fields[fieldId];
      if (isNamed) pending.push(node);
      else (into.tokens ??= []).push(node);
    }
    // Anonymous nodes are tokens: nothing named is below them.
    if (node && isNamed && cursor.gotoFirstChild()) {
      stack.push(node);
      firstPending.push(pending.length);
      into = node;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      const done = stack.pop()!;
      const first = firstPending.pop()!;
      if (pending.length > first) {
        done.namedChildren = pending.slice(first);
        pending.length = first;
      }
      if (stack.length === 0) return top;
      into = stack[stack.length - 1];
    }
  }
}

/** A snapshot of a subtree, for tests and one-off reads: offsets as in `text`. */
export function snapshotOf(node: Node, text: string, deadline = Deadline.never()): SyntaxNode {
  const cursor = node.walk();
  try {
    return copySubtree(cursor, node.tree.language, new Placement(0, new Source(text)), null, deadline);
  } finally {
    cursor.delete();
  }
}

interface Statement {
  node: SyntaxNode;
  placement: Placement;
}

/**
 * The snapshots of one file's top-level statements, kept from one analysis to the next by their source (from the
 * start of their line, so that columns stay the same) and their column: a statement an edit did not touch is moved,
 * not read again. Statements with syntax errors are not kept (error recovery may depend on what is around them).
 */
export class StatementSnapshots {
  private statements = new Map<string, Statement>();

  /** The syntax tree of `text` as snapshots: a module node over the top-level statements. */
  snapshot(tree: Tree, text: string, deadline = Deadline.never()): SyntaxNode {
    const source = new Source(text);
    const rootNode = tree.rootNode;
    const language = tree.language;
    const module = new SyntaxNode(rootNode.type, null, new Placement(0, source), rootNode.startIndex, rootNode.endIndex);
    const known = this.statements;
    const kept = new Map<string, Statement>();
    const statements: SyntaxNode[] = [];
    module.namedChildren = statements;
    const anyError = rootNode.hasError;
    const cursor = rootNode.walk();
    try {
      if (!cursor.gotoFirstChild()) return module;
      const { named, fields } = tablesOf(language);
      do {
        deadline.check();
        const typeId = cursor.nodeTypeId;
        if (typeId !== ERROR_TYPE_ID && !named[typeId]) continue;
        const start = cursor.startIndex;
        const hasError = anyError && cursor.currentNode.hasError;
        const lineStart = lineStartOf(text, start);
        // Where on its line it starts, too: after a syntax error a statement may start mid-line, after an ERROR node.
        const key = `${start - lineStart} ${text.slice(lineStart, cursor.endIndex)}`;
        // A statement whose text is met twice in this version gets a copy of its own: a snapshot has one place.
        let statement = hasError || kept.has(key) ? undefined : known.get(key);
        if (statement) {
          statement.placement.base = lineStart;
          statement.placement.source = source;
          statement.node.parent = module;
        } else {
          const placement = new Placement(lineStart, source);
          statement = { node: copySubtree(cursor, language, placement, module, deadline), placement };
        }
        // In a file that is all ERROR, a statement may be in a field (of a hidden node between them).
        const fieldId = anyError ? cursor.currentFieldId : 0;
        statement.node.field = fieldId ? fields[fieldId] : null;
        if (!hasError && !kept.has(key)) kept.set(key, statement);
        statements.push(statement.node);
      } while (cursor.gotoNextSibling());
    } finally {
      cursor.delete();
    }
    this.statements = kept;
    return module;
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
