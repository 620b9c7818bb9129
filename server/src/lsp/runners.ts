// Where one analysis job runs: in the analysis worker (`analysisWorker.ts`, started by `workerStart.ts`), or on the
// server's own thread (a server started with rules of its own, as tests do, or when no worker starts). `analyser.ts`
// queues the jobs and hands them here one at a time.
import type { Worker } from 'node:worker_threads';
import { Engine } from '../engine/engine';
import type { FileFacts, Fix } from '../engine/types';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { JobContext, type AnalysisJob, type AnalysisOutcome, type LateSignals } from './analysisJob';
import { HandoverReader } from './handover';
import { overMemoryMessage, type ServerBounds } from './bounds';
import { startAnalysisWorker, takeEarlyWorker, type FromWorker, type ToWorker, type WorkerMemory } from './workerStart';

/** Runs one job at a time somewhere. */
export interface Runner {
  start(bounds: ServerBounds): void;
  run(job: AnalysisJob, bounds: ServerBounds, onSignals: (late: LateSignals) => void): Promise<RunResult>;
  interrupt(jobId: number): void;
  /** The fixes of the findings of job `jobId`'s outcome for `key`, in order; undefined when they are no longer known. */
  fixes(key: string, jobId: number): Promise<Fix[][] | undefined>;
  release(key: string): void;
  idle(): void;
  measure(): Promise<WorkerMemory | undefined>;
  /** A file on disk that no analysis reads changed (a `.tfvars` file): the Terraform files to analyse again. */
  terraformFileChanged(path: string, deleted: boolean): Promise<string[]>;
  /** The variables files the user named (`aiLens.terraform.varFiles`). */
  setTerraformVarFiles(paths: string[]): void;
  stop(): Promise<void>;
}

export interface RunResult {
  outcome: AnalysisOutcome | undefined;
  /** What the worker held after the job. */
  memory?: WorkerMemory;
  /** Set when the runner must be started again before the next job: why. */
  restart?: string;
  /** Set when the job did not run at all (the worker did not start): it runs again after the restart. */
  retry?: boolean;
}

/** A worker that dies this many times in a row before it is ready is not started again: the server's own thread analyses. */
const MAX_FAILED_STARTS = 3;

/** Jobs in a worker thread, with the per-file memory bound on its heap and on its WebAssembly memory. */
export class WorkerRunner implements Runner {
  private worker: Worker | undefined;
  private ready: Promise<boolean> | undefined;
  private interruptFlag: Int32Array | undefined;
  private current: { job: AnalysisJob; resolve(result: RunResult): void } | undefined;
  private failedStarts = 0;
  private fallback: InThreadRunner | undefined;
  private onSignals: (late: LateSignals) => void = () => {};
  private measured: ((memory: WorkerMemory | undefined) => void)[] = [];
  private readonly terraformStale = new Map<number, (paths: string[]) => void>();
  private readonly fixesAsked = new Map<number, (fixes: Fix[][] | undefined) => void>();
  /** Open documents' last outcomes, which the worker writes the next ones against. */
  private readonly handover = new HandoverReader();
  private nextRequest = 1;
  /** Sent to every worker started: a new one reads them again. */
  private varFiles: string[] = [];

  constructor(private readonly events: { log(message: string): void }) {}

  start(bounds: ServerBounds): void {
    // The first worker was started before the server loaded (main.ts), unless the settings changed its bounds.
    const started = takeEarlyWorker(bounds) ?? startAnalysisWorker(bounds, this.interruptFlag);
    const worker = started.worker;
    this.worker = worker;
    this.interruptFlag = started.interrupt;
    worker.stdout.on('data', (d) => this.events.log(`analysis worker: ${String(d).trimEnd()}`));
    worker.stderr.on('data', (d) => this.events.log(`analysis worker: ${String(d).trimEnd()}`));
    if (this.varFiles.length) worker.postMessage({ type: 'terraform-var-files', paths: this.varFiles } satisfies ToWorker);
    this.ready = new Promise<boolean>((resolve) => {
      started.listen((message: FromWorker) => {
        if (message.type === 'ready') {
          this.failedStarts = 0;
          resolve(true);
        } else if (message.type === 'signals') this.onSignals(message.late);
        else if (message.type === 'measured') this.measured.shift()?.(message.memory);
        else if (message.type === 'terraform-stale') {
          this.terraformStale.get(message.id)?.(message.paths);
          this.terraformStale.delete(message.id);
        } else if (message.type === 'fixes') {
          this.fixesAsked.get(message.id)?.(message.fixes);
          this.fixesAsked.delete(message.id);
        }
        else if (message.id === this.current?.job.id) {
          if (message.type === 'failed') this.events.log(`analysis failed: ${message.message}`);
          if (message.type === 'failed' || !message.outcome) this.settle({ outcome: message.type === 'done' ? undefined : stoppedOutcome(this.current.job, message.message), memory: message.memory });
          else this.received(worker, message.outcome, message.memory);
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
        this.forgetFixesAsked();
        const job = this.current?.job;
        if (job) this.settle({ outcome: stoppedOutcome(job, `exit code ${code}`), restart: `it exited with code ${code}` });
      });
    });
  }

  /**
   * An outcome as the worker handed it over (`handover.ts`). One written against an outcome this thread does not hold
   * (a race with `release`) is asked for again, whole.
   */
  private received(worker: Worker, outcome: AnalysisOutcome, memory: WorkerMemory): void {
    const whole = this.handover.read(outcome);
    if (whole) return this.settle({ outcome: whole, memory });
    worker.postMessage({ type: 'forget-outcome', key: outcome.key } satisfies ToWorker);
    this.settle({ outcome: undefined, memory, retry: true });
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

  async fixes(key: string, jobId: number): Promise<Fix[][] | undefined> {
    if (this.fallback) return this.fallback.fixes(key, jobId);
    const worker = this.worker;
    if (!worker || !(await this.ready)) return undefined;
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.fixesAsked.set(id, resolve);
      worker.postMessage({ type: 'fixes', id, key, jobId } satisfies ToWorker);
    });
  }

