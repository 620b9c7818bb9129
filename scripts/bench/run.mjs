// `npm run bench [-- --json] [-- --profile DIR]`: generates the benchmark inputs in a temporary folder and measures
//   - per-edit latency through the real language server over stdio (didChange of one character → publishDiagnostics)
//     on 3,000-line Python, Terraform and TypeScript files,
//   - hover and code-action latency while a 50,000-line Python file is typed into (scripts/bench/largeFile.mjs),
//   - cold start (process start → first diagnostics for an opened file),
//   - CLI workspace scans of two 2,400-file trees, the dense one (every file uses AI) and the realistic one (~15 % do,
//     realistic.mjs; with notebooks), each against a bare parse of the same files (files/s, MB/s, peak RSS),
//   - the scan of each tree's Python files against `bandit -r` and, where a `ruff` binary is on PATH,
//     `ruff check --select S --no-cache` on the same files,
//   - the dense tree's Python code as Jupyter notebooks: their scan against the `.py` scan (and the JSON read alone),
//     and the per-edit latency in a 100-cell notebook (the 3,000-line module in cells) over LSP notebook sync.
// Prints a table, or one JSON object with --json whose top-level `editP95Ms`, `scanOverParse`, `banditOverAiLens`,
// `aiLensOverRuff`, `coldStartMs` and `peakRssMb` name each target's figure. Not part of `npm test`. `--only
// edits-terraform` (edits-python, edits-typescript, edits-notebook) measures that edit latency alone, with `--profile
// DIR` a CPU profile of the server during it; `--only cold-start` the cold starts alone; `--only large-file` the 50,000-line file alone; `--only scans` the two trees'
// ratios; `--only notebooks` the notebook figures alone (with `--files N` for smaller trees).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, DEFAULT_TREE_FILES, pythonFile, rng, terraformFile, typeScriptFile, writeTree } from './generate.mjs';
import { LARGE_FILE_LINES, largeFileResponsiveness } from './largeFile.mjs';
import { splitIntoCells, writeNotebookTree } from './notebooks.mjs';
import { writeRealisticTree } from './realistic.mjs';
import { formatSummary, summarizeProfile } from './profile-summary.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'ai-lens.js');
const PROBE = path.join(ROOT, 'scripts', 'bench', 'probe.cjs');
const BARE_PARSE = path.join(ROOT, 'scripts', 'bench', 'bare-parse.mjs');
const NOTEBOOKS = path.join(ROOT, 'scripts', 'bench', 'notebooks.mjs');
const require = createRequire(import.meta.url);
const {
  createProtocolConnection,
  DidChangeNotebookDocumentNotification,
  DidChangeTextDocumentNotification,
  DidOpenNotebookDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

export const TARGETS = {
  editP95Ms: 10,
  editP50Ms: 5,
  coldStartMs: 500,
  scanOverParse: { dense: 1.3, realistic: 0.5 },
  scanPeakRssMB: 300,
  banditOverAiLens: { dense: 4, realistic: 10 },
  aiLensOverRuff: { realistic: 5 },
  notebookScanToPython: 1.2,
  largeFileRequestMs: 100,
};
const TREES = ['dense', 'realistic'];
const EDIT_LANGUAGES = ['python', 'terraform', 'typescript'];

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    edits: { type: 'string', default: '250' },
    warmup: { type: 'string', default: '20' },
    files: { type: 'string', default: String(DEFAULT_TREE_FILES) },
    runs: { type: 'string', default: '3' },
    'bandit-runs': { type: 'string', default: '1' },
    'cold-runs': { type: 'string', default: '5' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    profile: { type: 'string' },
    only: { type: 'string' },
    'no-bandit': { type: 'boolean', default: false },
    'no-ruff': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const EDITS = Number(opts.edits);
const WARMUP = Number(opts.warmup);
const RUNS = Number(opts.runs);
const COLD_RUNS = Number(opts['cold-runs']);
const BANDIT_RUNS = Number(opts['bandit-runs']);
const SEED = Number(opts.seed);
const log = (message) => process.stderr.write(`bench: ${message}\n`);

// ------------------------------------------------------------------------------------------------------------ helpers

const round = (n, digits = 1) => (n === undefined || n === null || Number.isNaN(n) ? n : Math.round(n * 10 ** digits) / 10 ** digits);
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50), 2), p95: round(percentile(sorted, 95), 2), max: round(sorted[sorted.length - 1], 2), mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 2) };
}
const median = (list, key) => [...list].sort((a, b) => a[key] - b[key])[Math.floor(list.length / 2)];

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim();
  return { nproc: Number(nproc) || os.availableParallelism?.() || os.cpus().length, cpu: model, node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGB: round(os.totalmem() / 2 ** 30), loadAverageAtStart: os.loadavg().map((l) => round(l, 2)) };
}

/**
 * CPU time a process has used so far (user + system, its threads included), from /proc on Linux; undefined elsewhere.
 * Clock-tick resolution (10 ms), so it is read around many edits, not one.
 */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU time each thread of a process has used so far (tid → ms), from /proc on Linux; undefined elsewhere. */
