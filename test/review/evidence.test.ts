// Evidence detectors, rule targets and AI usage: what a file contributes to the review besides findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { detectEvidence, EVIDENCE_DETECTORS } from '../../server/src/engine/evidence';
import { RULE_TARGETS } from '../../server/src/engine/review/targets';
import { RULES } from '../../server/src/engine/rules';
import { LineIndex } from '../../server/src/engine/text';
import type { FileFacts } from '../../server/src/engine/types';
import { sharedEngine } from './workspace';

async function signals(file: string, text: string) {
  const result = (await sharedEngine()).analyze({ path: file, text }, DEFAULT_OPTIONS);
  assert.deepEqual(result.problems, [], `${file} parses`);
  assert.ok(result.signals, `${file} has review signals`);
  return result.signals;
}

async function evidence(file: string, text: string): Promise<string[]> {
  return (await signals(file, text)).evidence.map((e) => `${e.range.start.line + 1} ${e.detector}: ${e.message}`);
}

const PY_SAGEMAKER = 'import sagemaker\n';

describe('evidence detectors', () => {
  it('are listed once, with practices that exist', async () => {
    const catalog = (await sharedEngine()).catalog;
    assert.equal(new Set(EVIDENCE_DETECTORS.map((d) => d.id)).size, EVIDENCE_DETECTORS.length);
    for (const d of EVIDENCE_DETECTORS) {
      assert.match(d.id, /^[a-z0-9-]+$/);
      assert.ok(d.title && d.practices.length > 0, d.id);
      for (const id of d.practices) assert.ok(catalog.practice(id), `${d.id}: ${id}`);
    }
  });

  it('find Bedrock guardrails in Terraform, CloudFormation and boto3', async () => {
    assert.deepEqual(await evidence('g.tf', 'resource "aws_bedrock_guardrail" "main" {\n  name = "main"\n}\n'), [
      '1 bedrock-guardrail: Bedrock guardrail `main`',
      '1 bedrock-infrastructure-as-code: Bedrock resources defined as code (`aws_bedrock_guardrail` `main`)',
    ]);
    assert.deepEqual(
      await evidence('t.yaml', 'Resources:\n  Guard:\n    Type: AWS::Bedrock::Guardrail\n    Properties:\n      Name: g\n'),
      ['2 bedrock-guardrail: Bedrock guardrail `Guard`', '2 bedrock-infrastructure-as-code: Bedrock resources defined as code (`AWS::Bedrock::Guardrail` `Guard`)'],
    );
    assert.deepEqual(
      await evidence('g.py', 'import boto3\nbr = boto3.client("bedrock")\nbr.create_guardrail(name="g", blockedInputMessaging="no", blockedOutputsMessaging="no")\n'),
      ['3 bedrock-guardrail: Bedrock guardrail created with `create_guardrail`'],
    );
    assert.deepEqual(await evidence('other.py', 'import acme\nclient = acme.Client()\nclient.create_guardrail(name="g")\n'), [], 'another library');
  });

  it('find Bedrock invocation logging and managed prompts', async () => {
    assert.deepEqual(
      await evidence('log.tf', 'resource "aws_bedrock_model_invocation_logging_configuration" "main" {\n  logging_config {\n    text_data_delivery_enabled = true\n  }\n}\n'),
      [
        '1 bedrock-infrastructure-as-code: Bedrock resources defined as code (`aws_bedrock_model_invocation_logging_configuration` `main`)',
        '1 bedrock-invocation-logging: Bedrock model invocation logging `main`',
      ],
    );
    assert.deepEqual(
      await evidence('log.py', 'import boto3\nboto3.client("bedrock").put_model_invocation_logging_configuration(loggingConfig={"textDataDeliveryEnabled": True})\n'),
      ['2 bedrock-invocation-logging: Bedrock model invocation logging set with `put_model_invocation_logging_configuration`'],
    );
    assert.deepEqual(await evidence('p.yaml', 'Resources:\n  Prompt:\n    Type: AWS::Bedrock::Prompt\n    Properties:\n      Name: p\n'), [
      '2 bedrock-infrastructure-as-code: Bedrock resources defined as code (`AWS::Bedrock::Prompt` `Prompt`)',
      '2 bedrock-prompt-management: Bedrock managed prompt `Prompt`',
    ]);
  });

  it('find SageMaker monitoring: schedules, data- and model-quality monitors', async () => {
    assert.deepEqual(
      await evidence('m.tf', 'resource "aws_sagemaker_monitoring_schedule" "drift" {\n  name = "drift"\n}\n'),
      ['1 sagemaker-monitoring-schedule: SageMaker monitoring schedule `drift`'],
    );
    const sdk = [
      'from sagemaker.model_monitor import DefaultModelMonitor, ModelQualityMonitor',
      'monitor = DefaultModelMonitor(role=role, instance_count=1, instance_type="ml.m5.xlarge")',
      'monitor.create_monitoring_schedule(monitor_schedule_name="drift", endpoint_input=endpoint)',
      'quality = ModelQualityMonitor(role=role)',
      '',
    ].join('\n');
    assert.deepEqual(await evidence('monitor.py', sdk), [
      '2 sagemaker-data-quality-monitoring: data-quality monitor (`DefaultModelMonitor`)',
      '3 sagemaker-monitoring-schedule: Model Monitor schedule created with `create_monitoring_schedule`',
      '4 sagemaker-model-quality-monitoring: model-quality monitor (`ModelQualityMonitor`)',
    ]);
    assert.deepEqual(await evidence('other.py', 'import scheduler\nscheduler.create_monitoring_schedule(name="x")\n'), [], 'not SageMaker');
    assert.deepEqual(
      await evidence('q.yaml', 'Resources:\n  Quality:\n    Type: AWS::SageMaker::ModelQualityJobDefinition\n    Properties: {}\n'),
      ['2 sagemaker-model-quality-monitoring: SageMaker model-quality job definition `Quality`'],
    );
  });

  it('find data capture that is on, and not data capture that is off', async () => {
    const tf = (enable: string) =>
      `resource "aws_sagemaker_endpoint_configuration" "ep" {\n  production_variants {\n    variant_name = "a"\n  }\n  data_capture_config {\n    enable_capture = ${enable}\n    initial_sampling_percentage = 100\n  }\n}\n`;
    assert.deepEqual(await evidence('on.tf', tf('true')), ['1 sagemaker-data-capture: endpoint configuration `ep` captures requests and responses']);
    assert.deepEqual(await evidence('off.tf', tf('false')), []);
    assert.deepEqual(await evidence('unknown.tf', tf('var.capture')), ['1 sagemaker-data-capture: endpoint configuration `ep` captures requests and responses'], 'an unknown switch does not disprove it');
    assert.deepEqual(
      await evidence('cfn.yaml', 'Resources:\n  Ep:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      ProductionVariants: []\n      DataCaptureConfig: !Ref Capture\n'),
      [],
      'a capture configuration that cannot be read is no evidence',
    );
    assert.deepEqual(
      await evidence('sdk.py', `${PY_SAGEMAKER}from sagemaker.model_monitor import DataCaptureConfig\non = DataCaptureConfig(enable_capture=True, sampling_percentage=100)\noff = DataCaptureConfig(enable_capture=False)\n`),
      ['3 sagemaker-data-capture: data capture configured with `DataCaptureConfig`'],
    );
    assert.deepEqual(
      await evidence('boto.py', 'import boto3\nsm = boto3.client("sagemaker")\nsm.create_endpoint_config(EndpointConfigName="x", ProductionVariants=[], DataCaptureConfig={"EnableCapture": True})\n'),
      ['3 sagemaker-data-capture: endpoint configuration with data capture (`create_endpoint_config`)'],
    );
  });

  it('find model cards and endpoint auto scaling', async () => {
    assert.deepEqual(await evidence('card.tf', 'resource "aws_sagemaker_model_card" "router" {\n  model_card_name = "router"\n}\n'), ['1 sagemaker-model-card: SageMaker model card `router`']);
    assert.deepEqual(
      await evidence('card.py', 'from sagemaker.model_card import ModelCard\ncard = ModelCard(name="router", status="Draft")\ncard.create()\n'),
      ['2 sagemaker-model-card: SageMaker model card (`ModelCard`)'],
    );
    const target = (namespace: string) => `resource "aws_appautoscaling_target" "t" {\n  service_namespace = "${namespace}"\n  max_capacity = 4\n}\n`;
    assert.deepEqual(await evidence('as.tf', target('sagemaker')), ['1 sagemaker-endpoint-autoscaling: auto scaling target `t` for a SageMaker endpoint']);
    assert.deepEqual(await evidence('ecs.tf', target('ecs')), []);
  });

  it('report a detector that throws, and carry on', () => {
    const facts: FileFacts = { language: 'python', calls: [], resources: [], imports: new Set(), comments: [], problems: [] };
    const errors: string[] = [];
    const found = detectEvidence(facts, new LineIndex(''), (d, e) => errors.push(`${d.id}: ${e.message}`), [
      { id: 'broken', title: 'x', practices: ['GENSEC02-BP01'], detect: () => { throw new Error('boom'); } },
      { id: 'works', title: 'y', practices: ['GENSEC02-BP01'], detect: () => [{ span: { start: 0, end: 0 }, message: 'ok' }] },
    ]);
    assert.deepEqual(errors, ['broken: boom']);
    assert.deepEqual(found.map((e) => e.detector), ['works']);
  });
});

