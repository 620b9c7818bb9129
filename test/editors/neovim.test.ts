// A second LSP client: headless Neovim from Debian attaches `ai-lens server --stdio`, opens a Python and a
// Terraform file, reads the diagnostics through vim.diagnostic, asks for code actions and applies a quick fix.
// Needs `node scripts/setup-editors.mjs --neovim` (npm run test:neovim).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyExamples, requireTools, ROOT } from './tools';

interface SeenDiagnostic {
  line: number;
  code: string;
  source: string;
  message: string;
  href: string | null;
}
interface SeenFile {
  filetype: string;
  arrived: boolean;
  diagnostics: SeenDiagnostic[];
  actions?: string[];
  fixed_line?: string;
  fix_cleared?: boolean;
  after_fix?: SeenDiagnostic[];
}
interface Seen {
  files: Record<string, SeenFile>;
  errors: string[];
}

const PLAN_FILES = [
  { path: 'training/load_model.py', fix: { line: 28, code: 'unsafe-model-deserialization', title: 'Load with `weights_only=True`' } },
  { path: 'infra/terraform/main.tf', fix: { line: 71, code: 'sagemaker-notebook-direct-internet', title: 'Set `direct_internet_access` to "Disabled"' } },
];

const lines = (file: SeenFile, list = file.diagnostics) => list.map((d) => `${d.line}:${d.code}`).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));

describe('Neovim as the LSP client', () => {
  let seen: Seen;
  let scratch: string;
  let workspace: string;

  before(() => {
    const { nvim } = requireTools(['nvim'], '--neovim');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-nvim-'));
    workspace = copyExamples('ai-lens-nvim-ws-');
    const plan = { cmd: [process.execPath, path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], workspace, files: PLAN_FILES };
    fs.writeFileSync(path.join(scratch, 'plan.json'), JSON.stringify(plan));
    const resultFile = path.join(scratch, 'result.json');
    const run = spawnSync(nvim, ['--headless', '--clean', '-n', '-c', `luafile ${path.join(ROOT, 'test', 'editors', 'neovim', 'check.lua')}`], {
      env: { ...process.env, AI_LENS_PLAN: path.join(scratch, 'plan.json'), AI_LENS_RESULT: resultFile, XDG_STATE_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch },
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.ok(fs.existsSync(resultFile), `Neovim wrote no result (exit ${run.status}, ${run.signal ?? 'no signal'}):\n${run.stdout}\n${run.stderr}`);
    seen = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    assert.deepEqual(seen.errors, []);
  });

  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('shows the Python findings with rule ids and practice links', () => {
    const file = seen.files['training/load_model.py'];
    assert.equal(file.arrived, true);
    for (const expected of ['12:unsafe-model-deserialization', '16:unsafe-model-deserialization', '28:unsafe-model-deserialization']) {
      assert.ok(lines(file).includes(expected), `${expected} missing from ${lines(file)}`);
    }
    for (const d of file.diagnostics) {
      assert.equal(d.source, 'AI Lens');
      assert.match(d.href ?? '', /^https:\/\/docs\.aws\.amazon\.com\/wellarchitected\/latest\/[a-z-]+-lens\/[a-z]+\d+-bp\d+\.html$/, `${d.line}:${d.code}`);
      if (d.code === 'unsafe-model-deserialization') {
        assert.equal(d.href, 'https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/mlsec05-bp01.html');
      }
    }
  });

  it('shows the Terraform findings', () => {
    const file = seen.files['infra/terraform/main.tf'];
    assert.equal(file.arrived, true);
    for (const expected of ['34:sagemaker-endpoint-without-data-capture', '71:sagemaker-notebook-direct-internet', '121:bedrock-agent-without-guardrail']) {
      assert.ok(lines(file).includes(expected), `${expected} missing from ${lines(file)}`);
    }
  });

  it('offers the quick fix, the suppression and the practice link as code actions', () => {
    const python = seen.files['training/load_model.py'].actions ?? [];
    assert.ok(python.some((t) => t.startsWith('Load with `weights_only=True`')), python.join('\n'));
    assert.ok(python.some((t) => t.startsWith('Suppress unsafe-model-deserialization here')), python.join('\n'));
    assert.ok(python.some((t) => t.startsWith('Open lens practice MLSEC05-BP01')), python.join('\n'));
    const terraform = seen.files['infra/terraform/main.tf'].actions ?? [];
    assert.ok(terraform.some((t) => t.startsWith('Suppress sagemaker-notebook-direct-internet here')), terraform.join('\n'));
  });

  it('applying a quick fix edits the buffer and clears its diagnostic', () => {
    const python = seen.files['training/load_model.py'];
    assert.equal(python.fixed_line, '    return torch.load(path, weights_only=True)');
    assert.equal(python.fix_cleared, true);
    const afterFix = lines(python, python.after_fix).filter((l) => l.endsWith(':unsafe-model-deserialization'));
    assert.ok(['12', '16'].every((n) => afterFix.includes(`${n}:unsafe-model-deserialization`)) && !afterFix.includes('28:unsafe-model-deserialization'), String(afterFix));
    const terraform = seen.files['infra/terraform/main.tf'];
    assert.equal(terraform.fix_cleared, true);
    assert.ok(!lines(terraform, terraform.after_fix).some((l) => l.endsWith(':sagemaker-notebook-direct-internet')), String(lines(terraform, terraform.after_fix)));
  });
});
