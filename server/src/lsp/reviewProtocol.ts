// The custom LSP messages of the lens review, shared by the server and the VS Code client (types and names only).
import type { AnswerProblem, AnswerStatus } from '../engine/review/answers';
import type { Review } from '../engine/review/model';

/** Request: the review of every workspace folder. */
export const REVIEW_REQUEST = 'aiLens/review';
/** Request: set or clear a practice's answer in a folder's answers file. */
export const SET_ANSWER_REQUEST = 'aiLens/review/setAnswer';
/** Request: a folder's review rendered as a report. */
export const REPORT_REQUEST = 'aiLens/review/report';
/** Notification from the server: findings, evidence or answers changed; ask for the review again. */
export const REVIEW_CHANGED_NOTIFICATION = 'aiLens/reviewChanged';

export interface FolderReview {
  /** The folder's file-system path and URI. */
  folder: string;
  uri: string;
  name: string;
  review: Review;
  answers: {
    /** Path relative to the folder. */
    path: string;
    uri: string;
    exists: boolean;
    count: number;
    problems: AnswerProblem[];
  };
}

export interface ReviewResult {
  folders: FolderReview[];
}

export interface SetAnswerParams {
  /** The folder whose answers file to change; the first folder when left out. */
  folder?: string;
  practiceId: string;
  /** `null` clears the answer. */
  status: AnswerStatus | null;
  note?: string;
}

export interface SetAnswerResult {
  uri: string;
}

export type ReportFormat = 'html' | 'md' | 'json' | 'wa-tool';

export interface ReportParams {
  folder?: string;
  format: ReportFormat;
}

export interface ReportResult {
  content: string;
  /** A file name for the report, such as `ai-lens-review-shop.html`. */
  fileName: string;
}
