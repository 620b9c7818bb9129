import type { Node, Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';

/**
 * Depth-first walk over every node, named and anonymous, in document order. `enter` returns false to skip a subtree;
 * `leave` runs after a node's children. Throws `AnalysisTimeout` once `deadline` has passed. (The Python and
 * TypeScript extractors walk a plain-JavaScript copy of the tree instead: `walkNamed` in syntax.ts.)
 *
 * It descends through `children` arrays rather than a tree cursor: web-tree-sitter fetches all of a node's children
 * in one call into WebAssembly, where a cursor costs two or three calls per node (move, then read the node), and those
 * calls, not the JavaScript around them, are most of a walk's time.
 */
export function walk(
  tree: Tree,
  enter: (node: Node) => boolean | void,
  leave?: (node: Node) => void,
  deadline = Deadline.never(),
): void {
  const stack: { node: Node; children: (Node | null)[] | undefined; next: number }[] = [];
  const visit = (node: Node) => {
    deadline.check();
    if (enter(node) === false) leave?.(node);
    else stack.push({ node, children: undefined, next: 0 });
  };
  visit(tree.rootNode);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (!top.children) {
      top.children = top.node.children;
      // Node caches the array; dropping the cache lets the walked subtree be collected while callers keep the node.
      (top.node as unknown as { _children?: unknown })._children = undefined;
    }
    const child = top.children[top.next++];
    if (child) {
      visit(child);
    } else if (top.next > top.children.length) {
      stack.pop();
      leave?.(top.node);
    }
  }
}

/** Syntax errors as spans, at most `limit` of them. */
export function syntaxErrors(tree: Tree, deadline = Deadline.never(), limit = 20): { start: number; end: number; missing: boolean }[] {
  const errors: { start: number; end: number; missing: boolean }[] = [];
  if (!tree.rootNode.hasError) return errors;
  walk(
    tree,
    (node) => {
      if (errors.length >= limit) return false;
      if (node.isError || node.isMissing) {
        errors.push({ start: node.startIndex, end: Math.max(node.endIndex, node.startIndex + 1), missing: node.isMissing });
        return false;
      }
      return node.hasError;
    },
    undefined,
    deadline,
  );
  return errors;
}
