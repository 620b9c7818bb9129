// Suppressions people can audit: every one names known rules and gives a reason, or it silences nothing and is
// reported itself (invalid-suppression).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import type { Finding, PathIgnore } from '../server/src/engine/types';

const engine = Engine.create();
const TORCH = 'import torch\n';

async function analyze(path: string, text: string, options: AnalysisOptions = DEFAULT_OPTIONS, relativePath?: string) {
  return (await engine).analyze({ path, text, relativePath }, options);
}

function shown(findings: Finding[]): string[] {
  return findings.filter((f) => !f.suppression).map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
}

// Every notebook setting but direct internet access, so that only the rule under test reports.
const NOTEBOOK_SETTINGS_YAML = '    Properties:\n      RootAccess: Disabled\n      KmsKeyId: !Ref Key\n      SubnetId: !Ref Subnet\n      InstanceMetadataServiceConfiguration: !Ref Imds\n';
const NOTEBOOK_SETTINGS_TF = '  root_access = "Disabled"\n  kms_key_id = var.kms_key_id\n  subnet_id = var.subnet_id\n  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n';

describe('inline suppressions', () => {
  it('a comment with a reason silences its line, or the next line when alone on its line', async () => {
    const first = '# ai-lens: ignore[unsafe-model-deserialization] -- weights from our signed bucket';
    const second = '# ai-lens: ignore[unsafe-model-deserialization]: same bucket';
    const text = TORCH + `m = torch.load(p)  ${first}\n${second}\nn = torch.load(q)\no = torch.load(r)\n`;
    const result = await analyze('a.py', text);
    assert.deepEqual(shown(result.findings), ['5 unsafe-model-deserialization']);
    const at = (comment: string) => ({ start: text.indexOf(comment), end: text.indexOf(comment) + comment.length });
    assert.deepEqual(
      result.findings.filter((f) => f.suppression).map((f) => f.suppression),
      [
        { kind: 'inline', reason: 'weights from our signed bucket', span: at(first) },
        { kind: 'inline', reason: 'same bucket', span: at(second) },
      ],
    );
  });

  it('without a reason, or with the placeholder the quick action writes, it silences nothing and is reported', async () => {
    for (const tail of ['', ' --', ' -- <reason>', ' because I said so']) {
      const result = await analyze('a.py', TORCH + `# ai-lens: ignore[unsafe-model-deserialization]${tail}\nm = torch.load(p)\n`);
      assert.deepEqual(shown(result.findings), ['2 invalid-suppression', '3 unsafe-model-deserialization'], tail);
      const warning = result.findings.find((f) => f.ruleId === 'invalid-suppression')!;
      assert.equal(warning.severity, 'warning');
      assert.deepEqual(warning.practices, []);
      assert.match(warning.message, /without a reason silences nothing: write `ai-lens: ignore\[unsafe-model-deserialization\] -- <why this is acceptable>`/);
    }
  });

  it('an unknown rule id is reported, and the known ids in the same comment still apply', async () => {
    const result = await analyze('a.py', TORCH + 'm = torch.load(p)  # ai-lens: ignore[unsafe-model-deserialisation, unsafe-model-deserialization] -- reviewed\n');
    assert.deepEqual(shown(result.findings), ['2 invalid-suppression']);
    assert.match(result.findings.find((f) => f.ruleId === 'invalid-suppression')!.message, /unknown rule `unsafe-model-deserialisation` in suppression/);
  });

  it('a comment naming no rule is reported', async () => {
    const result = await analyze('a.py', TORCH + 'm = torch.load(p)  # ai-lens: ignore[] -- reviewed\n');
    assert.deepEqual(shown(result.findings), ['2 unsafe-model-deserialization', '2 invalid-suppression']);
    assert.match(result.findings[1].message, /names no rule/);
  });

  it('works in each language\'s comment syntax, block comments included', async () => {
    const ts = await analyze(
      'chat.ts',
      'import OpenAI from "openai";\nconst openai = new OpenAI({ timeout: 60_000 });\n/* ai-lens: ignore[llm-call-without-max-tokens] -- the proxy caps tokens */\nawait openai.chat.completions.create({ model: "gpt-4o", messages });\n',
    );
    assert.deepEqual(shown(ts.findings), []);
    assert.equal(ts.findings[0].suppression?.reason, 'the proxy caps tokens');
    const yaml = await analyze('t.yaml', 'Resources:\n  NB:  # ai-lens: ignore[sagemaker-notebook-direct-internet] -- sandbox account\n    Type: AWS::SageMaker::NotebookInstance\n' + NOTEBOOK_SETTINGS_YAML);
    assert.deepEqual(shown(yaml.findings), []);
  });

  it('the invalid-suppression rule takes severities and off like any rule', async () => {
    const text = TORCH + '# ai-lens: ignore[unsafe-model-deserialization]\nm = torch.load(p)\n';
    const asError = await analyze('a.py', text, { ...DEFAULT_OPTIONS, rules: { 'invalid-suppression': 'error' } });
    assert.equal(asError.findings.find((f) => f.ruleId === 'invalid-suppression')?.severity, 'error');
    const off = await analyze('a.py', text, { ...DEFAULT_OPTIONS, rules: { 'invalid-suppression': 'off' } });
    assert.deepEqual(shown(off.findings), ['3 unsafe-model-deserialization'], 'off hides the warning, not the finding');
  });
});

