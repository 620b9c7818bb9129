// The lens checklist as plain data: lens → pillar or focus area → question → practice → findings, evidence and
// answers. No VS Code imports, so it is tested with node --test; `view.ts` turns nodes into TreeItems.
import { describeRisks, describeTally, location, RISK_LABELS } from '../../../server/src/engine/review/describe';
import type { QuestionRisk } from '../../../server/src/engine/review/risk';
import { STATUS_LABELS, type Location, type PracticeReview, type PracticeStatus, type Tally } from '../../../server/src/engine/review/model';
import type { LensId, Range, Severity } from '../../../server/src/engine/types';
import type { FolderReview, ReviewResult } from '../../../server/src/lsp/reviewProtocol';

export type NodeKind = 'folder' | 'problems' | 'problem' | 'attention' | 'lens' | 'group' | 'question' | 'practice' | 'conflict' | 'answer' | 'finding' | 'evidence' | 'checked' | 'message';

/** A codicon and, optionally, the theme color to draw it in. */
export interface Icon {
  id: string;
  color?: string;
}

export interface TreeNode {
  /** Stable across refreshes, so VS Code keeps what the user expanded. */
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon: Icon;
  /** Drives which commands the node offers (`practice`, `practice.answered`, …). */
  contextValue: string;
  children?: TreeNode[];
  /** Shown expanded the first time. */
  expanded?: boolean;
  /** A place to open when the node is clicked; in a notebook, `cell` is the cell's index and `range` the range in it. */
  open?: { uri: string; range?: Range; cell?: number };
  /** For the commands on a practice. */
  practice?: { id: string; title: string; url: string; folder: string; status: PracticeStatus; answer?: PracticeReview['answer'] };
}

export interface TreeFilter {
  /** Lenses to show; all when empty or left out. */
  lenses?: readonly LensId[];
  /** Practice statuses to show; all when empty or left out. */
  statuses?: readonly PracticeStatus[];
}

export const STATUS_ICONS: Readonly<Record<PracticeStatus, Icon>> = {
  'at-risk': { id: 'warning', color: 'problemsWarningIcon.foreground' },
  'needs-review': { id: 'circle-large-outline' },
  'risk-accepted': { id: 'shield', color: 'problemsWarningIcon.foreground' },
  'evidence-found': { id: 'pass', color: 'testing.iconPassed' },
  'checks-pass': { id: 'check', color: 'testing.iconPassed' },
  done: { id: 'pass-filled', color: 'testing.iconPassed' },
  'not-applicable': { id: 'circle-slash', color: 'disabledForeground' },
};

/** The tree's top level: lenses, under a node per folder when the workspace has several. */
export function buildTree(result: ReviewResult, filter: TreeFilter = {}): TreeNode[] {
  if (result.folders.length === 0) return [message('no-folder', 'Open a folder to review it against the AI lenses.')];
  if (result.folders.length === 1) return folderChildren(result.folders[0], filter, '');
  return result.folders.map((folder) => ({
    id: `folder:${folder.uri}`,
    kind: 'folder',
    label: folder.name,
    description: describeTally(folder.review.tally),
    tooltip: folder.folder,
    icon: { id: 'root-folder' },
    contextValue: 'folder',
    expanded: true,
    children: folderChildren(folder, filter, `${folder.uri}/`),
  }));
}

