// The lens review of a workspace as data: what the CLI report, the language server and the VS Code view all show.
// Plain JSON (no classes, no Maps) so it crosses the LSP connection as it is.
import type { Automation } from '../catalog';
import type { AiUsage, CellRange, LensId, Range, Severity } from '../types';
import type { Answer } from './answers';
import type { QuestionRisk } from './risk';

/**
 * Where a practice stands, most urgent first:
 * - `at-risk`: findings of rules mapped to it are open (not suppressed);
 * - `needs-review`: nothing settles it: a person has to answer;
 * - `risk-accepted`: a person accepted the risk, with a note;
 * - `evidence-found`: the workspace contains something that implements it;
 * - `checks-pass`: its rules examined relevant code and found nothing;
 * - `done`: a person says it is followed;
 * - `not-applicable`: a person says so, or the workspace has nothing the practice concerns.
 */
export type PracticeStatus = 'at-risk' | 'needs-review' | 'risk-accepted' | 'evidence-found' | 'checks-pass' | 'done' | 'not-applicable';
export const PRACTICE_STATUSES: readonly PracticeStatus[] = ['at-risk', 'needs-review', 'risk-accepted', 'evidence-found', 'checks-pass', 'done', 'not-applicable'];

export const STATUS_LABELS: Readonly<Record<PracticeStatus, string>> = {
  'at-risk': 'at risk',
  'needs-review': 'needs review',
  'risk-accepted': 'risk accepted',
  'evidence-found': 'evidence found',
  'checks-pass': 'checks pass',
  done: 'done',
  'not-applicable': 'not applicable',
};

/** A place in the workspace: a path relative to the review's root (forward slashes) and a 0-based range. */
export interface Location {
  path: string;
  range: Range;
  /** In a notebook: the cell, and the range in it (`range` is then in the notebook's JSON). */
  cell?: CellRange;
}

export interface FindingItem extends Location {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The reason of the inline suppression, when one silences the finding. */
  suppressed?: string;
}

export interface EvidenceItem extends Location {
  detector: string;
  message: string;
}

export interface CheckedItem extends Location {
  ruleId: string;
  label: string;
}

export interface PracticeReview {
  id: string;
  /** The Well-Architected Tool's choice ID (`GENSEC02_BP01`). */
  choiceId: string;
  title: string;
  url: string;
  summary: string;
  automation: Automation;
  status: PracticeStatus;
  /** Who decided the status: a person's answer or what AI Lens found in the workspace. */
  source: 'answer' | 'workspace';
  /** Why the practice has its status, in one sentence. */
  reason: string;
  answer?: Answer;
  /** Set when open findings contradict a person's answer of done or not applicable. */
  conflict?: string;
  /** Rules mapped to the practice that ran. */
  rules: string[];
  findings: FindingItem[];
  evidence: EvidenceItem[];
  /** What those rules examined (only when they reported nothing on it). */
  checked: CheckedItem[];
}

export type StatusCounts = Record<PracticeStatus, number>;

/** Counts under a question, group or lens. */
export interface Tally {
  practices: number;
  status: StatusCounts;
  /** Practices a person has answered. */
  answered: number;
  openFindings: number;
}

/** Questions by the risk the Well-Architected Tool would give them. */
export type RiskCounts = Record<QuestionRisk, number>;

export interface QuestionReview {
  id: string;
  title: string;
  noneChoiceId: string;
  /** As the Tool rates it from the practices followed; `unanswered` while that depends on practices nobody settled. */
  risk: QuestionRisk;
  tally: Tally;
  practices: PracticeReview[];
}

export interface GroupReview {
  id: string;
  name: string;
  tally: Tally;
  risks: RiskCounts;
  questions: QuestionReview[];
}

export interface LensReview {
  id: LensId;
  name: string;
  edition: string;
  /** `pillar` or `focus area`. */
  groupKind: string;
  /** False when the workspace shows none of the kinds of AI the lens is about. */
  applicable: boolean;
  /** What made the lens apply, or why it does not. */
  applicability: string;
  tally: Tally;
  risks: RiskCounts;
  groups: GroupReview[];
}

export interface Review {
  lenses: LensReview[];
  tally: Tally;
  risks: RiskCounts;
  /** Files (relative paths) that show each kind of AI. */
  usage: Record<AiUsage, string[]>;
  /** Rules that ran. */
  rules: string[];
  /** Number of files analysed. */
  files: number;
}