function threadsCpuMs(pid) {
  try {
    return new Map(fs.readdirSync(`/proc/${pid}/task`).map((tid) => [tid, processCpuMs(`${pid}/task/${tid}`) ?? 0]));
  } catch {
    return undefined;
  }
}

/**
 * The server's CPU per edit by thread between two `threadsCpuMs` readings: its main thread (LSP messages, the
 * outcome's handover, the cross-file rules), its busiest other thread (the analysis worker) and the rest (V8's
 * collector and compiler threads). Clock-tick resolution, so over many edits only.
 */
function cpuByThread(pid, start, end, edits) {
  if (!start || !end) return undefined;
  const used = [...end].map(([tid, ms]) => ({ tid, ms: ms - (start.get(tid) ?? 0) }));
  const main = used.find((t) => t.tid === String(pid))?.ms ?? 0;
  const others = used.filter((t) => t.tid !== String(pid)).sort((a, b) => b.ms - a.ms);
  const worker = others[0]?.ms ?? 0;
  const rest = others.slice(1).reduce((n, t) => n + t.ms, 0);
  return { main: round(main / edits, 2), worker: round(worker / edits, 2), others: round(rest / edits, 2) };
}

// ---------------------------------------------------------------------------------------------------- language server

/** A language server child over stdio, with a way to wait for the next diagnostics of a file (`settings`: aiLens.*). */
function startServer(profileDir, settings) {
  const started = performance.now();
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
    const resolve = waiting.get(uri);
    if (!resolve) return;
    waiting.delete(uri);
    resolve({ at: performance.now(), diagnostics });
  });
  // The server analyses files apart from the messages it answers, and says when it has checked a version of one.
  const checking = new Map();
  connection.onNotification('aiLens/documentStatus', ({ uri, version, state }) => {
    const wanted = checking.get(uri);
    if (state !== 'checked' || !wanted || version !== wanted.version) return;
    checking.delete(uri);
    wanted.resolve(performance.now());
  });
  connection.listen();
  const server = {
    started,
    connection,
    cpuMs: () => processCpuMs(child.pid),
    threadsCpuMs: () => threadsCpuMs(child.pid),
    pid: child.pid,
    /** The next publishDiagnostics for `uri`, with the time it arrived. */
    next(uri) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 60 s\n${stderr.join('')}`)), 60_000);
        waiting.set(uri, (r) => (clearTimeout(timer), resolve(r)));
      });
    },
    /**
     * When the server has checked `version` of `checked` (`uri`, or the notebook of the cell `uri`): the time the
     * diagnostics for `uri` arrived if it published any, else the time it said it checked the version (it publishes
     * only diagnostics that changed).
     */
    async settled(uri, version, checked = uri) {
      let published;
      waiting.set(uri, (r) => (published = r));
      const checkedAt = await new Promise((resolve) => checking.set(checked, { version, resolve }));
      waiting.delete(uri);
      return published ?? { at: checkedAt, diagnostics: undefined };
    },
    async initialize() {
      const capabilities = { notebookDocument: { synchronization: {} } };
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities, initializationOptions: { debounceMs: 0, ...(settings ? { settings } : {}) } });
      await connection.sendNotification(InitializedNotification.type, {});
      return result;
    },
    open(uri, languageId, text) {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    },
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await exited;
      connection.dispose();
    },
  };
  return server;
}

/**
 * Per-edit latency in a file (`typeAtRandom`): every keystroke is one didChange with one single-character change,
 * timed until the server publishes diagnostics for the file (or answers a request sent after it).
 */
async function editLatency(file, languageId, profileDir) {
  const server = startServer(profileDir);
  await server.initialize();
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const opened = server.next(uri);
  server.open(uri, languageId, text);
  const { diagnostics: initial } = await opened;
  let version = 1;
  let unpublished = 0;
  const typed = await typeAtRandom(server, [{ lines }], async (_, range, inserted, warm) => {
    void server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: inserted }] });
    const settled = await server.settled(uri, version);
    if (!settled.diagnostics && warm) unpublished++;
    return settled.at;
  });
  await server.stop();
  return { file: path.basename(file), lines: lines.length - (text.endsWith('\n') ? 1 : 0), bytes: Buffer.byteLength(text), findings: initial.length, warmupEdits: WARMUP, editsWithoutNewDiagnostics: unpublished, ...typed };
}

/**
 * Types like a person into `targets` (a file, or the cells of a notebook, each with its lines): goes to the end of an
 * identifier on a random line of a random target, types three characters one at a time, then deletes them one at a
 * time, so the text returns to what it was after each spot. `keystroke(target, range, text, warm)` sends one edit and
 * resolves with the time the server had dealt with it; the first `WARMUP` keystrokes are not counted.
 */
async function typeAtRandom(server, targets, keystroke) {
  const r = rng(SEED ^ 0xed17);
  const samples = [];
  const type = async (target, range, inserted) => {
    const sent = performance.now();
    const at = await keystroke(target, range, inserted, samples.length >= WARMUP);
    samples.push(at - sent);
  };
  let cpuAtStart;
  let threadsAtStart;
  while (samples.length < EDITS + WARMUP) {
    if (samples.length >= WARMUP && cpuAtStart === undefined) {
      cpuAtStart = server.cpuMs();
      threadsAtStart = server.threadsCpuMs();
    }
    let target;
    let line;
    let character;
    for (;;) {
      target = r.pick(targets);
      line = r.int(0, target.lines.length - 1);
      const identifiers = [...target.lines[line].matchAll(/[A-Za-z_][A-Za-z0-9_]{2,}/g)];
      if (identifiers.length === 0) continue;
      const m = r.pick(identifiers);
      character = m.index + m[0].length;
      break;
    }
    for (const ch of 'xyz') {
      await type(target, { start: { line, character }, end: { line, character } }, ch);
      character++;
    }
    for (let i = 0; i < 3; i++) {
      await type(target, { start: { line, character: character - 1 }, end: { line, character } }, '');
      character--;
    }
  }
  const cpuAtEnd = server.cpuMs();
  const threadsAtEnd = server.threadsCpuMs();
  const measured = samples.slice(WARMUP);
  const serverCpuMsPerEdit = cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : round((cpuAtEnd - cpuAtStart) / measured.length, 2);
  return { ...stats(measured), serverCpuMsPerEdit, serverCpuMsPerEditByThread: cpuByThread(server.pid, threadsAtStart, threadsAtEnd, measured.length) };
}

/**
 * The same typing as `editLatency`, in a notebook of the file's code split into 100 cells and opened through LSP
 * notebook sync: each keystroke is one notebookDocument/didChange of one cell's text, timed until the server has dealt
 * with it (the answer to a hover in that cell, sent right after: the server publishes only diagnostics that changed).
 */
async function notebookEditLatency(file, profileDir) {
  const server = startServer(profileDir);
  await server.initialize();
  const uri = pathToFileURL(file.replace(/\.py$/, '.ipynb')).href;
  const cells = splitIntoCells(fs.readFileSync(file, 'utf8'), 100).map((text, i) => ({ uri: `vscode-notebook-cell:${uri.slice('file:'.length)}#cell${i}`, text, lines: text.split('\n'), version: 1 }));
  let notebookVersion = 1;
  const opened = server.next(cells[0].uri);
  void server.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
    notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: 2, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: 'python', version: 1, text: c.text })),
  });
  await Promise.race([opened, server.settled(cells[0].uri, 1, uri)]);
  const typed = await typeAtRandom(server, cells, async (cell, range, inserted) => {
    cell.version++;
    void server.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri, version: ++notebookVersion },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes: [{ range, text: inserted }] }] } },
    });
    return (await server.settled(cell.uri, notebookVersion, uri)).at;
  });
  await server.stop();
  return { cells: cells.length, lines: cells.reduce((n, c) => n + c.lines.length - 1, 0), warmupEdits: WARMUP, ...typed };
}

