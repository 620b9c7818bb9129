// A minimal LSP client for tests: a real child process, real streams (stdio or node IPC), real JSON-RPC.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.join(__dirname, '..', '..');

export class Client {
  /** Every publishDiagnostics received, in order. */
  readonly log: { uri: string; diagnostics: Diagnostic[] }[] = [];
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly shown: { uri: string; external?: boolean }[] = [];
  private waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];

  constructor(
    readonly child: ChildProcess,
    transport: 'stdio' | 'ipc' = 'stdio',
  ) {
    this.connection =
      transport === 'stdio'
        ? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
        : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    child.stderr?.on('data', (d) => this.stderr.push(String(d)));
    this.connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.diagnostics.set(uri, diagnostics);
      this.log.push({ uri, diagnostics });
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== uri || !w.test(diagnostics)) return true;
        w.resolve(diagnostics);
        return false;
      });
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shown.push(params);
      return { success: true };
    });
    this.connection.listen();
  }

  /** Resolves with the first published diagnostics for `uri` that pass `test` (including ones already received). */
  diagnosticsFor(uri: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && test(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri))}\n${this.stderr.join('')}`)), 20_000);
      this.waiters.push({ uri, test, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  open(uri: string, languageId: string, text: string): TextDocument {
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return TextDocument.create(uri, languageId, 1, text);
  }

  /** Shuts the server down as an editor does; resolves with its exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => this.child.on('exit', (code) => resolve(code)));
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  change(document: TextDocument, text: string): TextDocument {
    const next = TextDocument.create(document.uri, document.languageId, document.version + 1, text);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: document.uri, version: next.version }, contentChanges: [{ text }] });
    return next;
  }
}

/** Starts `ai-lens server --stdio` as a child process. */
export function startStdioServer(): Client {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Client(child);
}

/** Shuts the server down the way an editor does (shutdown, then exit) and checks that it exits cleanly. */
export async function shutDown(client: Client): Promise<void> {
  await client.connection.sendRequest(ShutdownRequest.type);
  const exited = new Promise<number | null>((resolve) => client.child.on('exit', (code) => resolve(code)));
  await client.connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
  client.connection.dispose();
}
