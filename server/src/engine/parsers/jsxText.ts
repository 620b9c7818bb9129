// A bare `&` in JSX text (`<p>Terms & conditions</p>`). TypeScript, Babel and every bundler read it as text; the
// tree-sitter grammar accepts `&` only as the start of a character reference (`&amp;`), and fails on the rest of the
// element. Such ampersands are found in the parse's error regions and read as the space they could be, which keeps
// every offset: the parse is used only when it has fewer errors.
import type { Node, Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { syntaxErrors, walk } from './walk';

/** `&amp;`, `&#169;`, `&#x1F600;`: what the grammar reads as a character reference. */
const CHARACTER_REFERENCE = /^&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
/** Where JSX text is bounded on its line: after a tag or an expression, before a tag or an expression. */
const BEFORE_TEXT = new Set(['>', '}']);
const AFTER_TEXT = new Set(['<', '{']);
/** Characters that end JSX text on its line (or are code). */
const CODE_CHARACTERS = new Set(['<', '>', '{', '}', ';', '(', ')', '=']);

/** The text with each bare `&` of JSX text in the parse's error regions turned into a space; undefined when there is none. */
export function withJsxAmpersandsAsText(tree: Tree, text: string, deadline = Deadline.never()): string | undefined {
  if (!tree.rootNode.hasError || !text.includes('&')) return undefined;
  const offsets: number[] = [];
  for (const region of errorRegions(tree, deadline)) {
    for (let i = text.indexOf('&', region.startIndex); i !== -1 && i < region.endIndex; i = text.indexOf('&', i + 1)) {
      if (isBareTextAmpersand(text, i)) offsets.push(i);
    }
  }
  if (offsets.length === 0) return undefined;
  const chars = text.split('');
  for (const i of offsets) chars[i] = ' ';
  return chars.join('');
}

/** How many syntax errors a parse has (up to the limit `syntaxErrors` counts), to compare two parses of one file. */
export function errorCount(tree: Tree, deadline = Deadline.never()): number {
  return syntaxErrors(tree, deadline).length;
}

function errorRegions(tree: Tree, deadline: Deadline): Node[] {
  const regions: Node[] = [];
  walk(
    tree,
    (node) => {
      if (node.isError) {
        regions.push(node);
        return false;
      }
      return node.hasError;
    },
    undefined,
    deadline,
  );
  return regions;
}

/** An `&` that is neither an operator (`&&`, `&=`, `a & b;`) nor a character reference, between JSX boundaries. */
function isBareTextAmpersand(text: string, at: number): boolean {
  if (text[at - 1] === '&' || text[at + 1] === '&' || text[at + 1] === '=' || CHARACTER_REFERENCE.test(text.slice(at, at + 12))) return false;
  return boundary(text, at, -1, BEFORE_TEXT) && boundary(text, at, 1, AFTER_TEXT);
}

/** True when the nearest code character on the line in `direction` is one of `allowed`, or there is none. */
function boundary(text: string, at: number, direction: 1 | -1, allowed: ReadonlySet<string>): boolean {
  for (let i = at + direction; i >= 0 && i < text.length; i += direction) {
    const c = text[i];
    if (c === '\n') return true;
    if (CODE_CHARACTERS.has(c)) return allowed.has(c);
  }
  return true;
}
