import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerChecklist } from './checklist';
import type { ChecklistView } from './checklist/view';

/** What `activate` returns to other extensions (`vscode.extensions.getExtension(…).exports`) and to the editor tests. */
export interface AiLensApi {
  /** The lens checklist's tree-data provider, as the "AI Lens" view uses it. */
  checklist: ChecklistView;
}

let client: LanguageClient | undefined;
let status: vscode.LanguageStatusItem | undefined;
let checklist: ReturnType<typeof registerChecklist> | undefined;
/** Rule documentation opened from a hover's "More", as read-only Markdown documents. */
const RULE_DOCS_SCHEME = 'ai-lens-rule';
const WELCOMED_KEY = 'aiLens.welcomed';

/** Files the server checks: it decides per file (a YAML file that is not a CloudFormation template gets nothing). */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'terraform' },
  // Terraform files without a Terraform extension installed have no language of their own.
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', pattern: '**/*.template' },
];
/**
 * Python cells of Jupyter notebooks. The server is sent the notebooks themselves (notebook document sync, which the
 * server asks for); this selector sends it hovers and code actions in their cells.
 */
const NOTEBOOK_CELLS = { notebook: { notebookType: 'jupyter-notebook' }, language: 'python' };

export async function activate(context: vscode.ExtensionContext): Promise<AiLensApi> {
  const output = vscode.window.createOutputChannel('AI Lens', { log: true });
  status = vscode.languages.createLanguageStatusItem('aiLens.status', [...DOCUMENT_SELECTOR, { notebookType: 'jupyter-notebook', language: 'python' }]);
  status.name = 'AI Lens';
  status.text = 'AI Lens: starting';
  status.command = { title: 'Show output', command: 'aiLens.showOutput' };
  context.subscriptions.push(output, status);
  checklist = registerChecklist(context);

  context.subscriptions.push(
    vscode.commands.registerCommand('aiLens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('aiLens.restartServer', async () => {
      await client?.stop();
      await startClient(context, output);
    }),
    // The server reads the workspace's .ai-lens.yaml in full only in a trusted workspace: restart it once trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      await startClient(context, output);
    }),
  );
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, { provideTextDocumentContent: (uri) => ruleDocs(uri.path.replace(/^\/|\.md$/g, '')) }),
    vscode.commands.registerCommand('aiLens.showRuleDocs', async (ruleId?: unknown) => {
      if (typeof ruleId !== 'string') return;
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/${ruleId}.md` }));
    }),
  );
  await startClient(context, output);
  void welcome(context);
  return { checklist: checklist.view };
}

async function ruleDocs(ruleId: string): Promise<string> {
  if (!client?.isRunning()) return 'AI Lens is not running.';
  const docs = await client.sendRequest<{ markdown: string } | null>('aiLens/ruleDocs', { ruleId });
  return docs?.markdown ?? `No AI Lens rule is called \`${ruleId}\`.`;
}

/** The first time AI Lens runs: where its findings are, and a way to the view that holds the lens review. */
async function welcome(context: vscode.ExtensionContext): Promise<void> {
  if (context.globalState.get(WELCOMED_KEY)) return;
  await context.globalState.update(WELCOMED_KEY, true);
  const open = 'Open the AI Lens view';
  const choice = await vscode.window.showInformationMessage(
    'AI Lens checks ML and generative-AI code and its infrastructure against the AWS Well-Architected AI lenses. Findings appear in Problems; the AI Lens view holds the lens review.',
    open,
  );
  if (choice === open) await vscode.commands.executeCommand('workbench.view.extension.aiLens');
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args: ['server'] },
    debug: { module, transport: TransportKind.ipc, args: ['server'], options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...DOCUMENT_SELECTOR, NOTEBOOK_CELLS],
    outputChannel: output,
    // checklist and ruleDocs: this client has the AI Lens view ("Show in checklist") and opens rule docs ("More").
    initializationOptions: { trusted: vscode.workspace.isTrusted, checklist: true, ruleDocs: true },
    // Hovers link to the rule docs with a command; no other command may run from server Markdown.
    markdown: { isTrusted: { enabledCommands: ['aiLens.showRuleDocs'] } },
    synchronize: {
      configurationSection: 'aiLens',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{py,ipynb,tf,tfvars,yaml,yml,json,template,ts,tsx,js,jsx}'),
    },
  };
  client = new LanguageClient('aiLens', 'AI Lens', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onNotification('aiLens/status', (params: { filesChecked: number; filesWithFindings: number; findings?: number }) => {
      if (!status) return;
      const findings = params.findings ?? 0;
      status.text = findings ? `AI Lens: ${plural(findings, 'finding')} in ${plural(params.filesWithFindings, 'file')}` : 'AI Lens: no findings';
      status.detail = `${plural(params.filesChecked, 'file')} checked against the Generative AI, Machine Learning and Responsible AI lenses`;
      status.command = { title: 'Show problems', command: 'workbench.actions.view.problems' };
    }),
  );
  try {
    await client.start();
    checklist?.attach(client);
    // The start-up scan's counts may have arrived already.
    if (status?.text === 'AI Lens: starting') status.text = 'AI Lens';
  } catch (error) {
    if (status) {
      status.text = 'AI Lens: failed to start';
      status.severity = vscode.LanguageStatusSeverity.Error;
    }
    output.appendLine(`AI Lens server failed to start: ${(error as Error).message}`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
