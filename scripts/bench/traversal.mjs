// What visiting nodes costs on top of parsing, for the Python and Terraform files of a tree: a full `walk` reading
// each node's type (what the extractors do today) against fetching only the node kinds they act on, with one
// `descendantsOfType` call or one query. CPU milliseconds; run twice so the second pass is warm.
//
//   node scripts/bench/traversal.mjs [TREE]   (default: a generated 2,400-file tree)
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeFiles } from './generate.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { loadParsers } = require(path.join(root, 'out/server/src/engine/parsers/treeSitter.js'));
const { walk } = require(path.join(root, 'out/server/src/engine/parsers/walk.js'));
const { Query } = require('web-tree-sitter');

/** The node kinds each extractor acts on (extract/python.ts's switch; extract/terraform.ts's comment walk). */
const KINDS = {
  python: ['function_definition', 'lambda', 'import_statement', 'import_from_statement', 'assignment', 'augmented_assignment', 'for_statement', 'with_item', 'named_expression', 'as_pattern', 'call', 'comment'],
  terraform: ['comment'],
};

const files = treeFiles(process.argv[2], (name) => (name.endsWith('.py') ? 'python' : name.endsWith('.tf') ? 'terraform' : undefined)).map((f) => [f.grammar, f.text]);

const parsers = await loadParsers();
const queries = Object.fromEntries(Object.entries(KINDS).map(([g, kinds]) => [g, new Query(parsers.parser(g).language, kinds.map((k) => `(${k}) @node`).join(' '))]));
const cpu = (fn) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const MODES = {
  'parse only': () => 0,
  'parse + walk every node, read its type': (t) => {
    let n = 0;
    walk(t, (node) => void (node.type, n++));
    return n;
  },
  'parse + descendantsOfType(kinds)': (t, g) => {
    const nodes = t.rootNode.descendantsOfType(KINDS[g]);
    for (const node of nodes) void node.type;
    return nodes.length;
  },
  'parse + query captures of kinds': (t, g) => queries[g].captures(t.rootNode).length,
};
for (let pass = 1; pass <= 2; pass++) {
  for (const [mode, run] of Object.entries(MODES)) {
    const ms = { python: 0, terraform: 0 };
    let nodes = 0;
    for (const [grammar, text] of files) {
      ms[grammar] += cpu(() => {
        const t = parsers.parser(grammar).parse(text);
        nodes += run(t, grammar);
        t.delete();
      });
    }
    console.log(`pass ${pass}  ${mode.padEnd(40)} python ${String(Math.round(ms.python)).padStart(6)} ms  terraform ${String(Math.round(ms.terraform)).padStart(6)} ms  nodes visited ${nodes}`);
  }
}
