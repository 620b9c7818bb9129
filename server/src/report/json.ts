import type { Range } from '../engine/types';
import type { ReportContext } from './context';

/** The review as stable JSON for scripts: the review model with 1-based positions instead of ranges. */
export function formatReviewJson(context: ReportContext): string {
  const { review, answers } = context;
  return (
    JSON.stringify(
      {
        tool: 'ai-lens',
        version: context.version,
        generatedAt: context.generatedAt.toISOString(),
        title: context.title,
        answersFile: { path: answers.path, exists: answers.exists, answers: answers.count, problems: answers.problems },
        files: review.files,
        rules: review.rules,
        usage: review.usage,
        tally: review.tally,
        risks: review.risks,
        lenses: review.lenses,
      },
      (_key, value) => {
        if (!value || typeof value !== 'object' || !('range' in value) || !('path' in value)) return value;
        const { path, range, ...rest } = value as { path: string; range: Range };
        return { path, ...positions(range), ...rest };
      },
      2,
    ) + '\n'
  );
}

function positions(range: Range) {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}
