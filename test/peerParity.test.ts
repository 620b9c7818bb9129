// The verdicts of Checkov's checks for the peer-parity rules, on fixtures written for this test in the shapes of
// Checkov's own (/work/shared/peer-fixtures is compared with, never copied): for each check, the resources Checkov
// fails are exactly the ones AI Lens reports. Where AI Lens reports more than the check is about, those findings
// belong to other rules and are filtered out by rule id. Documented disagreements: docs/iac-parity.md.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';

const engine = Engine.create();

/** The resources a rule reports in a file: the first backticked name of each message, or the users named in it. */
async function flagged(ruleId: string, filename: string, text: string, by: 'resource' | 'user' = 'resource'): Promise<string[]> {
  const result = (await engine).analyze({ path: filename, text }, DEFAULT_OPTIONS);
  const messages = result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.message);
  const names = messages.flatMap((m) => (by === 'user' ? [...(/\(used by ([^)]*)\)/.exec(m)?.[1].matchAll(/`([^`]+)`/g) ?? [])].map((x) => x[1]) : [/`([^`]+)`/.exec(m)![1]]));
  return [...new Set(names)].sort();
}

const notebookTf = (name: string, body = '') =>
  `resource "aws_sagemaker_notebook_instance" "${name}" {\n  name          = "${name}"\n  instance_type = "ml.t3.large"\n  role_arn      = aws_iam_role.nb.arn\n${body}}\n`;
const notebookCfn = (name: string, body = '') =>
  `  ${name}:\n    Type: "AWS::SageMaker::NotebookInstance"\n    Properties:\n      InstanceType: "ml.t3.large"\n      RoleArn: !GetAtt NotebookRole.Arn\n${body}`;

describe('peer parity: Checkov SagemakerNotebookInstanceAllowsIMDSv2', () => {
  const tfImds = (v: string) => `  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "${v}"\n  }\n`;
  const cfnImds = (v: string) => `      InstanceMetadataServiceConfiguration:\n        MinimumInstanceMetadataServiceVersion: "${v}"\n`;
  it('Terraform: version 2 passes; version 1 and left out fail', async () => {
    const text = notebookTf('v2', tfImds('2')) + notebookTf('v1', tfImds('1')) + notebookTf('unset');
    assert.deepEqual(await flagged('sagemaker-notebook-imdsv1', 'main.tf', text), ['unset', 'v1']);
  });
  it('CloudFormation: the same', async () => {
    const text = 'Resources:\n' + notebookCfn('V2', cfnImds('2')) + notebookCfn('V1', cfnImds('1')) + notebookCfn('Unset');
    assert.deepEqual(await flagged('sagemaker-notebook-imdsv1', 'template.yaml', text), ['Unset', 'V1']);
  });
});

/** A data-quality job definition in Checkov's shapes, with optional parts. */
function jobTf(name: string, parts: { outputKey?: boolean; volumeKey?: boolean; resources?: boolean; network?: string }): string {
  return (
    `resource "aws_sagemaker_data_quality_job_definition" "${name}" {\n  name     = "${name}"\n  role_arn = aws_iam_role.monitor.arn\n` +
    '  data_quality_app_specification {\n    image_uri = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/monitor:1"\n  }\n' +
    '  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = "scoring"\n      local_path    = "/opt/ml/processing/input"\n    }\n  }\n' +
    `  data_quality_job_output_config {\n${parts.outputKey ? '    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/output"\n' : ''}` +
    '    monitoring_outputs {\n      s3_output {\n        s3_uri     = "s3://monitor-results/dq"\n        local_path = "/opt/ml/processing/output"\n      }\n    }\n  }\n' +
    (parts.resources === false
      ? ''
      : `  job_resources {\n    cluster_config {\n      instance_count    = 1\n      instance_type     = "ml.m5.large"\n      volume_size_in_gb = 30\n${parts.volumeKey ? '      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/volume"\n' : ''}    }\n  }\n`) +
    (parts.network !== undefined ? `  network_config {\n    enable_inter_container_traffic_encryption = ${parts.network}\n  }\n` : '') +
    '}\n'
  );
}

