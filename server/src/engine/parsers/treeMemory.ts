// Reads web-tree-sitter's syntax trees straight from WebAssembly memory.
//
// web-tree-sitter answers each question about a node (its type, its end, its next sibling) with a call into
// WebAssembly, wrapped in JavaScript that copies a cursor or a node through a transfer buffer: copying a tree that way
// takes about five such calls per node and costs as much as parsing it. The tree itself is plain data in the module's
// memory (tree-sitter's `Subtree` structs and the grammar's tables), so it is read here as such, which costs about a
// tenth of the parse. The layout is tree-sitter's own (lib/subtree.h, lib/tree_cursor.c and tree_sitter/parser.h of
// the library inside web-tree-sitter 0.27, a 32-bit WebAssembly build); each grammar's trees are compared with
// web-tree-sitter's cursor when the grammar is loaded (`checkTreeMemory` in syntax.ts), and a grammar whose trees
// differ is read with the cursor instead.
import type { Language, Node, Tree } from 'web-tree-sitter';
import type { Deadline } from '../budget';
import type { Grammar } from './treeSitter';
import { interned, Placement, SyntaxNode } from './syntaxNode';

/** `Subtree` is a union of 8 bytes: a pointer to `SubtreeHeapData`, or a small leaf's data inline (low bit set). */
const SUBTREE_BYTES = 8;
/** `SubtreeInlineData`: flags in byte 0 (is_inline, visible, named, extra, has_changes, is_missing…), then these. */
const INLINE = { symbol: 1, paddingBytes: 6, sizeBytes: 7 } as const;
const INLINE_FLAG = { visible: 1 << 1, extra: 1 << 3, missing: 1 << 5 } as const;
/** `SubtreeHeapData`; its children (`Subtree`s) are stored right before it. */
const HEAP = { paddingBytes: 4, sizeBytes: 16, errorCost: 32, childCount: 36, symbol: 40, flags: 44, visibleChildCount: 48, productionId: 66 } as const;
const HEAP_FLAG = { visible: 1 << 0, extra: 1 << 2, missing: 1 << 9 } as const;
/** `TSLanguage` (ABI 14 and 15 agree on these). */
const LANGUAGE = { symbolCount: 4, fieldCount: 32, maxAliasSequenceLength: 36, fieldMapSlices: 64, fieldMapEntries: 68, publicSymbolMap: 76, aliasSequences: 84 } as const;
/** `TSFieldMapEntry`: field id (u16), child index (u8), inherited (bool). `TSMapSlice`: index (u16), length (u16). */
const FIELD_MAP_ENTRY_BYTES = 4;
const ERROR_SYMBOL = 65535;

/** Code that parses into aliases, fields in hidden nodes, extras and errors: what a layout check must see. */
export const LAYOUT_SAMPLES: Record<Grammar, string> = {
  python: [
    'import a.b as c  # note',
    'from x import (y as z, w)',
    '@decorate(k=1)',
    'class C(Base, metaclass=M):',
    '    async def m(self, a: int = 1, *args, **kw) -> "T":',
    '        x: list[int] = [i async for i in y if i] or {**kw, "k": lambda q: (yield q)}',
    '        return f"{x!r:>{w}} {not a}" if a else b[1:2, ...]',
    'match p:',
    '    case [1, *rest] | {"k": v} as q if q: pass',
    'broken = call(a, b',
    '',
  ].join('\n'),
  typescript: [
    'import x, { type Y as Z } from "m"; // note',
    'export abstract class C<T extends { id: string }> implements I {',
    '  private readonly a?: Map<string, T[]> = new Map();',
    '  constructor(@Inject() public b: number = 1, ...rest: unknown[]) { super(); }',
    '  async *m(this: C<T>, { p, q: [r = 2] }: Opts = {}): AsyncGenerator<T> { yield* g`t${p as any}`; }',
    '}',
    'for (const [k, v] of Object.entries(o ?? {})) label: if (!k) continue label; else x!.y?.[v] ??= /re/giu.test(v);',
    'type U = keyof typeof o | `a${string}` | ((a: number) => void);',
    'broken(a, b',
    '',
  ].join('\n'),
  tsx: [
    'import * as React from "react"; // note',
    'export const V = <T,>({ items }: { items: T[] }) => <ul className="a">{items.map((i) => <Item key={String(i)} {...i} />)}<>text</></ul>;',
    'class C extends B { static #p = 1; get q() { return this.#p satisfies number; } }',
    'broken(a, b',
    '',
  ].join('\n'),
  terraform: [
    '# note',
    'resource "aws_s3_bucket" "b" {',
    '  tags = { for k, v in var.m : k => v if v != "" }',
    '  list = [for x in local.l : upper(x)...]',
    '  text = "a ${var.b} %{ if c }d%{ endif }"',
    '  dynamic "rule" { for_each = var.r  content { id = rule.value.id } }',
    '  x = a.b[*].c ? -1 : !true',
    '}',
    'broken = {',
    '',
  ].join('\n'),
};

