// The costliest rules' own cost on the bench's 3,000-line Python and TypeScript files, warm and alone, in CPU
// milliseconds per check: each rule's `check` on a shallow copy of the file's facts (so every per-file index a rule
// keeps by `FileFacts` is made again, and what is kept by fact across edits is found, as for the facts an edit left
// where they were). Needs `npx tsc -p .` first.
//
//   node scripts/bench/rule-checks.mjs [RUNS]   (default 200)
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, pythonFile, rng, typeScriptFile } from './generate.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(ROOT, 'out', 'server', 'src', p));
const { Engine } = out('engine/engine.js');
const RUNS = Number(process.argv[2] ?? 200);
const RULES = ['bedrock-call-without-guardrail', 'user-input-in-system-prompt', 'bedrock-guardrail-draft-version', 'placeholder-not-filled-in', 'llm-call-without-max-tokens', 'llm-output-to-unsafe-sink'];

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const engine = await Engine.create();
const files = [
  ['python', '/bench/large.py', pythonFile(DEFAULT_SEED)],
  ['typescript', '/bench/large.ts', typeScriptFile(rng(DEFAULT_SEED), 3000)],
];
for (const [language, file, text] of files) {
  const { facts } = engine.analyze({ path: file, text, language });
  const line = [];
  for (const id of RULES) {
    const rule = engine.rules.find((r) => r.meta.id === id);
    const check = () => rule.check({ facts: { ...facts }, text, manifests: undefined, report() {} });
    for (let i = 0; i < 30; i++) check();
    const start = cpuMs();
    for (let i = 0; i < RUNS; i++) check();
    line.push(`${id} ${((cpuMs() - start) / RUNS).toFixed(2)}`);
  }
  console.log(`${language}: CPU ms per check: ${line.join(', ')}`);
}
