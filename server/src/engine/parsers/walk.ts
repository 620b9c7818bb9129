import type { Node, Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';

/**
 * Depth-first walk with a tree cursor (no child arrays are built). `enter` returns false to skip a subtree;
 * `leave` runs after a node's children. Throws `AnalysisTimeout` once `deadline` has passed.
 */
export function walk(tree: Tree, enter: (node: Node) => boolean | void, leave?: (node: Node) => void, deadline = Deadline.never()): void {
  const cursor = tree.walk();
  try {
    for (;;) {
      deadline.check();
      const node = cursor.currentNode;
      const descend = enter(node) !== false;
      if (descend && cursor.gotoFirstChild()) continue;
      leave?.(node);
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
        leave?.(cursor.currentNode);
      }
    }
  } finally {
    cursor.delete();
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
