// The engine over the bundled examples/ workspace: every deliberate problem is found, and the clean files stay clean.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

const EXPECTED = [
  'agents/claims_agent.py:14 llm-output-to-unsafe-sink',
  'agents/claims_agent.py:29 bedrock-call-without-guardrail',
  'agents/claims_agent.py:29 llm-call-without-max-tokens',
  'agents/orders_action_group.py:13 llm-output-to-unsafe-sink',
  'chat-service/app.py:32 bedrock-call-without-guardrail',
  'chat-service/app.py:32 llm-call-without-max-tokens',
  'chat-service/app.py:47 bedrock-call-without-guardrail',
  'chat-service/app.py:47 llm-call-without-max-tokens',
  'chat-service/faq_api.py:21 model-output-to-user-without-guardrail',
  'chat-service/rag.py:16 bedrock-call-without-guardrail',
  'chat-service/reports_agent.py:34 llm-output-to-unsafe-sink',
  'chat-service/reports_agent.py:41 user-input-in-system-prompt',
  'chat-service/reports_agent.py:47 agent-loop-without-bound',
  'chat-service/summarize_openai.py:4 llm-client-without-timeout',
  'chat-service/summarize_openai.py:8 llm-call-without-max-tokens',
  'infra/cdk/ml-stack.ts:17 sagemaker-endpoint-without-data-capture',
  'infra/cdk/ml-stack.ts:17 sagemaker-endpoint-without-kms-key',
  'infra/cdk/ml-stack.ts:28 sagemaker-notebook-without-kms-key',
  'infra/cloudformation/agent.json:94 bedrock-agent-without-guardrail',
  'infra/cloudformation/agent.json:94 bedrock-agent-without-kms-key',
  'infra/cloudformation/endpoint.yaml:19 sagemaker-endpoint-without-data-capture',
  'infra/cloudformation/endpoint.yaml:19 sagemaker-endpoint-without-kms-key',
  'infra/cloudformation/endpoint.yaml:27 sagemaker-endpoint-single-instance',
  'infra/cloudformation/endpoint.yaml:30 sagemaker-endpoint-without-alarm',
  'infra/cloudformation/endpoint.yaml:30 sagemaker-endpoint-without-autoscaling',
  'infra/cloudformation/endpoint.yaml:30 sagemaker-endpoint-without-monitoring',
  'infra/cloudformation/endpoint.yaml:54 sagemaker-notebook-imdsv1',
  'infra/cloudformation/endpoint.yaml:54 sagemaker-notebook-root-access',
  'infra/cloudformation/endpoint.yaml:54 sagemaker-notebook-without-kms-key',
  'infra/cloudformation/endpoint.yaml:54 sagemaker-notebook-without-vpc',
  'infra/cloudformation/endpoint.yaml:60 sagemaker-notebook-direct-internet',
  'infra/cloudformation/studio.yaml:47 sagemaker-model-without-network-isolation',
  'infra/cloudformation/studio.yaml:47 sagemaker-model-without-vpc',
  'infra/terraform/agentcore.tf:14 bedrock-agentcore-public-network',
  'infra/terraform/agentcore.tf:25 bedrock-agentcore-memory-without-kms-key',
  'infra/terraform/assistant.tf:45 bedrock-knowledge-base-data-source-without-kms-key',
  'infra/terraform/assistant.tf:58 bedrock-guardrail-without-contextual-grounding',
  'infra/terraform/assistant.tf:67 bedrock-guardrail-weak-prompt-attack-filter',
  'infra/terraform/assistant.tf:91 bedrock-invocation-logging-without-data',
  'infra/terraform/main.tf:34 sagemaker-endpoint-without-data-capture',
  'infra/terraform/main.tf:41 sagemaker-endpoint-single-instance',
  'infra/terraform/main.tf:71 sagemaker-notebook-direct-internet',
  'infra/terraform/main.tf:71 sagemaker-notebook-imdsv1',
  'infra/terraform/main.tf:71 sagemaker-notebook-root-access',
  'infra/terraform/main.tf:71 sagemaker-notebook-without-kms-key',
  'infra/terraform/main.tf:71 sagemaker-notebook-without-vpc',
  'infra/terraform/main.tf:125 bedrock-agent-without-guardrail',
  'infra/terraform/main.tf:125 bedrock-agent-without-kms-key',
  'notebooks/evaluate_assistant.ipynb:cell 5:2 bedrock-call-without-guardrail',
  'notebooks/evaluate_assistant.ipynb:cell 5:2 llm-call-without-max-tokens',
  'notebooks/evaluate_assistant.ipynb:cell 7:1 huggingface-model-without-revision',
  'notebooks/evaluate_assistant.ipynb:cell 9:8 unsafe-model-deserialization',
  'training/load_model.py:12 unsafe-model-deserialization',
  'training/load_model.py:16 unsafe-model-deserialization',
  'training/load_model.py:20 unsafe-model-deserialization',
  'training/load_model.py:24 huggingface-model-without-revision',
  'training/load_model.py:28 unsafe-model-deserialization',
  'training/train.py:9 sagemaker-training-without-kms-key',
  'training/train.py:9 sagemaker-training-without-network-isolation',
  'training/train.py:9 sagemaker-training-without-vpc',
  'training/train.py:29 sagemaker-endpoint-without-data-capture',
  'training/train.py:29 sagemaker-endpoint-without-kms-key',
  'training/train.py:29 sagemaker-endpoint-single-instance',
];

describe('examples workspace', () => {
  it('finds exactly the deliberate problems', async () => {
    const report = scan(await Engine.create(), [EXAMPLES], DEFAULT_OPTIONS);
    const found = report.files.flatMap((f) => f.result.findings.map((x) => `${f.path}:${x.cell ? `cell ${x.cell.index + 1}:${x.cell.range.start.line + 1}` : x.range.start.line + 1} ${x.ruleId}`));
    assert.deepEqual(found, EXPECTED);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.files.flatMap((f) => f.result.problems), []);
  });

  it('checks the clean files too', async () => {
    const report = scan(await Engine.create(), [EXAMPLES], DEFAULT_OPTIONS);
    const checked = report.files.map((f) => f.path);
    for (const clean of ['training/deploy_monitored.py', 'web/bedrock-client.ts', 'infra/terraform/variables.tf', 'infra/terraform/endpoints.tf', 'infra/terraform/monitoring.tf', 'chat-service/support_bot.py'])
      assert.ok(checked.includes(clean), clean);
  });

  it('every fix applies and silences its finding', async () => {
    const engine = await Engine.create();
    const report = scan(engine, [EXAMPLES], DEFAULT_OPTIONS);
    for (const file of report.files) {
      for (const finding of file.result.findings) {
        for (const fix of finding.fixes) {
          let text = fs.readFileSync(file.absolutePath, 'utf8'); // a scan keeps no file's text
          for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
          const after = engine.analyze({ path: file.absolutePath, text }, DEFAULT_OPTIONS);
          assert.deepEqual(after.problems, [], `${file.path}: fix "${fix.title}" keeps the file parseable`);
          const same = after.findings.filter((f) => f.ruleId === finding.ruleId && f.range.start.line === finding.range.start.line);
          assert.deepEqual(same.map((f) => f.message), [], `${file.path}:${finding.range.start.line + 1}: "${fix.title}" silences ${finding.ruleId}`);
        }
      }
    }
  });
});
