// What a whole-tree scan leaves out to save CPU must not change what it reports: the TypeScript grammars are loaded
// only when the tree has TypeScript or JavaScript files (`scanFiles`).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { formatJson } from '../server/src/cli/format/json';
import { listScan, SCAN_GRAMMARS, scan, scanFiles, scanGrammars } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';

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
