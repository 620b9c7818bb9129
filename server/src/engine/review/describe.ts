// Short phrases for the review's numbers, shared by the reports and the VS Code view so they read the same.
import { formatPlace } from '../text';
import { STATUS_LABELS, type Location, type RiskCounts, type Tally } from './model';
import type { QuestionRisk } from './risk';

export const RISK_LABELS: Readonly<Record<QuestionRisk, string>> = {
  high: 'high risk',
  medium: 'medium risk',
  none: 'no risk',
  unanswered: 'unanswered',
  'not-applicable': 'not applicable',
};

/** "3 at risk, 5 of 12 answered" (statuses that need attention first, then what people have answered). */
export function describeTally(tally: Tally): string {
  const parts: string[] = [];
  if (tally.status['at-risk']) parts.push(`${tally.status['at-risk']} ${STATUS_LABELS['at-risk']}`);
  if (tally.status['evidence-found']) parts.push(`${tally.status['evidence-found']} with evidence`);
  if (tally.status['checks-pass']) parts.push(`${tally.status['checks-pass']} passing checks`);
  parts.push(`${tally.answered} of ${tally.practices} answered`);
  return parts.join(', ');
}

/** "2 high, 1 medium risk" or "" when no question has a risk. */
export function describeRisks(risks: RiskCounts): string {
  const parts: string[] = [];
  if (risks.high) parts.push(`${risks.high} high`);
  if (risks.medium) parts.push(`${risks.medium} medium`);
  return parts.length ? `${parts.join(', ')} risk` : '';
}

/** `path:line:column`, or in a notebook `path:cell 4:line:column` (1-based). */
export function location(item: Location): string {
  return `${item.path}:${formatPlace(item.range, item.cell)}`;
}
