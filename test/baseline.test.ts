// Baselines as CI uses them: write one today, then fail only on findings that are new, whatever moved in between.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scratchDir } from './scratch';

const ROOT = path.join(__dirname, '..', '..');

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TRAIN = ['import pickle', 'import torch', '', 'def load(path):', '    return torch.load(path)', '', 'def restore(f):', '    return pickle.load(f)', ''].join('\n');
const INFRA = [
  'resource "aws_sagemaker_notebook_instance" "research" {',
  '  name          = "research"',
  '  role_arn      = aws_iam_role.r.arn',
  '  instance_type = "ml.t3.medium"',
  '}',
  '',
].join('\n');

function project(): string {
  const dir = scratchDir('baseline');
  fs.writeFileSync(path.join(dir, 'train.py'), TRAIN);
  fs.writeFileSync(path.join(dir, 'main.tf'), INFRA);
  return dir;
}

function open(json: string): string[] {
  return JSON.parse(json)
    .findings.filter((f: { suppressed?: unknown }) => !f.suppressed)
    .map((f: { path: string; line: number; ruleId: string }) => `${f.path}:${f.line}:${f.ruleId}`);
}

describe('scan --baseline', () => {
  for (const kind of ['json', 'sarif'] as const) {
    it(`a ${kind} baseline holds the findings through line moves, re-indentation and edits elsewhere; new ones are reported`, () => {
      const dir = project();
      const baseline = path.join(dir, `baseline.${kind}`);
      if (kind === 'json') {
        const written = cli(['scan', '.', '--write-baseline', baseline], dir);
        assert.equal(written.code, 0, written.stderr);
        assert.match(written.stderr, /baseline of \d+ open findings written to/);
      } else {
        assert.equal(cli(['scan', '.', '--format', 'sarif', '--output', baseline], dir).code, 1);
      }
      const before = open(cli(['scan', '.', '--format', 'json'], dir).stdout);
      assert.ok(before.length >= 4, before.join('\n'));
      assert.equal(cli(['scan', '.', '--baseline', baseline], dir).code, 0, 'everything is in the baseline');

      // Lines move (an import and a function above), a flagged line is re-indented, an unrelated line changes, and the
      // Terraform block gains a tag: none of that is a new finding.
      fs.writeFileSync(
        path.join(dir, 'train.py'),
        TRAIN.replace('import torch\n', 'import torch\nimport json\n\ndef config():\n    return json.load(open("c.json"))\n').replace('    return pickle.load(f)', '    if f:\n        return pickle.load(f)').replace('def load(path):', 'def load(path):  # checkpoints'),
      );
      fs.writeFileSync(path.join(dir, 'main.tf'), '# research notebooks\n\n' + INFRA.replace('}\n', '  tags = { team = "ml" }\n}\n'));
      const moved = open(cli(['scan', '.', '--format', 'json'], dir).stdout);
      assert.equal(moved.length, before.length);
      assert.notDeepEqual(moved, before, 'the findings did move');
      const compared = cli(['scan', '.', '--baseline', baseline, '--format', 'json'], dir);
      assert.equal(compared.code, 0, compared.stdout);
      assert.deepEqual(open(compared.stdout), []);
      assert.equal(JSON.parse(compared.stdout).baselined, before.length);

      // A new finding (a second notebook, another unsafe load) is reported and fails the scan; the old ones stay out.
      fs.appendFileSync(path.join(dir, 'train.py'), '\ndef again(g):\n    return pickle.load(g)\n');
      fs.appendFileSync(path.join(dir, 'main.tf'), INFRA.replace(/research/g, 'scratch'));
      const withNew = cli(['scan', '.', '--baseline', baseline, '--format', 'json'], dir);
      assert.equal(withNew.code, 1);
      const added = open(withNew.stdout);
      assert.ok(added.includes('train.py:16:unsafe-model-deserialization'), added.join('\n'));
      assert.ok(added.length > 1 && added.every((f) => f === 'train.py:16:unsafe-model-deserialization' || f.startsWith('main.tf:9:')), added.join('\n'));
      const text = cli(['scan', '.', '--baseline', baseline], dir).stdout;
      assert.match(text, new RegExp(`; 2 files checked, ${before.length} in the baseline\\n$`));
    });
  }

  it('a second identical line is a new finding, not hidden by the first one in the baseline', () => {
    const dir = project();
    const baseline = path.join(dir, 'baseline.json');
    cli(['scan', '.', '--write-baseline', baseline], dir);
    fs.writeFileSync(path.join(dir, 'train.py'), TRAIN + 'def restore_again(f):\n    return pickle.load(f)\n');
    assert.deepEqual(open(cli(['scan', '.', '--baseline', baseline, '--format', 'json'], dir).stdout), ['train.py:10:unsafe-model-deserialization']);
  });

  it('an unreadable or foreign baseline is a usage error', () => {
    const dir = project();
    const missing = cli(['scan', '.', '--baseline', 'nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^ai-lens: cannot read the baseline nope\.json: no such file\nsee `ai-lens scan --help`\n$/);
    fs.writeFileSync(path.join(dir, 'other.json'), '{"results": []}');
    assert.match(cli(['scan', '.', '--baseline', 'other.json'], dir).stderr, /other\.json is neither SARIF nor AI Lens JSON/);
  });
});

describe('per-command help', () => {
  for (const command of ['scan', 'report', 'lenses', 'server']) {
    it(`ai-lens ${command} --help lists its options and exits 0`, () => {
      const dir = os.tmpdir();
      const help = cli([command, '--help'], dir);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`^Usage: ai-lens ${command}`));
      assert.match(help.stdout, /^ {2}-h, --help +Show this help and exit\.$/m);
      assert.equal(cli(['help', command], dir).stdout, help.stdout);
      assert.equal(cli([command, '-h'], dir).stdout, help.stdout);
    });
  }

  it('scan --help names every option the scan takes, with the choices of each', () => {
    const help = cli(['scan', '--help'], os.tmpdir()).stdout;
    for (const option of ['--format text|concise|json|sarif|gitlab|junit', '--output FILE', '--fail-on error|warning|note|never', '--baseline FILE', '--write-baseline FILE', '--allow-empty', '--lens', '--exclude GLOB', '--config FILE', '--no-config', '-q, --quiet', '--statistics']) {
      assert.ok(help.includes(option), `${option} missing from:\n${help}`);
    }
    assert.match(help, /\(default: warning\)/);
  });

  it('ai-lens alone prints the commands and exits 2; --help exits 0', () => {
    const bare = cli([], os.tmpdir());
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^Commands:\n {2}scan +Check files/m);
    assert.equal(cli(['--help'], os.tmpdir()).code, 0);
  });
});
