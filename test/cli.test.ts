// The CLI as CI runs it: a child process, real files, exit codes and report formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../server/src/engine/rules';
import { scratchDir } from './scratch';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return scratchDir('cli');
}

describe('ai-lens scan', () => {
  it('prints findings grouped by file, counts by rule and by lens practice with titles and links, and a summary', () => {
    const { code, stdout } = cli(['scan', 'examples']);
    assert.equal(code, 1, 'warnings fail the default --fail-on warning');
    const section = stdout.split('\n\n').find((s) => s.startsWith('examples/chat-service/app.py\n'));
    assert.ok(section, stdout.slice(0, 2000));
    assert.match(section, /^ {2}32:24 {2}warning {2}bedrock-call-without-guardrail +`converse_stream` has no `guardrailConfig`/m);
    assert.equal(section.split('\n').filter((l) => /^ {2}\d+:\d+ /.test(l)).length, 4, 'the file\'s four findings, one per line');
    assert.match(stdout, /^Findings by rule:\n +\d+ {2}[a-z-]+ +\S/m);
    const json = JSON.parse(cli(['scan', 'examples', '--format', 'json']).stdout);
    const open = json.findings.filter((f: { suppressed?: unknown }) => !f.suppressed);
    const count = (test: (f: { ruleId: string; practices: string[] }) => boolean) => open.filter(test).length;
    const guardrail = count((f) => f.ruleId === 'bedrock-call-without-guardrail');
    assert.ok(guardrail > 1);
    assert.match(stdout, new RegExp(`^ +${guardrail} {2}bedrock-call-without-guardrail +Bedrock model call without a guardrail$`, 'm'));
    assert.match(stdout, /^Findings by lens practice:\n/m);
    const gensec02 = count((f) => f.practices[0] === 'GENSEC02-BP01');
    assert.match(stdout, new RegExp(`^ +${gensec02} {2}GENSEC02-BP01 +Implement guardrails to mitigate harmful or incorrect model responses\n +https://docs\\.aws\\.amazon\\.com/wellarchitected/latest/generative-ai-lens/gensec02-bp01\\.html$`, 'm'));
    const errors = json.findings.filter((f: { severity: string }) => f.severity === 'error').length;
    const warnings = json.findings.filter((f: { severity: string }) => f.severity === 'warning').length;
    const notes = json.findings.length - errors - warnings;
    const files = new Set(json.findings.map((f: { path: string }) => f.path)).size;
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    assert.ok(
      stdout.endsWith(`\n${plural(json.findings.length, 'finding')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notes, 'note')}) in ${plural(files, 'file')}; ${plural(json.scanned, 'file')} checked\n`),
      stdout.split('\n').slice(-3).join('\n'),
    );
  });

  it('-q prints the findings only; --statistics the counts only', () => {
    const quiet = cli(['scan', 'examples', '-q']).stdout;
    assert.ok(quiet.startsWith('examples/agents/claims_agent.py\n'), quiet.slice(0, 200));
    assert.doesNotMatch(quiet, /Findings by|checked/);
    const statistics = cli(['scan', 'examples', '--statistics']).stdout;
    assert.ok(statistics.startsWith('Findings by rule:\n'), statistics.slice(0, 200));
    assert.doesNotMatch(statistics, /^ {2}\d+:\d+ /m, 'no findings');
    assert.match(statistics, /files checked\n$/);
  });

  it('writes SARIF 2.1.0 with rules, relative locations and fingerprints', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out.sarif');
    const { code, stderr } = cli(['scan', 'examples', '--format', 'sarif', '--output', out, '--fail-on', 'never']);
    assert.equal(code, 0, stderr);
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules;
    assert.equal(run.tool.driver.name, 'AI Lens');
    assert.deepEqual(rules.map((r: { id: string }) => r.id), [...RULES.map((r) => r.meta.id), 'invalid-suppression'], 'every rule in registry order, then the meta rule');
    for (const rule of rules.slice(0, RULES.length)) {
      assert.match(rule.id, /^[a-z0-9-]+$/);
      assert.ok(rule.shortDescription.text);
      assert.match(rule.helpUri, /^https:\/\/docs\.aws\.amazon\.com\/wellarchitected\/latest\/.+\.html$/);
      assert.ok(rule.properties.practices.length > 0);
    }
    assert.equal(run.results.length, JSON.parse(cli(['scan', 'examples', '--format', 'json']).stdout).findings.length);
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

  it('exits 1 when an open finding reaches --fail-on (warning by default), 0 below it or with never', () => {
    assert.equal(cli(['scan', 'examples']).code, 1);
    assert.equal(cli(['scan', 'examples', '--fail-on', 'error']).code, 0, 'the examples have no error');
    assert.equal(cli(['scan', 'examples', '--fail-on', 'note']).code, 1);
    assert.equal(cli(['scan', 'examples/infra/cloudformation/endpoint.yaml', '--lens', 'ml']).code, 1);
    assert.equal(cli(['scan', 'examples', '--fail-on', 'never']).code, 0);
    assert.equal(cli(['scan', 'examples/training/deploy_monitored.py', '--fail-on', 'note']).code, 0, 'a clean file passes');
    const notesOnly = tempDir();
    fs.writeFileSync(path.join(notesOnly, 'nb.tf'), 'resource "aws_sagemaker_notebook_instance" "n" {\n  direct_internet_access = "Disabled"\n  root_access = "Disabled"\n  subnet_id = "subnet-1"\n  security_groups = ["sg-1"]\n  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n}\n');
    assert.equal(cli(['scan', notesOnly]).code, 0, 'a note does not reach the default warning');
    assert.equal(cli(['scan', notesOnly, '--fail-on', 'note']).code, 1);
  });

  it('exits 2 with a clear message when no file was checked, unless --allow-empty', () => {
    const empty = tempDir();
    fs.writeFileSync(path.join(empty, 'README.md'), '# nothing to check\n');
    fs.writeFileSync(path.join(empty, 'values.yaml'), 'replicas: 2\n');
    const result = cli(['scan', empty]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^ai-lens: no file was checked in .+: AI Lens checks Python, TypeScript\/JavaScript, Terraform and CloudFormation files; pass --allow-empty to accept an empty scan\n$/);
    const allowed = cli(['scan', empty, '--allow-empty']);
    assert.equal(allowed.code, 0);
    assert.match(allowed.stdout, /0 findings .*; 0 files checked/);
  });

  it('exits 2 on usage and I/O errors with one line and a pointer to the help', () => {
    const bad = cli(['scan', 'examples', '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'ai-lens: --format must be one of text, concise, json, sarif, gitlab, junit (got "xml")\nsee `ai-lens scan --help`\n');
    assert.equal(cli(['scan', '--frobnicate']).stderr, 'ai-lens: unknown option --frobnicate\nsee `ai-lens scan --help`\n');
    assert.equal(cli(['scan', '--output']).stderr, 'ai-lens: --output needs a value\nsee `ai-lens scan --help`\n');
    assert.equal(cli(['report', '--format', 'pdf']).stderr, 'ai-lens: --format must be one of md, html, json, wa-tool (got "pdf")\nsee `ai-lens report --help`\n');
    const missing = cli(['scan', 'no/such/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^ai-lens: no such file or folder: .*\nsee `ai-lens scan --help`\n$/);
    assert.equal(cli(['scan', '--lens', 'fin']).code, 2);
    const unknown = cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'ai-lens: unknown command "frobnicate"\nsee `ai-lens --help`\n');
    const io = cli(['scan', 'examples', '--output', '/nonexistent-dir/out.json', '--format', 'json']);
    assert.equal(io.code, 2);
    assert.match(io.stderr, /^ai-lens: cannot write \/nonexistent-dir\/out\.json: /);
  });

  it('limits rules to the chosen lenses', () => {
    const { stdout } = cli(['scan', 'examples', '--lens', 'ml', '--format', 'json']);
    const rules = new Set<string>(JSON.parse(stdout).findings.map((f: { ruleId: string }) => f.ruleId));
    assert.ok(rules.has('unsafe-model-deserialization') && rules.has('sagemaker-endpoint-without-data-capture'));
    for (const id of rules) {
      const rule = RULES.find((r) => r.meta.id === id)!;
      assert.ok(rule.meta.practices.some((p) => p.startsWith('ML')), `${id} serves an ML practice`);
    }
    assert.ok(!rules.has('llm-call-without-max-tokens') && !rules.has('bedrock-call-without-guardrail'), 'GenAI-only rules do not run');
  });

  it('.gitignore and --exclude keep files out', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.py'), 'import torch\ntorch.load(p)\n');
    fs.mkdirSync(path.join(dir, 'vendor'));
    fs.writeFileSync(path.join(dir, 'vendor', 'b.py'), 'import pickle\npickle.load(f)\n');
    fs.mkdirSync(path.join(dir, 'scratch'));
    fs.writeFileSync(path.join(dir, 'scratch', 'c.py'), 'import pickle\npickle.load(f)\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'vendor/\n');
    const { stdout } = cli(['scan', '.', '--quiet', '--exclude', 'scratch/**'], dir);
    assert.deepEqual(stdout.trim().split('\n').map((l) => l.trim().split(/ +/).slice(0, 3).join(' ')), ['a.py', '2:1 warning unsafe-model-deserialization']);
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
    assert.deepEqual(guardrails.rules, RULES.filter((r) => r.meta.practices.includes('GENSEC02-BP01')).map((r) => r.meta.id));
    assert.ok(guardrails.rules.includes('bedrock-call-without-guardrail'));
    assert.ok(practices.filter((p: any) => p.automation === 'manual').every((p: any) => p.rules.length === 0));
  });

  it('prints a readable tree', () => {
    const { stdout } = cli(['lenses']);
    assert.match(stdout, /^Responsible AI Lens \(rai, re:Invent 2025\): 99 practices/m);
    assert.match(stdout, /\[partial\] GENSEC02-BP01 {2}Implement guardrails/);
  });
});

describe('ai-lens scan with .ai-lens.yaml', () => {
  const CONFIG = [
    'rules:', // 1
    '  llm-call-without-max-tokens: error', // 2
    '  bedrock-call-without-guardrail: off', // 3
    'exclude: [generated]', // 4
    'ignore:', // 5
    '  - paths: [legacy]', // 6
    '    rules: [unsafe-model-deserialization]', // 7
    '    reason: Legacy models are built and signed by our pipeline', // 8
    '',
  ].join('\n');

  function workspace(config = CONFIG): string {
    const dir = tempDir();
    const files: Record<string, string> = {
      '.ai-lens.yaml': config,
      'app.py': 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n',
      'generated/gen.py': 'import torch\ntorch.load(p)\n',
      'legacy/load.py': 'import torch\ntorch.load(p)\n',
      'inline.py': 'import torch\ntorch.load(p)  # ai-lens: ignore[unsafe-model-deserialization] -- weights only, checked by hash\n',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  it('reads the file at the scan root: severities, rules off, excludes and ignores with their reasons', () => {
    const dir = workspace();
    const result = cli(['scan', dir, '--format', 'json', '--fail-on', 'never']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      report.findings.map((f: { path: string; ruleId: string; severity: string; suppressed?: unknown }) => [f.path, f.ruleId, f.severity, f.suppressed]),
      [
        ['app.py', 'llm-call-without-max-tokens', 'error', undefined],
        ['inline.py', 'unsafe-model-deserialization', 'warning', { kind: 'inline', reason: 'weights only, checked by hash' }],
        ['legacy/load.py', 'unsafe-model-deserialization', 'warning', { kind: 'config', reason: 'Legacy models are built and signed by our pipeline', source: '.ai-lens.yaml:6' }],
      ],
    );
    assert.equal(cli(['scan', dir, '--fail-on', 'error']).code, 1, 'the error from the file fails --fail-on error');
  });

  it('writes suppressions to SARIF with their justification: inSource for comments, external for the file', () => {
    const dir = workspace();
    const sarif = JSON.parse(cli(['scan', dir, '--format', 'sarif', '--fail-on', 'never']).stdout);
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    assert.deepEqual(
      suppressed.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; suppressions: unknown[] }) => [r.locations[0].physicalLocation.artifactLocation.uri, r.suppressions]),
      [
        [
          'inline.py',
          [
            {
              kind: 'inSource',
              status: 'accepted',
              justification: 'weights only, checked by hash',
              location: { physicalLocation: { artifactLocation: { uri: 'inline.py', uriBaseId: 'ROOT' }, region: { startLine: 2, startColumn: 16, endLine: 2, endColumn: 96 } } },
            },
          ],
        ],
        [
          'legacy/load.py',
          [
            {
              kind: 'external',
              status: 'accepted',
              justification: 'Legacy models are built and signed by our pipeline',
              location: { physicalLocation: { artifactLocation: { uri: '.ai-lens.yaml', uriBaseId: 'ROOT' }, region: { startLine: 6 } } },
            },
          ],
        ],
      ],
    );
  });

  it('stops with exit code 2 and the line of every problem when the file is broken', () => {
    const dir = workspace('rulez:\n  llm-call-without-max-tokens: error\nignore:\n  - paths: [legacy]\n    rules: [unsafe-model-deserialization]\n');
    const result = cli(['scan', '.'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      [
        'ai-lens: .ai-lens.yaml:1:1: unknown key "rulez" (did you mean "rules"?)',
        'ai-lens: .ai-lens.yaml:4:5: ignore[0]: missing "reason"',
        'ai-lens: 2 problems in .ai-lens.yaml; nothing was scanned',
        '',
      ].join('\n'),
    );
  });

  it('--config names another file, --no-config reads none, and --lens wins over the file', () => {
    const dir = workspace();
    const other = path.join(tempDir(), 'strict.yaml');
    fs.writeFileSync(other, 'rules:\n  unsafe-model-deserialization: error\n');
    const withOther = JSON.parse(cli(['scan', dir, '--config', other, '--format', 'json', '--fail-on', 'never']).stdout);
    assert.deepEqual(withOther.findings.filter((f: { ruleId: string }) => f.ruleId === 'unsafe-model-deserialization').map((f: { severity: string }) => f.severity), ['error', 'error', 'error']);
    const none = JSON.parse(cli(['scan', dir, '--no-config', '--format', 'json', '--fail-on', 'never']).stdout);
    assert.equal(none.findings.length, 5, 'nothing excluded, ignored or turned off');
    const mlOnly = JSON.parse(cli(['scan', dir, '--lens', 'ml', '--format', 'json', '--fail-on', 'never']).stdout);
    assert.deepEqual([...new Set(mlOnly.findings.map((f: { ruleId: string }) => f.ruleId))], ['unsafe-model-deserialization']);
    const missing = cli(['scan', dir, '--config', path.join(dir, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such configuration file/);
  });

  it('reports a suppression without a reason as a finding, in SARIF too', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.py'), 'import torch\n# ai-lens: ignore[unsafe-model-deserialization]\ntorch.load(p)\n');
    const sarif = JSON.parse(cli(['scan', dir, '--format', 'sarif', '--fail-on', 'never']).stdout);
    const results = sarif.runs[0].results;
    assert.deepEqual(results.map((r: { ruleId: string; suppressions?: unknown }) => [r.ruleId, r.suppressions]), [['invalid-suppression', undefined], ['unsafe-model-deserialization', undefined]]);
    assert.equal(sarif.runs[0].tool.driver.rules[results[0].ruleIndex].id, 'invalid-suppression');
  });
});
