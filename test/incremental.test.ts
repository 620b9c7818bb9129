// Re-analysing an edited file re-parses only what changed; the result must be what a fresh parse gives.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import { editBetween, TreeCache } from '../server/src/engine/parsers/treeCache';
import { loadParsers, type Grammar } from '../server/src/engine/parsers/treeSitter';
import { crossFileSignature } from '../server/src/lsp/signature';

const ROOT = path.join(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, 'examples', p), 'utf8');

/** Row and column the slow way, for checking. */
function point(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { row: before.length - 1, column: before[before.length - 1].length };
}

/** Edits as a person makes them: characters typed into and deleted from a few places, syntax broken and mended. */
function* typing(text: string): Generator<string> {
  const anchors = [0, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1, text.length];
  for (const anchor of anchors) {
    let current = text;
    for (const ch of ['(', 'x', ':', '"', '\n', '}']) {
      current = current.slice(0, anchor) + ch + current.slice(anchor);
      yield current;
    }
    for (let i = 6; i > 0; i--) {
      current = current.slice(0, anchor) + current.slice(anchor + 1);
      yield current;
    }
  }
  yield text.slice(0, Math.floor(text.length / 2)); // half the file deleted: a fresh parse
  yield text.replace(/\n/g, '\r\n');
  yield '';
  yield text;
}

