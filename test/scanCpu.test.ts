// What a whole-tree scan leaves out to save CPU must not change what it reports: the TypeScript grammars are loaded
// only when the tree has TypeScript or JavaScript files (`scanFiles`), and a rule runs on a parsed Python, TypeScript
// or JavaScript file only when its own triggers occur in it (`TriggerIndex`; test/triggers.test.ts compares scans with
// and without that, every rule on).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { formatJson } from '../server/src/cli/format/json';
import { listScan, SCAN_GRAMMARS, scan, scanFiles, scanGrammars } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { RULES } from '../server/src/engine/rules';
import { TriggerIndex, TriggerSet, type Triggers } from '../server/src/engine/triggers';
import { Random } from './fuzz/random';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-scan-cpu-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(temp, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const PYTHON = 'import boto3\nclient = boto3.client("bedrock-runtime")\nclient.converse(modelId="m", messages=[])\n';

describe('the grammars a scan loads', () => {
  // First in this file: the grammars are loaded once per process, so this engine must be the first to load any.
  it('loads no TypeScript grammar for a tree without TypeScript or JavaScript, and reports the same', async () => {
    const dir = tree('python-only', { 'app.py': PYTHON, 'infra/main.tf': 'resource "aws_s3_bucket" "b" {}\n', 'README.md': 'not checked\n' });
    const lean = await Engine.create(undefined, SCAN_GRAMMARS);
    const report = await scanFiles(lean, [dir], DEFAULT_OPTIONS, { reviewSignals: false });
    assert.equal(lean.missingGrammar({ path: 'a.ts', text: '' }), 'typescript');
    assert.equal(lean.missingGrammar({ path: 'a.js', text: '' }), 'tsx');
    assert.equal(report.scanned, 2);
    assert.ok(report.files.some((f) => f.result.findings.length > 0), 'the Python file has findings');
    const full = await Engine.create();
    assert.equal(formatJson(report, 'test'), formatJson(scan(full, [dir], DEFAULT_OPTIONS, { reviewSignals: false }), 'test'));
  });

  it('loads the TypeScript grammars a tree needs before its files are analysed: examples/ reports the same', async () => {
    const lean = await Engine.create(undefined, SCAN_GRAMMARS);
    const report = await scanFiles(lean, [EXAMPLES], DEFAULT_OPTIONS, { reviewSignals: false });
    assert.ok(report.files.some((f) => f.result.language === 'typescript' && f.result.findings.length > 0), 'a TypeScript file has findings');
    assert.deepEqual(report.skipped.filter((s) => /internal error/.test(s.reason)), []);
    const full = await Engine.create();
    assert.equal(formatJson(report, 'test'), formatJson(scan(full, [EXAMPLES], DEFAULT_OPTIONS, { reviewSignals: false }), 'test'));
  });

  it('names the grammars by the files listed: Python and Terraform always, each TypeScript grammar for its extensions', () => {
    const grammarsOf = (files: Record<string, string>) => scanGrammars(listScan([tree(Object.keys(files).join('+'), files)]).paths).sort();
    assert.deepEqual(grammarsOf({ 'a.py': '', 'b.ipynb': '{}', 'c.yaml': 'x: 1\n' }), ['python', 'terraform']);
    assert.deepEqual(grammarsOf({ 'a.py': '', 'b.ts': '' }), ['python', 'terraform', 'typescript']);
    assert.deepEqual(grammarsOf({ 'b.mts': '', 'c.tsx': '' }), ['python', 'terraform', 'tsx', 'typescript']);
    assert.deepEqual(grammarsOf({ 'b.js': '', 'c.cjs': '' }), ['python', 'terraform', 'tsx']);
    assert.deepEqual(grammarsOf({ 'node_modules/x/index.js': '', 'a.py': '' }), ['python', 'terraform'], 'excluded files need no grammar');
  });
});

describe('which rules\' triggers occur in a text, in one pass (TriggerIndex)', () => {
  const lists: (Triggers | undefined)[] = [...RULES.map((rule) => rule.triggers), undefined, ['invoke_model', 'invoke_model_with_response_stream'], ['model_with'], ['İnvoke'], [/\bAI\b/, 'Bedrock']];
  const index = new TriggerIndex(lists);
  const expected = (text: string) => lists.map((list) => TriggerSet.of([list])?.occursIn(text) ?? true);

  function* texts(dir: string): Generator<string> {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* texts(full);
      else if (entry.isFile()) yield fs.readFileSync(full, 'utf8');
    }
  }

  it('agrees with each list\'s own TriggerSet on the examples and the labelled corpus', () => {
    let files = 0;
    for (const dir of [EXAMPLES, path.join(ROOT, 'test', 'fixtures', 'labelled')]) {
      for (const text of texts(dir)) {
        files++;
        assert.deepEqual(index.occurring(text), expected(text));
      }
    }
    assert.ok(files > 100, `${files} files`);
  });

  it('agrees on texts made of trigger words and their parts, overlapping, in any case', () => {
    const random = new Random(20261208);
    const words = [...new Set(lists.flatMap((list) => (list ?? []).filter((t): t is string => typeof t === 'string')))];
    const pieces = [...words, ...words.map((w) => w.slice(0, Math.ceil(w.length / 2))), ...words.map((w) => w.slice(1)), ' ', '_', '.', 'AI', 'ai', 'ı', 'İ', '\n'];
    let some = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let i = random.int(0, 6); i > 0; i--) {
        const piece = random.pick(pieces);
        text += random.int(0, 2) === 0 ? piece.toUpperCase() : piece;
      }
      const found = index.occurring(text);
      assert.deepEqual(found, expected(text), JSON.stringify(text));
      if (found.some((f, i) => !f && lists[i] !== undefined)) some++;
    }
    assert.ok(some > 100, 'many texts lack some list\'s triggers');
  });
});
