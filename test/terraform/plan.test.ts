// `ai-lens scan plan.json`: the rules over a Terraform plan's values, shown in the configuration when it is in the
// scanned folder and at the resource's address in the plan otherwise. The fixture is a plan as `terraform show -json`
// writes it for test/fixtures/terraform-plan (a tfvars value, a variable's null default, a local module, a registry
// module, a value known only after apply).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { isTerraformPlan, modulesOf, readPlan } from '../../server/src/engine/terraform/plan';

const FIXTURE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'terraform-plan');

interface JsonFinding {
  path: string;
  line: number;
  ruleId: string;
  message: string;
}

async function scanJson(args: string[], cwd: string): Promise<JsonFinding[]> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    let out = '';
    const code = await runCli(['scan', ...args, '--format', 'json', '--fail-on', 'never', '--allow-empty'], { out: (s) => (out += s), err: () => {} });
    assert.equal(code, 0);
    return (JSON.parse(out) as { findings: JsonFinding[] }).findings;
  } finally {
    process.chdir(before);
  }
}

const key = (f: JsonFinding) => `${f.path}:${f.line} ${f.ruleId}`;

describe('Terraform plan JSON', () => {
  it('reads the plan format', () => {
    const text = fs.readFileSync(path.join(FIXTURE, 'plan.json'), 'utf8');
    assert.ok(isTerraformPlan(text));
    assert.equal(isTerraformPlan('{ "AWSTemplateFormatVersion": "2010-09-09" }'), false);
    const plan = readPlan(text)!;
    assert.deepEqual(plan.resources.map((r) => r.address).sort(), [
      'aws_kms_key.notebooks',
      'aws_sagemaker_notebook_instance.lab',
      'aws_sagemaker_notebook_instance.secure',
      'module.endpoint.aws_sagemaker_endpoint.this',
      'module.endpoint.aws_sagemaker_endpoint_configuration.this',
      'module.sm.aws_iam_role.model',
      'module.sm.aws_sagemaker_model.this',
    ]);
    assert.equal(plan.moduleSources.get('sm'), './modules/sm');
    assert.deepEqual(modulesOf('module.a["x"].module.b.aws_s3_bucket.b[0]'), ['a', 'b']);
    assert.equal(readPlan('{"format_version": "2.0"}'), undefined, 'a major version we do not know is refused');
  });

  it('shows findings in the configuration when it is in the scanned folder, else at the address in the plan', async () => {
    const findings = await scanJson(['plan.json'], FIXTURE);
    assert.deepEqual(findings.map(key), [
      'main.tf:9 sagemaker-notebook-direct-internet',
      'main.tf:11 sagemaker-notebook-without-kms-key',
      'modules/sm/main.tf:5 sagemaker-model-without-vpc',
      'modules/sm/main.tf:8 sagemaker-model-without-network-isolation',
      'plan.json:105 sagemaker-endpoint-without-kms-key',
      'plan.json:155 sagemaker-endpoint-without-alarm',
      'plan.json:155 sagemaker-endpoint-without-autoscaling',
      'plan.json:155 sagemaker-endpoint-without-monitoring',
    ]);
    const internet = findings.find((f) => f.ruleId === 'sagemaker-notebook-direct-internet')!;
    assert.match(internet.message, /\(planned: `aws_sagemaker_notebook_instance\.lab`\)$/, 'the value comes from the plan (a tfvars value), not the default');
    assert.ok(!findings.some((f) => f.message.includes('`secure`')), 'a KMS key known only after apply is not missing');
  });

  it('without the configuration, every finding is at its address in the plan', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-plan-'));
    try {
      fs.copyFileSync(path.join(FIXTURE, 'plan.json'), path.join(dir, 'plan.json'));
      const findings = await scanJson(['plan.json'], dir);
      assert.deepEqual([...new Set(findings.map((f) => f.path))], ['plan.json']);
      assert.equal(findings.length, 8);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a JSON file that is not a plan is scanned as before', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-plan-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "x", "format_version": "1.0" }\n');
      assert.deepEqual(await scanJson(['package.json'], dir), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
