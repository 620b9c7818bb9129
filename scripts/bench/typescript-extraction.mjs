// What TypeScript/JavaScript fact extraction costs next to parsing, in CPU milliseconds: over the TypeScript files of
// a tree, as a scan does it (each file once: its statement snapshots made from the tree, then the facts), and on a
// 3,000-line module read again with its statement snapshots kept (as after an edit that changed none). Run twice so
// the second pass is warm. Needs `npx tsc -p .` first.
//
//   node scripts/bench/typescript-extraction.mjs [TREE]   (default: a generated 2,400-file tree)
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, rng, typeScriptFile, treeFiles } from './generate.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(root, 'out', 'server', 'src', 'engine', p));
const { loadParsers } = out('parsers/treeSitter.js');
const { StatementSnapshots } = out('parsers/syntax.js');
const { extractTypeScript } = out('extract/typescript.js');

const GRAMMARS = { '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'tsx', '.js': 'tsx', '.jsx': 'tsx', '.mjs': 'tsx', '.cjs': 'tsx' };
const files = treeFiles(process.argv[2], (name) => GRAMMARS[path.extname(name)]);

const parsers = await loadParsers(['typescript', 'tsx']);
const cpu = (fn) => {
  const start = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1000, result];
};
const ms = (n) => String(Math.round(n)).padStart(6);
for (let pass = 1; pass <= 2; pass++) {
  let parse = 0;
  let snapshot = 0;
  let extract = 0;
  for (const { grammar, text } of files) {
    const [p, t] = cpu(() => parsers.parser(grammar).parse(text));
    const [s] = cpu(() => new StatementSnapshots().snapshot(t, text));
    const [e] = cpu(() => extractTypeScript(t, text, 'typescript'));
    parse += p;
    snapshot += s;
    extract += e;
    t.delete();
  }
  console.log(`pass ${pass}  ${files.length} files: parse ${ms(parse)} ms  extractTypeScript ${ms(extract)} ms (${(extract / parse).toFixed(2)}× parse; of it, statement snapshots ${ms(snapshot)} ms)`);
}

const text = typeScriptFile(rng(DEFAULT_SEED), 3000);
const t = parsers.parser('typescript').parse(text);
const kept = new StatementSnapshots();
const runs = (fn, n = 20) => {
  const times = Array.from({ length: n }, () => cpu(fn)[0]).sort((a, b) => a - b);
  return `median ${times[n >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms`;
};
console.log(`3,000-line module, extractTypeScript: fresh ${runs(() => extractTypeScript(t, text, 'typescript'))}; statement snapshots kept ${runs(() => extractTypeScript(t, text, 'typescript', undefined, kept))}`);
t.delete();