/**
 * The tree's Python files as notebooks: their scan against the `.py` scan, and the JSON read alone. The ratio to judge
 * is the notebook scan less its JSON read, over the `.py` scan (CPU).
 */
function notebookScan(pyTree, pythonScan, dir, scanOutput) {
  const nbTree = path.join(dir, 'tree-notebooks');
  const written = writeNotebookTree(pyTree, nbTree);
  log(`scan of the same code as ${written.notebooks} notebooks (${written.megabytes} MB)`);
  const scan = scanTree(nbTree, scanOutput);
  const read = measureNode(NOTEBOOKS, ['read', nbTree], 'notebook JSON read');
  const jsonRead = { wallMs: round(read.wallMs), cpuMs: round(read.cpuMs) };
  const toPython = { cpu: round(scan.cpuMs / pythonScan.cpuMs, 2), cpuLessJsonRead: round((scan.cpuMs - jsonRead.cpuMs) / pythonScan.cpuMs, 2), wall: round(scan.wallMs / pythonScan.wallMs, 2) };
  return { ...written, scan, pythonScan: { files: pythonScan.files, wallMs: pythonScan.wallMs, cpuMs: pythonScan.cpuMs, findings: pythonScan.findings }, jsonRead, toPython };
}

/** Process start → first diagnostics for a file opened right after initialization, as an editor does it. */
async function coldStart(file, languageId, profileDir) {
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const runs = [];
  for (let i = 0; i < (profileDir ? 1 : COLD_RUNS); i++) {
    const server = startServer(profileDir);
    await server.initialize();
    const initialized = performance.now();
    const published = server.next(uri);
    server.open(uri, languageId, text);
    const { at } = await published;
    runs.push({ totalMs: at - server.started, initializeMs: initialized - server.started, cpuMs: server.cpuMs() });
    await server.stop();
  }
  const totals = runs.map((r) => r.totalMs).sort((a, b) => a - b);
  const mid = median(runs, 'totalMs');
  const cpu = runs.map((r) => r.cpuMs).filter((c) => c !== undefined).sort((a, b) => a - b);
  return { file: path.basename(file), lines: text.split('\n').length - 1, runs: runs.length, median: round(mid.totalMs), min: round(totals[0]), max: round(totals[totals.length - 1]), initializeMs: round(mid.initializeMs), serverCpuMs: cpu.length ? round(cpu[Math.floor(cpu.length / 2)]) : undefined };
}

// --------------------------------------------------------------------------------------------------------------- scans

