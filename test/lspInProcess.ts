// The language server in this process over real streams, on a workspace written to a temporary folder, with each run of
// the cross-file rules counted: for tests of what an edit makes the server do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { RULES, type Rule } from '../server/src/engine/rules';
import { startServer } from '../server/src/lsp/server';

export interface WorkspaceServer {
  uri(name: string): string;
  /** The diagnostics last published for a file. */
  diagnostics(name: string): Diagnostic[];
  /** How often the cross-file rules have run (they run together: the first one counts). */
  runs(): number;
  /** Replaces the document's text and waits until the server has analysed it (it handles messages in order). */
  edit(name: string, text: string): Promise<void>;
  close(): void;
}

/**
 * Writes `files` to a temporary folder, starts the server on it, waits for the workspace scan, then opens the files
 * named in `open` (with their language IDs) as the editor would.
 */
export async function startWorkspaceServer(files: Record<string, string>, open: [string, string][], capabilities: ClientCapabilities = {}): Promise<WorkspaceServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-lsp-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  let runs = 0;
  const first = RULES.find((r) => r.checkWorkspace)!;
  const counted: Rule[] = RULES.map((rule) => (rule === first ? { ...rule, checkWorkspace: (context) => (runs++, rule.checkWorkspace!(context)) } : rule));
  const diagnostics = new Map<string, Diagnostic[]>();
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, counted);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics: d }) => void diagnostics.set(uri, d));
  const scanned = new Promise<void>((resolve) => client.onNotification('aiLens/status', (s: { state: string }) => void (s.state === 'idle' && resolve())));
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    capabilities,
    initializationOptions: { debounceMs: 0 },
  });
  await client.sendNotification(InitializedNotification.type, {});
  await scanned;
  for (const [name, languageId] of open) {
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId, version: 1, text: files[name] } });
  }
  const settle = (name: string) => client.sendRequest(HoverRequest.type, { textDocument: { uri: uri(name) }, position: { line: 0, character: 0 } });
  if (open.length) await settle(open[open.length - 1][0]);
  let version = 1;
  return {
    uri,
    diagnostics: (name) => diagnostics.get(uri(name)) ?? [],
    runs: () => runs,
    async edit(name, text) {
      await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version: ++version }, contentChanges: [{ text }] });
      await settle(name);
    },
    close() {
      client.dispose();
      server.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
