import { formatPlace } from '../../engine/text';
import type { Severity } from '../../engine/types';
import type { ScanReport } from '../scan';
import { displayPath, openFindings, primaryPractice, severityOf, type Located } from './finding';
import { skippedSummary } from '../../engine/workspace';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', note: '\x1b[36m' };
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** What the text report says about rules and practices besides their ids. */
export interface Glossary {
  ruleTitle(ruleId: string): string | undefined;
  practice(id: string): { title: string; url: string } | undefined;
}

export interface TextOptions {
  color: boolean;
  /** Findings only: no summaries, no skipped files. */
  quiet?: boolean;
  /** Counts by rule and by practice only, no findings. */
  statistics?: boolean;
}

/**
 * Findings grouped by file (`  line:col  severity  rule  message`), then counts by rule and by lens practice (with
 * titles and links), skipped files and a summary line.
 */
export function formatText(report: ScanReport, glossary: Glossary, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? code + text + RESET : text);
  const open = openFindings(report);
  const sections: string[] = [];
  if (!options.statistics) sections.push(...fileSections(report, paint));
  if (options.quiet) return sections.length ? sections.join('\n\n') + '\n' : '';
  if (open.length) sections.push(byRule(open, glossary, paint), byPractice(open, glossary, paint));
  if (report.skipped.length) sections.push(report.skipped.map((s) => `${s.path}  ${paint(DIM, 'skipped')}  ${s.reason}`).join('\n'));
  sections.push([formatSummary(report), ...(report.notes ?? []).map((note) => `note: ${note}`)].join('\n'));
  return sections.join('\n\n') + '\n';
}

/**
 * One line per finding, `path:line:col: severity rule message` (`path.ipynb:cell 4:2:9: …` in a notebook), for grep
 * and editors' problem matchers; then, unless quiet, the skipped files with their reason and the summary line.
 */
export function formatConcise(report: ScanReport, options: Pick<TextOptions, 'quiet'>): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const e of entriesOf(file)) {
      const what = e.severity === 'problem' ? 'problem' : `${e.severity} ${e.ruleId}`;
      lines.push(`${displayPath(file)}:${e.place ?? '1:1'}: ${what} ${e.message}${e.practice ? ` (${e.practice})` : ''}`);
    }
  }
  if (!options.quiet) lines.push(...report.skipped.map((s) => `${s.path}: skipped ${s.reason}`), formatSummary(report));
  return lines.length ? lines.join('\n') + '\n' : '';
}

function fileSections(report: ScanReport, paint: (code: string, text: string) => string): string[] {
  const sections: string[] = [];
  for (const file of report.files) {
    const rows = entriesOf(file).map((e) => [
      e.place ?? '-',
      e.severity === 'problem' ? paint(DIM, 'problem') : paint(COLORS[e.severity], e.severity.padEnd(7)),
      e.ruleId,
      e.message,
    ]);
    if (rows.length === 0) continue;
    const where = Math.max(...rows.map((r) => r[0].length));
    const rule = Math.max(...rows.map((r) => r[2].length));
    sections.push([paint(BOLD, displayPath(file)), ...rows.map((r) => `  ${r[0].padEnd(where)}  ${r[1]}  ${r[2].padEnd(rule)}  ${r[3]}`)].join('\n'));
  }
  return sections;
}

/** What the text formats show of a file: its open findings, then its problems. */
interface Entry {
  /** `line:col`, or in a notebook the place in its cell (`cell 4:2:9`: the JSON's line is no help to a person). */
  place?: string;
  severity: Severity | 'problem';
  ruleId: string;
  message: string;
  practice?: string;
}

function entriesOf(file: ScanReport['files'][number]): Entry[] {
  const entries: Entry[] = [];
  for (const finding of file.result.findings) {
    if (finding.suppression) continue;
    entries.push({ place: formatPlace(finding.range, finding.cell), severity: severityOf(finding), ruleId: finding.ruleId, message: finding.message, practice: primaryPractice(finding) });
  }
  for (const p of file.result.problems) entries.push({ place: p.range ? formatPlace(p.range, p.cell) : undefined, severity: 'problem', ruleId: '', message: p.message });
  return entries;
}

function byRule(open: readonly Located[], glossary: Glossary, paint: (code: string, text: string) => string): string {
  const counts = countBy(open, ({ finding }) => [finding.ruleId]);
  const width = Math.max(...[...counts.keys()].map((id) => id.length));
  const lines = [...counts].map(([id, n]) => `${String(n).padStart(4)}  ${id.padEnd(width)}  ${paint(DIM, glossary.ruleTitle(id) ?? '')}`.trimEnd());
  return ['Findings by rule:', ...lines].join('\n');
}

function byPractice(open: readonly Located[], glossary: Glossary, paint: (code: string, text: string) => string): string {
  const counts = countBy(open, ({ finding }) => {
    const practice = primaryPractice(finding);
    return practice ? [practice] : [];
  });
  const width = Math.max(0, ...[...counts.keys()].map((id) => id.length));
  const lines = [...counts].map(([id, n]) => {
    const practice = glossary.practice(id);
    return `${String(n).padStart(4)}  ${id.padEnd(width)}  ${practice?.title ?? ''}${practice ? `\n${' '.repeat(6 + width + 2)}${paint(DIM, practice.url)}` : ''}`;
  });
  return lines.length ? ['Findings by lens practice:', ...lines].join('\n') : '';
}

/** Counts per key, most frequent first (ties by key). */
function countBy(items: readonly Located[], keys: (item: Located) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const key of keys(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return new Map([...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/** The last line of the text report: `3 findings (1 error, 2 warnings, 0 notes) in 2 files; 10 files checked`. */
export function formatSummary(report: ScanReport): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  const open = openFindings(report);
  for (const { finding } of open) counts[severityOf(finding)]++;
  const suppressed = report.files.reduce((n, f) => n + f.result.findings.filter((x) => x.suppression).length, 0);
  const filesWithFindings = new Set(open.map(({ file }) => file)).size;
  const parts = [`${plural(open.length, 'finding')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')})`];
  if (open.length) parts.push(`in ${plural(filesWithFindings, 'file')}`);
  let summary = `${parts.join(' ')}; ${plural(report.scanned, 'file')} checked`;
  if (suppressed) summary += `, ${suppressed} suppressed`;
  if (report.baselined) summary += `, ${report.baselined} in the baseline`;
  for (const part of skippedSummary(report.skipped, report.notChecked)) summary += `, ${part}`;
  return summary;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
