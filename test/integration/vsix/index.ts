// Run inside code-server with ai-lens.vsix installed (test/editors/vsix.test.ts): the packaged extension alone,
// from the extensions folder, starts its bundled server and reports findings in every language.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runRegistered, say, screenshotMoment, test } from '../harness';
import { EXPECTED } from '../suite/expected';
import { describeAll, EXTENSION_ID, includesAll, open, waitForDiagnostics } from '../suite/support';

test('the installed extension is the packaged one', () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const installedIn = process.env.AI_LENS_EXTENSIONS_DIR;
  assert.ok(installedIn, 'AI_LENS_EXTENSIONS_DIR is not set');
  assert.ok(!path.relative(installedIn, extension.extensionPath).startsWith('..'), `${extension.extensionPath} is not under ${installedIn}`);
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file}: diagnostics from the packaged server`, async () => {
    const editor = await open(file);
    await waitForDiagnostics(editor.document.uri, expected.join(', '), (d) => includesAll(describeAll(d), expected), 60_000);
  });
}

export async function run(): Promise<void> {
  say(`VS Code ${vscode.version}; ${EXTENSION_ID} from ${vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath}`);
  const { failed } = await runRegistered();
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await screenshotMoment();
  if (failed > 0) throw new Error(`${failed} test${failed === 1 ? '' : 's'} failed`);
}
