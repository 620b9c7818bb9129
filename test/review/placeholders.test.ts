// Placeholders are never compliance: a quick fix's placeholder left in the code is a finding of the practices its rule
// serves, so the review shows them at risk, evidence detectors do not count it and the Well-Architected Tool export
// never selects them. (That every fix in the rule tables that writes a placeholder leaves such a finding behind is
// checked by the rule tester.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { waToolAnswers } from '../../server/src/report/waTool';
import { practice, reviewOf } from './workspace';

const ALL_RULES = { ...DEFAULT_OPTIONS, lenses: DEFAULT_OPTIONS.lenses };
const header = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const fixedCall = header + 'def ask(m):\n    return bedrock.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=m, guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})\n';
const filledCall = fixedCall.replace('<guardrail-id>', 'gr-4f1b2c9d').replace('DRAFT', '3');

describe('placeholders are never compliance', () => {
  it('a guardrail ID placeholder puts the guardrail practices at risk, with no evidence', async () => {
    const review = await reviewOf({ 'app.py': fixedCall }, '', ALL_RULES);
    const gensec = practice(review, 'GENSEC02-BP01');
    assert.equal(gensec.status, 'at-risk');
    assert.deepEqual(gensec.findings.map((f) => f.ruleId).sort(), ['bedrock-guardrail-draft-version', 'placeholder-not-filled-in']);
    assert.deepEqual(gensec.evidence, [], 'a placeholder guardrail is no evidence of one attached');
    assert.equal(practice(review, 'RAISP03-BP03').status, 'at-risk');
  });

  it('filled in, the same call is evidence and nothing is at risk', async () => {
    const review = await reviewOf({ 'app.py': filledCall }, '', ALL_RULES);
    const gensec = practice(review, 'GENSEC02-BP01');
    assert.equal(gensec.status, 'evidence-found');
    assert.deepEqual(gensec.findings, []);
  });

  it('a data capture placeholder is not capture evidence, and the WA Tool export does not select its practices', async () => {
    const template =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Config:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n' +
      '      ProductionVariants:\n        - VariantName: main\n          ModelName: m\n          InstanceType: ml.m5.large\n          InitialInstanceCount: 2\n' +
      '      DataCaptureConfig:\n        EnableCapture: true\n        InitialSamplingPercentage: 100\n        DestinationS3Uri: s3://<bucket>/data-capture\n' +
      '        CaptureOptions:\n          - CaptureMode: Input\n';
    const review = await reviewOf({ 'endpoint.yaml': template }, '', ALL_RULES);
    const capture = practice(review, 'MLOPS06-BP02');
    assert.equal(capture.status, 'at-risk');
    assert.ok(capture.findings.some((f) => f.ruleId === 'placeholder-not-filled-in'));
    assert.ok(!capture.evidence.some((e) => e.detector === 'sagemaker-data-capture'));
    const answers = waToolAnswers(review, {}, 'test');
    const selected = answers.flatMap((a) => [...(a.SelectedChoices ?? []), ...Object.entries(a.ChoiceUpdates ?? {}).filter(([, u]) => u.Status === 'SELECTED').map(([id]) => id)]);
    assert.ok(!selected.includes('MLOPS06_BP02'), 'never SELECTED');
    const update = answers.flatMap((a) => Object.entries(a.ChoiceUpdates ?? {})).find(([id]) => id === 'MLOPS06_BP02');
    assert.equal(update?.[1].Status, 'UNSELECTED');
  });
});
