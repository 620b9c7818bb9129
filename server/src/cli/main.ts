import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine';
import { CONFIG_FILE_NAME } from '../engine/projectConfig';
import type { Rule } from '../engine/rules';
import { META_RULES } from '../engine/rules/meta';
import { LENS_IDS, SEVERITIES, type Severity } from '../engine/types';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatSummary, formatText } from './format/text';
import { formatLensesJson, formatLensesText } from './lenses';
import { cliOptions, loadConfig } from './projectOptions';
import { reportCommand } from './report';
import { writeReport } from './output';
import { scan, scanRoot, UsageError } from './scan';
import { version } from '../version';

export const USAGE = `Usage:
  ai-lens scan [paths...] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|note|never]
                          [--lens genai,ml,rai] [--exclude GLOB]... [--config FILE | --no-config] [--quiet]
                          [--include-synth]
  ai-lens report [paths...] [--format md|html|json|wa-tool] [--output FILE] [--answers FILE]
                            [--lens genai,ml,rai] [--exclude GLOB]... [--config FILE | --no-config]
                            [--workload-id ID] [--lens-alias LENS=ARN]...
  ai-lens lenses [--format text|json]
  ai-lens server --stdio | --node-ipc
  ai-lens --version | --help

scan and report read ${CONFIG_FILE_NAME} from the scanned folder (or the current one) unless --config or --no-config is
given. \`scan cdk.out\` checks the templates \`cdk synth\` wrote; --include-synth checks them with the project.
Exit codes: scan: 0 no finding at or above --fail-on (default: error), 1 findings; report: 0 written, 1 written but the
answers file has problems; both: 2 usage, configuration or I/O error.`;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY?: boolean;
  /** Rewrites a one-line progress message (on a terminal); an empty message clears it. */
  progress?: (message: string) => void;
}

/** What tests may replace: the rules the engine runs. */
export interface CliHooks {
  rules?: readonly Rule[];
}

/** Runs a CLI command; returns the process exit code. Output goes through the given writers so tests can capture it. */
export async function runCli(argv: string[], io: CliIO, hooks: CliHooks = {}): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(version + '\n');
      return 0;
    }
    if (command === 'scan') return await scanCommand(rest, io, hooks);
    if (command === 'report') return await reportCommand(rest, io);
    if (command === 'lenses') return await lensesCommand(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`ai-lens: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    io.err(`ai-lens: ${(error as Error).message}\n`);
    return 2;
  }
}

async function scanCommand(args: string[], io: CliIO, hooks: CliHooks): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string', default: 'error' },
      lens: { type: 'string' },
      exclude: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', short: 'q', default: false },
      'include-synth': { type: 'boolean', default: false },
      config: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
    },
  });
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const format = oneOf(values.format!, ['text', 'json', 'sarif'], '--format');
  const failOn = oneOf(values['fail-on']!, [...SEVERITIES, 'never'], '--fail-on');
  const lenses = values.lens?.split(',').map((l) => l.trim()).filter(Boolean);
  for (const l of lenses ?? []) oneOf(l, [...LENS_IDS], '--lens');

  const engine = await Engine.create(hooks.rules);
  const config = loadConfig(values.config, values['no-config'] ? false : scanRoot(positionals), engine, io);
  if (config === 'invalid') return 2;
  const options = cliOptions(config, lenses);
  // A progress line on an interactive terminal only, and never with --quiet.
  const progress = io.progress && !values.quiet ? io.progress : undefined;
  const onProgress = progress && ((done: number, total: number) => done % 50 === 0 && progress(`checking ${done}/${total} files`));
  const report = scan(engine, positionals, options, { exclude: values.exclude, config, onProgress, reviewSignals: false, includeSynth: values['include-synth'] });
  progress?.('');
  for (const file of report.files) {
    for (const p of file.result.problems) if (p.kind === 'rule-error') io.err(`ai-lens: ${file.path}: ${p.message}\n`);
  }
  for (const s of report.skipped) if (/internal error/.test(s.reason)) io.err(`ai-lens: ${s.path}: ${s.reason}\n`);
  const metaRules = META_RULES.filter((r) => options.rules[r.id] !== 'off');
  const rendered =
    format === 'json'
      ? formatJson(report, version)
      : format === 'sarif'
        ? formatSarif(report, engine.activeRules(options), engine.catalog, version, metaRules)
        : formatText(report, !values.output && !!io.isTTY && !process.env.NO_COLOR, values.quiet);
  if (values.output) {
    try {
      writeReport(values.output, rendered);
    } catch (error) {
      throw new Error(`cannot write ${values.output}: ${(error as Error).message}`);
    }
    if (format !== 'text' && !values.quiet) io.err(`${formatSummary(report)}; report written to ${values.output}\n`);
  } else {
    io.out(rendered);
  }
  if (failOn === 'never') return 0;
  const threshold = SEVERITIES.indexOf(failOn as Severity);
  const failing = report.files.some((f) => f.result.findings.some((x) => !x.suppression && SEVERITIES.indexOf(x.severity) <= threshold));
  return failing ? 1 : 0;
}

async function lensesCommand(args: string[], io: { out: (s: string) => void }): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } } });
  const format = oneOf(values.format!, ['text', 'json'], '--format');
  const engine = await Engine.create();
  io.out(format === 'json' ? formatLensesJson(engine.catalog, engine.rules) : formatLensesText(engine.catalog, engine.rules));
  return 0;
}

/**
 * The configuration for a scan: `--config FILE` (which must exist), else `.ai-lens.yaml` in `root` when there is one.
 * Any problem in it is printed with its line and makes the scan stop: CI must not run on a half-understood file.
 */
function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}
