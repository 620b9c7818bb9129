#!/usr/bin/env node
// The GitHub Action's steps (action.yml), run by the runner with the inputs in INPUT_* variables:
//   node scripts/github-action.mjs install   builds the CLI in the action's checkout when it is not built yet
//   node scripts/github-action.mjs scan      runs `ai-lens scan` with SARIF output, annotates the findings, writes the
//                                            job summary and the step outputs (sarif-file, findings, exit-code)
// The scan step always succeeds, so that the SARIF can be uploaded; the action's last step fails with the exit code.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ACTION_ROOT, 'bin', 'ai-lens.js');
const LEVELS = { error: 'error', warning: 'warning', note: 'notice' };

const step = process.argv[2];
if (step === 'install') install();
else if (step === 'scan') scan();
else {
  console.error('usage: node scripts/github-action.mjs install|scan');
  process.exit(2);
}

function install() {
  if (existsSync(join(ACTION_ROOT, 'dist', 'server.js'))) return console.log('ai-lens is built');
  // `npm ci` installs the build tools from the lock file and builds the bundle (the package's prepare script).
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], ACTION_ROOT);
  if (!existsSync(join(ACTION_ROOT, 'dist', 'server.js'))) run('npm', ['run', 'build'], ACTION_ROOT);
}

function scan() {
  const input = (name, fallback = '') => (process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback).trim();
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const sarifFile = resolve(workspace, input('sarif-file', 'ai-lens.sarif'));
  mkdirSync(dirname(sarifFile), { recursive: true });
  const args = ['scan', ...words(input('paths', '.')), '--format', 'sarif', '--output', sarifFile, '--fail-on', input('fail-on', 'warning')];
  if (input('baseline')) args.push('--baseline', input('baseline'));
  args.push(...words(input('args')));
  console.log(`ai-lens ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: workspace, stdio: ['ignore', 'inherit', 'inherit'] });
  const exitCode = result.status ?? 2;
  const written = exitCode !== 2 && existsSync(sarifFile);
  const results = written ? openResults(JSON.parse(readFileSync(sarifFile, 'utf8')), workspace) : [];
  for (const r of results) console.log(annotation(r));
  summary(results, exitCode);
  output({ 'sarif-file': written ? relative(workspace, sarifFile).split(sep).join('/') : '', findings: String(results.length), 'exit-code': String(exitCode) });
}

/** Words separated by spaces or new lines (no quoting: a path with a space cannot be given). */
function words(text) {
  return text.split(/\s+/).filter(Boolean);
}

/** The SARIF's unsuppressed results with their paths relative to the workspace. */
function openResults(sarif, workspace) {
  const run = sarif.runs[0];
  const root = fileURLToPath(run.originalUriBaseIds.ROOT.uri);
  return run.results
    .filter((r) => !r.suppressions?.length)
    .map((r) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      const file = join(root, decodeURI(artifactLocation.uri));
      const path = relative(workspace, file);
      return { ruleId: r.ruleId, level: r.level, message: r.message.text, path: (path.startsWith('..') || isAbsolute(path) ? file : path).split(sep).join('/'), region };
    });
}

/** A workflow command that shows the finding on the pull request's diff. */
function annotation(r) {
  const { startLine, startColumn, endLine, endColumn } = r.region;
  const properties = { file: r.path, line: startLine, col: startColumn, endLine, endColumn, title: `AI Lens: ${r.ruleId}` };
  const props = Object.entries(properties).map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${LEVELS[r.level] ?? 'warning'} ${props}::${escapeData(r.message)}`;
}

function escapeData(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text) {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function summary(results, exitCode) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const counts = new Map();
  for (const r of results) counts.set(r.ruleId, (counts.get(r.ruleId) ?? 0) + 1);
  const lines = ['## AI Lens', ''];
  if (exitCode === 2) lines.push('The scan did not run: see the step log.');
  else if (results.length === 0) lines.push('No open findings.');
  else lines.push(`${results.length} open finding${results.length === 1 ? '' : 's'}:`, '', '| Rule | Findings |', '| --- | ---: |', ...[...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `| \`${id}\` | ${n} |`));
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, lines.join('\n') + '\n');
}

function output(values) {
  const lines = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, lines.join('\n') + '\n');
  else console.log(lines.join('\n'));
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
