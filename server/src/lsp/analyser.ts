// Where the language server's analyses run: in a worker thread (`analysisWorker.ts`), so that the thread answering
// the editor never waits for one, one job at a time, open documents before files from disk. A job for a file
// supersedes the one waiting for it, and interrupts the one running for it: the diagnostics of an old version are
// never computed to the end. The worker is started again when it holds more memory than the bound (a large file's
// syntax tree grows the parser's WebAssembly memory, which is never given back otherwise) or when it dies.
import type { Worker } from 'node:worker_threads';
import { Engine, notRead } from '../engine/engine';
import type { FileFacts } from '../engine/types';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { runAnalysisJob, type AnalysisJob, type AnalysisOutcome, type LateSignals } from './analysisJob';
import { overMemoryMessage, type ServerBounds } from './bounds';
import { startAnalysisWorker, takeEarlyWorker, type FromWorker, type ToWorker, type WorkerMemory } from './workerStart';

export type JobRequest = Omit<AnalysisJob, 'id'>;

/** Open documents go first: someone is looking at them. */
export type JobPriority = 'document' | 'disk';

export interface AnalyserEvents {
  /** A job starts running. */
  started?(job: AnalysisJob): void;
  /** Review signals of an open document, collected once the worker had nothing else to do. */
  signals(late: LateSignals): void;
  log(message: string): void;
}

export interface Analyser {
  /** Resolves with the job's outcome, or with undefined when a newer job for the same file (or `cancel`) superseded it. */
  analyse(request: JobRequest, priority: JobPriority): Promise<AnalysisOutcome | undefined>;
  /** Drops the waiting job of a file, interrupts its running one, and forgets what was kept for its next edit. */
  forget(key: string): void;
  /** True while a job for the file waits or runs. */
  pending(key: string): boolean;
  /** New bounds: a new memory bound takes a new worker. */
  setBounds(bounds: ServerBounds): void;
  /** How often the worker was started again, and what it held after its last job. */
  readonly stats: { restarts: number; memory: WorkerMemory | undefined };
  /** What the worker holds now (after a full collection, when the server runs with --expose-gc); none on this thread. */
  measure(): Promise<WorkerMemory | undefined>;
  dispose(): Promise<void>;
}

interface Queued {
  job: AnalysisJob;
  priority: JobPriority;
  resolve(outcome: AnalysisOutcome | undefined): void;
}

/** A worker that dies this many times in a row before it is ready is not started again: the server's own thread analyses. */
const MAX_FAILED_STARTS = 3;

/**
 * The analyser of a language server: a worker running the shipped rules, or, for a server started with other rules
 * (tests), the server's own thread (jobs still queue, supersede and report alike, but run to the end once started).
 */
export function createAnalyser(engine: Promise<Engine>, bounds: ServerBounds, events: AnalyserEvents, options: { worker: boolean; forWorkspace: (facts: FileFacts) => FileFacts }): Analyser {
  return new JobQueue(bounds, events, options.worker ? new WorkerRunner(events) : new InThreadRunner(engine, options.forWorkspace));
}

/** Runs one job at a time somewhere. */
interface Runner {
  start(bounds: ServerBounds): void;
  run(job: AnalysisJob, bounds: ServerBounds, onSignals: (late: LateSignals) => void): Promise<RunResult>;
  interrupt(jobId: number): void;
  release(key: string): void;
  idle(): void;
  measure(): Promise<WorkerMemory | undefined>;
  stop(): Promise<void>;
}

interface RunResult {
  outcome: AnalysisOutcome | undefined;
  /** What the worker held after the job. */
  memory?: WorkerMemory;
  /** Set when the runner must be started again before the next job: why. */
  restart?: string;
  /** Set when the job did not run at all (the worker did not start): it runs again after the restart. */
  retry?: boolean;
}

class JobQueue implements Analyser {
  private readonly waiting: Queued[] = [];
  private running: Queued | undefined;
  private nextId = 1;
  readonly stats: { restarts: number; memory: WorkerMemory | undefined } = { restarts: 0, memory: undefined };

  constructor(
    private bounds: ServerBounds,
    private readonly events: AnalyserEvents,
    private readonly runner: Runner,
  ) {
    runner.start(bounds);
  }

  analyse(request: JobRequest, priority: JobPriority): Promise<AnalysisOutcome | undefined> {
    this.supersede(request.key);
    // A text too large or binary to read is not worth sending to the worker (it may be tens of megabytes).
    const unread = notRead(request.text, request.options);
    if (unread) return Promise.resolve({ id: this.nextId++, key: request.key, result: unread, ms: 0 });
    return new Promise((resolve) => {
      const queued: Queued = { job: { ...request, id: this.nextId++ }, priority, resolve };
      // Documents go after the documents already waiting, before every file from disk.
      const at = priority === 'document' ? this.waiting.findIndex((q) => q.priority === 'disk') : -1;
      if (at === -1) this.waiting.push(queued);
      else this.waiting.splice(at, 0, queued);
      this.next();
    });
  }

  forget(key: string): void {
    this.supersede(key);
    this.runner.release(key);
  }

