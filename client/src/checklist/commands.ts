import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AnswerStatus } from '../../../server/src/engine/review/answers';
import { PRACTICE_STATUSES, STATUS_LABELS, type PracticeStatus } from '../../../server/src/engine/review/model';
import type { LensId } from '../../../server/src/engine/types';
import { REPORT_REQUEST, SET_ANSWER_REQUEST, type ReportFormat, type ReportResult, type SetAnswerParams } from '../../../server/src/lsp/reviewProtocol';
import type { TreeNode } from './tree';
import type { ChecklistView } from './view';

const LENSES: { id: LensId; label: string }[] = [
  { id: 'genai', label: 'Generative AI Lens' },
  { id: 'ml', label: 'Machine Learning Lens' },
  { id: 'rai', label: 'Responsible AI Lens' },
];

const ANSWER_PROMPTS: Record<AnswerStatus, { title: string; prompt: string; required: boolean }> = {
  done: { title: 'Mark done', prompt: 'How does the workload follow this practice? (optional)', required: false },
  'not-applicable': { title: 'Mark not applicable', prompt: 'Why does this practice not apply to the workload?', required: true },
  'risk-accepted': { title: 'Accept the risk', prompt: 'Why is the risk accepted, and until when?', required: true },
};

/** The checklist's commands: answers on a practice, filters, documentation and reports. */
export function registerChecklistCommands(view: ChecklistView, client: () => LanguageClient | undefined): vscode.Disposable[] {
  // From the view, VS Code passes the tree node (and possibly the selection); code that has the node (another
  // extension, the editor tests) may pass the note as well, which skips the prompt.
  const answer = (status: AnswerStatus) => async (node?: TreeNode, given?: unknown) => {
    const practice = node?.practice;
    if (!practice) return;
    const prompt = ANSWER_PROMPTS[status];
    if (typeof given === 'string') {
      if (prompt.required && !given.trim()) return void vscode.window.showErrorMessage(`${prompt.title}: a note is required.`);
      return setAnswer({ folder: practice.folder, practiceId: practice.id, status, note: given });
    }
    const note = await vscode.window.showInputBox({
      title: `${prompt.title}: ${practice.id} ${practice.title}`,
      prompt: prompt.prompt,
      value: practice.answer?.note ?? '',
      ignoreFocusOut: true,
      validateInput: (value) => (prompt.required && !value.trim() ? 'A note is required: it is what reviewers read.' : undefined),
    });
    if (note === undefined) return;
    await setAnswer({ folder: practice.folder, practiceId: practice.id, status, note });
  };

  const setAnswer = async (params: SetAnswerParams) => {
    const running = client();
    if (!running?.isRunning()) return void vscode.window.showWarningMessage('AI Lens is not running.');
    try {
      await running.sendRequest(SET_ANSWER_REQUEST, params);
    } catch (error) {
      return void vscode.window.showErrorMessage(`AI Lens could not save the answer: ${(error as Error).message}`);
    }
    await view.refresh();
  };

  const report = async (format: ReportFormat): Promise<{ result: ReportResult; folder?: string } | undefined> => {
    const running = client();
    if (!running?.isRunning()) return void vscode.window.showWarningMessage('AI Lens is not running.');
    const folder = await pickFolder();
    if (folder === null) return undefined;
    try {
      return { result: await running.sendRequest<ReportResult>(REPORT_REQUEST, { format, folder }), folder };
    } catch (error) {
      return void vscode.window.showErrorMessage(`AI Lens could not build the report: ${(error as Error).message}`);
    }
  };

  return [
    vscode.commands.registerCommand('aiLens.checklist.refresh', () => view.refresh()),
    vscode.commands.registerCommand('aiLens.checklist.markDone', answer('done')),
    vscode.commands.registerCommand('aiLens.checklist.markNotApplicable', answer('not-applicable')),
    vscode.commands.registerCommand('aiLens.checklist.markRiskAccepted', answer('risk-accepted')),
    vscode.commands.registerCommand('aiLens.checklist.clearAnswer', async (node?: TreeNode) => {
      if (node?.practice) await setAnswer({ folder: node.practice.folder, practiceId: node.practice.id, status: null });
    }),
    vscode.commands.registerCommand('aiLens.checklist.openDocs', (node?: TreeNode) => {
      if (node?.practice) void vscode.env.openExternal(vscode.Uri.parse(node.practice.url));
    }),
    vscode.commands.registerCommand('aiLens.checklist.filterLens', async () => {
      const current = view.filter.lenses ?? [];
      const picked = await vscode.window.showQuickPick(
        LENSES.map((l) => ({ label: l.label, id: l.id, picked: current.includes(l.id) })),
        { canPickMany: true, title: 'Show lenses (none picked shows all)' },
      );
      if (picked) await view.setFilter({ ...view.filter, lenses: picked.map((p) => p.id) });
    }),
    vscode.commands.registerCommand('aiLens.checklist.filterStatus', async () => {
      const current = view.filter.statuses ?? [];
      const picked = await vscode.window.showQuickPick(
        PRACTICE_STATUSES.map((s) => ({ label: STATUS_LABELS[s], status: s as PracticeStatus, picked: current.includes(s) })),
        { canPickMany: true, title: 'Show practices that are (none picked shows all)' },
      );
      if (picked) await view.setFilter({ ...view.filter, statuses: picked.map((p) => p.status) });
    }),
    vscode.commands.registerCommand('aiLens.checklist.clearFilter', () => view.setFilter({})),
    vscode.commands.registerCommand('aiLens.openReport', async () => {
      const html = await report('html');
      if (!html) return;
      // No scripts; the report's own Content-Security-Policy allows nothing but its hashed style sheet (report/html.ts).
      const panel = vscode.window.createWebviewPanel('aiLens.report', 'AI Lens Review', vscode.ViewColumn.Active, { enableScripts: false, enableFindWidget: true });
      panel.webview.html = html.result.content;
    }),
    vscode.commands.registerCommand('aiLens.saveReport', async () => {
      const format = await vscode.window.showQuickPick(
        [
          { label: 'HTML', description: 'one self-contained file for a design review', format: 'html' as const },
          { label: 'Markdown', format: 'md' as const },
          { label: 'JSON', format: 'json' as const },
          { label: 'Well-Architected Tool', description: 'UpdateAnswer inputs per question', format: 'wa-tool' as const },
        ],
        { title: 'Save the lens review as' },
      );
      if (!format) return;
      const saved = await report(format.format);
      if (!saved) return;
      const base = saved.folder ? vscode.Uri.file(saved.folder) : undefined;
      const target = await vscode.window.showSaveDialog({ defaultUri: base ? vscode.Uri.joinPath(base, saved.result.fileName) : undefined });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(saved.result.content, 'utf8'));
      const action = await vscode.window.showInformationMessage(`Lens review saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
      if (action === 'Open') await vscode.env.openExternal(target);
    }),
  ];
}

/** The folder to report on: the only one, the one the user picks, or `null` when the user cancels the pick. */
async function pickFolder(): Promise<string | undefined | null> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri.fsPath;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to report on' });
  return picked ? picked.uri.fsPath : null;
}
