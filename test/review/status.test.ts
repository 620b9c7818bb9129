// Practice status on fixture workspaces: findings, evidence, passing checks, not-applicable lenses and answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRACTICE_STATUSES, type PracticeStatus, type Tally } from '../../server/src/engine/review/model';
import { followed } from '../../server/src/engine/review/status';
import { lens, practice, question, REVIEW_TEST_OPTIONS, reviewOf } from './workspace';

const converse = (extra: string) => `import boto3

runtime = boto3.client("bedrock-runtime")


def answer(question):
    return runtime.converse(
        modelId="anthropic.claude-3-haiku-20240307-v1:0",
        messages=[{"role": "user", "content": [{"text": question}]}],
        inferenceConfig={"maxTokens": 512},${extra}
    )
`;
const UNGUARDED = converse('');
const GUARDED = converse('\n        guardrailConfig={"guardrailIdentifier": "gr-1", "guardrailVersion": "1"},');
const GUARDRAIL_TF = `resource "aws_bedrock_guardrail" "main" {
  name                      = "main"
  blocked_input_messaging   = "Sorry."
  blocked_outputs_messaging = "Sorry."
}
`;

describe('practice status', () => {
  it('open findings put a practice at risk, with the findings listed', async () => {
    const review = await reviewOf({ 'app.py': UNGUARDED });
    const p = practice(review, 'GENSEC02-BP01');
    assert.equal(p.status, 'at-risk');
    assert.equal(p.source, 'workspace');
    assert.deepEqual(
      p.findings.map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}`),
      ['app.py:7 bedrock-call-without-guardrail'],
    );
    assert.deepEqual([...p.rules].sort(), ['bedrock-agent-without-guardrail', 'bedrock-call-without-guardrail']);
    assert.match(p.reason, /^1 open finding of bedrock-call-without-guardrail$/);
    assert.equal(practice(review, 'RAISP03-BP03').status, 'at-risk', 'every practice of the rule');
    assert.equal(question(review, 'GENSEC02').risk, 'high');
  });

  it('checks pass when a rule examined relevant code and found nothing', async () => {
    const review = await reviewOf({ 'app.py': GUARDED });
    // RAISP03-BP02 (security filters) has no evidence detector: the guarded call is evidence for GENSEC02-BP01 instead.
    const guardrail = practice(review, 'RAISP03-BP02');
    assert.equal(guardrail.status, 'checks-pass');
    assert.deepEqual(
      guardrail.checked.map((c) => `${c.path}:${c.range.start.line + 1} ${c.ruleId} ${c.label}`),
      ['app.py:7 bedrock-call-without-guardrail `runtime.converse` call'],
    );
    assert.match(guardrail.reason, /examined 1 place and found nothing; the rest of the practice needs a person/);
    assert.equal(practice(review, 'GENCOST03-BP02').status, 'checks-pass');
    assert.equal(question(review, 'RAISP03').risk, 'unanswered', 'a partial check does not settle the practice');
    assert.equal(practice(review, 'GENSEC02-BP01').status, 'evidence-found', 'a call with a guardrail is evidence');
  });

  it('checks do not pass on a workspace with nothing for them to examine', async () => {
    const review = await reviewOf({ 'client.py': 'import openai\n\nclient = openai.OpenAI()\n' });
    assert.equal(lens(review, 'genai').applicable, true, 'openai is generative AI');
    const p = practice(review, 'GENCOST03-BP02');
    assert.equal(p.status, 'needs-review');
    assert.deepEqual(p.checked, []);
    assert.match(p.reason, /found nothing to examine/);
  });

  it('evidence outranks passing checks, and findings outrank evidence', async () => {
    const guarded = await reviewOf({ 'app.py': GUARDED, 'infra/guardrail.tf': GUARDRAIL_TF });
    const p = practice(guarded, 'GENSEC02-BP01');
    assert.equal(p.status, 'evidence-found');
    assert.deepEqual(p.evidence.map((e) => `${e.path}:${e.range.start.line + 1} ${e.detector} ${e.message}`), [
      'app.py:7 bedrock-guardrail-attached `runtime.converse` call with a guardrail',
      'infra/guardrail.tf:1 bedrock-guardrail Bedrock guardrail `main`',
    ]);
    assert.match(p.reason, /^evidence: `runtime\.converse` call with a guardrail in app\.py:7 and 1 more$/);
    assert.equal(question(guarded, 'GENSEC02').risk, 'none', 'evidence counts as followed');

    const unguarded = await reviewOf({ 'app.py': UNGUARDED, 'infra/guardrail.tf': GUARDRAIL_TF });
    const q = practice(unguarded, 'GENSEC02-BP01');
    assert.equal(q.status, 'at-risk');
    assert.equal(q.evidence.length, 1, 'the evidence is still shown');
  });

  it('a lens whose kind of AI the workspace lacks is not applicable, unless someone answers', async () => {
    const answers = 'answers:\n  MLOPS01-BP01:\n    status: done\n';
    const review = await reviewOf({ 'infra/main.tf': GUARDRAIL_TF, 'util.py': 'def add(a, b):\n    return a + b\n' }, answers);
    const ml = lens(review, 'ml');
    assert.equal(ml.applicable, false);
    assert.equal(ml.applicability, 'no machine learning found in the workspace');
    assert.equal(ml.tally.status['not-applicable'], 104);
    assert.equal(practice(review, 'MLOPS01-BP01').status, 'done');
    assert.equal(practice(review, 'MLSEC05-BP01').reason, 'the workspace shows no machine learning');
    assert.equal(question(review, 'MLSEC05').risk, 'not-applicable');
    assert.equal(lens(review, 'genai').applicable, true, 'a Bedrock resource is generative AI');
    assert.equal(lens(review, 'rai').applicable, true, 'Responsible AI concerns any AI');
    assert.deepEqual(review.usage, { genai: ['infra/main.tf'], ml: [] });

    const plain = await reviewOf({ 'util.py': 'import json\n' });
    assert.equal(plain.tally.status['not-applicable'], 255);
    assert.equal(plain.risks['not-applicable'], 92);
  });

  it('answers: risk accepted outranks findings, findings outrank done (as a conflict), done and not applicable settle', async () => {
    const answers = `answers:
  GENSEC02-BP01:
    status: done
    note: Guardrails everywhere.
  RAISP03-BP03:
    status: risk-accepted
    note: Internal tool for staff only.
  GENOPS01-BP01:
    status: done
    note: Weekly evaluation job.
    by: Jane
    date: 2025-11-20
  GENOPS05-BP01:
    status: not-applicable
    note: No customization planned.
`;
    const review = await reviewOf({ 'app.py': UNGUARDED }, answers);
    const conflicted = practice(review, 'GENSEC02-BP01');
    assert.equal(conflicted.status, 'at-risk');
    assert.equal(conflicted.conflict, 'answered done, but the code has 1 open finding');
    assert.equal(conflicted.answer?.note, 'Guardrails everywhere.');
    const accepted = practice(review, 'RAISP03-BP03');
    assert.equal(accepted.status, 'risk-accepted');
    assert.equal(accepted.source, 'answer');
    assert.equal(accepted.reason, 'risk accepted: Internal tool for staff only. (1 open finding)');
    assert.equal(practice(review, 'GENOPS01-BP01').status, 'done');
    assert.deepEqual(practice(review, 'GENOPS01-BP01').answer, { status: 'done', note: 'Weekly evaluation job.', by: 'Jane', date: '2025-11-20' });
    const na = practice(review, 'GENOPS05-BP01');
    assert.equal(na.status, 'not-applicable');
    assert.equal(na.source, 'answer');
    assert.equal(question(review, 'GENOPS05').risk, 'not-applicable');
    assert.equal(lens(review, 'genai').tally.answered, 3);
    assert.equal(lens(review, 'rai').tally.answered, 1);
  });

  it('suppressed findings neither put a practice at risk nor let its checks pass', async () => {
    const suppressed = UNGUARDED.replace('    return runtime.converse(', '    # ai-lens: ignore[bedrock-call-without-guardrail] -- staff-only tool\n    return runtime.converse(');
    const review = await reviewOf({ 'app.py': suppressed });
    const p = practice(review, 'GENSEC02-BP01');
    assert.equal(p.status, 'needs-review');
    assert.equal(p.findings[0].suppressed, 'staff-only tool');
    assert.match(p.reason, /1 finding suppressed in code/);
  });

  it('rates questions as the Well-Architected Tool does', async () => {
    const answers = `answers:
  GENOPS02-BP01:
    status: done
  GENOPS02-BP02:
    status: risk-accepted
    note: Later.
  GENSEC01-BP01:
    status: done
  GENSEC01-BP02:
    status: done
  GENSEC01-BP03:
    status: done
  GENSEC01-BP04:
    status: not-applicable
    note: No direct access to models.
`;
    const review = await reviewOf({ 'app.py': UNGUARDED }, answers);
    assert.equal(question(review, 'GENOPS02').risk, 'high', 'one practice its rules need is not followed, whatever BP03 is');
    assert.equal(question(review, 'GENSEC01').risk, 'none', 'not applicable counts as followed');
    assert.equal(question(review, 'GENCOST03').risk, 'unanswered', 'BP02 passes a partial check: still unknown');
    const atRisk = await reviewOf({ 'app.py': UNGUARDED.replace('        inferenceConfig={"maxTokens": 512},\n', '') });
    assert.equal(question(atRisk, 'GENCOST03').risk, 'medium', 'GENCOST03 rates a missing practice medium');
    assert.equal(lens(atRisk, 'genai').risks.high, 1);
    assert.equal(lens(atRisk, 'genai').risks.medium, 1);
  });

  it('counts a practice as followed, not followed or unknown for the risk rules', () => {
    const cases: [PracticeStatus, 'automated' | 'partial' | 'manual', boolean | undefined][] = [
      ['done', 'manual', true],
      ['evidence-found', 'partial', true],
      ['not-applicable', 'manual', true],
      ['checks-pass', 'automated', true],
      ['checks-pass', 'partial', undefined],
      ['at-risk', 'partial', false],
      ['risk-accepted', 'manual', false],
      ['needs-review', 'manual', undefined],
    ];
    for (const [status, automation, expected] of cases) assert.equal(followed({ status, automation }), expected, `${status} (${automation})`);
  });

  it('rules that are turned off examine nothing and pass nothing', async () => {
    const review = await reviewOf({ 'app.py': GUARDED }, '', { ...REVIEW_TEST_OPTIONS, rules: { ...REVIEW_TEST_OPTIONS.rules, 'llm-call-without-max-tokens': 'off' } });
    const p = practice(review, 'GENCOST03-BP02');
    assert.equal(p.status, 'needs-review');
    assert.deepEqual(p.rules, []);
    assert.equal(p.reason, 'only a person can judge this practice');
    assert.ok(!review.rules.includes('llm-call-without-max-tokens'));
  });

  it('reviews only the lenses asked for, and its counts add up', async () => {
    const only = await reviewOf({ 'app.py': UNGUARDED }, '', { ...REVIEW_TEST_OPTIONS, lenses: ['genai'] });
    assert.deepEqual(only.lenses.map((l) => l.id), ['genai']);
    const review = await reviewOf({ 'app.py': UNGUARDED, 'infra/guardrail.tf': GUARDRAIL_TF });
    const sum = (tallies: Tally[]) => tallies.reduce((n, t) => n + t.practices, 0);
    assert.equal(review.tally.practices, 255);
    for (const l of review.lenses) {
      assert.equal(sum(l.groups.map((g) => g.tally)), l.tally.practices, l.id);
      for (const g of l.groups) assert.equal(sum(g.questions.map((q) => q.tally)), g.tally.practices, g.id);
      assert.equal(Object.values(l.risks).reduce((a, b) => a + b, 0), l.groups.reduce((n, g) => n + g.questions.length, 0), `${l.id} risks`);
    }
    for (const t of [review.tally, ...review.lenses.map((l) => l.tally)]) assert.equal(PRACTICE_STATUSES.reduce((n, s) => n + t.status[s], 0), t.practices);
    assert.equal(review.tally.openFindings, 4, 'one finding counted under each of its four practices');
  });
});
