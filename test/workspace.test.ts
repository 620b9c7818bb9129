// Cross-file rules over multi-file fixture workspaces written to temp folders and scanned like the CLI does.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { excludeMatcher, listFiles } from '../server/src/engine/workspace';

const engine = Engine.create();
const CROSS_FILE = new Set(['sagemaker-endpoint-without-monitoring', 'sagemaker-endpoint-without-autoscaling', 'bedrock-without-invocation-logging', 'bedrock-guardrail-not-attached', 'sagemaker-endpoint-without-alarm']);

/** `file:line rule` for each cross-file finding in a workspace made of `files` (the alarm rule aside: it has its own tests). */
async function crossFileFindings(files: Record<string, string>): Promise<string[]> {
  return (await crossFileFindingsAll(files)).filter((f) => !f.endsWith('sagemaker-endpoint-without-alarm'));
}

async function crossFileFindingsAll(files: Record<string, string>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-ws-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const report = scan(await engine, [dir], DEFAULT_OPTIONS);
    return report.files.flatMap((f) => f.result.findings.filter((x) => CROSS_FILE.has(x.ruleId)).map((x) => `${f.path}:${x.range.start.line + 1} ${x.ruleId}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const endpoint = (name: string, config = 'aws_sagemaker_endpoint_configuration.cfg.name') =>
  `resource "aws_sagemaker_endpoint" "${name}" {\n  name = "${name}-ep"\n  endpoint_config_name = ${config}\n}\n`;
const config = 'resource "aws_sagemaker_endpoint_configuration" "cfg" {\n  production_variants {\n    model_name = "m"\n    instance_type = "ml.m5.large"\n    initial_instance_count = 2\n  }\n}\n';
const monitorFor = (endpointName: string) =>
  `resource "aws_sagemaker_data_quality_job_definition" "dq" {\n  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = ${endpointName}\n    }\n  }\n}\n`;
const scalingFor = (resourceId: string, min = 1, max = 4) =>
  `resource "aws_appautoscaling_target" "t" {\n  service_namespace = "sagemaker"\n  resource_id = ${resourceId}\n  min_capacity = ${min}\n  max_capacity = ${max}\n}\n`;

describe('sagemaker-endpoint-without-monitoring and -autoscaling', () => {
  it('a monitor and a scaling target in other files cover the endpoint', async () => {
    assert.deepEqual(
      await crossFileFindings({
        'endpoint.tf': config + endpoint('chat'),
        'monitoring.tf': monitorFor('aws_sagemaker_endpoint.chat.name'),
        'scaling.tf': scalingFor('"endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"'),
      }),
      [],
    );
  });

  it('flags only the endpoint nothing watches or scales', async () => {
    assert.deepEqual(
      await crossFileFindings({
        'endpoint.tf': config + endpoint('chat') + endpoint('search'),
        'monitoring.tf': monitorFor('aws_sagemaker_endpoint.chat.name'),
        'scaling.tf': scalingFor('"endpoint/chat-ep/variant/main"'),
      }),
      ['endpoint.tf:12 sagemaker-endpoint-without-autoscaling', 'endpoint.tf:12 sagemaker-endpoint-without-monitoring'],
    );
  });

  it('a monitor naming its endpoint through a variable may watch any endpoint', async () => {
    assert.deepEqual(await crossFileFindings({ 'endpoint.tf': config + endpoint('chat'), 'monitoring.tf': monitorFor('var.endpoint_name'), 'scaling.tf': scalingFor('var.resource_id') }), []);
  });

  it('an SDK monitoring schedule may watch any endpoint', async () => {
    const found = await crossFileFindings({
      'endpoint.tf': config + endpoint('chat'),
      'monitor.py': 'from sagemaker.model_monitor import DefaultModelMonitor\nmonitor = DefaultModelMonitor(role=role)\nmonitor.create_monitoring_schedule(endpoint_input=endpoint_name)\n',
    });
    assert.deepEqual(found, ['endpoint.tf:8 sagemaker-endpoint-without-autoscaling']);
  });

  it('serverless endpoints are skipped', async () => {
    const serverless = 'resource "aws_sagemaker_endpoint_configuration" "cfg" {\n  production_variants {\n    model_name = "m"\n    serverless_config {\n      max_concurrency = 5\n      memory_size_in_mb = 2048\n    }\n  }\n}\n';
    assert.deepEqual(await crossFileFindings({ 'endpoint.tf': serverless + endpoint('chat') }), []);
  });

  it('a scaling target whose maximum equals its minimum cannot scale', async () => {
    assert.deepEqual(
      await crossFileFindings({ 'endpoint.tf': config + endpoint('chat'), 'monitoring.tf': monitorFor('aws_sagemaker_endpoint.chat.name'), 'scaling.tf': scalingFor('"endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"', 2, 2) }),
      ['scaling.tf:5 sagemaker-endpoint-without-autoscaling'],
    );
  });

  it('CloudFormation: !Sub and !GetAtt references across templates count', async () => {
    const stack =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Endpoint:\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n      EndpointConfigName: !GetAtt Config.EndpointConfigName\n' +
      '  Scaling:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      ServiceNamespace: sagemaker\n      ResourceId: !Sub "endpoint/${Endpoint.EndpointName}/variant/main"\n      MinCapacity: 1\n      MaxCapacity: 3\n';
    const monitor =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Quality:\n    Type: AWS::SageMaker::ModelQualityJobDefinition\n    Properties:\n      ModelQualityJobInput:\n        EndpointInput:\n          EndpointName: !GetAtt Endpoint.EndpointName\n';
    assert.deepEqual(await crossFileFindings({ 'stack.yaml': stack, 'monitor.yaml': monitor }), []);
    assert.deepEqual(await crossFileFindings({ 'stack.yaml': stack }), ['stack.yaml:3 sagemaker-endpoint-without-monitoring']);
  });
});

describe('bedrock-without-invocation-logging', () => {
  const agent = 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n}\n';
  it('reports once when Terraform manages Bedrock without invocation logging', async () => {
    assert.deepEqual(await crossFileFindings({ 'agent.tf': agent, 'app.py': 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n' }), ['agent.tf:1 bedrock-without-invocation-logging']);
  });
  it('is satisfied by a logging configuration in any file', async () => {
    const logging = 'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = true\n  }\n}\n';
    assert.deepEqual(await crossFileFindings({ 'agent.tf': agent, 'logging/main.tf': logging }), []);
  });
  it('does not apply to workspaces without Terraform', async () => {
    assert.deepEqual(await crossFileFindings({ 'app.py': 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n' }), []);
  });
});

describe('bedrock-guardrail-not-attached', () => {
  const logging = 'resource "aws_bedrock_model_invocation_logging_configuration" "this" {}\n';
  const guardrail = 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\nresource "aws_bedrock_guardrail_version" "v" {\n  guardrail_arn = aws_bedrock_guardrail.g.guardrail_arn\n}\n';
  it('flags a guardrail only its own version refers to', async () => {
    assert.deepEqual(await crossFileFindings({ 'guardrail.tf': guardrail, 'logging.tf': logging }), ['guardrail.tf:1 bedrock-guardrail-not-attached']);
  });
  it('an agent in another file using the guardrail attaches it', async () => {
    const agent = 'resource "aws_bedrockagent_agent" "a" {\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id\n    guardrail_version = aws_bedrock_guardrail_version.v.version\n  }\n}\n';
    assert.deepEqual(await crossFileFindings({ 'guardrail.tf': guardrail, 'agent.tf': agent, 'logging.tf': logging }), []);
  });
  it('an output handing the version to application code attaches it', async () => {
    assert.deepEqual(await crossFileFindings({ 'guardrail.tf': guardrail + 'output "guardrail_version" {\n  value = aws_bedrock_guardrail_version.v.version\n}\n', 'logging.tf': logging }), []);
  });
  const cdk = (body: string) =>
    'import * as bedrock from "aws-cdk-lib/aws-bedrock";\n' +
    'const guardrail = new bedrock.CfnGuardrail(this, "Docs", { name: "docs", blockedInputMessaging: "No.", blockedOutputsMessaging: "No." });\n' +
    body;
  it('CDK: a guardrail bound to a variable that no construct or output uses', async () => {
    const version = 'new bedrock.CfnGuardrailVersion(this, "V", { guardrailIdentifier: guardrail.attrGuardrailId });\n';
    assert.deepEqual(await crossFileFindings({ 'stack.ts': cdk(version), 'logging.tf': logging }), ['stack.ts:2 bedrock-guardrail-not-attached']);
  });
  it('CDK: an agent using the variable attaches it; so does handing it on', async () => {
    const agent = 'new bedrock.CfnAgent(this, "A", { agentName: "a", guardrailConfiguration: { guardrailIdentifier: guardrail.attrGuardrailId, guardrailVersion: "DRAFT" } });\n';
    assert.deepEqual(await crossFileFindings({ 'stack.ts': cdk(agent), 'logging.tf': logging }), []);
    assert.deepEqual(await crossFileFindings({ 'stack.ts': cdk('new CfnOutput(this, "Id", { value: guardrail.attrGuardrailId });\n'), 'logging.tf': logging }), []);
  });
  it('CDK: the same variable name in another file is another construct', async () => {
    const elsewhere = 'import * as sagemaker from "aws-cdk-lib/aws-sagemaker";\nconst guardrail = new sagemaker.CfnEndpoint(this, "E", { endpointConfigName: "c" });\nexport const name = guardrail.attrEndpointName;\n';
    const found = await crossFileFindings({ 'stack.ts': cdk(''), 'other.ts': elsewhere, 'logging.tf': logging });
    assert.deepEqual(found.filter((f) => f.endsWith('bedrock-guardrail-not-attached')), ['stack.ts:2 bedrock-guardrail-not-attached']);
  });
  it('a call passing a guardrail identifier read at run time may use it', async () => {
    const app = 'import boto3, os\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": os.environ["GUARDRAIL"], "guardrailVersion": "1"})\n';
    assert.deepEqual(await crossFileFindings({ 'guardrail.tf': guardrail, 'logging.tf': logging, 'app.py': app }), []);
  });
});

describe('CDK endpoints watched through the variables they are bound to', () => {
  const stack =
    'import * as sagemaker from "aws-cdk-lib/aws-sagemaker";\nimport * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";\n' +
    'const watched = new sagemaker.CfnEndpoint(this, "Watched", { endpointConfigName: "a" });\n' +
    'const other = new sagemaker.CfnEndpoint(this, "Other", { endpointConfigName: "b" });\n' +
    'new sagemaker.CfnMonitoringSchedule(this, "M", { endpointName: watched.attrEndpointName, monitoringScheduleConfig: { monitoringType: "DataQuality" } });\n' +
    'new cloudwatch.CfnAlarm(this, "A", { namespace: "AWS/SageMaker", metricName: "ModelLatency", dimensions: [{ name: "EndpointName", value: watched.attrEndpointName }] });\n';
  it('a monitor or alarm naming one endpoint does not cover the other', async () => {
    const found = (await crossFileFindingsAll({ 'stack.ts': stack })).filter((f) => /monitoring|alarm/.test(f));
    assert.deepEqual(found, ['stack.ts:4 sagemaker-endpoint-without-alarm', 'stack.ts:4 sagemaker-endpoint-without-monitoring']);
  });
});

describe('sagemaker-endpoint-without-alarm', () => {
  const only = async (files: Record<string, string>) => (await crossFileFindingsAll(files)).filter((f) => f.endsWith('sagemaker-endpoint-without-alarm'));
  const tfAlarm = (dims: string, namespace = '"AWS/SageMaker"') => `resource "aws_cloudwatch_metric_alarm" "a" {\n  namespace = ${namespace}\n  metric_name = "ModelLatency"\n  dimensions = ${dims}\n}\n`;
  it('a Terraform alarm in another file with the endpoint as dimension covers it', async () => {
    assert.deepEqual(await only({ 'endpoint.tf': config + endpoint('chat'), 'alarms.tf': tfAlarm('{ EndpointName = aws_sagemaker_endpoint.chat.name }') }), []);
  });
  it('an alarm on another namespace or endpoint does not', async () => {
    assert.deepEqual(await only({ 'endpoint.tf': config + endpoint('chat'), 'alarms.tf': tfAlarm('{ EndpointName = "other" }') }), ['endpoint.tf:8 sagemaker-endpoint-without-alarm']);
    assert.deepEqual(await only({ 'endpoint.tf': config + endpoint('chat'), 'alarms.tf': tfAlarm('{ EndpointName = aws_sagemaker_endpoint.chat.name }', '"AWS/Lambda"') }), ['endpoint.tf:8 sagemaker-endpoint-without-alarm']);
  });
  it('CloudFormation Dimensions lists count; an unreadable dimension may be any endpoint', async () => {
    const stack = (value: string) =>
      'Resources:\n  Endpoint:\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n      EndpointConfigName: cfg\n  Alarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/SageMaker\n      MetricName: Invocation5XXErrors\n      Dimensions:\n        - Name: EndpointName\n          Value: ' +
      value +
      '\n';
    assert.deepEqual(await only({ 's.yaml': stack('!GetAtt Endpoint.EndpointName') }), []);
    assert.deepEqual(await only({ 's.yaml': stack('!Ref EndpointNameParameter') }), []);
    assert.deepEqual(await only({ 's.yaml': stack('some-other-endpoint') }), ['s.yaml:2 sagemaker-endpoint-without-alarm']);
  });
});

describe('workspace file listing', () => {
  it('never opens excluded or git-ignored folders', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-list-'));
    for (const sub of ['node_modules/pkg/deep', '.venv/lib', 'src', 'generated/x', 'cdk.out/asset']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules/pkg/deep/a.py'), 'x = 1\n');
    fs.writeFileSync(path.join(dir, 'src/app.py'), 'x = 1\n');
    fs.writeFileSync(path.join(dir, 'src/notes.txt'), 'not checked\n');
    fs.writeFileSync(path.join(dir, 'generated/x/b.py'), 'x = 1\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'generated/\n');
    const opened: string[] = [];
    const realFs = require('node:fs') as { readdirSync: unknown }; // the module object itself, which listFiles reads through
    const original = fs.readdirSync;
    realFs.readdirSync = (p: fs.PathLike, o: unknown) => {
      opened.push(path.relative(dir, String(p)) || '.');
      return (original as (p: fs.PathLike, o: unknown) => unknown)(p, o);
    };
    try {
      const files = listFiles(dir, excludeMatcher([]), () => {});
      assert.deepEqual(files.map((f) => path.relative(dir, f)), ['src/app.py']);
      assert.deepEqual(opened.sort(), ['.', 'src']);
    } finally {
      realFs.readdirSync = original;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('responsible AI cross-file rules', () => {
  const RAI = new Set(['sensitive-attributes-without-bias-evaluation', 'decisions-about-people-without-explainability', 'model-package-approved-in-code']);
  async function raiFindings(files: Record<string, string>): Promise<string[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-rai-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const report = scan(await engine, [dir], DEFAULT_OPTIONS);
      return report.files.flatMap((f) => f.result.findings.filter((x) => RAI.has(x.ruleId)).map((x) => `${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.ruleId}`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const train =
    'import pandas as pd\nimport sagemaker\nfrom sklearn.ensemble import GradientBoostingClassifier\n' +
    'FEATURES = ["income", "tenure_months", "age", "zip_code"]\nclf = GradientBoostingClassifier().fit(df[FEATURES], df["approved"])\n';
  const deploy = 'import sagemaker\npredictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.large")\n';

  it('sensitive features with no bias evaluation anywhere are flagged at the attribute, and the deployment beside them', async () => {
    assert.deepEqual(await raiFindings({ 'credit/train.py': train, 'credit/deploy.py': deploy, 'chat/deploy.py': deploy }), [
      'credit/deploy.py:2:19 decisions-about-people-without-explainability',
      'credit/train.py:4:40 sensitive-attributes-without-bias-evaluation',
    ]);
  });

  it('a Clarify bias job in another file satisfies both', async () => {
    const clarify =
      'from sagemaker.clarify import BiasConfig, SageMakerClarifyProcessor\nprocessor = SageMakerClarifyProcessor(role=role, instance_count=1, instance_type="ml.m5.xlarge")\n' +
      'processor.run_bias(data_config=data, bias_config=BiasConfig(label_values_or_threshold=[1], facet_name="age"), model_config=model_config)\n';
    assert.deepEqual(await raiFindings({ 'credit/train.py': train, 'credit/deploy.py': deploy, 'eval/bias.py': clarify }), []);
  });

  it('explainability without bias evaluation still leaves the bias finding', async () => {
    assert.deepEqual(await raiFindings({ 'credit/train.py': train, 'credit/deploy.py': deploy, 'explain.py': 'import shap\nexplainer = shap.TreeExplainer(clf)\n' }), [
      'credit/train.py:4:40 sensitive-attributes-without-bias-evaluation',
    ]);
  });

  it('ordinary feature lists are not sensitive', async () => {
    assert.deepEqual(await raiFindings({ 'train.py': 'import pandas as pd\nFEATURES = ["page_views", "usage", "storage_gb"]\n', 'other.py': 'LABELS = ["age", "gender"]\n' }), []);
  });

  it('a model package approved in code is flagged, with a fix, unless a pipeline has a manual approval', async () => {
    const register = 'import sagemaker\nmodel.register(content_types=["text/csv"], response_types=["text/csv"], approval_status="Approved")\n';
    assert.deepEqual(await raiFindings({ 'register.py': register }), ['register.py:2:73 model-package-approved-in-code']);
    const template = 'Resources:\n  Package:\n    Type: AWS::SageMaker::ModelPackage\n    Properties:\n      ModelPackageGroupName: g\n      ModelApprovalStatus: Approved\n';
    assert.deepEqual(await raiFindings({ 'package.yaml': template }), ['package.yaml:6:7 model-package-approved-in-code']);
    const pipeline = 'resource "aws_codepipeline" "p" {\n  stage {\n    name = "Approve"\n    action {\n      name = "Review"\n      category = "Approval"\n      owner = "AWS"\n      provider = "Manual"\n      version = "1"\n    }\n  }\n}\n';
    assert.deepEqual(await raiFindings({ 'register.py': register, 'pipeline.tf': pipeline }), []);
    assert.deepEqual(await raiFindings({ 'register.py': register.replace('"Approved"', '"PendingManualApproval"') }), []);
  });
});
