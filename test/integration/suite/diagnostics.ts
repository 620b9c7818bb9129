// Opening a file of each language shows AI Lens diagnostics with rule ids and links to the lens practice.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../harness';
import { CLEAN_FILE, EXPECTED } from './expected';
import { aiLensDiagnostics, describeAll, EXTENSION_ID, includesAll, open, ruleOf, sleep, waitForDiagnostics, workspaceUri } from './support';

const PRACTICE_URL = /^https:\/\/docs\.aws\.amazon\.com\/wellarchitected\/latest\/[a-z-]+-lens\/([a-z]+\d+-bp\d+)\.html$/;

test('the extension activates when a Python file opens', async () => {
  await open('training/load_model.py');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  await extension.activate();
  assert.equal(extension.isActive, true);
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file}: diagnostics with rule ids and practice links`, async () => {
    const editor = await open(file);
    const diagnostics = await waitForDiagnostics(editor.document.uri, expected.join(', '), (d) => includesAll(describeAll(d), expected));
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code as { value: string | number; target: vscode.Uri };
      assert.equal(typeof code, 'object', `${ruleOf(diagnostic)}: the code should carry a link`);
      const link = PRACTICE_URL.exec(code.target.toString(true));
      assert.ok(link, `${code.value}: ${code.target.toString(true)} is not a lens practice page`);
      assert.ok(diagnostic.message.endsWith(`(${link[1].toUpperCase()})`), `${diagnostic.message} should name ${link[1].toUpperCase()}`);
      // The expected findings are warnings; hardening advice from other rules may be information.
      if (expected.includes(describeAll([diagnostic])[0])) assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    }
  });
}

test(`${CLEAN_FILE}: no diagnostics in clean code`, async () => {
  const editor = await open(CLEAN_FILE);
  // A clean file gets no publication at all; give the server time to have checked it before looking.
  await waitForDiagnostics(workspaceUri('training/train.py'), 'the workspace scan', (d) => d.length > 0);
  await sleep(1000);
  assert.deepEqual(describeAll(aiLensDiagnostics(editor.document.uri)), []);
});

test('files that are not open are checked too (workspace scan)', async () => {
  const uri = workspaceUri('chat-service/rag.py');
  assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), false);
  await waitForDiagnostics(uri, '16:bedrock-call-without-guardrail', (d) => describeAll(d).includes('16:bedrock-call-without-guardrail'));
});
