// Fixture workspaces for the review tests: real files in a temporary folder, scanned by the real engine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import { RULES } from '../../server/src/engine/rules';
import { parseAnswers } from '../../server/src/engine/review/answers';
import type { PracticeReview, Review } from '../../server/src/engine/review/model';
import { reviewStatus } from '../../server/src/engine/review/status';

let engine: Promise<Engine> | undefined;
export function sharedEngine(): Promise<Engine> {
  return (engine ??= Engine.create());
}

/** Writes `files` (relative path → text) into a new temporary folder and returns it. */
export function writeWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-review-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/**
 * The review tests are about how statuses are computed, so they run the first six rules only: rules added later must
 * not change what these fixtures expect.
 */
const REVIEW_TEST_RULES = new Set([
  'bedrock-call-without-guardrail',
  'llm-call-without-max-tokens',
  'sagemaker-endpoint-without-data-capture',
  'sagemaker-notebook-direct-internet',
  'bedrock-agent-without-guardrail',
  'unsafe-model-deserialization',
]);
export const REVIEW_TEST_OPTIONS: AnalysisOptions = {
  ...DEFAULT_OPTIONS,
  rules: Object.fromEntries(RULES.filter((r) => !REVIEW_TEST_RULES.has(r.meta.id)).map((r) => [r.meta.id, 'off' as const])),
};

/** Scans the files and reviews them with the answers file text given (none when left out). */
export async function reviewOf(files: Record<string, string>, answers = '', options: AnalysisOptions = REVIEW_TEST_OPTIONS): Promise<Review> {
  const e = await sharedEngine();
  const dir = writeWorkspace(files);
  try {
    const report = scan(e, [dir], options);
    const parsed = parseAnswers(answers, e.catalog);
    if (parsed.problems.length) throw new Error(`bad answers in test: ${JSON.stringify(parsed.problems)}`);
    return reviewStatus({ catalog: e.catalog, lenses: options.lenses, rules: e.activeRules(options).map((r) => r.meta), files: report.files, answers: parsed.answers });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function practice(review: Review, id: string): PracticeReview {
  for (const lens of review.lenses) for (const g of lens.groups) for (const q of g.questions) for (const p of q.practices) if (p.id === id) return p;
  throw new Error(`no practice ${id} in the review`);
}

export function question(review: Review, id: string) {
  for (const lens of review.lenses) for (const g of lens.groups) for (const q of g.questions) if (q.id === id) return q;
  throw new Error(`no question ${id} in the review`);
}

export function lens(review: Review, id: string) {
  const found = review.lenses.find((l) => l.id === id);
  if (!found) throw new Error(`no lens ${id} in the review`);
  return found;
}