/** Runs a Node.js script `RUNS` times with the probe; returns the run with the median wall time and its own CPU and RSS. */
function measureNode(script, args, label, profileDir) {
  const results = [];
  for (let i = 0; i < (profileDir ? 1 : RUNS); i++) {
    const probeFile = path.join(os.tmpdir(), `ai-lens-probe-${process.pid}-${i}.json`);
    const nodeArgs = ['--require', PROBE, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
    const start = performance.now();
    const run = spawnSync(process.execPath, [...nodeArgs, script, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, AI_LENS_BENCH_PROBE: probeFile } });
    const wallMs = performance.now() - start;
    if (run.status !== 0) throw new Error(`${label} exited with ${run.status}: ${run.stderr}`);
    const probe = JSON.parse(fs.readFileSync(probeFile, 'utf8'));
    fs.rmSync(probeFile, { force: true });
    results.push({ wallMs, cpuMs: probe.userMs + probe.systemMs, maxRssMB: probe.maxRssKB / 1024, stdout: run.stdout, stderr: run.stderr });
  }
  return { ...median(results, 'wallMs'), runs: results.length, peakRssMB: Math.max(...results.map((r) => r.maxRssMB)) };
}

function scanTree(tree, output, profileDir) {
  const run = measureNode(BIN, ['scan', tree, '--format', 'json', '--fail-on', 'never', '--output', output], 'ai-lens scan', profileDir);
  const report = JSON.parse(fs.readFileSync(output, 'utf8'));
  const files = report.scanned;
  const bytes = countBytes(tree);
  return { files, megabytes: round(bytes / 2 ** 20, 2), findings: report.findings.length, runs: run.runs, wallMs: round(run.wallMs), cpuMs: round(run.cpuMs), filesPerSecond: round(files / (run.wallMs / 1000)), megabytesPerSecond: round(bytes / 2 ** 20 / (run.wallMs / 1000), 2), peakRssMB: round(run.peakRssMB) };
}

/** Bytes of the files the scanner checks (those with a language), counted once per tree. */
const bytesOfTree = new Map();
function countBytes(tree) {
  if (bytesOfTree.has(tree)) return bytesOfTree.get(tree);
  const { detectLanguage } = require(path.join(ROOT, 'out/server/src/engine/languages.js'));
  let bytes = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else {
        const text = fs.readFileSync(full, 'utf8');
        if (detectLanguage(full, text)) bytes += Buffer.byteLength(text);
      }
    }
  };
  visit(tree);
  bytesOfTree.set(tree, bytes);
  return bytes;
}

function bareParse(tree, profileDir) {
  const run = measureNode(BARE_PARSE, [tree], 'bare parse', profileDir);
  const { files, bytes } = JSON.parse(run.stdout);
  return { files, megabytes: round(bytes / 2 ** 20, 2), runs: run.runs, wallMs: round(run.wallMs), cpuMs: round(run.cpuMs), peakRssMB: round(run.peakRssMB) };
}

/** The tree's Python files alone, hard-linked into their own folder so both tools see the same files. */
function pythonOnly(tree, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.py')) {
        const target = path.join(dest, path.relative(tree, full));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        try {
          fs.linkSync(full, target);
        } catch {
          fs.copyFileSync(full, target);
        }
      }
    }
  };
  visit(tree);
  return dest;
}

/** `bandit` on PATH, installing the Debian package if it is missing; a reason when it cannot be had. */
function ensureBandit() {
  const has = () => spawnSync('sh', ['-c', 'command -v bandit'], { encoding: 'utf8' }).status === 0;
  if (has()) return { ok: true, installed: false };
  log('bandit is missing: apt-get update && apt-get install -y bandit');
  const install = spawnSync('sh', ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y bandit'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (install.status !== 0 || !has()) {
    const reason = (install.error?.message ?? install.stderr ?? '').trim().split('\n').slice(-3).join(' ') || `exit ${install.status}`;
    return { ok: false, reason: `could not install the Debian package bandit: ${reason}` };
  }
  return { ok: true, installed: true };
}

/** `bandit -r` wall time, and its CPU time and peak RSS from the kernel's accounting of children (via Python). */
function runBandit(dir) {
  const version = spawnSync('bandit', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
  const wrapper = 'import json,resource,subprocess,sys\n' + 'code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n' + 'u = resource.getrusage(resource.RUSAGE_CHILDREN)\n' + 'print(json.dumps({"code": code, "cpuMs": (u.ru_utime + u.ru_stime) * 1000, "maxRssKB": u.ru_maxrss}))\n';
  const results = [];
  for (let i = 0; i < BANDIT_RUNS; i++) {
    const out = path.join(os.tmpdir(), `ai-lens-bandit-${process.pid}.json`);
    const start = performance.now();
    const run = spawnSync('python3', ['-c', wrapper, 'bandit', '-r', dir, '-f', 'json', '-o', out, '-q'], { encoding: 'utf8' });
    const wallMs = performance.now() - start;
    const measured = JSON.parse(run.stdout);
    if (measured.code > 1) throw new Error(`bandit exited with ${measured.code}`);
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out, { force: true });
    results.push({ wallMs, cpuMs: measured.cpuMs, maxRssMB: measured.maxRssKB / 1024, files: Object.keys(report.metrics ?? {}).filter((k) => k !== '_totals').length, issues: report.results.length });
  }
  const mid = median(results, 'wallMs');
  return { version, runs: results.length, files: mid.files, issues: mid.issues, wallMs: round(mid.wallMs), cpuMs: round(mid.cpuMs), peakRssMB: round(Math.max(...results.map((r) => r.maxRssMB))) };
}