function folderChildren(folder: FolderReview, filter: TreeFilter, prefix: string): TreeNode[] {
  const nodes: TreeNode[] = [];
  const { answers } = folder;
  if (answers.problems.length) {
    nodes.push({
      id: `${prefix}problems`,
      kind: 'problems',
      label: `${answers.path}: ${answers.problems.length} problem${answers.problems.length === 1 ? '' : 's'}`,
      description: 'entries ignored',
      tooltip: 'These answers are ignored until the file is fixed.',
      icon: { id: 'error', color: 'problemsErrorIcon.foreground' },
      contextValue: 'problems',
      expanded: true,
      open: { uri: answers.uri },
      children: answers.problems.map((p, i) => ({
        id: `${prefix}problem:${i}`,
        kind: 'problem',
        label: p.message,
        description: `line ${p.line}`,
        icon: { id: 'circle-small-filled', color: 'problemsErrorIcon.foreground' },
        contextValue: 'problem',
        open: { uri: answers.uri, range: point(p.line - 1, p.column - 1) },
      })),
    });
  }
  const attention = needsAttention(folder, filter, prefix);
  if (attention) nodes.push(attention);
  for (const lens of folder.review.lenses) {
    if (filter.lenses?.length && !filter.lenses.includes(lens.id)) continue;
    const groups: TreeNode[] = [];
    for (const group of lens.groups) {
      const questions: TreeNode[] = [];
      for (const question of group.questions) {
        const practices = question.practices.filter((p) => !filter.statuses?.length || filter.statuses.includes(p.status)).map((p) => practiceNode(p, folder, prefix));
        if (practices.length === 0) continue;
        questions.push({
          id: `${prefix}question:${question.id}`,
          kind: 'question',
          label: `${question.id} ${question.title}`,
          description: withRisk(describeTally(question.tally), question.risk === 'high' || question.risk === 'medium' ? RISK_LABELS[question.risk] : ''),
          tooltip: `**${question.id}** ${question.title}\n\n${describeTally(question.tally)}. Well-Architected risk: ${RISK_LABELS[question.risk]}.`,
          icon: rollUpIcon(question.tally),
          contextValue: 'question',
          children: practices,
        });
      }
      if (questions.length === 0) continue;
      groups.push({
        id: `${prefix}group:${lens.id}:${group.id}`,
        kind: 'group',
        label: group.name,
        description: withRisk(describeTally(group.tally), describeRisks(group.risks)),
        icon: rollUpIcon(group.tally),
        contextValue: 'group',
        children: questions,
      });
    }
    if (groups.length === 0) continue;
    nodes.push({
      id: `${prefix}lens:${lens.id}`,
      kind: 'lens',
      label: lens.name,
      description: withRisk(describeTally(lens.tally), describeRisks(lens.risks)),
      tooltip: `**${lens.name}** (${lens.edition})\n\n${lens.applicable ? 'Applies' : 'Not applicable'}: ${lens.applicability}.\n\n${describeTally(lens.tally)}.`,
      icon: lens.applicable ? rollUpIcon(lens.tally) : STATUS_ICONS['not-applicable'],
      contextValue: 'lens',
      expanded: true,
      children: groups,
    });
  }
  if (nodes.length === 0) nodes.push(message(`${prefix}empty`, 'No practice matches the filter.'));
  return nodes;
}

/** How urgent an at-risk practice's question is: the Well-Architected risk first. */
const RISK_ORDER: readonly QuestionRisk[] = ['high', 'medium', 'unanswered', 'none', 'not-applicable'];

/**
 * "Needs attention": the practices at risk, most urgent first (their question's Well-Architected risk, then open
 * findings), so a narrow side bar shows what to do before the whole lens tree. None when nothing is at risk or the
 * status filter hides at-risk practices.
 */
function needsAttention(folder: FolderReview, filter: TreeFilter, prefix: string): TreeNode | undefined {
  if (filter.statuses?.length && !filter.statuses.includes('at-risk')) return undefined;
  const atRisk: { practice: PracticeReview; risk: QuestionRisk; open: number }[] = [];
  for (const lens of folder.review.lenses) {
    if (filter.lenses?.length && !filter.lenses.includes(lens.id)) continue;
    for (const group of lens.groups)
      for (const question of group.questions)
        for (const practice of question.practices) {
          if (practice.status === 'at-risk') atRisk.push({ practice, risk: question.risk, open: practice.findings.filter((f) => !f.suppressed).length });
        }
  }
  if (atRisk.length === 0) return undefined;
  atRisk.sort((a, b) => RISK_ORDER.indexOf(a.risk) - RISK_ORDER.indexOf(b.risk) || b.open - a.open || a.practice.id.localeCompare(b.practice.id));
  return {
    id: `${prefix}attention`,
    kind: 'attention',
    label: 'Needs attention',
    description: `${plural(atRisk.length, 'practice')} at risk`,
    tooltip: 'Practices with open findings, the highest Well-Architected risk first, then the most findings.',
    icon: STATUS_ICONS['at-risk'],
    contextValue: 'attention',
    expanded: true,
    children: atRisk.map(({ practice, risk }) => {
      const node = practiceNode(practice, folder, `${prefix}attention:`);
      return risk === 'high' || risk === 'medium' ? { ...node, description: `${node.description} · ${RISK_LABELS[risk]}` } : node;
    }),
  };
}

