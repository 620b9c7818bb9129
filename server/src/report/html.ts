import { createHash } from 'node:crypto';
import { describeRisks, describeTally, RISK_LABELS } from '../engine/review/describe';
import { PRACTICE_STATUSES, STATUS_LABELS, type GroupReview, type LensReview, type PracticeReview, type QuestionReview, type RiskCounts, type Tally } from '../engine/review/model';
import type { ReportContext } from './context';
import { DETAIL_LABELS, practiceDetails, showsReason } from './details';
import { provenance, RISK_NOTE, usageLine } from './markdown';

/**
 * The lens review as one self-contained HTML file: inline styles only, no scripts, no fonts or images to fetch, so it
 * can be attached to a design review, opened offline and printed. A Content-Security-Policy allows exactly its one
 * stylesheet (by hash) and nothing else.
 */
export function formatReviewHtml(context: ReportContext): string {
  const { review } = context;
  const title = `AI Lens review: ${context.title}`;
  const body = [
    `<header><h1>${esc(title)}</h1><p class="meta">${inline(provenance(context))}</p></header>`,
    nav(review.lenses),
    '<main>',
    '<section id="summary"><h2>Summary</h2>',
    table('Lens', review.lenses.map((l) => [`<a href="#lens-${l.id}">${esc(l.name)}</a>`, l.tally, l.risks]), ['Total', review.tally, review.risks]),
    `<p class="note">${inline(RISK_NOTE)}</p>`,
    `<p>Workload: ${esc(usageLine(context))}.</p>`,
    legend(),
    '</section>',
    answerProblems(context),
    ...review.lenses.map(lensSection),
    '</main>',
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${styleHash()}'">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function nav(lenses: readonly LensReview[]): string {
  const items = lenses.map(
    (l) =>
      `<li><a href="#lens-${l.id}">${esc(l.name)}</a><ul>${l.groups.map((g) => `<li><a href="#${groupAnchor(l, g)}">${esc(g.name)}</a> <span class="muted">${esc(describeTally(g.tally))}</span></li>`).join('')}</ul></li>`,
  );
  return `<nav aria-label="Contents"><h2>Contents</h2><ul><li><a href="#summary">Summary</a></li>${items.join('')}</ul></nav>`;
}

function table(first: string, rows: [string, Tally, RiskCounts][], total: [string, Tally, RiskCounts]): string {
  const head = [first, ...PRACTICE_STATUSES.map((s) => STATUS_LABELS[s]), 'answered', 'high risk', 'medium risk', 'unanswered'];
  const row = ([name, t, r]: [string, Tally, RiskCounts], tag: 'td' | 'th' = 'td') =>
    `<tr><th scope="row">${name}</th>${[...PRACTICE_STATUSES.map((s) => t.status[s]), `${t.answered} of ${t.practices}`, r.high, r.medium, r.unanswered].map((v) => `<${tag}>${v}</${tag}>`).join('')}</tr>`;
  return [
    '<table>',
    `<thead><tr>${head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => row(r)).join('')}</tbody>`,
    `<tfoot>${row([esc(total[0]), total[1], total[2]], 'th')}</tfoot>`,
    '</table>',
  ].join('');
}

function legend(): string {
  const meaning: Record<(typeof PRACTICE_STATUSES)[number], string> = {
    'at-risk': 'findings of rules mapped to the practice are open',
    'needs-review': 'nothing in the code settles it: a person has to answer',
    'risk-accepted': 'a person accepted the risk, with a note',
    'evidence-found': 'the workspace contains something that implements it',
    'checks-pass': 'its rules examined relevant code and found nothing',
    done: 'a person says it is followed',
    'not-applicable': 'a person says so, or the workspace has nothing the practice concerns',
  };
  return `<dl class="legend">${PRACTICE_STATUSES.map((s) => `<dt>${badge(s)}</dt><dd>${esc(meaning[s])}</dd>`).join('')}</dl>`;
}

function answerProblems(context: ReportContext): string {
  const { problems, path } = context.answers;
  if (!problems.length) return '';
  return `<section class="problems"><h2>Problems in <code>${esc(path)}</code></h2><p>These entries were ignored:</p><ul>${problems
    .map((p) => `<li>line ${p.line}, column ${p.column}: ${esc(p.message)}</li>`)
    .join('')}</ul></section>`;
}

function lensSection(lens: LensReview): string {
  const risks = describeRisks(lens.risks);
  return [
    `<section class="lens" id="lens-${lens.id}">`,
    `<h2>${esc(lens.name)} <span class="muted">${esc(lens.edition)}</span></h2>`,
    `<p>${lens.applicable ? 'Applies' : '<strong>Not applicable</strong>'}: ${esc(lens.applicability)}. ${esc(cap(describeTally(lens.tally)))}.${risks ? ` Questions: ${esc(risks)}.` : ''}</p>`,
    table(cap(lens.groupKind), lens.groups.map((g) => [`<a href="#${groupAnchor(lens, g)}">${esc(g.name)}</a>`, g.tally, g.risks]), ['Total', lens.tally, lens.risks]),
    ...lens.groups.map((g) => groupSection(lens, g)),
    '</section>',
  ].join('\n');
}

function groupSection(lens: LensReview, group: GroupReview): string {
  return [`<section class="group" id="${groupAnchor(lens, group)}">`, `<h3>${esc(group.name)} <span class="muted">${esc(describeTally(group.tally))}</span></h3>`, ...group.questions.map(questionSection), '</section>'].join('\n');
}

function questionSection(question: QuestionReview): string {
  return [
    `<section class="question" id="${question.id}">`,
    `<h4><span class="qid">${question.id}</span> ${esc(question.title)} <span class="risk risk-${question.risk}">${esc(RISK_LABELS[question.risk])}</span></h4>`,
    `<p class="muted">${esc(cap(describeTally(question.tally)))}</p>`,
    `<ul class="practices">${question.practices.map(practiceItem).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function practiceItem(p: PracticeReview): string {
  const details = practiceDetails(p);
  const list = details.length
    ? `<ul class="details">${details.map((d) => `<li class="d-${d.kind}">${d.kind === 'more' ? '' : `<span class="kind">${DETAIL_LABELS[d.kind]}</span> `}${d.at ? `<code>${esc(d.at)}</code> ` : ''}${code(d.text)}</li>`).join('')}</ul>`
    : '';
  return `<li class="practice p-${p.status}" id="${p.id}">${badge(p.status)} <a href="${esc(p.url)}">${p.id}</a> ${esc(p.title)}${showsReason(p) ? `<p class="reason">${code(p.reason)}</p>` : ''}${list}</li>`;
}

function badge(status: (typeof PRACTICE_STATUSES)[number]): string {
  return `<span class="badge st-${status}">${esc(STATUS_LABELS[status])}</span>`;
}

function groupAnchor(lens: LensReview, group: GroupReview): string {
  return `${lens.id}-${group.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text with `code` spans, as rule messages write identifiers: escaped, the spans as <code>. */
function code(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Markdown-flavoured sentences shared with the Markdown report: `code` and *emphasis* as HTML, the rest escaped. */
function inline(markdown: string): string {
  return code(markdown).replace(/\*([^*]+)\*/g, '<em>$1</em>');
}

function styleHash(): string {
  return `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;
}

const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--fg); background: var(--bg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
a { color: #0969da; }
code { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0 .25em; border-radius: 3px; }
.muted, .meta { color: var(--muted); font-weight: normal; }
.note { color: var(--muted); font-size: .9em; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9em; width: 100%; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
thead th { background: var(--soft); font-weight: 600; }
tfoot th { background: var(--soft); }
nav ul { margin: 0; padding-left: 1.25rem; }
nav > ul > li { margin-bottom: .25rem; }
.qid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); margin-right: .25rem; }
ul.practices { list-style: none; padding: 0; margin: .25rem 0 0; }
li.practice { padding: .4rem .5rem; border-left: 3px solid var(--line); margin: .25rem 0; break-inside: avoid; }
.p-at-risk { border-left-color: #f97066; }
.p-risk-accepted { border-left-color: #fdb022; }
.p-evidence-found, .p-checks-pass, .p-done { border-left-color: #32d583; }
.reason { margin: .1rem 0 0; color: var(--muted); font-size: .9em; }
ul.details { margin: .2rem 0 0; padding-left: 1.25rem; font-size: .9em; }
.kind { font-size: .8em; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.d-finding .kind, .d-conflict .kind { color: #b42318; }
.badge, .risk { display: inline-block; min-width: 7.5em; text-align: center; font-size: .75em; font-weight: 600; padding: 0 .4em; border-radius: 3px; border: 1px solid; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.risk { min-width: 0; margin-left: .25rem; }
.st-at-risk, .risk-high { color: #b42318; background: #fee4e2; border-color: #f97066; }
.risk-medium { color: #93370d; background: #fef0c7; border-color: #fdb022; }
.st-needs-review, .risk-unanswered { color: #344054; background: #f2f4f7; border-color: #98a2b3; }
.st-risk-accepted { color: #93370d; background: #fef0c7; border-color: #fdb022; }
.st-evidence-found, .st-checks-pass, .st-done, .risk-none { color: #05603a; background: #d1fadf; border-color: #32d583; }
.st-not-applicable, .risk-not-applicable { color: #475467; background: #ffffff; border-color: #d0d5dd; border-style: dashed; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .75rem; font-size: .9em; }
dl.legend dd { margin: 0; color: var(--muted); }
.problems { border: 1px solid #f97066; background: #fef3f2; padding: .5rem 1rem; margin-top: 1rem; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --soft: #151b23; }
  a { color: #4493f8; }
  .problems { background: #2d1414; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { break-after: page; }
  section.lens { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
