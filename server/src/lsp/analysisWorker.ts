// The language server's analysis worker: a worker thread that holds the parsers and runs one file's analysis at a
// time, so that the thread answering the editor never waits for one. Jobs come from `analyser.ts`, one at a time;
// a job is interrupted when a newer version of its file supersedes it (a flag in shared memory) or when it needs
// more memory than the bound. Loaded as a worker, this module starts itself.
import * as v8 from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine/engine';
import { RULES } from '../engine/rules';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { JobContext, type AnalysisJob, type Interruption, type LateSignals } from './analysisJob';
import { HandoverWriter } from './handover';
import { ANALYSIS_WORKER_ROLE, type AnalysisWorkerData, type FromWorker, type ToWorker, type WorkerMemory } from './workerStart';

/** Memory is read every this many interruption checks (each check is one clock read in the engine). */
const MEMORY_CHECK_EVERY = 16;

function memory(): WorkerMemory {
  const heap = v8.getHeapStatistics();
  return { heapBytes: heap.used_heap_size, externalBytes: heap.external_memory };
}

async function runWorker(data: AnalysisWorkerData): Promise<void> {
  const port = parentPort!;
  const send = (message: FromWorker) => port.postMessage(message);
  // Ready before any grammar is compiled: the first file waits for its own grammar only.
  const engine = await Engine.create(RULES, []);
  const context = new JobContext(engine, keepForWorkspace(engine.rules));
  const interrupt = new Int32Array(data.interrupt);
  /** Open documents' outcomes as handed over last: the next one is written against them. */
  const handover = new HandoverWriter();
  /** Review signals of open documents, collected when the server has nothing else for the worker. */
  const lateSignals = new Map<string, () => LateSignals>();

  const analyse = async (job: AnalysisJob) => {
    lateSignals.delete(job.key);
    try {
      const grammar = engine.missingGrammar({ path: job.path, text: job.text, language: job.language });
      if (grammar) await engine.loadGrammars([grammar]);
      const start = memory();
      const grown = () => {
        const now = memory();
        return now.heapBytes + now.externalBytes - start.heapBytes - start.externalBytes > data.memoryLimitBytes;
      };
      let checks = 0;
      let overMemory = false;
      const interruption = (): Interruption => {
        if (Atomics.load(interrupt, 0) === job.id) return 'superseded';
        if (!overMemory && ++checks % MEMORY_CHECK_EVERY === 0) overMemory = grown();
        return overMemory ? 'memory' : undefined;
      };
      let outcome = context.run(job, interruption, data.overMemoryMessage, (collect) => lateSignals.set(job.key, collect));
      // A file may have taken its memory between two checks (one long parse): it is over the bound all the same.
      if (outcome && !overMemory && grown()) {
        overMemory = true;
        lateSignals.delete(job.key);
        outcome = { ...outcome, result: { language: outcome.result.language, findings: [], problems: [{ kind: 'skipped', message: data.overMemoryMessage }] }, signature: undefined };
      }
      // A file that took too much memory keeps nothing for its next edit.
      if (overMemory) context.release(job.key);
      send({ type: 'done', id: job.id, outcome: outcome && handover.write(outcome, job.open), memory: memory() });
    } catch (error) {
      send({ type: 'failed', id: job.id, message: (error as Error).stack ?? String(error), memory: memory() });
    }
  };

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'analyse':
        void analyse(message.job);
        break;
      case 'release':
        lateSignals.delete(message.key);
        handover.forget(message.key);
        context.release(message.key);
        break;
      case 'fixes':
        send({ type: 'fixes', id: message.id, fixes: context.fixes(message.key, message.jobId) });
        break;
      case 'forget-outcome':
        handover.forget(message.key);
        break;
      case 'terraform-changed':
        void context.terraformFileChanged(message.path, message.deleted).then((paths) => send({ type: 'terraform-stale', id: message.id, paths }));
        break;
      case 'terraform-var-files':
        void context.setTerraformVarFiles(message.paths);
        break;
      case 'measure':
        // After a full collection when the server runs with --expose-gc (tests): what is retained, not what is garbage.
        (globalThis as { gc?: () => void }).gc?.();
        send({ type: 'measured', memory: memory() });
        break;
      case 'idle':
        for (const [key, collect] of lateSignals) {
          lateSignals.delete(key);
          send({ type: 'signals', late: collect() });
        }
        void engine.loadGrammars(data.grammars);
        break;
    }
  });
  send({ type: 'ready', memory: memory() });
}

if (!isMainThread && (workerData as AnalysisWorkerData | undefined)?.role === ANALYSIS_WORKER_ROLE) void runWorker(workerData as AnalysisWorkerData);
