import { detectEvidence } from '../evidence';
import type { LineIndex } from '../text';
import type { CheckedFact, FileFacts, FileProblem, ReviewSignals } from '../types';
import { RULE_TARGETS } from './targets';
import { usageOf } from './usage';

/**
 * What the lens review needs from one file besides findings: evidence, the facts the rules that ran examined, and
 * the kinds of AI the file uses. Detector failures become problems, as rule failures do.
 */
export function collectSignals(facts: FileFacts, lines: LineIndex, rulesRun: readonly string[], problems: FileProblem[]): ReviewSignals {
  const evidence = detectEvidence(facts, lines, (detector, error) =>
    problems.push({ kind: 'rule-error', message: `evidence detector ${detector.id} failed: ${error.message}` }),
  );
  const checked: CheckedFact[] = [];
  for (const ruleId of rulesRun) {
    for (const target of RULE_TARGETS[ruleId]?.(facts) ?? []) checked.push({ ruleId, label: target.label, span: target.span, range: lines.range(target.span) });
  }
  return { evidence, checked, usage: usageOf(facts) };
}
