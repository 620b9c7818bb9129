import type { AnswerProblem } from '../engine/review/answers';
import type { Review } from '../engine/review/model';

/** A review plus what a report says about where it came from. */
export interface ReportContext {
  review: Review;
  /** The workspace's name, for the title. */
  title: string;
  version: string;
  generatedAt: Date;
  answers: {
    /** Path of the answers file, relative to the workspace root. */
    path: string;
    exists: boolean;
    count: number;
    problems: AnswerProblem[];
  };
}

/** The date a report shows: `SOURCE_DATE_EPOCH` (seconds) when set, for reproducible output, else now. */
export function reportDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
