// The real language server, as an editor runs it (a child process speaking LSP over stdio), driven from a worker
// thread of the fuzzer: the fuzzer's own thread runs the engine on other cases meanwhile, synchronously, and would
// otherwise delay reading the server's answers and inflate every time measured here.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { DOCUMENT_STATUS_NOTIFICATION, type DocumentStatus } from '../../server/src/lsp/documentStatus';
import { extension, type FuzzFile } from './mutators';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface LspPlan {
  change: { range: { start: Position; end: Position }; text: string };
  hover: Position;
}
export type Position = { line: number; character: number };

export interface CheckTimes {
  /** From the moment the hover is sent (after the file's open and edit) to its answer. */
  requestMs: number;
  /** From the file's open to the server saying it checked the edited version. */
  checkMs: number;
}

const LANGUAGE_IDS: Record<string, string> = { '.py': 'python', '.ts': 'typescript', '.tsx': 'typescriptreact', '.js': 'javascript', '.mjs': 'javascript', '.tf': 'terraform', '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/** The real server, as an editor runs it: a child process speaking LSP over stdin/stdout. */
class LanguageServer {
  private nextDocument = 0;

  /** Resolvers waiting for the server to say it checked a version of a document, by URI. */
  private readonly checked = new Map<string, { version: number; resolve(): void }>();

  private constructor(
    private readonly child: ReturnType<typeof spawn>,
    private readonly connection: ProtocolConnection,
    private readonly workspace: string,
  ) {
    connection.onNotification(DOCUMENT_STATUS_NOTIFICATION, (status: DocumentStatus) => {
      const waiting = this.checked.get(status.uri);
      if (status.state !== 'checked' || !waiting || status.version !== waiting.version) return;
      this.checked.delete(status.uri);
      waiting.resolve();
    });
  }

  static async start(limitMs: number, onError: (message: string) => void, onWorkerRestart: () => void): Promise<LanguageServer> {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-fuzz-'));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    child.on('exit', (code, signal) => {
      if (code !== 0) onError(`exited with ${code ?? signal}; stderr: ${stderr.slice(-2000)}`);
    });
    // The server logs uncaught exceptions, unhandled rejections, failed rules and failed analyses; none may happen.
    connection.onNotification(LogMessageNotification.type, ({ type, message }) => {
      if (/analysis worker: starting again/.test(message)) onWorkerRestart();
      if (type === MessageType.Error || /uncaught|unhandled|analysis failed|internal error|rule \S+ failed/.test(message)) onError(message.slice(0, 2000));
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'fuzz' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0, settings: { maxAnalysisMs: limitMs } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return new LanguageServer(child, connection, workspace);
  }

  /**
   * Opens the file, applies the plan's edit, asks for a hover, waits until the server says it checked the edited
   * version, closes the file. Resolves with the hover's time from the moment it is sent (the open and the edit, sent
   * before it, are ahead of it in the server's queue) to its answer, and the time from the open to the check.
   */
  async check(c: FuzzFile, plan: LspPlan): Promise<CheckTimes> {
    const t0 = performance.now();
    const uri = pathToFileURL(path.join(this.workspace, `doc-${this.nextDocument++}${extension(c.path)}`)).href;
    const languageId = LANGUAGE_IDS[extension(c.path)] ?? 'plaintext';
    const checked = this.whenChecked(uri, 2);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text: c.text } });
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [plan.change] });
    const sent = performance.now();
    await withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: plan.hover }), 60_000, 'no answer to hover within 60 s');
    const requestMs = performance.now() - sent;
    await withTimeout(checked, 120_000, 'the edited version was not checked within 120 s').finally(() => this.checked.delete(uri));
    const checkMs = performance.now() - t0;
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return { requestMs, checkMs };
  }

  private whenChecked(uri: string, version: number): Promise<void> {
    return new Promise((resolve) => this.checked.set(uri, { version, resolve }));
  }

  async stillAnswers(): Promise<void> {
    const uri = pathToFileURL(path.join(this.workspace, 'final.py')).href;
    const checked = this.whenChecked(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text: 'import torch\ntorch.load(p)\n' } });
    await withTimeout(checked, 30_000, 'a file opened after the run was not checked');
    const hover = await withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } }), 30_000, 'no answer after the run');
    if (!hover || !JSON.stringify(hover.contents).includes('unsafe-model-deserialization')) throw new Error(`the server no longer finds problems after the run: ${JSON.stringify(hover)}`);
  }

  get pid(): number {
    return this.child.pid!;
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 10_000, 'no answer to shutdown');
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      await this.connection.sendNotification(ExitNotification.type);
      await withTimeout(exited, 10_000, 'did not exit');
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
      fs.rmSync(this.workspace, { recursive: true, force: true });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

