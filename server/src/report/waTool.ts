// The review as input for the AWS Well-Architected Tool's UpdateAnswer API, one entry per question, so a team can
// load its review into the Tool (with the AI lenses imported as custom lenses) without retyping it:
//
//   jq -c '.answers[]' review-wa.json | while read -r answer; do
//     aws wellarchitected update-answer --cli-input-json "$answer"
//   done
import type { LensReview, PracticeReview, QuestionReview, Review } from '../engine/review/model';
import { STATUS_LABELS } from '../engine/review/model';
import { followed } from '../engine/review/status';
import type { LensId } from '../engine/types';
import { location } from '../engine/review/describe';
import { isoDate, type ReportContext } from './context';

/** Limits of the UpdateAnswer API. */
const ANSWER_NOTES_MAX = 2084;
const CHOICE_NOTES_MAX = 250;

export interface WaExportOptions {
  /** The Tool's workload ID; a placeholder when not given. */
  workloadId?: string;
  /** The ARN (or alias) of each lens as imported into the Tool; placeholders when not given. */
  lensAliases?: Partial<Record<LensId, string>>;
}

interface ChoiceUpdate {
  Status: 'SELECTED' | 'UNSELECTED' | 'NOT_APPLICABLE';
  Reason?: 'OUT_OF_SCOPE';
  Notes?: string;
}

/** The request body of UpdateAnswer, with its URI parameters, as `aws wellarchitected update-answer --cli-input-json` takes it. */
export interface UpdateAnswerInput {
  WorkloadId: string;
  LensAlias: string;
  QuestionId: string;
  /** Only when AI Lens settles every practice of the question: it replaces the Tool's selection. */
  SelectedChoices?: string[];
  /** The choices AI Lens knows about; the Tool keeps what people selected for the others. */
  ChoiceUpdates?: Record<string, ChoiceUpdate>;
  Notes: string;
  IsApplicable?: boolean;
  Reason?: 'OUT_OF_SCOPE';
}

/**
 * One UpdateAnswer input per question where AI Lens knows something (a practice that is not `needs-review`).
 * - A practice is selected when it is done or has evidence (or passes checks that cover all of it), unselected when it
 *   is at risk or its risk was accepted, and marked not applicable when it is; practices nobody settled are left out.
 * - When every practice of the question is settled, `SelectedChoices` lists the selected ones, or the question's
 *   "None of these" choice when there are none.
 * - A question whose practices are all not applicable is sent as not applicable.
 */
export function waToolAnswers(review: Review, options: WaExportOptions, stamp: string): UpdateAnswerInput[] {
  const answers: UpdateAnswerInput[] = [];
  for (const lens of review.lenses) {
    const lensAlias = options.lensAliases?.[lens.id] ?? placeholderAlias(lens);
    for (const group of lens.groups) {
      for (const question of group.questions) {
        const known = question.practices.filter((p) => p.status !== 'needs-review');
        if (known.length === 0) continue;
        answers.push(questionAnswer(question, known, { WorkloadId: options.workloadId ?? '<workload-id>', LensAlias: lensAlias, QuestionId: question.id }, stamp));
      }
    }
  }
  return answers;
}

function questionAnswer(question: QuestionReview, known: PracticeReview[], ids: Pick<UpdateAnswerInput, 'WorkloadId' | 'LensAlias' | 'QuestionId'>, stamp: string): UpdateAnswerInput {
  const notes = truncate([`${stamp}:`, ...known.map(practiceNote)].join('\n'), ANSWER_NOTES_MAX);
  if (question.risk === 'not-applicable') return { ...ids, SelectedChoices: [], Notes: notes, IsApplicable: false, Reason: 'OUT_OF_SCOPE' };
  const updates: Record<string, ChoiceUpdate> = {};
  const selected: string[] = [];
  let settled = true;
  for (const p of question.practices) {
    const value = followed(p);
    if (value === undefined) {
      settled = false;
      continue;
    }
    if (p.status === 'not-applicable') {
      updates[p.choiceId] = { Status: 'NOT_APPLICABLE', Reason: 'OUT_OF_SCOPE', Notes: truncate(p.reason, CHOICE_NOTES_MAX) };
    } else {
      updates[p.choiceId] = { Status: value ? 'SELECTED' : 'UNSELECTED', Notes: truncate(p.reason, CHOICE_NOTES_MAX) };
      if (value) selected.push(p.choiceId);
    }
  }
  return {
    ...ids,
    ...(settled ? { SelectedChoices: selected.length ? selected : [question.noneChoiceId] } : {}),
    ...(Object.keys(updates).length ? { ChoiceUpdates: updates } : {}),
    Notes: notes,
    IsApplicable: true,
  };
}

function practiceNote(p: PracticeReview): string {
  const finding = p.status === 'at-risk' ? p.findings.find((f) => !f.suppressed) : undefined;
  return `${p.id} ${STATUS_LABELS[p.status]}: ${p.reason.replace(/^(answered (done|not applicable)|risk accepted)(: )?/, '')}${finding ? ` (first at ${location(finding)})` : ''}`;
}

function placeholderAlias(lens: LensReview): string {
  return `<arn of the custom lens "${lens.name}">`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/** The export as a file: the UpdateAnswer inputs plus what they came from. */
export function formatWaTool(context: ReportContext, options: WaExportOptions): string {
  const stamp = `AI Lens ${context.version}, ${isoDate(context.generatedAt)}`;
  const answers = waToolAnswers(context.review, options, stamp);
  return (
    JSON.stringify(
      {
        tool: 'ai-lens',
        version: context.version,
        generatedAt: context.generatedAt.toISOString(),
        title: context.title,
        usage: 'Each entry of "answers" is the input of one UpdateAnswer call: aws wellarchitected update-answer --cli-input-json "<entry>"',
        lenses: context.review.lenses.map((l) => ({ id: l.id, name: l.name, lensAlias: options.lensAliases?.[l.id] ?? placeholderAlias(l) })),
        answers,
      },
      null,
      2,
    ) + '\n'
  );
}
