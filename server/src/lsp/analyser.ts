// Where the language server's analyses run: in a worker thread (`analysisWorker.ts`), so that the thread answering
// the editor never waits for one, one job at a time, open documents before files from disk. A job for a file
// supersedes the one waiting for it, and interrupts the one running for it: the diagnostics of an old version are
// never computed to the end. The worker is started again when it holds more memory than the bound (a large file's
// syntax tree grows the parser's WebAssembly memory, which is never given back otherwise) or when it dies.
import { notRead, type Engine } from '../engine/engine';
import type { FileFacts, Fix } from '../engine/types';
import type { AnalysisJob, AnalysisOutcome, LateSignals } from './analysisJob';
import type { ServerBounds } from './bounds';
import { InThreadRunner, stoppedOutcome, WorkerRunner, type Runner, type RunResult } from './runners';
import type { WorkerMemory } from './workerStart';

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
  /** Resolves with the job's outcome, or with undefined when a newer job for the same file (or `forget`) superseded it. */
  analyse(request: JobRequest, priority: JobPriority): Promise<AnalysisOutcome | undefined>;
  /** Drops the waiting job of a file, interrupts its running one, and forgets what was kept for its next edit. */
  forget(key: string): void;
  /**
   * The fixes of the findings of outcome `jobId` of file `key`, in their order, worked out now; undefined when that is
   * no longer the file's last outcome (a newer one may have been recorded meanwhile) or the worker started again.
   */
  fixes(key: string, jobId: number): Promise<Fix[][] | undefined>;
  /** New bounds: a new memory bound takes a new worker. */
  setBounds(bounds: ServerBounds): void;
  /** A file on disk that no analysis reads changed (a `.tfvars` file): the Terraform files to analyse again. */
  terraformFileChanged(path: string, deleted: boolean): Promise<string[]>;
  /** The variables files the user named (`aiLens.terraform.varFiles`). */
  setTerraformVarFiles(paths: string[]): void;
  /** How often the worker was started again. */
  readonly stats: { restarts: number };
  /** What the worker holds now (after a full collection, when the server runs with --expose-gc); none on this thread. */
  measure(): Promise<WorkerMemory | undefined>;
  dispose(): Promise<void>;
}

/**
 * How long the queue stays empty before the worker collects open documents' review signals: not between two
 * keystrokes, where it would delay the next one's diagnostics (the review reads them later).
 */
const IDLE_AFTER_MS = 400;

interface Queued {
  job: AnalysisJob;
  priority: JobPriority;
  resolve(outcome: AnalysisOutcome | undefined): void;
}

/**
 * The analyser of a language server: a worker running the shipped rules, or, for a server started with other rules
 * (tests), the server's own thread (jobs still queue, supersede and report alike, but run to the end once started).
 */
export function createAnalyser(engine: Promise<Engine>, bounds: ServerBounds, events: AnalyserEvents, options: { worker: boolean; forWorkspace: (facts: FileFacts, text: string) => FileFacts }): Analyser {
  return new JobQueue(bounds, events, options.worker ? new WorkerRunner(events) : new InThreadRunner(engine, options.forWorkspace));
}

class JobQueue implements Analyser {
  private readonly waiting: Queued[] = [];
  private running: Queued | undefined;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  readonly stats = { restarts: 0 };

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
    const unread = notRead({ path: request.path, text: request.text, language: request.language, cells: request.cells }, request.options);
    if (unread) return Promise.resolve({ id: this.nextId++, key: request.key, result: unread, ms: 0 });
    this.stopIdleTimer();
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

  fixes(key: string, jobId: number): Promise<Fix[][] | undefined> {
    return this.runner.fixes(key, jobId);
  }

  terraformFileChanged(path: string, deleted: boolean): Promise<string[]> {
    return this.runner.terraformFileChanged(path, deleted);
  }

  setTerraformVarFiles(paths: string[]): void {
    this.runner.setTerraformVarFiles(paths);
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
    this.stopIdleTimer();
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
      this.startIdleTimer();
      return;
    }
    this.running = queued;
    this.events.started?.(queued.job);
    void this.runner.run(queued.job, this.bounds, (late) => this.events.signals(late)).then(
      (result) => this.finish(queued, result),
      (error: Error) => this.finish(queued, { outcome: stoppedOutcome(queued.job, error.message), restart: `it failed: ${error.message}` }),
    );
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.running && !this.restarting && this.waiting.length === 0) this.runner.idle();
    }, IDLE_AFTER_MS);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private finish(queued: Queued, result: RunResult): void {
    this.running = undefined;
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
