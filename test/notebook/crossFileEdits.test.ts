// A notebook's cross-file findings over the language server: an edit of its cells that changes nothing the cross-file
// rules read moves them (and the related places in other files that point into its modules) instead of running the
// rules again; after every edit, what the server shows equals what a fresh server shows with the notebook opened as
// it now is.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Random } from '../fuzz/random';
import { lineOrCharacterEdit } from '../randomEdits';
import { startNotebookWorkspace, type NotebookWorkspace } from './workspaceServer';

const HELPERS = 'import boto3\n\nclient = boto3.client("bedrock-runtime")\n\n\ndef chat(**kwargs):\n    return client.converse(**kwargs)\n';
const SERVICE = 'from tools import ask\n\n\ndef answer(question):\n    return ask(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])\n';
const FILES = { 'helpers.py': HELPERS, 'service.py': SERVICE };
const GUARDRAIL = 'guardrailConfig={"guardrailIdentifier": "gr-1", "guardrailVersion": "1"}';
const SUPPRESSION = '# ai-lens: ignore[bedrock-call-without-guardrail] -- tested';
const CELLS = [
  'import boto3\nfrom helpers import chat\n',
  // A module the notebook writes, whose wrapper `service.py` calls: its findings point into this cell.
  '%%writefile tools.py\nimport boto3\n\nrt = boto3.client("bedrock-runtime")\n\n\ndef ask(**kwargs):\n    return rt.converse(**kwargs)\n',
  '# Some notes\ncount = 1\n',
  'reply = chat(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": "hi"}]}])\n',
  `other = chat(modelId="amazon.nova-lite-v1:0", messages=[])  ${SUPPRESSION}\n`,
];

/** What a fresh server shows with the notebook opened with these cells. */
async function freshDiagnostics(cells: readonly string[]): Promise<ReturnType<NotebookWorkspace['diagnostics']>> {
  const fresh = await startNotebookWorkspace(FILES, 'nb.ipynb', cells);
  try {
    return fresh.diagnostics();
  } finally {
    fresh.close();
  }
}

/** The code of each finding shown, by file or cell. */
function codes(diagnostics: ReturnType<NotebookWorkspace['diagnostics']>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(diagnostics).map(([name, list]) => [name, list.map((d) => d.code)]));
}

describe('language server: a notebook\'s cross-file findings follow its edits', () => {
  let server: NotebookWorkspace;
  const cells = [...CELLS];
  const edit = async (index: number, text: string) => {
    cells[index] = text;
    await server.editCell(index, text);
  };
  const expectFresh = async (why: string) => assert.deepEqual(server.diagnostics(), await freshDiagnostics(cells), why);

  before(async () => {
    server = await startNotebookWorkspace(FILES, 'nb.ipynb', CELLS);
  });

  after(() => server.close());

  it('shows the findings in the cells and in the file that calls the written module', () => {
    const shown = codes(server.diagnostics());
    assert.deepEqual(shown['cell 3'], ['bedrock-call-without-guardrail', 'llm-call-without-max-tokens']);
    assert.deepEqual(shown['cell 4'], ['llm-call-without-max-tokens'], 'the guardrail finding is suppressed');
    assert.deepEqual(shown['service.py'], ['bedrock-call-without-guardrail', 'llm-call-without-max-tokens']);
    const related = server.diagnostics()['service.py'][0].relatedInformation!;
    assert.match(related[0].location.uri, /^vscode-notebook-cell:.*nb\.ipynb#cell1$/);
  });

  it('moves them with typing in a line, without running the cross-file rules: in the cell typed in, and in the written module', async () => {
    const runs = server.runs();
    const shownBefore = server.diagnostics();
    await edit(3, CELLS[3].replace('reply = chat', 'reply_text = chat'));
    await edit(1, CELLS[1].replace('    return rt.converse', '    return  rt.converse'));
    await edit(0, CELLS[0].replace('import boto3', 'import boto3  # for the client'));
    assert.equal(server.runs(), runs);
    const shown = server.diagnostics();
    assert.notDeepEqual(shown['cell 3'].map((d) => d.range), shownBefore['cell 3'].map((d) => d.range), 'the findings moved');
    assert.notDeepEqual(shown['service.py'][0].relatedInformation, shownBefore['service.py'][0].relatedInformation, 'the related place moved');
    await expectFresh('after typing');
  });

  it('applies the cells\' suppressions again: a suppression without a reason silences nothing', async () => {
    const runs = server.runs();
    await edit(4, CELLS[4].replace(' -- tested', ''));
    assert.equal(server.runs(), runs);
    assert.ok(codes(server.diagnostics())['cell 4'].includes('bedrock-call-without-guardrail'));
    await expectFresh('suppression without a reason');
    await edit(4, CELLS[4]);
    await expectFresh('suppression again');
  });

  it('runs them again when an edit changes what they read', async () => {
    const runs = server.runs();
    await edit(3, cells[3].replace('messages=[', `${GUARDRAIL}, messages=[`));
    assert.equal(server.runs(), runs + 1);
    assert.deepEqual(codes(server.diagnostics())['cell 3'], ['llm-call-without-max-tokens']);
    await expectFresh('guardrail added');
    await edit(1, cells[1].replace('rt.converse(**kwargs)', `rt.converse(**kwargs, ${GUARDRAIL})`));
    assert.equal(server.runs(), runs + 2);
    assert.deepEqual(codes(server.diagnostics())['service.py'], ['llm-call-without-max-tokens']);
    await expectFresh('guardrail added to the written wrapper');
  });

  it('runs them again when an edit moves lines, whose numbers messages may name', async () => {
    const runs = server.runs();
    await edit(1, cells[1].replace('def ask', '# The wrapper\ndef ask'));
    assert.equal(server.runs(), runs + 1);
    assert.match(String(server.diagnostics()['service.py'][0].message), /tools\.py line 9\b/);
    await expectFresh('a line put in the written module');
  });

  it('equals a fresh open after random edits: typing in lines, lines put in and taken out, calls guarded and not', async () => {
    const random = new Random(2027);
    const typed = ['x', 'q_', ' ', '1', ', ', '#'];
    const lines = ['x = 1\n', 'import json\n', '\n', '# a note\n', `# ${SUPPRESSION}\n`];
    let moved = 0;
    for (let step = 0; step < 60; step++) {
      const index = random.int(0, cells.length - 1);
      const text = cells[index];
      const runs = server.runs();
      let next: string;
      const kind = random.int(0, 9);
      if (kind <= 5) {
        // Typing at the end of a word, as the bench types.
        const words = [...text.matchAll(/[A-Za-z_]\w{2,}/g)];
        const word = random.pick(words);
        const at = word.index! + word[0].length;
        next = text.slice(0, at) + random.pick(typed) + text.slice(at);
      } else if (kind <= 7) next = lineOrCharacterEdit(text, lines, typed, random);
      else next = text.includes(GUARDRAIL) ? text.replace(`, ${GUARDRAIL}`, '').replace(`${GUARDRAIL}, `, '') : text.replace('(**kwargs)', `(**kwargs, ${GUARDRAIL})`).replace('messages=[', `${GUARDRAIL}, messages=[`);
      if (next === text) continue;
      await edit(index, next);
      if (server.runs() === runs) moved++;
      await expectFresh(`step ${step}: cell ${index} is now ${JSON.stringify(next)}`);
    }
    assert.ok(moved >= 20, `the cross-file rules did not run on ${moved} edits`);
  });
});
