import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { normalizeOptions } from '../engine/config';
import { Engine } from '../engine/engine';
import { LENS_IDS, SEVERITIES, type Severity } from '../engine/types';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { formatLensesJson, formatLensesText } from './lenses';
import { scan, UsageError } from './scan';
import { version } from '../version';

export const USAGE = `Usage:
  ai-lens scan [paths...] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|note|never]
                          [--lens genai,ml,rai] [--exclude GLOB]... [--quiet]
  ai-lens lenses [--format text|json]
  ai-lens server --stdio | --node-ipc
  ai-lens --version | --help

Exit codes: 0 no finding at or above --fail-on (default: error), 1 findings, 2 usage or I/O error.`;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY?: boolean;
  /** Rewrites a one-line progress message (on a terminal); an empty message clears it. */
  progress?: (message: string) => void;
}

/** Runs a CLI command; returns the process exit code. Output goes through the given writers so tests can capture it. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
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
    if (command === 'scan') return await scanCommand(rest, io);
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

async function scanCommand(args: string[], io: CliIO): Promise<number> {
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
    },
  });
  const format = oneOf(values.format!, ['text', 'json', 'sarif'], '--format');
  const failOn = oneOf(values['fail-on']!, [...SEVERITIES, 'never'], '--fail-on');
  const lenses = values.lens?.split(',').map((l) => l.trim()).filter(Boolean);
  for (const l of lenses ?? []) oneOf(l, [...LENS_IDS], '--lens');
  const { options } = normalizeOptions({ lenses: lenses ?? LENS_IDS });

  const engine = await Engine.create();
  // A progress line on an interactive terminal only, and never with --quiet.
  const progress = io.progress && !values.quiet ? io.progress : undefined;
  const report = scan(engine, positionals, options, values.exclude, progress && ((done, total) => done % 50 === 0 && progress(`checking ${done}/${total} files`)));
  progress?.('');
  const rendered =
    format === 'json'
      ? formatJson(report, version)
      : format === 'sarif'
        ? formatSarif(report, engine.activeRules(options), engine.catalog, version)
        : formatText(report, !values.output && !!io.isTTY && !process.env.NO_COLOR, values.quiet);
  if (values.output) {
    try {
      fs.writeFileSync(values.output, rendered);
    } catch (error) {
      throw new Error(`cannot write ${values.output}: ${(error as Error).message}`);
    }
    if (format !== 'text' && !values.quiet) io.err(formatText(report, false).split('\n').filter(Boolean).pop() + `; report written to ${values.output}\n`);
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

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}
