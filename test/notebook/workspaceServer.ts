// The language server in this process over real streams, on a workspace with a notebook open in the editor, with each
// run of the cross-file rules counted: for tests of what an edit of the notebook's cells makes the server do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  DidChangeNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  NotebookCellKind,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { RULES, type Rule } from '../../server/src/engine/rules';
import { startServer } from '../../server/src/lsp/server';
import { notebook } from './support';

export interface NotebookWorkspace {
  /** How often the cross-file rules have run (they run together: the first one counts). */
  runs(): number;
  /** Replaces a cell's text and waits until the server has analysed the notebook. */
  editCell(index: number, text: string): Promise<void>;
  /** Every file's and cell's diagnostics, by name (`cell 3` for a cell), with the workspace's folder written `<ws>`. */
  diagnostics(): Record<string, Diagnostic[]>;
  close(): void;
}

/**
 * Writes `files` and the notebook `name` (its cells, all code) to a temporary folder, starts the server on it, waits
 * for the workspace scan, then opens the notebook as the editor would, with `open` as its cells if given (unsaved).
 */
export async function startNotebookWorkspace(files: Record<string, string>, name: string, cells: readonly string[]): Promise<NotebookWorkspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-nb-'));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  fs.writeFileSync(path.join(dir, name), notebook([...cells]));
  let runs = 0;
  const first = RULES.find((r) => r.checkWorkspace)!;
  const counted: Rule[] = RULES.map((rule) => (rule === first ? { ...rule, checkWorkspace: (context) => (runs++, rule.checkWorkspace!(context)) } : rule));
  const published = new Map<string, Diagnostic[]>();
  const uri = pathToFileURL(path.join(dir, name)).href;
  const cellUri = (i: number) => `vscode-notebook-cell:${uri.slice('file:'.length)}#cell${i}`;
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, counted);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => void published.set(uri, diagnostics));
  const scanned = new Promise<void>((resolve) => client.onNotification('aiLens/status', (s: { state: string }) => void (s.state === 'idle' && resolve())));
  client.listen();
  const root = pathToFileURL(dir).href;
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'ws' }],
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } }, notebookDocument: { synchronization: {} } },
    initializationOptions: { debounceMs: 0 },
  });
  await client.sendNotification(InitializedNotification.type, {});
  await scanned;
  const versions = cells.map(() => 1);
  let version = 1;
  await client.sendNotification(DidOpenNotebookDocumentNotification.type, {
    notebookDocument: { uri, notebookType: 'jupyter-notebook', version, cells: cells.map((_, i) => ({ kind: NotebookCellKind.Code, document: cellUri(i) })) },
    cellTextDocuments: cells.map((text, i) => ({ uri: cellUri(i), languageId: 'python', version: 1, text })),
  });
  // The server handles messages in order: once a hover in the notebook is answered, its analysis is recorded.
  const settle = () => client.sendRequest(HoverRequest.type, { textDocument: { uri: cellUri(0) }, position: { line: 0, character: 0 } });
  await settle();
  const shown = (d: Diagnostic) => JSON.parse(JSON.stringify(d).split(dir).join('<ws>')) as Diagnostic;
  return {
    runs: () => runs,
    async editCell(index, text) {
      versions[index]++;
      await client.sendNotification(DidChangeNotebookDocumentNotification.type, {
        notebookDocument: { uri, version: ++version },
        change: { cells: { textContent: [{ document: { uri: cellUri(index), version: versions[index] }, changes: [{ text }] }] } },
      });
      await settle();
    },
    diagnostics() {
      const out: Record<string, Diagnostic[]> = {};
      for (const i of cells.keys()) out[`cell ${i}`] = (published.get(cellUri(i)) ?? []).map(shown);
      for (const file of Object.keys(files)) out[file] = (published.get(pathToFileURL(path.join(dir, file)).href) ?? []).map(shown);
      return out;
    },
    close() {
      client.dispose();
      server.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
