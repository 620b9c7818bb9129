// The status item's word on the file in the active editor, from the server's `aiLens/documentStatus`: being checked,
// a large file checked only after a pause in typing, findings not shown, or why it was not checked.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCUMENT_STATUS_NOTIFICATION, type DocumentStatus } from '../../server/src/lsp/documentStatus';

/** What the item says when the active file has nothing of its own to say. */
interface Resting {
  text: string;
  detail: string | undefined;
}

export function showDocumentStatus(client: LanguageClient, item: vscode.LanguageStatusItem): vscode.Disposable {
  const statuses = new Map<string, DocumentStatus>();
  let resting: Resting = { text: item.text, detail: item.detail };
  let shown = false;

  const render = () => {
    // A notebook's status is the notebook's, whichever of its cells is active.
    const active = vscode.window.activeTextEditor?.document.uri;
    const uri = active?.scheme === 'vscode-notebook-cell' ? vscode.window.activeNotebookEditor?.notebook.uri.toString() : active?.toString();
    const status = uri ? statuses.get(uri) : undefined;
    const words = status && describe(status);
    item.busy = status?.state === 'checking';
    if (!words) {
      // Someone else (the workspace scan) may have changed the item meanwhile: keep what they wrote.
      if (shown) Object.assign(item, resting);
      shown = false;
      return;
    }
    if (!shown) resting = { text: item.text, detail: item.detail };
    shown = true;
    item.text = words.text;
    item.detail = words.detail;
  };

  return vscode.Disposable.from(
    client.onNotification(DOCUMENT_STATUS_NOTIFICATION, (status: DocumentStatus) => {
      statuses.set(status.uri, status);
      render();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      statuses.delete(document.uri.toString());
      render();
    }),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => {
      statuses.delete(notebook.uri.toString());
      render();
    }),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.window.onDidChangeActiveNotebookEditor(render),
  );
}

function describe(status: DocumentStatus): Resting | undefined {
  if (status.notChecked) return { text: 'AI Lens: file not checked', detail: status.notChecked };
  const large = status.large && `${status.large.lines.toLocaleString()} lines: checked ${status.large.delayMs / 1000} s after you stop typing (aiLens.largeFileLines)`;
  if (status.state === 'waiting') return { text: 'AI Lens: large file, waiting for a pause', detail: large };
  if (status.findings) {
    const { shown, hidden } = status.findings;
    return { text: `AI Lens: ${shown} of ${(shown + hidden).toLocaleString()} findings shown`, detail: `aiLens.maxFindingsPerFile; \`ai-lens scan\` lists them all${large ? `. ${large}` : ''}` };
  }
  if (large) return { text: 'AI Lens: large file', detail: large };
  return undefined;
}
