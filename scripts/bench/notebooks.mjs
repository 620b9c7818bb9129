// Notebook inputs for `npm run bench`: the bench tree's Python files as Jupyter notebooks (the same code, split into
// cells, with markdown cells and outputs as Jupyter writes them, images included), and a 100-cell notebook for edits.
//
//   node scripts/bench/notebooks.mjs read TREE   → reads every notebook with the engine's reader alone (no parse, no
//                                                  rules) and prints {"files":N,"bytes":B}: the JSON read of a scan
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainModule, rng } from './generate.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** A 1×1 PNG repeated to the size of a small plot: outputs the reader must skip. */
const IMAGE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='.repeat(200);

/**
 * Code split into cells where top-level statements start (after a blank line, or, when asked for more cells than
 * that gives, after any line): `cells` cells at most, each a slice of the code.
 */
export function splitIntoCells(code, cells = Infinity) {
  const at = (pattern, skip) => [0, ...[...code.matchAll(pattern)].map((m) => m.index + skip)];
  let starts = at(/\n\n(?=[^\s#])/g, 2);
  if (cells !== Infinity && starts.length < cells) starts = at(/\n(?=[^\s#)\]}])/g, 1);
  const count = Math.min(cells, starts.length);
  const chosen = [...new Set(Array.from({ length: count }, (_, i) => starts[Math.floor((i * starts.length) / count)]))];
  return chosen.map((start, i) => code.slice(start, chosen[i + 1] ?? code.length)).filter((c) => c.length > 0);
}

function lines(text) {
  return text.match(/[^\n]*\n|[^\n]+/g) ?? [];
}

/** A notebook holding `code` in cells, with markdown between some, and stream and image outputs on some. */
export function notebookOf(code, seed, cells = Infinity) {
  const r = rng(seed);
  const out = [];
  for (const [i, source] of splitIntoCells(code, cells).entries()) {
    if (i % 4 === 0) out.push({ cell_type: 'markdown', metadata: {}, source: lines(`## Step ${i / 4 + 1}\n\nWhat this part of the analysis does.`) });
    const outputs = [];
    if (r.chance(0.3)) outputs.push({ name: 'stdout', output_type: 'stream', text: lines('epoch 1 loss 0.42\nepoch 2 loss 0.31\n') });
    if (r.chance(0.1)) outputs.push({ data: { 'image/png': IMAGE, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {}, output_type: 'display_data' });
    out.push({ cell_type: 'code', execution_count: i + 1, metadata: {}, outputs, source: lines(source) });
  }
  const metadata = { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } };
  return JSON.stringify({ cells: out, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

/** Paths of the files under `dir` whose names end with `ending`. */
function filesEnding(dir, ending) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith(ending)).map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** The Python files of `pyTree` as notebooks under `dest` (same relative paths, `.ipynb`). */
export function writeNotebookTree(pyTree, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  let bytes = 0;
  const files = filesEnding(pyTree, '.py').sort();
  for (const [i, file] of files.entries()) {
    const target = path.join(dest, path.relative(pyTree, file)).replace(/\.py$/, '.ipynb');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const json = notebookOf(fs.readFileSync(file, 'utf8'), i);
    fs.writeFileSync(target, json);
    bytes += Buffer.byteLength(json);
  }
  return { notebooks: files.length, megabytes: Math.round((bytes / 2 ** 20) * 100) / 100 };
}

function readAll(tree) {
  const { readNotebook } = require(path.join(root, 'out/server/src/engine/notebook/read.js'));
  let bytes = 0;
  const files = filesEnding(tree, '.ipynb');
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if ('problem' in readNotebook(text)) throw new Error(`${file} did not read`);
    bytes += Buffer.byteLength(text);
  }
  return { files: files.length, bytes };
}

if (isMainModule(import.meta.url)) {
  const [command, tree] = process.argv.slice(2);
  if (command !== 'read' || !tree) throw new Error('usage: node scripts/bench/notebooks.mjs read TREE');
  process.stdout.write(JSON.stringify(readAll(tree)) + '\n');
}