function jobCfn(name: string, parts: { outputKey?: boolean; volumeKey?: boolean; instances?: number; network?: string }): string {
  return (
    `  ${name}:\n    Type: "AWS::SageMaker::DataQualityJobDefinition"\n    Properties:\n      RoleArn: !GetAtt MonitorRole.Arn\n` +
    '      DataQualityAppSpecification:\n        ImageUri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/monitor:1"\n' +
    '      DataQualityJobInput:\n        EndpointInput:\n          EndpointName: scoring\n          LocalPath: /opt/ml/processing/input\n' +
    `      DataQualityJobOutputConfig:\n${parts.outputKey ? '        KmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/output"\n' : ''}` +
    '        MonitoringOutputs:\n          - S3Output:\n              S3Uri: s3://monitor-results/dq\n              LocalPath: /opt/ml/processing/output\n' +
    `      JobResources:\n        ClusterConfig:\n          InstanceCount: ${parts.instances ?? 1}\n          InstanceType: ml.m5.large\n          VolumeSizeInGB: 30\n` +
    (parts.volumeKey ? '          VolumeKmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/volume"\n' : '') +
    (parts.network !== undefined ? `      NetworkConfig:\n        EnableInterContainerTrafficEncryption: ${parts.network}\n` : '')
  );
}

/** The output-key half of the KMS rule (the volume half is SagemakerDataQualityJobDefinitionVolumeEncryption). */
async function outputKeyFlagged(filename: string, text: string): Promise<string[]> {
  const result = (await engine).analyze({ path: filename, text }, DEFAULT_OPTIONS);
  return result.findings
    .filter((f) => f.ruleId === 'sagemaker-monitoring-job-without-kms-key' && /reports it writes to S3/.test(f.message))
    .map((f) => /`([^`]+)`/.exec(f.message)![1])
    .sort();
}

async function volumeKeyFlagged(filename: string, text: string): Promise<string[]> {
  const result = (await engine).analyze({ path: filename, text }, DEFAULT_OPTIONS);
  return result.findings
    .filter((f) => f.ruleId === 'sagemaker-monitoring-job-without-kms-key' && /processing volume/.test(f.message))
    .map((f) => /`([^`]+)`/.exec(f.message)![1])
    .sort();
}

describe('peer parity: Checkov SagemakerDataQualityJobDefinitionEncryption (output KMS key)', () => {
  it('Terraform', async () => {
    const text = jobTf('with_key', { outputKey: true, volumeKey: true }) + jobTf('without_key', { volumeKey: true });
    assert.deepEqual(await outputKeyFlagged('main.tf', text), ['without_key']);
  });
  it('CloudFormation', async () => {
    const text = 'Resources:\n' + jobCfn('WithKey', { outputKey: true, volumeKey: true }) + jobCfn('WithoutKey', { volumeKey: true });
    assert.deepEqual(await outputKeyFlagged('template.yaml', text), ['WithoutKey']);
  });
});

describe('peer parity: Checkov SagemakerDataQualityJobDefinitionVolumeEncryption', () => {
  it('Terraform: no volume key, and no job resources at all, fail', async () => {
    const text = jobTf('with_key', { outputKey: true, volumeKey: true }) + jobTf('without_key', { outputKey: true }) + jobTf('no_resources', { outputKey: true, resources: false });
    assert.deepEqual(await volumeKeyFlagged('main.tf', text), ['no_resources', 'without_key']);
  });
  it('CloudFormation: on one instance or two', async () => {
    const text = 'Resources:\n' + jobCfn('WithKey', { outputKey: true, volumeKey: true }) + jobCfn('OneInstance', { outputKey: true }) + jobCfn('TwoInstances', { outputKey: true, instances: 2 });
    assert.deepEqual(await volumeKeyFlagged('template.yaml', text), ['OneInstance', 'TwoInstances']);
  });
});

