// The language server runs the cross-file rules again after an edit only when the edit changed something they read
// (`Rule.workspaceReads`): an edit to a property or a call no cross-file rule reads leaves them be.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { RULES, type Rule } from '../server/src/engine/rules';
import { startServer } from '../server/src/lsp/server';

const ENDPOINT = 'resource "aws_sagemaker_endpoint" "chat" {\n  name = "chat"\n  endpoint_config_name = "chat-config"\n}\n';
const BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "chat-logs"\n}\n';
const SCALING = 'resource "aws_appautoscaling_target" "t" {\n  service_namespace = "sagemaker"\n  resource_id = "endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"\n  min_capacity = 1\n  max_capacity = 3\n}\n';
const MONITOR =
  'resource "aws_sagemaker_data_quality_job_definition" "dq" {\n  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = aws_sagemaker_endpoint.chat.name\n    }\n  }\n}\n' +
  'resource "aws_cloudwatch_metric_alarm" "errors" {\n  namespace = "AWS/SageMaker"\n  dimensions = { EndpointName = aws_sagemaker_endpoint.chat.name }\n}\n';
const APP = 'import boto3\n\nprint("starting", retries=3)\n';

describe('language server: when the cross-file rules run again', () => {
  let dir: string;
  let client: ProtocolConnection;
  let server: Connection;
  let runs = 0;
  const diagnostics = new Map<string, Diagnostic[]>();
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  // The rules as shipped, each run of the cross-file rules counted (they run together: the first one counts).
  const first = RULES.find((r) => r.checkWorkspace)!;
  const counted: Rule[] = RULES.map((rule) =>
    rule === first ? { ...rule, checkWorkspace: (context) => (runs++, rule.checkWorkspace!(context)) } : rule,
  );
  let version = 1;
  /** Replaces the document's text and waits until the server has analysed it (it handles messages in order). */
  async function edit(name: string, text: string): Promise<void> {
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version: ++version }, contentChanges: [{ text }] });
    await client.sendRequest(HoverRequest.type, { textDocument: { uri: uri(name) }, position: { line: 0, character: 0 } });
  }
  const codes = (name: string) => (diagnostics.get(uri(name)) ?? []).map((d) => d.code);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-lspruns-'));
    fs.writeFileSync(path.join(dir, 'endpoint.tf'), ENDPOINT + BUCKET);
    fs.writeFileSync(path.join(dir, 'scaling.tf'), SCALING);
    fs.writeFileSync(path.join(dir, 'monitoring.tf'), MONITOR);
    fs.writeFileSync(path.join(dir, 'app.py'), APP);
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(server, counted);
    client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics: d }) => void diagnostics.set(uri, d));
    const scanned = new Promise<void>((resolve) => client.onNotification('aiLens/status', (s: { state: string }) => void (s.state === 'idle' && resolve())));
    client.listen();
    await client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
    });
    await client.sendNotification(InitializedNotification.type, {});
    await scanned;
    for (const [name, languageId, text] of [['endpoint.tf', 'terraform', ENDPOINT + BUCKET], ['scaling.tf', 'terraform', SCALING], ['app.py', 'python', APP]]) {
      await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId, version: 1, text } });
    }
    await client.sendRequest(HoverRequest.type, { textDocument: { uri: uri('app.py') }, position: { line: 0, character: 0 } });
  });

  after(() => {
    client.dispose();
    server.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the workspace scan ran them, and found the endpoint covered', () => {
    assert.ok(runs >= 1);
    assert.deepEqual(codes('endpoint.tf'), []);
  });

  it('not on an edit to a property of a resource whose properties no cross-file rule reads', async () => {
    const before = runs;
    for (const value of ['chat-logs-2', 'chat-logs-20', 'archive']) await edit('endpoint.tf', ENDPOINT + BUCKET.replace('chat-logs', value));
    assert.equal(runs, before);
  });

  it('not on an edit to the arguments of a call no cross-file rule reads', async () => {
    const before = runs;
    await edit('app.py', APP.replace('retries=3', 'retries=4'));
    await edit('app.py', APP.replace('"starting"', '"started"'));
    assert.equal(runs, before);
  });

  it('on an edit to a property a cross-file rule reads: its finding appears, and goes when the edit is undone', async () => {
    let before = runs;
    await edit('scaling.tf', SCALING.replace('"sagemaker"', '"ecs"'));
    assert.equal(runs, before + 1);
    assert.deepEqual(codes('endpoint.tf'), ['sagemaker-endpoint-without-autoscaling']);
    before = runs;
    await edit('scaling.tf', SCALING);
    assert.equal(runs, before + 1);
    assert.deepEqual(codes('endpoint.tf'), []);
  });

  it('on a new resource, even of a type whose properties no cross-file rule reads', async () => {
    const before = runs;
    await edit('endpoint.tf', ENDPOINT + BUCKET + BUCKET.replace('"logs"', '"audit"'));
    assert.equal(runs, before + 1);
  });
});
