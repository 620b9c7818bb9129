import { DiagnosticSeverity, type Diagnostic, type Location } from 'vscode-languageserver/node';
import type { Catalog } from '../engine/catalog';
import type { FileProblem, Finding, Range, RelatedLocation, Severity } from '../engine/types';

export const SOURCE = 'AI Lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** A finding as an LSP diagnostic: code = rule id, link = the primary practice's page, message names the practice. */
export function toDiagnostic(finding: Finding, catalog: Catalog, toLocation: (related: RelatedLocation) => Location): Diagnostic {
  const practice = catalog.practice(finding.practices[0]);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: practice ? { href: practice.url } : undefined,
    source: SOURCE,
    message: finding.practices[0] ? `${finding.message} (${finding.practices[0]})` : finding.message,
    relatedInformation: finding.related?.length ? finding.related.map((r) => ({ location: toLocation(r), message: r.message })) : undefined,
    // No offsets here: an edit above a finding moves its offset, not its range, and the server republishes a file
    // only when what it shows changed.
    data: { ruleId: finding.ruleId },
  };
}

/** What a file shows: its unsuppressed findings, and a note when it was not checked at all. */
export function diagnosticsFor(findings: readonly Finding[], problems: readonly FileProblem[], catalog: Catalog, toLocation: (related: RelatedLocation) => Location): Diagnostic[] {
  const diagnostics = findings.filter((f) => !f.suppression).map((f) => toDiagnostic(f, catalog, toLocation));
  const skipped = problems.find((p) => p.kind === 'skipped');
  if (skipped) {
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message: `AI Lens did not check this file: ${skipped.message.replace(/^skipped: /, '')}`,
    });
  }
  return diagnostics;
}

/** True when `a` and `b` show the same diagnostics: their unsuppressed findings agree in all that a diagnostic shows. */
export function showSame(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a === b) return true;
  const shownA = a.filter((f) => !f.suppression);
  const shownB = b.filter((f) => !f.suppression);
  return shownA.length === shownB.length && shownA.every((f, i) => showsSame(f, shownB[i]));
}

function showsSame(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.practices[0] === b.practices[0] &&
    sameRange(a.range, b.range) &&
    (a.related?.length ?? 0) === (b.related?.length ?? 0) &&
    (a.related ?? []).every((r, i) => r.path === b.related![i].path && r.message === b.related![i].message && sameRange(r.range, b.related![i].range))
  );
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Made once: `toLocaleString` makes a formatter on every call. */
const COUNT = new Intl.NumberFormat('en-US');

/** The one diagnostic that stands for the findings a file does not show. */
export function hiddenFindingsDiagnostic(shown: number, hidden: number, relativePath: string | undefined): Diagnostic {
  const scan = `ai-lens scan ${relativePath && !/\s/.test(relativePath) ? relativePath : '<file>'}`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message:
      `AI Lens shows ${shown} of ${COUNT.format(shown + hidden)} findings in this file, the most severe first ` +
      `(setting aiLens.maxFindingsPerFile). \`${scan}\` lists them all, and the lens review report counts them all.`,
  };
}
