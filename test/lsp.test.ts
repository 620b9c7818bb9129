// The language server as an editor sees it: a child process spoken to over its real stdin/stdout.
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  type CodeAction,
  type Diagnostic,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { Client, ROOT, shutDown } from './lspClient';

describe('language server over stdio', () => {
  let workspace: string;
  let client: Client;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-lsp-'));
    fs.writeFileSync(path.join(workspace, 'on_disk.py'), 'import torch\nmodel = torch.load("model.pt")\n');
    fs.mkdirSync(path.join(workspace, 'node_modules'));
    fs.writeFileSync(path.join(workspace, 'node_modules', 'dep.py'), 'import pickle\npickle.load(f)\n');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    client = new Client(child);
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      capabilities: { window: { showDocument: { support: true } } },
      initializationOptions: { debounceMs: 0 },
    });
    assert.equal(init.serverInfo?.name, 'ai-lens');
    assert.ok(init.capabilities.codeActionProvider && init.capabilities.hoverProvider);
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await shutDown(client);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('checks the workspace on start, skipping node_modules', async () => {
    const uri = pathToFileURL(path.join(workspace, 'on_disk.py')).href;
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unsafe-model-deserialization']);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.diagnostics.has(pathToFileURL(path.join(workspace, 'node_modules', 'dep.py')).href), false);
  });

  it('publishes diagnostics with rule code, practice link and source; the quick fix removes them', async () => {
    const uri = pathToFileURL(path.join(workspace, 'chat.py')).href;
    let doc = client.open(uri, 'python', 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m, inferenceConfig={"maxTokens": 256})\n');
    const [diagnostic] = await client.diagnosticsFor(uri, (d) => d.length > 0);
    assert.equal(diagnostic.code, 'bedrock-call-without-guardrail');
    assert.equal(diagnostic.source, 'AI Lens');
    assert.equal(diagnostic.codeDescription?.href, 'https://docs.aws.amazon.com/wellarchitected/latest/generative-ai-lens/gensec02-bp01.html');
    assert.match(diagnostic.message as string, /\(GENSEC02-BP01\)$/);
    assert.deepEqual(diagnostic.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 11 } });

    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } })) as Hover;
    const markdown = (hover.contents as { value: string }).value;
    assert.match(markdown, /GENSEC02-BP01\]\(https:\/\/docs\.aws\.amazon\.com.*\) Implement guardrails to mitigate harmful or incorrect model responses/);

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Suppress bedrock-call-without-guardrail')), titles.join('\n'));
    assert.ok(titles.some((t) => t.startsWith('Open lens practice GENSEC02-BP01')), titles.join('\n'));
    const fix = actions.find((a) => a.title.startsWith('Add `guardrailConfig`'));
    assert.ok(fix?.edit?.changes, titles.join('\n'));
    doc = client.change(doc, TextDocument.applyEdits(doc, fix.edit.changes[uri]));
    assert.match(doc.getText(), /guardrailConfig=\{"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"\}\)/);
    // The guardrail finding is gone; the placeholder it wrote is an error until filled in, and `DRAFT` a note.
    const afterFix = await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'bedrock-call-without-guardrail'));
    assert.deepEqual(afterFix.map((d) => [d.code, d.severity]), [['placeholder-not-filled-in', 1], ['bedrock-guardrail-draft-version', 3]]);
  });

  it('gives quick fixes the fixes of the last analysis, asked of the worker when a code action needs them', async () => {
    const uri = pathToFileURL(path.join(workspace, 'lazy-fixes.py')).href;
    const load = 'import torch\nm = torch.load(p)\n';
    let doc = client.open(uri, 'python', load);
    await client.diagnosticsFor(uri, (d) => d.length > 0);
    const fixOf = async () => {
      const [diagnostic] = await client.diagnosticsFor(uri, (d) => d.length > 0);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
      return { diagnostic, fix: actions.find((a) => a.title.includes('weights_only')) };
    };
    const first = await fixOf();
    assert.deepEqual(first.fix?.edit?.changes?.[uri]?.map((e) => e.range.start), [{ line: 1, character: 16 }], 'the fix of the first analysis');
    // Two analyses later (the outcome of each carries no fixes), the fix is the newest analysis's, at its new place.
    doc = client.change(doc, '# one\n' + load);
    await client.diagnosticsFor(uri, (d) => d[0]?.range.start.line === 2);
    doc = client.change(doc, '# one\n# two\n' + load);
    await client.checked(uri, doc.version);
    const moved = await fixOf();
    assert.equal(moved.diagnostic.range.start.line, 3);
    assert.deepEqual(moved.fix?.edit?.changes?.[uri]?.map((e) => e.range.start), [{ line: 3, character: 16 }]);
    doc = client.change(doc, TextDocument.applyEdits(doc, moved.fix!.edit!.changes![uri]));
    assert.match(doc.getText(), /torch\.load\(p, weights_only=True\)/);
    assert.deepEqual(await client.diagnosticsFor(uri, (d) => d.length === 0), []);
  });

  it('suppresses with a comment in the file\'s own syntax once the placeholder is replaced by a reason', async () => {
    const uri = pathToFileURL(path.join(workspace, 'nb.tf')).href;
    let doc = client.open(uri, 'terraform', 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  subnet_id = var.subnet_id\n  root_access = "Disabled"\n  kms_key_id = var.kms_key_id\n  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n}\n');
    const [diagnostic] = await client.diagnosticsFor(uri, (d) => d.length > 0);
    assert.equal(diagnostic.code, 'sagemaker-notebook-direct-internet');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const suppress = actions.find((a) => a.title.startsWith('Suppress'));
    assert.ok(suppress?.edit?.changes);
    doc = client.change(doc, TextDocument.applyEdits(doc, suppress.edit.changes[uri]));
    assert.ok(doc.getText().startsWith('# ai-lens: ignore[sagemaker-notebook-direct-internet] -- <reason>\nresource'), doc.getText());
    const withPlaceholder = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'invalid-suppression'));
    assert.deepEqual(withPlaceholder.map((d) => [d.code, d.range.start.line]), [['invalid-suppression', 0], ['sagemaker-notebook-direct-internet', 1]]);
    doc = client.change(doc, doc.getText().replace('<reason>', 'sandbox account without data'));
    assert.deepEqual(await client.diagnosticsFor(uri, (d) => d.length === 0), []);
  });

  it('forgets the analysis of a closed file that is not on disk (it used to be kept for the whole session)', async () => {
    const uri = 'untitled:Untitled-closed';
    client.open(uri, 'python', 'import torch\nm = torch.load(p)\n');
    await client.diagnosticsFor(uri, (d) => d.length > 0);
    const hover = () => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 6 } });
    assert.ok(await hover(), 'a hover while open');
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepEqual(await client.diagnosticsFor(uri, (d) => d.length === 0), []);
    assert.equal(await hover(), null);
  });

  it('opens the lens practice in the browser', async () => {
    const url = 'https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/mlsec05-bp01.html';
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'aiLens.server.openPractice', arguments: [url] });
    assert.deepEqual(client.shown.at(-1), { uri: url, external: true });
  });

  it('survives half-typed and oversized files', async () => {
    const broken = pathToFileURL(path.join(workspace, 'broken.py')).href;
    const doc = client.open(broken, 'python', 'import torch\nm = torch.load("a.pt")\ndef f(:\n    rt.converse(modelId=M,\n');
    const diagnostics = await client.diagnosticsFor(broken, (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.code === 'unsafe-model-deserialization'), 'findings before the syntax error survive');
    client.change(doc, 'x = """unterminated\n');
    await client.diagnosticsFor(broken, (d) => d.length === 0);

    const big = pathToFileURL(path.join(workspace, 'big.py')).href;
    client.open(big, 'python', 'x = 1\n'.repeat(600_000));
    const [info] = await client.diagnosticsFor(big, (d) => d.length > 0);
    assert.match(info.message as string, /did not check this file: larger than 2 MB/);

    const yaml = pathToFileURL(path.join(workspace, 'stack.yaml')).href;
    client.open(yaml, 'yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      SubnetId: !Ref Subnet\n      RootAccess: Disabled\n      KmsKeyId: !Ref Key\n      InstanceMetadataServiceConfiguration:\n        MinimumInstanceMetadataServiceVersion: "2"\n      DirectInternetAccess: Enabled\n  Broken: [\n');
    const yamlDiagnostics = await client.diagnosticsFor(yaml, (d) => d.length > 0);
    assert.deepEqual(yamlDiagnostics.map((d) => d.code), ['sagemaker-notebook-direct-internet']);
  });
});