/** What a grammar's trees need from its tables: names and the maps from symbols to node types and fields. */
interface LanguageTables {
  types: readonly string[];
  named: readonly boolean[];
  fields: readonly (string | null)[];
  fieldCount: number;
  maxAliasSequenceLength: number;
  fieldMapSlices: number;
  fieldMapEntries: number;
  publicSymbolMap: number;
  aliasSequences: number;
}

/** One visible child of a node, as `SubtreeWalk` finds it. */
interface Child {
  /** Address of the child's `Subtree`. */
  slot: number;
  /** Its `SubtreeHeapData`, or 0 for an inline leaf (which has no children). */
  data: number;
  /** Start and end, in bytes of the UTF-16 text tree-sitter parsed (two per code unit). */
  startByte: number;
  endByte: number;
  typeId: number;
  fieldId: number;
  named: boolean;
}

/** The memory views of one moment: the module's memory is replaced when it grows (a parse can grow it). */
interface Views {
  u8: Uint8Array;
  u16: Uint16Array;
  u32: Uint32Array;
}

/**
 * The trees of one grammar, read from the module's memory. `TreeMemory.candidate` makes one, `enable` puts it to use
 * once its trees have been checked; `TreeMemory.of(language)` is undefined for a grammar that did not check out.
 */
export class TreeMemory {
  private static readonly byLanguage = new WeakMap<Language, TreeMemory>();
  /** One walk for the statements of a tree, one for copying a statement while the first is at it. */
  private readonly statementWalk: SubtreeWalk;
  private readonly copyWalk: SubtreeWalk;
  /** Copied named nodes waiting for their parent to be done (`copy`): one array, reused. */
  private readonly pending: SyntaxNode[] = [];

  private constructor(
    private readonly heap: () => Uint8Array,
    tables: LanguageTables,
  ) {
    this.statementWalk = new SubtreeWalk(tables);
    this.copyWalk = new SubtreeWalk(tables);
  }

  static of(language: Language): TreeMemory | undefined {
    return TreeMemory.byLanguage.get(language);
  }

  /**
   * A reader of `language`'s trees from `heap` (web-tree-sitter's `HEAPU8`, read anew each time), or undefined when
   * memory cannot be read as tree-sitter lays it out here (a big-endian host) or the grammar's tables are not where
   * they are expected.
   */
  static candidate(language: Language, heap: () => Uint8Array | undefined): TreeMemory | undefined {
    const bytes = heap();
    if (!bytes || new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) return undefined;
    const address = (language as unknown as { 0?: number })[0];
    if (typeof address !== 'number' || address <= 0 || address % 4 !== 0 || address + 96 > bytes.length) return undefined;
    const { u16, u32 } = viewsOf(bytes);
    const types = language.types;
    // The language's own counts, where this layout puts them: a first sign that the layout is right.
    if (u32[(address + LANGUAGE.symbolCount) >> 2] > types.length || u32[(address + LANGUAGE.fieldCount) >> 2] !== language.fieldCount) return undefined;
    return new TreeMemory(() => heap()!, {
      types: interned(types),
      named: types.map((_, i) => language.nodeTypeIsNamed(i)),
      fields: interned(language.fields),
      fieldCount: language.fieldCount,
      maxAliasSequenceLength: u16[(address + LANGUAGE.maxAliasSequenceLength) >> 1],
      fieldMapSlices: u32[(address + LANGUAGE.fieldMapSlices) >> 2],
      fieldMapEntries: u32[(address + LANGUAGE.fieldMapEntries) >> 2],
      publicSymbolMap: u32[(address + LANGUAGE.publicSymbolMap) >> 2],
      aliasSequences: u32[(address + LANGUAGE.aliasSequences) >> 2],
    });
  }

