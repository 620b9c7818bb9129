// The plain-JavaScript syntax snapshot the Python and TypeScript extractors read: every node as web-tree-sitter has
// it, and after edits (statements kept from earlier versions, moved) the same facts and findings as a fresh analysis.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Node, Parser } from 'web-tree-sitter';
import { AnalysisTimeout, Deadline } from '../server/src/engine/budget';
import { Engine } from '../server/src/engine/engine';
import { checkTreeMemory, snapshotOf, StatementSnapshots, type SyntaxNode } from '../server/src/engine/parsers/syntax';
import { LAYOUT_SAMPLES, TreeMemory } from '../server/src/engine/parsers/treeMemory';
import { GRAMMARS, loadParsers, wasmHeap, type Grammar } from '../server/src/engine/parsers/treeSitter';

const ROOT = path.join(__dirname, '..', '..');

function filesEndingIn(dir: string, extensions: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesEndingIn(full, extensions) : extensions.test(e.name) ? [full] : [];
  });
}
const fixtures = (extensions: RegExp) => [...filesEndingIn(path.join(ROOT, 'test', 'fixtures', 'labelled'), extensions), ...filesEndingIn(path.join(ROOT, 'examples'), extensions)];
const FIXTURES = fixtures(/\.py$/);
/** TypeScript and JavaScript files, with the grammar the engine parses each with. */
const TS_FIXTURES = fixtures(/\.(ts|tsx|js|jsx|mjs|cjs)$/).map((file) => ({ file, grammar: (file.endsWith('.ts') ? 'typescript' : 'tsx') as Grammar }));

/** Code where offsets, rows and columns are easy to get wrong: f-strings, astral characters, CRLF, tabs, `;`. */
const TRICKY = [
  'import boto3; from openai import OpenAI as O\r\n',
  'name = "é😀"; greeting = f"héllo {name!r:>{width}} {f\'{nested}\'}"\r\n',
  'client = boto3.client("bedrock-runtime")\r\n',
  '@tool\r\ndef ask(q: str, n: int = 3, *args, **kw) -> str:\r\n\t"""Doc 😀."""\r\n\treturn client.converse(modelId="m", messages=[{"role": "user", "content": [{"text": q}]}], **kw)\r\n',
  'x = 1 + 2 - 3 | y\r\n',
  'x += 1\r\n',
  'x = 1 + 2 - 3 | y\r\n', // the same statement again: two places at once
  "raw = r'\\d+\\n' + '\\t\\u00e9'\r\n",
  'values = [c.text for c in blocks if c]  # comment ✓\r\n',
  'broken = call(a, b\r\n',
  'match point:\r\n    case (x, y) as p: pass\r\n',
].join('');

/** The same for TypeScript: JSX, templates, regexes, `for … of`, decorators, generics, ASI, CRLF, a repeat, an error. */
const TRICKY_TS = [
  '#!/usr/bin/env node\r\n',
  'import OpenAI, { type ClientOptions as O } from "openai"; import * as fs from "node:fs";\r\n',
  'const name = "é😀", re = /[a-z]+\\/\\d/giu; let greeting = `héllo ${name} ${`nested ${re.source}`}`;\r\n',
  'for (const [k, v] of Object.entries(fs)) console.log(k, v as unknown as string);\r\n',
  'for (key in obj) { total += obj[key]!; }\r\n',
  '@Injectable() export class Chat<T extends { id: string }> {\r\n\tprivate llm = new OpenAI({ timeout: 1_000 });\r\n\tasync ask(q: string, ...rest: T[]): Promise<string> { return (await this.llm.chat.completions.create({ model: "m", messages: [{ role: "user", content: q }] })).choices[0]?.message?.content ?? ""; }\r\n}\r\n',
  'x = 1 + 2 - 3 | y\r\n',
  'x += 1\r\n',
  'x = 1 + 2 - 3 | y\r\n', // the same statement again: two places at once
  'const view = () => <div className="a">{items.map((i) => <Item key={i} {...i} />)}</div>;\r\n',
  'broken(a, b\r\n',
  'const { a, b: [c, d = 2], ...rest } = require("./x"); // comment ✓\r\n',
].join('');

