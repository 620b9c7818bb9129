// Code actions through VS Code's own command, applied with workspace.applyEdit, as the light bulb does.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../harness';
import { QUICK_FIXES, SUPPRESSIONS } from './expected';
import { actionFor, aiLensDiagnostics, apply, codeActionsAt, describeAll, open, revert, ruleOf, waitForDiagnostics } from './support';

async function diagnosticOf(uri: vscode.Uri, finding: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(uri, finding, (d) => describeAll(d).includes(finding));
  return diagnostics.find((d) => describeAll([d])[0] === finding)!;
}

for (const { file, finding, title, adds } of QUICK_FIXES) {
  test(`${file}: the quick fix for ${finding} edits the file and the diagnostic goes`, async () => {
    const editor = await open(file);
    const uri = editor.document.uri;
    try {
      const diagnostic = await diagnosticOf(uri, finding);
      const before = describeAll(await waitForDiagnostics(uri, 'all findings', (d) => d.length > 0));
      await apply(await actionFor(uri, diagnostic, title));
      assert.ok(editor.document.getText().includes(adds), `the fixed file should contain ${adds}:\n${editor.document.getText()}`);
      const rule = ruleOf(diagnostic)!;
      const others = before.filter((f) => f !== finding);
      // The fix may move later findings down; count them per rule instead of by line.
      const countOf = (list: string[], r: string) => list.filter((f) => f.endsWith(`:${r}`)).length;
      await waitForDiagnostics(uri, `${finding} to go and the others to stay`, (d) => {
        const now = describeAll(d);
        return countOf(now, rule) === countOf(others, rule) && now.length === others.length;
      });
    } finally {
      await revert(uri);
    }
    await waitForDiagnostics(uri, `${finding} back after reverting`, (d) => describeAll(d).includes(finding));
  });
}

for (const { file, finding, comment } of SUPPRESSIONS) {
  test(`${file}: "Suppress … here" for ${finding} writes a comment with a reason to fill in; once filled, the diagnostic goes`, async () => {
    const editor = await open(file);
    const uri = editor.document.uri;
    try {
      const diagnostic = await diagnosticOf(uri, finding);
      const rule = ruleOf(diagnostic)!;
      const count = (d: vscode.Diagnostic[]) => d.filter((x) => ruleOf(x) === rule).length;
      const before = count(aiLensDiagnostics(uri));
      await apply(await actionFor(uri, diagnostic, `Suppress ${rule} here`));
      const line = diagnostic.range.start.line;
      assert.equal(editor.document.lineAt(line).text.trim(), comment);
      assert.equal(editor.document.lineAt(line + 1).firstNonWhitespaceCharacterIndex, editor.document.lineAt(line).firstNonWhitespaceCharacterIndex, 'the comment is indented like the line it suppresses');
      // The placeholder silences nothing and is itself reported until a person writes the reason.
      await waitForDiagnostics(uri, 'the placeholder reported', (d) => d.some((x) => ruleOf(x) === 'invalid-suppression' && x.range.start.line === line));
      assert.equal(count(aiLensDiagnostics(uri)), before, 'a placeholder reason suppresses nothing');
      const placeholder = editor.document.lineAt(line).text.indexOf('<reason>');
      const reason = new vscode.WorkspaceEdit();
      reason.replace(uri, new vscode.Range(line, placeholder, line, placeholder + '<reason>'.length), 'reviewed in the integration test');
      assert.ok(await vscode.workspace.applyEdit(reason));
      await waitForDiagnostics(uri, `one ${rule} fewer and no invalid suppression`, (d) => count(d) === before - 1 && !d.some((x) => ruleOf(x) === 'invalid-suppression'));
    } finally {
      await revert(uri);
    }
  });
}

test('every finding offers to open its lens practice', async () => {
  const editor = await open('infra/terraform/main.tf');
  const diagnostic = await diagnosticOf(editor.document.uri, '121:bedrock-agent-without-guardrail');
  const actions = await codeActionsAt(editor.document.uri, diagnostic.range);
  const openPractice = actions.find((a) => a.title.startsWith('Open lens practice GENSEC02-BP01'));
  assert.ok(openPractice, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(openPractice.command?.command, 'aiLens.server.openPractice');
  assert.deepEqual(openPractice.command?.arguments, ['https://docs.aws.amazon.com/wellarchitected/latest/generative-ai-lens/gensec02-bp01.html']);
});

test('the quick-fix menu where several findings meet has fixes first and no duplicate entries', async () => {
  const editor = await open('infra/terraform/main.tf');
  const uri = editor.document.uri;
  const diagnostics = await waitForDiagnostics(uri, 'the notebook findings', (d) => d.filter((x) => x.range.start.line === 70).length >= 3);
  const here = diagnostics.filter((d) => d.range.start.line === 70);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, here[0].range, vscode.CodeActionKind.QuickFix.value);
  const titles = actions.map((a) => a.title);
  assert.equal(new Set(titles).size, titles.length, `duplicates in the menu:\n${titles.join('\n')}`);
  assert.equal(titles.filter((t) => t.startsWith('Open lens practice MLSEC03-BP02')).length, 1, titles.join('\n'));
  const firstOther = titles.findIndex((t) => /^(Suppress|Open lens practice|Show )/.test(t));
  assert.ok(firstOther > 0 && titles.slice(firstOther).every((t) => /^(Suppress|Open lens practice|Show )/.test(t)), `fixes come first:\n${titles.join('\n')}`);
  assert.ok(titles.some((t) => /^Show MLSEC03-BP02 in the lens checklist$/.test(t)), titles.join('\n'));
});

test('"Fix all AI Lens problems in this file" is a source action, and applying it fixes the file\'s findings', async () => {
  const editor = await open('infra/terraform/main.tf');
  const uri = editor.document.uri;
  try {
    const before = await waitForDiagnostics(uri, 'findings', (d) => d.length > 0);
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const quickFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!quickFixes.some((a) => a.title.startsWith('Fix all')), 'not in the quick-fix menu');
    const [fixAll] = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, vscode.CodeActionKind.Source.value);
    assert.equal(fixAll?.title, 'Fix all AI Lens problems in this file');
    assert.equal(fixAll.kind?.value, 'source.aiLens.fixAll');
    await apply(fixAll);
    const fixable = before.length;
    await waitForDiagnostics(uri, 'fewer findings after "Fix all"', (d) => d.length < fixable);
    assert.ok(editor.document.getText().includes('direct_internet_access = "Disabled"'), editor.document.getText());
  } finally {
    await revert(uri);
  }
});