  enable(language: Language): void {
    TreeMemory.byLanguage.set(language, this);
  }

  disable(language: Language): void {
    if (TreeMemory.byLanguage.get(language) === this) TreeMemory.byLanguage.delete(language);
  }

  /**
   * Visits the root's named children of `tree` in order, with what a statement snapshot needs to know of each;
   * `copy` copies the statement under `parent`, during the visit only.
   */
  eachStatement(tree: Tree, visit: (statement: MemoryStatement) => void): void {
    const views = viewsOf(this.heap());
    const root = (tree as unknown as { 0: number })[0];
    const data = heapData(views, root);
    if (!data) return;
    const walk = this.statementWalk;
    walk.start(views, data, views.u32[(data + HEAP.paddingBytes) >> 2]);
    const statement = new MemoryStatement(this, views, walk.current);
    while (walk.next() === FOUND) if (walk.current.named) visit(statement);
  }

  /** Copies the subtree at `node` (a node of a tree of this grammar), offsets relative to the placement's base. */
  copyNode(node: Node, placement: Placement, deadline: Deadline): SyntaxNode {
    const views = viewsOf(this.heap());
    // A node's id is the address of its `Subtree`.
    const slot = node.id;
    const child: Child = { slot, data: heapData(views, slot), startByte: node.startIndex * 2, endByte: node.endIndex * 2, typeId: node.typeId, fieldId: 0, named: node.isNamed };
    return this.copy(views, child, placement, null, deadline);
  }

  /** Copies the subtree of `child` into snapshot nodes: named nodes, and anonymous ones that fill a field. */
  copy(views: Views, child: Child, placement: Placement, parent: SyntaxNode | null, deadline: Deadline): SyntaxNode {
    const base = placement.base;
    const walk = this.copyWalk;
    const tables = walk.tables;
    const node = (found: Child, owner: SyntaxNode | null) => {
      const copy = new SyntaxNode(tables.types[found.typeId] ?? 'ERROR', owner, placement, (found.startByte >> 1) - base, (found.endByte >> 1) - base);
      if (found.fieldId) copy.field = tables.fields[found.fieldId] ?? null;
      return copy;
    };
    const top = node(child, parent);
    if (!child.data) return top;
    // Named nodes whose children are being copied: a stack, not recursion, since generated code nests deeper than the
    // call stack allows. Their named children wait in one array, each node's handed over in an array of its own size
    // once it is done (an array grown by pushing holds room for 17).
    const owners = [top];
    const pending = this.pending;
    let count = 0; // of those in `pending` (an array's length is slow to set); beyond it, nodes of this copy
    const firstPending = [0];
    walk.start(views, child.data, child.startByte);
    const found = walk.current;
    for (;;) {
      const step = walk.next();
      if (step === NODE_DONE) {
        const first = firstPending.pop()!;
        if (count > first) owners.pop()!.namedChildren = pending.slice(first, count);
        else owners.pop();
        count = first;
        if (owners.length === 0) {
          pending.length = 0;
          return top;
        }
        continue;
      }
      deadline.check();
      const owner = owners[owners.length - 1];
      const copy = node(found, owner);
      if (!found.named) {
        if (owner.tokens) owner.tokens.push(copy);
        else owner.tokens = [copy];
        continue;
      }
      pending[count++] = copy;
      if (found.data && walk.enterNode(found.data, found.startByte)) {
        owners.push(copy);
        firstPending.push(count);
      }
    }
  }
}

