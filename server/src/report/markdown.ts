import { describeRisks, describeTally, RISK_LABELS } from '../engine/review/describe';
import { PRACTICE_STATUSES, STATUS_LABELS, type LensReview, type RiskCounts, type Tally } from '../engine/review/model';
import { USAGE_NAMES } from '../engine/review/applicability';
import { AI_USAGES } from '../engine/types';
import { isoDate, type ReportContext } from './context';
import { DETAIL_LABELS, practiceDetails, showsReason } from './details';

/** The lens review as Markdown: summary tables, then every lens, group, question and practice. */
export function formatReviewMarkdown(context: ReportContext): string {
  const { review } = context;
  const out: string[] = [];
  out.push(`# AI Lens review: ${text(context.title)}`, '');
  out.push(`${provenance(context)}`, '');
  out.push('## Summary', '');
  out.push(...summaryTable('Lens', review.lenses.map((l) => [l.name, l.tally, l.risks]), ['Total', review.tally, review.risks]), '');
  out.push(RISK_NOTE, '');
  out.push(`Workload: ${usageLine(context)}.`, '');
  if (context.answers.problems.length) {
    out.push(`### Problems in \`${context.answers.path}\``, '', 'These entries were ignored:', '');
    for (const p of context.answers.problems) out.push(`- line ${p.line}, column ${p.column}: ${text(p.message)}`);
    out.push('');
  }
  for (const lens of review.lenses) out.push(...lensSection(lens));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

export const RISK_NOTE =
  'Questions are rated as the AWS Well-Architected Tool rates them from the practices followed (done, evidence found, or ' +
  'not applicable): *high* or *medium* risk when a practice its risk rules need is not followed, *unanswered* while ' +
  'that still depends on practices nobody has settled.';

export function provenance(context: ReportContext): string {
  const answers = context.answers.exists ? `answers from \`${context.answers.path}\` (${context.answers.count})` : `no answers file (\`${context.answers.path}\`)`;
  return `Generated ${isoDate(context.generatedAt)} by AI Lens ${context.version} from ${context.review.files} files checked; ${answers}.`;
}

export function usageLine(context: ReportContext): string {
  const parts = AI_USAGES.filter((u) => context.review.usage[u].length).map((u) => `${USAGE_NAMES[u]} in ${context.review.usage[u].length} file${context.review.usage[u].length === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no generative AI or machine learning found';
}

function summaryTable(first: string, rows: [string, Tally, RiskCounts][], total: [string, Tally, RiskCounts]): string[] {
  const header = [first, ...PRACTICE_STATUSES.map((s) => cap(STATUS_LABELS[s])), 'Answered', 'High risk', 'Medium risk', 'Unanswered'];
  const line = ([name, t, r]: [string, Tally, RiskCounts], bold = false) => {
    const cells = [name, ...PRACTICE_STATUSES.map((s) => String(t.status[s])), `${t.answered} of ${t.practices}`, String(r.high), String(r.medium), String(r.unanswered)];
    return `| ${cells.map((c) => (bold ? `**${c}**` : text(c))).join(' | ')} |`;
  };
  return [`| ${header.join(' | ')} |`, `| --- | ${header.slice(1).map(() => '---:').join(' | ')} |`, ...rows.map((r) => line(r)), line(total, true)];
}

function lensSection(lens: LensReview): string[] {
  const out: string[] = [`## ${text(lens.name)} (${lens.edition})`, ''];
  out.push(`${lens.applicable ? 'Applies' : 'Not applicable'}: ${lens.applicability}. ${cap(describeTally(lens.tally))}.${riskSuffix(lens.risks)}`, '');
  out.push(...summaryTable(cap(lens.groupKind), lens.groups.map((g) => [g.name, g.tally, g.risks]), ['Total', lens.tally, lens.risks]), '');
  for (const group of lens.groups) {
    out.push(`### ${text(group.name)}`, '');
    for (const question of group.questions) {
      out.push(`#### ${question.id} ${text(question.title)}`, '');
      out.push(`Risk: **${RISK_LABELS[question.risk]}**. ${cap(describeTally(question.tally))}.`, '');
      for (const p of question.practices) {
        out.push(`- **${STATUS_LABELS[p.status]}** [${p.id}](${p.url}) ${text(p.title)}${showsReason(p) ? `: ${text(p.reason)}` : ''}`);
        for (const d of practiceDetails(p)) out.push(`  - ${d.kind === 'more' ? '' : `${DETAIL_LABELS[d.kind]} `}${d.at ? `\`${d.at}\` ` : ''}${text(d.text)}`);
      }
      out.push('');
    }
  }
  return out;
}

function riskSuffix(risks: RiskCounts): string {
  const described = describeRisks(risks);
  return described ? ` Questions: ${described}.` : '';
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Text from rules, lenses and people, safe in Markdown: no raw HTML, no table breaks, one line. */
function text(s: string): string {
  return s.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