describe('peer parity: Checkov SagemakerDataQualityJobDefinitionTrafficEncryption', () => {
  const rule = 'sagemaker-monitoring-job-without-inter-container-encryption';
  it('Terraform: true passes; false and left out fail (AWS defaults to false)', async () => {
    const text = jobTf('on', { network: 'true' }) + jobTf('off', { network: 'false' }) + jobTf('unset', {});
    assert.deepEqual(await flagged(rule, 'main.tf', text), ['off', 'unset']);
  });
  it('CloudFormation: the same', async () => {
    const text = 'Resources:\n' + jobCfn('On', { network: 'true' }) + jobCfn('Off', { network: 'false' }) + jobCfn('Unset', {});
    assert.deepEqual(await flagged(rule, 'template.yaml', text), ['Off', 'Unset']);
  });
});

describe('peer parity: Checkov SagemakerFlowDefinitionUsesKMS', () => {
  const flow = (name: string, key: string) =>
    `resource "aws_sagemaker_flow_definition" "${name}" {\n  flow_definition_name = "${name}"\n  role_arn             = aws_iam_role.a2i.arn\n` +
    '  human_loop_config {\n    human_task_ui_arn = aws_sagemaker_human_task_ui.ui.arn\n    task_count        = 1\n    task_description  = "review"\n    task_title        = "review"\n' +
    `    workteam_arn      = aws_sagemaker_workteam.team.arn\n    task_availability_lifetime_in_seconds = 60\n  }\n  output_config {\n${key}    s3_output_path = "s3://reviews/out/"\n  }\n}\n`;
  it('Terraform: any key passes, none fails', async () => {
    const text = flow('keyed', '    kms_key_id     = "key-1"\n') + flow('unkeyed', '');
    assert.deepEqual(await flagged('sagemaker-human-review-without-kms-key', 'main.tf', text), ['unkeyed']);
  });
});

describe('peer parity: Checkov SageMakerIAMPolicyOverlyPermissiveToAllTraffic (verdicts on the notebooks using the role)', () => {
  const rule = 'sagemaker-execution-role-overly-permissive';
  it('Terraform: the notebook whose role allows * on * fails; scoped and policy-less roles pass', async () => {
    const roleTf = (name: string, policy?: string) =>
      `resource "aws_iam_role" "${name}" {\n  name = "${name}"\n${policy ? `  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [${policy}]\n  })\n` : ''}  assume_role_policy = ""\n}\n`;
    const nb = (name: string, role: string) => `resource "aws_sagemaker_notebook_instance" "${name}" {\n  name     = "${name}"\n  role_arn = aws_iam_role.${role}.arn\n  instance_type = ""\n}\n`;
    const text =
      roleTf('wide', '{ Effect = "Allow", Action = "*", Resource = "*" }') +
      nb('uses_wide', 'wide') +
      roleTf('narrow', '{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::bucket/key" }') +
      nb('uses_narrow', 'narrow') +
      roleTf('bare') +
      nb('uses_bare', 'bare');
    assert.deepEqual(await flagged(rule, 'main.tf', text, 'user'), ['uses_wide']);
  });
  it('CloudFormation: a trust policy allowing every action fails (as a note); sagemaker:* on one ARN with a condition passes', async () => {
    const trust = (action: string) =>
      `      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: sagemaker.amazonaws.com\n            Action: ${action}\n`;
    const nb = (name: string, role: string) => `  ${name}:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: !GetAtt ${role}.Arn\n`;
    const text =
      'Resources:\n' +
      nb('UsesPlain', 'PlainRole') +
      `  PlainRole:\n    Type: AWS::IAM::Role\n    Properties:\n${trust('sts:AssumeRole')}` +
      nb('UsesScoped', 'ScopedRole') +
      `  ScopedRole:\n    Type: AWS::IAM::Role\n    Properties:\n${trust('sts:AssumeRole')}      Policies:\n        - PolicyName: notebooks\n          PolicyDocument:\n` +
      '            Statement:\n              - Effect: Allow\n                Action: sagemaker:*\n                Resource: !Sub "arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:notebook-instance/*"\n' +
      "                Condition:\n                  IpAddress:\n                    'aws:SourceIp': 198.51.100.0/24\n" +
      nb('UsesWildTrust', 'WildTrustRole') +
      `  WildTrustRole:\n    Type: AWS::IAM::Role\n    Properties:\n${trust("'*'")}`;
    assert.deepEqual(await flagged(rule, 'template.yaml', text, 'user'), ['UsesWildTrust']);
  });
});
