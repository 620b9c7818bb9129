// The VS Code checklist's tree, built from the server's review without VS Code: structure, roll-ups, filters,
// children that open locations, and the practice commands' context.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildTree, CHILD_LIMIT, rollUpIcon, STATUS_ICONS, type TreeNode } from '../client/src/checklist/tree';
import type { Review } from '../server/src/engine/review/model';
import type { FolderReview } from '../server/src/lsp/reviewProtocol';
import { reviewOf } from './review/workspace';

const APP = `import boto3

runtime = boto3.client("bedrock-runtime")
runtime.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=m, inferenceConfig={"maxTokens": 512})
`;
const GUARDRAIL = 'resource "aws_bedrock_guardrail" "main" {\n  name = "main"\n}\n';
const ANSWERS = `answers:
  GENOPS01-BP01:
    status: done
    note: Weekly evaluation.
    by: Jane
    date: 2025-11-20
`;

function folder(review: Review, name = 'shop', problems: FolderReview['answers']['problems'] = []): FolderReview {
  return {
    folder: `/work/${name}`,
    uri: `file:///work/${name}`,
    name,
    review,
    answers: { path: '.ai-lens/review.yaml', uri: `file:///work/${name}/.ai-lens/review.yaml`, exists: true, count: 1, problems },
  };
}

function find(nodes: TreeNode[], id: string): TreeNode {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inner = node.children && findOrUndefined(node.children, id);
    if (inner) return inner;
  }
  throw new Error(`no node ${id}`);
}
function findOrUndefined(nodes: TreeNode[], id: string): TreeNode | undefined {
  try {
    return find(nodes, id);
  } catch {
    return undefined;
  }
}
/** The lens tree without the "Needs attention" group, which repeats practices. */
function lensesOnly(nodes: TreeNode[]): TreeNode[] {
  return nodes.filter((n) => n.kind !== 'attention');
}
function count(nodes: TreeNode[], kind: TreeNode['kind']): number {
  return nodes.reduce((n, node) => n + (node.kind === kind ? 1 : 0) + count(node.children ?? [], kind), 0);
}