/** A top-level statement while `TreeMemory.eachStatement` visits it. */
export class MemoryStatement {
  constructor(
    private readonly memory: TreeMemory,
    private readonly views: Views,
    private readonly child: Child,
  ) {}

  get startIndex(): number {
    return this.child.startByte >> 1;
  }

  get endIndex(): number {
    return this.child.endByte >> 1;
  }

  get fieldId(): number {
    return this.child.fieldId;
  }

  /** tree-sitter's `ts_node_has_error`: an error or a missing node in it. */
  get hasError(): boolean {
    const { u8, u16, u32 } = this.views;
    const { slot, data } = this.child;
    if (!data) return (u8[slot] & INLINE_FLAG.missing) !== 0;
    return (u16[(data + HEAP.flags) >> 1] & HEAP_FLAG.missing) !== 0 || u32[(data + HEAP.errorCost) >> 2] > 0;
  }

  copy(placement: Placement, parent: SyntaxNode, deadline: Deadline): SyntaxNode {
    return this.memory.copy(this.views, this.child, placement, parent, deadline);
  }
}

/** `SubtreeWalk.next()`: a visible child is in `current`, or the node entered last has no more. */
const FOUND = 1;
const NODE_DONE = 2;
/** Numbers kept per frame of a walk, in one array: */
const FIRST_CHILD = 0;
const CHILD_COUNT = 1;
const INDEX = 2;
/** Index among the children that are not extras, which aliases and fields are keyed by. */
const STRUCTURAL = 3;
/** Byte offset at which the next child starts, once the child before it is passed. */
const POSITION = 4;
const PRODUCTION = 5;
/** The field of the hidden child a frame looks through, for its children that have none of their own. */
const INHERITED_FIELD = 6;
/** 1 for the frame of a node entered with `start` or `enterNode`, 0 for a hidden child looked through. */
const IS_NODE = 7;
const FRAME = 8;

/**
 * The visible descendants of a subtree, as tree-sitter's cursor finds them: each node's children in order, hidden
 * children looked through (their visible children count as the node's), a child an alias names visible, and a child's
 * field the one its parent's production gives it or, below a hidden child, the hidden child's. Children of a visible
 * child are visited only when it is entered (`enterNode`). The frames live in one reused array.
 */
class SubtreeWalk {
  /** The visible child found by the last `next()`; one object, overwritten. */
  readonly current: Child = { slot: 0, data: 0, startByte: 0, endByte: 0, typeId: 0, fieldId: 0, named: false };
  private frames = new Uint32Array(64 * FRAME);
  private top = -FRAME;
  private views!: Views;

  constructor(readonly tables: LanguageTables) {}

  start(views: Views, data: number, startByte: number): void {
    this.views = views;
    this.top = -FRAME;
    this.push(data, startByte, 0, 1);
  }

  /** Enters the current child, a node with children: `next()` visits them first. False when it has none. */
  enterNode(data: number, startByte: number): boolean {
    if (this.views.u32[(data + HEAP.childCount) >> 2] === 0) return false;
    this.push(data, startByte, 0, 1);
    return true;
  }

