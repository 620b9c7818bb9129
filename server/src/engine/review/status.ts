import { EVIDENCE_DETECTORS } from '../evidence';
import type { Catalog, Lens, Practice, Question, RuleReference } from '../catalog';
import { AI_USAGES, LENS_IDS, type AiUsage, type AnalysisResult, type CellRange, type LensId } from '../types';
import type { Answer } from './answers';
import { LENS_APPLIES_WITH, USAGE_NAMES } from './applicability';
import { PRACTICE_STATUSES, type CheckedItem, type Location, type EvidenceItem, type FindingItem, type GroupReview, type LensReview, type PracticeReview, type PracticeStatus, type QuestionReview, type Review, type RiskCounts, type Tally } from './model';
import { questionRisk, type QuestionRisk } from './risk';

/** One analysed file: its path relative to the review's root, with forward slashes. */
export interface ReviewFile {
  path: string;
  result: AnalysisResult;
}

export interface ReviewInput {
  catalog: Catalog;
  /** Lenses to review; all three by default. */
  lenses?: readonly LensId[];
  /** The rules that ran on the files. */
  rules: readonly RuleReference[];
  files: readonly ReviewFile[];
  answers: ReadonlyMap<string, Answer>;
}

interface PracticeSignals {
  findings: FindingItem[];
  evidence: EvidenceItem[];
}

/**
 * The lens review of a workspace: each practice's status from findings, evidence, what the rules examined, what the
 * workspace uses and people's answers, rolled up per question, group and lens with the Well-Architected Tool's risk.
 *
 * Precedence, first match wins:
 * 1. a `risk-accepted` answer;
 * 2. `at-risk`: open findings (they override an answer of done or not applicable, which is kept as a conflict);
 * 3. a `done` or `not-applicable` answer;
 * 4. `evidence-found`;
 * 5. `checks-pass`: the practice's rules examined something and reported nothing, not even a suppressed finding;
 * 6. `not-applicable`: the lens does not apply to the workspace (see `applicability.ts`);
 * 7. `needs-review`.
 */
/** The cell of a notebook finding, evidence or examined fact, to spread into its review item. */
function cellOf(item: { cell?: CellRange }): { cell?: CellRange } {
  return item.cell ? { cell: item.cell } : {};
}

/** `12`, or in a notebook `cell 4:2`. */
function lineOf(item: Location): string {
  return item.cell ? `cell ${item.cell.index + 1}:${item.cell.range.start.line + 1}` : String(item.range.start.line + 1);
}

