// `npm run bench [-- --json] [-- --profile DIR]`: generates the benchmark inputs in a temporary folder and measures
//   - per-edit latency through the real language server over stdio (didChange of one character → publishDiagnostics),
//   - cold start (process start → first diagnostics for an opened file),
//   - a CLI workspace scan of a ≥ 2,000-file tree (files/s, MB/s, peak RSS) against a bare parse of the same files,
//   - the scan of the tree's Python files against `bandit -r` on the same files,
//   - the same Python code as Jupyter notebooks: their scan against the `.py` scan (and the JSON read alone), and the
//     per-edit latency in a 100-cell notebook (the 3,000-line module in cells) over LSP notebook sync.
// Prints a table, or one JSON object with --json. Not part of `npm test`. `--only edits-terraform` (or edits-python,
// edits-notebook) measures that edit latency alone, with `--profile DIR` a CPU profile of the server during it;
// `--only cold-start` the cold starts alone; `--only notebooks` the notebook figures alone (with `--files N` for a
// smaller tree).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, DEFAULT_TREE_FILES, pythonFile, rng, terraformFile, writeTree } from './generate.mjs';
import { splitIntoCells, writeNotebookTree } from './notebooks.mjs';
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

export const TARGETS = { editP95Ms: 10, coldStartMs: 500, scanToBareParse: 1.3, scanPeakRssMB: 300, banditToPythonScan: 10, notebookScanToPython: 1.2 };

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

// ---------------------------------------------------------------------------------------------------- language server

