// What the analysis worker hands the server's thread of an open document (`lsp/handover.ts`): after random edits, the
// outcome the server's thread reads from what was handed over (a structured clone, as between threads) is deep-equal
// to the whole outcome; what `keepForWorkspace` keeps from one edit to the next equals what it keeps of the same facts
// afresh; and through the real language server, a cross-file finding follows a resource an edit only moved, and
// appears and goes with an edit of what the project keeps.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { InitializedNotification, InitializeRequest, ShutdownRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { RULES } from '../server/src/engine/rules';
import type { FileFacts, Language } from '../server/src/engine/types';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { JobContext, type AnalysisOutcome } from '../server/src/lsp/analysisJob';
import { HandoverReader, HandoverWriter, moved, movedBy } from '../server/src/lsp/handover';
import { sameSignature, signatureDigest } from '../server/src/lsp/signature';
import { Random } from './fuzz/random';
import { startStdioServer, type Client } from './lspClient';

const ROOT = path.join(__dirname, '..', '..');

function files(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full, pattern) : pattern.test(e.name) ? [full] : [];
  });
}

/** The examples' and labelled corpus's files of a language, one after the other: a file with many facts of each kind. */
function corpus(pattern: RegExp, max: number): string {
  const sources = [...files(path.join(ROOT, 'examples'), pattern), ...files(path.join(ROOT, 'test', 'fixtures', 'labelled'), pattern)].sort();
  return sources
    .slice(0, max)
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

const LINES = {
  python: ['import boto3', 'client = boto3.client("bedrock-runtime")', 'client.converse(modelId=MODEL, messages=[])', 'def helper(x):\n    return client.invoke_model(modelId="anthropic.claude-v2", body=x)', '# a comment'],
  typescript: ['const client = new BedrockRuntimeClient({});', 'await client.send(new ConverseCommand({ modelId: MODEL, messages: [] }));', 'export function helper(x) { return client.send(new InvokeModelCommand({ modelId: "m", body: x })); }', '// a comment'],
  terraform: ['resource "aws_s3_bucket" "extra" {\n  bucket = "extra"\n}', 'locals {\n  name = "chat"\n}', '# a comment', 'resource "aws_sagemaker_endpoint" "other" {\n  name = local.name\n}'],
} as const;

/** One random edit: characters typed or deleted, a line added, deleted or moved. */
function edit(text: string, random: Random, language: keyof typeof LINES): string {
  const lines = text.split('\n');
  const line = random.int(0, lines.length - 1);
  switch (random.int(0, 4)) {
    case 0: {
      const at = random.int(0, lines[line].length);
      lines[line] = lines[line].slice(0, at) + random.pick(['x', 'ab', ' ', '"', '(']) + lines[line].slice(at);
      break;
    }
    case 1: {
      const at = random.int(0, lines[line].length);
      lines[line] = lines[line].slice(0, at) + lines[line].slice(at + random.int(1, 3));
      break;
    }
    case 2:
      lines.splice(line, 0, random.pick(LINES[language]));
      break;
    case 3:
      lines.splice(line, 1);
      break;
    default: {
      const [moved] = lines.splice(line, 1);
      lines.splice(random.int(0, lines.length), 0, moved);
    }
  }
  return lines.join('\n');
}

const CASES: { language: Language & keyof typeof LINES; path: string; text: () => string }[] = [
  { language: 'python', path: '/work/handover/app.py', text: () => corpus(/\.py$/, 12) },
  { language: 'typescript', path: '/work/handover/app.ts', text: () => corpus(/\.ts$/, 12) },
  { language: 'terraform', path: '/work/handover/main.tf', text: () => corpus(/\.tf$/, 12) },
];

describe('handover of an open document to the server thread', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.create(RULES);
  });

  for (const { language, path: file, text: source } of CASES) {
    it(`reads back, after 80 random ${language} edits, the outcome the worker had, and most lists' items are handed over by their place`, () => {
      // What `keepForWorkspace` keeps from edit to edit must be what it keeps of the same facts afresh.
      const keep = keepForWorkspace(RULES);
      const forWorkspace = (facts: FileFacts, text: string) => {
        const kept = keep(facts, text);
        assert.deepStrictEqual(kept, keepForWorkspace(RULES)(facts, text));
        return kept;
      };
      const context = new JobContext(engine, forWorkspace);
      const writer = new HandoverWriter();
      const reader = new HandoverReader();
      const random = new Random(language.length * 7919);
      let text = source();
      let byPlace = 0;
      let items = 0;
      for (let id = 1; id <= 80; id++) {
        text = edit(text, random, language);
        const outcome = context.run({ id, key: file, path: file, text, language, open: true, options: DEFAULT_OPTIONS, signals: 'idle', fixesFor: 100 }, () => undefined, 'over', () => {})!;
        const whole = structuredClone(outcome);
        const sent = writer.write(outcome, true);
        for (const slots of Object.values(sent.handover?.delta?.lists ?? {})) {
          items += slots.length;
          byPlace += slots.filter((s) => typeof s === 'number' || Array.isArray(s)).length;
        }
        const read = reader.read(structuredClone(sent)) as AnalysisOutcome;
        assert.deepStrictEqual(read.result, whole.result, `edit ${id}`);
        assert.deepStrictEqual(read.signature, whole.signature);
      }
      assert.ok(items > 500 && byPlace > items / 2, `${byPlace} of ${items} items handed over by their place`);
    });
  }

  it('reads back, after 60 random edits of a notebook\'s cells, the outcome the worker had, its modules\' kept facts mostly by their place', () => {
    const context = new JobContext(engine, keepForWorkspace(RULES));
    const writer = new HandoverWriter();
    const reader = new HandoverReader();
    const random = new Random(4243);
    // The Python corpus in cells, one of them a module the notebook writes.
    const cells = corpus(/\.py$/, 12)
      .split(/\n(?=def |class )/)
      .map((text, i) => ({ kind: 'code' as const, text: i === 3 ? `%%writefile tools.py\n${text}` : text }));
    let byPlace = 0;
    let items = 0;
    for (let id = 1; id <= 60; id++) {
      const index = random.int(0, cells.length - 1);
      cells[index] = { ...cells[index], text: edit(cells[index].text, random, 'python') };
      const file = '/work/handover/analysis.ipynb';
      const outcome = context.run({ id, key: file, path: file, text: '', cells, open: true, options: DEFAULT_OPTIONS, signals: 'idle', fixesFor: 100 }, () => undefined, 'over', () => {})!;
      const whole = structuredClone(outcome);
      const sent = writer.write(outcome, true);
      for (const lists of [sent.handover?.delta?.lists ?? {}, ...Object.values(sent.handover?.delta?.modules ?? {})]) {
        for (const slots of Object.values(lists)) {
          items += slots.length;
          byPlace += slots.filter((s) => typeof s === 'number' || Array.isArray(s)).length;
        }
      }
      const read = reader.read(structuredClone(sent)) as AnalysisOutcome;
      assert.deepStrictEqual(read.result, whole.result, `edit ${id}`);
    }
    assert.ok(items > 500 && byPlace > items / 2, `${byPlace} of ${items} items handed over by their place`);
  });

  it('reads no outcome written against one it does not hold, and hands over whole what is not kept', () => {
    const writer = new HandoverWriter();
    const facts = (start: number): FileFacts => ({ language: 'python', calls: [], resources: [], imports: new Set(), comments: [], problems: [], references: [{ to: 'var.x', span: { start, end: start + 5 } }] });
    const outcome = (id: number, start: number): AnalysisOutcome => ({ id, key: 'k', result: { language: 'python', findings: [], problems: [], facts: facts(start) }, ms: 0 });
    writer.write(outcome(1, 10), true);
    const second = writer.write(outcome(2, 12), true);
    assert.deepEqual(second.handover?.delta?.lists.references, [[0, 2]]);
    assert.equal(new HandoverReader().read(structuredClone(second)), undefined);
    assert.equal(writer.write(outcome(3, 12), false).handover, undefined, 'a file from disk is handed over whole');
    assert.deepEqual(writer.write(outcome(4, 12), true).handover, {}, 'and the next one has nothing to be written against');
  });

  it('hands the signature over as a digest that tells signatures apart as their parts do', () => {
    const digests = [['a', 'b'], ['ab'], ['a', 'b', ''], ['b', 'a']].map((parts) => signatureDigest(parts)[0]);
    assert.equal(new Set(digests).size, digests.length);
    assert.ok(sameSignature(signatureDigest(['a', 'b']), signatureDigest(['a', 'b'])));
  });

  it('moves only offsets, and only when all of them moved by as much', () => {
    const call = { span: { start: 10, end: 20 }, args: new Map([['a', { span: { start: 12, end: 14 }, value: 3 }]]), insert: { offset: 19, indent: '  ' }, nameSpan: { start: 0, end: 0 } };
    const later = { span: { start: 15, end: 25 }, args: new Map([['a', { span: { start: 17, end: 19 }, value: 3 }]]), insert: { offset: 24, indent: '  ' }, nameSpan: { start: 0, end: 0 } };
    assert.equal(movedBy(later, call), 5);
    assert.deepStrictEqual(moved(call, 5), later);
    assert.equal(movedBy({ ...later, insert: { offset: 23, indent: '  ' } }, call), undefined, 'an offset that moved by another amount');
    assert.equal(movedBy({ ...later, args: new Map([['a', { span: { start: 17, end: 19 }, value: 4 }]]) }, call), undefined, 'a value that changed');
    assert.equal(movedBy({ ...later, nameSpan: { start: 5, end: 5 } }, call), undefined, 'a placeless span stays');
  });
});

