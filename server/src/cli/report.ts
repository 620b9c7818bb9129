import * as fs from 'node:fs';
import * as path from 'node:path';
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
import { checkConfigFlags, cliOptions, lensList, loadConfig } from './projectOptions';
import { writeReport } from './output';
import { parseCommand, UsageError, type CommandSpec } from './options';
import { SCAN_GRAMMARS, scanFiles, scanRoot } from './scan';

export const REPORT_FORMATS = ['md', 'html', 'json', 'wa-tool'] as const;

export const REPORT_COMMAND: CommandSpec = {
  name: 'report',
  summary: 'Write the lens review: every practice with what the code shows and what people answered.',
  positionals: '[paths...]',
  description:
    'Writes the lens review of the workspace: all practices of the three lenses with their status (at risk, needs\n' +
    'review, evidence found, checks pass, answered), the findings and evidence behind them, and the answers in\n' +
    '.ai-lens/review.yaml.',
  options: [
    { name: 'format', type: 'string', values: REPORT_FORMATS, default: 'md', help: 'md; html (one file, no scripts); json; wa-tool (Well-Architected Tool UpdateAnswer inputs).' },
    { name: 'output', short: 'o', type: 'string', arg: 'FILE', help: 'Write the report to FILE instead of standard output.' },
    { name: 'answers', type: 'string', arg: 'FILE', help: 'Read answers from FILE instead of .ai-lens/review.yaml.' },
    { name: 'lens', type: 'string', arg: 'genai,ml,rai', help: 'Review only these lenses.' },
    { name: 'exclude', type: 'string', multiple: true, default: [], arg: 'GLOB', help: 'Leave out files matching GLOB.' },
    { name: 'config', type: 'string', arg: 'FILE', help: 'Read this configuration file instead of .ai-lens.yaml.' },
    { name: 'no-config', type: 'boolean', default: false, help: 'Read no .ai-lens.yaml.' },
    { name: 'workload-id', type: 'string', arg: 'ID', help: 'wa-tool: the Well-Architected Tool workload.' },
    { name: 'lens-alias', type: 'string', multiple: true, default: [], arg: 'LENS=ARN', help: 'wa-tool: the custom lens ARN of a lens.' },
    { name: 'var-file', type: 'string', multiple: true, default: [], arg: 'FILE', help: 'A Terraform variables file whose values win over defaults and tfvars files (repeatable).' },
  ],
  epilog: 'Exit codes: 0 written; 1 written, but the answers file has problems (those entries are ignored); 2 usage or I/O error.',
};

/**
 * `ai-lens report`: the lens review of the workspace. Exit code 0 when written, 1 when written but the answers file
 * has problems (those entries are ignored), 2 for a usage or I/O error.
 */
export async function reportCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const parsed = parseCommand(REPORT_COMMAND, args);
  const positionals = parsed.positionals;
  const values = parsed.values as { format: (typeof REPORT_FORMATS)[number]; output?: string; answers?: string; lens?: string; exclude: string[]; config?: string; 'no-config': boolean; 'workload-id'?: string; 'lens-alias': string[]; 'var-file': string[] };
  const format = values.format;
  const lenses = lensList(values.lens, 'report');
  const lensAliases = parseLensAliases(values['lens-alias']);
  checkConfigFlags(values, 'report');

  const engine = await Engine.create(undefined, SCAN_GRAMMARS);
  const config = loadConfig(values.config, values['no-config'] ? false : scanRoot(positionals), engine, io);
  if (config === 'invalid') return 2;
  const options = cliOptions(config, lenses);
  const scanned = await scanFiles(engine, positionals, options, { exclude: values.exclude, config, varFiles: values['var-file'] });
  const answersPath = values.answers ? path.resolve(values.answers) : undefined;
  if (answersPath && !fs.existsSync(answersPath)) throw new UsageError(`no such answers file: ${answersPath}`, 'report');
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
    if (!LENS_IDS.includes(lens as LensId) || rest.join('=') === '') throw new UsageError(`--lens-alias takes LENS=ARN with LENS one of ${LENS_IDS.join(', ')} (got "${value}")`, 'report');
    aliases[lens as LensId] = rest.join('=');
  }
  return aliases;
}