/** Every named node, and each anonymous one in a field, as web-tree-sitter reads it. */
function assertSame(real: Node, copy: SyntaxNode, where: string) {
  const at = `${where} > ${real.type}@${real.startIndex}`;
  assert.equal(copy.type, real.type, at);
  assert.equal(copy.startIndex, real.startIndex, at);
  assert.equal(copy.endIndex, real.endIndex, at);
  assert.equal(copy.text, real.text, at);
  assert.deepEqual(copy.startPosition, real.startPosition, at);
  const named = real.namedChildren;
  assert.equal(copy.namedChildren.length, named.length, `${at}: named children`);
  named.forEach((child, i) => {
    assert.equal(copy.namedChildren[i].parent, copy, at);
    assertSame(child!, copy.namedChildren[i], at);
  });
  const fieldOf = real.children.map((_, i) => real.fieldNameForChild(i));
  assert.deepEqual(copy.namedChildren.map((c) => c.field), fieldOf.filter((_, i) => real.children[i]!.isNamed), `${at}: fields`);
  const fields = new Set(fieldOf.filter((f): f is string => !!f));
  for (const field of fields) {
    const [one, all] = [real.childForFieldName(field), real.childrenForFieldName(field)];
    const range = (n: { type: string; startIndex: number; endIndex: number; text: string } | null) => n && `${n.type} ${n.startIndex}-${n.endIndex} ${n.text}`;
    assert.equal(range(copy.childForFieldName(field)), range(one), `${at}.${field}`);
    assert.deepEqual(copy.childrenForFieldName(field).map(range), all.map(range), `${at}.${field}[]`);
  }
  assert.equal(copy.childForFieldName('no_such_field'), null);
}

describe('syntax snapshot', () => {
  let parser: Parser;
  before(async () => {
    parser = (await loadParsers(['python'])).parser('python');
  });

  it('has the types, offsets, text, positions, children and fields of the tree, on real code', () => {
    for (const file of [...FIXTURES, 'tricky']) {
      const text = file === 'tricky' ? TRICKY : fs.readFileSync(file, 'utf8');
      const tree = parser.parse(text)!;
      try {
        assertSame(tree.rootNode, snapshotOf(tree.rootNode, text), file);
        assertSame(tree.rootNode, new StatementSnapshots().snapshot(tree, text), file);
        assertSame(tree.rootNode, new StatementSnapshots(false).snapshot(tree, text), `${file} (cursor)`);
        assertSame(tree.rootNode, snapshotOf(tree.rootNode, text, undefined, false), `${file} (cursor)`);
        const real = tree.rootNode.descendantsOfType('identifier').map((n) => `${n!.startIndex}:${n!.text}`);
        assert.deepEqual(snapshotOf(tree.rootNode, text).descendantsOfType('identifier').map((n) => `${n.startIndex}:${n.text}`), real, file);
      } finally {
        tree.delete();
      }
    }
  });

  it('has them on code with syntax errors, as edits leave it', () => {
    for (const file of FIXTURES.filter((f) => fs.statSync(f).size > 2000).slice(0, 2)) {
      for (const text of editing(fs.readFileSync(file, 'utf8'))) {
        const tree = parser.parse(text)!;
        try {
          assertSame(tree.rootNode, new StatementSnapshots().snapshot(tree, text), file);
          assertSame(tree.rootNode, new StatementSnapshots(false).snapshot(tree, text), `${file} (cursor)`);
        } finally {
          tree.delete();
        }
      }
    }
  });

  it('moves the statements an edit did not touch, copies the ones it did, and gives each node its own id', () => {
    const snapshots = new StatementSnapshots();
    const first = parser.parse(TRICKY)!;
    const before = snapshots.snapshot(first, TRICKY);
    const edited = 'import os\n' + TRICKY.replace('x += 1', 'x += 12');
    const second = parser.parse(edited)!;
    try {
      const after = snapshots.snapshot(second, edited);
      assertSame(second.rootNode, after, 'edited');
      const kept = after.namedChildren.filter((s) => before.namedChildren.includes(s));
      const texts = (nodes: readonly SyntaxNode[]) => nodes.map((s) => s.text);
      // Not kept: the new import, the edited statement, the second copy of a repeated one, the one with a syntax error.
      assert.deepEqual(
        texts(after.namedChildren.filter((s) => !kept.includes(s))),
        ['import os', 'x += 12', 'x = 1 + 2 - 3 | y', 'broken = call(a, b\r\nmatch point:\r\n    case (x, y) as p: pass'].filter((t) => texts(after.namedChildren).includes(t)),
      );
      assert.ok(kept.length >= after.namedChildren.length - 4, `${kept.length} of ${after.namedChildren.length} kept`);
      const ids = new Set<number>();
      const collect = (n: SyntaxNode) => {
        assert.ok(!ids.has(n.id), 'unique id');
        ids.add(n.id);
        n.namedChildren.forEach(collect);
      };
      collect(after);
    } finally {
      first.delete();
      second.delete();
    }
  });

  it('is whole again after a copy stopped by the time limit', () => {
    const text = fs.readFileSync(FIXTURES.reduce((a, b) => (fs.statSync(a).size > fs.statSync(b).size ? a : b)), 'utf8');
    const snapshots = new StatementSnapshots();
    const first = parser.parse(text)!;
    const edited = 'import os\n' + text.replace(/\)/g, ' )'); // most statements changed, some moved
    const second = parser.parse(edited)!;
    try {
      snapshots.snapshot(first, text);
      assert.throws(() => snapshots.snapshot(second, edited, Deadline.after(-1)), AnalysisTimeout);
      assertSame(second.rootNode, snapshots.snapshot(second, edited), 'after a timeout');
      assertSame(first.rootNode, snapshots.snapshot(first, text), 'back to the first version');
    } finally {
      first.delete();
      second.delete();
    }
  });
});

