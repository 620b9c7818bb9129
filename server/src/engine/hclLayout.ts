// `terraform fmt`'s alignment of `=` signs, for fixes to Terraform files: a fix that adds `kms_key_id = "<…>"` to a
// block whose attributes are aligned re-aligns them, as `terraform fmt` would, so the fixed file stays fmt-clean.
//
// The rule, from hclwrite's formatter (hashicorp/hcl, hclwrite/format.go, `linesForFormat` and `formatCells`): a line
// whose first `=` (after its first token) starts a complete expression (the brackets after it balance, counting `${`
// and `%{` as opening ones) has an "assign" cell. Consecutive such lines form a chain; any other line (blank, a
// comment, a block header, `}`, an expression spread over lines) ends it. In a chain every `=` stands one column after
// the longest text before an `=`, and one space follows each `=`.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { RecentMap } from './recent';
import { changedRegion, LineIndex } from './text';
import type { Fix, Span, TextEdit } from './types';

const OPENING = new Set(['{', '[', '(', '${', '%{']);
const CLOSING = new Set(['}', ']', ')']);

interface Token {
  type: string;
  start: number;
  end: number;
}

/** A line with an assign cell: where the text before `=` ends, the `=`, and where the value starts. */
interface AssignLine {
  line: number;
  leadEnd: number;
  equals: number;
  valueStart: number;
}

/**
 * `fix` with edits whose result keeps the `=` chains they touch aligned, when those chains were aligned before (its title
 * and safety are never changed). `topLevel`: the file's `topLevelSpans`, when its analysis read them (else the file is
 * parsed for them).
 */
export function alignTerraformFix(parser: Parser, text: string, fix: Fix, topLevel?: readonly Span[]): Fix {
  // Chains never cross a top-level block (its header and `}` end them), so only the block the fix edits is read.
  const edited = { start: Math.min(...fix.edits.map((e) => e.span.start)), end: Math.max(...fix.edits.map((e) => e.span.end)) };
  const block = (topLevel ?? topLevelBlocks(parser, text)).find((b) => b.start <= edited.start && edited.end <= b.end);
  if (!block) return fix;
  const original = text.slice(block.start, block.end);
  const edits = fix.edits.map((e) => ({ span: { start: e.span.start - block.start, end: e.span.end - block.start }, newText: e.newText }));
  const key = `${original}\0${JSON.stringify(edits)}`;
  const aligned = alignedBlocks.get(key, () => alignedBlockEdit(parser, original, edits));
  if (!aligned) return fix;
  return { ...fix, edits: [{ span: { start: block.start + aligned.span.start, end: block.start + aligned.span.end }, newText: aligned.newText }] };
}

/**
 * Blocks and their fixes' alignment, by the block's text and the fix's edits in it: an edit elsewhere in the file
 * leaves them as they were, and the editor works out the fixes of every finding it shows again after each one.
 */
const alignedBlocks = new RecentMap<string, TextEdit | null>(256);

/** The one edit to `original` (a top-level block) that makes `edits` and keeps its chains aligned; null when `edits` do. */
function alignedBlockEdit(parser: Parser, original: string, edits: readonly TextEdit[]): TextEdit | null {
  const fixed = applyEdits(original, edits);
  const region = changedRegion(original, fixed);
  // A block whose lines around the change (and the lines next to it) were not fmt-aligned is left as its author keeps it.
  const before = Math.max(0, original.lastIndexOf('\n', Math.max(0, original.lastIndexOf('\n', region.start - 1) - 1)) + 1);
  const after = original.indexOf('\n', region.oldEnd) < 0 ? original.length : original.indexOf('\n', region.oldEnd) + 1;
  if (alignChains(parser, original, before, after) !== original) return null;
  const aligned = alignChains(parser, fixed, region.start, region.newEnd);
  if (aligned === fixed) return null;
  const { start, oldEnd, newEnd } = changedRegion(original, aligned);
  return { span: { start, end: oldEnd }, newText: aligned.slice(start, newEnd) };
}

/** The last file's `topLevelSpans`, kept for the fixes of its findings. */
let lastBlocks: { text: string; blocks: Span[] } | undefined;

function topLevelBlocks(parser: Parser, text: string): Span[] {
  if (lastBlocks?.text === text) return lastBlocks.blocks;
  const tree = parser.parse(text);
  const blocks = tree ? topLevelSpans(tree, text) : [];
  tree?.delete();
  lastBlocks = { text, blocks };
  return blocks;
}

