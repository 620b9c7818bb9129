import * as path from 'node:path';
import type { SuppressionInfo } from '../../engine/types';
import type { ScanReport } from '../scan';

/** A stable JSON shape for scripts: one entry per finding with 1-based positions. */
export function formatJson(report: ScanReport, version: string): string {
  const findings = report.files.flatMap((file) =>
    file.result.findings.map((f) => ({
      path: file.path,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: f.severity,
      ruleId: f.ruleId,
      practices: f.practices,
      message: f.message,
      fixes: f.fixes.map((x) => ({ title: x.title, safety: x.safety })),
      ...(f.related?.length ? { related: f.related.map((r) => ({ path: path.relative(report.root, r.path).split(path.sep).join('/'), line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
      ...(f.suppression ? { suppressed: suppressedEntry(report, f.suppression) } : {}),
    })),
  );
  const problems = report.files.flatMap((file) =>
    file.result.problems.map((p) => ({ path: file.path, kind: p.kind, message: p.message, line: p.range ? p.range.start.line + 1 : undefined })),
  );
  return JSON.stringify({ tool: 'ai-lens', version, root: report.root, scanned: report.scanned, findings, problems, skipped: report.skipped, ...(report.notes ? { notes: report.notes } : {}) }, null, 2) + '\n';
}

/** How a finding was suppressed: `inline`/`file` comment or `config` entry (`.ai-lens.yaml:LINE`), and why. */
function suppressedEntry(report: ScanReport, suppression: SuppressionInfo) {
  const source = suppression.source && `${path.relative(report.root, suppression.source.path).split(path.sep).join('/')}:${suppression.source.line}`;
  return { kind: suppression.kind, reason: suppression.reason, ...(source ? { source } : {}) };
}
