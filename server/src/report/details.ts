import { location } from '../engine/review/describe';
import type { Location, PracticeReview } from '../engine/review/model';

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
    details.push({ kind: 'answer', text: `${p.answer.status}${p.answer.note ? `: ${p.answer.note}` : ''}${who ? ` (${who})` : ''}` });
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
