// Notebooks in the language server, over its real stdio (LSP 3.17 notebook document sync): diagnostics in the right
// cell at the right line, an edit in one cell re-checks the cells after it, quick fixes edit the cell they belong to,
// hovers in cells, and closed notebooks checked from disk.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  NotebookCellKind,
  type CodeAction,
  type Hover,
  type NotebookCell,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import type { ReviewResult } from '../../server/src/lsp/reviewProtocol';
import { REVIEW_REQUEST } from '../../server/src/lsp/reviewProtocol';
import { startStdioServer, type Client } from '../lspClient';
import { notebook } from './support';

const CLIENT = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const CALL = 'response = bedrock.converse(\n    modelId="amazon.nova-lite-v1:0",\n    messages=[{"role": "user", "content": [{"text": "hi"}]}],\n)\n';

/** A notebook as an editor holds it: cell documents, versioned. */
class EditorNotebook {
  version = 1;
  readonly cells: { cell: NotebookCell; document: TextDocument }[];

  constructor(
    readonly uri: string,
    texts: { kind: 'code' | 'markdown'; text: string }[],
  ) {
    this.cells = texts.map((t, i) => {
      const document = TextDocument.create(`vscode-notebook-cell:${uri.replace(/^file:/, '')}#cell${i}`, t.kind === 'code' ? 'python' : 'markdown', 1, t.text);
      return { cell: { kind: t.kind === 'code' ? NotebookCellKind.Code : NotebookCellKind.Markup, document: document.uri }, document };
    });
  }

  cellUri(index: number): string {
    return this.cells[index].document.uri;
  }

  open(client: Client): void {
    void client.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri, notebookType: 'jupyter-notebook', version: this.version, cells: this.cells.map((c) => c.cell) },
      cellTextDocuments: this.cells.map((c) => ({ uri: c.document.uri, languageId: c.document.languageId, version: c.document.version, text: c.document.getText() })),
    });
  }

  /** Replaces a cell's text, as typing into it does. */
  edit(client: Client, index: number, text: string): void {
    const before = this.cells[index].document;
    const document = TextDocument.create(before.uri, before.languageId, before.version + 1, text);
    this.cells[index].document = document;
    this.version++;
    void client.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri, version: this.version },
      change: { cells: { textContent: [{ document: { uri: document.uri, version: document.version }, changes: [{ text }] }] } },
    });
  }

  close(client: Client): void {
    void client.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri },
      cellTextDocuments: this.cells.map((c) => ({ uri: c.document.uri })),
    });
  }
}

