// `npm run fuzz -- --cases 10000 [--seed N] [--scale N] [--lsp-every N] [--limit-ms N] [--memory-mb N] [--only 12,40-45 [--save]]`: a long fuzz
// run with figures. Failing inputs are written to a temporary folder named in the output.
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      scale: { type: 'string', default: '2000' },
      'lsp-every': { type: 'string', default: '3' },
      'limit-ms': { type: 'string', default: '5000' },
      'memory-mb': { type: 'string', default: '1536' },
      only: { type: 'string' },
      save: { type: 'boolean', default: false },
    },
  });
  const failureDir = path.join(os.tmpdir(), `ai-lens-fuzz-failures-${values.seed}`);
  const options = {
    seed: Number(values.seed),
    cases: Number(values.cases),
    scale: Number(values.scale),
    lspEvery: Number(values['lsp-every']),
    limitMs: Number(values['limit-ms']),
    memoryLimitMb: Number(values['memory-mb']),
    failureDir,
    only: values.only ? new Set(values.only.split(',').flatMap((r) => { const [a, b = a] = r.split('-').map(Number); return Array.from({ length: b - a + 1 }, (_, i) => a + i); })) : undefined,
    saveAll: values.save,
    log: (line: string) => console.log(line),
  };
  console.log(`fuzzing: seed ${options.seed}, ${options.cases} cases, scale ${options.scale}, one case in ${options.lspEvery} also through the language server, time limit ${options.limitMs} ms`);
  const report = await runFuzz(options);
  console.log(
    [
      `cases:                 ${report.cases} (${report.lspCases} also through the language server)`,
      `time:                  ${(report.elapsedMs / 1000).toFixed(1)} s`,
      `slowest file (engine): ${report.slowestMs.toFixed(0)} ms, ${report.slowestCase}`,
      `slowest round trip (server: open, edit, hover, close): ${report.slowestLspMs.toFixed(0)} ms`,
      `stopped at the time limit with a message: ${report.stoppedAtLimit}`,
      `peak memory:           ${report.peakRssMb.toFixed(0)} MB (fuzzer and engine), ${report.serverPeakRssMb?.toFixed(0) ?? '?'} MB (language server)`,
      `failures:              ${report.failures.length}`,
      ...report.failures.slice(0, 50).map((f) => `  ${f}`),
    ].join('\n'),
  );
  process.exitCode = report.failures.length ? 1 : 0;
}

void main();
