// The lens checklist view: its tree-data provider (exported by activate) shows the three lenses with roll-ups, and
// an answer given with the view's commands lands in .ai-lens/review.yaml, changes the tree and what the CLI reports.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { test } from '../harness';
import { checklist, findPractice, lensNodes, practicesUnder, ANSWERS_FILE, reportFromCli, reportedPractice, type TreeNode } from './checklistSupport';
import { waitFor, workspaceUri } from './support';

const LENS_NAMES = ['Generative AI Lens', 'Machine Learning Lens', 'Responsible AI Lens'];
/** Manual practices that the examples' answers file leaves open: nothing in code can settle them. */
const TO_MARK_NOT_APPLICABLE = 'GENOPS01-BP01';
const TO_MARK_DONE = 'GENOPS02-BP02';

test('the checklist view shows the three lenses with roll-ups', async () => {
  await vscode.commands.executeCommand('workbench.view.extension.aiLens');
  const lenses = await waitFor('the checklist to list three lenses', () => {
    const nodes = lensNodes();
    return nodes.length === 3 ? nodes : undefined;
  });
  assert.deepEqual(lenses.map((l) => l.label), LENS_NAMES);
  let total = 0;
  for (const lens of lenses) {
    assertRollsUp(lens);
    total += practicesUnder(lens).length;
  }
  assert.equal(total, 255, 'every practice of the three lenses is listed');
  // The examples carry answers and findings; the tree shows both.
  assert.equal(findPractice('GENOPS05-BP01').practice?.status, 'not-applicable');
  assert.equal(findPractice('MLSEC05-BP01').practice?.status, 'risk-accepted');
  assert.equal(findPractice('GENSEC02-BP01').practice?.status, 'at-risk');
  assert.ok(lenses.every((l) => practicesUnder(l).some((p) => p.practice?.status === 'at-risk')), 'each lens has practices at risk in the examples');
});

test('an answer given from the view lands in the answers file, the tree and the report', async () => {
  const file = workspaceUri(ANSWERS_FILE).fsPath;
  assert.notEqual(path.resolve(file), path.resolve(checklist().extensionPath, 'examples', ANSWERS_FILE), 'the suite must run on a copy of examples/');
  const original = fs.readFileSync(file, 'utf8');
  const note = 'Evaluated by the model-risk board; the chat service has no functional KPIs of its own.';
  const answeredBefore = answeredIn('genai');
  try {
    assert.equal(findPractice(TO_MARK_NOT_APPLICABLE).practice?.status, 'needs-review');
    await vscode.commands.executeCommand('aiLens.checklist.markNotApplicable', findPractice(TO_MARK_NOT_APPLICABLE), note);

    const saved = fs.readFileSync(file, 'utf8');
    assert.match(saved, new RegExp(`\\n  ${TO_MARK_NOT_APPLICABLE}:\\n    status: not-applicable\\n    note: ${escape(note)}\\n`), saved);
    assert.ok(saved.includes('GENOPS05-BP01:') && saved.includes('MLSEC05-BP01:'), 'the other answers are kept');
    const node = await waitFor('the practice to show its answer', () => {
      const p = findPractice(TO_MARK_NOT_APPLICABLE);
      return p.practice?.status === 'not-applicable' ? p : undefined;
    }, 10_000);
    const item = checklist().view.getTreeItem(node);
    assert.equal(item.contextValue, 'practice.answered');
    assert.equal(item.description, 'not applicable');
    assert.ok(node.children?.some((c) => c.kind === 'answer' && c.label.includes(note)), 'the answer is a child of the practice');
    assert.equal(answeredIn('genai'), answeredBefore + 1, 'the lens rolls the answer up');
    assertRollsUp(lensNodes()[0]);

    const reported = reportedPractice(reportFromCli(), TO_MARK_NOT_APPLICABLE);
    assert.equal(reported.status, 'not-applicable');
    assert.equal(reported.source, 'answer');
    assert.equal(reported.answer?.note, note);

    await vscode.commands.executeCommand('aiLens.checklist.clearAnswer', findPractice(TO_MARK_NOT_APPLICABLE));
    assert.ok(!fs.readFileSync(file, 'utf8').includes(`${TO_MARK_NOT_APPLICABLE}:`), 'clearing removes the entry');
    await waitFor('the practice to need review again', () => (findPractice(TO_MARK_NOT_APPLICABLE).practice?.status === 'needs-review' ? true : undefined), 10_000);
    assert.equal(answeredIn('genai'), answeredBefore);
    assert.equal(reportedPractice(reportFromCli(), TO_MARK_NOT_APPLICABLE).status, 'needs-review');
  } finally {
    fs.writeFileSync(file, original);
  }
});

test('"Mark Done…" asks for a note in an input box and saves what is accepted', async () => {
  const file = workspaceUri(ANSWERS_FILE).fsPath;
  const original = fs.readFileSync(file, 'utf8');
  try {
    assert.equal(findPractice(TO_MARK_DONE).practice?.status, 'needs-review');
    let settled = false;
    const command = Promise.resolve(vscode.commands.executeCommand('aiLens.checklist.markDone', findPractice(TO_MARK_DONE))).finally(() => (settled = true));
    // The input box opens with the practice's current note (none): accept it as a person pressing Enter would.
    await waitFor('the input box to be accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled ? true : undefined;
    }, 10_000);
    await command;
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`\\n  ${TO_MARK_DONE}:\\n    status: done\\n`));
    await waitFor('the practice to show done', () => (findPractice(TO_MARK_DONE).practice?.status === 'done' ? true : undefined), 10_000);
    assert.equal(reportedPractice(reportFromCli(), TO_MARK_DONE).status, 'done');
  } finally {
    fs.writeFileSync(file, original);
  }
  await waitFor('the restored file to be read again', () => (findPractice(TO_MARK_DONE).practice?.status === 'needs-review' ? true : undefined), 10_000);
});

/** A lens, pillar or question says how many of the practices under it are at risk and answered. */
function assertRollsUp(node: TreeNode): void {
  const practices = practicesUnder(node);
  const atRisk = practices.filter((p) => p.practice?.status === 'at-risk').length;
  const answered = practices.filter((p) => p.practice?.answer).length;
  const description = node.description ?? '';
  assert.ok(description.includes(`${answered} of ${practices.length} answered`), `${node.label}: "${description}", expected ${answered} of ${practices.length} answered`);
  if (atRisk) assert.ok(description.startsWith(`${atRisk} at risk`), `${node.label}: "${description}", expected ${atRisk} at risk`);
  else assert.ok(!description.includes('at risk'), `${node.label}: "${description}"`);
  for (const child of node.children ?? []) if (child.kind === 'group' || child.kind === 'question') assertRollsUp(child);
}

function answeredIn(lensId: string): number {
  const lens = lensNodes().find((l) => l.id.endsWith(`lens:${lensId}`));
  assert.ok(lens, `no ${lensId} lens`);
  return practicesUnder(lens).filter((p) => p.practice?.answer).length;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
