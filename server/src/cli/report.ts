import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine';
import { describeRisks, describeTally } from '../engine/review/describe';
import { readAnswersFile } from '../engine/review/answers';
import { LENS_IDS, type LensId } from '../engine/types';
import { buildReport } from '../report/build';
import { reportDate } from '../report/context';
import { formatReviewHtml } from '../report/html';
import { formatReviewJson } from '../report/json';
import { formatReviewMarkdown } from '../report/markdown';
import { formatWaTool } from '../report/waTool';
import { version } from '../version';
import { cliOptions, loadConfig } from './projectOptions';
import { writeReport } from './output';
import { scan, scanRoot, UsageError } from './scan';

export const REPORT_FORMATS = ['md', 'html', 'json', 'wa-tool'] as const;

/**
 * `ai-lens report`: the lens review of the workspace. Exit code 0 when written, 1 when written but the answers file
 * has problems (those entries are ignored), 2 for a usage or I/O error.
 */
export async function reportCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'md' },
      output: { type: 'string', short: 'o' },
      lens: { type: 'string' },
      exclude: { type: 'string', multiple: true, default: [] },
      answers: { type: 'string' },
      config: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      'workload-id': { type: 'string' },
      'lens-alias': { type: 'string', multiple: true, default: [] },
      'var-file': { type: 'string', multiple: true, default: [] },
    },
  });
  const format = values.format as (typeof REPORT_FORMATS)[number];
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${values.format}")`);
  const lenses = values.lens?.split(',').map((l) => l.trim()).filter(Boolean);
  for (const l of lenses ?? []) if (!LENS_IDS.includes(l as LensId)) throw new UsageError(`--lens must be one of ${LENS_IDS.join(', ')} (got "${l}")`);
  const lensAliases = parseLensAliases(values['lens-alias']!);
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');

  const engine = await Engine.create();
  const config = loadConfig(values.config, values['no-config'] ? false : scanRoot(positionals), engine, io);
  if (config === 'invalid') return 2;
  const options = cliOptions(config, lenses);
  const scanned = scan(engine, positionals, options, { exclude: values.exclude, config, varFiles: values['var-file'] });
  const answersPath = values.answers ? path.resolve(values.answers) : undefined;
  if (answersPath && !fs.existsSync(answersPath)) throw new UsageError(`no such answers file: ${answersPath}`);
  const answers = readAnswersFile(scanned.root, engine.catalog, answersPath);
  const context = buildReport(engine, scanned.root, scanned.files, options, answers, version, reportDate());
  const rendered =
    format === 'html'
      ? formatReviewHtml(context)
      : format === 'json'
        ? formatReviewJson(context)
        : format === 'wa-tool'
          ? formatWaTool(context, { workloadId: values['workload-id'], lensAliases })
          : formatReviewMarkdown(context);

  for (const p of answers.problems) io.err(`${path.relative(process.cwd(), answers.path) || answers.path}:${p.line}:${p.column}: ${p.message}\n`);
  if (values.output) {
    try {
      writeReport(values.output, rendered);
    } catch (error) {
      throw new Error(`cannot write ${values.output}: ${(error as Error).message}`);
    }
    const risks = describeRisks(context.review.risks);
    io.err(`lens review written to ${values.output}: ${describeTally(context.review.tally)}${risks ? `; questions: ${risks}` : ''}\n`);
  } else {
    io.out(rendered);
  }
  return answers.problems.length ? 1 : 0;
}

/** `--lens-alias genai=arn:aws:wellarchitected:...` → { genai: 'arn:...' } */
function parseLensAliases(values: readonly string[]): Partial<Record<LensId, string>> {
  const aliases: Partial<Record<LensId, string>> = {};
  for (const value of values) {
    const [lens, ...rest] = value.split('=');
    if (!LENS_IDS.includes(lens as LensId) || rest.join('=') === '') throw new UsageError(`--lens-alias takes LENS=ARN with LENS one of ${LENS_IDS.join(', ')} (got "${value}")`);
    aliases[lens as LensId] = rest.join('=');
  }
  return aliases;
}