describe('file-level suppressions', () => {
  it('`ignore-file[rule] -- reason` silences the rule in the whole file, and only that rule', async () => {
    const result = await analyze(
      'app.py',
      '# ai-lens: ignore-file[llm-call-without-max-tokens] -- token limits are set by the gateway\nimport boto3, torch\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\ntorch.load(p)\n',
    );
    assert.deepEqual(shown(result.findings), ['4 bedrock-call-without-guardrail', '5 unsafe-model-deserialization']);
    const suppressed = result.findings.find((f) => f.suppression)!;
    assert.equal(suppressed.ruleId, 'llm-call-without-max-tokens');
    assert.equal(suppressed.suppression!.kind, 'file');
    assert.equal(suppressed.suppression!.reason, 'token limits are set by the gateway');
  });

  it('needs a reason too', async () => {
    const result = await analyze('main.tf', '# ai-lens: ignore-file[sagemaker-notebook-direct-internet]\nresource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n' + NOTEBOOK_SETTINGS_TF + '}\n');
    assert.deepEqual(shown(result.findings), ['1 invalid-suppression', '2 sagemaker-notebook-direct-internet']);
    assert.match(result.findings[0].message, /ignore-file\[sagemaker-notebook-direct-internet\] -- <why/);
  });
});

describe('path ignores from .ai-lens.yaml', () => {
  const ignore: PathIgnore = { paths: ['legacy'], rules: ['unsafe-model-deserialization'], reason: 'legacy models are signed', source: { path: '/w/.ai-lens.yaml', line: 4 } };
  const options = { ...DEFAULT_OPTIONS, ignores: [ignore] };

  it('suppress the listed rules in matching files, with the entry as the source', async () => {
    const result = await analyze('/w/legacy/old/load.py', TORCH + 'torch.load(p)\n', options, 'legacy/old/load.py');
    assert.deepEqual(shown(result.findings), []);
    assert.deepEqual(result.findings[0].suppression, { kind: 'config', reason: 'legacy models are signed', source: { path: '/w/.ai-lens.yaml', line: 4 } });
  });

  it('do not apply to other files, to other rules, or to a file without a workspace path', async () => {
    assert.deepEqual(shown((await analyze('/w/src/load.py', TORCH + 'torch.load(p)\n', options, 'src/load.py')).findings), ['2 unsafe-model-deserialization']);
    assert.deepEqual(shown((await analyze('/tmp/scratch.py', TORCH + 'torch.load(p)\n', options)).findings), ['2 unsafe-model-deserialization']);
    const other = await analyze('/w/legacy/a.py', 'import boto3\nboto3.client("bedrock-runtime").converse(modelId=M, inferenceConfig={"maxTokens": 5})\n', options, 'legacy/a.py');
    assert.deepEqual(shown(other.findings), ['2 bedrock-call-without-guardrail']);
  });

  it('an inline comment wins over a path ignore (the more specific reason is kept)', async () => {
    const result = await analyze('/w/legacy/load.py', TORCH + 'torch.load(p)  # ai-lens: ignore[unsafe-model-deserialization] -- checked by hash\n', options, 'legacy/load.py');
    assert.equal(result.findings[0].suppression?.kind, 'inline');
  });

  it('cover JSON templates, which cannot hold comments', async () => {
    const json = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"RootAccess": "Disabled", "KmsKeyId": {"Ref": "Key"}, "SubnetId": {"Ref": "Subnet"}, "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": "2"}}}}}';
    const ignores: PathIgnore[] = [{ paths: ['*.json'], rules: ['sagemaker-notebook-direct-internet'], reason: 'sandbox stacks' }];
    const result = await analyze('/w/stacks/nb.json', json, { ...DEFAULT_OPTIONS, ignores }, 'stacks/nb.json');
    assert.deepEqual(shown(result.findings), []);
    assert.equal(result.findings[0].suppression?.reason, 'sandbox stacks');
  });
});
