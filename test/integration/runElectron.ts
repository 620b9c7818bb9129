// `npm run test:electron`: the integration suite in VS Code desktop, downloaded by @vscode/test-electron (needs
// internet access; offline, `npm run test:vscode` runs the same suite in code-server).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copyExamples, ROOT } from '../editors/tools';

async function main(): Promise<void> {
  const workspace = copyExamples('ai-lens-electron-ws-');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