export function reviewStatus(input: ReviewInput): Review {
  const { catalog, answers } = input;
  const lensIds = input.lenses ?? LENS_IDS;
  const signals = new Map<string, PracticeSignals>();
  const checkedByRule = new Map<string, CheckedItem[]>();
  const usage: Record<AiUsage, string[]> = { genai: [], ml: [] };
  const signalsOf = (id: string) => {
    let entry = signals.get(id);
    if (!entry) signals.set(id, (entry = { findings: [], evidence: [] }));
    return entry;
  };

  for (const file of input.files) {
    for (const f of file.result.findings) {
      const item: FindingItem = { path: file.path, range: f.range, ...cellOf(f), ruleId: f.ruleId, severity: f.severity, message: f.message };
      if (f.suppression) item.suppressed = f.suppression.reason;
      for (const id of f.practices) signalsOf(id).findings.push(item);
    }
    const fileSignals = file.result.signals;
    if (!fileSignals) continue;
    for (const e of fileSignals.evidence) {
      for (const id of e.practices) signalsOf(id).evidence.push({ path: file.path, range: e.range, ...cellOf(e), detector: e.detector, message: e.message });
    }
    for (const c of fileSignals.checked) {
      const list = checkedByRule.get(c.ruleId) ?? [];
      list.push({ path: file.path, range: c.range, ...cellOf(c), ruleId: c.ruleId, label: c.label });
      checkedByRule.set(c.ruleId, list);
    }
    for (const u of fileSignals.usage) usage[u].push(file.path);
  }

  const rulesFor = new Map<string, string[]>();
  for (const rule of input.rules) for (const id of rule.practices) rulesFor.set(id, [...(rulesFor.get(id) ?? []), rule.id]);

  const practiceReview = (practice: Practice, lensApplies: boolean, lens: LensId): PracticeReview => {
    const found = signals.get(practice.id) ?? { findings: [], evidence: [] };
    const rules = rulesFor.get(practice.id) ?? [];
    const checked = found.findings.length === 0 ? rules.flatMap((r) => checkedByRule.get(r) ?? []) : [];
    const base = {
      id: practice.id,
      choiceId: practice.choiceId,
      title: practice.title,
      url: practice.url,
      summary: practice.summary,
      automation: practice.automation,
      rules,
      findings: sortByLocation(found.findings),
      evidence: sortByLocation(found.evidence),
      checked: sortByLocation(checked),
    };
    const answer = answers.get(practice.id);
    const decided = decide(practice, answer, base, lensApplies, lens);
    return { ...base, ...decided, ...(answer ? { answer } : {}) };
  };

  const lenses: LensReview[] = [];
  for (const lens of catalog.lenses) {
    if (!lensIds.includes(lens.id)) continue;
    const kinds = LENS_APPLIES_WITH[lens.id];
    const applicable = kinds.some((k) => usage[k].length > 0);
    const groups = lens.groups.map((group): GroupReview => {
      const questions = group.questions.map((question) => questionReview(question, question.practices.map((p) => practiceReview(p, applicable, lens.id))));
      return { id: group.id, name: group.name, tally: sumTallies(questions.map((q) => q.tally)), risks: countRisks(questions.map((q) => q.risk)), questions };
    });
    lenses.push({
      id: lens.id,
      name: lens.name,
      edition: lens.edition,
      groupKind: lens.groupKind,
      applicable,
      applicability: applicabilityNote(lens, applicable, usage),
      tally: sumTallies(groups.map((g) => g.tally)),
      risks: sumRisks(groups.map((g) => g.risks)),
      groups,
    });
  }
  return {
    lenses,
    tally: sumTallies(lenses.map((l) => l.tally)),
    risks: sumRisks(lenses.map((l) => l.risks)),
    usage,
    rules: input.rules.map((r) => r.id),
    files: input.files.length,
  };
}

/** Practices some evidence detector can show implemented. */
const EVIDENCE_PRACTICES = new Set(EVIDENCE_DETECTORS.flatMap((d) => d.practices));

/** The reason of a practice no rule checks and nobody answered: reports leave it out, the status says it all. */
export const MANUAL_REASON = 'only a person can judge this practice';

type Decision = Pick<PracticeReview, 'status' | 'source' | 'reason'> & { conflict?: string };

function decide(
  practice: Practice,
  answer: Answer | undefined,
  found: Pick<PracticeReview, 'findings' | 'evidence' | 'checked' | 'rules'>,
  lensApplies: boolean,
  lens: LensId,
): Decision {
  const open = found.findings.filter((f) => !f.suppressed);
  const suppressed = found.findings.length - open.length;
  const said = answer?.note ? `: ${answer.note}` : '';
  if (answer?.status === 'risk-accepted') {
    return { status: 'risk-accepted', source: 'answer', reason: `risk accepted${said}${open.length ? ` (${plural(open.length, 'open finding')})` : ''}` };
  }
  if (open.length > 0) {
    const decision: Decision = { status: 'at-risk', source: 'workspace', reason: `${plural(open.length, 'open finding')} of ${unique(open.map((f) => f.ruleId)).join(', ')}` };
    if (answer) decision.conflict = `answered ${answer.status === 'done' ? 'done' : 'not applicable'}, but the code has ${plural(open.length, 'open finding')}`;
    return decision;
  }
  if (answer?.status === 'done') return { status: 'done', source: 'answer', reason: `answered done${said}` };
  if (answer?.status === 'not-applicable') return { status: 'not-applicable', source: 'answer', reason: `answered not applicable${said}` };
  const suppressedNote = suppressed ? ` (${plural(suppressed, 'suppressed finding')})` : '';
  if (found.evidence.length > 0) {
    const first = found.evidence[0];
    const more = found.evidence.length > 1 ? ` and ${found.evidence.length - 1} more` : '';
    return { status: 'evidence-found', source: 'workspace', reason: `evidence: ${first.message} in ${first.path}:${lineOf(first)}${more}${suppressedNote}` };
  }
  if (found.checked.length > 0 && suppressed === 0) {
    const rest = practice.automation === 'automated' ? '' : '; the rest of the practice needs a person';
    return { status: 'checks-pass', source: 'workspace', reason: `${unique(found.checked.map((c) => c.ruleId)).join(', ')} examined ${plural(found.checked.length, 'place')} and found nothing${rest}` };
  }
  if (!lensApplies && suppressed === 0) {
    return { status: 'not-applicable', source: 'workspace', reason: `the workspace shows no ${LENS_APPLIES_WITH[lens].map((k) => USAGE_NAMES[k]).join(' or ')}` };
  }
  const why =
    suppressed > 0
      ? `${plural(suppressed, 'finding')} suppressed in code: a person should confirm the practice`
      : found.rules.length > 0
        ? `its checks found nothing to examine here; a person has to answer`
        : EVIDENCE_PRACTICES.has(practice.id)
          ? 'no evidence of it found in the code; a person has to answer'
          : MANUAL_REASON;
  return { status: 'needs-review', source: 'workspace', reason: why };
}

