// CDK stacks in whole workspaces, written to temp folders and scanned as the CLI does: cross-file rules over the
// endpoints higher-level constructs synthesize, construct models chosen by the project's manifests, and the
// templates `cdk synth` writes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { scan, type ScanReport } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import { isCloudFormation } from '../../server/src/engine/extract/cloudformation';

const engine = Engine.create();

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-cdk-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function scanned(files: Record<string, string>, targets: (dir: string) => string[] = (dir) => [dir], includeSynth = false): Promise<ScanReport> {
  const dir = workspace(files);
  try {
    return scan(await engine, targets(dir), DEFAULT_OPTIONS, { includeSynth });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `file:line rule` for every finding of the rules named. */
function findings(report: ScanReport, ...rules: string[]): string[] {
  return report.files.flatMap((f) => f.result.findings.filter((x) => rules.includes(x.ruleId)).map((x) => `${f.path}:${x.range.start.line + 1} ${x.ruleId}`));
}

const genai = "import { Stack } from 'aws-cdk-lib';\nimport * as sagemaker from 'aws-cdk-lib/aws-sagemaker';\nimport { HuggingFaceSageMakerEndpoint, CustomSageMakerEndpoint, SageMakerInstanceType } from '@cdklabs/generative-ai-cdk-constructs';\n";
const hf = (binding = 'llm') => `const ${binding} = new HuggingFaceSageMakerEndpoint(this, 'Llm', { modelId: 'm', container: image, instanceType: SageMakerInstanceType.ML_G5_2XLARGE, instanceCount: 2 });\n`;
const CROSS_FILE = ['sagemaker-endpoint-without-monitoring', 'sagemaker-endpoint-without-autoscaling', 'sagemaker-endpoint-without-alarm'];

describe('cross-file rules see the endpoints higher-level constructs synthesize', () => {
  it('reports a HuggingFace endpoint with no monitor, scaling or alarm at the construct', async () => {
    const report = await scanned({ 'lib/stack.ts': genai + hf() });
    assert.deepEqual(findings(report, ...CROSS_FILE), ['lib/stack.ts:4 sagemaker-endpoint-without-alarm', 'lib/stack.ts:4 sagemaker-endpoint-without-autoscaling', 'lib/stack.ts:4 sagemaker-endpoint-without-monitoring']);
    const [monitoring] = report.files[0].result.findings.filter((f) => f.ruleId === 'sagemaker-endpoint-without-monitoring');
    assert.match(monitoring.message, /endpoint `Llm`.*synthesized by `HuggingFaceSageMakerEndpoint`/);
  });

  it('follows a monitor, an alarm and a scaling target in another file to the construct by its binding', async () => {
    const stack = `${genai}export class S extends Stack {\n  readonly llm = new HuggingFaceSageMakerEndpoint(this, 'Llm', { modelId: 'm', container: image, instanceType: SageMakerInstanceType.ML_G5_2XLARGE, instanceCount: 2 });\n}\n`;
    const other = genai + hf('other');
    const ops =
      "import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';\nimport * as cw from 'aws-cdk-lib/aws-cloudwatch';\nimport * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';\n" +
      "const llm = stack.llm;\nnew sagemaker.CfnDataQualityJobDefinition(this, 'Dq', { dataQualityJobInput: { endpointInput: { endpointName: llm.cfnEndpoint.attrEndpointName } } });\n";
    const report = await scanned({ 'lib/stack.ts': stack, 'lib/other.ts': other, 'lib/ops.ts': ops });
    // The monitor's endpoint is read through a name this file cannot follow: it may be either endpoint.
    assert.deepEqual(findings(report, 'sagemaker-endpoint-without-monitoring'), []);
    const local = await scanned({ 'lib/stack.ts': `${genai}${hf()}new sagemaker.CfnDataQualityJobDefinition(this, 'Dq', { dataQualityJobInput: { endpointInput: { endpointName: llm.cfnEndpoint.attrEndpointName } } });\n${hf('other').replace("'Llm'", "'Other'")}` });
    assert.deepEqual(findings(local, 'sagemaker-endpoint-without-monitoring'), ['lib/stack.ts:6 sagemaker-endpoint-without-monitoring']);
  });

  it('a custom endpoint scales by itself since v0.1.265 (its min and max show the version), unless its maximum is its minimum', async () => {
    const custom = (extra: string) =>
      `${genai}new CustomSageMakerEndpoint(this, 'Custom', { modelId: 'm', endpointName: 'c', instanceType: SageMakerInstanceType.ML_G5_2XLARGE, container: image, modelDataUrl: 's3://b/m.tar.gz'${extra} });\n`;
    assert.deepEqual(findings(await scanned({ 'stack.ts': custom(', minCapacity: 2, maxCapacity: 4') }), 'sagemaker-endpoint-without-autoscaling'), []);
    assert.deepEqual(findings(await scanned({ 'stack.ts': custom(', minCapacity: 2, maxCapacity: 2') }), 'sagemaker-endpoint-without-autoscaling'), ['stack.ts:4 sagemaker-endpoint-without-autoscaling']);
    const old = await scanned({ 'package.json': '{"dependencies": {"@cdklabs/generative-ai-cdk-constructs": "0.1.200"}}', 'stack.ts': custom('') });
    assert.deepEqual(findings(old, 'sagemaker-endpoint-without-autoscaling'), ['stack.ts:4 sagemaker-endpoint-without-autoscaling'], 'v0.1.200 had no scaling');
    const current = await scanned({ 'package.json': '{"dependencies": {"@cdklabs/generative-ai-cdk-constructs": "^0.1.290"}}', 'stack.ts': custom('') });
    assert.deepEqual(findings(current, 'sagemaker-endpoint-without-autoscaling'), []);
    const unknown = await scanned({ 'stack.ts': custom('') });
    assert.deepEqual(findings(unknown, 'sagemaker-endpoint-without-autoscaling'), [], 'a version that cannot be known may scale');
  });

  it('aws-sagemaker-alpha: an endpoint scaled through its variant is covered', async () => {
    const alpha = "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nconst config = new sagemaker.EndpointConfig(this, 'Cfg', { instanceProductionVariants: [{ model, variantName: 'main', initialInstanceCount: 2 }] });\nconst endpoint = new sagemaker.Endpoint(this, 'Ep', { endpointConfig: config });\n";
    assert.deepEqual(findings(await scanned({ 'stack.ts': alpha }), 'sagemaker-endpoint-without-autoscaling'), ['stack.ts:3 sagemaker-endpoint-without-autoscaling']);
    const scaled = `${alpha}const variant = endpoint.findInstanceProductionVariant('main');\nvariant.autoScaleInstanceCount({ maxCapacity: 4 });\n`;
    assert.deepEqual(findings(await scanned({ 'stack.ts': scaled }), 'sagemaker-endpoint-without-autoscaling'), []);
    const python =
      'import aws_cdk.aws_sagemaker_alpha as sagemaker\nconfig = sagemaker.EndpointConfig(self, "Cfg", instance_production_variants=[sagemaker.InstanceProductionVariantProps(model=model, variant_name="main", initial_instance_count=2)])\n' +
      'endpoint = sagemaker.Endpoint(self, "Ep", endpoint_config=config)\n';
    assert.deepEqual(findings(await scanned({ 'stack.py': python }), 'sagemaker-endpoint-without-autoscaling'), ['stack.py:3 sagemaker-endpoint-without-autoscaling']);
    const pythonScaled = `${python}endpoint.find_instance_production_variant("main").auto_scale_instance_count(max_capacity=4)\n`;
    assert.deepEqual(findings(await scanned({ 'stack.py': pythonScaled }), 'sagemaker-endpoint-without-autoscaling'), []);
  });

  it('Python stacks: L2 and L1 endpoints, a monitor referring to one of them by its attribute', async () => {
    const stack =
      'from aws_cdk import Stack, aws_sagemaker as sm\nfrom cdklabs.generative_ai_cdk_constructs import JumpStartSageMakerEndpoint, JumpStartModel\n\n' +
      'class S(Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n' +
      '        llama = JumpStartSageMakerEndpoint(self, "Llama", model=JumpStartModel.META_TEXTGENERATION_LLAMA_2_7B_F_2_0_2, endpoint_name="llama", instance_count=2)\n' +
      '        cfg = sm.CfnEndpointConfig(self, "Cfg", production_variants=[{"modelName": "m", "variantName": "v", "initialInstanceCount": 2, "instanceType": "ml.g5.xlarge"}])\n' +
      '        ep = sm.CfnEndpoint(self, "Ep", endpoint_config_name=cfg.attr_endpoint_config_name)\n' +
      '        sm.CfnModelQualityJobDefinition(self, "Mq", model_quality_job_input={"endpointInput": {"endpointName": ep.attr_endpoint_name}}, job_resources=r, role_arn=role)\n';
    assert.deepEqual(findings(await scanned({ 'app/stack.py': stack }), 'sagemaker-endpoint-without-monitoring'), ['app/stack.py:7 sagemaker-endpoint-without-monitoring']);
  });

  it('a Python guardrail that an agent uses is attached; one nothing uses is not', async () => {
    const head = 'from aws_cdk import aws_bedrock as bedrock\nfrom cdklabs.generative_ai_cdk_constructs import bedrock as genai\n';
    const used = `${head}g = bedrock.CfnGuardrail(self, "G", name="g", blocked_input_messaging="no", blocked_outputs_messaging="no")\nagent = genai.Agent(self, "A", foundation_model=m, instruction=i)\nagent.add_guardrail(genai.Guardrail.from_cfn_guardrail(g))\n`;
    assert.deepEqual(findings(await scanned({ 'stack.py': used }), 'bedrock-guardrail-not-attached'), []);
    const unused = `${head}bedrock.CfnGuardrail(self, "G", name="g", blocked_input_messaging="no", blocked_outputs_messaging="no")\n`;
    assert.deepEqual(findings(await scanned({ 'stack.py': unused }), 'bedrock-guardrail-not-attached'), ['stack.py:3 bedrock-guardrail-not-attached']);
  });
});

describe('construct models follow the library version the project declares', () => {
  const guardrail = "import { bedrock } from '@cdklabs/generative-ai-cdk-constructs';\nnew bedrock.Guardrail(this, 'G', { name: 'g' });\n";
  const kms = (report: ScanReport) => findings(report, 'bedrock-guardrail-without-kms-key');

  it('package.json: a version from v0.1.276 has no key of its own; an older one made one', async () => {
    assert.deepEqual(kms(await scanned({ 'package.json': '{"dependencies": {"@cdklabs/generative-ai-cdk-constructs": "^0.1.290"}}', 'lib/stack.ts': guardrail })), ['lib/stack.ts:2 bedrock-guardrail-without-kms-key']);
    assert.deepEqual(kms(await scanned({ 'package.json': '{"dependencies": {"@cdklabs/generative-ai-cdk-constructs": "0.1.250"}}', 'lib/stack.ts': guardrail })), []);
  });

  it('package-lock.json: the resolved version wins over the range', async () => {
    const lock = JSON.stringify({ packages: { 'node_modules/@cdklabs/generative-ai-cdk-constructs': { version: '0.1.250' } } });
    assert.deepEqual(kms(await scanned({ 'package.json': '{"dependencies": {"@cdklabs/generative-ai-cdk-constructs": ">=0.1.100"}}', 'package-lock.json': lock, 'lib/stack.ts': guardrail })), []);
  });

  it('requirements.txt for Python stacks; a range open below the change leaves the key unknown', async () => {
    const py = 'from cdklabs.generative_ai_cdk_constructs import bedrock\nbedrock.Guardrail(self, "G", name="g")\n';
    assert.deepEqual(kms(await scanned({ 'requirements.txt': 'aws-cdk-lib==2.170.0\ncdklabs.generative-ai-cdk-constructs==0.1.300\n', 'stack.py': py })), ['stack.py:2 bedrock-guardrail-without-kms-key']);
    assert.deepEqual(kms(await scanned({ 'requirements.txt': 'cdklabs.generative-ai-cdk-constructs>=0.1.100\n', 'stack.py': py })), []);
  });
});

const template = (endpointConfig: object) =>
  JSON.stringify({
    Resources: {
      LlmEndpointConfig: { Type: 'AWS::SageMaker::EndpointConfig', Properties: endpointConfig, Metadata: { 'aws:cdk:path': 'AiStack/EndpointConfig-Llm' } },
      Bucket: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'AiStack/Bucket/Resource' } },
    },
  });
