// Starting the language server's analysis worker, and the messages it exchanges with the server. Light on purpose
// (no engine, no LSP library): the server starts its worker first thing, so that the worker loads its code and its
// first grammar while the server loads its own.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Grammar } from '../engine/parsers/treeSitter';
import type { Fix } from '../engine/types';
import type { AnalysisJob, AnalysisOutcome, LateSignals } from './analysisJob';
import { DEFAULT_BOUNDS, overMemoryMessage, type ServerBounds } from './bounds';

export const ANALYSIS_WORKER_ROLE = 'ai-lens-analysis';

/** Loaded by the worker once it has nothing else to do (any grammar loads as soon as a file needs it). */
const IDLE_GRAMMARS: Grammar[] = ['python', 'terraform'];

/** Heap the worker may use beyond the per-file bound, for what it keeps between jobs (grammars, syntax trees of open files). */
const WORKER_BASE_HEAP_MB = 192;

/**
 * The worker's code: in the bundle, the bundle itself (whose entry starts the worker when loaded in one); unbundled,
 * `analysisWorker.js`, which starts itself.
 */
const WORKER_FILE = path.basename(__filename) === 'workerStart.js' ? path.join(__dirname, 'analysisWorker.js') : __filename;

export interface AnalysisWorkerData {
  role: typeof ANALYSIS_WORKER_ROLE;
  /** One Int32: the id of the job to interrupt (set by the server when a newer version of its file arrives). */
  interrupt: SharedArrayBuffer;
  /** Memory (bytes) one analysis may add to the worker's heap and WebAssembly memory. */
  memoryLimitBytes: number;
  overMemoryMessage: string;
  grammars: Grammar[];
}

export type ToWorker =
  | { type: 'analyse'; job: AnalysisJob }
  | { type: 'release'; key: string }
  /** The server's thread does not hold the file's previous outcome: the next one is handed over whole. */
  | { type: 'forget-outcome'; key: string }
  | { type: 'idle' }
  /** The fixes of the findings of job `jobId`'s outcome for `key` (`JobContext.fixes`). */
  | { type: 'fixes'; id: number; key: string; jobId: number }
  | { type: 'measure' }
  | { type: 'terraform-changed'; id: number; path: string; deleted: boolean }
  | { type: 'terraform-var-files'; paths: string[] };

/** What the worker holds: its JavaScript heap in use and its memory outside it (WebAssembly). */
export interface WorkerMemory {
  heapBytes: number;
  externalBytes: number;
}

export type FromWorker =
  | { type: 'ready'; memory: WorkerMemory }
  | { type: 'done'; id: number; outcome: AnalysisOutcome | undefined; memory: WorkerMemory }
  | { type: 'failed'; id: number; message: string; memory: WorkerMemory }
  | { type: 'signals'; late: LateSignals }
  | { type: 'measured'; memory: WorkerMemory }
  | { type: 'fixes'; id: number; fixes: Fix[][] | undefined }
  | { type: 'terraform-stale'; id: number; paths: string[] };

export interface StartedWorker {
  worker: Worker;
  /** Shared with the worker: the id of the job to interrupt. */
  interrupt: Int32Array;
  bounds: ServerBounds;
  /** Hands the worker's messages to `handler`, those that arrived before it first. */
  listen(handler: (message: FromWorker) => void): void;
}

export function startAnalysisWorker(bounds: ServerBounds, interrupt: Int32Array = new Int32Array(new SharedArrayBuffer(4))): StartedWorker {
  const data: AnalysisWorkerData = {
    role: ANALYSIS_WORKER_ROLE,
    interrupt: interrupt.buffer as SharedArrayBuffer,
    memoryLimitBytes: bounds.maxMemoryPerFileMb * 1024 * 1024,
    overMemoryMessage: overMemoryMessage(bounds),
    grammars: IDLE_GRAMMARS,
  };
  const worker = new Worker(WORKER_FILE, {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: bounds.maxMemoryPerFileMb + WORKER_BASE_HEAP_MB },
    // The server may speak LSP on stdout: nothing of the worker's may reach it.
    stdout: true,
    stderr: true,
  });
  const early: FromWorker[] = [];
  const keep = (message: FromWorker) => early.push(message);
  worker.on('message', keep);
  const listen = (handler: (message: FromWorker) => void) => {
    worker.off('message', keep);
    for (const message of early.splice(0)) handler(message);
    worker.on('message', handler);
  };
  return { worker, interrupt, bounds, listen };
}

let early: StartedWorker | undefined;

/** Starts the worker with the default bounds, before the rest of the server is loaded. */
export function startAnalysisWorkerEarly(): void {
  early ??= startAnalysisWorker(DEFAULT_BOUNDS);
}

/** The worker started early, when it was started with `bounds`; one started with others is stopped. */
export function takeEarlyWorker(bounds: ServerBounds): StartedWorker | undefined {
  const taken = early;
  early = undefined;
  if (taken && taken.bounds.maxMemoryPerFileMb !== bounds.maxMemoryPerFileMb) {
    void taken.worker.terminate();
    return undefined;
  }
  return taken;
}
