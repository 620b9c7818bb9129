// Bad input gives partial results or a clear reason, never an exception.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';

const engine = Engine.create();

async function analyze(file: string, text: string) {
  return (await engine).analyze({ path: file, text });
}

describe('broken and hostile input', () => {
  it('truncated CloudFormation YAML keeps the resources it could read', async () => {
    const result = await analyze(
      'stack.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties: {AgentName: "x",\n',
    );
    assert.equal(result.language, 'cloudformation');
    assert.ok(result.problems.some((p) => p.kind === 'parse' && p.range), JSON.stringify(result.problems));
    assert.ok(result.findings.some((f) => f.ruleId === 'sagemaker-notebook-direct-internet'));
  });

  it('short-form intrinsics parse as unknown values', async () => {
    const result = await analyze(
      't.yaml',
      'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      DirectInternetAccess: !If [Prod, Disabled, !Ref Access]\n      RootAccess: !Ref RootAccess\n      KmsKeyId: !ImportValue ml-key-arn\n      SubnetId: !Select [0, !Ref Subnets]\n      RoleArn: !GetAtt Role.Arn\n      Name: !Sub "${AWS::StackName}-nb"\n      Script: !Base64 |\n        echo hi\n',
    );
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.findings, []);
  });

  it('half-typed Python keeps findings outside the broken part', async () => {
    const result = await analyze('a.py', 'import pickle\nm = pickle.load(f)\n\ndef broken(:\n    x = [1, 2\n');
    assert.ok(result.problems.some((p) => p.kind === 'parse'));
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['unsafe-model-deserialization']);
  });

  it('invalid HCL keeps the blocks that parse', async () => {
    const result = await analyze('main.tf', 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = \n');
    assert.ok(result.problems.some((p) => p.kind === 'parse'));
    assert.ok(result.findings.some((f) => f.ruleId === 'sagemaker-notebook-direct-internet'));
    assert.ok(result.findings.every((f) => f.ruleId.startsWith('sagemaker-notebook-')), result.findings.map((f) => f.ruleId).join());
  });

  it('CRLF line endings give the same positions as LF', async () => {
    const lf = await analyze('a.py', 'import torch\n\nm = torch.load(p)\n');
    const crlf = await analyze('a.py', 'import torch\r\n\r\nm = torch.load(p)\r\n');
    assert.deepEqual(crlf.findings[0].range, lf.findings[0].range);
  });

  it('a YAML file that is not a template, and unknown extensions, are not checked', async () => {
    assert.equal((await analyze('values.yaml', 'replicas: 3\n')).language, undefined);
    assert.equal((await analyze('notes.txt', 'pickle.load(f)')).language, undefined);
  });

  it('the scanner skips binary, huge and unreadable files with a reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-robust-'));
    fs.writeFileSync(path.join(dir, 'weights.py'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]));
    fs.writeFileSync(path.join(dir, 'huge.tf'), '# filler\n'.repeat(20 * 1024 * 1024 / 9));
    fs.writeFileSync(path.join(dir, 'ok.py'), 'import torch\ntorch.load(p)\n');
    fs.mkdirSync(path.join(dir, 'locked'));
    fs.writeFileSync(path.join(dir, 'locked', 'x.py'), 'import pickle\npickle.load(f)\n');
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const report = scan(await engine, [dir], DEFAULT_OPTIONS);
      const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
      assert.equal(reasons['weights.py'], 'binary file');
      assert.match(reasons['huge.tf'], /^larger than 2 MB \(20(\.0)? MB\)$/);
      if (process.getuid?.() !== 0) assert.match(reasons['locked'], /cannot read folder: EACCES/); // root reads anything
      assert.deepEqual(report.files.map((f) => f.path).filter((p) => p === 'ok.py'), ['ok.py']);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deeply nested and very long input finishes', async () => {
    const nested = 'x = ' + '['.repeat(2000) + ']'.repeat(2000) + '\nimport torch\ntorch.load(p)\n';
    const result = await analyze('deep.py', nested);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['unsafe-model-deserialization']);
    const wide = await analyze('wide.py', 'import boto3\nrt = boto3.client("bedrock-runtime")\n' + 'rt.converse(modelId=M, messages=m)\n'.repeat(5000));
    assert.equal(wide.findings.length, 10000);
  });
});
