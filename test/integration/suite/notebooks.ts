// A Jupyter notebook in VS Code's notebook editor: diagnostics in the right cell at the right line, a quick fix that
// edits the cell it belongs to, and an edit in an earlier cell (the one that makes the client) that changes the
// diagnostics of a later cell.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../harness';
import { actionFor, apply, describeAll, waitFor, waitForDiagnostics, workspaceUri } from './support';

const NOTEBOOK = 'notebooks/evaluate_assistant.ipynb';
/** Cells (0-based) of the example notebook. */
const CLIENT_CELL = 2;
const CALL_CELL = 4;
const WRITTEN_FILE_CELL = 8;

async function openNotebook(): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(workspaceUri(NOTEBOOK));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

/** Shows a cell in the notebook editor, as a user scrolls to it: the editor makes a cell's text model when it shows it. */
async function showCell(notebook: vscode.NotebookDocument, index: number): Promise<vscode.TextDocument> {
  const range = new vscode.NotebookRange(index, index + 1);
  const editor = await vscode.window.showNotebookDocument(notebook, { selections: [range] });
  editor.revealRange(range, vscode.NotebookEditorRevealType.InCenter);
  const document = notebook.cellAt(index).document;
  await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn });
  return document;
}

/** The text of every cell, to put back after a test edits them. */
function texts(notebook: vscode.NotebookDocument): string[] {
  return notebook.getCells().map((c) => c.document.getText());
}

/** Puts back the text the cells had (`original`), as undoing the edits does. */
async function restore(notebook: vscode.NotebookDocument, original: string[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const cell of notebook.getCells()) {
    const text = cell.document.getText();
    if (text !== original[cell.index]) edit.replace(cell.document.uri, new vscode.Range(cell.document.positionAt(0), cell.document.positionAt(text.length)), original[cell.index]);
  }
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor('the cells to be as they were', () => (JSON.stringify(texts(notebook)) === JSON.stringify(original) ? true : undefined));
}

test(`${NOTEBOOK}: diagnostics show in the cell they belong to, at their line in it`, async () => {
  const notebook = await openNotebook();
  assert.equal(notebook.cellAt(CALL_CELL).document.languageId, 'python');
  const call = notebook.cellAt(CALL_CELL).document.uri;
  const diagnostics = await waitForDiagnostics(call, 'the call without a guardrail or limit', (d) => d.length === 2);
  assert.deepEqual(describeAll(diagnostics), ['2:bedrock-call-without-guardrail', '2:llm-call-without-max-tokens']);
  assert.equal(notebook.cellAt(CALL_CELL).document.getText(diagnostics[0].range), 'converse');
  const written = await waitForDiagnostics(notebook.cellAt(WRITTEN_FILE_CELL).document.uri, 'torch.load in the %%writefile cell', (d) => d.length === 1);
  assert.deepEqual(describeAll(written), ['8:unsafe-model-deserialization']);
  assert.deepEqual(describeAll(vscode.languages.getDiagnostics(notebook.cellAt(CLIENT_CELL).document.uri)), [], 'the cell that makes the client shows nothing');
});

test(`${NOTEBOOK}: the quick fix edits the cell it belongs to, and its diagnostic goes`, async () => {
  const notebook = await openNotebook();
  const original = texts(notebook);
  const cell = await showCell(notebook, WRITTEN_FILE_CELL);
  try {
    const [diagnostic] = await waitForDiagnostics(cell.uri, 'torch.load', (d) => d.length === 1);
    const others = notebook.getCells().map((c) => (c.index === WRITTEN_FILE_CELL ? '' : c.document.getText()));
    await apply(await actionFor(cell.uri, diagnostic, 'Load with `weights_only=True`'));
    assert.match(cell.getText(), /torch\.load\(os\.path\.join\(model_dir, "model\.pt"\), weights_only=True\)/);
    assert.deepEqual(notebook.getCells().map((c) => (c.index === WRITTEN_FILE_CELL ? '' : c.document.getText())), others, 'no other cell changes');
    await waitForDiagnostics(cell.uri, 'the finding to go', (d) => d.length === 0);
  } finally {
    await restore(notebook, original);
  }
  await waitForDiagnostics(cell.uri, 'the finding back once the cell is restored', (d) => d.length === 1);
});

test(`${NOTEBOOK}: an edit in the cell that makes the client updates the diagnostics of the cell that calls it`, async () => {
  const notebook = await openNotebook();
  const client = notebook.cellAt(CLIENT_CELL).document;
  const call = notebook.cellAt(CALL_CELL).document.uri;
  const original = texts(notebook);
  try {
    await waitForDiagnostics(call, 'the call findings', (d) => d.length === 2);
    const at = client.getText().indexOf('"bedrock-runtime"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(client.uri, new vscode.Range(client.positionAt(at), client.positionAt(at + '"bedrock-runtime"'.length)), '"s3"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(call, 'no Bedrock findings once the client is an S3 client', (d) => d.length === 0);
  } finally {
    await restore(notebook, original);
  }
  await waitForDiagnostics(call, 'the call findings back', (d) => d.length === 2);
});
