import * as path from 'node:path';
import type { AnalysisOptions } from '../engine/config';
import type { Engine } from '../engine/engine';
import type { AnswersFile } from '../engine/review/answers';
import { reviewStatus, type ReviewFile } from '../engine/review/status';
import { toPosix } from '../engine/workspace';
import type { ReportContext } from './context';

/** The review of analysed files under `root` with the answers given, ready for any report format. */
export function buildReport(
  engine: Engine,
  root: string,
  files: readonly ReviewFile[],
  options: AnalysisOptions,
  answers: AnswersFile,
  version: string,
  generatedAt: Date,
): ReportContext {
  const review = reviewStatus({
    catalog: engine.catalog,
    lenses: options.lenses,
    rules: engine.activeRules(options).map((r) => r.meta),
    files,
    answers: answers.answers,
  });
  return {
    review,
    title: path.basename(root) || root,
    version,
    generatedAt,
    answers: { path: toPosix(path.relative(root, answers.path)) || answers.path, exists: answers.exists, count: answers.answers.size, problems: answers.problems },
  };
}
