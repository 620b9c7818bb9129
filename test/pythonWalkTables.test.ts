// The Python walk's module tables kept from one version of a file to the next and updated by difference
// (`KeptWalk` in `extract/pythonModuleIndex.ts`, `extract/partTable.ts`): after long random edit sequences, every table
// the walk hands the extractor (the module scope's bindings, definitions and writes, every inner scope's writes,
// assignments by target text, annotations, class attributes, registered tools, the facts it makes) is that of a fresh
// walk of the same text, compared by what each entry is and where.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { AnalysisTimeout, Deadline } from '../server/src/engine/budget';
import { indexStatement, qualifiedName, type Binding, type NameWrite, type Scope } from '../server/src/engine/extract/pythonIndex';
import type { Def } from '../server/src/engine/extract/pythonFlow';
import { push } from '../server/src/engine/multimap';
import { indexModule, KeptWalk, type ModuleIndex } from '../server/src/engine/extract/pythonModuleIndex';
import { StatementSnapshots, type SyntaxNode } from '../server/src/engine/parsers/syntax';
import { loadParsers } from '../server/src/engine/parsers/treeSitter';
import type { FileFacts } from '../server/src/engine/types';
import { CORPUS, CROSS_STATEMENT, edit, random } from './pythonEdits';

/** The walk of one version: its tables and the facts it made. */
function walk(root: SyntaxNode, deadline: Deadline, kept?: KeptWalk): { index: ModuleIndex; facts: FileFacts } {
  const aliases = new Map<string, string>();
  const facts: FileFacts = { language: 'python', calls: [], resources: [], imports: new Set(), importedNames: aliases, comments: [], problems: [], functions: [], literals: [], exits: [] };
  const index = indexModule(root, facts, aliases, (node) => qualifiedName(node, aliases).name, deadline, kept);
  return { index, facts };
}