/** Edits as a person makes them, in several statements: typing, deleting, breaking and mending syntax, moving code. */
function* editing(text: string, importLine = 'import json\n'): Generator<string> {
  let current = text;
  const anchors = [text.indexOf('\n', text.length / 5) + 1, Math.floor(text.length / 2), Math.floor((text.length * 4) / 5)];
  for (const anchor of anchors) {
    for (const piece of ['x', 'y', '(', '"', ')', ' = 1', '\n', importLine]) {
      current = current.slice(0, anchor) + piece + current.slice(anchor);
      yield current;
    }
    current = current.slice(0, anchor) + current.slice(anchor + 'xy(")'.length + ' = 1\n'.length + importLine.length);
    yield current;
  }
  const lines = current.split('\n');
  const half = Math.floor(lines.length / 2);
  yield (current = [...lines.slice(half), ...lines.slice(0, half)].join('\n')); // halves swapped
  yield (current = current + '\n' + current); // everything twice
  yield current.replace(/\n/g, '\r\n');
  yield text;
}

describe('Python extraction over kept statement snapshots', () => {
  it('gives the facts and findings of a fresh analysis after each edit', async () => {
    const incremental = await Engine.create(undefined, ['python']);
    const fresh = await Engine.create(undefined, ['python']);
    const files = FIXTURES.filter((f) => fs.statSync(f).size > 2000).slice(0, 4);
    assert.ok(files.length >= 3);
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      let versions = 0;
      for (const text of [original, ...editing(original)]) {
        const got = incremental.analyze({ path: file, text });
        fresh.release(file);
        const want = fresh.analyze({ path: file, text });
        assert.deepEqual(got.facts, want.facts, `${file}, version ${versions}`);
        assert.deepEqual(got.findings, want.findings, `${file}, version ${versions}`);
        versions++;
      }
      assert.ok(versions > 20);
    }
  });
});

describe('trees read from WebAssembly memory', () => {
  it('are read so for every grammar: its sample reads there as web-tree-sitter reads it', async () => {
    const parsers = await loadParsers();
    for (const grammar of GRAMMARS) assert.ok(TreeMemory.of(parsers.parser(grammar).language!), grammar);
  });

  it('are the Terraform trees web-tree-sitter has, on real code', async () => {
    const parser = (await loadParsers(['terraform'])).parser('terraform');
    const files = fixtures(/\.tf$/);
    assert.ok(files.length >= 5);
    for (const file of [...files, 'sample']) {
      const text = file === 'sample' ? LAYOUT_SAMPLES.terraform : fs.readFileSync(file, 'utf8');
      const tree = parser.parse(text)!;
      try {
        assertSame(tree.rootNode, new StatementSnapshots().snapshot(tree, text), file);
        // Blocks one at a time, as the Terraform extractor reads them.
        for (const block of tree.rootNode.descendantsOfType('block')) assertSame(block!, snapshotOf(block!, text), file);
      } finally {
        tree.delete();
      }
    }
  });

  it('are not read so when memory does not hold what tree-sitter would put there', async () => {
    const parser = (await loadParsers(['python'])).parser('python');
    const language = parser.language!;
    const inUse = TreeMemory.of(language);
    // Memory as it would be with everything 4 bytes further on, with nothing in it, and no memory at all.
    assert.equal(checkTreeMemory(parser, 'python', () => new Uint8Array(wasmHeap()!.buffer.slice(4))), false);
    assert.equal(checkTreeMemory(parser, 'python', () => new Uint8Array(1 << 16)), false);
    assert.equal(checkTreeMemory(parser, 'python', () => undefined), false);
    assert.equal(TreeMemory.of(language), inUse, 'the reader that checked out is kept');
  });
});

