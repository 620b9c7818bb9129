import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine/engine';
import { suppressionComment } from '../engine/suppressions';
import type { Finding, Fix, Language } from '../engine/types';

export const OPEN_PRACTICE_COMMAND = 'aiLens.server.openPractice';

/**
 * Quick fixes, suppress-with-a-reason and open-the-practice actions for the diagnostics a client asks about.
 * `changesOf` gives a fix's edits by document (a notebook cell's fix may edit another cell); by default they are
 * the fix's edits to `document`. A fix it gives none for is not offered.
 */
export function codeActionsFor(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  findings: readonly Finding[],
  language: Language | undefined,
  engine: Engine,
  changesOf: (fix: Fix) => Record<string, TextEdit[]> | undefined = (fix) => ({ [document.uri]: fix.edits.map((e) => toTextEdit(document, e.span, e.newText)) }),
): CodeAction[] {
  const actions: CodeAction[] = [];
  const fixActions: CodeAction[] = [];
  const seenRules = new Set<string>();
  for (const diagnostic of diagnostics) {
    const finding = findings.find(
      (f) =>
        f.ruleId === diagnostic.code &&
        f.range.start.line === diagnostic.range.start.line &&
        f.range.start.character === diagnostic.range.start.character,
    );
    if (!finding) continue;
    for (const fix of finding.fixes) {
      const changes = changesOf(fix);
      if (!changes) continue;
      fixActions.push({
        title: fix.safety === 'unsafe' ? `${fix.title} (review the change)` : fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: finding.fixes.length === 1,
        edit: { changes },
      });
    }
    const key = `${finding.ruleId}:${finding.range.start.line}`;
    // A finding about a suppression comment is fixed by editing the comment, not by another suppression.
    if (seenRules.has(key) || finding.practices.length === 0) continue;
    seenRules.add(key);
    const line = finding.range.start.line;
    const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const indent = /^[ \t]*/.exec(lineText)![0];
    const isJson = /\.json$/i.test(document.uri) || /^\s*[{[]/.test(document.getText());
    const comment = language && suppressionComment(language, language === 'cloudformation' && isJson, finding.ruleId, indent);
    if (comment) {
      actions.push({
        title: `Suppress ${finding.ruleId} here (give a reason)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: comment }] } },
      });
    }
    const practice = engine.catalog.practice(finding.practices[0]);
    if (practice) {
      actions.push({
        title: `Open lens practice ${practice.id}: ${practice.title}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Open ${practice.id}`, command: OPEN_PRACTICE_COMMAND, arguments: [practice.url] },
      });
    }
  }
  return [...fixActions, ...actions];
}

function toTextEdit(document: TextDocument, span: { start: number; end: number }, newText: string): TextEdit {
  return { range: { start: document.positionAt(span.start), end: document.positionAt(span.end) }, newText };
}