describe('checklist tree', () => {
  let review: Review;
  before(async () => {
    review = await reviewOf({ 'app.py': APP, 'infra/guardrail.tf': GUARDRAIL }, ANSWERS);
  });

  it('has lens → pillar or focus area → question → practice, all 255 practices', () => {
    const roots = lensesOnly(buildTree({ folders: [folder(review)] }));
    assert.deepEqual(roots.map((n) => `${n.kind} ${n.label}`), ['lens Generative AI Lens', 'lens Machine Learning Lens', 'lens Responsible AI Lens']);
    assert.deepEqual(roots[0].children!.map((g) => g.label), ['Operational Excellence', 'Security', 'Reliability', 'Performance Efficiency', 'Cost Optimization', 'Sustainability']);
    assert.deepEqual(roots[2].children!.map((g) => g.label).slice(0, 2), ['Use case', 'Benefits and risks']);
    assert.equal(count(roots, 'group'), 20);
    assert.equal(count(roots, 'question'), 92);
    assert.equal(count(roots, 'practice'), 255);
    assert.ok(roots.every((r) => r.expanded), 'lenses start expanded');
    const ids = new Set<string>();
    // every id in the whole tree, "Needs attention" included, is unique
    roots.unshift(...buildTree({ folders: [folder(review)] }).filter((n) => n.kind === 'attention'));
    const visit = (nodes: TreeNode[]) => nodes.forEach((n) => (assert.ok(!ids.has(n.id), `duplicate id ${n.id}`), ids.add(n.id), visit(n.children ?? [])));
    visit(roots);
  });

  it('rolls up counts and risk on lenses, groups and questions', () => {
    const roots = lensesOnly(buildTree({ folders: [folder(review)] }));
    assert.equal(roots[0].description, '1 at risk, 1 with evidence, 1 passing checks, 1 of 51 answered · 1 high risk');
    assert.deepEqual(roots[0].icon, STATUS_ICONS['at-risk']);
    const security = find(roots, 'group:genai:security');
    assert.equal(security.description, '1 at risk, 0 of 10 answered · 1 high risk');
    const gensec02 = find(roots, 'question:GENSEC02');
    assert.equal(gensec02.label, 'GENSEC02 How do you stop generative AI applications from generating harmful, biased, or factually incorrect responses?');
    assert.equal(gensec02.description, '1 at risk, 0 of 1 answered · high risk');
    assert.equal(find(roots, 'question:GENOPS01').description, '1 of 2 answered');
    assert.deepEqual(find(roots, 'lens:ml').icon, STATUS_ICONS['not-applicable'], 'a lens that does not apply');
    assert.match(find(roots, 'lens:ml').tooltip!, /Not applicable: no machine learning found in the workspace/);
  });

  it('shows each practice\'s status with an icon and a count, and its findings, evidence and answer as children', () => {
    const roots = buildTree({ folders: [folder(review)] });
    const atRisk = find(roots, 'practice:GENSEC02-BP01');
    assert.equal(atRisk.label, 'GENSEC02-BP01 Implement guardrails to mitigate harmful or incorrect model responses');
    assert.equal(atRisk.description, 'at risk · 1 finding');
    assert.deepEqual(atRisk.icon, STATUS_ICONS['at-risk']);
    assert.equal(atRisk.contextValue, 'practice');
    assert.deepEqual(atRisk.practice, { id: 'GENSEC02-BP01', title: 'Implement guardrails to mitigate harmful or incorrect model responses', url: 'https://docs.aws.amazon.com/wellarchitected/latest/generative-ai-lens/gensec02-bp01.html', folder: '/work/shop', status: 'at-risk' });
    assert.deepEqual(atRisk.children!.map((c) => `${c.kind} ${c.description}`), ['finding app.py:4:9', 'evidence infra/guardrail.tf:1:34']);
    assert.deepEqual(atRisk.children![0].open, { uri: 'file:///work/shop/app.py', range: { start: { line: 3, character: 8 }, end: { line: 3, character: 16 } } });
    assert.deepEqual(atRisk.children![0].icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });

    const checks = find(roots, 'practice:GENCOST03-BP02');
    assert.equal(checks.description, 'checks pass · 1 examined');
    assert.deepEqual(checks.children!.map((c) => `${c.kind} ${c.label}`), ['checked Examined `runtime.converse` call']);

    const done = find(roots, 'practice:GENOPS01-BP01');
    assert.equal(done.description, 'done');
    assert.equal(done.contextValue, 'practice.answered');
    assert.deepEqual(done.children!.map((c) => `${c.kind} ${c.label} | ${c.description}`), ['answer Answered done: Weekly evaluation. | Jane, 2025-11-20']);
    assert.equal(done.children![0].open?.uri, 'file:///work/shop/.ai-lens/review.yaml');

    const manual = find(roots, 'practice:GENOPS01-BP02');
    assert.equal(manual.description, 'needs review');
    assert.deepEqual(manual.children, []);
  });

  it('filters by lens and by status, dropping empty branches', () => {
    const onlyMl = buildTree({ folders: [folder(review)] }, { lenses: ['ml'] });
    assert.deepEqual(onlyMl.map((n) => n.id), ['lens:ml'], 'no ML practice is at risk: no "Needs attention"');
    const atRisk = lensesOnly(buildTree({ folders: [folder(review)] }, { statuses: ['at-risk', 'done'] }));
    assert.deepEqual(atRisk.map((n) => n.id), ['lens:genai', 'lens:rai']);
    const practices: string[] = [];
    const visit = (nodes: TreeNode[]) => nodes.forEach((n) => (n.kind === 'practice' ? practices.push(n.id) : visit(n.children ?? [])));
    visit(atRisk);
    assert.deepEqual(practices, ['practice:GENOPS01-BP01', 'practice:GENSEC02-BP01', 'practice:RAISP02-BP10', 'practice:RAISP03-BP02', 'practice:RAISP03-BP03']);
    assert.deepEqual(buildTree({ folders: [folder(review)] }, { lenses: ['ml'], statuses: ['at-risk'] }).map((n) => n.label), ['No practice matches the filter.']);
    assert.equal(count(lensesOnly(buildTree({ folders: [folder(review)] }, { lenses: [], statuses: [] })), 'practice'), 255, 'empty filters show everything');
    assert.equal(buildTree({ folders: [folder(review)] }, { statuses: ['done'] })[0].kind, 'lens', 'a filter without at-risk hides "Needs attention"');
  });

  it('lists the practices at risk first under "Needs attention", the highest risk and the most findings first', () => {
    const [attention, ...lenses] = buildTree({ folders: [folder(review)] });
    assert.equal(attention.kind, 'attention');
    assert.equal(attention.label, 'Needs attention');
    assert.equal(attention.expanded, true);
    const atRisk = review.lenses.flatMap((l) => l.groups.flatMap((g) => g.questions.flatMap((q) => q.practices.filter((p) => p.status === 'at-risk').map((p) => ({ id: p.id, risk: q.risk })))));
    assert.ok(atRisk.length > 1);
    assert.equal(attention.description, `${atRisk.length} practices at risk`);
    assert.deepEqual(attention.children!.map((c) => c.kind), atRisk.map(() => 'practice'));
    assert.deepEqual(new Set(attention.children!.map((c) => c.practice!.id)), new Set(atRisk.map((p) => p.id)));
    const rank = (id: string) => ['high', 'medium', 'unanswered', 'none', 'not-applicable'].indexOf(atRisk.find((p) => p.id === id)!.risk);
    const ranks = attention.children!.map((c) => rank(c.practice!.id));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    // The same practice is also in its lens, under another id (tree ids must be unique), with the same commands.
    const first = attention.children![0];
    const inLens = find(lenses, `practice:${first.practice!.id}`);
    assert.equal(first.id, `attention:practice:${first.practice!.id}`);
    assert.equal(first.contextValue, inLens.contextValue);
    assert.deepEqual(first.children!.map((c) => c.label), inLens.children!.map((c) => c.label));
  });

  it('puts the answers file\'s problems first, and each folder on its own when there are several', () => {
    const problems = [{ line: 3, column: 3, message: 'unknown practice GENSEC2-BP01 (did you mean GENSEC02-BP01?)' }];
    const roots = buildTree({ folders: [folder(review, 'shop', problems), folder(review, 'ml-platform')] });
    assert.deepEqual(roots.map((n) => `${n.kind} ${n.label}`), ['folder shop', 'folder ml-platform']);
    const [first] = roots[0].children!;
    assert.equal(first.label, '.ai-lens/review.yaml: 1 problem');
    assert.deepEqual(first.children![0].open, { uri: 'file:///work/shop/.ai-lens/review.yaml', range: { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } } });
    assert.ok(find(roots, 'file:///work/ml-platform/practice:GENSEC02-BP01'), 'ids are unique per folder');
    assert.deepEqual(buildTree({ folders: [] }).map((n) => n.kind), ['message']);
  });

  it('lists at most CHILD_LIMIT children of a kind, then says how many more', () => {
    const big = structuredClone(review);
    const p = big.lenses[0].groups[1].questions.find((q) => q.id === 'GENSEC02')!.practices[0];
    p.findings = Array.from({ length: CHILD_LIMIT + 50 }, () => p.findings[0]);
    const node = find(buildTree({ folders: [folder(big)] }), 'practice:GENSEC02-BP01');
    assert.equal(node.children!.filter((c) => c.kind === 'finding').length, CHILD_LIMIT);
    assert.deepEqual(node.children!.slice(CHILD_LIMIT).map((c) => `${c.kind} ${c.label}`), ['message 50 more findings', 'evidence Bedrock guardrail `main`']);
  });

  it('picks a roll-up icon from the most urgent status', () => {
    const tally = (status: Partial<Record<string, number>>, practices = 2) => ({
      practices,
      answered: 0,
      openFindings: 0,
      status: { 'at-risk': 0, 'needs-review': 0, 'risk-accepted': 0, 'evidence-found': 0, 'checks-pass': 0, done: 0, 'not-applicable': 0, ...status },
    });
    assert.deepEqual(rollUpIcon(tally({ 'at-risk': 1, 'needs-review': 1 })), STATUS_ICONS['at-risk']);
    assert.deepEqual(rollUpIcon(tally({ 'needs-review': 1, done: 1 })), STATUS_ICONS['needs-review']);
    assert.deepEqual(rollUpIcon(tally({ 'not-applicable': 2 })), STATUS_ICONS['not-applicable']);
    assert.deepEqual(rollUpIcon(tally({ 'risk-accepted': 1, done: 1 })), STATUS_ICONS['risk-accepted']);
    assert.deepEqual(rollUpIcon(tally({ 'evidence-found': 1, 'not-applicable': 1 })), STATUS_ICONS.done);
  });
});
