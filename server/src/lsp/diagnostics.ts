import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Catalog } from '../engine/catalog';
import type { Finding, Severity } from '../engine/types';

export const SOURCE = 'AI Lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** A finding as an LSP diagnostic: code = rule id, link = the primary practice's page, message names the practice. */
export function toDiagnostic(finding: Finding, catalog: Catalog): Diagnostic {
  const practice = catalog.practice(finding.practices[0]);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: practice ? { href: practice.url } : undefined,
    source: SOURCE,
    message: finding.practices[0] ? `${finding.message} (${finding.practices[0]})` : finding.message,
    data: { ruleId: finding.ruleId, start: finding.span.start },
  };
}
