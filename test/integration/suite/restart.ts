// The language server can be restarted from the command palette, and comes back by itself when it is killed.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../harness';
import { codeActionsAt, describeAll, isAlive, open, revert, ruleOf, serverProcesses, setSetting, waitFor, waitForDiagnostics } from './support';

const FILE = 'training/load_model.py';

function oneServer(what: string, not?: number): Promise<number> {
  return waitFor(what, () => {
    const pids = serverProcesses().filter((pid) => pid !== not);
    return pids.length === 1 ? pids[0] : undefined;
  });
}

/** A fresh edit gets fresh findings: proof that a live server answers, not diagnostics left from the old one. */
async function assertServerAnswers(): Promise<void> {
  const editor = await open(FILE);
  const uri = editor.document.uri;
  try {
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\nreloaded = pickle.loads(blob)\n'));
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('reloaded = '));
    const added = `${line + 1}:unsafe-model-deserialization`;
    await waitForDiagnostics(uri, added, (d) => describeAll(d).includes(added));
  } finally {
    await revert(uri);
  }
}

test('AI Lens: Restart Language Server starts a new server that answers', async () => {
  await open(FILE);
  const before = await oneServer('the language server process');
  await vscode.commands.executeCommand('aiLens.restartServer');
  const after = await oneServer('a new language server process', before);
  assert.notEqual(after, before);
  await waitFor(`the old server (${before}) to exit`, () => (isAlive(before) ? undefined : true));
  await assertServerAnswers();
});

test('a killed server is started again and its diagnostics come back', async () => {
  const editor = await open(FILE);
  await waitForDiagnostics(editor.document.uri, 'findings', (d) => d.length >= 3);
  const victim = await oneServer('the language server process');
  process.kill(victim, 'SIGKILL');
  const replacement = await oneServer('the language server to be started again', victim);
  assert.notEqual(replacement, victim);
  await waitForDiagnostics(editor.document.uri, 'findings from the new server', (d) => d.length >= 3);
  await assertServerAnswers();
});

test('a restarted server reads the workspace settings for the files already open', async () => {
  const uri = (await open(FILE)).document.uri;
  // The unsafe loads follow the setting; other rules' findings in the file keep their own severity.
  const allAre = (severity: vscode.DiagnosticSeverity) => (d: vscode.Diagnostic[]) => {
    const loads = d.filter((x) => ruleOf(x) === 'unsafe-model-deserialization');
    return loads.length >= 3 && loads.every((x) => x.severity === severity);
  };
  await setSetting('rules', { 'unsafe-model-deserialization': 'error' });
  try {
    await waitForDiagnostics(uri, 'errors', allAre(vscode.DiagnosticSeverity.Error));
    const before = await oneServer('the language server process');
    await vscode.commands.executeCommand('aiLens.restartServer');
    await oneServer('a new language server process', before);
    // The new server answers this after it has published for the files the client reopened on start.
    await codeActionsAt(uri, new vscode.Range(27, 0, 27, 0));
    await waitForDiagnostics(uri, 'errors from the new server', allAre(vscode.DiagnosticSeverity.Error));
  } finally {
    await setSetting('rules', undefined);
  }
  await waitForDiagnostics(uri, 'warnings again', allAre(vscode.DiagnosticSeverity.Warning));
});
