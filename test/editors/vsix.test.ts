// The packaged extension: `npm run package` builds ai-lens.vsix, code-server installs it, and a window on a
// workspace shows its findings. Proves the bundle holds everything (no node_modules, lens data and grammars found).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { installExtension, runExtensionTests } from './codeServer';
import { copyExamples, resultsDir, ROOT } from './tools';

it('the .vsix installs into code-server and reports findings', { timeout: 15 * 60_000 }, async () => {
  const vsix = path.join(ROOT, 'ai-lens.vsix');
  fs.rmSync(vsix, { force: true });
  execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  assert.ok(fs.existsSync(vsix), 'npm run package wrote no ai-lens.vsix');

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-vsix-'));
  const extensionsDir = path.join(scratch, 'extensions');
  // The tests run in the extension host of an extension under development; this one is empty, so that the
  // extension under test is only the installed one.
  const host = path.join(scratch, 'test-host');
  fs.mkdirSync(host);
  const manifest = { name: 'vsix-test-host', publisher: 'ai-lens-test', version: '0.0.0', engines: { vscode: '*' }, extensionKind: ['workspace'] };
  fs.writeFileSync(path.join(host, 'package.json'), JSON.stringify(manifest));
  const workspace = copyExamples('ai-lens-vsix-ws-');
  try {
    installExtension(vsix, extensionsDir);
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('ai-lens.ai-lens-'));
    assert.equal(installed.length, 1, `installed: ${fs.readdirSync(extensionsDir).join(', ')}`);
    const extension = path.join(extensionsDir, installed[0]);
    assert.equal(fs.existsSync(path.join(extension, 'node_modules')), false, 'the package ships no node_modules');
    checkDetailsPage(extension);

    const result = await runExtensionTests({
      extensionDevelopmentPath: host,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'vsix', 'index.js'),
      workspace,
      extensionsDir,
      env: { AI_LENS_EXTENSIONS_DIR: extensionsDir },
      screenshot: path.join(resultsDir(), 'vsix.png'),
      logFile: path.join(resultsDir(), 'vsix.log'),
    });
    assert.equal(result.exitCode, 0, `the suite failed:\n${result.output.filter((l) => !l.startsWith('✔')).join('\n')}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});

/** What the Extensions view shows for the installed package: the user README, its screenshot, the icon, the changelog. */
function checkDetailsPage(extension: string): void {
  // vsce stores them as readme.md and changelog.md.
  const named = (name: string) => path.join(extension, fs.readdirSync(extension).find((f) => f.toLowerCase() === name) ?? name);
  const readme = fs.readFileSync(named('readme.md'), 'utf8');
  assert.equal(readme, fs.readFileSync(path.join(ROOT, 'client', 'README.md'), 'utf8'), 'the details page is the user README');
  assert.doesNotMatch(readme, /npm install && npm (start|test)/, 'no developer set-up on the details page');
  for (const heading of ['## What it does', '## Install', '## Settings', '## Rules']) assert.ok(readme.includes(heading), heading);
  for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
    assert.ok(!/^https?:/.test(image), `${image}: the page must work offline`);
    assert.ok(fs.existsSync(path.join(extension, image)), `${image} is not in the package`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
  assert.ok(manifest.repository?.url, 'repository');
  const icon = fs.readFileSync(path.join(extension, manifest.icon));
  assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG', 'the icon is a PNG');
  assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon is at least 128×128');
  assert.match(fs.readFileSync(named('changelog.md'), 'utf8'), /^# Changelog/);
}