describe('rule targets', () => {
  it('every rule says what it examines', () => {
    for (const rule of RULES) assert.ok(RULE_TARGETS[rule.meta.id], `${rule.meta.id}: add what it examines to server/src/engine/review/targets.ts`);
  });

  it('are the facts each rule judges', async () => {
    const checked = async (file: string, text: string) => (await signals(file, text)).checked.map((c) => `${c.range.start.line + 1} ${c.ruleId} ${c.label}`);
    assert.deepEqual(await checked('nb.tf', 'resource "aws_sagemaker_notebook_instance" "nb" {\n  direct_internet_access = "Disabled"\n}\n'), [
      '1 sagemaker-notebook-direct-internet aws_sagemaker_notebook_instance `nb`',
      '1 sagemaker-notebook-imdsv1 aws_sagemaker_notebook_instance `nb`',
      '1 sagemaker-notebook-root-access aws_sagemaker_notebook_instance `nb`',
      '1 sagemaker-notebook-without-kms-key aws_sagemaker_notebook_instance `nb`',
      '1 sagemaker-notebook-without-vpc aws_sagemaker_notebook_instance `nb`',
    ]);
    assert.deepEqual(await checked('load.py', 'import torch\nstate = torch.load("m.pt", weights_only=True)\nimport json\njson.load(f)\n'), ['2 unsafe-model-deserialization `torch.load` call']);
    assert.deepEqual(
      await checked('serverless.tf', 'resource "aws_sagemaker_endpoint_configuration" "s" {\n  production_variants {\n    serverless_config {\n      max_concurrency = 1\n    }\n  }\n}\n'),
      [],
      'serverless endpoints are not judged, so they pass nothing',
    );
    assert.deepEqual(
      await checked('chat.py', 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\nrt.invoke_model(modelId="amazon.titan-embed-text-v2:0", body=b)\n'),
      ['3 bedrock-call-without-guardrail `rt.converse` call', '3 llm-call-without-max-tokens `rt.converse` call'],
      'embedding models and bodies built elsewhere are not judged',
    );
  });
});

describe('AI usage', () => {
  it('tells generative AI from machine learning by libraries, clients and resources', async () => {
    const usage = async (file: string, text: string) => (await signals(file, text)).usage;
    assert.deepEqual(await usage('a.py', 'import openai\n'), ['genai']);
    assert.deepEqual(await usage('b.py', 'from langchain_aws import ChatBedrock\n'), ['genai']);
    assert.deepEqual(await usage('c.py', 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n'), ['genai']);
    assert.deepEqual(await usage('d.py', 'import torch\nimport sklearn\n'), ['ml']);
    assert.deepEqual(await usage('e.ts', 'import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";\n'), ['genai']);
    assert.deepEqual(await usage('f.tf', 'resource "aws_sagemaker_model" "m" {\n  name = "m"\n}\n'), ['ml']);
    assert.deepEqual(await usage('g.tf', 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n}\nresource "aws_sagemaker_model" "m" {\n  name = "m"\n}\n'), ['genai', 'ml']);
    assert.deepEqual(await usage('h.py', 'import json\nimport boto3\ns3 = boto3.client("s3")\ns3.list_buckets()\n'), []);
  });
});
