// Helpers on the real `vscode` API for the integration suite: open example files, wait for AI Lens diagnostics,
// ask for code actions, change settings, find the language server process.
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ai-lens.ai-lens';
export const SOURCE = 'AI Lens';

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the window has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function aiLensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** `line:rule` with 1-based lines, as the examples test and the CLI print them. */
export function describeAll(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${ruleOf(d)}`).sort(byLine);
}

function byLine(a: string, b: string): number {
  return parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Waits until the AI Lens diagnostics of `uri` pass `test`; the error shows the last ones seen. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  test: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor(what, () => {
      const diagnostics = aiLensDiagnostics(uri);
      return test(diagnostics) ? diagnostics : undefined;
    }, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n  in ${vscode.workspace.asRelativePath(uri)}; last seen: ${JSON.stringify(describeAll(aiLensDiagnostics(uri)))}`);
  }
}

export function includesAll(actual: readonly string[], expected: readonly string[]): boolean {
  return expected.every((e) => actual.includes(e));
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** The code action offered at `diagnostic` whose title starts with `title`. */
export async function actionFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  // VS Code's command returns the actions without the diagnostics they fix, so the title tells them apart.
  const actions = await codeActionsAt(uri, diagnostic.range);
  const action = actions.find((a) => a.title.startsWith(title));
  if (!action) throw new Error(`no "${title}…" action at ${describeAll([diagnostic])[0]}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

export async function apply(action: vscode.CodeAction): Promise<void> {
  if (!action.edit) throw new Error(`"${action.title}" has no edit`);
  if (!(await vscode.workspace.applyEdit(action.edit))) throw new Error(`VS Code refused the edit of "${action.title}"`);
}

/** Throws away unsaved changes to `uri`. */
export async function revert(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${vscode.workspace.asRelativePath(uri)} to be reverted`, () => (document.isDirty ? undefined : true));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('aiLens').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Process ids of the language servers the extension host started (children running dist/server.js). */
export function serverProcesses(): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === process.pid && /dist[\\/]server\.js/.test(m[3]))
    .map((m) => Number(m[1]));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
