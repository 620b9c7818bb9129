// The CLI as CI runs it: a child process, real files, exit codes and report formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-cli-'));
}

describe('ai-lens scan', () => {
  it('prints findings as file:line:col, severity, rule, practice and message, with a summary', () => {
    const { code, stdout } = cli(['scan', 'examples']);
    assert.equal(code, 0, 'warnings do not fail the default --fail-on error');
    assert.match(stdout, /^examples\/chat-service\/app\.py:32:24 {2}warning {2}bedrock-call-without-guardrail {2}GENSEC02-BP01 {2}`converse_stream` has no `guardrailConfig`/m);
    assert.match(stdout, /^17 findings \(0 errors, 17 warnings, 0 notes\) in 9 files; 12 files checked$/m);
  });

  it('writes SARIF 2.1.0 with rules, relative locations and fingerprints', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out.sarif');
    const { code, stderr } = cli(['scan', 'examples', '--format', 'sarif', '--output', out]);
    assert.equal(code, 0, stderr);
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules;
    assert.equal(run.tool.driver.name, 'AI Lens');
    assert.equal(rules.length, 6);
    for (const rule of rules) {
      assert.match(rule.id, /^[a-z-]+$/);
      assert.ok(rule.shortDescription.text);
      assert.match(rule.helpUri, /^https:\/\/docs\.aws\.amazon\.com\/wellarchitected\/latest\/.+\.html$/);
      assert.ok(rule.properties.practices.length > 0);
    }
    assert.equal(run.results.length, 17);
    assert.equal(run.originalUriBaseIds.ROOT.uri, `file://${EXAMPLES}/`);
    for (const result of run.results) {
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, 'ROOT');
      assert.ok(fs.existsSync(path.join(EXAMPLES, artifactLocation.uri)), artifactLocation.uri);
      assert.ok(region.startLine >= 1 && region.startColumn >= 1);
      assert.match(result.partialFingerprints['aiLens/v1'], /^[0-9a-f]{32}$/);
    }
    const fingerprints = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['aiLens/v1']);
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'fingerprints are unique');
  });

  it('keeps fingerprints when lines move', () => {
    const dir = tempDir();
    const code = 'import torch\nm = torch.load(p)\n';
    fs.writeFileSync(path.join(dir, 'a.py'), code);
    const before = JSON.parse(cli(['scan', dir, '--format', 'sarif']).stdout).runs[0].results[0];
    fs.writeFileSync(path.join(dir, 'a.py'), '\n\n# moved\n' + code);
    const after = JSON.parse(cli(['scan', dir, '--format', 'sarif']).stdout).runs[0].results[0];
    assert.notEqual(before.locations[0].physicalLocation.region.startLine, after.locations[0].physicalLocation.region.startLine);
    assert.deepEqual(before.partialFingerprints, after.partialFingerprints);
  });

  it('exits 1 when a finding reaches --fail-on, 0 with never', () => {
    assert.equal(cli(['scan', 'examples', '--fail-on', 'warning']).code, 1);
    assert.equal(cli(['scan', 'examples', '--fail-on', 'note']).code, 1);
    assert.equal(cli(['scan', 'examples', '--fail-on', 'never']).code, 0);
    assert.equal(cli(['scan', 'examples/training/deploy_monitored.py', '--fail-on', 'note']).code, 0, 'a clean file passes');
  });

  it('exits 2 on usage and I/O errors with a message', () => {
    const bad = cli(['scan', 'examples', '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of text, json, sarif/);
    const missing = cli(['scan', 'no/such/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder/);
    assert.equal(cli(['scan', '--lens', 'fin']).code, 2);
    assert.equal(cli(['frobnicate']).code, 2);
    assert.equal(cli(['scan', 'examples', '--output', '/nonexistent-dir/out.json', '--format', 'json']).code, 2);
  });

  it('limits rules to the chosen lenses', () => {
    const { stdout } = cli(['scan', 'examples', '--lens', 'ml', '--format', 'json']);
    const rules = new Set(JSON.parse(stdout).findings.map((f: { ruleId: string }) => f.ruleId));
    assert.deepEqual([...rules].sort(), ['sagemaker-endpoint-without-data-capture', 'sagemaker-notebook-direct-internet', 'unsafe-model-deserialization']);
  });

  it('reports suppressed findings in JSON but does not fail on them', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'load.py'), 'import pickle\n# ai-lens: ignore[unsafe-model-deserialization] -- our own signed artifact\nm = pickle.load(f)\n');
    const result = cli(['scan', dir, '--format', 'json', '--fail-on', 'note']);
    assert.equal(result.code, 0);
    const [finding] = JSON.parse(result.stdout).findings;
    assert.deepEqual(finding.suppressed, { kind: 'inline', reason: 'our own signed artifact' });
  });
});

describe('ai-lens lenses', () => {
  it('lists all 255 practices with their automation status and rules', () => {
    const { code, stdout } = cli(['lenses', '--format', 'json']);
    assert.equal(code, 0);
    const data = JSON.parse(stdout);
    const practices = data.lenses.flatMap((l: any) => l.groups.flatMap((g: any) => g.questions.flatMap((q: any) => q.practices)));
    assert.equal(practices.length, 255);
    const guardrails = practices.find((p: any) => p.id === 'GENSEC02-BP01');
    assert.equal(guardrails.automation, 'partial');
    assert.deepEqual(guardrails.rules, ['bedrock-call-without-guardrail', 'bedrock-agent-without-guardrail']);
    assert.ok(practices.filter((p: any) => p.automation === 'manual').every((p: any) => p.rules.length === 0));
  });

  it('prints a readable tree', () => {
    const { stdout } = cli(['lenses']);
    assert.match(stdout, /^Responsible AI Lens \(rai, re:Invent 2025\): 99 practices/m);
    assert.match(stdout, /\[partial\] GENSEC02-BP01 {2}Implement guardrails/);
  });
});
