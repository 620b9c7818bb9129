// Bad input gives partial results or a clear reason, never an exception.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

/** What a notebook instance with no settings gets: every notebook rule reports. */
const NOTEBOOK_RULES = ['sagemaker-notebook-direct-internet', 'sagemaker-notebook-imdsv1', 'sagemaker-notebook-root-access', 'sagemaker-notebook-without-kms-key', 'sagemaker-notebook-without-vpc'];

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
      'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      DirectInternetAccess: !If [Prod, Disabled, !Ref Access]\n      RootAccess: !Ref RootAccess\n      KmsKeyId: !ImportValue ml-key-arn\n      SubnetId: !Select [0, !Ref Subnets]\n      RoleArn: !GetAtt Role.Arn\n      InstanceMetadataServiceConfiguration: !If [Prod, !Ref Imds, !Ref AWS::NoValue]\n      Name: !Sub "${AWS::StackName}-nb"\n      Script: !Base64 |\n        echo hi\n',
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

describe('found by fuzzing and hostile input (each hung, overflowed the stack or threw before its fix)', () => {
  const generous = { ...DEFAULT_OPTIONS, maxAnalysisMs: 120_000 };
  async function timed(file: string, text: string) {
    const started = performance.now();
    const result = (await engine).analyze({ path: file, text }, generous);
    return { result, ms: performance.now() - started };
  }

  it('a suppression comment followed by a long run of spaces (regular expression backtracking)', async () => {
    const { result, ms } = await timed('a.py', 'import torch\ntorch.load(p)  # ai-lens: ignore[unsafe-model-deserialization] -- a' + ' '.repeat(50_000) + 'b\n');
    assert.ok(ms < 10_000, `${ms} ms`);
    assert.equal(result.findings[0].suppression?.reason, 'a' + ' '.repeat(50_000) + 'b');
  });

  it('a YAML file of blank lines (template detection rescanned every blank line)', async () => {
    const { result, ms } = await timed('a.yaml', '\n'.repeat(150_000) + 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n');
    assert.ok(ms < 10_000, `${ms} ms`);
    assert.deepEqual(result.findings.map((f) => f.ruleId), NOTEBOOK_RULES);
  });

  it('names assigned from names, many times over (exponential resolution in Python and TypeScript)', async () => {
    let py = 'import boto3\n';
    for (let i = 0; i < 10; i++) py += `v${i} = {${Array.from({ length: 30 }, (_, j) => `"k${j}": v${i + 1}`).join(', ')}}\n` + `c${i} = c${i + 1}\n`.repeat(30);
    py += 'v10 = {"maxTokens": 1}\nc10 = boto3.client("bedrock-runtime")\nc0.converse(modelId=M, inferenceConfig=v0)\n';
    const python = await timed('fanout.py', py);
    assert.ok(python.ms < 10_000, `${python.ms} ms`);
    assert.deepEqual(python.result.findings.map((f) => f.ruleId), ['bedrock-call-without-guardrail', 'llm-call-without-max-tokens']);

    let ts = 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\n';
    for (let i = 0; i < 10; i++) ts += `const v${i} = {${Array.from({ length: 30 }, (_, j) => `k${j}: v${i + 1}`).join(', ')}};\n`;
    ts += 'const v10 = { maxTokens: 1 };\nnew ConverseCommand({ modelId: M, inferenceConfig: v0 });\n';
    const typescript = await timed('fanout.ts', ts);
    assert.ok(typescript.ms < 10_000, `${typescript.ms} ms`);
    assert.deepEqual(typescript.result.problems, []);
  });

  it('a chain of thousands of calls (quadratic callee text)', async () => {
    const { result, ms } = await timed('chain.py', 'import boto3\nrt = boto3.client("bedrock-runtime")\nx = rt' + '.converse(modelId=M)'.repeat(5000) + '\n');
    assert.ok(ms < 20_000, `${ms} ms`);
    assert.deepEqual(result.problems, []);
  });

  it('deeply nested HCL expressions and blocks (stack overflow escaped the engine)', async () => {
    const expression = await timed('deep.tf', 'resource "aws_sagemaker_notebook_instance" "nb" {\n  tags = ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n}\n');
    assert.deepEqual(expression.result.findings.map((f) => f.ruleId), NOTEBOOK_RULES);
    const blocks = await timed('deep.tf', 'resource "aws_sagemaker_notebook_instance" "nb" {\n' + '  a {\n'.repeat(10_000) + '  }\n'.repeat(10_000) + '}\n');
    assert.deepEqual(blocks.result.findings.map((f) => f.ruleId), NOTEBOOK_RULES);
  });

  it('deeply nested JSON gives the same answer every time and cannot abort the process (V8 "RegExpCompiler Allocation failed")', () => {
    // Before the fix the yaml package recursed until the stack ran out; depending on how warm the JIT was, the result
    // changed from run to run, and the second analysis aborted the whole process. A child process keeps the runner safe.
    const script = `
      const { Engine } = require(${JSON.stringify(path.join(__dirname, '..', 'server', 'src', 'engine', 'engine.js'))});
      const text = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": ' + '{"a": '.repeat(6000) + '1' + '}'.repeat(6000) + '}}}';
      Engine.create().then((e) => { for (let i = 0; i < 4; i++) console.log(JSON.stringify(e.analyze({ path: 'deep.json', text }).problems)); });
    `;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr.slice(0, 500));
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    assert.equal(new Set(lines).size, 1, lines.join('\n'));
    assert.match(lines[0], /the template is nested too deeply to read/);
  });

  it('deeply nested YAML says so instead of reporting a stack overflow', async () => {
    const { result } = await timed('deep.yaml', 'AWSTemplateFormatVersion: x\nResources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      P: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n');
    assert.ok(result.problems.length > 0);
    for (const p of result.problems) assert.doesNotMatch(p.message, /call stack/);
  });

  it('a YAML alias bomb costs nothing: aliases are never expanded', async () => {
    let bomb = 'AWSTemplateFormatVersion: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 15; i++) bomb += `a${i}: &a${i} [${Array(10).fill('*a' + (i - 1)).join(', ')}]\n`;
    const { result, ms } = await timed('bomb.yaml', bomb + 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties: *a14\n');
    assert.ok(ms < 5_000, `${ms} ms`);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.findings, [], 'properties given by an alias are unknown, never reported as missing');
  });
});

describe('time limit', () => {
  it('a file that takes longer than maxAnalysisMs is skipped with one message, and the next file is analysed normally', async () => {
    const e = await engine;
    const big = 'import torch\n' + 'x' + '.a()'.repeat(30_000) + '\n' + 'torch.load(p)\n'.repeat(2000);
    const result = e.analyze({ path: 'big.py', text: big }, { ...DEFAULT_OPTIONS, maxAnalysisMs: 1 });
    assert.equal(result.language, 'python');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.problems.map((p) => [p.kind, p.message]), [['skipped', 'skipped: analysis did not finish within the 1 ms time limit']]);
    // A cancelled parse must not leave the parser half-way through the old text.
    const next = e.analyze({ path: 'small.py', text: 'import torch\ntorch.load(p)\n' });
    assert.deepEqual(next.problems, []);
    assert.deepEqual(next.findings.map((f) => [f.ruleId, f.range.start.line]), [['unsafe-model-deserialization', 1]]);
  });
});
