// `aiLens/memoryUsage`: what the language server holds, for tests and for troubleshooting. Started with
// `--expose-gc`, the server (and its analysis worker) collects garbage first, so the figures are what is retained.
import type { Connection } from 'vscode-languageserver/node';
import type { Analyser } from './analyser';
import type { WorkerMemory } from './workerStart';

export const MEMORY_USAGE_REQUEST = 'aiLens/memoryUsage';

export interface MemoryUsage {
  /** The thread answering the editor: its JavaScript heap in use, and its memory outside it. */
  server: WorkerMemory;
  /** The analysis worker, when there is one and it is running. */
  worker?: WorkerMemory;
  /** How often the worker was started again (to give memory back, or after it stopped). */
  workerRestarts: number;
  /** True when garbage was collected first (the server runs with --expose-gc). */
  collected: boolean;
}

export function registerMemoryReport(connection: Connection, analyser: Analyser): void {
  connection.onRequest(MEMORY_USAGE_REQUEST, async (): Promise<MemoryUsage> => {
    const worker = await analyser.measure();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const usage = process.memoryUsage();
    return { server: { heapBytes: usage.heapUsed, externalBytes: usage.external }, worker, workerRestarts: analyser.stats.restarts, collected: gc !== undefined };
  });
}
