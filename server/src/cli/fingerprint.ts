import { createHash } from 'node:crypto';
import type { DetachedStrings } from '../engine/detached';
import { LineIndex } from '../engine/text';
import type { Finding } from '../engine/types';
import { readSource } from '../engine/workspace';
import type { ScannedFile } from './scannedFile';

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
  return cache.get(finding) ?? positionalFingerprint(file, finding);
}

function fingerprintFile(file: ScannedFile): void {
  const flagged = flaggedLine(file);
  const seen = new Map<string, number>();
  for (const finding of file.result.findings) {
    const line = flagged(finding);
    if (line === undefined) continue;
    const key = `${finding.ruleId}\0${file.path}\0${line}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    cache.set(finding, hash(`${key}\0${occurrence}`));
  }
}

/** For a finding whose line's text is not known (its file changed on disk during the scan): the line's number. */
function positionalFingerprint(file: ScannedFile, finding: Finding): string {
  return hash(`${finding.ruleId}\0${file.path}\0${finding.range.start.line}`);
}

/** The text of the line a finding flags, whitespace collapsed; in a notebook, its line in the cell (the JSON's line changes with formatting). */
function flaggedLine(file: ScannedFile): (finding: Finding) => string | undefined {
  const notebook = file.result.notebook;
  if (notebook) return (f) => collapsed(f.cell ? notebook.cellLine(f.cell.index, f.cell.range.start.line) : '');
  return (f) => file.flagged.line(f.range.start.line);
}

/**
 * What fingerprints read of a file's text: the lines its findings flag, whitespace collapsed, noted while the text is
 * at hand, so that a scan's report keeps no file's text to its end. The cross-file rules' findings come after every
 * file was analysed: the lines they flag that no finding of the file's own did are read again from disk, if the file
 * is still the text that was analysed (its digest), and are otherwise not known (`positionalFingerprint`).
 */
export class FlaggedLines {
  private readonly lines = new Map<number, string>();
  private readonly digest: string;

  constructor(
    private readonly absolutePath: string,
    text: string,
    findings: readonly Finding[],
    private readonly strings?: DetachedStrings,
  ) {
    this.digest = digestOf(text);
    this.note(text, findings);
  }

  line(line: number): string | undefined {
    return this.lines.get(line);
  }

  /** Notes the lines `findings` flag, from the file as it is on disk; false when it is no longer the text analysed. */
  noteFromDisk(findings: readonly Finding[]): boolean {
    if (findings.every((f) => this.lines.has(f.range.start.line))) return true;
    const read = readSource(this.absolutePath, Number.MAX_SAFE_INTEGER);
    if (!('text' in read) || digestOf(read.text) !== this.digest) return false;
    this.note(read.text, findings);
    return true;
  }

  private note(text: string, findings: readonly Finding[]): void {
    const wanted = new Set<number>();
    for (const f of findings) if (!this.lines.has(f.range.start.line)) wanted.add(f.range.start.line);
    if (!wanted.size) return;
    // Lines as fingerprints have always split them: at `\r\n`, `\r` or `\n`.
    const index = new LineIndex(text);
    for (const line of wanted) {
      const flagged = line < index.lineCount ? collapsed(text.slice(index.lineStart(line), index.lineEnd(line))) : '';
      this.lines.set(line, this.strings ? this.strings.string(flagged) : flagged);
    }
  }
}

function collapsed(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
