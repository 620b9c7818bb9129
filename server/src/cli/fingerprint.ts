import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types';
import type { ScannedFile } from './scan';

/** The key fingerprints are reported under in SARIF's `partialFingerprints`. */
export const FINGERPRINT_KEY = 'aiLens/v1';

const cache = new WeakMap<Finding, string>();

/**
 * A finding's stable identity, for baselines and code-scanning services: the rule, the file, the flagged line's text
 * with its whitespace collapsed (not its number) and which occurrence of that line it is. It survives edits elsewhere
 * in the file, lines moving and re-indentation; editing the flagged line itself makes a new finding.
 */
export function fingerprintOf(file: ScannedFile, finding: Finding): string {
  if (!cache.has(finding)) fingerprintFile(file);
  return cache.get(finding) ?? hash(`${finding.ruleId}\0${file.path}\0${finding.range.start.line}`);
}

function fingerprintFile(file: ScannedFile): void {
  const flagged = flaggedLine(file);
  const seen = new Map<string, number>();
  for (const finding of file.result.findings) {
    const key = `${finding.ruleId}\0${file.path}\0${flagged(finding).trim().replace(/\s+/g, ' ')}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    cache.set(finding, hash(`${key}\0${occurrence}`));
  }
}

/** The text of the line a finding flags; in a notebook, its line in the cell (the JSON's line changes with formatting). */
function flaggedLine(file: ScannedFile): (finding: Finding) => string {
  const notebook = file.result.notebook;
  if (notebook) return (f) => (f.cell ? notebook.cellLine(f.cell.index, f.cell.range.start.line) : '');
  const lines = file.text.split(/\r\n|\r|\n/);
  return (f) => lines[f.range.start.line] ?? '';
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