describe('TypeScript and JavaScript syntax snapshot', () => {
  let parsers: Awaited<ReturnType<typeof loadParsers>>;
  before(async () => {
    parsers = await loadParsers(['typescript', 'tsx']);
  });
  const sources = () => [
    ...TS_FIXTURES.map(({ file, grammar }) => ({ file, grammar, text: fs.readFileSync(file, 'utf8') })),
    { file: 'tricky (tsx)', grammar: 'tsx' as Grammar, text: TRICKY_TS },
    { file: 'tricky (typescript, JSX an error)', grammar: 'typescript' as Grammar, text: TRICKY_TS },
  ];

  it('has the types, offsets, text, positions, children and fields of the tree, on real code', () => {
    assert.ok(TS_FIXTURES.length >= 10);
    for (const { file, grammar, text } of sources()) {
      const tree = parsers.parser(grammar).parse(text)!;
      try {
        assertSame(tree.rootNode, snapshotOf(tree.rootNode, text), file);
        assertSame(tree.rootNode, new StatementSnapshots().snapshot(tree, text), file);
        assertSame(tree.rootNode, new StatementSnapshots(false).snapshot(tree, text), `${file} (cursor)`);
        const types = ['identifier', 'shorthand_property_identifier_pattern'];
        const real = tree.rootNode.descendantsOfType(types).map((n) => `${n!.startIndex}:${n!.text}`);
        assert.ok(real.length > 0);
        assert.deepEqual(snapshotOf(tree.rootNode, text).descendantsOfType(types).map((n) => `${n.startIndex}:${n.text}`), real, file);
      } finally {
        tree.delete();
      }
    }
  });

  it('has them on code with syntax errors, as edits leave it', () => {
    for (const { file, grammar, text: original } of sources().slice(0, 4)) {
      for (const text of editing(original, 'import { readFileSync } from "node:fs";\n')) {
        const tree = parsers.parser(grammar).parse(text)!;
        try {
          assertSame(tree.rootNode, new StatementSnapshots().snapshot(tree, text), file);
        } finally {
          tree.delete();
        }
      }
    }
  });

  it('moves the statements an edit did not touch and copies the ones it did', () => {
    const parser = parsers.parser('tsx');
    const snapshots = new StatementSnapshots();
    const first = parser.parse(TRICKY_TS)!;
    const before = snapshots.snapshot(first, TRICKY_TS);
    const edited = TRICKY_TS.replace('\r\n', '\r\nimport os from "os";\r\n').replace('x += 1', 'x += 12');
    const second = parser.parse(edited)!;
    try {
      const after = snapshots.snapshot(second, edited);
      assertSame(second.rootNode, after, 'edited');
      const copied = after.namedChildren.filter((s) => !before.namedChildren.includes(s)).map((s) => s.text);
      // The new import, the edited statement, the second copy of a repeated one, the one with a syntax error.
      assert.deepEqual(copied.slice(0, 3), ['import os from "os";', 'x += 12', 'x = 1 + 2 - 3 | y']);
      assert.ok(copied.length <= 5 && copied.slice(3).every((t) => t.includes('broken')), copied.join('\n'));
      assert.ok(after.namedChildren.length >= 12);
    } finally {
      first.delete();
      second.delete();
    }
  });
});

describe('TypeScript extraction over kept statement snapshots', () => {
  it('gives the facts and findings of a fresh analysis after each edit', async () => {
    const incremental = await Engine.create(undefined, ['typescript', 'tsx']);
    const fresh = await Engine.create(undefined, ['typescript', 'tsx']);
    const files = TS_FIXTURES.map((f) => f.file).filter((f) => fs.statSync(f).size > 2000).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size).slice(0, 4);
    assert.ok(files.length >= 3);
    let findings = 0;
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      let versions = 0;
      for (const text of [original, ...editing(original, 'import { readFileSync } from "node:fs";\n')]) {
        const got = incremental.analyze({ path: file, text });
        fresh.release(file);
        const want = fresh.analyze({ path: file, text });
        assert.deepEqual(got.facts, want.facts, `${file}, version ${versions}`);
        assert.deepEqual(got.findings, want.findings, `${file}, version ${versions}`);
        findings += got.findings.length;
        versions++;
      }
      assert.ok(versions > 20);
    }
    assert.ok(findings > 0);
  });
});
