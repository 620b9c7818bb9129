// A Python CDK stack in the editor, through the real language server over stdio: its L1 and higher-level constructs
// show findings like a TypeScript stack's, and their quick fixes write Python (keyword arguments, an import).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, InitializedNotification, InitializeRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { Client, ROOT, shutDown } from './lspClient';

const STACK =
  'from aws_cdk import Stack, aws_sagemaker as sm\n' +
  'from cdklabs.generative_ai_cdk_constructs import bedrock\n' +
  'from constructs import Construct\n' +
  '\n' +
  '\n' +
  'class ChatStack(Stack):\n' +
  '    def __init__(self, scope: Construct, construct_id: str) -> None:\n' +
  '        super().__init__(scope, construct_id)\n' +
  '        sm.CfnEndpointConfig(\n' +
  '            self,\n' +
  '            "Config",\n' +
  '            kms_key_id=key_arn,\n' +
  '            data_capture_config=capture,\n' +
  '            production_variants=[\n' +
  '                sm.CfnEndpointConfig.ProductionVariantProperty(model_name="m", variant_name="main", initial_instance_count=1, instance_type="ml.m5.large")\n' +
  '            ],\n' +
  '        )\n' +
  '        bedrock.Agent(self, "Agent", foundation_model=model, instruction=instruction, guardrail=guardrail)\n';

describe('language server: a Python CDK stack', () => {
  let workspace: string;
  let client: Client;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-lsp-cdk-'));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    client = new Client(child);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await shutDown(client);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const fixFor = async (uri: string, diagnostic: Diagnostic, title: RegExp): Promise<CodeAction> => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const fix = actions.find((a) => title.test(a.title));
    assert.ok(fix?.edit?.changes?.[uri], actions.map((a) => a.title).join('\n'));
    return fix;
  };

  it('shows the findings of its L1 and higher-level constructs, and their quick fixes write Python', async () => {
    const uri = pathToFileURL(path.join(workspace, 'chat_stack.py')).href;
    let doc = client.open(uri, 'python', STACK);
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.length >= 2);
    const byRule = (code: string) => diagnostics.find((d) => d.code === code)!;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]).sort(), [
      ['bedrock-agent-without-kms-key', 17, 8],
      ['sagemaker-endpoint-single-instance', 14, STACK.split('\n')[14].indexOf('initial_instance_count=1') + 'initial_instance_count='.length],
    ]);
    assert.match(byRule('bedrock-agent-without-kms-key').message as string, /Bedrock agent `Agent` has no `kms_key`.*synthesized by `Agent`/);

    const single = await fixFor(uri, byRule('sagemaker-endpoint-single-instance'), /^Set `initial_instance_count` to 2/);
    doc = client.change(doc, TextDocument.applyEdits(doc, single.edit!.changes![uri]));
    assert.match(doc.getText(), /initial_instance_count=2, instance_type/);
    const remaining = await client.diagnosticsFor(uri, (d) => d.length === 1);
    assert.equal(remaining[0].code, 'bedrock-agent-without-kms-key');

    const kms = await fixFor(uri, remaining[0], /^Set `kms_key`/);
    doc = client.change(doc, TextDocument.applyEdits(doc, kms.edit!.changes![uri]));
    assert.match(doc.getText(), /^from aws_cdk import Stack, aws_sagemaker as sm\nfrom cdklabs\.generative_ai_cdk_constructs import bedrock\nfrom constructs import Construct\nfrom aws_cdk import aws_kms as kms\n/);
    assert.match(doc.getText(), /guardrail=guardrail, kms_key=kms\.Key\.from_key_arn\(self, "AgentKey", "<kms-key-arn>"\)\)\n$/);
    // The key ARN is a value only the user knows: until it is filled in, the placeholder is reported instead.
    const left = await client.diagnosticsFor(uri, (d) => d.every((x) => x.code === 'placeholder-not-filled-in'));
    assert.deepEqual(left.map((d) => d.code), ['placeholder-not-filled-in']);
  });
});
