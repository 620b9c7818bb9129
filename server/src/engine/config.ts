import { LENS_IDS, SEVERITIES, type LensId, type PathIgnore, type Severity } from './types';

export type RuleSetting = Severity | 'off';

/** What a user can change about analysis; the same shape for the editor settings, the CLI and tests. */
export interface AnalysisOptions {
  /** Lenses whose rules run: a rule runs when any of its practices belongs to one of them. */
  lenses: readonly LensId[];
  /** Per-rule severity override or `off`. */
  rules: Readonly<Record<string, RuleSetting>>;
  /** Files larger than this are skipped with a reason. */
  maxFileBytes: number;
  /** Analysis of one file stops after this long, and the file is reported as skipped. */
  maxAnalysisMs: number;
  /** Path-based suppressions with reasons, from `.ai-lens.yaml`; matched against `SourceFile.relativePath`. */
  ignores?: readonly PathIgnore[];
}

export const DEFAULT_OPTIONS: AnalysisOptions = {
  lenses: LENS_IDS,
  rules: {},
  maxFileBytes: 2 * 1024 * 1024,
  maxAnalysisMs: 5000,
};

/** Options from untrusted input (settings JSON, CLI flags): unknown values are dropped and reported, never thrown. */
export function normalizeOptions(input: unknown): { options: AnalysisOptions; warnings: string[] } {
  const warnings: string[] = [];
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  let lenses: LensId[] = [...LENS_IDS];
  if (Array.isArray(raw.lenses)) {
    lenses = raw.lenses.filter((l): l is LensId => LENS_IDS.includes(l as LensId));
    for (const l of raw.lenses) if (!LENS_IDS.includes(l as LensId)) warnings.push(`unknown lens "${String(l)}" (expected ${LENS_IDS.join(', ')})`);
  }
  const rules: Record<string, RuleSetting> = {};
  if (typeof raw.rules === 'object' && raw.rules !== null) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (value === 'off' || SEVERITIES.includes(value as Severity)) rules[id] = value as RuleSetting;
      else warnings.push(`rule "${id}": setting must be off, error, warning or note`);
    }
  }
  const maxFileBytes = typeof raw.maxFileBytes === 'number' && raw.maxFileBytes > 0 ? raw.maxFileBytes : DEFAULT_OPTIONS.maxFileBytes;
  const maxAnalysisMs = typeof raw.maxAnalysisMs === 'number' && raw.maxAnalysisMs > 0 ? raw.maxAnalysisMs : DEFAULT_OPTIONS.maxAnalysisMs;
  return { options: { lenses, rules, maxFileBytes, maxAnalysisMs }, warnings };
}
