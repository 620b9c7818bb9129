import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine/engine';
import { suppressionComment } from '../engine/suppressions';
import type { Finding, Fix, Language, Span } from '../engine/types';

export const OPEN_PRACTICE_COMMAND = 'aiLens.server.openPractice';
/** A command of the VS Code client: reveals a practice in the AI Lens view. */
export const SHOW_IN_CHECKLIST_COMMAND = 'aiLens.checklist.reveal';
/**
 * The source action that applies every finding's fix. Not under `source.fixAll`: editors run those on save when asked
 * to fix all, and AI Lens's fixes change behaviour or leave placeholders, so each needs a person's choice.
 */
export const FIX_ALL_KIND = `${CodeActionKind.Source}.aiLens.fixAll`;
export const FIX_ALL_TITLE = 'Fix all AI Lens problems in this file';

export interface CodeActionOptions {
  /** The client has the AI Lens view, so "Show in checklist" can be offered. */
  checklist: boolean;
  /** The kinds the client asked for (`context.only`); all when left out. */
  only?: readonly string[];
  /**
   * A fix's edits by document, when they are not the fix's edits to `document` (a notebook cell's fix may edit another
   * cell); a fix it gives none for is not offered. "Fix all" is offered for plain documents only.
   */
  changesOf?: (fix: Fix) => Record<string, TextEdit[]> | undefined;
}

/**
 * The actions for the diagnostics a client asks about, in this order: the findings' fixes, one "Suppress" per rule and
 * line, then one "Open lens practice" (and one "Show in checklist") per practice, however many findings share it.
 * Asked for source actions, the file's "Fix all".
 */
export function codeActionsFor(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  findings: readonly Finding[],
  language: Language | undefined,
  engine: Engine,
  options: CodeActionOptions = { checklist: false },
): CodeAction[] {
  const wants = (kind: string) => !options.only || options.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const matched = diagnostics.flatMap((diagnostic) => {
      const finding = findingOf(diagnostic, findings);
      return finding ? [{ diagnostic, finding }] : [];
    });
    const changesOf = options.changesOf ?? ((fix: Fix) => ({ [document.uri]: toTextEdits(document, fix.edits) }));
    actions.push(...matched.flatMap(({ diagnostic, finding }) => fixActions(diagnostic, finding, changesOf)));
    actions.push(...suppressActions(document, matched, language));
    actions.push(...practiceActions(matched, engine, options.checklist));
  }
  if (wants(FIX_ALL_KIND) && !options.changesOf) {
    const fixAll = fixAllAction(document, findings);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function findingOf(diagnostic: Diagnostic, findings: readonly Finding[]): Finding | undefined {
  return findings.find(
    (f) => f.ruleId === diagnostic.code && f.range.start.line === diagnostic.range.start.line && f.range.start.character === diagnostic.range.start.character,
  );
}

function fixActions(diagnostic: Diagnostic, finding: Finding, changesOf: (fix: Fix) => Record<string, TextEdit[]> | undefined): CodeAction[] {
  return finding.fixes.flatMap((fix) => {
    const changes = changesOf(fix);
    if (!changes) return [];
    return [
      {
        title: fix.safety === 'unsafe' ? `${fix.title} (review the change)` : fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: finding.fixes.length === 1,
        edit: { changes },
      },
    ];
  });
}

function suppressActions(document: TextDocument, matched: readonly { diagnostic: Diagnostic; finding: Finding }[], language: Language | undefined): CodeAction[] {
  const seen = new Set<string>();
  const actions: CodeAction[] = [];
  for (const { diagnostic, finding } of matched) {
    const key = `${finding.ruleId}:${finding.range.start.line}`;
    // A finding about a suppression comment is fixed by editing the comment, not by another suppression.
    if (seen.has(key) || finding.practices.length === 0 || !language) continue;
    seen.add(key);
    const line = finding.range.start.line;
    const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const indent = /^[ \t]*/.exec(lineText)![0];
    const isJson = /\.json$/i.test(document.uri) || /^\s*[{[]/.test(document.getText());
    const comment = suppressionComment(language, language === 'cloudformation' && isJson, finding.ruleId, indent);
    if (!comment) continue;
    actions.push({
      title: `Suppress ${finding.ruleId} here (give a reason)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: comment }] } },
    });
  }
  return actions;
}

/** One "Open lens practice" per practice the diagnostics link to, and one "Show in checklist" when the client has it. */
function practiceActions(matched: readonly { diagnostic: Diagnostic; finding: Finding }[], engine: Engine, checklist: boolean): CodeAction[] {
  const byPractice = new Map<string, Diagnostic[]>();
  for (const { diagnostic, finding } of matched) {
    const id = finding.practices[0];
    if (id && engine.catalog.practice(id)) byPractice.set(id, [...(byPractice.get(id) ?? []), diagnostic]);
  }
  const practices = [...byPractice].map(([id, diagnostics]) => ({ practice: engine.catalog.practice(id)!, diagnostics }));
  const open: CodeAction[] = practices.map(({ practice, diagnostics }) => ({
    title: `Open lens practice ${practice.id}: ${practice.title}`,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    command: { title: `Open ${practice.id}`, command: OPEN_PRACTICE_COMMAND, arguments: [practice.url] },
  }));
  const show: CodeAction[] = checklist
    ? practices.map(({ practice, diagnostics }) => ({
        title: `Show ${practice.id} in the lens checklist`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        command: { title: `Show ${practice.id}`, command: SHOW_IN_CHECKLIST_COMMAND, arguments: [practice.id] },
      }))
    : [];
  return [...open, ...show];
}

/**
 * Every open finding's first fix in one edit. Insertions at the same place (two settings added to one block) are
 * applied in order; a fix that would change text another fix changes waits for the next run.
 */
export function fixAllAction(document: TextDocument, findings: readonly Finding[]): CodeAction | undefined {
  const taken: Span[] = [];
  const edits: Fix['edits'] = [];
  for (const finding of findings) {
    const fix = finding.suppression ? undefined : finding.fixes[0];
    if (!fix || fix.edits.some((e) => taken.some((t) => overlap(e.span, t)))) continue;
    taken.push(...fix.edits.map((e) => e.span));
    edits.push(...fix.edits);
  }
  if (edits.length === 0) return undefined;
  return { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: toTextEdits(document, edits) } } };
}

function toTextEdits(document: TextDocument, edits: Fix['edits']): TextEdit[] {
  return edits.map((e) => ({ range: { start: document.positionAt(e.span.start), end: document.positionAt(e.span.end) }, newText: e.newText }));
}

/** Spans that share text; two insertions at one point do not (editors apply them in order). */
function overlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