describe('language server grammars', () => {
  it('checks TypeScript files opened and on disk at once, though it loads the TypeScript grammars after starting', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-grammars-'));
    const code = 'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\nawait client.send(new ConverseCommand({ modelId, messages }));\n';
    fs.writeFileSync(path.join(workspace, 'on_disk.ts'), code);
    const client = new Client(spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
    try {
      await client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(workspace).href,
        workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
        capabilities: {},
        initializationOptions: { debounceMs: 0 },
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
      const opened = pathToFileURL(path.join(workspace, 'opened.tsx')).href;
      client.open(opened, 'typescriptreact', code);
      const ruleIds = (d: Diagnostic[]) => d.map((x) => x.code).sort();
      assert.deepEqual(ruleIds(await client.diagnosticsFor(opened, (d) => d.length > 0)), ['bedrock-call-without-guardrail', 'llm-call-without-max-tokens']);
      const onDisk = pathToFileURL(path.join(workspace, 'on_disk.ts')).href;
      assert.deepEqual(ruleIds(await client.diagnosticsFor(onDisk, (d) => d.length > 0)), ['bedrock-call-without-guardrail', 'llm-call-without-max-tokens']);
    } finally {
      await client.connection.sendRequest(ShutdownRequest.type);
      await client.connection.sendNotification(ExitNotification.type);
      client.connection.dispose();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('language server over node IPC (as the VS Code client starts it)', () => {
  it('answers initialize and publishes diagnostics', async () => {
    const child = fork(path.join(ROOT, 'bin', 'ai-lens.js'), ['server', '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const client = new Client(child, 'ipc');
    try {
      await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      await client.connection.sendNotification(InitializedNotification.type, {});
      const uri = 'untitled:Untitled-1';
      client.open(uri, 'python', 'import joblib\nclf = joblib.load("m.joblib")\n');
      const diagnostics = await client.diagnosticsFor(uri, (d) => d.length > 0);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['unsafe-model-deserialization', 1]]);
      await client.connection.sendRequest(ShutdownRequest.type);
    } finally {
      client.connection.dispose();
      child.kill();
    }
  });
});

describe('language server settings', () => {
  it('re-checks files opened before the pulled settings arrived', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new Client(child);
    let release!: () => void;
    const settingsSent = new Promise<void>((resolve) => (release = resolve));
    client.connection.onRequest(ConfigurationRequest.type, async (params) => {
      await settingsSent;
      return params.items.map(() => ({ rules: { 'unsafe-model-deserialization': 'error' } }));
    });
    try {
      await client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: { workspace: { configuration: true } },
        initializationOptions: { debounceMs: 0 },
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
      // As editors do on start: the open files go out right after `initialized`, before the settings come back.
      const uri = 'untitled:early.py';
      client.open(uri, 'python', 'import pickle\nm = pickle.load(f)\n');
      await client.diagnosticsFor(uri, (d) => d.length > 0);
      release();
      const checked = await client.diagnosticsFor(uri, (d) => d.length > 0 && d.every((x) => x.severity === 1));
      assert.deepEqual(checked.map((d) => [d.code, d.severity]), [['unsafe-model-deserialization', 1]]);
      await client.connection.sendRequest(ShutdownRequest.type);
    } finally {
      client.connection.dispose();
      child.kill();
    }
  });

  it('honours aiLens.rules, aiLens.lenses and aiLens.enable pulled from the client, and re-checks on change', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new Client(child);
    let settings: Record<string, unknown> = { rules: { 'unsafe-model-deserialization': 'off', 'llm-call-without-max-tokens': 'error' } };
    client.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
    try {
      await client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: { workspace: { configuration: true } },
        initializationOptions: { debounceMs: 0 },
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
      await new Promise((r) => setTimeout(r, 200));
      const uri = 'untitled:settings.py';
      client.open(uri, 'python', 'import boto3, pickle\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\nm = pickle.load(f)\n');
      const first = await client.diagnosticsFor(uri, (d) => d.length > 0);
      assert.deepEqual(first.map((d) => [d.code, d.severity]), [['bedrock-call-without-guardrail', 2], ['llm-call-without-max-tokens', 1]]);

      settings = { lenses: ['ml'] };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const mlOnly = await client.diagnosticsFor(uri, (d) => d.length === 1);
      assert.deepEqual(mlOnly.map((d) => d.code), ['unsafe-model-deserialization']);

      settings = { enable: false };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      assert.deepEqual(await client.diagnosticsFor(uri, (d) => d.length === 0), []);
      await client.connection.sendRequest(ShutdownRequest.type);
    } finally {
      client.connection.dispose();
      child.kill();
    }
  });
});

describe('language server with .ai-lens.yaml', () => {
  const CONFIG = 'rules:\n  llm-call-without-max-tokens: error\n  unsafe-model-deserialization: off\nexclude: [hidden]\nignore:\n  - paths: [accepted.py]\n    rules: [bedrock-call-without-guardrail]\n    reason: the gateway applies a guardrail\n';
  const CALL = 'import boto3, torch\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\ntorch.load(p)\n';

  async function start(trusted: boolean | undefined, config = CONFIG, extra: Record<string, string> = {}) {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-config-'));
    fs.writeFileSync(path.join(workspace, '.ai-lens.yaml'), config);
    for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(workspace, name), text);
    fs.writeFileSync(path.join(workspace, 'app.py'), CALL);
    fs.writeFileSync(path.join(workspace, 'accepted.py'), CALL);
    fs.mkdirSync(path.join(workspace, 'hidden'));
    fs.writeFileSync(path.join(workspace, 'hidden', 'h.py'), CALL);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new Client(child);
    const uri = pathToFileURL(workspace).href;
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'ws' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0, ...(trusted === undefined ? {} : { trusted }) },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    const at = (name: string) => pathToFileURL(path.join(workspace, name)).href;
    const stop = async () => {
      await client.connection.sendRequest(ShutdownRequest.type);
      client.connection.dispose();
      child.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
    };
    return { client, workspace, at, stop };
  }

  const codes = (d: Diagnostic[]) => d.map((x) => `${x.code}:${x.severity}`).sort();

  it('applies the file: severities, rules off, excludes and ignores', async () => {
    const { client, at, stop } = await start(undefined);
    try {
      assert.deepEqual(codes(await client.diagnosticsFor(at('app.py'), (d) => d.length > 0)), ['bedrock-call-without-guardrail:2', 'llm-call-without-max-tokens:1']);
      assert.deepEqual(codes(await client.diagnosticsFor(at('accepted.py'), (d) => d.length > 0)), ['llm-call-without-max-tokens:1']);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(client.diagnostics.has(at('hidden/h.py')), false, 'excluded');
      assert.equal(client.diagnostics.has(at('.ai-lens.yaml')), false, 'a valid file has no diagnostics');
    } finally {
      await stop();
    }
  });

  it('publishes problems on the file with their lines, as you type, and re-reads it when it changes on disk', async () => {
    const { client, workspace, at, stop } = await start(undefined, 'rulez:\n  x: error\n');
    try {
      await client.diagnosticsFor(at('app.py'), (d) => d.length > 0);
      const config = at('.ai-lens.yaml');
      const [problem] = await client.diagnosticsFor(config, (d) => d.length > 0);
      assert.equal(problem.message as string, 'unknown key "rulez" (did you mean "rules"?)');
      assert.deepEqual(problem.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
      assert.equal(problem.severity, 1);
      // Typing in the open file checks what is typed.
      const doc = client.open(config, 'yaml', 'rulez:\n  x: error\n');
      client.change(doc, 'lenses: [ml]\nrules:\n  unsafe-model-deserialization: eror\n');
      const [typed] = await client.diagnosticsFor(config, (d) => d.length === 1 && d[0].range.start.line === 2);
      assert.match(typed.message as string, /"eror" is not one of .* \(did you mean "error"\?\)/);
      // Saving it makes the server read it again and check every file anew.
      fs.writeFileSync(path.join(workspace, '.ai-lens.yaml'), 'rules:\n  unsafe-model-deserialization: off\n  bedrock-call-without-guardrail: off\n  llm-call-without-max-tokens: off\n');
      client.change(doc, fs.readFileSync(path.join(workspace, '.ai-lens.yaml'), 'utf8'));
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: config, type: FileChangeType.Changed }] });
      assert.deepEqual(await client.diagnosticsFor(at('app.py'), (d) => d.length === 0), []);
      assert.deepEqual(await client.diagnosticsFor(config, (d) => d.length === 0), []);
    } finally {
      await stop();
    }
  });

  it('a file on disk over the size limit says it was not checked (a large non-template JSON file says nothing)', async () => {
    const { client, at, stop } = await start(undefined, 'maxFileBytes: 1024\n', { 'big.py': CALL + '#'.repeat(2000) + '\n', 'package-lock.json': '{"x": "' + 'y'.repeat(5000) + '"}' });
    try {
      const [info] = await client.diagnosticsFor(at('big.py'), (d) => d.length > 0);
      assert.equal(info.message, 'AI Lens did not check this file: larger than 1 KB (2 KB)');
      assert.equal(info.severity, 3);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(client.diagnostics.has(at('package-lock.json')), false);
    } finally {
      await stop();
    }
  });

  it('in an untrusted workspace applies only the severities of the file, and says so on the file', async () => {
    const { client, at, stop } = await start(false);
    try {
      assert.deepEqual(codes(await client.diagnosticsFor(at('app.py'), (d) => d.length === 3)), ['bedrock-call-without-guardrail:2', 'llm-call-without-max-tokens:1', 'unsafe-model-deserialization:2']);
      assert.equal((await client.diagnosticsFor(at('accepted.py'), (d) => d.length > 0)).length, 3, 'ignore entries do not apply');
      assert.equal((await client.diagnosticsFor(at('hidden/h.py'), (d) => d.length > 0)).length, 3, 'exclude patterns do not apply');
      const [note] = await client.diagnosticsFor(at('.ai-lens.yaml'), (d) => d.length > 0);
      assert.match(note.message as string, /^Restricted mode \(untrusted workspace\): only the rule severities of this file apply/);
      assert.equal(note.severity, 3);
    } finally {
      await stop();
    }
  });
});
