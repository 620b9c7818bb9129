// Where one edit's time goes, in process and in CPU time (so that a busy machine does not blur it): the language
// server's per-edit work (analysis: parse, extract, rules; the cross-file signature, and the cross-file rules when it
// changed; diagnostics; review signals are collected only when the review reads them, as in the server)
// on the bench's 3,000-line file, typed into as `run.mjs` types. Needs `npx tsc -p .` first.
//
//   node scripts/bench/edit-phases.mjs [python|terraform|typescript] [EDITS] [--rules: the costliest rules] [--tail: the slowest edits]
//     [--workspace N: the file is one of a generated workspace of N files, as the cross-file rules see it]
//     [--whole-facts: the project keeps the whole facts, and the signature covers them, as before `keepForWorkspace`]
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, pythonFile, rng, terraformFile, typeScriptFile, writeTree } from './generate.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(ROOT, 'out', 'server', 'src', p));
const language = process.argv[2] ?? 'python';
const EDITS = Number(process.argv[3] ?? 120);
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const WORKSPACE_FILES = Number(option('--workspace') ?? 0);

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const phases = { parse: 0, extract: 0, snapshot: 0, rules: 0, signals: 0, analyze: 0, trim: 0, signature: 0, project: 0, crossFile: 0, diagnostics: 0 };
/** Charges the CPU time of calls to `module[name]` to `phase` (the compiled CommonJS calls exports through the module). */
function charge(module, name, phase, self = module) {
  const original = module[name];
  module[name] = function (...args) {
    const start = cpuMs();
    try {
      return original.apply(this, args);
    } finally {
      phases[phase] += cpuMs() - start;
    }
  };
  return self;
}
charge(out('engine/extract/python.js'), 'extractPython', 'extract');
charge(out('engine/extract/terraform.js'), 'extractTerraform', 'extract');
charge(out('engine/extract/typescript.js'), 'extractTypeScript', 'extract');
// Copying changed Python and TypeScript statements out of the syntax tree, inside `extract`.
charge(out('engine/parsers/syntax.js').StatementSnapshots.prototype, 'snapshot', 'snapshot');
charge(out('engine/review/signals.js'), 'collectSignals', 'signals');
const { Engine } = out('engine/engine.js');
const { crossFileSignature, sameSignature = (a, b) => a === b } = out('lsp/signature.js'); // (builds before the signature came in parts)
const { diagnosticsFor } = out('lsp/diagnostics.js');
const { Project } = out('engine/project.js');
const engine = await Engine.create();
// What the project keeps of a file, as the server does (builds before `workspaceFacts` kept the whole facts).
let keepForWorkspace;
try {
  ({ keepForWorkspace } = out('engine/workspaceFacts.js'));
} catch {}
const forWorkspace = keepForWorkspace && !process.argv.includes('--whole-facts') ? keepForWorkspace(engine.rules) : (facts) => facts;
const byRule = {};
for (const rule of engine.rules) {
  if (!rule.check) continue;
  const check = rule.check;
  rule.check = function (context) {
    const start = cpuMs();
    try {
      return check.call(this, context);
    } finally {
      const ms = cpuMs() - start;
      phases.rules += ms;
      byRule[rule.meta.id] = (byRule[rule.meta.id] ?? 0) + ms;
    }
  };
}
charge(engine.trees, 'parse', 'parse');

