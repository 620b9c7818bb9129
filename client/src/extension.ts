import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerChecklist } from './checklist';
import type { ChecklistView } from './checklist/view';
import { showDocumentStatus } from './documentStatus';

/** What `activate` returns to other extensions (`vscode.extensions.getExtension(…).exports`) and to the editor tests. */
export interface AiLensApi {
  /** The lens checklist's tree-data provider, as the "AI Lens" view uses it. */
  checklist: ChecklistView;
}

let client: LanguageClient | undefined;
let status: vscode.LanguageStatusItem | undefined;
let checklist: ReturnType<typeof registerChecklist> | undefined;

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
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', pattern: '**/*.template' },
];

export async function activate(context: vscode.ExtensionContext): Promise<AiLensApi> {
  const output = vscode.window.createOutputChannel('AI Lens', { log: true });
  status = vscode.languages.createLanguageStatusItem('aiLens.status', DOCUMENT_SELECTOR);
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
  await startClient(context, output);
  return { checklist: checklist.view };
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args: ['server'] },
    debug: { module, transport: TransportKind.ipc, args: ['server'], options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    synchronize: {
      configurationSection: 'aiLens',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{py,tf,yaml,yml,json,template,ts,tsx,js,jsx}'),
    },
  };
  client = new LanguageClient('aiLens', 'AI Lens', serverOptions, clientOptions);
  context.subscriptions.push(
    showDocumentStatus(client, status!),
    client.onNotification('aiLens/status', (params: { filesChecked: number; filesWithFindings: number }) => {
      if (!status) return;
      status.text = `AI Lens: ${params.filesWithFindings} file${params.filesWithFindings === 1 ? '' : 's'} with findings`;
      status.detail = `${params.filesChecked} files checked against the Generative AI, Machine Learning and Responsible AI lenses`;
    }),
  );
  try {
    await client.start();
    checklist?.attach(client);
    if (status) status.text = 'AI Lens';
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
