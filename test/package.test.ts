// The npm package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an empty prefix, offline,
// and the installed `ai-lens` run with nothing but Node on the PATH.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { Client } from './lspClient';

const ROOT = path.join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the npm package', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-package-'));
  const prefix = path.join(scratch, 'prefix');
  let tarball = '';
  /** Only Node and the installed package: no npm, no repository, no node_modules above. */
  const env = { PATH: [path.join(prefix, 'bin'), path.dirname(process.execPath)].join(path.delimiter), HOME: scratch };

  before(() => {
    // --ignore-scripts: `npm test` built dist/ already; prepack would build it again (npm pack on its own does).
    const packed = execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tarball = path.join(scratch, JSON.parse(packed)[0].filename);
    // Offline, with no cache: a package with no dependencies needs nothing from a registry.
    execFileSync(NPM, ['install', '--global', '--prefix', prefix, '--offline', '--cache', path.join(scratch, 'cache'), '--no-audit', '--no-fund', tarball], {
      cwd: scratch,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('holds the built CLI and server, the grammars and the schema, and nothing from development', () => {
    const listed = JSON.parse(execFileSync(NPM, ['pack', '--ignore-scripts', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' }))[0].files.map((f: { path: string }) => f.path).sort();
    for (const file of ['bin/ai-lens.js', 'dist/server.js', 'dist/wasm/tree-sitter-python.wasm', 'dist/wasm/tree-sitter-terraform.wasm', 'dist/wasm/web-tree-sitter.wasm', 'schemas/ai-lens.schema.json', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      assert.ok(listed.includes(file), `${file} is not in the package: ${listed.join(', ')}`);
    }
    assert.deepEqual(listed.filter((f: string) => /^(out|test|server|client|examples|node_modules)\/|\.map$/.test(f)), []);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined, 'the bundle needs no installed package');
    assert.match(manifest.scripts.prepack, /npm run build/);
  });

  it('installs into an empty prefix with no node_modules of its own', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'ai-lens');
    assert.ok(fs.existsSync(path.join(installed, 'dist', 'server.js')));
    assert.equal(fs.existsSync(path.join(installed, 'node_modules')), false);
    assert.ok(fs.existsSync(path.join(prefix, 'bin', 'ai-lens')));
  });

  it('runs `ai-lens scan` with only Node on the PATH', () => {
    const work = path.join(scratch, 'work');
    fs.cpSync(path.join(ROOT, 'examples'), work, { recursive: true });
    const run = spawnSync('ai-lens', ['scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: work, env, encoding: 'utf8', shell: process.platform === 'win32' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    const fromRepository = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), 'scan', 'examples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }).stdout);
    assert.deepEqual(
      report.findings.map((f: { path: string; line: number; ruleId: string }) => `${f.path}:${f.line}:${f.ruleId}`),
      fromRepository.findings.map((f: { path: string; line: number; ruleId: string }) => `${f.path}:${f.line}:${f.ruleId}`),
    );
    const version = spawnSync('ai-lens', ['--version'], { env, encoding: 'utf8' });
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('runs `ai-lens server --stdio` for an editor', async () => {
    const child = spawn('ai-lens', ['server', '--stdio'], { env, stdio: ['pipe', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const client = new Client(child);
    try {
      const init = (await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { serverInfo: { name: string } };
      assert.equal(init.serverInfo.name, 'ai-lens');
      await client.connection.sendNotification('initialized', {});
      const uri = pathToFileURL(path.join(scratch, 'load.py')).href;
      client.open(uri, 'python', 'import torch\nmodel = torch.load(path)\n');
      const diagnostics = await client.diagnosticsFor(uri, (d) => d.length > 0);
      assert.deepEqual(diagnostics.map((d) => d.code), ['unsafe-model-deserialization']);
    } finally {
      client.connection.dispose();
      child.kill();
    }
  });

  it('runs the pre-commit hook as pre-commit does: the installed package, the entry and its arguments, in the repository', () => {
    const [hook] = YAML.parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(hook.language, 'node', 'pre-commit installs the repository with npm pack and npm install -g, as above');
    assert.equal(hook.pass_filenames, false, 'the whole repository is scanned, so the cross-file rules see every file');
    // pre-commit takes `npm pack`'s standard output as the tarball's name: the build that prepack runs must not print there.
    assert.match(fs.readFileSync(path.join(ROOT, '.npmrc'), 'utf8'), /^foreground-scripts=false$/m);
    const repo = path.join(scratch, 'repo');
    fs.cpSync(path.join(ROOT, 'examples'), repo, { recursive: true });
    // pre-commit splits the entry like a shell (shlex) and appends the hook's args; no quoting is used here.
    const [command, ...args] = (hook.entry as string).split(/\s+/);
    const hookRun = (extra: string[]) => spawnSync(command, [...args, ...(hook.args ?? []), ...extra], { cwd: repo, env, encoding: 'utf8', shell: process.platform === 'win32' });
    const found = hookRun([]);
    assert.equal(found.status, 1, 'findings fail the commit');
    assert.match(found.stdout, /^chat-service\/app\.py$/m);
    // A user who adopts a baseline passes it in the hook's args.
    assert.equal(spawnSync('ai-lens', ['scan', '--write-baseline', '.ai-lens-baseline.json'], { cwd: repo, env, encoding: 'utf8' }).status, 0);
    assert.equal(hookRun(['--baseline', '.ai-lens-baseline.json']).status, 0);
    // A repository with nothing AI Lens checks does not fail (pre-commit runs the hook only for matching files anyway).
    const empty = path.join(scratch, 'empty');
    fs.mkdirSync(empty);
    assert.equal(spawnSync(command, [...args], { cwd: empty, env, encoding: 'utf8' }).status, 0);
    assert.deepEqual([...hook.types_or].sort(), ['javascript', 'json', 'jsx', 'python', 'terraform', 'ts', 'tsx', 'yaml']);
  });
});