  next(): typeof FOUND | typeof NODE_DONE {
    const { u8, u16, u32 } = this.views;
    const tables = this.tables;
    for (;;) {
      // Read anew each time round: `push` below may have grown the array into a new one.
      const frames = this.frames;
      const f = this.top;
      if (frames[f + INDEX] === frames[f + CHILD_COUNT]) {
        this.top -= FRAME;
        if (frames[f + IS_NODE]) return NODE_DONE;
        continue;
      }
      const index = frames[f + INDEX]++;
      const slot = frames[f + FIRST_CHILD] + index * SUBTREE_BYTES;
      let data = 0;
      let symbol: number;
      let visible: boolean;
      let extra: boolean;
      let size: number;
      let padding: number;
      if (u8[slot] & 1) {
        const flags = u8[slot];
        visible = (flags & INLINE_FLAG.visible) !== 0;
        extra = (flags & INLINE_FLAG.extra) !== 0;
        symbol = u8[slot + INLINE.symbol];
        padding = u8[slot + INLINE.paddingBytes];
        size = u8[slot + INLINE.sizeBytes];
      } else {
        data = u32[slot >> 2];
        const flags = u16[(data + HEAP.flags) >> 1];
        visible = (flags & HEAP_FLAG.visible) !== 0;
        extra = (flags & HEAP_FLAG.extra) !== 0;
        symbol = u16[(data + HEAP.symbol) >> 1];
        padding = u32[(data + HEAP.paddingBytes) >> 2];
        size = u32[(data + HEAP.sizeBytes) >> 2];
      }
      // The first child's padding is its parent's, before the parent's start.
      if (index > 0) frames[f + POSITION] += padding;
      const start = frames[f + POSITION];
      frames[f + POSITION] = start + size;
      const production = frames[f + PRODUCTION];
      let alias = 0;
      let structural = -1;
      if (!extra) {
        structural = frames[f + STRUCTURAL]++;
        if (production) alias = u16[(tables.aliasSequences >> 1) + production * tables.maxAliasSequenceLength + structural];
      }
      const fieldId = extra ? 0 : this.fieldOf(production, structural) || frames[f + INHERITED_FIELD];
      if (visible || alias) {
        const shown = alias || symbol;
        const typeId = shown === ERROR_SYMBOL ? ERROR_SYMBOL : u16[(tables.publicSymbolMap >> 1) + shown];
        const named = typeId === ERROR_SYMBOL || tables.named[typeId] === true;
        if (!named && !fieldId) continue;
        const current = this.current;
        current.slot = slot;
        current.data = data;
        current.startByte = start;
        current.endByte = start + size;
        current.typeId = typeId;
        current.fieldId = fieldId;
        current.named = named;
        return FOUND;
      }
      if (data && u32[(data + HEAP.childCount) >> 2] > 0 && u32[(data + HEAP.visibleChildCount) >> 2] > 0) this.push(data, start, fieldId, 0);
    }
  }

  private push(data: number, startByte: number, inheritedField: number, isNode: number): void {
    const { u16, u32 } = this.views;
    this.top += FRAME;
    if (this.top + FRAME > this.frames.length) {
      const grown = new Uint32Array(this.frames.length * 2);
      grown.set(this.frames);
      this.frames = grown;
    }
    const frames = this.frames;
    const f = this.top;
    const childCount = u32[(data + HEAP.childCount) >> 2];
    frames[f + FIRST_CHILD] = data - childCount * SUBTREE_BYTES;
    frames[f + CHILD_COUNT] = childCount;
    frames[f + INDEX] = 0;
    frames[f + STRUCTURAL] = 0;
    frames[f + POSITION] = startByte;
    frames[f + PRODUCTION] = childCount > 0 ? u16[(data + HEAP.productionId) >> 1] : 0;
    frames[f + INHERITED_FIELD] = inheritedField;
    frames[f + IS_NODE] = isNode;
  }

  /** The field a production gives its child at `structural` (children that are not extras, counted from 0), or 0. */
  private fieldOf(production: number, structural: number): number {
    const tables = this.tables;
    if (tables.fieldCount === 0) return 0;
    const { u8, u16 } = this.views;
    const slice = tables.fieldMapSlices + production * 4;
    const first = tables.fieldMapEntries + u16[slice >> 1] * FIELD_MAP_ENTRY_BYTES;
    const end = first + u16[(slice + 2) >> 1] * FIELD_MAP_ENTRY_BYTES;
    for (let entry = first; entry < end; entry += FIELD_MAP_ENTRY_BYTES) {
      if (u8[entry + 2] === structural && u8[entry + 3] === 0) return u16[entry >> 1];
    }
    return 0;
  }
}

function viewsOf(bytes: Uint8Array): Views {
  const buffer = bytes.buffer;
  return { u8: bytes, u16: new Uint16Array(buffer), u32: new Uint32Array(buffer) };
}

/** The `SubtreeHeapData` of the `Subtree` at `address` (a `TSTree` starts with its root's), or 0 for an inline leaf. */
function heapData(views: Views, address: number): number {
  if (!address || views.u8[address] & 1) return 0;
  return views.u32[address >> 2];
}