// ------------------------------------------------------------------------------------------ the fuzzer's side of it

const ROLE = 'ai-lens-fuzz-server-driver';

type Operation = { op: 'check'; file: FuzzFile; plan: LspPlan } | { op: 'stillAnswers' | 'stop' };
type Call = Operation & { id: number };
type Reply = { id: number; result?: unknown; error?: string } | { event: 'error'; message: string } | { event: 'restart' } | { event: 'started'; pid: number };

/** The language server, driven from a worker thread of its own; same operations as `LanguageServer`. */
export class ServerDriver {
  private nextCall = 0;
  private readonly calls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(
    private readonly worker: Worker,
    private readonly pid: number,
  ) {
    worker.on('message', (reply: Reply) => {
      if (!('id' in reply)) return;
      const call = this.calls.get(reply.id);
      this.calls.delete(reply.id);
      if (reply.error !== undefined) call?.reject(new Error(reply.error));
      else call?.resolve(reply.result);
    });
  }

  static start(limitMs: number, onError: (message: string) => void, onWorkerRestart: () => void): Promise<ServerDriver> {
    const worker = new Worker(__filename, { workerData: { role: ROLE, limitMs } });
    return new Promise((resolve, reject) => {
      worker.on('message', (reply: Reply) => {
        if ('id' in reply) return;
        if (reply.event === 'error') onError(reply.message);
        else if (reply.event === 'restart') onWorkerRestart();
        else resolve(new ServerDriver(worker, reply.pid));
      });
      worker.once('error', reject);
    });
  }

  check(file: FuzzFile, plan: LspPlan): Promise<CheckTimes> {
    return this.call({ op: 'check', file: { path: file.path, text: file.text }, plan }) as Promise<CheckTimes>;
  }

  stillAnswers(): Promise<void> {
    return this.call({ op: 'stillAnswers' }) as Promise<void>;
  }

  /** Peak resident memory of the server process, its analysis worker included (Linux `/proc`); undefined elsewhere. */
  peakRssMb(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.call({ op: 'stop' });
    } finally {
      await this.worker.terminate();
    }
  }

  private call(call: Operation): Promise<unknown> {
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ ...call, id });
    });
  }
}

async function driveServer(limitMs: number): Promise<void> {
  const port = parentPort!;
  const server = await LanguageServer.start(
    limitMs,
    (message) => port.postMessage({ event: 'error', message } satisfies Reply),
    () => port.postMessage({ event: 'restart' } satisfies Reply),
  );
  port.on('message', async (call: Call) => {
    try {
      const result = call.op === 'check' ? await server.check(call.file, call.plan) : call.op === 'stillAnswers' ? await server.stillAnswers() : await server.stop();
      port.postMessage({ id: call.id, result } satisfies Reply);
    } catch (error) {
      port.postMessage({ id: call.id, error: (error as Error).message } satisfies Reply);
    }
  });
  port.postMessage({ event: 'started', pid: server.pid } satisfies Reply);
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === ROLE) void driveServer((workerData as { limitMs: number }).limitMs);
