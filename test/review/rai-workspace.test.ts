// Done-when test of the Responsible AI checks: on a workspace with Clarify jobs, a model card and a guardrail with
// contextual grounding, the review (the computation the checklist and `ai-lens report` use) shows the matching
// Responsible AI practices with evidence; removing one piece makes its practice fall back and, where a rule covers it,
// a finding appear. `ai-lens lenses` reports those practices as checked in code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import type { Review } from '../../server/src/engine/review/model';
import { reviewStatus } from '../../server/src/engine/review/status';
import { practice, sharedEngine } from './workspace';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'rai-workspace');

/** Reviews a copy of the fixture after `change` edits it, with every rule and detector, and no answers. */
async function reviewFixture(change: (dir: string) => void = () => {}): Promise<Review> {
  const engine = await sharedEngine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-rai-'));
  try {
    fs.cpSync(FIXTURE, dir, { recursive: true });
    change(dir);
    const report = scan(engine, [dir], DEFAULT_OPTIONS);
    return reviewStatus({ catalog: engine.catalog, rules: engine.activeRules(DEFAULT_OPTIONS).map((r) => r.meta), files: report.files, answers: new Map() });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function edit(dir: string, file: string, from: RegExp, to = ''): void {
  const target = path.join(dir, file);
  const text = fs.readFileSync(target, 'utf8');
  assert.match(text, from, `${file} has what the test removes`);
  fs.writeFileSync(target, text.replace(from, to));
}

const summary = (review: Review, id: string) => {
  const p = practice(review, id);
  return { status: p.status, evidence: [...new Set(p.evidence.map((e) => `${e.path} ${e.detector}`))], findings: p.findings.map((f) => `${f.path} ${f.ruleId}`) };
};

describe('Responsible AI review of a workspace', () => {
  it('shows evidence for bias, explainability, the model card and contextual grounding', async () => {
    const review = await reviewFixture();
    assert.deepEqual(summary(review, 'RAIRC03-BP02'), { status: 'evidence-found', evidence: ['clarify/bias.py bias-evaluation'], findings: [] }, 'fairness measured');
    assert.deepEqual(summary(review, 'RAIDP03-BP02'), { status: 'evidence-found', evidence: ['clarify/bias.py bias-evaluation'], findings: [] }, 'dataset bias');
    assert.deepEqual(summary(review, 'RAIRC03-BP08'), { status: 'evidence-found', evidence: ['clarify/explain.py explainability-analysis'], findings: [] }, 'explainability measured');
    assert.deepEqual(summary(review, 'RAISP02-BP07'), { status: 'evidence-found', evidence: ['clarify/explain.py explainability-analysis'], findings: [] });
    assert.deepEqual(summary(review, 'RAIGT01-BP02'), { status: 'evidence-found', evidence: ['infra/model_card.tf sagemaker-model-card'], findings: [] }, 'system card');
    assert.deepEqual(summary(review, 'RAISP03-BP04'), { status: 'evidence-found', evidence: ['infra/assistant.tf bedrock-guardrail-grounding'], findings: [] }, 'hallucination filter');
    assert.deepEqual(summary(review, 'RAISP03-BP01'), { status: 'evidence-found', evidence: ['infra/assistant.tf bedrock-guardrail-pii'], findings: [] }, 'privacy filter');
    assert.equal(practice(review, 'RAIUC01-BP01').status, 'needs-review', 'a policy practice still needs a person');
    assert.equal(practice(review, 'RAIUC01-BP01').reason, 'only a person can judge this practice');
  });

  it('without the bias job, fairness is at risk with a finding, and explainability keeps its evidence', async () => {
    const review = await reviewFixture((dir) => fs.rmSync(path.join(dir, 'clarify', 'bias.py')));
    assert.deepEqual(summary(review, 'RAIRC03-BP02'), { status: 'at-risk', evidence: [], findings: ['credit/train.py sensitive-attributes-without-bias-evaluation'] });
    assert.equal(practice(review, 'RAIDP03-BP02').status, 'at-risk');
    assert.equal(practice(review, 'RAIRC03-BP08').status, 'evidence-found', 'explanations still count');
  });

  it('without explainability, the practice falls back to a person, and to a finding once bias goes too', async () => {
    const review = await reviewFixture((dir) => fs.rmSync(path.join(dir, 'clarify', 'explain.py')));
    const p = practice(review, 'RAIRC03-BP08');
    // The bias job keeps decisions-about-people-without-explainability quiet; as a cross-file rule it reports no
    // examined places, so the practice does not pass on checks either.
    assert.equal(p.status, 'needs-review');
    assert.deepEqual([p.evidence, p.findings], [[], []]);
    const neither = await reviewFixture((dir) => {
      fs.rmSync(path.join(dir, 'clarify', 'explain.py'));
      fs.rmSync(path.join(dir, 'clarify', 'bias.py'));
    });
    assert.deepEqual(summary(neither, 'RAIRC03-BP08').findings, ['credit/deploy.py decisions-about-people-without-explainability']);
  });

  it('without the model card, the system-card practice needs a person', async () => {
    const review = await reviewFixture((dir) => fs.rmSync(path.join(dir, 'infra', 'model_card.tf')));
    const p = practice(review, 'RAIGT01-BP02');
    assert.equal(p.status, 'needs-review');
    assert.equal(p.reason, 'no evidence of it found in the code; a person has to answer');
  });

  it('without the grounding policy, the hallucination filter is at risk with a finding', async () => {
    const review = await reviewFixture((dir) => edit(dir, 'infra/assistant.tf', /\n  contextual_grounding_policy_config \{[\s\S]*?\n  \}\n/));
    assert.deepEqual(summary(review, 'RAISP03-BP04'), { status: 'at-risk', evidence: [], findings: ['infra/assistant.tf bedrock-guardrail-without-contextual-grounding'] });
    assert.equal(practice(review, 'RAISP03-BP01').status, 'evidence-found', 'the PII policy is still there');
  });

  it('`ai-lens lenses` reports these Responsible AI practices as checked in code', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'lenses'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const line = (id: string) => result.stdout.split('\n').find((l) => l.includes(` ${id} `)) ?? '';
    assert.match(line('RAIRC03-BP02'), /\[partial\] RAIRC03-BP02 .*\(sensitive-attributes-without-bias-evaluation; evidence: bias-evaluation, bias-monitoring\)$/);
    assert.match(line('RAIRC03-BP08'), /\[partial\] RAIRC03-BP08 .*evidence: explainability-analysis, explainability-monitoring\)$/);
    assert.match(line('RAIGT01-BP02'), /\[partial\] RAIGT01-BP02 .*\(evidence: sagemaker-model-card\)$/);
    assert.match(line('RAISP03-BP04'), /\[partial\] RAISP03-BP04 .*\(bedrock-guardrail-without-contextual-grounding; evidence: bedrock-guardrail-grounding\)$/);
    assert.match(line('RAIMON01-BP05'), /\[partial\] RAIMON01-BP05 .*\(evidence: human-review\)$/);
    assert.match(line('RAIUC01-BP01'), /\[manual\] +RAIUC01-BP01 /);
    const rai = /Responsible AI Lens \(rai, [^)]*\): 99 practices, (\d+) checked in code/.exec(result.stdout);
    assert.ok(rai && Number(rai[1]) >= 17, `Responsible AI practices checked in code: ${rai?.[1]}`);
    const json = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'lenses', '--format', 'json'], { encoding: 'utf8' });
    const lens = JSON.parse(json.stdout).lenses.find((l: { id: string }) => l.id === 'rai');
    const card = lens.groups.flatMap((g: any) => g.questions).flatMap((q: any) => q.practices).find((p: { id: string }) => p.id === 'RAIGT01-BP02');
    assert.deepEqual({ automation: card.automation, rules: card.rules, evidence: card.evidence }, { automation: 'partial', rules: [], evidence: ['sagemaker-model-card'] });
  });
});
