// The lens review in the language server, as the VS Code view uses it: review, answers and report requests, the
// review-changed notification and diagnostics for the answers file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { today } from '../../server/src/engine/review/answers';
import type { PracticeReview } from '../../server/src/engine/review/model';
import { REPORT_REQUEST, REVIEW_CHANGED_NOTIFICATION, REVIEW_REQUEST, SET_ANSWER_REQUEST, type ReportResult, type ReviewResult } from '../../server/src/lsp/reviewProtocol';
import { htmlProblems } from './html';
import { writeWorkspace } from './workspace';

const ROOT = path.join(__dirname, '..', '..', '..');
const APP = 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m, inferenceConfig={"maxTokens": 256})\n';

function practiceIn(result: ReviewResult, id: string): PracticeReview {
  for (const lens of result.folders[0].review.lenses) for (const g of lens.groups) for (const q of g.questions) for (const p of q.practices) if (p.id === id) return p;
  throw new Error(`no practice ${id}`);
}

async function eventually<T>(probe: () => Promise<T>, test: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('lens review in the language server', () => {
  let workspace: string;
  let connection: ProtocolConnection;
  let child: ReturnType<typeof spawn>;
  const diagnostics = new Map<string, Diagnostic[]>();
  let changes = 0;
  const review = () => connection.sendRequest<ReviewResult>(REVIEW_REQUEST, {});

  before(async () => {
    workspace = writeWorkspace({ 'app.py': APP });
    child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      diagnostics.set(p.uri, p.diagnostics);
    });
    connection.onNotification(REVIEW_CHANGED_NOTIFICATION, () => {
      changes++;
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
    });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    connection.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reviews the workspace folder from the files it checked', async () => {
    const result = await eventually(review, (r) => practiceIn(r, 'GENSEC02-BP01').status === 'at-risk', 'the workspace scan');
    assert.equal(result.folders.length, 1);
    const [folder] = result.folders;
    assert.equal(folder.uri, pathToFileURL(workspace).href);
    assert.deepEqual(folder.review.lenses.map((l) => [l.id, l.applicable]), [['genai', true], ['ml', false], ['rai', true]]);
    assert.deepEqual(practiceIn(result, 'GENSEC02-BP01').findings.map((f) => `${f.path}:${f.range.start.line + 1}`), ['app.py:3']);
    assert.equal(practiceIn(result, 'GENCOST03-BP02').status, 'checks-pass');
    assert.deepEqual(folder.answers, { path: '.ai-lens/review.yaml', uri: pathToFileURL(path.join(workspace, '.ai-lens', 'review.yaml')).href, exists: false, count: 0, problems: [] });
    await eventually(async () => changes, (n) => n > 0, 'a review-changed notification after the scan');
  });

  it('writes answers to the answers file, and the review and report follow', async () => {
    await connection.sendRequest(SET_ANSWER_REQUEST, { practiceId: 'GENOPS01-BP01', status: 'done', note: 'Weekly evaluation job.' });
    await connection.sendRequest(SET_ANSWER_REQUEST, { practiceId: 'GENSEC02-BP01', status: 'risk-accepted', note: 'Staff-only tool.' });
    const file = path.join(workspace, '.ai-lens', 'review.yaml');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`answers:\\n  GENOPS01-BP01:\\n    status: done\\n    note: Weekly evaluation job\\.\\n(    by: .*\\n)?    date: ${today()}\\n  GENSEC02-BP01:\\n    status: risk-accepted\\n`));
    let result = await review();
    assert.equal(practiceIn(result, 'GENOPS01-BP01').status, 'done');
    assert.equal(practiceIn(result, 'GENSEC02-BP01').status, 'risk-accepted');
    assert.equal(result.folders[0].answers.count, 2);
    const report = await connection.sendRequest<ReportResult>(REPORT_REQUEST, { format: 'md' });
    assert.match(report.content, /\*\*risk accepted\*\* \[GENSEC02-BP01\]\(.*\) .*\n  - answer risk accepted: Staff-only tool\.( \(.*\))?\n  - finding `app\.py:3:4`/);
    assert.equal(report.fileName, `ai-lens-review-${path.basename(workspace)}.md`);

    await connection.sendRequest(SET_ANSWER_REQUEST, { practiceId: 'GENSEC02-BP01', status: null });
    result = await review();
    assert.equal(practiceIn(result, 'GENSEC02-BP01').status, 'at-risk');
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /GENSEC02-BP01/);
  });

  it('refuses answers it cannot keep', async () => {
    await assert.rejects(connection.sendRequest(SET_ANSWER_REQUEST, { practiceId: 'GENSEC99-BP01', status: 'done' }), /unknown practice GENSEC99-BP01/);
    await assert.rejects(connection.sendRequest(SET_ANSWER_REQUEST, { practiceId: 'GENSEC02-BP01', status: 'not-applicable', note: ' ' }), /needs a note/);
    await assert.rejects(connection.sendRequest(SET_ANSWER_REQUEST, { practiceId: 'GENSEC02-BP01', status: 'maybe' }), /unknown status maybe/);
    const uri = pathToFileURL(path.join(workspace, '.ai-lens', 'review.yaml')).href;
    const saved = fs.readFileSync(path.join(workspace, '.ai-lens', 'review.yaml'), 'utf8');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: saved + '  # editing\n' } });
    await assert.rejects(connection.sendRequest(SET_ANSWER_REQUEST, { practiceId: 'GENSEC02-BP01', status: 'done' }), /unsaved changes/);
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('shows problems in the answers file as diagnostics while it is edited', async () => {
    const uri = pathToFileURL(path.join(workspace, '.ai-lens', 'review.yaml')).href;
    const bad = 'answers:\n  GENOPS01-BP01:\n    status: done\n  GENSEC2-BP01:\n    status: done\n';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: bad } });
    const found = await eventually(async () => diagnostics.get(uri) ?? [], (d) => d.length > 0, 'answers-file diagnostics');
    assert.deepEqual(found.map((d) => [d.range.start, d.message, d.source]), [[{ line: 3, character: 2 }, 'unknown practice GENSEC2-BP01 (did you mean GENSEC02-BP01?)', 'AI Lens']]);
    const result = await review();
    assert.equal(result.folders[0].answers.problems.length, 1, 'the review reads the open editor');
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: bad.replace('GENSEC2-', 'GENSEC02-') }] });
    await eventually(async () => diagnostics.get(uri) ?? [], (d) => d.length === 0, 'diagnostics cleared');
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('says when evidence changes, and renders the HTML report', async () => {
    const before = changes;
    const uri = pathToFileURL(path.join(workspace, 'logging.tf')).href;
    const text = 'resource "aws_bedrock_model_invocation_logging_configuration" "main" {\n  logging_config {\n    text_data_delivery_enabled = true\n  }\n}\n';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    await eventually(async () => changes, (n) => n > before, 'a review-changed notification');
    const result = await review();
    assert.equal(practiceIn(result, 'GENSEC01-BP04').status, 'evidence-found');
    const html = await connection.sendRequest<ReportResult>(REPORT_REQUEST, { format: 'html' });
    assert.deepEqual(htmlProblems(html.content), []);
    assert.match(html.content, /<li class="practice p-evidence-found" id="GENSEC01-BP04"><span class="badge st-evidence-found">/);
  });
});
