// The integration suite's entry: VS Code's extension host loads this module and awaits run().
import * as vscode from 'vscode';
import { runRegistered, say, screenshotMoment } from '../harness';
import './diagnostics';
import './codeActions';
import './notebooks';
import './settings';
import './checklist';
import './restart';
import { open, waitForDiagnostics } from './support';

export async function run(): Promise<void> {
  say(`VS Code ${vscode.version}, extension host on Node ${process.version}`);
  const { failed } = await runRegistered();
  await showFindings();
  if (failed > 0) throw new Error(`${failed} integration test${failed === 1 ? '' : 's'} failed`);
}

/** The picture for the screenshot: a file with findings, the Problems panel listing the workspace's findings and the
 * AI Lens view with the lens checklist. */
async function showFindings(): Promise<void> {
  try {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await open('chat-service/app.py');
    await waitForDiagnostics(editor.document.uri, 'findings', (d) => d.length > 0, 10_000);
    editor.revealRange(new vscode.Range(29, 0, 52, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(31, 24, 31, 24);
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.view.extension.aiLens');
    // The side bar wide enough for the lens roll-ups ("9 at risk, 1 with evidence, 2 of 51 answered") to be read:
    // the editor gives up the width (resizing the focused side bar does not work in the headless page).
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } catch (error) {
    say(`(could not set the window up for the screenshot: ${(error as Error).message})`);
  }
  await screenshotMoment();
}