/** `ruff` on PATH, or why not: it is optional, for the comparison with a native linter (`pip install ruff`). */
function findRuff() {
  if (opts['no-ruff']) return { ok: false, reason: 'skipped with --no-ruff' };
  const version = spawnSync('ruff', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return { ok: false, reason: 'no ruff binary on PATH (`pip install ruff` to compare with it)' };
  return { ok: true, version: version.stdout.trim() };
}

/** `ruff check --select S --no-cache` (bandit's checks, natively): CPU time and peak RSS from the kernel's accounting. */
function runRuff(dir, version) {
  const wrapper = 'import json,resource,subprocess,sys\n' + 'code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n' + 'u = resource.getrusage(resource.RUSAGE_CHILDREN)\n' + 'print(json.dumps({"code": code, "cpuMs": (u.ru_utime + u.ru_stime) * 1000, "maxRssKB": u.ru_maxrss}))\n';
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const run = spawnSync('python3', ['-c', wrapper, 'ruff', 'check', '--select', 'S', '--no-cache', '--exit-zero', dir], { encoding: 'utf8' });
    const wallMs = performance.now() - start;
    const measured = JSON.parse(run.stdout);
    if (measured.code !== 0) throw new Error(`ruff exited with ${measured.code}`);
    results.push({ wallMs, cpuMs: measured.cpuMs, maxRssMB: measured.maxRssKB / 1024 });
  }
  const mid = median(results, 'cpuMs');
  return { version, runs: results.length, wallMs: round(mid.wallMs), cpuMs: round(mid.cpuMs), peakRssMB: round(Math.max(...results.map((r) => r.maxRssMB))) };
}

/**
 * One tree's figures: the scan against a bare parse of all its files, and the scan of its Python files alone against
 * bandit and ruff on the same files.
 */
function measureTree(name, tree, dir, tools) {
  const output = path.join(dir, `scan-${name}.json`);
  log(`${name} tree: workspace scan, ${RUNS} runs`);
  const scan = scanTree(tree, output);
  log(`${name} tree: bare parse of the same files`);
  const parse = bareParse(tree);
  scan.toBareParse = { wall: round(scan.wallMs / parse.wallMs, 2), cpu: round(scan.cpuMs / parse.cpuMs, 2) };
  const pyTree = pythonOnly(tree, path.join(dir, `${name}-python`));
  log(`${name} tree: scan of the Python files alone`);
  const python = { aiLens: scanTree(pyTree, output) };
  if (!tools.bandit.ok) python.bandit = { available: false, reason: tools.bandit.reason };
  else {
    log(`${name} tree: bandit -r on the same Python files`);
    python.bandit = { available: true, installedByBench: tools.bandit.installed, ...runBandit(pyTree) };
    python.banditToAiLens = { wall: round(python.bandit.wallMs / python.aiLens.wallMs, 1), cpu: round(python.bandit.cpuMs / python.aiLens.cpuMs, 1) };
  }
  if (!tools.ruff.ok) python.ruff = { available: false, reason: tools.ruff.reason };
  else {
    log(`${name} tree: ruff check --select S on the same Python files`);
    python.ruff = { available: true, ...runRuff(pyTree, tools.ruff.version) };
    python.aiLensToRuff = { wall: round(python.aiLens.wallMs / python.ruff.wallMs, 1), cpu: round(python.aiLens.cpuMs / python.ruff.cpuMs, 1) };
  }
  return { scan, bareParse: parse, python };
}

// ---------------------------------------------------------------------------------------------------------------- main


