// What a workspace scan keeps of each file once it is analysed: only what the cross-file rules read
// (`Rule.workspaceReads`), which must give the same cross-file findings as the whole facts. And the report writer,
// which writes large reports a piece at a time.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { formatJson } from '../server/src/cli/format/json';
import { writeReport } from '../server/src/cli/output';
import { scan } from '../server/src/cli/scan';
import { normalizeOptions } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { Project } from '../server/src/engine/project';
import type { FileFacts } from '../server/src/engine/types';
import { excludeMatcher, listFiles } from '../server/src/engine/workspace';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';

const ROOT = path.join(__dirname, '..', '..');
const engine = Engine.create();

interface Analysed {
  path: string;
  text: string;
  language: NonNullable<FileFacts['language']>;
  facts: FileFacts;
}

async function analyseFolder(dir: string): Promise<Analysed[]> {
  const e = await engine;
  const out: Analysed[] = [];
  for (const file of listFiles(dir, excludeMatcher([]), () => {})) {
    const text = fs.readFileSync(file, 'utf8');
    const result = e.analyze({ path: file, text });
    e.release(file);
    if (result.facts && result.language) out.push({ path: file, text, language: result.language, facts: result.facts });
  }
  return out;
}

async function crossFile(files: Analysed[], keep: (facts: FileFacts, text: string) => FileFacts) {
  const project = new Project();
  for (const f of files) project.set(f.path, f.language, keep(f.facts, f.text), f.text);
  const { findings, errors } = (await engine).analyzeProject(project);
  return { findings: [...findings].sort(([a], [b]) => (a < b ? -1 : 1)), errors };
}

const callsIn = (files: Analysed[], keep: (facts: FileFacts, text: string) => FileFacts) => files.reduce((n, f) => n + keep(f.facts, f.text).calls.length, 0);

describe('what a scan keeps for the cross-file rules', () => {
  const whole = (facts: FileFacts) => facts;

  it('every cross-file rule says what it reads (else the scan keeps every fact of every file)', async () => {
    const e = await engine;
    const silent = e.rules.filter((r) => r.checkWorkspace && !r.workspaceReads).map((r) => r.meta.id);
    assert.deepEqual(silent, []);
  });

  for (const folder of ['examples', 'test/fixtures/labelled']) {
    it(`gives the same cross-file findings as the whole facts: ${folder}`, async () => {
      const files = await analyseFolder(path.join(ROOT, folder));
      const keep = keepForWorkspace((await engine).activeRules());
      assert.deepEqual(await crossFile(files, keep), await crossFile(files, whole));
    });
  }

  it('gives the same cross-file findings on a generated workspace, from far fewer calls', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-keep-'));
    try {
      const { writeTree } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'bench', 'generate.mjs')).href);
      writeTree(dir, { files: 240 });
      const files = await analyseFolder(dir);
      const keep = keepForWorkspace((await engine).activeRules());
      const result = await crossFile(files, keep);
      assert.ok(result.findings.length > 0, 'the generated workspace has cross-file findings');
      assert.deepEqual(result, await crossFile(files, whole));
      assert.ok(callsIn(files, keep) * 5 < callsIn(files, whole), `${callsIn(files, keep)} of ${callsIn(files, whole)} calls kept`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writeReport', () => {
  it('writes the exact UTF-8 of the text, a surrogate pair at a piece boundary included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-out-'));
    try {
      const file = path.join(dir, 'report.json');
      for (const text of ['', 'short ✓\n', 'x'.repeat((1 << 20) - 1) + '😀' + 'é'.repeat(1 << 20) + '\n']) {
        writeReport(file, text);
        assert.ok(fs.readFileSync(file).equals(Buffer.from(text, 'utf8')));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what a scan keeps of its findings', () => {
  it("holds each finding's fixes rendered, and lays Terraform edits out only when they are read", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-fixes-'));
    try {
      const notebook = 'resource "aws_sagemaker_notebook_instance" "n" {\n  name          = "n"\n  role_arn      = "arn:aws:iam::111122223333:role/r"\n  instance_type = "ml.t3.medium"\n}\n';
      fs.writeFileSync(path.join(dir, 'main.tf'), notebook);
      const report = scan(await engine, [dir], normalizeOptions({}).options, { reviewSignals: false });
      const findings = report.files.flatMap((f) => f.result.findings);
      const fixes = findings.flatMap((f) => f.fixes);
      assert.ok(fixes.length > 0, 'the notebook instance has findings with fixes');
      for (const finding of findings) assert.ok('value' in Object.getOwnPropertyDescriptor(finding, 'fixes')!, `${finding.ruleId}: fixes rendered`);
      formatJson(report, 'test');
      for (const fix of fixes) assert.ok(Object.getOwnPropertyDescriptor(fix, 'edits')!.get, `${fix.title}: not laid out for the JSON report`);
      const kms = fixes.find((f) => f.edits.some((e) => e.newText.includes('kms_key_id')));
      assert.ok(kms, 'a fix adds kms_key_id');
      assert.match(kms.edits.map((e) => e.newText).join(''), /kms_key_id    = /, 'laid out as terraform fmt aligns it when read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds only the titles and safety of fixes for a report that shows no edits, and writes the same JSON', async () => {
    const options = normalizeOptions({}).options;
    const dir = path.join(ROOT, 'test', 'fixtures', 'labelled');
    const e = await engine;
    const [withEdits, titlesOnly] = [true, false].map((fixEdits) => scan(e, [dir], options, { reviewSignals: false, fixEdits }));
    const fixes = titlesOnly.files.flatMap((f) => f.result.findings.flatMap((x) => x.fixes));
    assert.ok(fixes.length > 20);
    assert.deepEqual(
      fixes.filter((f) => f.edits.length || f.cellEdits || Object.keys(f).length !== 3),
      [],
      'title, safety and no edits',
    );
    assert.ok(withEdits.files.some((f) => f.result.findings.some((x) => x.fixes.some((fix) => fix.edits.length))));
    assert.equal(formatJson(titlesOnly, 'test'), formatJson(withEdits, 'test'));
  });
});
