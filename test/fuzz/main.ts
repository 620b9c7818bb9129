// `npm run fuzz -- --cases 10000 [--seed N] [--scale N] [--lsp-every N] [--limit-ms N] [--memory-mb N] [--server-memory-mb N] [--request-ms N] [--only 12,40-45 [--save]]`: a long fuzz
// run with figures, naming the case behind each peak (time, memory). `--case N` replays that one case (and writes it to
// a file). Failing inputs are written to a temporary folder named in the output.
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { REQUEST_LIMIT_MS, runFuzz } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      scale: { type: 'string', default: '2000' },
      'lsp-every': { type: 'string', default: '3' },
      'limit-ms': { type: 'string', default: '5000' },
      'memory-mb': { type: 'string', default: '1536' },
      // The server's analysis runs in a worker bounded by aiLens.maxMemoryPerFile (512 MB) plus what it keeps.
      'server-memory-mb': { type: 'string', default: '1024' },
      'request-ms': { type: 'string', default: String(REQUEST_LIMIT_MS) },
      only: { type: 'string' },
      case: { type: 'string' },
      save: { type: 'boolean', default: false },
    },
  });
  if (values.case !== undefined) {
    // One case, as it ran: the cases before it are still generated (not run), so its id draws the same input.
    values.only = values.case;
    values.save = true;
    if (Number(values.case) >= Number(values.cases)) values.cases = String(Number(values.case) + 1);
  }
  const failureDir = path.join(os.tmpdir(), `ai-lens-fuzz-failures-${values.seed}`);
  const options = {
    seed: Number(values.seed),
    cases: Number(values.cases),
    scale: Number(values.scale),
    lspEvery: Number(values['lsp-every']),
    limitMs: Number(values['limit-ms']),
    memoryLimitMb: Number(values['memory-mb']),
    serverMemoryLimitMb: Number(values['server-memory-mb']),
    requestLimitMs: Number(values['request-ms']),
    failureDir,
    only: values.only ? new Set(values.only.split(',').flatMap((r) => { const [a, b = a] = r.split('-').map(Number); return Array.from({ length: b - a + 1 }, (_, i) => a + i); })) : undefined,
    saveAll: values.save,
    log: (line: string) => console.log(line),
  };
  console.log(`fuzzing: seed ${options.seed}, ${options.cases} cases, scale ${options.scale}, one case in ${options.lspEvery} also through the language server, time limit ${options.limitMs} ms; bounds: requests ${options.requestLimitMs} ms, memory ${options.memoryLimitMb} MB (fuzzer), ${options.serverMemoryLimitMb} MB (server)`);
  const report = await runFuzz(options);
  console.log(
    [
      `cases:                 ${report.cases} (${report.lspCases} also through the language server)`,
      `time:                  ${(report.elapsedMs / 1000).toFixed(1)} s`,
      `slowest file (engine): ${report.slowestMs.toFixed(0)} ms, ${report.slowestCase}`,
      `slowest request (server: a hover sent after the file's open and edit, to its answer): ${report.slowestRequestMs.toFixed(0)} ms, ${report.slowestRequestCase || '-'}`,
      `slowest check (server: open, edit, until the edited version is checked): ${report.slowestCheckMs.toFixed(0)} ms, ${report.slowestCheckCase || '-'}`,
      `analysis worker started again: ${report.workerRestarts} times`,
      `stopped at the time limit with a message: ${report.stoppedAtLimit}`,
      `peak memory (fuzzer and engine): ${report.peakRssMb.toFixed(0)} MB, ${report.peakCase || '-'}`,
      `peak memory (language server):   ${report.serverPeakRssMb?.toFixed(0) ?? '?'} MB, ${report.serverPeakCase || '-'}`,
      `failures:              ${report.failures.length}`,
      ...report.failures.slice(0, 50).map((f) => `  ${f}`),
    ].join('\n'),
  );
  process.exitCode = report.failures.length ? 1 : 0;
}

void main();
