import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REVIEW_CHANGED_NOTIFICATION, REVIEW_REQUEST, type ReviewResult } from '../../../server/src/lsp/reviewProtocol';
import { STATUS_LABELS } from '../../../server/src/engine/review/model';
import { buildTree, type TreeFilter, type TreeNode } from './tree';

/** Delay between a change (diagnostics, evidence, answers) and the refresh it causes. */
const REFRESH_DEBOUNCE_MS = 300;
const FILTER_KEY = 'aiLens.checklist.filter';
/** The `source` of the server's diagnostics (server/src/lsp/diagnostics.ts). */
const SOURCE = 'AI Lens';

/** The lens checklist view: asks the server for the review when something changes and the view is visible. */
/** Opens a notebook at a cell, with a range of the cell selected (for findings and evidence in notebooks). */
const OPEN_CELL_COMMAND = 'aiLens.checklist.openCell';

async function openNotebookCell(uri: string, cell: number, selection?: vscode.Range): Promise<void> {
  const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(cell, cell + 1)] });
  const document = cell < notebook.cellCount ? notebook.cellAt(cell).document : undefined;
  if (document && selection) await vscode.window.showTextDocument(document, { selection, viewColumn: editor.viewColumn });
}

export class ChecklistView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly treeView: vscode.TreeView<TreeNode>;
  private roots: TreeNode[] = [];
  private readonly parents = new Map<TreeNode, TreeNode>();
  private result: ReviewResult | undefined;
  private client: LanguageClient | undefined;
  private clientSubscription: vscode.Disposable | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stale = true;
  private readonly disposables: vscode.Disposable[] = [];
  /** Files that have AI Lens diagnostics: other tools' diagnostics change far more often and do not concern the review. */
  private readonly withFindings = new Set<string>();

  constructor(private readonly state: vscode.Memento) {
    this.treeView = vscode.window.createTreeView('aiLens.checklist', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.changeEmitter,
      this.treeView.onDidChangeVisibility((e) => e.visible && this.stale && this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => this.diagnosticsChanged(e.uris)),
      vscode.commands.registerCommand(OPEN_CELL_COMMAND, openNotebookCell),
    );
    const answers = vscode.workspace.createFileSystemWatcher('**/.ai-lens/review.yaml');
    this.disposables.push(answers, answers.onDidCreate(() => this.schedule()), answers.onDidChange(() => this.schedule()), answers.onDidDelete(() => this.schedule()));
    this.showFilter();
  }

  private diagnosticsChanged(uris: readonly vscode.Uri[]): void {
    let ours = false;
    for (const uri of uris) {
      const key = uri.toString();
      const has = vscode.languages.getDiagnostics(uri).some((d) => d.source === SOURCE);
      if (has || this.withFindings.has(key)) ours = true;
      if (has) this.withFindings.add(key);
      else this.withFindings.delete(key);
    }
    if (ours) this.schedule();
  }

  /** Talks to a (re)started language client from now on. */
  attach(client: LanguageClient): void {
    this.clientSubscription?.dispose();
    this.client = client;
    this.clientSubscription = client.onNotification(REVIEW_CHANGED_NOTIFICATION, () => this.schedule());
    this.schedule(0);
  }

  get filter(): TreeFilter {
    return this.state.get<TreeFilter>(FILTER_KEY) ?? {};
  }

  async setFilter(filter: TreeFilter): Promise<void> {
    await this.state.update(FILTER_KEY, filter);
    this.showFilter();
    this.rebuild();
  }

  /** Refreshes soon, or when the view is next shown. */
  schedule(delay = REFRESH_DEBOUNCE_MS): void {
    this.stale = true;
    if (!this.treeView.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const client = this.client;
    if (!client?.isRunning()) return;
    this.stale = false;
    try {
      this.result = await client.sendRequest<ReviewResult>(REVIEW_REQUEST, {});
    } catch (error) {
      client.outputChannel.appendLine(`AI Lens review failed: ${(error as Error).message}`);
      return;
    }
    this.rebuild();
  }

  private rebuild(): void {
    if (!this.result) return;
    this.roots = buildTree(this.result, this.filter);
    this.parents.clear();
    const link = (nodes: readonly TreeNode[], parent?: TreeNode) => {
      for (const node of nodes) {
        if (parent) this.parents.set(node, parent);
        link(node.children ?? [], node);
      }
    };
    link(this.roots);
    const atRisk = this.result.folders.reduce((n, f) => n + f.review.tally.status['at-risk'], 0);
    this.treeView.badge = atRisk ? { value: atRisk, tooltip: `${atRisk} lens practice${atRisk === 1 ? '' : 's'} at risk` } : undefined;
    this.changeEmitter.fire(undefined);
  }

  private showFilter(): void {
    const { lenses, statuses } = this.filter;
    const parts = [...(lenses ?? []), ...(statuses ?? []).map((s) => STATUS_LABELS[s])];
    this.treeView.description = parts.length ? `filtered: ${parts.join(', ')}` : undefined;
    void vscode.commands.executeCommand('setContext', 'aiLens.checklist.filtered', parts.length > 0);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  /**
   * Shows a practice in the view (from a diagnostic's "Show in checklist"): under "Needs attention" when it is there,
   * else in its lens. Returns false when the view does not list it (filtered out, or the review not loaded yet).
   */
  async reveal(practiceId: string): Promise<boolean> {
    await vscode.commands.executeCommand('aiLens.checklist.focus');
    if (!this.result) await this.refresh();
    const nodes = [...this.parents.keys(), ...this.roots].filter((n) => n.kind === 'practice' && n.practice?.id === practiceId);
    const node = nodes.find((n) => this.parents.get(n)?.kind === 'attention') ?? nodes[0];
    if (!node) return false;
    await this.treeView.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? (node.children ?? []) : this.roots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.children?.length
      ? node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.contextValue;
    if (node.open) {
      const range = node.open.range;
      const selection = range ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) : undefined;
      item.command =
        node.open.cell === undefined
          ? { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(node.open.uri), selection ? { selection } : {}] }
          : { title: 'Open', command: OPEN_CELL_COMMAND, arguments: [node.open.uri, node.open.cell, selection] };
    }
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.clientSubscription?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