/** The spans of a file's top-level blocks (and attributes and comments), from whole lines. */
function topLevelSpans(tree: Tree, text: string): Span[] {
  const blocks: Span[] = [];
  const body = tree.rootNode.namedChildren.find((n) => n?.type === 'body') ?? tree.rootNode;
  for (const node of body.namedChildren) if (node) blocks.push(topLevelSpan(text, node));
  return blocks;
}

/** A top-level node's span, from the start of its line when only blanks come before it there. */
export function topLevelSpan(text: string, node: Node): Span {
  const start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  return { start: /^[ \t]*$/.test(text.slice(start, node.startIndex)) ? start : node.startIndex, end: node.endIndex };
}

/** The text with the chains that touch the lines of `[from, to]` aligned; other text is unchanged. */
export function alignChains(parser: Parser, text: string, from: number, to: number): string {
  const tree = parser.parse(text);
  if (!tree) return text;
  try {
    const lines = new LineIndex(text);
    const chains = assignChains(lineTokens(tree.rootNode, lines), lines.lineCount);
    const edits: TextEdit[] = [];
    for (const chain of chains) {
      if (lines.position(from).line > chain[chain.length - 1].line || lines.position(to).line < chain[0].line) continue;
      edits.push(...chainEdits(chain, lines));
    }
    return applyEdits(text, edits);
  } finally {
    tree.delete();
  }
}

/** Every chain in the whole text, each a run of consecutive assign lines. */
export function alignedEverywhere(parser: Parser, text: string): string {
  return alignChains(parser, text, 0, text.length);
}

function chainEdits(chain: readonly AssignLine[], lines: LineIndex): TextEdit[] {
  const width = Math.max(...chain.map((l) => l.leadEnd - lines.lineStart(l.line)));
  const edits: TextEdit[] = [];
  for (const l of chain) {
    const gap = ' '.repeat(width - (l.leadEnd - lines.lineStart(l.line)) + 1);
    if (l.equals - l.leadEnd !== gap.length) edits.push({ span: { start: l.leadEnd, end: l.equals }, newText: gap });
    if (l.valueStart !== l.equals + 2) edits.push({ span: { start: l.equals + 1, end: l.valueStart }, newText: ' ' });
  }
  return edits;
}

/** The leaf tokens of each line, by the line they start on; a line inside a multi-line token gets a marker. */
function lineTokens(root: Node, lines: LineIndex): Map<number, Token[]> {
  const byLine = new Map<number, Token[]>();
  const cursor = root.walk();
  const visit = (): void => {
    if (cursor.gotoFirstChild()) {
      do visit();
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
      return;
    }
    const token = { type: cursor.nodeType, start: cursor.startIndex, end: cursor.endIndex };
    if (token.start === token.end) return;
    const first = lines.position(token.start).line;
    const last = lines.position(Math.max(token.start, token.end - 1)).line;
    for (let line = first; line <= last; line++) {
      const list = byLine.get(line) ?? [];
      list.push(line === first ? token : { type: 'continuation', start: token.start, end: token.end });
      byLine.set(line, list);
    }
  };
  visit();
  cursor.delete();
  return byLine;
}

function assignChains(lines: Map<number, Token[]>, count: number): AssignLine[][] {
  const chains: AssignLine[][] = [];
  let chain: AssignLine[] = [];
  for (let line = 0; line < count; line++) {
    const assign = assignOf(line, lines.get(line) ?? []);
    if (assign) chain.push(assign);
    else if (chain.length) {
      chains.push(chain);
      chain = [];
    }
  }
  if (chain.length) chains.push(chain);
  return chains;
}

function assignOf(line: number, tokens: readonly Token[]): AssignLine | undefined {
  if (tokens.some((t) => t.type === 'continuation')) return undefined;
  const equals = tokens.findIndex((t, i) => i > 0 && t.type === '=');
  if (equals < 0 || equals + 1 >= tokens.length) return undefined;
  let net = 0;
  for (const t of tokens.slice(equals)) {
    if (t.type === 'heredoc_start' || t.type === '<<' || t.type === '<<-') break;
    if (OPENING.has(t.type)) net++;
    else if (CLOSING.has(t.type)) net--;
  }
  if (net !== 0) return undefined;
  return { line, leadEnd: tokens[equals - 1].end, equals: tokens[equals].start, valueStart: tokens[equals + 1].start };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}
