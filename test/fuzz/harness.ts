// Runs mutated and hostile files through the engine (in this process) and the language server (a child process over
// stdio), and checks what must hold for any input: no exception, no failed rule, findings and fixes inside the file,
// the same answer twice, every file within the time limit, memory bounded, and the server still answering.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import type { AnalysisResult } from '../../server/src/engine/types';
import { GENERATORS, loadSeeds } from './corpus';
import { extension, MUTATORS, type FuzzFile } from './mutators';
import { Random } from './random';
import { ServerDriver, type LspPlan } from './server';

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Upper bound for generated sizes; 200 keeps `npm test` quick, long runs use more. */
  scale: number;
  /** Every n-th case also goes to the language server. */
  lspEvery: number;
  /** The analysis time limit given to the engine and the server. */
  limitMs: number;
  /** Peak resident memory allowed, for this process and (unless `serverMemoryLimitMb` says otherwise) for the server. */
  memoryLimitMb: number;
  /** Peak resident memory allowed for the server, its analysis worker included. */
  serverMemoryLimitMb?: number;
  /** The longest a request may wait for its answer from the server (a hover sent after the file's open and edit). */
  requestLimitMs?: number;
  /** Where failing inputs are written, to reproduce them. */
  failureDir?: string;
  /** Runs only these case ids (the others are still generated, so ids stay the same): to reproduce a failure. */
  only?: ReadonlySet<number>;
  /** Also writes every case that runs to `failureDir`, to study it. */
  saveAll?: boolean;
  log?: (line: string) => void;
}

export interface FuzzReport {
  cases: number;
  lspCases: number;
  elapsedMs: number;
  slowestMs: number;
  slowestCase: string;
  /** The slowest hover: from the moment it is sent (after the file's open and edit) to its answer. */
  slowestRequestMs: number;
  slowestRequestCase: string;
  /** The slowest check: from the file's open to the server saying it checked the edited version. */
  slowestCheckMs: number;
  slowestCheckCase: string;
  /** How often the server started its analysis worker again (to give memory back, or after it ran out). */
  workerRestarts: number;
  /** Cases the engine stopped at the time limit (a clear "skipped" message, which is allowed). */
  stoppedAtLimit: number;
  peakRssMb: number;
  /** The case during which this process's peak memory was reached (sampled after each case). */
  peakCase: string;
  serverPeakRssMb: number | undefined;
  /** The case during which the server's peak memory was reached (sampled after each of its round trips). */
  serverPeakCase: string;
  failures: string[];
}

export interface FuzzCase extends FuzzFile {
  id: number;
  recipe: string;
}

/** Time allowed beyond the limit: the parser checks the clock between chunks, and GC may pause at any moment. */
const LIMIT_SLACK_MS = 1500;

/** Default for `requestLimitMs`: requests are answered without waiting for analyses, whatever the file. */
export const REQUEST_LIMIT_MS = 2000;

/**
 * The server analyses each case twice (open, then edit; the edit interrupts the first), each within the limit plus
 * slack, a large file after a pause in typing, and moves megabytes of text through JSON-RPC on a machine the fuzzer
 * itself keeps busy: a check that takes longer than this means it hung.
 */
