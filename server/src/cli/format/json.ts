import * as path from 'node:path';
import type { CellRange, SuppressionInfo } from '../../engine/types';
import type { ScanReport } from '../scan';
import { allFindings, fingerprint, locationOf, severityOf } from './finding';

/**
 * A stable JSON shape for scripts: one entry per finding with 1-based positions and its fingerprint. The same file
 * serves as a baseline (`--baseline`, `--write-baseline`).
 */
export function formatJson(report: ScanReport, version: string): string {
  const findings = allFindings(report).map((located) => {
    const { file, finding: f } = located;
    return {
      path: file.path,
      ...locationOf(f),
      severity: severityOf(f),
      ruleId: f.ruleId,
      practices: f.practices,
      message: f.message,
      fingerprint: fingerprint(located),
      ...(f.cell ? { cell: cellEntry(f.cell) } : {}),
      fixes: f.fixes.map((x) => ({ title: x.title, safety: x.safety })),
      ...(f.related?.length ? { related: f.related.map((r) => ({ path: path.relative(report.root, r.path).split(path.sep).join('/'), line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
      ...(f.suppression ? { suppressed: suppressedEntry(report, f.suppression) } : {}),
    };
  });
  const problems = report.files.flatMap((file) =>
    file.result.problems.map((p) => ({ path: file.path, kind: p.kind, message: p.message, line: p.range ? p.range.start.line + 1 : undefined, ...(p.cell ? { cell: cellEntry(p.cell) } : {}) })),
  );
  return (
    JSON.stringify(
      { tool: 'ai-lens', version, root: report.root, scanned: report.scanned, ...(report.baselined ? { baselined: report.baselined } : {}), findings, problems, skipped: report.skipped, notChecked: report.notChecked, ...(report.notes ? { notes: report.notes } : {}) },
      null,
      2,
    ) + '\n'
  );
}

/** A notebook cell (1-based, all cells counted) and the 1-based place in it; `line`/`column` are then in the file's JSON. */
export function cellEntry(cell: CellRange) {
  const { start, end } = cell.range;
  return { index: cell.index + 1, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** How a finding was suppressed: `inline`/`file` comment or `config` entry (`.ai-lens.yaml:LINE`), and why. */
function suppressedEntry(report: ScanReport, suppression: SuppressionInfo) {
  const source = suppression.source && `${path.relative(report.root, suppression.source.path).split(path.sep).join('/')}:${suppression.source.line}`;
  return { kind: suppression.kind, reason: suppression.reason, ...(source ? { source } : {}) };
}
