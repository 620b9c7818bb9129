import { location } from '../engine/review/describe';
import { STATUS_LABELS, type Location, type PracticeReview } from '../engine/review/model';
import { MANUAL_REASON } from '../engine/review/status';

/**
 * Whether a report prints the practice's reason: not when its details already say it (an answer, findings,
 * evidence) or when there is nothing to say beyond the status (a manual practice nobody answered).
 */
export function showsReason(p: PracticeReview): boolean {
  if (p.reason === MANUAL_REASON || p.source === 'answer') return false;
  return p.status !== 'at-risk' && p.status !== 'evidence-found';
}

/** One line under a practice in a report. */
export interface Detail {
  kind: 'conflict' | 'answer' | 'finding' | 'suppressed' | 'evidence' | 'checked' | 'more';
  text: string;
  /** `path:line:column`, when the detail points into the workspace. */
  at?: string;
}

/** Places a report lists per kind before it says "and N more". */
const LIMIT = 10;

/** What a report shows under a practice, most important first. */
export function practiceDetails(p: PracticeReview): Detail[] {
  const details: Detail[] = [];
  if (p.conflict) details.push({ kind: 'conflict', text: p.conflict });
  if (p.answer) {
    const who = [p.answer.by, p.answer.date].filter(Boolean).join(', ');
    details.push({ kind: 'answer', text: `${STATUS_LABELS[p.answer.status]}${p.answer.note ? `: ${p.answer.note}` : ''}${who ? ` (${who})` : ''}` });
  }
  const open = p.findings.filter((f) => !f.suppressed);
  const suppressed = p.findings.filter((f) => f.suppressed);
  details.push(...limited(open, 'finding', (f) => `${f.ruleId}: ${f.message}`));
  details.push(...limited(suppressed, 'suppressed', (f) => `${f.ruleId}: ${f.message} (suppressed: ${f.suppressed})`));
  details.push(...limited(p.evidence, 'evidence', (e) => e.message));
  details.push(...limited(p.checked, 'checked', (c) => `${c.ruleId} examined ${c.label}`));
  return details;
}

function limited<T extends Location>(items: readonly T[], kind: Detail['kind'], text: (item: T) => string): Detail[] {
  const shown: Detail[] = items.slice(0, LIMIT).map((item) => ({ kind, text: text(item), at: location(item) }));
  if (items.length > LIMIT) shown.push({ kind: 'more', text: `and ${items.length - LIMIT} more (${kind === 'checked' ? 'examined' : kind})` });
  return shown;
}

export const DETAIL_LABELS: Readonly<Record<Detail['kind'], string>> = {
  conflict: 'conflict',
  answer: 'answer',
  finding: 'finding',
  suppressed: 'suppressed',
  evidence: 'evidence',
  checked: 'checked',
  more: '',
};
