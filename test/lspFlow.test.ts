// The language server and findings that depend on other files' functions (issue 16, items 3 and 4): a request written
// in one file and sent by a wrapper in another is reported where it is written, with the wrapper in the diagnostic's
// relatedInformation; editing either file updates it; typing in a prompt does not run the cross-file rules again.
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

const HELPERS = 'import boto3\n\nclient = boto3.client("bedrock-runtime")\n\n\ndef chat(**kwargs):\n    return client.converse(**kwargs)\n';
const SERVICE = (extra = '', prompt = 'Answer briefly.') =>
  'from helpers import chat\n\n\ndef answer(question):\n' +
  `    return chat(modelId="amazon.nova-lite-v1:0", system=[{"text": "${prompt}"}], messages=[{"role": "user", "content": [{"text": question}]}], inferenceConfig={"maxTokens": 300}${extra})\n`;
const GUARDED = ', guardrailConfig={"guardrailIdentifier": "gr-1", "guardrailVersion": "1"}';

describe('language server: requests sent through a wrapper in another file', () => {
  let dir: string;
  let client: ProtocolConnection;
  let server: Connection;
  let runs = 0;
  const diagnostics = new Map<string, Diagnostic[]>();
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const first = RULES.find((r) => r.checkWorkspace)!;
  const counted: Rule[] = RULES.map((rule) => (rule === first ? { ...rule, checkWorkspace: (context) => (runs++, rule.checkWorkspace!(context)) } : rule));
  let version = 1;
  async function edit(name: string, text: string): Promise<void> {
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version: ++version }, contentChanges: [{ text }] });
    await client.sendRequest(HoverRequest.type, { textDocument: { uri: uri(name) }, position: { line: 0, character: 0 } });
  }
  const guardrail = (name: string) => (diagnostics.get(uri(name)) ?? []).filter((d) => d.code === 'bedrock-call-without-guardrail');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-lspflow-'));
    fs.writeFileSync(path.join(dir, 'helpers.py'), HELPERS);
    fs.writeFileSync(path.join(dir, 'service.py'), SERVICE());
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
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { debounceMs: 0 },
    });
    await client.sendNotification(InitializedNotification.type, {});
    await scanned;
    for (const [name, text] of [['helpers.py', HELPERS], ['service.py', SERVICE()]]) {
      await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'python', version: 1, text } });
    }
    await client.sendRequest(HoverRequest.type, { textDocument: { uri: uri('service.py') }, position: { line: 0, character: 0 } });
  });

  after(() => {
    client.dispose();
    server.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports the request where it is written, with the wrapper as related information', () => {
    const [finding, ...more] = guardrail('service.py');
    assert.deepEqual(more, []);
    assert.equal(finding.range.start.line, 4);
    assert.deepEqual(guardrail('helpers.py'), []);
    assert.deepEqual(
      finding.relatedInformation?.map((r) => [path.basename(new URL(r.location.uri).pathname), r.location.range.start.line, r.message]),
      [['helpers.py', 6, 'the request is sent here by `client.converse`']],
    );
  });

  it('does not run the cross-file rules again while a prompt is typed', async () => {
    const before = runs;
    for (const prompt of ['Answer briefly', 'Answer briefly, in', 'Answer briefly, in English.']) await edit('service.py', SERVICE('', prompt));
    assert.equal(runs, before);
    assert.equal(guardrail('service.py').length, 1, 'the finding follows the edits');
  });

  it('drops the finding when the caller adds a guardrail, and brings it back when it is removed', async () => {
    await edit('service.py', SERVICE(GUARDED));
    assert.deepEqual(guardrail('service.py'), []);
    await edit('service.py', SERVICE());
    assert.equal(guardrail('service.py').length, 1);
  });

  it('drops the finding when the wrapper adds the guardrail itself', async () => {
    await edit('helpers.py', HELPERS.replace('converse(**kwargs)', 'converse(**kwargs, guardrailConfig=GUARDRAIL)'));
    assert.deepEqual(guardrail('service.py'), []);
    assert.deepEqual(guardrail('helpers.py'), []);
  });
});