  /** A new worker knows no outcome: fixes asked of the old one are not known. */
  private forgetFixesAsked(): void {
    for (const resolve of this.fixesAsked.values()) resolve(undefined);
    this.fixesAsked.clear();
  }

  release(key: string): void {
    this.handover.forget(key);
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

  async terraformFileChanged(path: string, deleted: boolean): Promise<string[]> {
    if (this.fallback) return this.fallback.terraformFileChanged(path, deleted);
    const worker = this.worker;
    if (!worker || !(await this.ready)) return [];
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.terraformStale.set(id, resolve);
      worker.postMessage({ type: 'terraform-changed', id, path, deleted } satisfies ToWorker);
    });
  }

  setTerraformVarFiles(paths: string[]): void {
    this.varFiles = paths;
    this.worker?.postMessage({ type: 'terraform-var-files', paths } satisfies ToWorker);
    this.fallback?.setTerraformVarFiles(paths);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    // A job stopped with its worker runs again in the next one.
    if (this.current) this.settle({ outcome: undefined, retry: true });
    for (const resolve of this.measured.splice(0)) resolve(undefined);
    // A new worker reads the workspace again: nothing it knew of is stale.
    for (const resolve of this.terraformStale.values()) resolve([]);
    this.terraformStale.clear();
    this.forgetFixesAsked();
    await worker?.terminate();
  }
}

function overMemoryOutcome(job: AnalysisJob, bounds: ServerBounds): AnalysisOutcome {
  return skippedOutcome(job, overMemoryMessage(bounds));
}

export function stoppedOutcome(job: AnalysisJob, reason: string): AnalysisOutcome {
  return skippedOutcome(job, `skipped: internal error: the analysis stopped (${reason.split('\n')[0]}); please report it`);
}

function skippedOutcome(job: AnalysisJob, message: string): AnalysisOutcome {
  return { id: job.id, key: job.key, result: { language: job.language, findings: [], problems: [{ kind: 'skipped', message }] }, ms: 0 };
}

/** Jobs on the server's own thread: for a server started with rules of its own (tests), and when no worker starts. */
export class InThreadRunner implements Runner {
  private readonly late = new Map<string, () => LateSignals>();
  private interrupted = 0;
  private onSignals: (late: LateSignals) => void = () => {};
  private context: Promise<JobContext> | undefined;
  /** Variables files named since the last job. */
  private varFiles: string[] | undefined;

  constructor(
    private readonly engine: Promise<Engine> | undefined,
    private readonly forWorkspace: ((facts: FileFacts, text: string) => FileFacts) | undefined,
  ) {}

  start(): void {}

  /** A fallback engine loads the shipped rules and every grammar the first time it is needed. */
  private jobContext(): Promise<JobContext> {
    this.context ??= (this.engine ?? Engine.create()).then((engine) => new JobContext(engine, this.forWorkspace ?? keepForWorkspace(engine.rules)));
    return this.context;
  }

  async run(job: AnalysisJob, bounds: ServerBounds, onSignals: (late: LateSignals) => void): Promise<RunResult> {
    this.onSignals = onSignals;
    const context = await this.jobContext();
    const engine = context.engine;
    if (this.varFiles) {
      await context.setTerraformVarFiles(this.varFiles);
      this.varFiles = undefined;
    }
    const grammar = engine.missingGrammar({ path: job.path, text: job.text, language: job.language });
    if (grammar) await engine.loadGrammars([grammar]);
    // Let messages that arrived meanwhile (a newer version of this file) be read first.
    await new Promise((resolve) => setImmediate(resolve));
    this.late.delete(job.key);
    const interruption = () => (this.interrupted === job.id ? ('superseded' as const) : undefined);
    const outcome = context.run(job, interruption, overMemoryMessage(bounds), (collect) => this.late.set(job.key, collect));
    // A copy, as a worker's outcome is: what is kept of the file's facts shares objects with them, and the file's next
    // analysis moves them in place (`engine/extract/pythonShift.ts`).
    return { outcome: outcome && structuredClone(outcome) };
  }

  interrupt(jobId: number): void {
    this.interrupted = jobId;
  }

  async fixes(key: string, jobId: number): Promise<Fix[][] | undefined> {
    return this.context && (await this.context).fixes(key, jobId);
  }

  release(key: string): void {
    this.late.delete(key);
    void this.context?.then((context) => context.release(key));
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

  async terraformFileChanged(path: string, deleted: boolean): Promise<string[]> {
    return (await this.jobContext()).terraformFileChanged(path, deleted);
  }

  /** Read before the next job (the engine may still be loading). */
  setTerraformVarFiles(paths: string[]): void {
    this.varFiles = paths;
  }

  async stop(): Promise<void> {}
}