/** A language server child over stdio, with a way to wait for the next diagnostics of a file. */
function startServer(profileDir) {
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
  connection.listen();
  const server = {
    started,
    connection,
    cpuMs: () => processCpuMs(child.pid),
    /** The next publishDiagnostics for `uri`, with the time it arrived. */
    next(uri) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 60 s\n${stderr.join('')}`)), 60_000);
        waiting.set(uri, (r) => (clearTimeout(timer), resolve(r)));
      });
    },
    /**
     * When the server has dealt with everything sent so far: the time the diagnostics for `uri` arrived if it published
     * any, else the time the answer to a request sent after them arrived (the server handles messages in order and
     * publishes only diagnostics that changed, so an edit that changes none is answered by the request alone).
     */
    async settled(uri) {
      let published;
      waiting.set(uri, (r) => (published = r));
      await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
      const answered = performance.now();
      waiting.delete(uri);
      return published ?? { at: answered, diagnostics: undefined };
    },
    async initialize() {
      const capabilities = { notebookDocument: { synchronization: {} } };
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities, initializationOptions: { debounceMs: 0 } });
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
    const settled = await server.settled(uri);
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
  while (samples.length < EDITS + WARMUP) {
    if (samples.length >= WARMUP) cpuAtStart ??= server.cpuMs();
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
  const measured = samples.slice(WARMUP);
  const serverCpuMsPerEdit = cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : round((cpuAtEnd - cpuAtStart) / measured.length, 2);
  return { ...stats(measured), serverCpuMsPerEdit };
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
  await Promise.race([opened, server.settled(cells[0].uri)]);
  const typed = await typeAtRandom(server, cells, async (cell, range, inserted) => {
    cell.version++;
    void server.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri, version: ++notebookVersion },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes: [{ range, text: inserted }] }] } },
    });
    return (await server.settled(cell.uri)).at;
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

// ---------------------------------------------------------------------------------------------------------------- main

/** Writes the bench tree under `dir`: its path and what it holds. */
function benchTree(dir) {
  const tree = path.join(dir, 'tree');
  return { tree, counts: writeTree(tree, { files: Number(opts.files), seed: SEED }) };
}

async function main() {
  for (const needed of [path.join(ROOT, 'dist', 'server.js'), path.join(ROOT, 'out', 'server', 'src', 'engine', 'parsers', 'treeSitter.js')]) {
    if (!fs.existsSync(needed)) throw new Error(`${path.relative(ROOT, needed)} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-bench-'));
  const result = { seed: SEED, machine: machine(), targets: TARGETS };
  try {
    log(`generating inputs in ${dir} (seed ${SEED})`);
    const large = { python: path.join(dir, 'large.py'), terraform: path.join(dir, 'large.tf') };
    fs.writeFileSync(large.python, pythonFile(SEED));
    fs.writeFileSync(large.terraform, terraformFile(SEED));
    if (opts.only === 'cold-start') {
      // `--only cold-start`: the cold starts alone, as JSON.
      const small = path.join(dir, 'small.py');
      fs.writeFileSync(small, pythonFile(SEED + 1, 120));
      const coldStarts = { small: await coldStart(small, 'python'), large: await coldStart(large.python, 'python') };
      process.stdout.write(JSON.stringify({ coldStart: coldStarts, loadAverage: os.loadavg().map((l) => round(l, 2)) }, null, 2) + '\n');
      return;
    }
    if (opts.only === 'notebooks') {
      // `--only notebooks`: the notebook figures alone, as JSON.
      const pyTree = pythonOnly(benchTree(dir).tree, path.join(dir, 'tree-python'));
      log('scan of the Python files alone');
      const scanOutput = path.join(dir, 'scan.json');
      const notebooks = notebookScan(pyTree, scanTree(pyTree, scanOutput), dir, scanOutput);
      log(`per-edit latency: ${EDITS} edits (+${WARMUP} warm-up) in a 100-cell notebook, and in the same code as a .py file`);
      notebooks.edits = { notebook: await notebookEditLatency(large.python), python: await editLatency(large.python, 'python') };
      process.stdout.write(JSON.stringify({ notebooks, targets: TARGETS, loadAverage: os.loadavg().map((l) => round(l, 2)) }, null, 2) + '\n');
      return;
    }
    if (opts.only) {
      // `--only edits-python|edits-terraform|edits-notebook [--profile DIR]`: that edit latency alone, as JSON (a minute, not six).
      const language = /^edits-(python|terraform|notebook)$/.exec(opts.only)?.[1];
      if (!language) throw new Error(`--only takes edits-python, edits-terraform, edits-notebook, notebooks or cold-start, not ${opts.only}`);
      const profileDir = opts.profile && path.resolve(opts.profile);
      if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
      const edits = language === 'notebook' ? await notebookEditLatency(large.python, profileDir) : await editLatency(large[language], language, profileDir);
      const profile = profileDir && fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profileDir, f)).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs).pop();
      process.stdout.write(JSON.stringify({ edits, loadAverage: os.loadavg().map((l) => round(l, 2)), profile }, null, 2) + '\n');
      if (profile) process.stdout.write(`${formatSummary({ file: profile, ...summarizeProfile(profile, 25) })}\n`);
      return;
    }
    const { tree, counts } = benchTree(dir);
    result.tree = counts;
    const small = path.join(dir, 'small.py');
    fs.writeFileSync(small, pythonFile(SEED + 1, 120));

    log(`per-edit latency: ${EDITS} edits (+${WARMUP} warm-up) on ${path.basename(large.python)}`);
    const edits = { python: await editLatency(large.python, 'python') };
    log(`per-edit latency: ${EDITS} edits (+${WARMUP} warm-up) on ${path.basename(large.terraform)}`);
    edits.terraform = await editLatency(large.terraform, 'terraform');
    result.edits = edits;

    log(`cold start: ${COLD_RUNS} runs each on a 120-line and a 3,000-line Python file`);
    result.coldStart = { small: await coldStart(small, 'python'), large: await coldStart(large.python, 'python') };

    log(`workspace scan of ${counts.python + counts.terraform + counts.cloudformationYaml + counts.cloudformationJson + counts.typescript} files, ${RUNS} runs`);
    const scanOutput = path.join(dir, 'scan.json');
    result.scan = scanTree(tree, scanOutput);
    log('bare parse of the same files');
    result.bareParse = bareParse(tree);
    result.scan.toBareParse = { wall: round(result.scan.wallMs / result.bareParse.wallMs, 2), cpu: round(result.scan.cpuMs / result.bareParse.cpuMs, 2) };

    const pyTree = pythonOnly(tree, path.join(dir, 'tree-python'));
    log('scan of the Python files alone');
    const pythonScan = scanTree(pyTree, scanOutput);
    result.pythonVsBandit = { aiLens: pythonScan };
    if (opts['no-bandit']) {
      result.pythonVsBandit.bandit = { available: false, reason: 'skipped with --no-bandit' };
    } else {
      const bandit = ensureBandit();
      if (!bandit.ok) {
        result.pythonVsBandit.bandit = { available: false, reason: bandit.reason };
      } else {
        log('bandit -r on the same Python files');
        result.pythonVsBandit.bandit = { available: true, installedByBench: bandit.installed, ...runBandit(pyTree) };
        result.pythonVsBandit.banditToAiLens = { wall: round(result.pythonVsBandit.bandit.wallMs / pythonScan.wallMs, 1), cpu: round(result.pythonVsBandit.bandit.cpuMs / pythonScan.cpuMs, 1) };
      }
    }
    result.notebooks = notebookScan(pyTree, pythonScan, dir, scanOutput);
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
      await profileOf('edits-python', (d) => editLatency(large.python, 'python', d));
      await profileOf('edits-terraform', (d) => editLatency(large.terraform, 'terraform', d));
      await profileOf('cold-start', (d) => coldStart(small, 'python', d));
      await profileOf('scan', (d) => scanTree(tree, scanOutput, d));
      await profileOf('bare-parse', (d) => bareParse(tree, d));
      result.profiles = profiles;
    }
  } finally {
    if (opts.keep) log(`inputs kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  result.machine.loadAverageAtEnd = os.loadavg().map((l) => round(l, 2));
  result.verdict = verdict(result);
  process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : table(result));
}

/**
 * Latencies are judged on wall time, the only time a user sees. Ratios are judged on CPU time: on a shared machine the
 * wall times of two long runs measure the neighbours as much as the work, and on an idle one the two agree.
 */
function verdict(r) {
  const bandit = r.pythonVsBandit.banditToAiLens?.cpu;
  return {
    editP95Python: r.edits.python.p95 <= TARGETS.editP95Ms,
    editP95Terraform: r.edits.terraform.p95 <= TARGETS.editP95Ms,
    coldStart: r.coldStart.small.median <= TARGETS.coldStartMs,
    scanToBareParse: r.scan.toBareParse.cpu <= TARGETS.scanToBareParse,
    scanPeakRss: r.scan.peakRssMB <= TARGETS.scanPeakRssMB,
    pythonScanVsBandit: bandit === undefined ? null : bandit >= TARGETS.banditToPythonScan,
    notebookScanToPython: r.notebooks.toPython.cpuLessJsonRead <= TARGETS.notebookScanToPython,
    editP95Notebook: r.notebooks.edits.notebook.p95 <= TARGETS.editP95Ms,
  };
}

function table(r) {
  const m = r.machine;
  const yes = (ok) => (ok === null ? 'n/a' : ok ? 'yes' : 'NO');
  const rows = [
    ['figure', 'measured', 'target', 'met'],
    [`per-edit, ${r.edits.python.lines}-line Python (${r.edits.python.n} edits)`, `p50 ${r.edits.python.p50} ms, p95 ${r.edits.python.p95} ms, max ${r.edits.python.max} ms; server CPU ${r.edits.python.serverCpuMsPerEdit} ms/edit`, `p95 ≤ ${TARGETS.editP95Ms} ms`, yes(r.verdict.editP95Python)],
    [`per-edit, ${r.edits.terraform.lines}-line Terraform (${r.edits.terraform.n} edits)`, `p50 ${r.edits.terraform.p50} ms, p95 ${r.edits.terraform.p95} ms, max ${r.edits.terraform.max} ms; server CPU ${r.edits.terraform.serverCpuMsPerEdit} ms/edit`, `p95 ≤ ${TARGETS.editP95Ms} ms`, yes(r.verdict.editP95Terraform)],
    [`cold start → diagnostics, ${r.coldStart.small.lines}-line file`, `median ${r.coldStart.small.median} ms (min ${r.coldStart.small.min}, max ${r.coldStart.small.max}; initialize ${r.coldStart.small.initializeMs}); server CPU ${r.coldStart.small.serverCpuMs} ms`, `≤ ${TARGETS.coldStartMs} ms`, yes(r.verdict.coldStart)],
    [`cold start → diagnostics, ${r.coldStart.large.lines}-line file`, `median ${r.coldStart.large.median} ms (min ${r.coldStart.large.min}, max ${r.coldStart.large.max}); server CPU ${r.coldStart.large.serverCpuMs} ms`, '', ''],
    [`CLI scan, ${r.scan.files} files, ${r.scan.megabytes} MB`, `${r.scan.wallMs} ms wall, ${r.scan.cpuMs} ms CPU; ${r.scan.filesPerSecond} files/s, ${r.scan.megabytesPerSecond} MB/s`, '', ''],
    ['  peak RSS', `${r.scan.peakRssMB} MB`, `≤ ${TARGETS.scanPeakRssMB} MB`, yes(r.verdict.scanPeakRss)],
    [`bare parse of the same ${r.bareParse.files} files`, `${r.bareParse.wallMs} ms wall, ${r.bareParse.cpuMs} ms CPU, ${r.bareParse.peakRssMB} MB`, '', ''],
    ['  scan ÷ bare parse', `${r.scan.toBareParse.cpu}× CPU (${r.scan.toBareParse.wall}× wall)`, `≤ ${TARGETS.scanToBareParse}× CPU`, yes(r.verdict.scanToBareParse)],
    [`CLI scan of the ${r.pythonVsBandit.aiLens.files} Python files`, `${r.pythonVsBandit.aiLens.wallMs} ms wall, ${r.pythonVsBandit.aiLens.cpuMs} ms CPU, ${r.pythonVsBandit.aiLens.peakRssMB} MB`, '', ''],
  ];
  const b = r.pythonVsBandit.bandit;
  if (b.available) {
    rows.push([`bandit -r, same files (${b.version})`, `${b.wallMs} ms wall, ${b.cpuMs} ms CPU, ${b.peakRssMB} MB`, '', '']);
    rows.push(['  bandit ÷ AI Lens', `${r.pythonVsBandit.banditToAiLens.cpu}× CPU (${r.pythonVsBandit.banditToAiLens.wall}× wall)`, `≥ ${TARGETS.banditToPythonScan}× CPU`, yes(r.verdict.pythonScanVsBandit)]);
  } else {
    rows.push(['bandit -r, same files', `unavailable: ${b.reason}`, `≥ ${TARGETS.banditToPythonScan}×`, 'n/a']);
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