function practiceNode(p: PracticeReview, folder: FolderReview, prefix: string): TreeNode {
  const id = `${prefix}practice:${p.id}`;
  const children: TreeNode[] = [];
  if (p.conflict) children.push({ id: `${id}:conflict`, kind: 'conflict', label: p.conflict, icon: { id: 'warning', color: 'problemsWarningIcon.foreground' }, contextValue: 'conflict' });
  if (p.answer) {
    const who = [p.answer.by, p.answer.date].filter(Boolean).join(', ');
    children.push({
      id: `${id}:answer`,
      kind: 'answer',
      label: `Answered ${STATUS_LABELS[p.answer.status]}${p.answer.note ? `: ${p.answer.note}` : ''}`,
      description: who || undefined,
      icon: { id: 'comment' },
      contextValue: 'answer',
      open: { uri: folder.answers.uri },
    });
  }
  children.push(
    ...limited(p.findings, `${id}:finding`, 'findings', (f, i) => ({
      id: `${id}:finding:${i}`,
      kind: 'finding',
      label: f.message,
      description: `${location(f)}${f.suppressed ? ' · suppressed' : ''}`,
      tooltip: `${f.ruleId} (${f.severity})${f.suppressed ? `\n\nSuppressed: ${f.suppressed}` : ''}`,
      icon: f.suppressed ? { id: 'bell-slash' } : SEVERITY_ICONS[f.severity],
      contextValue: f.suppressed ? 'finding.suppressed' : 'finding',
      open: at(folder, f),
    })),
    ...limited(p.evidence, `${id}:evidence`, 'pieces of evidence', (e, i) => ({
      id: `${id}:evidence:${i}`,
      kind: 'evidence',
      label: e.message,
      description: location(e),
      tooltip: `Evidence (${e.detector})`,
      icon: { id: 'verified', color: 'testing.iconPassed' },
      contextValue: 'evidence',
      open: at(folder, e),
    })),
    ...limited(p.checked, `${id}:checked`, 'places examined', (c, i) => ({
      id: `${id}:checked:${i}`,
      kind: 'checked',
      label: `Examined ${c.label}`,
      description: location(c),
      tooltip: `${c.ruleId} found nothing here`,
      icon: { id: 'check' },
      contextValue: 'checked',
      open: at(folder, c),
    })),
  );
  const count = countFor(p);
  return {
    id,
    kind: 'practice',
    label: `${p.id} ${p.title}`,
    description: count ? `${STATUS_LABELS[p.status]} · ${count}` : STATUS_LABELS[p.status],
    tooltip: `**${p.id}** ${p.title}\n\n${p.summary}\n\n*${STATUS_LABELS[p.status]}*: ${p.reason}\n\nAutomation: ${p.automation}${p.rules.length ? ` (${p.rules.join(', ')})` : ''}`,
    icon: STATUS_ICONS[p.status],
    contextValue: p.answer ? 'practice.answered' : 'practice',
    children,
    practice: { id: p.id, title: p.title, url: p.url, folder: folder.folder, status: p.status, ...(p.answer ? { answer: p.answer } : {}) },
  };
}

/** Children of one kind a practice lists before it says how many more there are (the report has them all). */
export const CHILD_LIMIT = 100;

const SEVERITY_ICONS: Readonly<Record<Severity, Icon>> = {
  error: { id: 'error', color: 'problemsErrorIcon.foreground' },
  warning: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  note: { id: 'info', color: 'problemsInfoIcon.foreground' },
};

function limited<T>(items: readonly T[], id: string, what: string, node: (item: T, index: number) => TreeNode): TreeNode[] {
  const nodes = items.slice(0, CHILD_LIMIT).map(node);
  if (items.length > CHILD_LIMIT) nodes.push(message(`${id}:more`, `${items.length - CHILD_LIMIT} more ${what}`));
  return nodes;
}

/** The number a practice shows next to its status: findings when at risk, else evidence or places examined. */
function countFor(p: PracticeReview): string {
  const open = p.findings.filter((f) => !f.suppressed).length;
  if (p.status === 'at-risk' || (p.status === 'risk-accepted' && open)) return plural(open, 'finding');
  if (p.evidence.length) return plural(p.evidence.length, 'piece', 'pieces') + ' of evidence';
  if (p.status === 'checks-pass') return `${p.checked.length} examined`;
  return '';
}

/** The icon of a question, group or lens: its most urgent practice status, or a pass when all are settled. */
export function rollUpIcon(tally: Tally): Icon {
  if (tally.status['at-risk']) return STATUS_ICONS['at-risk'];
  if (tally.status['needs-review']) return STATUS_ICONS['needs-review'];
  if (tally.status['not-applicable'] === tally.practices) return STATUS_ICONS['not-applicable'];
  if (tally.status['risk-accepted']) return STATUS_ICONS['risk-accepted'];
  return STATUS_ICONS.done;
}

function at(folder: FolderReview, item: Location): { uri: string; range: Range; cell?: number } {
  const uri = `${folder.uri.replace(/\/$/, '')}/${item.path.split('/').map(encodeURIComponent).join('/')}`;
  return item.cell ? { uri, range: item.cell.range, cell: item.cell.index } : { uri, range: item.range };
}

function point(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

function withRisk(description: string, risk: string): string {
  return risk ? `${description} · ${risk}` : description;
}

function message(id: string, label: string): TreeNode {
  return { id, kind: 'message', label, icon: { id: 'info' }, contextValue: 'message' };
}

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}
