import * as path from 'node:path';
import type { ScanReport } from '../scan';
import type { Severity } from '../../engine/types';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', note: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** One line per finding (`file:line:col  severity  rule  practice  message`), then skipped files and a summary. */
export function formatText(report: ScanReport, color: boolean, quiet = false): string {
  const paint = (code: string, text: string) => (color ? code + text + RESET : text);
  const lines: string[] = [];
  for (const file of report.files) {
    const display = displayPath(file.absolutePath);
    for (const f of file.result.findings) {
      if (f.suppression) continue;
      const where = `${display}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${where}  ${paint(COLORS[f.severity], f.severity.padEnd(7))}  ${f.ruleId}  ${paint(DIM, f.practices[0] ?? '-')}  ${f.message}`);
    }
    for (const p of file.result.problems) {
      const where = p.range ? `${display}:${p.range.start.line + 1}:${p.range.start.character + 1}` : display;
      lines.push(`${where}  ${paint(DIM, 'problem')}  ${p.message}`);
    }
  }
  if (!quiet) for (const s of report.skipped) lines.push(`${s.path}  ${paint(DIM, 'skipped')}  ${s.reason}`);
  if (quiet) return lines.length ? lines.join('\n') + '\n' : '';
  if (lines.length) lines.push('');
  lines.push(formatSummary(report));
  for (const note of report.notes ?? []) lines.push(`note: ${note}`);
  return lines.join('\n') + '\n';
}

/** The last line of the text report: `3 findings (1 error, 2 warnings, 0 notes) in 2 files; 10 files checked`. */
export function formatSummary(report: ScanReport): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  let suppressed = 0;
  let filesWithFindings = 0;
  for (const file of report.files) {
    let shown = 0;
    for (const f of file.result.findings) {
      if (f.suppression) suppressed++;
      else {
        shown++;
        counts[f.severity]++;
      }
    }
    if (shown) filesWithFindings++;
  }
  const total = counts.error + counts.warning + counts.note;
  const parts = [`${plural(total, 'finding')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')})`];
  if (total) parts.push(`in ${plural(filesWithFindings, 'file')}`);
  let summary = `${parts.join(' ')}; ${plural(report.scanned, 'file')} checked`;
  if (suppressed) summary += `, ${suppressed} suppressed`;
  if (report.skipped.length) summary += `, ${report.skipped.length} skipped`;
  return summary;
}

/** Relative to the working directory, so terminals and editors can open `path:line:col`. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return (relative.startsWith('..') ? absolute : relative).split(path.sep).join('/');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
