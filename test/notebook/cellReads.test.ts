// What an editor's notebook cells made is kept from one analysis to the next (`CellReads`), in the analysis and in the
// flow's reach: after random edits of cells (typing, lines with IPython magics put in and taken out, cells added,
// doubled and removed), the modules, facts and findings equal those made without anything kept.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import { detectLanguage } from '../../server/src/engine/languages';
import { CellReads, notebookModules } from '../../server/src/engine/notebook/modules';
import { documentOfCells, type CellText } from '../../server/src/engine/notebook/read';
import { Random } from '../fuzz/random';
import { lineOrCharacterEdit } from '../randomEdits';

const PATH = '/work/analysis.ipynb';
const CELLS: CellText[] = [
  { kind: 'code', text: '%pip install boto3\nimport boto3\nfrom tools import ask\n' },
  { kind: 'markdown', text: '# Calling the model\nSome `bedrock` notes.\n' },
  { kind: 'code', text: '%%writefile tools.py\nimport boto3\n\nrt = boto3.client("bedrock-runtime")\n\n\ndef ask(**kwargs):\n    return rt.converse(**kwargs)\n' },
  { kind: 'code', text: 'client = boto3.client("bedrock-runtime")\nfiles = !ls\n' },
  { kind: 'code', text: '%%time\nreply = client.converse(modelId="amazon.nova-lite-v1:0", messages=[])\nprint(reply)\n' },
  { kind: 'code', text: '%%bash\necho hi\n' },
  { kind: 'code', text: 'answer = ask(modelId="amazon.nova-lite-v1:0", messages=[])  # ai-lens: ignore[llm-call-without-max-tokens] -- tested\nanswer?\n' },
];
const LINES = ['%matplotlib inline\n', '!pip install x\n', 'x = %time 1\n', 'pip install y\n', 'import json\n', '\n', '%%capture\n', '%%writefile tools.py\n', 'y = (1,\n'];
const TYPED = ['x', '%', '!', '?', '(', '"', ' ', '\\'];

/** A random edit of the cells: one cell edited (most often), or a cell added, doubled or removed. */
function edited(cells: CellText[], random: Random): CellText[] {
  const index = random.int(0, cells.length - 1);
  const next = [...cells];
  switch (random.int(0, 9)) {
    case 0:
      next.splice(index, 0, { kind: 'code', text: random.pick(LINES) });
      break;
    case 1:
      next.splice(index, 0, { ...cells[index] });
      break;
    case 2:
      if (cells.length > 2) next.splice(index, 1);
      break;
    default:
      next[index] = { ...cells[index], text: lineOrCharacterEdit(cells[index].text, LINES, TYPED, random) };
  }
  return next;
}

/** What a reach read of each file (its private entries). */
function readsOf(reach: object): unknown {
  return (reach as { entries: Map<string, unknown> }).entries;
}

describe('what a notebook\'s cells made, kept from edit to edit', () => {
  let engine: Engine;
  let fresh: Engine;

  before(async () => {
    engine = await Engine.create(undefined, ['python']);
    fresh = await Engine.create(undefined, ['python']);
  });

  it('gives the modules, facts and findings of a fresh analysis after random edits', () => {
    const detect = (path: string, text: string) => detectLanguage(path, text);
    for (const seed of [3, 17, 29]) {
      const random = new Random(seed);
      const reads = new CellReads();
      let cells = CELLS;
      let findings = 0;
      for (let step = 0; step < 60; step++, cells = edited(cells, random)) {
        const why = `seed ${seed}, edit ${step}`;
        assert.deepEqual(notebookModules(documentOfCells(cells), detect, reads), notebookModules(documentOfCells(cells), detect), why);
        const got = engine.analyze({ path: PATH, text: '', cells });
        fresh.release(PATH);
        const want = fresh.analyze({ path: PATH, text: '', cells });
        assert.deepEqual(got.findings, want.findings, why);
        assert.deepEqual(got.problems, want.problems, why);
        assert.deepEqual(
          got.notebook?.modules.map((m) => [m.key, m.text, m.facts]),
          want.notebook?.modules.map((m) => [m.key, m.text, m.facts]),
          why,
        );
        findings += got.findings.length;
      }
      assert.ok(findings > 0, `seed ${seed}: some findings`);
      engine.release(PATH);
    }
  });

  it('gives the flow\'s reach of a fresh read after random edits', () => {
    const reachOf = () => engine.flowReach()!;
    const random = new Random(41);
    const kept = reachOf();
    kept.set('/work/service.py', 'from tools import ask\n');
    let cells = CELLS;
    let reached = 0;
    for (let step = 0; step < 80; step++, cells = edited(cells, random)) {
      kept.set(PATH, '', cells);
      const once = reachOf();
      once.set('/work/service.py', 'from tools import ask\n');
      once.set(PATH, '', cells);
      // What it read of each file (its trigger, import words, the module names it writes), and what the flow reaches.
      assert.deepEqual(readsOf(kept), readsOf(once), `edit ${step}`);
      assert.deepEqual([...kept.selection()].sort(), [...once.selection()].sort(), `edit ${step}`);
      if (kept.has('/work/service.py')) reached++;
    }
    assert.ok(reached > 0 && reached < 80, `the file the notebook writes a module for was reached after ${reached} edits`);
  });
});