describe('language server: cross-file findings after edits handed over by what changed', () => {
  const ENDPOINT = 'resource "aws_sagemaker_endpoint" "chat" {\n  name = "chat"\n  endpoint_config_name = "chat-config"\n}\n';
  const SCALING = 'resource "aws_appautoscaling_target" "t" {\n  service_namespace = "sagemaker"\n  resource_id = "endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"\n  min_capacity = 1\n  max_capacity = 3\n}\n';
  const BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "chat-logs"\n}\n';
  let dir: string;
  let client: Client;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const autoscaling = (d: Diagnostic[]) => d.filter((x) => x.code === 'sagemaker-endpoint-without-autoscaling');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-handover-'));
    fs.writeFileSync(path.join(dir, 'endpoint.tf'), BUCKET + ENDPOINT);
    fs.writeFileSync(path.join(dir, 'scaling.tf'), SCALING);
    client = startStdioServer();
    await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await client.connection.sendRequest(ShutdownRequest.type);
    client.connection.dispose();
    client.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('places the finding on the resource where edits moved it, and drops it when the file that covers it changes back', async () => {
    let endpoint = client.open(uri('endpoint.tf'), 'terraform', BUCKET + ENDPOINT);
    let scaling = client.open(uri('scaling.tf'), 'terraform', SCALING);
    await client.checked(uri('endpoint.tf'), 1);
    await client.checked(uri('scaling.tf'), 1);
    // Edits that only move the endpoint (its kept resource is handed over as moved), then one that uncovers it.
    let text = BUCKET + ENDPOINT;
    for (let i = 1; i <= 3; i++) {
      text = `# note ${i}\n` + text;
      endpoint = client.change(endpoint, text);
      await client.checked(uri('endpoint.tf'), endpoint.version);
    }
    scaling = client.change(scaling, SCALING.replace('"sagemaker"', '"ecs"'));
    const [finding] = autoscaling(await client.diagnosticsFor(uri('endpoint.tf'), (d) => autoscaling(d).length === 1));
    const line = text.split('\n').findIndex((l) => l.includes('"chat" {'));
    assert.equal(finding.range.start.line, line, 'on the endpoint as it is now');
    // An edit of the bucket only (typed into a string no cross-file rule reads) and one more move.
    text = text.replace('chat-logs', 'chat-logs-2');
    endpoint = client.change(endpoint, text);
    await client.checked(uri('endpoint.tf'), endpoint.version);
    text = '\n\n' + text;
    endpoint = client.change(endpoint, text);
    const [movedFinding] = autoscaling(await client.diagnosticsFor(uri('endpoint.tf'), (d) => autoscaling(d)[0]?.range.start.line === line + 2));
    assert.ok(movedFinding);
    scaling = client.change(scaling, SCALING);
    await client.diagnosticsFor(uri('endpoint.tf'), (d) => autoscaling(d).length === 0);
    // With the endpoint moved again, the cross-file rules (run by an edit of the other file) read where it is now.
    text = `# again\n` + text;
    endpoint = client.change(endpoint, text);
    await client.checked(uri('endpoint.tf'), endpoint.version);
    scaling = client.change(scaling, SCALING.replace('"sagemaker"', '"lambda"'));
    const [again] = autoscaling(await client.diagnosticsFor(uri('endpoint.tf'), (d) => autoscaling(d).length === 1));
    assert.equal(again.range.start.line, text.split('\n').findIndex((l) => l.includes('"chat" {')));
  });
});