const oneInstance = { ProductionVariants: [{ VariantName: 'AllTraffic', InitialInstanceCount: 1, InstanceType: 'ml.g5.2xlarge', ModelName: { 'Fn::GetAtt': ['M', 'ModelName'] } }] };
const cdkApp = { 'cdk.json': '{"app": "npx ts-node bin/app.ts"}', 'lib/stack.ts': genai + "new HuggingFaceSageMakerEndpoint(this, 'Llm', { modelId: 'm', container: image, instanceType: SageMakerInstanceType.ML_G5_2XLARGE, instanceCount: 2 });\n" };

describe('synthesized templates', () => {
  it('recognises a minified template by its structure, without AWSTemplateFormatVersion', () => {
    assert.equal(isCloudFormation(template(oneInstance)), true);
    assert.equal(isCloudFormation('{"Resources":{"Topic":{"Type":"Custom::Thing"}},"Outputs":{}}'), false);
    assert.equal(isCloudFormation('{"name":"app","dependencies":{"aws-cdk-lib":"2.0.0"}}'), false);
    assert.equal(isCloudFormation('{"version":"36.0.0","artifacts":{"AiStack":{"type":"aws:cloudformation:stack"}}}'), false);
  });

  it('`scan cdk.out` checks its templates and names the construct path of each finding', async () => {
    const report = await scanned({ 'cdk.out/manifest.json': '{"version":"36.0.0","artifacts":{}}', 'cdk.out/AiStack.template.json': template(oneInstance), 'cdk.out/asset.1234/handler.py': 'import pickle\npickle.load(f)\n' }, (dir) => [path.join(dir, 'cdk.out')]);
    assert.deepEqual(report.files.map((f) => f.path), ['AiStack.template.json'], 'assets are not checked');
    const single = report.files[0].result.findings.find((f) => f.ruleId === 'sagemaker-endpoint-single-instance')!;
    assert.match(single.message, /\(construct `AiStack\/EndpointConfig-Llm`\)$/);
    const count = template(oneInstance).indexOf('"InitialInstanceCount":1') + '"InitialInstanceCount":'.length;
    assert.deepEqual([single.range.start.line, single.range.start.character], [0, count], 'at the count, on the one line');
  });

  it('--include-synth checks the templates with the project and relates their findings to the construct in the source', async () => {
    const files = { ...cdkApp, 'cdk.out/manifest.json': '{}', 'cdk.out/AiStack.template.json': template(oneInstance) };
    const report = await scanned(files, undefined, true);
    const templateFile = report.files.find((f) => f.path === 'cdk.out/AiStack.template.json')!;
    const single = templateFile.result.findings.find((f) => f.ruleId === 'sagemaker-endpoint-single-instance')!;
    assert.equal(single.related?.length, 1);
    assert.match(single.related![0].path, /lib[/\\]stack\.ts$/);
    assert.equal(single.related![0].range.start.line, 3);
    assert.equal(report.notes, undefined);
  });

  it('a project scan skips cdk.out, and says so when it is newer than the sources', async () => {
    const dir = workspace({ ...cdkApp, 'cdk.out/manifest.json': '{}', 'cdk.out/AiStack.template.json': template(oneInstance) });
    try {
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(path.join(dir, 'lib', 'stack.ts'), past, past);
      const newer = scan(await engine, [dir], DEFAULT_OPTIONS);
      assert.deepEqual(report(newer), ['lib/stack.ts']);
      assert.match(newer.notes?.[0] ?? '', /^cdk\.out holds templates synthesized after the last change to the sources; they were not checked: run `ai-lens scan cdk\.out`/);
      fs.utimesSync(path.join(dir, 'cdk.out', 'AiStack.template.json'), new Date(past.getTime() - 60_000), new Date(past.getTime() - 60_000));
      assert.equal(scan(await engine, [dir], DEFAULT_OPTIONS).notes, undefined, 'an older cdk.out is not mentioned');
      let out = '';
      fs.utimesSync(path.join(dir, 'cdk.out', 'AiStack.template.json'), new Date(), new Date());
      await runCli(['scan', dir, '--fail-on', 'never'], { out: (s) => (out += s), err: () => undefined });
      assert.match(out, /\nnote: cdk\.out holds templates synthesized after the last change/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function report(r: ScanReport): string[] {
  return r.files.map((f) => f.path);
}
