// awscc resources in the workspace: cross-file checks and evidence see them as the CloudFormation types they are.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';

const engine = Engine.create();
const CROSS_FILE = new Set([
  'sagemaker-endpoint-without-monitoring',
  'sagemaker-endpoint-without-autoscaling',
  'sagemaker-endpoint-without-alarm',
  'bedrock-guardrail-not-attached',
  'model-package-approved-in-code',
]);

/** `file:line rule` for each cross-file finding in a workspace made of `files`. */
async function crossFileFindings(files: Record<string, string>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-awscc-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const report = scan(await engine, [dir], DEFAULT_OPTIONS);
    return report.files.flatMap((f) => f.result.findings.filter((x) => CROSS_FILE.has(x.ruleId)).map((x) => `${f.path}:${x.range.start.line + 1} ${x.ruleId}`)).sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const endpoint = 'resource "awscc_sagemaker_endpoint" "chat" {\n  endpoint_name        = "chat"\n  endpoint_config_name = var.endpoint_config_name\n}\n';
const monitor =
  'resource "awscc_sagemaker_data_quality_job_definition" "drift" {\n  data_quality_job_input = {\n    endpoint_input = {\n' +
  '      endpoint_name = awscc_sagemaker_endpoint.chat.endpoint_name\n      local_path    = "/opt/ml/processing/input"\n    }\n  }\n}\n';
const scaling =
  'resource "awscc_applicationautoscaling_scalable_target" "chat" {\n  service_namespace  = "sagemaker"\n  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"\n' +
  '  resource_id        = "endpoint/${awscc_sagemaker_endpoint.chat.endpoint_name}/variant/main"\n  min_capacity       = 1\n  max_capacity       = 4\n}\n';
const alarm =
  'resource "awscc_cloudwatch_alarm" "errors" {\n  namespace           = "AWS/SageMaker"\n  metric_name         = "Invocation5XXErrors"\n' +
  '  comparison_operator = "GreaterThanThreshold"\n  evaluation_periods  = 1\n  threshold           = 0\n' +
  '  dimensions = [{ name = "EndpointName", value = awscc_sagemaker_endpoint.chat.endpoint_name }]\n}\n';

describe('awscc resources in cross-file checks', () => {
  it('an awscc endpoint nothing watches, scales or alarms on is reported', async () => {
    assert.deepEqual(await crossFileFindings({ 'endpoint.tf': endpoint }), [
      'endpoint.tf:1 sagemaker-endpoint-without-alarm',
      'endpoint.tf:1 sagemaker-endpoint-without-autoscaling',
      'endpoint.tf:1 sagemaker-endpoint-without-monitoring',
    ]);
  });

  it('awscc monitors, scalable targets and alarms in other files cover it by reference', async () => {
    assert.deepEqual(await crossFileFindings({ 'endpoint.tf': endpoint, 'monitor.tf': monitor, 'scaling.tf': scaling, 'alarm.tf': alarm }), []);
  });

  it('an awscc guardrail used by an awscc agent is attached; one nothing uses is not', async () => {
    const guardrail = (name: string) => `resource "awscc_bedrock_guardrail" "${name}" {\n  name = "${name}"\n}\n`;
    const agent =
      'resource "awscc_bedrock_agent" "support" {\n  agent_name = "support"\n' +
      '  guardrail_configuration = {\n    guardrail_identifier = awscc_bedrock_guardrail.used.guardrail_id\n    guardrail_version    = "1"\n  }\n}\n';
    assert.deepEqual(await crossFileFindings({ 'guardrails.tf': guardrail('used') + guardrail('spare'), 'agent.tf': agent }), ['guardrails.tf:4 bedrock-guardrail-not-attached']);
  });

  it('an awscc model package registered as Approved is reported, with the fix in HCL', async () => {
    const text = 'resource "awscc_sagemaker_model_package" "ranker" {\n  model_package_group_name = "ranker"\n  model_approval_status    = "Approved"\n}\n';
    assert.deepEqual(await crossFileFindings({ 'package.tf': text }), ['package.tf:3 model-package-approved-in-code']);
  });
});

describe('awscc resources read as CloudFormation', () => {
  it('keep Terraform meta-arguments as written, and their address', async () => {
    const text = 'resource "awscc_bedrock_agent" "a" {\n  count      = var.enabled ? 1 : 0\n  agent_name = "a"\n  depends_on = [awscc_iam_role.agent]\n  volume_size_in_gb = 1\n}\n';
    const result = (await engine).analyze({ path: 'agent.tf', text }, DEFAULT_OPTIONS);
    const agent = result.facts!.resources[0];
    assert.equal(agent.resourceType, 'AWS::Bedrock::Agent');
    assert.equal(agent.address, 'awscc_bedrock_agent.a');
    assert.deepEqual([...agent.props.props.keys()], ['count', 'AgentName', 'depends_on', 'VolumeSizeInGB']);
  });
});
