// The integration suite (test/integration/suite) inside a real VS Code: code-server in headless Chromium, with this
// repository as the extension under development. Needs `node scripts/setup-editors.mjs --vscode` (npm run test:vscode).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { runExtensionTests } from './codeServer';
import { copyExamples, resultsDir, ROOT } from './tools';

it('the integration suite passes in VS Code (code-server)', { timeout: 15 * 60_000 }, async () => {
  const workspace = copyExamples('ai-lens-vscode-ws-');
  const screenshot = path.join(resultsDir(), 'vscode.png');
  fs.rmSync(screenshot, { force: true });
  try {
    const result = await runExtensionTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js'),
      workspace,
      screenshot,
      logFile: path.join(resultsDir(), 'vscode.log'),
    });
    assert.ok(result.output.some((line) => / passed, \d+ failed$/.test(line)), `the suite did not report a result:\n${result.output.join('\n')}`);
    assert.equal(result.exitCode, 0, `the suite failed:\n${result.output.filter((l) => !l.startsWith('✔')).join('\n')}`);
    assert.ok(result.screenshotTaken, 'no screenshot was taken');
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});