describe('incremental re-parsing', () => {
  it('finds the one edit between two texts, with tree-sitter rows and columns', () => {
    const cases: [string, string][] = [
      ['abc\ndef\n', 'abc\ndXef\n'],
      ['abc\ndef\n', 'abc\ndf\n'],
      ['abc', 'Xabc'],
      ['abc', 'abcX'],
      ['a\nb\nc', 'a\nB\nB\nc'],
      ['x = "😀"\ny = 1\n', 'x = "😀😀"\ny = 1\n'],
      ['a\r\nb\r\n', 'a\r\nbb\r\n'],
      ['aaaa', 'aaaaa'],
    ];
    for (const [before, after] of cases) {
      const edit = editBetween(before, after)!;
      assert.ok(edit, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      assert.equal(before.slice(0, edit.startIndex) + after.slice(edit.startIndex, edit.newEndIndex) + before.slice(edit.oldEndIndex), after);
      assert.deepEqual(edit.startPosition, point(before, edit.startIndex));
      assert.deepEqual(edit.oldEndPosition, point(before, edit.oldEndIndex));
      assert.deepEqual(edit.newEndPosition, point(after, edit.newEndIndex));
    }
    assert.equal(editBetween('import os\nimport sys\n', 'print(1)\n'), undefined, 'most of the text changed');
  });

  for (const [file, grammar] of [
    ['chat-service/app.py', 'python'],
    ['infra/terraform/main.tf', 'terraform'],
    ['web/bedrock-client.ts', 'typescript'],
  ] as [string, Grammar][]) {
    it(`gives the same ${grammar} tree as a fresh parse after each edit`, async () => {
      const parser = (await loadParsers()).parser(grammar);
      const cache = new TreeCache(4);
      let edits = 0;
      for (const text of typing(read(file))) {
        const incremental = cache.parse(file, grammar, parser, text)!;
        const fresh = parser.parse(text)!;
        assert.equal(incremental.rootNode.toString(), fresh.rootNode.toString(), `after edit ${edits}`);
        assert.equal(incremental.rootNode.endIndex, text.length);
        fresh.delete();
        edits++;
      }
      cache.clear();
    });
  }

  it('an engine analysing edit after edit reports what a fresh engine reports', async () => {
    const editing = await Engine.create();
    const fresh = await Engine.create();
    for (const file of ['chat-service/app.py', 'chat-service/rag.py', 'infra/terraform/main.tf']) {
      let n = 0;
      for (const text of typing(read(file))) {
        const got = editing.analyze({ path: file, text });
        fresh.release(file); // nothing kept from the last analysis: a fresh one
        const want = fresh.analyze({ path: file, text });
        n++;
        assert.deepEqual(got.findings, want.findings, `${file}, edit ${n}`);
        assert.deepEqual(got.problems, want.problems, `${file}, edit ${n}`);
        assert.deepEqual(got.facts, want.facts, `${file}, edit ${n}`);
        assert.deepEqual(got.signals, want.signals, `${file}, edit ${n}`);
      }
    }
  });

  it('reuses the facts of unchanged Terraform blocks only where a fresh analysis gives the same', async () => {
    const editing = await Engine.create();
    const fresh = await Engine.create();
    const text = read('infra/terraform/main.tf');
    const blocks = text.split(/\n(?=resource |data |variable |output |locals |provider |module )/);
    assert.ok(blocks.length > 4);
    const commented = blocks.map((b) => b.replace(/\{/, '{ # note')).join('\n');
    const versions = [
      text,
      commented, // a comment inside every block
      `# a comment\n\n${commented}`, // every block moves
      `# a comment\n\n${text}`,
      [blocks[1], blocks[0], ...blocks.slice(2)].join('\n'), // two blocks swap places
      [...blocks, blocks[1], blocks[1]].join('\n'), // the same block three times
      [blocks[0], ...blocks.slice(2)].join('\n'), // a block removed
      blocks.map((b) => b.replace(/\n/g, '\n  ')).join('\n'), // indented
      blocks.map((b, i) => (i === 2 ? `  ${b}` : b)).join('\n'), // one block indented: its insert points change
      blocks.map((b, i) => (i === 1 ? b.replace(/= "/, '= "x') : b)).join('\n'), // a value edited
      blocks.map((b, i) => (i === 1 ? b.replace(/\{/, '{ # note') : b)).join('\n'), // a comment inside a block
      blocks.map((b, i) => (i === 1 ? b.slice(0, -3) : b)).join('\n'), // a block left unclosed
      text.replace(/\n/g, '\r\n'),
      text,
    ];
    for (const [n, version] of versions.entries()) {
      const got = editing.analyze({ path: 'main.tf', text: version });
      fresh.release('main.tf');
      const want = fresh.analyze({ path: 'main.tf', text: version });
      assert.deepEqual(got.facts, want.facts, `version ${n}`);
      assert.deepEqual(got.findings, want.findings, `version ${n}`);
      assert.deepEqual(got.problems, want.problems, `version ${n}`);
    }
  });

  it('keeps trees for a bounded number of files', async () => {
    const parser = (await loadParsers()).parser('python');
    const cache = new TreeCache(2);
    const a = cache.parse('a.py', 'python', parser, 'a = 1\n')!;
    cache.parse('b.py', 'python', parser, 'b = 2\n');
    assert.equal(cache.parse('a.py', 'python', parser, 'a = 1\n'), a, 'unchanged text reuses the tree');
    cache.parse('c.py', 'python', parser, 'c = 3\n'); // evicts b.py, the least recently parsed
    const b = cache.parse('b.py', 'python', parser, 'b = 2\n')!;
    assert.equal(b.rootNode.text, 'b = 2\n');
    cache.clear();
  });
});

describe('cross-file signature', () => {
  it('stays small when values share objects (a dict of dicts, each used many times)', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const lines = names.map((name, i) => `const ${name} = {${Array.from({ length: 30 }, (_, k) => `k${k}: ${names[i + 1] ?? '1'}`).join(', ')}};`);
    const text = 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\n' + lines.reverse().join('\n') + '\nnew ConverseCommand(v0);\n';
    const engine = await Engine.create();
    const result = engine.analyze({ path: 'fanout.ts', text });
    assert.ok(result.facts);
    const signature = crossFileSignature(result.facts).join('');
    assert.ok(signature.length > 1000 && signature.length < 100_000, `signature of ${signature.length} characters`);
  });
});
