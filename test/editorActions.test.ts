// What an editor shows at a place with several findings, through the real server over stdio: the quick-fix menu
// (fixes first, one entry per practice), "Fix all" as a source action, short hovers with the long docs one request
// away, and the status counts as they change.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, HoverRequest, InitializedNotification, InitializeRequest, type CodeAction, type Diagnostic, type Hover } from 'vscode-languageserver-protocol/node';
import { Client, ROOT } from './lspClient';

const NOTEBOOK = 'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  role_arn      = aws_iam_role.r.arn\n  instance_type = "ml.t3.medium"\n}\n';

describe('code actions, hovers and status in an editor', () => {
  let workspace: string;
  let client: Client;
  const statuses: { filesWithFindings: number; findings: number }[] = [];

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-actions-'));
    fs.writeFileSync(path.join(workspace, 'on_disk.py'), 'import torch\nmodel = torch.load("model.pt")\n');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    client = new Client(child);
    client.connection.onNotification('aiLens/status', (s: { filesWithFindings: number; findings: number }) => void statuses.push(s));
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0, checklist: true, ruleDocs: true },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    client.connection.dispose();
    client.child.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function actionsAt(uri: string, line: number, only?: string[]): Promise<CodeAction[]> {
    const diagnostics = (client.diagnostics.get(uri) ?? []).filter((d) => d.range.start.line === line);
    const range = diagnostics[0]?.range ?? { start: { line, character: 0 }, end: { line, character: 0 } };
    return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })) as CodeAction[];
  }

  it('offers fixes first, one suppression per rule and one entry per practice, with no duplicates', async () => {
    const uri = pathToFileURL(path.join(workspace, 'notebook.tf')).href;
    client.open(uri, 'terraform', NOTEBOOK);
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.length >= 4);
    const atHeader = diagnostics.filter((d) => d.range.start.line === 0);
    assert.ok(atHeader.length >= 3, 'several findings share the place');
    const titles = (await actionsAt(uri, 0)).map((a) => a.title);
    assert.equal(new Set(titles).size, titles.length, `duplicates in:\n${titles.join('\n')}`);
    const order = ['fix', 'suppress', 'open', 'show', 'fix all'];
    const kinds = titles.map((t) => (/^Suppress /.test(t) ? 'suppress' : /^Open lens practice /.test(t) ? 'open' : /^Show .* in the lens checklist$/.test(t) ? 'show' : /^Fix all /.test(t) ? 'fix all' : 'fix'));
    assert.deepEqual(kinds, [...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b)), titles.join('\n'));
    assert.equal(kinds.filter((k) => k === 'fix').length, atHeader.length, 'each finding here has a fix');
    assert.equal(titles.filter((t) => t.startsWith('Open lens practice MLSEC03-BP02')).length, 1);
    assert.deepEqual(titles.filter((t) => t.startsWith('Show')), titles.filter((t) => t.startsWith('Open')).map((t) => `Show ${t.split(' ')[3].replace(':', '')} in the lens checklist`));
    const show = (await actionsAt(uri, 0)).find((a) => a.title.startsWith('Show MLSEC03-BP02'));
    assert.deepEqual(show?.command, { title: 'Show MLSEC03-BP02', command: 'aiLens.checklist.reveal', arguments: ['MLSEC03-BP02'] });
  });

  it('"Fix all AI Lens problems in this file" is a source action that applies every fix', async () => {
    const uri = pathToFileURL(path.join(workspace, 'fixall.tf')).href;
    let doc = client.open(uri, 'terraform', NOTEBOOK);
    const before = await client.diagnosticsFor(uri, (d) => d.length >= 4);
    assert.equal((await actionsAt(uri, 0)).some((a) => a.title.startsWith('Fix all')), true, 'listed when all kinds are asked for');
    assert.equal((await actionsAt(uri, 0, ['quickfix'])).some((a) => a.title.startsWith('Fix all')), false, 'not a quick fix');
    const [fixAll] = await actionsAt(uri, 0, ['source']);
    assert.equal(fixAll.title, 'Fix all AI Lens problems in this file');
    assert.equal(fixAll.kind, 'source.aiLens.fixAll');
    // What is left are the placeholders the fixes wrote: values only the user knows, never compliance.
    const onlyPlaceholders = (d: readonly Diagnostic[]) => d.every((x) => x.code === 'placeholder-not-filled-in');
    for (let round = 0; round < 3 && !onlyPlaceholders(client.diagnostics.get(uri)!); round++) {
      const [action] = await actionsAt(uri, 0, ['source']);
      if (!action) break;
      doc = client.change(doc, TextDocument.applyEdits(doc, action.edit!.changes![uri]));
      await client.diagnosticsFor(uri, (d) => onlyPlaceholders(d) || d.length < before.length);
    }
    const left = client.diagnostics.get(uri)!;
    assert.ok(left.length > 0 && onlyPlaceholders(left), doc.getText());
    assert.equal((await actionsAt(uri, 0, ['source'])).length, 0, 'nothing left to fix');
    assert.match(doc.getText(), /direct_internet_access += "Disabled"/);
  });

  it('hovers are short: the message, the practice with its link, and "More" for the rule docs', async () => {
    const uri = pathToFileURL(path.join(workspace, 'notebook.tf')).href;
    const position = client.diagnostics.get(uri)!.find((d) => d.range.start.line === 0)!.range.start;
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover;
    const markdown = (hover.contents as { value: string }).value;
    const sections = markdown.split('\n\n---\n\n');
    assert.ok(sections.length >= 3);
    for (const section of sections) {
      assert.ok(section.split('\n').length <= 3, section);
      assert.match(section, /^\*\*AI Lens\*\* `[a-z0-9-]+`: .+\n\n\[[A-Z]+\d+-BP\d+\]\(https:\/\/docs\.aws\.amazon\.com\/.+\) .+ · \[More…\]\(command:aiLens\.showRuleDocs\?%5B%22[a-z0-9-]+%22%5D "The rule's documentation"\)$/);
    }
    const docs = (await client.connection.sendRequest('aiLens/ruleDocs', { ruleId: 'sagemaker-notebook-direct-internet' })) as { markdown: string };
    assert.match(docs.markdown, /^# `sagemaker-notebook-direct-internet`\n/);
    assert.match(docs.markdown, /Reported:\n\n```hcl\n/);
    assert.match(docs.markdown, /\[MLSEC03-BP02\]\(https:/);
    assert.equal(await client.connection.sendRequest('aiLens/ruleDocs', { ruleId: 'no-such-rule' }), null);
  });

  it('keeps the status counts current as findings come and go', async () => {
    const uri = pathToFileURL(path.join(workspace, 'status.py')).href;
    const last = () => statuses[statuses.length - 1];
    await waitFor(() => statuses.length > 0);
    const files = last().filesWithFindings;
    let doc = client.open(uri, 'python', 'import pickle\nm = pickle.load(f)\n');
    await waitFor(() => last().filesWithFindings === files + 1);
    const findings = last().findings;
    doc = client.change(doc, 'import pickle\nm = pickle.load(f)\nn = pickle.load(g)\n');
    await waitFor(() => last().findings === findings + 1);
    client.change(doc, 'print("clean")\n');
    await waitFor(() => last().filesWithFindings === files && last().findings === findings - 1);
  });
});

async function waitFor(test: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