/** Whether a practice counts as followed for the Tool's risk rules: unknown until a person or a check settles it. */
export function followed(practice: Pick<PracticeReview, 'status' | 'automation'>): boolean | undefined {
  switch (practice.status) {
    case 'done':
    case 'evidence-found':
    case 'not-applicable': // the Tool leaves choices marked not applicable out of the risk
      return true;
    case 'checks-pass':
      return practice.automation === 'automated' ? true : undefined;
    case 'at-risk':
    case 'risk-accepted':
      return false;
    case 'needs-review':
      return undefined;
  }
}

function questionReview(question: Question, practices: PracticeReview[]): QuestionReview {
  const byChoice = new Map(practices.map((p) => [p.choiceId, p]));
  const risk: QuestionRisk = practices.every((p) => p.status === 'not-applicable')
    ? 'not-applicable'
    : questionRisk(question.riskRules, (choice) => {
        const practice = byChoice.get(choice);
        return practice ? followed(practice) : false;
      });
  return { id: question.id, title: question.title, noneChoiceId: question.noneChoiceId, risk, tally: tallyOf(practices), practices };
}

function tallyOf(practices: readonly PracticeReview[]): Tally {
  const tally = emptyTally();
  for (const p of practices) {
    tally.practices++;
    tally.status[p.status]++;
    if (p.answer) tally.answered++;
    tally.openFindings += p.findings.filter((f) => !f.suppressed).length;
  }
  return tally;
}

function emptyTally(): Tally {
  return { practices: 0, status: Object.fromEntries(PRACTICE_STATUSES.map((s) => [s, 0])) as Record<PracticeStatus, number>, answered: 0, openFindings: 0 };
}

function sumTallies(tallies: readonly Tally[]): Tally {
  const sum = emptyTally();
  for (const t of tallies) {
    sum.practices += t.practices;
    sum.answered += t.answered;
    sum.openFindings += t.openFindings;
    for (const s of PRACTICE_STATUSES) sum.status[s] += t.status[s];
  }
  return sum;
}

const RISKS: readonly QuestionRisk[] = ['high', 'medium', 'none', 'unanswered', 'not-applicable'];

function countRisks(risks: readonly QuestionRisk[]): RiskCounts {
  const counts = Object.fromEntries(RISKS.map((r) => [r, 0])) as RiskCounts;
  for (const r of risks) counts[r]++;
  return counts;
}

function sumRisks(list: readonly RiskCounts[]): RiskCounts {
  const sum = countRisks([]);
  for (const counts of list) for (const r of RISKS) sum[r] += counts[r];
  return sum;
}

function applicabilityNote(lens: Lens, applicable: boolean, usage: Record<AiUsage, string[]>): string {
  const kinds = LENS_APPLIES_WITH[lens.id];
  if (!applicable) return `no ${kinds.map((k) => USAGE_NAMES[k]).join(' or ')} found in the workspace`;
  return AI_USAGES.filter((k) => kinds.includes(k) && usage[k].length > 0)
    .map((k) => `${USAGE_NAMES[k]} in ${plural(usage[k].length, 'file')}`)
    .join(', ');
}

function sortByLocation<T extends { path: string; range: { start: { line: number; character: number } } }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