async function main() {
  for (const needed of [path.join(ROOT, 'dist', 'server.js'), path.join(ROOT, 'out', 'server', 'src', 'engine', 'parsers', 'treeSitter.js')]) {
    if (!fs.existsSync(needed)) throw new Error(`${path.relative(ROOT, needed)} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-bench-'));
  const result = { seed: SEED, machine: machine(), targets: TARGETS };
  try {
    log(`generating inputs in ${dir} (seed ${SEED})`);
    const large = { python: path.join(dir, 'large.py'), terraform: path.join(dir, 'large.tf'), typescript: path.join(dir, 'large.ts') };
    fs.writeFileSync(large.python, pythonFile(SEED));
    fs.writeFileSync(large.terraform, terraformFile(SEED));
    fs.writeFileSync(large.typescript, typeScriptFile(rng(SEED), 3000));
    if (opts.only === 'cold-start') {
      // `--only cold-start`: the cold starts alone, as JSON.
      const small = path.join(dir, 'small.py');
      fs.writeFileSync(small, pythonFile(SEED + 1, 120));
      const coldStarts = { small: await coldStart(small, 'python'), large: await coldStart(large.python, 'python') };
      process.stdout.write(JSON.stringify({ coldStart: coldStarts, loadAverage: os.loadavg().map((l) => round(l, 2)) }, null, 2) + '\n');
      return;
    }
    const largeFile = () => {
      const file = path.join(dir, 'huge.py');
      const text = pythonFile(SEED, LARGE_FILE_LINES);
      fs.writeFileSync(file, text);
      log(`responsiveness while typing into a ${LARGE_FILE_LINES}-line Python file`);
      return largeFileResponsiveness({ file, text, startServer, stats, round });
    };
    if (opts.only === 'large-file') {
      process.stdout.write(JSON.stringify({ largeFile: await largeFile(), loadAverage: os.loadavg().map((l) => round(l, 2)) }, null, 2) + '\n');
      return;
    }
    const trees = { dense: path.join(dir, 'tree'), realistic: path.join(dir, 'realistic') };
    const tools = () => ({ bandit: opts['no-bandit'] ? { ok: false, reason: 'skipped with --no-bandit' } : ensureBandit(), ruff: findRuff() });
    if (opts.only === 'scans') {
      // `--only scans`: both trees' scans, bare parses and tool comparisons, as JSON.
      const counts = { dense: writeTree(trees.dense, { files: Number(opts.files), seed: SEED }), realistic: writeRealisticTree(trees.realistic, { files: Number(opts.files), seed: SEED }) };
      const available = tools();
      const measured = Object.fromEntries(TREES.map((name) => [name, measureTree(name, trees[name], dir, available)]));
      process.stdout.write(JSON.stringify({ ...ratios({ trees: measured }), trees: measured, counts, loadAverage: os.loadavg().map((l) => round(l, 2)) }, null, 2) + '\n');
      return;
    }
    if (opts.only === 'notebooks') {
      // `--only notebooks`: the notebook figures alone, as JSON.
      writeTree(trees.dense, { files: Number(opts.files), seed: SEED });
      const pyTree = pythonOnly(trees.dense, path.join(dir, 'dense-python'));
      log('scan of the Python files alone');
      const scanOutput = path.join(dir, 'scan.json');
      const notebooks = notebookScan(pyTree, scanTree(pyTree, scanOutput), dir, scanOutput);
      log(`per-edit latency: ${EDITS} edits (+${WARMUP} warm-up) in a 100-cell notebook, and in the same code as a .py file`);
      notebooks.edits = { notebook: await notebookEditLatency(large.python), python: await editLatency(large.python, 'python') };
      process.stdout.write(JSON.stringify({ notebooks, targets: TARGETS, loadAverage: os.loadavg().map((l) => round(l, 2)) }, null, 2) + '\n');
      return;
    }
    if (opts.only) {
      // `--only edits-python|edits-terraform|edits-typescript|edits-notebook [--profile DIR]`: that edit latency alone, as JSON.
      const language = /^edits-(python|terraform|typescript|notebook)$/.exec(opts.only)?.[1];
      if (!language) throw new Error(`--only takes edits-python, edits-terraform, edits-typescript, edits-notebook, cold-start, large-file, scans or notebooks, not ${opts.only}`);
      const profileDir = opts.profile && path.resolve(opts.profile);
      if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
      const edits = language === 'notebook' ? await notebookEditLatency(large.python, profileDir) : await editLatency(large[language], language, profileDir);
      const profile = profileDir && fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profileDir, f)).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs).pop();
      process.stdout.write(JSON.stringify({ edits, loadAverage: os.loadavg().map((l) => round(l, 2)), profile }, null, 2) + '\n');
      if (profile) process.stdout.write(`${formatSummary({ file: profile, ...summarizeProfile(profile, 25) })}\n`);
      return;
    }
    result.tree = writeTree(trees.dense, { files: Number(opts.files), seed: SEED });
    result.realisticTree = writeRealisticTree(trees.realistic, { files: Number(opts.files), seed: SEED });
    const small = path.join(dir, 'small.py');
    fs.writeFileSync(small, pythonFile(SEED + 1, 120));

    result.edits = {};
    for (const language of EDIT_LANGUAGES) {
      log(`per-edit latency: ${EDITS} edits (+${WARMUP} warm-up) on ${path.basename(large[language])}`);
      result.edits[language] = await editLatency(large[language], language);
    }
    result.largeFile = await largeFile();

    log(`cold start: ${COLD_RUNS} runs each on a 120-line and a 3,000-line Python file`);
    result.coldStart = { small: await coldStart(small, 'python'), large: await coldStart(large.python, 'python') };

    const available = tools();
    result.trees = Object.fromEntries(TREES.map((name) => [name, measureTree(name, trees[name], dir, available)]));
    result.notebooks = notebookScan(path.join(dir, 'dense-python'), result.trees.dense.python.aiLens, dir, path.join(dir, 'scan-notebooks.json'));
    log(`per-edit latency: ${EDITS} edits (+${WARMUP} warm-up) in a 100-cell notebook`);
    result.notebooks.edits = { notebook: await notebookEditLatency(large.python) };

    if (opts.profile) {
      const profileRoot = path.resolve(opts.profile);
      fs.rmSync(profileRoot, { recursive: true, force: true });
      const profiles = {};
      const profileOf = async (name, run) => {
        const target = path.join(profileRoot, name);
        fs.mkdirSync(target, { recursive: true });
        log(`profiling ${name}`);
        await run(target);
        const file = fs.readdirSync(target).find((f) => f.endsWith('.cpuprofile'));
        profiles[name] = { file: path.join(target, file), ...summarizeProfile(path.join(target, file), 12) };
      };
      for (const language of EDIT_LANGUAGES) await profileOf(`edits-${language}`, (d) => editLatency(large[language], language, d));
      await profileOf('cold-start', (d) => coldStart(small, 'python', d));
      for (const name of TREES) {
        await profileOf(`scan-${name}`, (d) => scanTree(trees[name], path.join(dir, `scan-${name}.json`), d));
        await profileOf(`bare-parse-${name}`, (d) => bareParse(trees[name], d));
      }
      result.profiles = profiles;
    }
  } finally {
    if (opts.keep) log(`inputs kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  result.machine.loadAverageAtEnd = os.loadavg().map((l) => round(l, 2));
  const figures = { editP95Ms: Object.fromEntries(EDIT_LANGUAGES.map((l) => [l, result.edits[l].p95])), ...ratios(result), coldStartMs: result.coldStart.small.median, peakRssMb: Math.max(...TREES.map((t) => result.trees[t].scan.peakRssMB)) };
  const full = { ...figures, ...result, verdict: verdict(figures, result.notebooks, result.largeFile) };
  process.stdout.write(opts.json ? JSON.stringify(full, null, 2) + '\n' : table(full));
}

/**
 * The ratios the targets name, by tree, from CPU time: on a shared machine the wall times of two long runs measure
 * the neighbours as much as the work, and on an idle one the two agree. A comparison that could not be made is null,
 * with the reason.
 */
function ratios({ trees }) {
  const byTree = (figure) => Object.fromEntries(TREES.map((t) => [t, figure(trees[t])]));
  const why = (tool) => {
    const missing = TREES.map((t) => trees[t].python[tool]).find((r) => !r.available);
    return missing ? { reason: missing.reason } : {};
  };
  return {
    scanOverParse: byTree((t) => t.scan.toBareParse.cpu),
    banditOverAiLens: { ...byTree((t) => t.python.banditToAiLens?.cpu ?? null), ...why('bandit') },
    aiLensOverRuff: { ...byTree((t) => t.python.aiLensToRuff?.cpu ?? null), ...why('ruff') },
  };
}

/** Latencies are judged on wall time, the only time a user sees; ratios on CPU time. Null when a figure is missing. */
function verdict(f, notebooks, largeFile) {
  const atMost = (value, target) => (value === null || value === undefined ? null : value <= target);
  const atLeast = (value, target) => (value === null || value === undefined ? null : value >= target);
  return {
    editP95: Object.fromEntries(EDIT_LANGUAGES.map((l) => [l, atMost(f.editP95Ms[l], TARGETS.editP95Ms)])),
    scanOverParse: Object.fromEntries(TREES.map((t) => [t, atMost(f.scanOverParse[t], TARGETS.scanOverParse[t])])),
    banditOverAiLens: Object.fromEntries(TREES.map((t) => [t, atLeast(f.banditOverAiLens[t], TARGETS.banditOverAiLens[t])])),
    aiLensOverRuff: { realistic: atMost(f.aiLensOverRuff.realistic, TARGETS.aiLensOverRuff.realistic) },
    coldStart: atMost(f.coldStartMs, TARGETS.coldStartMs),
    peakRss: atMost(f.peakRssMb, TARGETS.scanPeakRssMB),
    largeFileRequests: atMost(largeFile && Math.max(largeFile.hoverMs.max, largeFile.codeActionMs.max), TARGETS.largeFileRequestMs),
    notebookScanToPython: atMost(notebooks.toPython.cpuLessJsonRead, TARGETS.notebookScanToPython),
    editP95Notebook: atMost(notebooks.edits.notebook.p95, TARGETS.editP95Ms),
  };
}

function table(r) {
  const m = r.machine;
  const yes = (ok) => (ok === null || ok === undefined ? 'n/a' : ok ? 'yes' : 'NO');
  const rows = [['figure', 'measured', 'target', 'met']];
  for (const language of EDIT_LANGUAGES) {
    const e = r.edits[language];
    rows.push([`per-edit, ${e.lines}-line ${language} (${e.n} edits)`, `p50 ${e.p50} ms, p95 ${e.p95} ms, max ${e.max} ms; server CPU ${e.serverCpuMsPerEdit} ms/edit`, `p95 ≤ ${TARGETS.editP95Ms} ms, p50 ≤ ${TARGETS.editP50Ms} ms`, yes(r.verdict.editP95[language])]);
  }
  const lf = r.largeFile;
  rows.push([`hover and code actions while typing, ${lf.lines}-line Python (${lf.keystrokes} keystrokes)`, `hover p50 ${lf.hoverMs.p50} ms, max ${lf.hoverMs.max} ms; code actions p50 ${lf.codeActionMs.p50} ms, max ${lf.codeActionMs.max} ms; checked ${lf.checkedAfterLastKeystrokeMs} ms after the last keystroke`, `≤ ${TARGETS.largeFileRequestMs} ms`, yes(r.verdict.largeFileRequests)]);
  rows.push([`cold start → diagnostics, ${r.coldStart.small.lines}-line file`, `median ${r.coldStart.small.median} ms (min ${r.coldStart.small.min}, max ${r.coldStart.small.max}; initialize ${r.coldStart.small.initializeMs}); server CPU ${r.coldStart.small.serverCpuMs} ms`, `≤ ${TARGETS.coldStartMs} ms`, yes(r.verdict.coldStart)]);
  rows.push([`cold start → diagnostics, ${r.coldStart.large.lines}-line file`, `median ${r.coldStart.large.median} ms (min ${r.coldStart.large.min}, max ${r.coldStart.large.max}); server CPU ${r.coldStart.large.serverCpuMs} ms`, '', '']);
  for (const name of TREES) {
    const t = r.trees[name];
    rows.push([`${name} tree: CLI scan, ${t.scan.files} files, ${t.scan.megabytes} MB`, `${t.scan.wallMs} ms wall, ${t.scan.cpuMs} ms CPU; ${t.scan.filesPerSecond} files/s, ${t.scan.megabytesPerSecond} MB/s`, '', '']);
    rows.push(['  peak RSS', `${t.scan.peakRssMB} MB`, `≤ ${TARGETS.scanPeakRssMB} MB`, yes(t.scan.peakRssMB <= TARGETS.scanPeakRssMB)]);
    rows.push([`  bare parse of the same ${t.bareParse.files} files`, `${t.bareParse.wallMs} ms wall, ${t.bareParse.cpuMs} ms CPU, ${t.bareParse.peakRssMB} MB`, '', '']);
    rows.push(['  scan ÷ bare parse', `${t.scan.toBareParse.cpu}× CPU (${t.scan.toBareParse.wall}× wall)`, `≤ ${TARGETS.scanOverParse[name]}× CPU`, yes(r.verdict.scanOverParse[name])]);
    rows.push([`  CLI scan of the ${t.python.aiLens.files} Python files`, `${t.python.aiLens.wallMs} ms wall, ${t.python.aiLens.cpuMs} ms CPU, ${t.python.aiLens.peakRssMB} MB`, '', '']);
    const b = t.python.bandit;
    if (b.available) {
      rows.push([`  bandit -r, same files (${b.version})`, `${b.wallMs} ms wall, ${b.cpuMs} ms CPU, ${b.peakRssMB} MB`, '', '']);
      rows.push(['  bandit ÷ AI Lens', `${t.python.banditToAiLens.cpu}× CPU (${t.python.banditToAiLens.wall}× wall)`, `≥ ${TARGETS.banditOverAiLens[name]}× CPU`, yes(r.verdict.banditOverAiLens[name])]);
    } else rows.push(['  bandit -r, same files', `unavailable: ${b.reason}`, `≥ ${TARGETS.banditOverAiLens[name]}×`, 'n/a']);
    const ruff = t.python.ruff;
    const ruffTarget = TARGETS.aiLensOverRuff[name] ? `≤ ${TARGETS.aiLensOverRuff[name]}× CPU` : '';
    if (ruff.available) {
      rows.push([`  ruff check --select S, same files (${ruff.version})`, `${ruff.wallMs} ms wall, ${ruff.cpuMs} ms CPU, ${ruff.peakRssMB} MB`, '', '']);
      rows.push(['  AI Lens ÷ ruff', `${t.python.aiLensToRuff.cpu}× CPU (${t.python.aiLensToRuff.wall}× wall)`, ruffTarget, name === 'realistic' ? yes(r.verdict.aiLensOverRuff.realistic) : '']);
    } else rows.push(['  ruff check --select S, same files', `unavailable: ${ruff.reason}`, ruffTarget, 'n/a']);
  }
  const nb = r.notebooks;
  rows.push([`CLI scan of the same code as ${nb.notebooks} notebooks, ${nb.megabytes} MB`, `${nb.scan.wallMs} ms wall, ${nb.scan.cpuMs} ms CPU, ${nb.scan.peakRssMB} MB; JSON read alone ${nb.jsonRead.cpuMs} ms CPU`, '', '']);
  rows.push(['  notebooks ÷ .py (less the JSON read)', `${nb.toPython.cpuLessJsonRead}× CPU (${nb.toPython.cpu}× with it, ${nb.toPython.wall}× wall)`, `≤ ${TARGETS.notebookScanToPython}× CPU`, yes(r.verdict.notebookScanToPython)]);
  const e = nb.edits.notebook;
  rows.push([`per-edit, ${e.cells}-cell notebook, ${e.lines} lines (${e.n} edits)`, `p50 ${e.p50} ms, p95 ${e.p95} ms, max ${e.max} ms; server CPU ${e.serverCpuMsPerEdit} ms/edit`, `p95 ≤ ${TARGETS.editP95Ms} ms (as .py)`, yes(r.verdict.editP95Notebook)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const header = `AI Lens benchmark: ${m.nproc} × ${m.cpu}, ${m.memoryGB} GB, Node ${m.node}; load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end; seed ${r.seed}`;
  let out = `${header}\n\n${lines.join('\n')}\n`;
  if (r.profiles) for (const [name, p] of Object.entries(r.profiles)) out += `\nprofile ${name} (${p.file})\n${formatSummary(p)}\n`;
  return out;
}

await main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