const file = { python: '/bench/large.py', terraform: '/bench/large.tf', typescript: '/bench/large.ts' }[language];
let text = { python: () => pythonFile(DEFAULT_SEED), terraform: () => terraformFile(DEFAULT_SEED), typescript: () => typeScriptFile(rng(DEFAULT_SEED), 3000) }[language]();
const project = new Project();
if (WORKSPACE_FILES > 0) {
  // The other files of a workspace, analysed as the server's workspace scan does.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-edit-phases-'));
  try {
    writeTree(dir, { files: WORKSPACE_FILES });
    const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const other of walk(dir)) {
      const otherText = fs.readFileSync(other, 'utf8');
      const result = engine.analyze({ path: other, text: otherText });
      if (result.facts && result.language) project.set(other, result.language, forWorkspace(result.facts, otherText), otherText);
      engine.release(other);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  globalThis.gc?.(); // with --expose-gc, what the project model holds
  console.log(`workspace: ${project.size} other files analysed; heap used ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB${globalThis.gc ? '' : ' (before collection: pass --expose-gc)'}`);
}
let lastSignature;
let crossFileRuns = 0;
const step = () => {
  let t = cpuMs();
  // As the language server analyses an open document: its review signals are collected only when the review reads them.
  const result = engine.analyze({ path: file, text, language }, undefined, 'when-read');
  phases.analyze += cpuMs() - t;
  t = cpuMs();
  const facts = forWorkspace(result.facts, text);
  phases.trim += cpuMs() - t;
  t = cpuMs();
  const signature = crossFileSignature(result.facts, facts);
  phases.signature += cpuMs() - t;
  t = cpuMs();
  project.set(file, language, facts, text);
  phases.project += cpuMs() - t;
  // The server runs the cross-file rules again when the file's cross-file facts changed.
  t = cpuMs();
  if (!sameSignature(lastSignature, signature)) {
    engine.analyzeProject(project);
    crossFileRuns++;
  }
  lastSignature = signature;
  phases.crossFile += cpuMs() - t;
  t = cpuMs();
  JSON.stringify(diagnosticsFor(result.findings, result.problems, engine.catalog, (p) => p));
  phases.diagnostics += cpuMs() - t;
};
step();

const lines = text.split('\n');
const r = rng(DEFAULT_SEED ^ 0xed17);
const samples = [];
// The first edits run while V8 still compiles and optimizes the code; they are not counted (run.mjs warms up too).
const WARMUP = 20;
let warm = false;
while (samples.length < (warm ? EDITS : WARMUP)) {
  if (!warm && samples.length + 6 > WARMUP) {
    warm = true;
    samples.length = 0;
    for (const key of Object.keys(phases)) phases[key] = 0;
    for (const key of Object.keys(byRule)) byRule[key] = 0;
    crossFileRuns = 0;
  }
  let line, character;
  for (;;) {
    line = r.int(0, lines.length - 1);
    const identifiers = [...lines[line].matchAll(/[A-Za-z_][A-Za-z0-9_]{2,}/g)];
    if (identifiers.length === 0) continue;
    const m = r.pick(identifiers);
    character = m.index + m[0].length;
    break;
  }
  const at = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
  const type = (next) => {
    text = next;
    const start = cpuMs();
    step();
    samples.push(cpuMs() - start);
  };
  for (let i = 1; i <= 3; i++) type(text.slice(0, at) + 'xyz'.slice(0, i) + text.slice(at + i - 1));
  for (let i = 2; i >= 0; i--) type(text.slice(0, at) + 'xyz'.slice(0, i) + text.slice(at + i + 1));
}
samples.sort((a, b) => a - b);
if (process.argv.includes("--tail")) console.log(`slowest: ${samples.slice(-15).map((s) => s.toFixed(1)).join(" ")}`);
const per = (ms) => Math.round((ms / samples.length) * 100) / 100;
console.log(`${language}: ${samples.length} edits; CPU per edit p50 ${per(samples[Math.floor(samples.length / 2)] * samples.length)} ms, p95 ${per(samples[Math.floor(samples.length * 0.95)] * samples.length)} ms`);
console.log(`cross-file rules ran on ${crossFileRuns} of ${samples.length} edits (${Math.round((crossFileRuns * 100) / samples.length)} %)`);
console.log(`mean CPU ms per edit by phase (parse, extract, rules and signals are inside analyze; snapshot inside extract): ${JSON.stringify(Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, per(v)])))}`);
if (process.argv.includes('--rules')) {
  const top = Object.entries(byRule).sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`costliest rules, mean CPU ms per edit: ${top.map(([id, ms]) => `${id} ${per(ms)}`).join(', ')}`);
}