/** How entries are described: what each is and where, so that two walks of the same text (different node objects) compare equal. */
function describers(module: Scope) {
  // Where, not what type: a statement's snapshot is kept by its text, and the parse of a text after a syntax error
  // elsewhere may name a node inside it differently (`pattern_list`, `expression_list`).
  const node = (n: SyntaxNode | null | undefined) => (n ? `${n.startIndex}-${n.endIndex}` : null);
  const scope = (s: Scope) => (s === module ? 'module' : node(s.node));
  const binding = (b: Binding) => ({ at: b.at, value: node(b.value), param: node(b.param?.node) });
  const def = (d: Def) => ({ at: d.at, value: node(d.value) });
  const table = <V>(map: ReadonlyMap<string, readonly V[]>, each: (value: V) => unknown) =>
    [...map].map(([key, list]) => [key, list.map(each)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  /** The tables that are each statement's entries in statement order (or the last one's), nothing worked out across statements. */
  const ordered = (t: { timeline: Map<string, Binding[]>; defs: Map<string, Def[]>; bindings: Map<string, (SyntaxNode | null)[]>; annotated: Map<string, string>; attributes: ModuleIndex['attributes']; attributesWritten: Set<string> }) => ({
    timeline: table(t.timeline, binding),
    defs: table(t.defs, def),
    bindings: table(t.bindings, node),
    annotated: [...t.annotated].sort(),
    attributes: table(t.attributes, (a) => ({ value: node(a.value), scope: scope(a.scope) })),
    attributesWritten: [...t.attributesWritten].sort(),
  });
  return { node, scope, binding, def, table, ordered };
}

/** The tables `ordered` describes, put together by plain loops over each statement's own walk: what the kept tables must equal. */
function plainTables(root: SyntaxNode) {
  const module: Scope = { node: root, timeline: new Map(), defs: new Map(), params: new Map(), writes: new Map() };
  const t = { timeline: new Map<string, Binding[]>(), defs: new Map<string, Def[]>(), bindings: new Map<string, (SyntaxNode | null)[]>(), annotated: new Map<string, string>(), attributes: new Map<string, { value: SyntaxNode; scope: Scope }[]>(), attributesWritten: new Set<string>() };
  for (const statement of root.namedChildren) {
    const index = indexStatement(statement, module, Deadline.never());
    for (const [name, binding] of index.moduleTimeline) push(t.timeline, name, binding);
    for (const [name, def] of index.moduleDefs) push(t.defs, name, def);
    for (const [target, value] of index.bindings) push(t.bindings, target, value);
    for (const [name, type] of index.annotated) t.annotated.set(name, type);
    for (const [key, assigned] of index.attributes) push(t.attributes, key, assigned);
    for (const key of index.attributesWritten) t.attributesWritten.add(key);
  }
  return describers(module).ordered(t);
}

/** The tables of a walk, described (`describers`). */
function described({ index, facts }: { index: ModuleIndex; facts: FileFacts }) {
  const { node, scope, binding, def, table, ordered } = describers(index.module);
  const write = (w: NameWrite) => ({ at: w.at, node: node(w.node), scope: scope(w.scope), path: w.path, fixed: w.fixed, removes: w.removes, spec: w.spec?.kind });
  const scopeTables = (s: Scope) => ({
    timeline: table(s.timeline, binding),
    defs: table(s.defs, def),
    writes: table(s.writes, write),
    parent: s.parent && scope(s.parent),
    className: s.className,
  });
  for (const [id, s] of index.scopeOf) assert.equal(s.node.id, id, 'a scope is found by its own node');
  return {
    ordered: ordered({ ...index, timeline: index.module.timeline, defs: index.module.defs }),
    module: scopeTables(index.module),
    scopes: [...index.scopeOf.values()].map((s) => [scope(s), scopeTables(s)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    registeredTools: [...index.registeredTools].sort(),
    modelInputCall: index.modelInputCall,
    units: index.units.map((u) => ({
      statement: node(u.statement),
      calls: u.calls.map((c) => [node(c.node), scope(c.scope)]),
      literals: u.literals.map((c) => [node(c.node), scope(c.scope)]),
      exits: u.exits.map((c) => [node(c.node), scope(c.scope)]),
      functions: u.functions.map((f) => ({ fact: f.fact, scope: scope(f.scope), returns: f.returns.map(node), defaults: f.defaults.map(node) })),
    })),
    stringLists: index.stringListNodes.map(({ list, node: n }) => [list, node(n)]),
    facts: { imports: [...facts.imports], aliases: [...facts.importedNames!], functions: facts.functions, comments: facts.comments, stringLists: facts.stringLists },
  };
}

describe("The Python walk's module tables kept by statement", () => {
  let parser: Parser;
  before(async () => {
    parser = (await loadParsers(['python'])).parser('python');
  });

  /** Walks `text` with the kept parts and tables and afresh (as a scan walks), and requires the same tables. */
  function compare(snapshots: StatementSnapshots, kept: KeptWalk, text: string, where: string, deadline = Deadline.never()): boolean {
    const tree = parser.parse(text)!;
    try {
      let got;
      try {
        got = described(walk(snapshots.snapshot(tree, text, deadline), deadline, kept));
      } catch (error) {
        if (error instanceof AnalysisTimeout) return false;
        throw error;
      }
      const root = new StatementSnapshots().snapshot(tree, text);
      const want = described(walk(root, Deadline.never()));
      assert.deepEqual(got, want, where);
      assert.deepEqual(want.ordered, plainTables(root), `${where}: the tables put together by plain loops`);
      return true;
    } finally {
      tree.delete();
    }
  }

  it('are those of a fresh walk after long random edit sequences, from several starting texts and seeds', () => {
    const starts = [CROSS_STATEMENT, ...CORPUS.filter((f) => fs.statSync(f).size > 1500).slice(0, 5).map((f) => fs.readFileSync(f, 'utf8'))];
    let walked = 0;
    for (const [i, start] of starts.entries()) {
      for (const seed of [1, 2, 3]) {
        const r = random(seed * 7919 + i);
        const snapshots = new StatementSnapshots();
        const kept = new KeptWalk();
        let text = start;
        compare(snapshots, kept, text, `text ${i}, seed ${seed}, start`);
        for (let step = 1; step <= 100; step++) {
          text = edit(text, r);
          compare(snapshots, kept, text, `text ${i}, seed ${seed}, edit ${step}`);
          walked++;
        }
      }
    }
    assert.ok(walked >= 1500);
  });

  it('are those of a fresh walk after walks cut short by the deadline', () => {
    const r = random(42);
    const snapshots = new StatementSnapshots();
    const kept = new KeptWalk();
    let text = CROSS_STATEMENT;
    let cut = 0;
    for (let step = 1; step <= 200; step++) {
      text = edit(text, r);
      let reads = 0;
      const limit = r.int(4);
      // The deadline passes after a few of its reads (one every 256 checks, the snapshot's and the walk's), or not at all.
      const deadline = r.int(2) === 0 ? Deadline.after(Infinity, () => ++reads > limit) : Deadline.never();
      if (!compare(snapshots, kept, text, `edit ${step}`, deadline)) cut++;
    }
    compare(snapshots, kept, text, 'end');
    assert.ok(cut >= 10, `${cut} walks cut short`);
  });

  it('follow a name bound, unbound and bound again before and after the functions that write to it', () => {
    const versions = [
      CROSS_STATEMENT,
      CROSS_STATEMENT.replace(/^PROMPTS = .*\n/m, ''),
      CROSS_STATEMENT.replace(/^PROMPTS = .*\n/m, '').replace(/^HISTORY = \[\]\n/m, 'HISTORY = []\nPROMPTS = {"system": "be brief"}\n'),
      CROSS_STATEMENT.replace(/^PROMPTS = /m, 'HISTORY = []\nPROMPTS = '),
      CROSS_STATEMENT.replace(/^PROMPTS = /m, 'HISTORY = []\nPROMPTS = ').replace(/^HISTORY = \[\]\n\n\ndef replay/m, 'def replay'),
      CROSS_STATEMENT.replace(/^HISTORY = \[\]\n/m, ''),
      `HISTORY = None\n${CROSS_STATEMENT.replace(/^HISTORY = \[\]\n/m, '')}`,
      CROSS_STATEMENT,
    ];
    const snapshots = new StatementSnapshots();
    const kept = new KeptWalk();
    versions.forEach((text, i) => compare(snapshots, kept, text, `version ${i}`));
  });

  it('follow annotations, class attributes and assignments of one name in several statements as they change', () => {
    const base = [
      'def ask(client: BedrockRuntimeClient, prompt):\n    return client.converse(modelId="m", messages=prompt)\n',
      'def tune(client: SageMakerClient):\n    return client.list_models()\n',
      'class Chat:\n    model = "a"\n    def __init__(self):\n        self.model = "b"\n        self.config["k"] = 1\n',
      'client = make()\n',
    ];
    const versions = [base, [base[1], base[0], ...base.slice(2)], base.slice(1), [base[0], 'x = 1\n', ...base.slice(1)], base.slice(0, 1), base, [...base, base[1].replace('tune', 'again')]];
    const snapshots = new StatementSnapshots();
    const kept = new KeptWalk();
    versions.forEach((parts, i) => compare(snapshots, kept, parts.join('\n'), `version ${i}`));
  });
});
