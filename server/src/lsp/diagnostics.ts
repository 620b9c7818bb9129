import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Catalog } from '../engine/catalog';
import type { FileProblem, Finding, Severity } from '../engine/types';

export const SOURCE = 'AI Lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** A finding as an LSP diagnostic: code = rule id, link = the primary practice's page, message names the practice. */
export function toDiagnostic(finding: Finding, catalog: Catalog, toUri: (path: string) => string): Diagnostic {
  const practice = catalog.practice(finding.practices[0]);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: practice ? { href: practice.url } : undefined,
    source: SOURCE,
    message: finding.practices[0] ? `${finding.message} (${finding.practices[0]})` : finding.message,
    relatedInformation: finding.related?.length ? finding.related.map((r) => ({ location: { uri: toUri(r.path), range: r.range }, message: r.message })) : undefined,
    // No offsets here: an edit above a finding moves its offset, not its range, and the server republishes a file
    // only when what it shows changed.
    data: { ruleId: finding.ruleId },
  };
}

/** What a file shows: its unsuppressed findings, and a note when it was not checked at all. */
export function diagnosticsFor(findings: readonly Finding[], problems: readonly FileProblem[], catalog: Catalog, toUri: (path: string) => string): Diagnostic[] {
  const diagnostics = findings.filter((f) => !f.suppression).map((f) => toDiagnostic(f, catalog, toUri));
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
