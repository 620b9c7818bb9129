import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerChecklistCommands } from './commands';
import { ChecklistView } from './view';

/** The "AI Lens" activity-bar view and its commands. Call `attach` with each language client that starts. */
export function registerChecklist(context: vscode.ExtensionContext): { view: ChecklistView; attach(client: LanguageClient): void } {
  const view = new ChecklistView(context.workspaceState);
  let client: LanguageClient | undefined;
  context.subscriptions.push(
    view,
    ...registerChecklistCommands(view, () => client),
    vscode.commands.registerCommand('aiLens.checklist.reveal', async (practiceId?: unknown) => {
      if (typeof practiceId === 'string' && !(await view.reveal(practiceId))) {
        void vscode.window.showInformationMessage(`${practiceId} is not in the lens checklist: clear its filter to see it.`);
      }
    }),
  );
  return {
    view,
    attach(next) {
      client = next;
      view.attach(next);
    },
  };
}