function serverCheckLimit(limitMs: number): number {
  return 2 * (limitMs + LIMIT_SLACK_MS) + 5000;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const engine = await Engine.create();
  const analysisOptions: AnalysisOptions = { ...DEFAULT_OPTIONS, maxAnalysisMs: options.limitMs };
  const seeds = loadSeeds();
  const donors = seeds.map((s) => s.text);
  const rng = new Random(options.seed);
  const failures: string[] = [];
  const report: FuzzReport = {
    cases: 0,
    lspCases: 0,
    elapsedMs: 0,
    slowestMs: 0,
    slowestCase: '',
    slowestRequestMs: 0,
    slowestRequestCase: '',
    slowestCheckMs: 0,
    slowestCheckCase: '',
    workerRestarts: 0,
    stoppedAtLimit: 0,
    peakRssMb: 0,
    peakCase: '',
    serverPeakRssMb: undefined,
    serverPeakCase: '',
    failures,
  };
  const fail = (c: FuzzCase, reason: string) => {
    const saved = saveFailure(options.failureDir, c);
    failures.push(`${describeCase(c)}: ${reason}${saved ? `; input saved to ${saved}` : ''}`);
    log(`FAIL ${failures[failures.length - 1]}`);
  };

  const server = await ServerDriver.start(options.limitMs, (message) => failures.push(`language server: ${message}`), () => report.workerRestarts++);
  const requestLimitMs = options.requestLimitMs ?? REQUEST_LIMIT_MS;
  // Cases go to the server one at a time, so each round trip measures that case alone; the engine runs meanwhile.
  const queue: { c: FuzzCase; plan: LspPlan }[] = [];
  let worker: Promise<void> | undefined;
  const drain = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { c, plan } = next;
      try {
        const { requestMs, checkMs } = await server.check(c, plan);
        if (requestMs > report.slowestRequestMs) {
          report.slowestRequestMs = requestMs;
          report.slowestRequestCase = describeCase(c);
        }
        if (checkMs > report.slowestCheckMs) {
          report.slowestCheckMs = checkMs;
          report.slowestCheckCase = describeCase(c);
        }
        const serverPeak = server.peakRssMb();
        if (serverPeak !== undefined && serverPeak > (report.serverPeakRssMb ?? 0)) {
          report.serverPeakRssMb = serverPeak;
          report.serverPeakCase = describeCase(c);
        }
        if (requestMs > requestLimitMs) fail(c, `the server took ${requestMs.toFixed(0)} ms to answer a hover (over ${requestLimitMs} ms)`);
        if (checkMs > serverCheckLimit(options.limitMs)) fail(c, `the server took ${checkMs.toFixed(0)} ms to check the file after opening and editing it`);
      } catch (error) {
        fail(c, `language server: ${(error as Error).message}`);
      }
    }
    worker = undefined;
  };
  try {
    for (let id = 0; id < options.cases; id++) {
      const c = makeCase(id, rng, seeds, donors, options.scale);
      const lspPlan = id % options.lspEvery === 0 ? planLspCheck(c, rng) : undefined;
      if (options.only && !options.only.has(id)) continue;
      if (options.saveAll) saveFailure(options.failureDir, c);
      if (process.env.AI_LENS_FUZZ_TRACE) log(`case ${id}: ${c.recipe} (${c.path}, ${c.text.length} chars)`);
      report.cases++;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let result: AnalysisResult;
      try {
        result = engine.analyze({ path: c.path, text: c.text, relativePath: c.path }, analysisOptions);
      } catch (error) {
        fail(c, `analyze threw: ${(error as Error).stack}`);
        continue;
      }
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      if (ms > report.slowestMs) {
        report.slowestMs = ms;
        report.slowestCase = describeCase(c);
      }
      // Wall time includes waiting for a busy machine; the limit is judged on the time the analysis itself used.
      if (ms > options.limitMs + LIMIT_SLACK_MS && cpuMs > options.limitMs + LIMIT_SLACK_MS) fail(c, `took ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms of CPU), over the ${options.limitMs} ms limit`);
      if (result.problems.some((p) => p.kind === 'skipped' && /time limit/.test(p.message))) report.stoppedAtLimit++;
      for (const problem of checkResult(c.text, result)) fail(c, problem);
      // The same input gives the same answer (a parser left in a bad state by an earlier file would not).
      if (id % 7 === 0 && !result.problems.some((p) => /time limit/.test(p.message))) {
        const again = engine.analyze({ path: c.path, text: c.text, relativePath: c.path }, analysisOptions);
        if (!again.problems.some((p) => /time limit/.test(p.message)) && summary(again) !== summary(result)) fail(c, 'a second analysis gave a different result');
      }
      // Fixes applied to broken input must not break the engine either.
      if (id % 5 === 0) {
        for (const finding of result.findings.slice(0, 3)) {
          for (const fix of finding.fixes) {
            try {
              const fixedText = applyEdits(c.text, fix.edits);
              const fixed = engine.analyze({ path: c.path, text: fixedText }, analysisOptions);
              for (const problem of checkResult(fixedText, fixed)) fail(c, `after fix "${fix.title}": ${problem}`);
            } catch (error) {
              fail(c, `analyze threw after fix "${fix.title}": ${(error as Error).stack}`);
            }
          }
        }
      }
      // As in a scan: what is kept for re-analysing a file after an edit goes once the case is done.
      engine.release(c.path);
      if (lspPlan) {
        report.lspCases++;
        queue.push({ c, plan: lspPlan });
        worker ??= drain();
        if (queue.length > 16 || options.only) await worker;
      }
      const peak = process.resourceUsage().maxRSS / 1024;
      if (peak > report.peakRssMb) {
        report.peakRssMb = peak;
        report.peakCase = describeCase(c);
      }
      if (id % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (id > 0 && id % 1000 === 0) log(`${id} cases, ${failures.length} failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await worker;
    await server.stillAnswers();
  } finally {
    await server.stop().catch((error: Error) => failures.push(`language server did not shut down cleanly: ${error.message}`));
  }
  if (report.peakRssMb > options.memoryLimitMb) failures.push(`peak memory ${report.peakRssMb.toFixed(0)} MB is over ${options.memoryLimitMb} MB, reached in ${report.peakCase}`);
  const serverLimitMb = options.serverMemoryLimitMb ?? options.memoryLimitMb;
  if (report.serverPeakRssMb !== undefined && report.serverPeakRssMb > serverLimitMb) {
    failures.push(`language server peak memory ${report.serverPeakRssMb.toFixed(0)} MB is over ${serverLimitMb} MB, reached in ${report.serverPeakCase}`);
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** How a case is named in the report: enough to replay it with `--case`. */
function describeCase(c: FuzzCase): string {
  return `case ${c.id} (${c.recipe}, ${c.path}, ${c.text.length} chars)`;
}

export function makeCase(id: number, rng: Random, seeds: readonly FuzzFile[], donors: readonly string[], scale: number): FuzzCase {
  if (rng.chance(0.12)) {
    const generator = rng.pick(GENERATORS);
    return { id, recipe: generator.name, ...generator.make(rng, scale) };
  }
  const seed = rng.pick(seeds);
  let file: FuzzFile = seed;
  const steps: string[] = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    const applicable = MUTATORS.filter((m) => !m.extensions || m.extensions.includes(extension(file.path)));
    const mutator = rng.pick(applicable);
    file = mutator.apply(file, { rng, scale, donors });
    steps.push(mutator.name);
  }
  return { id, recipe: `${seed.path} + ${steps.join(' + ')}`, ...file };
}

/** What must hold for any result: no rule failed, nothing internal broke, every span and edit lies inside the file. */
function checkResult(text: string, result: AnalysisResult): string[] {
  const problems: string[] = [];
  for (const p of result.problems) {
    if (p.kind === 'rule-error' || /internal error/.test(p.message)) problems.push(`${p.message}\n${p.detail ?? ''}`);
  }
  const inside = (s: { start: number; end: number }) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length;
  for (const f of result.findings) {
    if (!inside(f.span)) problems.push(`${f.ruleId}: finding span ${JSON.stringify(f.span)} outside the file`);
    if (f.range.start.line < 0 || f.range.end.line < f.range.start.line) problems.push(`${f.ruleId}: bad range ${JSON.stringify(f.range)}`);
    for (const fix of f.fixes) {
      const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
      for (const [i, e] of edits.entries()) {
        if (!inside(e.span)) problems.push(`${f.ruleId}: fix "${fix.title}" edits ${JSON.stringify(e.span)} outside the file`);
        if (i > 0 && e.span.start < edits[i - 1].span.end) problems.push(`${f.ruleId}: fix "${fix.title}" has overlapping edits`);
      }
    }
  }
  return [...new Set(problems)];
}

function summary(result: AnalysisResult): string {
  return JSON.stringify([result.findings.map((f) => [f.ruleId, f.span, f.message, f.suppression?.reason, f.fixes.map((x) => x.edits)]), result.problems.map((p) => p.message)]);
}

function applyEdits(text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string {
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  return text;
}

function saveFailure(dir: string | undefined, c: FuzzCase): string | undefined {
  if (!dir) return undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `case-${c.id}${extension(c.path) || '.txt'}`);
    fs.writeFileSync(file, c.text);
    return file;
  } catch {
    return undefined;
  }
}

/** The random parts of a server check, drawn up front so that case generation does not depend on server timing. */
function planLspCheck(c: FuzzFile, rng: Random): LspPlan {
  const lines = c.text.split('\n').length;
  const position = () => ({ line: rng.int(0, lines + 1), character: rng.int(0, 200) });
  const [start, end] = [position(), position()].sort((x, y) => x.line - y.line || x.character - y.character);
  return { change: { range: { start, end }, text: rng.pick(['', 'x', '\n', '"', '(', '\r\n', '😀', '\ud800']) }, hover: position() };
}

