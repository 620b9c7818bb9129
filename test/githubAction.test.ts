// The GitHub Action (action.yml) run as the runner runs a composite action, on this machine: each step's `if` and
// `${{ }}` values evaluated with GitHub's own expression library (@actions/expressions), `run` steps in
// `bash --noprofile --norc -eo pipefail`, with GITHUB_ACTION_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as the runner
// sets them. `uses` steps (the SARIF upload) are recorded with their inputs, not run: they need GitHub.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { scratchDir } from './scratch';

const ROOT = path.join(__dirname, '..', '..');

interface Step {
  id?: string;
  name: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface ActionRun {
  /** The steps that ran, by name, with what they printed and, for `uses` steps, their evaluated inputs. */
  ran: { name: string; status: number; stdout: string; with?: Record<string, string> }[];
  outputs: Record<string, string>;
  /** The action's result: the first failing step's exit code, else 0. */
  status: number;
  summary: string;
}

type Expressions = typeof import('@actions/expressions', { with: { 'resolution-mode': 'import' } });

async function evaluate(expressions: Expressions, expression: string, context: object): Promise<string | boolean> {
  const { Lexer, Parser, Evaluator, data } = expressions;
  const parsed = new Parser(new Lexer(expression).lex().tokens, ['inputs', 'steps', 'github', 'env'], []).parse();
  const result = new Evaluator(parsed, JSON.parse(JSON.stringify(context), data.reviver)).evaluate();
  return result.kind === data.Kind.Boolean ? result.value : result.coerceString();
}

/** `${{ expr }}` templates in a value, replaced by their values. */
async function substitute(expressions: Expressions, text: string, context: object): Promise<string> {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/\$\{\{(.*?)\}\}/g)) {
    out += text.slice(last, match.index) + String(await evaluate(expressions, match[1].trim(), context));
    last = match.index! + match[0].length;
  }
  return out + text.slice(last);
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT. */
function readOutputs(file: string): Record<string, string> {
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

async function runAction(workspace: string, given: Record<string, string>): Promise<ActionRun> {
  const expressions: Expressions = await import('@actions/expressions');
  const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  assert.equal(action.runs.using, 'composite');
  const inputs = Object.fromEntries(Object.entries(action.inputs as Record<string, { default?: string }>).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  for (const k of Object.keys(given)) assert.ok(k in inputs, `the action has no input ${k}`);
  const scratch = scratchDir('action-runner');
  const summaryFile = path.join(scratch, 'summary.md');
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const run: ActionRun = { ran: [], outputs: {}, status: 0, summary: '' };
  for (const [i, step] of (action.runs.steps as Step[]).entries()) {
    const context = { inputs, steps, github: { action_path: ROOT, workspace } };
    if (run.status !== 0) break; // a failed step ends a composite action (no step here asks for always())
    if (step.if !== undefined && !(await evaluate(expressions, step.if.replace(/^\$\{\{|\}\}$/g, '').trim(), context))) continue;
    if (step.uses) {
      const values = Object.fromEntries(await Promise.all(Object.entries(step.with ?? {}).map(async ([k, v]) => [k, await substitute(expressions, String(v), context)])));
      run.ran.push({ name: step.name, status: 0, stdout: '', with: values });
      continue;
    }
    assert.equal(step.shell, 'bash', `${step.name}: every run step names its shell`);
    const outputFile = path.join(scratch, `output-${i}`);
    const env: Record<string, string> = { PATH: process.env.PATH!, HOME: scratch, GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = await substitute(expressions, String(v), context);
    const script = await substitute(expressions, step.run!, context);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: workspace, env, encoding: 'utf8' });
    run.ran.push({ name: step.name, status: result.status ?? 1, stdout: result.stdout + result.stderr });
    if (step.id) steps[step.id] = { outputs: readOutputs(outputFile) };
    run.status = result.status ?? 1;
  }
  const context = { inputs, steps, github: { action_path: ROOT, workspace } };
  for (const [name, output] of Object.entries(action.outputs as Record<string, { value: string }>)) run.outputs[name] = await substitute(expressions, output.value, context);
  run.summary = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8') : '';
  return run;
}

function workspace(files: Record<string, string>): string {
  const dir = scratchDir('action-ws');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const UNSAFE = { 'ml/train.py': 'import torch\nmodel = torch.load(path)\n', 'ml/clean.py': 'print("ok")\n' };

describe('the GitHub Action', () => {
  it('writes SARIF, annotates the findings, uploads when asked and fails on them', async () => {
    const dir = workspace(UNSAFE);
    const result = await runAction(dir, { 'upload-sarif': 'true' });
    assert.deepEqual(result.ran.map((s) => [s.name, s.status]), [['Build AI Lens', 0], ['Scan', 0], ['Upload to code scanning', 0], ['Fail on findings', 1]]);
    assert.deepEqual(result.outputs, { 'sarif-file': 'ai-lens.sarif', findings: '1', 'exit-code': '1' });
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'ai-lens.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results[0].ruleId, 'unsafe-model-deserialization');
    assert.deepEqual(result.ran[2].with, { sarif_file: 'ai-lens.sarif', category: 'ai-lens' });
    assert.match(result.ran[1].stdout, /^::warning file=ml\/train\.py,line=2,col=9,endLine=2,endColumn=\d+,title=AI Lens%3A unsafe-model-deserialization::`torch\.load`.*\(MLSEC05-BP01\)$/m);
    assert.match(result.summary, /^\| `unsafe-model-deserialization` \| 1 \|$/m);
  });

  it('passes a clean workspace without uploading unless asked', async () => {
    const dir = workspace({ 'app.py': 'print("hello")\n' });
    const result = await runAction(dir, {});
    assert.deepEqual(result.ran.map((s) => [s.name, s.status]), [['Build AI Lens', 0], ['Scan', 0]]);
    assert.deepEqual(result.outputs, { 'sarif-file': 'ai-lens.sarif', findings: '0', 'exit-code': '0' });
    assert.match(result.summary, /No open findings\./);
  });

  it('takes a baseline, paths, fail-on and extra arguments', async () => {
    const dir = workspace({ ...UNSAFE, 'other/load.py': 'import pickle\nm = pickle.load(f)\n' });
    const baseline = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'scan', '.', '--write-baseline', 'baseline.json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(baseline.status, 0, baseline.stderr);
    fs.appendFileSync(path.join(dir, 'ml', 'train.py'), 'again = torch.load(other)\n');
    const result = await runAction(dir, { paths: 'ml other', baseline: 'baseline.json', 'fail-on': 'error', args: '--lens ml', 'sarif-file': 'reports/lens.sarif' });
    assert.deepEqual(result.outputs, { 'sarif-file': 'reports/lens.sarif', findings: '1', 'exit-code': '0' }, result.ran.map((s) => s.stdout).join('\n'));
    assert.match(result.ran[1].stdout, /^::warning file=ml\/train\.py,line=3,/m);
  });

  it('fails with exit code 2 and no SARIF when the scan cannot run', async () => {
    const dir = workspace({ 'notes.md': '# nothing to check\n' });
    const result = await runAction(dir, { 'upload-sarif': 'true' });
    assert.deepEqual(result.ran.map((s) => [s.name, s.status]), [['Build AI Lens', 0], ['Scan', 0], ['Fail on findings', 2]]);
    assert.equal(result.outputs['sarif-file'], '');
    assert.match(result.ran[1].stdout, /no file was checked/);
  });
});
