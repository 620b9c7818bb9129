// What Python or TypeScript/JavaScript fact extraction costs next to parsing, in CPU milliseconds: over that
// language's files of a tree, as a scan does it (each file once: its statement snapshots made from the tree, then the
// facts), and on a generated 3,000-line module read again with its statement snapshots kept (as after an edit that
// changed none), and for Python after single-character edits with its facts kept per statement (as the language
// server keeps them) against a fresh extraction of the same text. Run twice so the second pass is warm. Needs
// `npx tsc -p .` first.
//
//   node scripts/bench/extraction.mjs python|typescript [TREE]   (default: a generated 2,400-file tree)
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, pythonFile, rng, treeFiles, typeScriptFile } from './generate.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(root, 'out', 'server', 'src', 'engine', p));
const { loadParsers } = out('parsers/treeSitter.js');
const { StatementSnapshots } = out('parsers/syntax.js');
const { extractPython } = out('extract/python.js');
const { extractTypeScript } = out('extract/typescript.js');
const { KeptPythonFacts } = out('extract/pythonKept.js');

const TYPESCRIPT_GRAMMARS = { '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'tsx', '.js': 'tsx', '.jsx': 'tsx', '.mjs': 'tsx', '.cjs': 'tsx' };
const LANGUAGES = {
  python: {
    extractor: 'extractPython',
    grammars: ['python'],
    grammarOf: (name) => (name.endsWith('.py') ? 'python' : undefined),
    extract: (tree, text, snapshots) => extractPython(tree, text, undefined, snapshots),
    module: () => ['python', pythonFile(DEFAULT_SEED)],
  },
  typescript: {
    extractor: 'extractTypeScript',
    grammars: ['typescript', 'tsx'],
    grammarOf: (name) => TYPESCRIPT_GRAMMARS[path.extname(name)],
    extract: (tree, text, snapshots) => extractTypeScript(tree, text, 'typescript', undefined, snapshots),
    module: () => ['typescript', typeScriptFile(rng(DEFAULT_SEED), 3000)],
  },
};
const language = LANGUAGES[process.argv[2]];
if (!language) throw new Error(`usage: node scripts/bench/extraction.mjs ${Object.keys(LANGUAGES).join('|')} [TREE]`);

const files = treeFiles(process.argv[3], language.grammarOf);
const parsers = await loadParsers(language.grammars);
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
    const [e] = cpu(() => language.extract(t, text));
    parse += p;
    snapshot += s;
    extract += e;
    t.delete();
  }
  console.log(`pass ${pass}  ${files.length} files: parse ${ms(parse)} ms  ${language.extractor} ${ms(extract)} ms (${(extract / parse).toFixed(2)}× parse; of it, statement snapshots ${ms(snapshot)} ms)`);
}

const [grammar, text] = language.module();
const t = parsers.parser(grammar).parse(text);
const kept = new StatementSnapshots();
const runs = (fn, n = 20) => {
  const times = Array.from({ length: n }, () => cpu(fn)[0]).sort((a, b) => a - b);
  return `median ${times[n >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms`;
};
console.log(`3,000-line module, ${language.extractor}: fresh ${runs(() => language.extract(t, text))}; statement snapshots kept ${runs(() => language.extract(t, text, kept))}`);
t.delete();

if (process.argv[2] === 'python') {
  // Edits as the bench types them: a character added at the end of a word somewhere in the file.
  let edited = text;
  const facts = new KeptPythonFacts();
  const parser = parsers.parser(grammar);
  let tree = parser.parse(edited);
  extractPython(tree, edited, undefined, facts);
  const r = rng(DEFAULT_SEED ^ 0xed17);
  const kept = [];
  const fresh = [];
  let reused = 0;
  let evaluated = 0;
  const EDITS = 100;
  for (let i = 0; i < EDITS; i++) {
    const words = [...edited.matchAll(/[A-Za-z_]\w{2,}/g)];
    const word = words[r.int(0, words.length - 1)];
    const at = word.index + word[0].length;
    edited = edited.slice(0, at) + 'x' + edited.slice(at);
    tree.delete();
    tree = parser.parse(edited);
    kept.push(cpu(() => extractPython(tree, edited, undefined, facts))[0]);
    fresh.push(cpu(() => extractPython(tree, edited))[0]);
    reused += facts.last.reused;
    evaluated += facts.last.evaluated;
  }
  tree.delete();
  const median = (list) => list.sort((a, b) => a - b)[list.length >> 1].toFixed(1);
  const p95 = (list) => list.sort((a, b) => a - b)[Math.floor(list.length * 0.95)].toFixed(1);
  console.log(
    `after ${EDITS} edits, extractPython with facts kept per statement: median ${median(kept)} ms, p95 ${p95(kept)} ms; fresh: median ${median(fresh)} ms, p95 ${p95(fresh)} ms; ` +
      `statements per edit: ${(reused / EDITS).toFixed(0)} kept, ${(evaluated / EDITS).toFixed(0)} evaluated`,
  );
}