describe('notebooks in the language server', () => {
  let workspace: string;
  let client: Client;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-nb-lsp-'));
    fs.writeFileSync(path.join(workspace, 'on_disk.ipynb'), notebook(['import torch\n', 'model = torch.load("m.pt")\n']));
    fs.writeFileSync(path.join(workspace, 'r.ipynb'), notebook(['x <- 1\n'], { kernel: { language: 'R', name: 'ir' } }));
    client = startStdioServer();
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      capabilities: { notebookDocument: { synchronization: {} } },
      initializationOptions: { debounceMs: 0 },
    });
    assert.deepEqual(init.capabilities.notebookDocumentSync, { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' } }] });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    assert.equal(await client.shutdown(), 0);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('checks closed notebooks from disk, at the code line of the JSON; not notebooks of another kernel', async () => {
    const uri = pathToFileURL(path.join(workspace, 'on_disk.ipynb')).href;
    const [diagnostic] = await client.diagnosticsFor(uri, (d) => d.length > 0);
    assert.equal(diagnostic.code, 'unsafe-model-deserialization');
    const json = fs.readFileSync(path.join(workspace, 'on_disk.ipynb'), 'utf8');
    assert.ok(json.split('\n')[diagnostic.range.start.line].slice(diagnostic.range.start.character).startsWith('torch.load'));
    assert.equal(client.diagnostics.get(pathToFileURL(path.join(workspace, 'r.ipynb')).href), undefined, 'an R notebook shows nothing');
  });

  it('counts notebooks as workload files in the lens review, with findings in their cells', async () => {
    const review = await client.connection.sendRequest<ReviewResult>(REVIEW_REQUEST, {});
    const [folder] = review.folders;
    assert.equal(folder.review.files, 1, 'the Python notebook; the R notebook is not checked');
    const practice = folder.review.lenses.flatMap((l) => l.groups.flatMap((g) => g.questions.flatMap((q) => q.practices))).find((p) => p.id === 'MLSEC05-BP01')!;
    assert.deepEqual(practice.findings.map((f) => [f.path, f.cell?.index, f.cell?.range.start.line]), [['on_disk.ipynb', 1, 0]]);
  });

  it('shows diagnostics in the right cell, follows an edit in an earlier cell, fixes the cell they belong to', async () => {
    const nb = new EditorNotebook(pathToFileURL(path.join(workspace, 'chat.ipynb')).href, [
      { kind: 'markdown', text: '# Chat\n' },
      { kind: 'code', text: CLIENT },
      { kind: 'code', text: 'x = 1\n' },
      { kind: 'code', text: CALL },
    ]);
    nb.open(client);
    const diagnostics = await client.diagnosticsFor(nb.cellUri(3), (d) => d.length === 2);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['bedrock-call-without-guardrail', 0, 19],
        ['llm-call-without-max-tokens', 0, 19],
      ],
    );
    assert.equal(client.diagnostics.get(nb.cellUri(1))?.length ?? 0, 0, 'the cell that makes the client shows nothing');

    // The client is no longer a Bedrock client: the call in the later cell is not reported any more.
    nb.edit(client, 1, 'import boto3\nbedrock = boto3.client("s3")\n');
    await client.diagnosticsFor(nb.cellUri(3), (d) => d.length === 0);
    nb.edit(client, 1, CLIENT);
    const [guardrail] = await client.diagnosticsFor(nb.cellUri(3), (d) => d.length === 2);

    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: nb.cellUri(3) }, position: { line: 0, character: 22 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /bedrock-call-without-guardrail/);
    assert.deepEqual(hover.range, guardrail.range, 'the hover range is in the cell');

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: nb.cellUri(3) },
      range: guardrail.range,
      context: { diagnostics: [guardrail] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.edit && /guardrail/i.test(a.title))!;
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const changes = fix.edit!.changes!;
    assert.deepEqual(Object.keys(changes), [nb.cellUri(3)], 'the fix edits the cell it belongs to');
    const fixed = TextDocument.applyEdits(nb.cells[3].document, changes[nb.cellUri(3)]);
    assert.match(fixed, /guardrailConfig/);
    const suppress = actions.find((a) => a.title.startsWith('Suppress'))!;
    assert.deepEqual(Object.keys(suppress.edit!.changes!), [nb.cellUri(3)]);
    assert.deepEqual(suppress.edit!.changes![nb.cellUri(3)][0].range.start, { line: 0, character: 0 });

    // The fix's placeholder guardrail id is reported until it is filled in.
    const afterFix = ['llm-call-without-max-tokens', 'placeholder-not-filled-in', 'bedrock-guardrail-draft-version'];
    nb.edit(client, 3, fixed);
    const after = await client.diagnosticsFor(nb.cellUri(3), (d) => d.length === 3);
    assert.deepEqual(after.map((d) => d.code), afterFix);

    // A new workspace scan (settings changed) republishes every file it knows: the cells keep their diagnostics.
    const scanned = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no workspace scan after a settings change')), 20_000);
      client.connection.onNotification(LogMessageNotification.type, (m) => {
        if (/\] workspace scan: /.test(m.message)) resolve(clearTimeout(timer));
      });
    });
    void client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { aiLens: {} } });
    await scanned;
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: nb.cellUri(3) }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.diagnostics.get(nb.cellUri(3))?.map((d) => d.code), afterFix);

    nb.close(client);
    await client.diagnosticsFor(nb.cellUri(3), (d) => d.length === 0);
  });

  it('shows nothing for an open notebook of another kernel', async () => {
    const nb = new EditorNotebook(pathToFileURL(path.join(workspace, 'stats.ipynb')).href, [{ kind: 'code', text: 'library(ggplot2)\n' }]);
    nb.cells[0].document = TextDocument.create(nb.cellUri(0), 'r', 1, 'library(ggplot2)\n');
    nb.open(client);
    const python = new EditorNotebook(pathToFileURL(path.join(workspace, 'after.ipynb')).href, [{ kind: 'code', text: 'import pickle\npickle.load(f)\n' }]);
    python.open(client);
    await client.diagnosticsFor(python.cellUri(0), (d) => d.length === 1);
    assert.equal(client.diagnostics.get(nb.cellUri(0)), undefined, 'the R cell shows nothing');
    assert.equal(client.diagnostics.get(nb.uri), undefined);
    nb.close(client);
    python.close(client);
  });

  it('offers fixes in an open notebook, and none in a cell of a closed one', async () => {
    const nb = new EditorNotebook(pathToFileURL(path.join(workspace, 'stale.ipynb')).href, [{ kind: 'code', text: 'import torch\nmodel = torch.load("m.pt")\n' }]);
    nb.open(client);
    const [diagnostic] = await client.diagnosticsFor(nb.cellUri(0), (d) => d.length === 1);
    const request = () =>
      client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: nb.cellUri(0) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as Promise<CodeAction[]>;
    assert.ok((await request()).some((a) => a.edit && (a.edit.changes?.[nb.cellUri(0)] || (a.edit.documentChanges as TextDocumentEdit[] | undefined))));
    nb.close(client);
    await client.diagnosticsFor(nb.cellUri(0), (d) => d.length === 0);
    assert.deepEqual(await request(), []);
  });
});