  pending(key: string): boolean {
    return this.running?.job.key === key || this.waiting.some((q) => q.job.key === key);
  }

  async measure(): Promise<WorkerMemory | undefined> {
    await this.restarting;
    return this.runner.measure();
  }

  setBounds(bounds: ServerBounds): void {
    const restart = bounds.maxMemoryPerFileMb !== this.bounds.maxMemoryPerFileMb;
    this.bounds = bounds;
    if (restart) void this.restart('the memory bound changed');
  }

  async dispose(): Promise<void> {
    for (const queued of this.waiting.splice(0)) queued.resolve(undefined);
    await this.runner.stop();
  }

  private supersede(key: string): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (this.waiting[i].job.key !== key) continue;
      this.waiting[i].resolve(undefined);
      this.waiting.splice(i, 1);
    }
    if (this.running?.job.key === key) this.runner.interrupt(this.running.job.id);
  }

  private restarting: Promise<void> | undefined;

  private async restart(reason: string): Promise<void> {
    this.events.log(`analysis worker: starting again (${reason})`);
    this.stats.restarts++;
    this.restarting = (async () => {
      await this.runner.stop();
      this.runner.start(this.bounds);
    })();
    await this.restarting;
    this.restarting = undefined;
    this.next();
  }

  private next(): void {
    if (this.running || this.restarting) return;
    const queued = this.waiting.shift();
    if (!queued) {
      this.runner.idle();
      return;
    }
    this.running = queued;
    this.events.started?.(queued.job);
    void this.runner.run(queued.job, this.bounds, (late) => this.events.signals(late)).then(
      (result) => this.finish(queued, result),
      (error: Error) => this.finish(queued, { outcome: stoppedOutcome(queued.job, error.message), restart: `it failed: ${error.message}` }),
    );
  }

  private finish(queued: Queued, result: RunResult): void {
    this.running = undefined;
    if (result.memory) this.stats.memory = result.memory;
    if (result.retry) this.waiting.unshift(queued);
    else queued.resolve(result.outcome);
    const over = result.memory && holdsTooMuch(result.memory, this.bounds);
    if (result.restart) void this.restart(result.restart);
    else if (over) void this.restart(over);
    else this.next();
  }
}

/**
 * Why the worker should start again after a job, if it should: the parser's WebAssembly memory grows to what the
 * largest file needed and is never given back, so beyond half the per-file bound it is given back by a new worker;
 * a heap over the whole bound (what it keeps between jobs, and garbage not yet collected) goes the same way.
 */
function holdsTooMuch(memory: WorkerMemory, bounds: ServerBounds): string | undefined {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const bound = bounds.maxMemoryPerFileMb * 1024 * 1024;
  if (memory.externalBytes > bound / 2) return `its parsers hold ${mb(memory.externalBytes)} MB, more than half of aiLens.maxMemoryPerFile`;
  if (memory.heapBytes > bound) return `its heap holds ${mb(memory.heapBytes)} MB, more than aiLens.maxMemoryPerFile`;
  return undefined;
}

/** Jobs in a worker thread, with the per-file memory bound on its heap and on its WebAssembly memory. */
class WorkerRunner implements Runner {
  private worker: Worker | undefined;
  private ready: Promise<boolean> | undefined;
  private interruptFlag: Int32Array | undefined;
  private current: { job: AnalysisJob; resolve(result: RunResult): void } | undefined;
  private failedStarts = 0;
  private fallback: InThreadRunner | undefined;
  private onSignals: (late: LateSignals) => void = () => {};
  private measured: ((memory: WorkerMemory | undefined) => void)[] = [];

  constructor(private readonly events: AnalyserEvents) {}

  start(bounds: ServerBounds): void {
    // The first worker was started before the server loaded (main.ts), unless the settings changed its bounds.
    const started = takeEarlyWorker(bounds) ?? startAnalysisWorker(bounds, this.interruptFlag);
    const worker = started.worker;
    this.worker = worker;
    this.interruptFlag = started.interrupt;
    worker.stdout.on('data', (d) => this.events.log(`analysis worker: ${String(d).trimEnd()}`));
    worker.stderr.on('data', (d) => this.events.log(`analysis worker: ${String(d).trimEnd()}`));
    this.ready = new Promise<boolean>((resolve) => {
      started.listen((message: FromWorker) => {
        if (message.type === 'ready') {
          this.failedStarts = 0;
          resolve(true);
        } else if (message.type === 'signals') this.onSignals(message.late);
        else if (message.type === 'measured') this.measured.shift()?.(message.memory);
        else if (message.id === this.current?.job.id) {
          if (message.type === 'failed') this.events.log(`analysis failed: ${message.message}`);
          this.settle({ outcome: message.type === 'done' ? message.outcome : stoppedOutcome(this.current.job, message.message), memory: message.memory });
        }
      });
      // Out of memory (over the bound set as the worker's heap limit), or a failure of its own: the file being
      // analysed says so, and the worker starts again for the next one.
      worker.on('error', (error: Error & { code?: string }) => {
        this.events.log(`analysis worker stopped: ${error.stack ?? error.message}`);
        const job = this.current?.job;
        if (job) this.settle({ outcome: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? overMemoryOutcome(job, bounds) : stoppedOutcome(job, error.message), restart: error.code ?? error.message });
      });
      worker.on('exit', (code) => {
        resolve(false);
        if (this.worker !== worker) return; // stopped on purpose
        this.worker = undefined;
        const job = this.current?.job;
        if (job) this.settle({ outcome: stoppedOutcome(job, `exit code ${code}`), restart: `it exited with code ${code}` });
      });
    });
  }

