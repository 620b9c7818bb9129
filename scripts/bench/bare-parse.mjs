// The floor for a workspace scan: walk the same tree, read the same files and parse each with the same parser the
// engine uses (tree-sitter grammars from the project's loadParsers(), the `yaml` package for CloudFormation), and
// nothing else: no facts, no rules, no report (a notebook: its JSON read and its code cells parsed as one module).
//
//   node scripts/bench/bare-parse.mjs TREE   → prints {"files":N,"bytes":B} on stdout
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { loadParsers } = require(path.join(root, 'out/server/src/engine/parsers/treeSitter.js'));
const { detectLanguage, extensionOf } = require(path.join(root, 'out/server/src/engine/languages.js'));
const YAML = require('yaml');

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '.terraform', 'cdk.out', 'dist', 'build', '__pycache__']);

function* walk(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(full);
    } else if (entry.isFile()) yield full;
  }
}

const GRAMMAR = { python: 'python', terraform: 'terraform', typescript: null, javascript: null };

const parsers = await loadParsers();
let files = 0;
let bytes = 0;
for (const file of walk(process.argv[2])) {
  const text = fs.readFileSync(file, 'utf8');
  const language = detectLanguage(file, text);
  if (!language) continue;
  files++;
  bytes += Buffer.byteLength(text);
  if (file.endsWith('.ipynb')) {
    // A notebook: its JSON read, and its code cells parsed as one Python module.
    const cells = JSON.parse(text).cells ?? [];
    const code = cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
    parsers.parser('python').parse(code.join('\n')).delete();
    continue;
  }
  if (language === 'cloudformation') {
    YAML.parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    continue;
  }
  const ext = extensionOf(file);
  const grammar = GRAMMAR[language] ?? (ext === '.ts' || ext === '.mts' || ext === '.cts' ? 'typescript' : 'tsx');
  parsers.parser(grammar).parse(text).delete();
}
process.stdout.write(JSON.stringify({ files, bytes }) + '\n');
