// A plain-JavaScript copy of a tree-sitter syntax tree, for extractors that read nodes many times over.
//
// Every read of a web-tree-sitter `Node` (its type, end, children, a field) is a call into WebAssembly plus a new
// JavaScript object; resolving values reads the same nodes again and again. A `SyntaxNode` is read from the tree once
// and after that costs what a JavaScript object costs. The copy is read from WebAssembly memory (treeMemory.ts), or
// with web-tree-sitter's cursor for a grammar whose trees are not laid out there as expected. A file's copy is made per
// top-level statement and kept by the statement's text (`StatementSnapshots`), so that after an edit only the
// statements that changed are read from the tree again.
import type { Language, Node, Parser, Tree, TreeCursor } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { interned, Placement, Source, SyntaxNode, lineStartOf } from './syntaxNode';
import { LAYOUT_SAMPLES, TreeMemory } from './treeMemory';
import type { Grammar } from './treeSitter';

export { SyntaxNode, lineStartOf, walkNamed } from './syntaxNode';

/** Per grammar: type names, which types are named, field names; read from the language once. */
const tables = new WeakMap<Language, { types: string[]; named: boolean[]; fields: (string | null)[] }>();
const ERROR_TYPE_ID = 65535;

function tablesOf(language: Language) {
  let known = tables.get(language);
  if (!known) {
    const types = interned(language.types);
    known = { types, named: types.map((_, i) => language.nodeTypeIsNamed(i)), fields: interned(language.fields) };
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

/** A snapshot of a subtree, offsets as in `text`: for reading a part of a tree once (a Terraform block), and tests. */
export function snapshotOf(node: Node, text: string, deadline = Deadline.never(), fromMemory = true): SyntaxNode {
  const placement = new Placement(0, new Source(text));
  const memory = fromMemory ? TreeMemory.of(node.tree.language) : undefined;
  if (memory) return memory.copyNode(node, placement, deadline);
  const cursor = node.walk();
  try {
    return copySubtree(cursor, node.tree.language, placement, null, deadline);
  } finally {
    cursor.delete();
  }
}

interface Statement {
  node: SyntaxNode;
  placement: Placement;
}

/** A top-level statement while a reader visits it. */
interface TopStatement {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly hasError: boolean;
  /** The field the statement fills, if any (in a file that is all ERROR, of a hidden node between them). */
  readonly fieldId: number;
  /** Copies the statement's subtree; only while it is visited. */
  copy(placement: Placement, parent: SyntaxNode, deadline: Deadline): SyntaxNode;
}

/** Visits the named top-level statements of a tree, in order. */
type StatementReader = (tree: Tree, visit: (statement: TopStatement) => void) => void;

/** The reader for trees of `language`: from WebAssembly memory once its layout has checked out, else the cursor. */
function readerFor(language: Language, fromMemory: boolean): StatementReader {
  const memory = fromMemory ? TreeMemory.of(language) : undefined;
  return memory ? (tree, visit) => memory.eachStatement(tree, visit) : statementsByCursor;
}

function statementsByCursor(tree: Tree, visit: (statement: TopStatement) => void): void {
  const cursor = tree.rootNode.walk();
  const { named } = tablesOf(tree.language);
  const statement: TopStatement = {
    get startIndex() {
      return cursor.startIndex;
    },
    get endIndex() {
      return cursor.endIndex;
    },
    get hasError() {
      return cursor.currentNode.hasError;
    },
    get fieldId() {
      return cursor.currentFieldId;
    },
    copy: (placement, parent, deadline) => copySubtree(cursor, tree.language, placement, parent, deadline),
  };
  try {
    if (!cursor.gotoFirstChild()) return;
    do {
      const typeId = cursor.nodeTypeId;
      if (typeId === ERROR_TYPE_ID || named[typeId]) visit(statement);
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
}

/**
 * The snapshots of one file's top-level statements, kept from one analysis to the next by their source (from the
 * start of their line, so that columns stay the same) and their column: a statement an edit did not touch is moved,
 * not read again. Statements with syntax errors are not kept (error recovery may depend on what is around them).
 */
export class StatementSnapshots {
  private statements = new Map<string, Statement>();

  /**
   * `fromMemory: false` copies with web-tree-sitter's cursor even where memory could be read (for tests); `keep: false`
   * keeps nothing for a next version (a scan reads each file once), so statements are not keyed by their text.
   */
  constructor(
    private readonly fromMemory = true,
    private readonly keep = true,
  ) {}

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
    const { fields } = tablesOf(language);
    const keep = this.keep;
    readerFor(language, this.fromMemory)(tree, (top) => {
      deadline.check();
      const start = top.startIndex;
      const lineStart = lineStartOf(text, start);
      const fieldId = anyError ? top.fieldId : 0;
      const field = fieldId ? fields[fieldId] : null;
      if (!keep) {
        const node = top.copy(new Placement(lineStart, source), module, deadline);
        node.field = field;
        statements.push(node);
        return;
      }
      const hasError = anyError && top.hasError;
      // Where on its line it starts, too: after a syntax error a statement may start mid-line, after an ERROR node.
      const key = `${start - lineStart} ${text.slice(lineStart, top.endIndex)}`;
      // A statement whose text is met twice in this version gets a copy of its own: a snapshot has one place.
      let statement = hasError || kept.has(key) ? undefined : known.get(key);
      if (statement) {
        statement.placement.base = lineStart;
        statement.placement.source = source;
        statement.node.parent = module;
      } else {
        const placement = new Placement(lineStart, source);
        statement = { node: top.copy(placement, module, deadline), placement };
      }
      statement.node.field = field;
      if (!hasError && !kept.has(key)) kept.set(key, statement);
      statements.push(statement.node);
    });
    this.statements = kept;
    return module;
  }
}

/**
 * Reads `grammar`'s trees from WebAssembly memory from now on (`heap`: web-tree-sitter's memory) if a sample of the
 * grammar's code reads there exactly as web-tree-sitter's cursor reads it; returns whether it does.
 */
export function checkTreeMemory(parser: Parser, grammar: Grammar, heap: () => Uint8Array | undefined): boolean {
  const language = parser.language!;
  const memory = TreeMemory.candidate(language, heap);
  if (!memory) return false;
  const text = LAYOUT_SAMPLES[grammar];
  const tree = parser.parse(text);
  if (!tree) return false;
  try {
    const byCursor = new StatementSnapshots(false).snapshot(tree, text);
    memory.enable(language);
    const same = sameSyntax(new StatementSnapshots().snapshot(tree, text), byCursor);
    if (!same) memory.disable(language);
    return same;
  } catch {
    TreeMemory.of(language)?.disable(language);
    return false;
  } finally {
    tree.delete();
  }
}

/** Same types, places, fields and children all the way down. */
function sameSyntax(a: SyntaxNode, b: SyntaxNode): boolean {
  if (a.type !== b.type || a.startIndex !== b.startIndex || a.endIndex !== b.endIndex || a.field !== b.field) return false;
  if (a.namedChildren.length !== b.namedChildren.length || (a.tokens?.length ?? 0) !== (b.tokens?.length ?? 0)) return false;
  return a.namedChildren.every((child, i) => sameSyntax(child, b.namedChildren[i])) && (a.tokens ?? []).every((token, i) => sameSyntax(token, b.tokens![i]));
}
