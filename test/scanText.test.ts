// A whole-workspace scan keeps no file's text to its end: fingerprints read the lines their findings flag, noted while
// each file is analysed (the cross-file rules' findings, which come after, from the file on disk if it is unchanged);
// the project keeps where lines are and the suppressions; strings kept are copied out of the texts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { applyBaseline, readBaseline } from '../server/src/cli/baseline';
import { fingerprintOf } from '../server/src/cli/fingerprint';
import { formatJson } from '../server/src/cli/format/json';
import { formatSarif } from '../server/src/cli/format/sarif';
import { scan, type ScanReport, type ScannedFile } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { DetachedStrings } from '../server/src/engine/detached';
import { Engine } from '../server/src/engine/engine';
import { Project } from '../server/src/engine/project';
import { LineIndex } from '../server/src/engine/text';
import type { FileFacts } from '../server/src/engine/types';

const engine = Engine.create();
const GUARDRAIL = 'bedrock-call-without-guardrail';

const WRAPPER = ['import boto3', '', 'client = boto3.client("bedrock-runtime")', '', '', 'def chat(**kwargs):', '    return client.converse(**kwargs)', ''].join('\n');
/** A request written in a file where no rule's trigger occurs: only the cross-file rules find something in it (line 5), with CRLF line ends and spaces to collapse. */
const CALLER = ['from .llm import chat', '', '', 'def handle(question):', '    return   chat(modelId="amazon.nova-lite-v1:0",   messages=[{"role": "user", "content": [{"text": question}]}])', ''].join('\r\n');

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-scantext-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Fingerprints as they were made from the whole text kept to the end of the scan. */
function fingerprintsFromText(file: ScannedFile, text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  return file.result.findings.map((f) => {
    const key = `${f.ruleId}\0${file.path}\0${(lines[f.range.start.line] ?? '').trim().replace(/\s+/g, ' ')}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return sha(`${key}\0${occurrence}`);
  });
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
const crossFileOnly = (report: ScanReport) => report.files.find((f) => f.path === 'app/routes.py')!;

describe('a scan keeps no file text to its end', () => {
  it("fingerprints are the flagged lines' as the whole text gives them, the cross-file rules' findings' too", async () => {
    // A byte order mark, which reading a file for its analysis leaves out.
    const dir = workspace({ 'app/llm.py': WRAPPER, 'app/routes.py': `\ufeff${CALLER}`, 'app/other.py': WRAPPER.replace('chat', 'other') });
    try {
      const report = scan(await engine, [dir], DEFAULT_OPTIONS);
      const routes = crossFileOnly(report);
      assert.ok(routes.result.findings.some((f) => f.ruleId === GUARDRAIL && f.range.start.line === 4), 'a cross-file finding on a line no finding of the file flags');
      for (const file of report.files) {
        const text = fs.readFileSync(file.absolutePath, 'utf8').replace(/^\ufeff/, '');
        assert.deepEqual(file.result.findings.map((f) => fingerprintOf(file, f)), fingerprintsFromText(file, text), file.path);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file changed on disk after its analysis: its cross-file findings are fingerprinted by line number, never by a line of the new text', async () => {
    const dir = workspace({ 'app/llm.py': WRAPPER, 'app/routes.py': CALLER, 'app/zz.py': WRAPPER.replace('chat', 'other') });
    try {
      const routesPath = path.join(dir, 'app/routes.py');
      // Called before each file is analysed: before the last (zz.py), routes.py has been analysed.
      const onProgress = (done: number, total: number) => done === total - 1 && fs.writeFileSync(routesPath, CALLER.replace('question', 'q'));
      const report = scan(await engine, [dir], DEFAULT_OPTIONS, { onProgress });
      const routes = crossFileOnly(report);
      const finding = routes.result.findings.find((f) => f.ruleId === GUARDRAIL)!;
      assert.equal(fingerprintOf(routes, finding), sha(`${GUARDRAIL}\0app/routes.py\0${finding.range.start.line}`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a baseline written from a scan holds every finding of the next scan, the cross-file rules' too", async () => {
    const dir = workspace({ 'app/llm.py': WRAPPER, 'app/routes.py': CALLER });
    try {
      const first = scan(await engine, [dir], DEFAULT_OPTIONS);
      const baselineFile = path.join(dir, 'baseline.json');
      fs.writeFileSync(baselineFile, formatJson(first, 'test'));
      const second = scan(await engine, [dir], DEFAULT_OPTIONS, { exclude: ['baseline.json'] });
      const count = second.files.reduce((n, f) => n + f.result.findings.length, 0);
      assert.ok(crossFileOnly(second).result.findings.length);
      assert.equal(applyBaseline(second, readBaseline(baselineFile)), count);
      assert.equal(second.files.reduce((n, f) => n + f.result.findings.length, 0), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("SARIF places a cross-file finding's suppression comment in the file, whose text is gone", async () => {
    const suppressed = CALLER.replace('    return   chat(', `    # ai-lens: ignore[${GUARDRAIL}] -- reviewed\r\n    return   chat(`);
    const dir = workspace({ 'app/llm.py': WRAPPER, 'app/routes.py': suppressed });
    try {
      const e = await engine;
      const report = scan(e, [dir], DEFAULT_OPTIONS);
      const sarif = JSON.parse(formatSarif(report, e.activeRules(DEFAULT_OPTIONS), e.catalog, 'test'));
      const result = sarif.runs[0].results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === GUARDRAIL && r.locations[0].physicalLocation.artifactLocation.uri === 'app/routes.py');
      assert.equal(result.suppressions[0].justification, 'reviewed');
      assert.deepEqual(result.suppressions[0].location.physicalLocation.region, { startLine: 5, startColumn: 5, endLine: 5, endColumn: 67 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the project of a scan', () => {
  const facts = (trimmed: boolean): FileFacts => ({ language: 'python', calls: [], resources: [], imports: new Set(), comments: [{ text: '# ai-lens: ignore[x] -- why', span: { start: 14, end: 41 } }], problems: [], ...(trimmed ? { trimmed } : {}) });
  const text = 'import boto3\r\n# ai-lens: ignore[x] -- why\nclient = 1\n';

  it('keeps no text with trimmed facts; lines and suppressions as the text gives them', () => {
    const project = new Project(false);
    project.set('/a.py', 'python', facts(true), text);
    const file = project.get('/a.py')!;
    assert.equal(file.text, undefined);
    assert.equal(project.lineIndex('/a.py'), undefined);
    const index = new LineIndex(text);
    for (const offset of [0, 13, 14, 40, 41, 42, 52, 999]) assert.deepEqual(file.lines.position(offset), index.position(offset), `offset ${offset}`);
    assert.deepEqual(file.suppressions().map((s) => [s.rules, s.reason, s.lines]), [[['x'], 'why', [1, 2]]]);
  });

  it('holds no text with trimmed facts', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const project = new Project(false);
    const before = (gc(), process.memoryUsage().heapUsed);
    const set = () => {
      const big = Array.from({ length: 400_000 }, (_, i) => `name_${i}_of_a_file`).join(' ');
      project.set('/big.py', 'python', facts(true), big);
    };
    set();
    gc();
    assert.ok(project.get('/big.py')!.suppressions());
    assert.ok(process.memoryUsage().heapUsed - before < 2 ** 20, 'the text is not held');
  });

  it('keeps the text with whole facts (rules read them with it), and when asked to (the language server)', () => {
    const scanProject = new Project(false);
    scanProject.set('/a.py', 'python', facts(false), text);
    assert.equal(scanProject.get('/a.py')!.text, text);
    const editorProject = new Project();
    editorProject.set('/a.py', 'python', facts(true), text);
    assert.equal(editorProject.lineIndex('/a.py')?.text, text);
  });
});

/** 100 names cut out of a text of about 8 MB that nothing else holds. */
function cutFromText(): string[] {
  const text = Array.from({ length: 400_000 }, (_, i) => `name_${i}_of_a_file`).join('\n');
  return Array.from({ length: 100 }, (_, i) => text.slice(i * 40, i * 40 + 30));
}

describe('DetachedStrings', () => {
  it('lets the text the strings were cut from go', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heldBy = (keep: (names: string[]) => string[]) => {
      const before = (gc(), process.memoryUsage().heapUsed);
      const names = keep(cutFromText());
      gc();
      const held = process.memoryUsage().heapUsed - before;
      assert.equal(names.length, 100);
      return held;
    };
    const sliced = heldBy((names) => names);
    const detached = heldBy((names) => new DetachedStrings().all(names));
    assert.ok(sliced > 5 * 2 ** 20, `the slices hold the text: ${sliced} bytes`);
    assert.ok(detached < 2 ** 20, `the copies do not: ${detached} bytes`);
  });

  it('gives equal values, keeps maps in order and shared objects shared, leaves frozen ones alone', () => {
    const source = 'x'.repeat(50) + 'client.converse_stream_with_a_long_name' + 'y'.repeat(50);
    const name = source.slice(50, 89);
    const shared = { name, short: source.slice(0, 5) };
    const frozen = Object.freeze({ name });
    const root = { a: shared, b: shared, list: [name, 7, null], map: new Map<string, unknown>([[name, shared], ['k', name]]), set: new Set([name, 'z']), frozen, bytes: new Uint8Array(2) };
    const strings = new DetachedStrings();
    assert.equal(strings.all(root), root);
    assert.equal(root.a, root.b);
    assert.equal(root.a.name, 'client.converse_stream_with_a_long_name');
    assert.deepEqual(root.list, [name, 7, null]);
    assert.deepEqual([...root.map.keys()], [name, 'k']);
    assert.equal(root.map.get(name), shared);
    assert.deepEqual([...root.set], [name, 'z']);
    assert.equal(root.frozen, frozen);
    assert.equal(strings.string(name), root.a.name, 'one copy of each string');
  });
});
