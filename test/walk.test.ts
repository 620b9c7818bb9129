// The tree walk every extractor builds on: every node once, in document order, `leave` after the children, and a
// subtree skipped when `enter` says so. Checked against a plain tree-cursor walk.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Node, Tree } from 'web-tree-sitter';
import { loadParsers, type Grammar } from '../server/src/engine/parsers/treeSitter';
import { syntaxErrors, walk } from '../server/src/engine/parsers/walk';

const ROOT = path.join(__dirname, '..', '..');

/** enter/leave events from a cursor, skipping the subtrees of nodes of type `skip`. */
function cursorEvents(tree: Tree, skip: string): string[] {
  const events: string[] = [];
  const cursor = tree.walk();
  const visit = () => {
    const node = cursor.currentNode;
    events.push(`> ${node.type} ${node.startIndex}-${node.endIndex}`);
    if (node.type !== skip && cursor.gotoFirstChild()) {
      do visit();
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    events.push(`< ${node.type} ${node.startIndex}-${node.endIndex}`);
  };
  visit();
  cursor.delete();
  return events;
}

function walkEvents(tree: Tree, skip: string): string[] {
  const events: string[] = [];
  const label = (node: Node) => `${node.type} ${node.startIndex}-${node.endIndex}`;
  walk(
    tree,
    (node) => {
      events.push(`> ${label(node)}`);
      return node.type !== skip;
    },
    (node) => events.push(`< ${label(node)}`),
  );
  return events;
}

describe('walk', () => {
  for (const [file, grammar, skip] of [
    ['examples/chat-service/app.py', 'python', 'call'],
    ['examples/infra/terraform/main.tf', 'terraform', 'block'],
    ['examples/web/bedrock-client.ts', 'typescript', 'import_statement'],
  ] as [string, Grammar, string][]) {
    it(`visits ${path.basename(file)} as a cursor does, skipping ${skip} subtrees`, async () => {
      const tree = (await loadParsers()).parser(grammar).parse(fs.readFileSync(path.join(ROOT, file), 'utf8'))!;
      for (const s of [skip, '(none)']) assert.deepEqual(walkEvents(tree, s), cursorEvents(tree, s));
      tree.delete();
    });
  }

  it('finds syntax errors, missing nodes included', async () => {
    const tree = (await loadParsers()).parser('python').parse('def f(:\n    return [1, 2\nx = (\n')!;
    const errors = syntaxErrors(tree);
    assert.ok(errors.length > 0);
    for (const e of errors) assert.ok(e.end > e.start);
    tree.delete();
  });
});
