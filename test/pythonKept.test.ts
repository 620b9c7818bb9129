// Python facts kept per top-level statement (`extract/pythonKept.ts`), and what the walk found in each
// (`extract/pythonModuleIndex.ts`): after long random edit sequences (characters and lines typed, deleted and replaced,
// syntax broken and mended, imports changed, module-level names renamed, bound before or after the functions that
// write to them, functions added and removed, analyses cut short by the deadline), the facts of the file are those of a fresh
// analysis of the same text, deep-equal on the whole `FileFacts`; and the language server's engine gives the same
// facts and findings as a fresh one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { AnalysisTimeout, Deadline } from '../server/src/engine/budget';
import { Engine } from '../server/src/engine/engine';
import { extractPython } from '../server/src/engine/extract/python';
import { KeptPythonFacts } from '../server/src/engine/extract/pythonKept';
import { loadParsers } from '../server/src/engine/parsers/treeSitter';
import { notebook } from './notebook/support';
import { CORPUS, CROSS_STATEMENT, edit, random } from './pythonEdits';

describe('Python facts kept per statement', () => {
  let parser: Parser;
  before(async () => {
    parser = (await loadParsers(['python'])).parser('python');
  });

  /** Extracts `text` with the kept facts and afresh, and requires the same facts; returns the kept side's counts. */
  function compare(kept: KeptPythonFacts, text: string, where: string) {
    const tree = parser.parse(text)!;
    try {
      const got = extractPython(tree, text, Deadline.never(), kept);
      const want = extractPython(tree, text);
      assert.deepEqual(got, want, where);
      return kept.last;
    } finally {
      tree.delete();
    }
  }

  it('are those of a fresh analysis after long random edit sequences, from several starting texts and seeds', () => {
    const starts = [CROSS_STATEMENT, ...CORPUS.filter((f) => fs.statSync(f).size > 1500).slice(0, 5).map((f) => fs.readFileSync(f, 'utf8'))];
    assert.ok(starts.length >= 5);
    let reused = 0;
    let evaluated = 0;
    for (const [i, start] of starts.entries()) {
      for (const seed of [1, 2, 3]) {
        const r = random(seed * 7919 + i);
        const kept = new KeptPythonFacts();
        let text = start;
        compare(kept, text, `text ${i}, seed ${seed}, start`);
        for (let step = 1; step <= 100; step++) {
          text = edit(text, r);
          const last = compare(kept, text, `text ${i}, seed ${seed}, edit ${step}`);
          reused += last.reused;
          evaluated += last.evaluated;
        }
      }
    }
    // The comparison means something only if many statements' facts were kept (random edits break the syntax of the rest of a file often).
    assert.ok(reused > evaluated, `reused ${reused}, evaluated ${evaluated}`);
  });

  it("follow what each statement's walk depends on in the others: imports, and module-level names bound before or after", () => {
    const versions = [
      CROSS_STATEMENT,
      // `copy.deepcopy(request)` may now change `request`; `log(…)` still may.
      CROSS_STATEMENT.replace('import copy\n', 'import copy\nimport pickle as copy\n'),
      CROSS_STATEMENT,
      // `log(…)` only reads what it is passed.
      `from json import dumps as log\n${CROSS_STATEMENT}`,
      CROSS_STATEMENT,
      // `PROMPTS` bound after `build` writes to it: the write is `build`'s own; then bound before it again.
      CROSS_STATEMENT.replace(/^PROMPTS = .*\n/m, '').replace(/^HISTORY = \[\]\n/m, 'HISTORY = []\nPROMPTS = {"system": "be brief"}\n'),
      CROSS_STATEMENT,
      // `HISTORY` bound before `build` too, and not at all.
      CROSS_STATEMENT.replace(/^PROMPTS = /m, 'HISTORY = []\nPROMPTS = '),
      CROSS_STATEMENT.replace(/^HISTORY = \[\]\n/m, ''),
      CROSS_STATEMENT,
    ];
    const kept = new KeptPythonFacts();
    versions.forEach((text, i) => compare(kept, text, `version ${i}`));
  });

  it('check after an edit only the statements that read what it changed, and those are enough', () => {
    // Each version changes one thing a statement reads only through one kind of dependency: a name bound once to
    // `functools.partial(…)` (`ask`, bound to something else, and a second time), a receiver type worked out through another name (`tooled` from `llm`; `use` reads only `tooled`'s, worked out
    // before it by the statement above it), a class
    // attribute of a class no module-level name binds (`Config.model`), a name passed to a call (`GUARD`).
    const base = `import boto3
from functools import partial
from langchain_aws import ChatBedrock
from llm_helpers import converse

client = boto3.client("bedrock-runtime")
GUARD = {"guardrailIdentifier": "g"}
ask = partial(converse, modelId="m1")
ask(messages=[])
llm = ChatBedrock(model_id="m")
tooled = llm.bind_tools([])
tooled.invoke("hi")


def make():
    class Config:
        model = "a"
    return Config


def use(prompt):
    reply = tooled.invoke(prompt)
    return client.converse(modelId=Config.model, messages=[reply], guardrailConfig=GUARD)


def spare():
    return 1
`;
    const versions = [
      base,
      base.replace('modelId="m1"', 'modelId="m2"'),
      base,
      `${base}ask = None\n`,
      base,
      base.replace('llm = ChatBedrock(model_id="m")', 'llm = object()'),
      base,
      base.replace('model = "a"', 'model = "b"'),
      base,
      base.replace('def spare():', 'def spare():\n    validate(GUARD)'),
      base,
    ];
    const kept = new KeptPythonFacts();
    versions.forEach((text, i) => {
      compare(kept, text, `version ${i}`);
      if (i < 2) return;
      assert.equal(kept.checked.all, false, `version ${i}: only some statements checked`);
      assert.ok(kept.checked.statements < 4, `version ${i}: ${kept.checked.statements} statements checked`);
    });
  });

  it('keep a value held in many places one value when they move (a dict of dicts read many times)', () => {
    // Each level's dict holds the next level's 8 times: copied apart, moving the statements that read `LEVEL0` would
    // make 8^5 values (a file with twelve levels ran the editor out of memory). Two functions read `CONFIG`, bound after them.
    const levels = Array.from({ length: 5 }, (_, i) => `LEVEL${i} = {${Array.from({ length: 8 }, (_, k) => `"k${k}": LEVEL${i + 1}`).join(', ')}}\n`).reverse();
    const base = [
      'import boto3\n',
      'client = boto3.client("bedrock-runtime")\n',
      'LEVEL5 = {"maxTokens": 1}\n',
      ...levels,
      'def ask(m):\n    return client.converse(modelId="anthropic.claude-3", messages=m, inferenceConfig=CONFIG)\n',
      'def tell(m):\n    return client.converse(modelId="anthropic.claude-3", messages=m, inferenceConfig=CONFIG)\n',
      'CONFIG = {"temperature": 0.2, "more": LEVEL0}\n',
    ].join('');
    const kept = new KeptPythonFacts();
    compare(kept, base, 'start');
    // Everything moves; then only `CONFIG`, which both functions' facts read; then `CONFIG` changes.
    const moved = `# a comment\n${base}`;
    compare(kept, moved, 'all moved');
    const tree = parser.parse(moved)!;
    const shared = extractPython(tree, moved, Deadline.never(), kept).calls.filter((c) => c.name === 'converse');
    tree.delete();
    const config = (call: (typeof shared)[number]) => call.args.props.get('inferenceConfig')!.value;
    assert.equal(shared.length, 2);
    const level0 = (config(shared[0]) as { props: Map<string, { value: { props: Map<string, { value: unknown }> } }> }).props.get('more')!.value;
    assert.equal(level0.props.get('k0')!.value, level0.props.get('k7')!.value, 'one LEVEL1 value for every key of LEVEL0, as in a fresh analysis');
    compare(kept, moved.replace('CONFIG = {', 'x = 1\nCONFIG = {'), 'CONFIG moved alone');
    compare(kept, moved.replace('"temperature": 0.2', '"temperature": 0.5'), 'CONFIG changed');
  });

  it('are right after analyses cut short by the deadline at any point', () => {
    const r = random(99);
    const kept = new KeptPythonFacts();
    let text = CROSS_STATEMENT;
    compare(kept, text, 'start');
    let cut = 0;
    for (let step = 1; step <= 150; step++) {
      text = edit(text, r);
      const tree = parser.parse(text)!;
      try {
        // The deadline passes after a random number of checks (it is read every 256), or not at all.
        let reads = 0;
        const limit = r.int(12);
        extractPython(tree, text, Deadline.after(Infinity, () => ++reads > limit), kept);
      } catch (error) {
        if (!(error instanceof AnalysisTimeout)) throw error;
        cut++;
      } finally {
        tree.delete();
      }
      if (r.int(3) === 0) compare(kept, text, `edit ${step}`);
    }
    assert.ok(cut >= 10, `${cut} analyses cut short`);
    compare(kept, text, 'end');
  });

  /** Analyses each version as the language server does and afresh, and requires the same facts and findings. */
  async function compareEngines(file: string, versions: (r: ReturnType<typeof random>) => Generator<string>, seed: number) {
    const incremental = await Engine.create(undefined, ['python']);
    const fresh = await Engine.create(undefined, ['python']);
    let findings = 0;
    let step = 0;
    for (const text of versions(random(seed))) {
      const got = incremental.analyze({ path: file, text });
      fresh.release(file);
      const want = fresh.analyze({ path: file, text });
      assert.deepEqual(got.facts, want.facts, `edit ${step}`);
      assert.deepEqual(got.findings, want.findings, `edit ${step}`);
      findings += got.findings.length;
      step++;
    }
    assert.ok(findings > 0);
  }

  it('give the language server the facts and findings of a fresh analysis, edit after edit', async () => {
    await compareEngines(
      '/work/module.py',
      function* (r) {
        let text = CROSS_STATEMENT;
        for (let step = 0; step <= 60; step++, text = edit(text, r)) yield text;
      },
      5,
    );
  });

  it('give a notebook the facts and findings of a fresh analysis when its cells are edited', async () => {
    await compareEngines(
      '/work/analysis.ipynb',
      function* (r) {
        const cells = CROSS_STATEMENT.split('\n\n\n');
        for (let step = 0; step <= 40; step++) {
          yield notebook(cells);
          const i = r.int(cells.length);
          cells[i] = edit(cells[i], r);
        }
      },
      11,
    );
  });
});