  private settle(result: RunResult): void {
    const current = this.current;
    this.current = undefined;
    current?.resolve(result);
  }

  async run(job: AnalysisJob, bounds: ServerBounds, onSignals: (late: LateSignals) => void): Promise<RunResult> {
    this.onSignals = onSignals;
    if (this.fallback) return this.fallback.run(job, bounds, onSignals);
    const worker = this.worker;
    if (!worker) return { outcome: undefined, restart: 'it is not running', retry: true };
    if (!(await this.ready)) {
      if (this.worker !== worker) return { outcome: undefined, retry: true }; // replaced meanwhile: the job runs in the new one
      if (++this.failedStarts >= MAX_FAILED_STARTS) {
        this.events.log(`analysis worker: could not start ${MAX_FAILED_STARTS} times; analysing on the server's own thread`);
        this.fallback = new InThreadRunner(undefined, undefined);
        return this.fallback.run(job, bounds, onSignals);
      }
      return { outcome: undefined, restart: 'it did not start', retry: true };
    }
    return new Promise<RunResult>((resolve) => {
      this.current = { job, resolve };
      worker.postMessage({ type: 'analyse', job } satisfies ToWorker);
    });
  }

  interrupt(jobId: number): void {
    if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, jobId);
  }

  release(key: string): void {
    this.worker?.postMessage({ type: 'release', key } satisfies ToWorker);
    this.fallback?.release(key);
  }

  idle(): void {
    this.worker?.postMessage({ type: 'idle' } satisfies ToWorker);
    this.fallback?.idle();
  }

  async measure(): Promise<WorkerMemory | undefined> {
    const worker = this.worker;
    if (!worker || !(await this.ready)) return undefined;
    return new Promise((resolve) => {
      this.measured.push(resolve);
      worker.postMessage({ type: 'measure' } satisfies ToWorker);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    // A job stopped with its worker runs again in the next one.
    if (this.current) this.settle({ outcome: undefined, retry: true });
    for (const resolve of this.measured.splice(0)) resolve(undefined);
    await worker?.terminate();
  }
}

function overMemoryOutcome(job: AnalysisJob, bounds: ServerBounds): AnalysisOutcome {
  return skippedOutcome(job, overMemoryMessage(bounds));
}

function stoppedOutcome(job: AnalysisJob, reason: string): AnalysisOutcome {
  return skippedOutcome(job, `skipped: internal error: the analysis stopped (${reason.split('\n')[0]}); please report it`);
}

function skippedOutcome(job: AnalysisJob, message: string): AnalysisOutcome {
  return { id: job.id, key: job.key, result: { language: job.language, findings: [], problems: [{ kind: 'skipped', message }] }, ms: 0 };
}

/** Jobs on the server's own thread: for a server started with rules of its own (tests), and when no worker starts. */
class InThreadRunner implements Runner {
  private readonly late = new Map<string, () => LateSignals>();
  private interrupted = 0;
  private onSignals: (late: LateSignals) => void = () => {};

  constructor(
    private engine: Promise<Engine> | undefined,
    private forWorkspace: ((facts: FileFacts) => FileFacts) | undefined,
  ) {}

  start(): void {}

  async run(job: AnalysisJob, bounds: ServerBounds, onSignals: (late: LateSignals) => void): Promise<RunResult> {
    this.onSignals = onSignals;
    // A fallback engine loads the shipped rules and every grammar the first time it is needed.
    this.engine ??= Engine.create();
    const engine = await this.engine;
    this.forWorkspace ??= keepForWorkspace(engine.rules);
    const grammar = engine.missingGrammar({ path: job.path, text: job.text, language: job.language });
    if (grammar) await engine.loadGrammars([grammar]);
    // Let messages that arrived meanwhile (a newer version of this file) be read first.
    await new Promise((resolve) => setImmediate(resolve));
    this.late.delete(job.key);
    const interruption = () => (this.interrupted === job.id ? ('superseded' as const) : undefined);
    return { outcome: runAnalysisJob(engine, job, this.forWorkspace!, interruption, overMemoryMessage(bounds), (collect) => this.late.set(job.key, collect)) };
  }

  interrupt(jobId: number): void {
    this.interrupted = jobId;
  }

  release(key: string): void {
    this.late.delete(key);
    void this.engine?.then((engine) => engine.release(key));
  }

  idle(): void {
    for (const [key, collect] of this.late) {
      this.late.delete(key);
      this.onSignals(collect());
    }
  }

  async measure(): Promise<undefined> {
    return undefined;
  }

  async stop(): Promise<void> {}
}
