// How the formatters read a finding. Each format asks these small functions, so that what findings gain (a notebook
// cell, related places, another severity) is read in one place.
import * as path from 'node:path';
import type { Finding, Severity } from '../../engine/types';
import { fingerprintOf } from '../fingerprint';
import type { ScanReport, ScannedFile } from '../scan';

/** 1-based positions, as people and CI services count them. */
export interface FindingLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Located {
  file: ScannedFile;
  finding: Finding;
}

export function locationOf(finding: Pick<Finding, 'range'>): FindingLocation {
  const { start, end } = finding.range;
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** Every finding of the report in file order, suppressed ones too. */
export function allFindings(report: ScanReport): Located[] {
  return report.files.flatMap((file) => file.result.findings.map((finding) => ({ file, finding })));
}

/** The findings a person still has to act on: not suppressed. */
export function openFindings(report: ScanReport): Located[] {
  return allFindings(report).filter(({ finding }) => !finding.suppression);
}

/** The practice a finding links to (its first), when it has one. */
export function primaryPractice(finding: Finding): string | undefined {
  return finding.practices[0];
}

/** The message with the practice it serves, for formats that have no field of their own for it. */
export function messageWithPractice(finding: Finding): string {
  const practice = primaryPractice(finding);
  return practice ? `${finding.message} (${practice})` : finding.message;
}

export function severityOf(finding: Finding): Severity {
  return finding.severity;
}

export function fingerprint(located: Located): string {
  return fingerprintOf(located.file, located.finding);
}

/** A file's path relative to the working directory (so terminals and CI services can open it), with forward slashes. */
export function displayPath(file: ScannedFile): string {
  const relative = path.relative(process.cwd(), file.absolutePath);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file.absolutePath : relative).split(path.sep).join('/');
}
