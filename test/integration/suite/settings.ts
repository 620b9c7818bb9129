// aiLens.* settings changed in the workspace reach the language server and change what it reports.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../harness';
import { EXPECTED } from './expected';
import { describeAll, includesAll, open, ruleOf, setSetting, waitForDiagnostics, workspaceUri } from './support';

const PYTHON = 'training/load_model.py';
const TERRAFORM = 'infra/terraform/main.tf';

async function baseline(): Promise<void> {
  for (const key of ['rules', 'lenses', 'enable']) await setSetting(key, undefined);
  for (const file of [PYTHON, TERRAFORM]) {
    await waitForDiagnostics(workspaceUri(file), 'the default findings', (d) => includesAll(describeAll(d), EXPECTED[file]) && d.every((x) => x.severity !== vscode.DiagnosticSeverity.Error));
  }
}

function withSettings(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    await baseline();
    try {
      await body();
    } finally {
      await baseline();
    }
  });
}

withSettings('aiLens.rules raises a rule to error', async () => {
  const uri = (await open(PYTHON)).document.uri;
  await setSetting('rules', { 'unsafe-model-deserialization': 'error' });
  const diagnostics = await waitForDiagnostics(uri, 'errors', (d) => d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length >= 3);
  assert.deepEqual(new Set(diagnostics.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).map(ruleOf)), new Set(['unsafe-model-deserialization']));
  assert.ok(diagnostics.filter((x) => ruleOf(x) === 'unsafe-model-deserialization').every((x) => x.severity === vscode.DiagnosticSeverity.Error));
});

withSettings('aiLens.rules turns a rule off, in open and in closed files', async () => {
  const uri = (await open(PYTHON)).document.uri;
  await setSetting('rules', { 'unsafe-model-deserialization': 'off', 'sagemaker-notebook-direct-internet': 'off' });
  await waitForDiagnostics(uri, 'the unsafe loads to go', (d) => !d.some((x) => ruleOf(x) === 'unsafe-model-deserialization'));
  const terraform = await waitForDiagnostics(workspaceUri(TERRAFORM), 'the notebook finding to go', (d) => !d.some((x) => ruleOf(x) === 'sagemaker-notebook-direct-internet'));
  assert.ok(includesAll(describeAll(terraform), ['34:sagemaker-endpoint-without-data-capture', '121:bedrock-agent-without-guardrail']), JSON.stringify(describeAll(terraform)));
});

withSettings('aiLens.lenses limits the rules to the chosen lenses', async () => {
  const uri = (await open(TERRAFORM)).document.uri;
  await setSetting('lenses', ['genai']);
  // bedrock-agent-without-guardrail serves GENSEC02-BP01; the SageMaker rules serve only ML and RAI practices.
  await waitForDiagnostics(uri, 'only generative-AI findings', (d) => describeAll(d).includes('121:bedrock-agent-without-guardrail') && !describeAll(d).some((x) => x.includes(':sagemaker-')));
  await setSetting('lenses', ['ml']);
  await waitForDiagnostics(
    uri,
    'only machine-learning findings',
    (d) => includesAll(describeAll(d), ['34:sagemaker-endpoint-without-data-capture', '71:sagemaker-notebook-direct-internet']) && !describeAll(d).some((x) => x.includes(':bedrock-')),
  );
  await waitForDiagnostics(workspaceUri(PYTHON), 'the unsafe loads under the ML lens', (d) => d.filter((x) => ruleOf(x) === 'unsafe-model-deserialization').length >= 3);
});

withSettings('aiLens.enable false clears every diagnostic', async () => {
  await open(PYTHON);
  await setSetting('enable', false);
  for (const file of Object.keys(EXPECTED)) await waitForDiagnostics(workspaceUri(file), 'no findings', (d) => d.length === 0);
});
