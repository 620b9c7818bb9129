import * as fs from 'node:fs';
import { FINGERPRINT_KEY, fingerprintOf } from './fingerprint';
import { UsageError } from './options';
import type { ScanReport } from './scan';

/** What a baseline holds: how many open findings had each fingerprint. */
export type Baseline = Map<string, number>;

/**
 * Reads a baseline: a SARIF log (`--format sarif`) or AI Lens JSON (`--format json`, `--write-baseline`). Suppressed
 * findings in it do not count: they are accepted by their suppression, not by the baseline.
 */
export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read the baseline ${file}: ${reason}`, 'scan');
  }
  const fingerprints = isSarif(data) ? sarifFingerprints(data) : isAiLensJson(data) ? jsonFingerprints(data) : undefined;
  if (!fingerprints) throw new UsageError(`${file} is neither SARIF nor AI Lens JSON (write one with --write-baseline)`, 'scan');
  const baseline: Baseline = new Map();
  for (const fingerprint of fingerprints) baseline.set(fingerprint, (baseline.get(fingerprint) ?? 0) + 1);
  return baseline;
}

interface SarifLog {
  version: string;
  runs: { results?: { partialFingerprints?: Record<string, string>; suppressions?: unknown[] }[] }[];
}

function isSarif(data: unknown): data is SarifLog {
  return typeof data === 'object' && data !== null && 'runs' in data && Array.isArray((data as SarifLog).runs);
}

function sarifFingerprints(log: SarifLog): string[] {
  return log.runs.flatMap((run) => (run.results ?? []).filter((r) => !r.suppressions?.length).map((r) => r.partialFingerprints?.[FINGERPRINT_KEY]).filter((f): f is string => !!f));
}

interface AiLensJson {
  tool: 'ai-lens';
  findings: { fingerprint?: string; suppressed?: unknown }[];
}

function isAiLensJson(data: unknown): data is AiLensJson {
  return typeof data === 'object' && data !== null && (data as AiLensJson).tool === 'ai-lens' && Array.isArray((data as AiLensJson).findings);
}

function jsonFingerprints(json: AiLensJson): string[] {
  return json.findings.filter((f) => !f.suppressed && typeof f.fingerprint === 'string').map((f) => f.fingerprint!);
}

/**
 * Takes the findings the baseline holds out of the report (each baseline entry accounts for one finding with its
 * fingerprint) and returns how many it took. Suppressed findings stay: reports keep them with their reasons.
 */
export function applyBaseline(report: ScanReport, baseline: Baseline): number {
  const left = new Map(baseline);
  let matched = 0;
  for (const file of report.files) {
    const fingerprints = new Map(file.result.findings.map((f) => [f, fingerprintOf(file, f)]));
    file.result.findings = file.result.findings.filter((finding) => {
      if (finding.suppression) return true;
      const fingerprint = fingerprints.get(finding)!;
      const count = left.get(fingerprint) ?? 0;
      if (count === 0) return true;
      left.set(fingerprint, count - 1);
      matched++;
      return false;
    });
  }
  return matched;
}
