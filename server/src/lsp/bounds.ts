// The language server's bounds: how many findings a file shows, how much memory checking one file may take, and when
// a file is large enough to be checked only after a pause in typing. Each is an `aiLens.*` setting; each says so
// when it is hit. The CLI has none of them: a scan reports everything.
// Nothing here loads the LSP library: the analysis worker reads this module too.
import type { Finding, Severity } from '../engine/types';

export interface ServerBounds {
  /** Diagnostics a file shows; beyond them, one diagnostic says how many more there are. */
  maxFindingsPerFile: number;
  /** Memory (MB) checking one file may take: its syntax tree, its facts and findings. */
  maxMemoryPerFileMb: number;
  /** A file with more lines (or more than `CHARACTERS_PER_LINE` times as many characters) is large. */
  largeFileLines: number;
  /** How long a large file waits after the last edit before it is checked again. */
  largeFileDelayMs: number;
}

export const DEFAULT_BOUNDS: ServerBounds = {
  maxFindingsPerFile: 100,
  maxMemoryPerFileMb: 512,
  largeFileLines: 10_000,
  largeFileDelayMs: 1_000,
};

/** Minified and generated files have few, long lines: their size counts as lines of this length. */
export const CHARACTERS_PER_LINE = 100;

/** Lower bounds below which a setting would make the server useless rather than bounded. */
const MINIMUM: ServerBounds = { maxFindingsPerFile: 1, maxMemoryPerFileMb: 64, largeFileLines: 100, largeFileDelayMs: 0 };

const SETTING: Record<keyof ServerBounds, string> = {
  maxFindingsPerFile: 'maxFindingsPerFile',
  maxMemoryPerFileMb: 'maxMemoryPerFile',
  largeFileLines: 'largeFileLines',
  largeFileDelayMs: 'largeFileDelayMs',
};

/** The bounds in `aiLens.*` settings; a value that is not a number, or is too small, is reported and the default kept. */
export function parseBounds(raw: Record<string, unknown>): { bounds: ServerBounds; warnings: string[] } {
  const bounds = { ...DEFAULT_BOUNDS };
  const warnings: string[] = [];
  for (const key of Object.keys(DEFAULT_BOUNDS) as (keyof ServerBounds)[]) {
    const value = raw[SETTING[key]];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && Number.isFinite(value) && value >= MINIMUM[key]) bounds[key] = value;
    else warnings.push(`${SETTING[key]} must be a number of at least ${MINIMUM[key]}; using ${DEFAULT_BOUNDS[key]}`);
  }
  return { bounds, warnings };
}

/** A file is large when it has more lines than the bound, or as many characters as that many long lines. */
export function isLargeFile(lineCount: number, characters: number, bounds: ServerBounds): boolean {
  return lineCount > bounds.largeFileLines || characters > bounds.largeFileLines * CHARACTERS_PER_LINE;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** Findings in the order a capped file shows them: errors first, then warnings, then notes; each in file order. */
export function byImportance(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.span.start - b.span.start;
}

/**
 * The unsuppressed findings a file shows (at most `max`, the most important ones, in file order) and how many it
 * does not. Suppressed findings are never shown, so they are neither counted nor kept.
 */
export function limitFindings(findings: readonly Finding[], max: number): { shown: Finding[]; hidden: number } {
  const unsuppressed = findings.filter((f) => !f.suppression);
  if (unsuppressed.length <= max) return { shown: unsuppressed, hidden: 0 };
  const kept = new Set([...unsuppressed].sort(byImportance).slice(0, max));
  return { shown: unsuppressed.filter((f) => kept.has(f)), hidden: unsuppressed.length - max };
}

/** Why a file was not checked when its check needed more memory than the bound. */
export function overMemoryMessage(bounds: ServerBounds): string {
  return `skipped: checking it needs more than ${bounds.maxMemoryPerFileMb} MB of memory (setting aiLens.maxMemoryPerFile)`;
}
