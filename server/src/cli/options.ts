// Each command's options as data: the same table parses the arguments and writes the command's --help.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  default?: string | boolean | string[];
  /** What the value stands for in the help (`FILE`, `GLOB`). */
  arg?: string;
  /** The values a string option accepts; anything else is a usage error. */
  values?: readonly string[];
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line, for the top-level help. */
  summary: string;
  /** What follows the command name in the usage line. */
  positionals?: string;
  description?: string;
  options: OptionSpec[];
  /** Lines after the options: exit codes, examples. */
  epilog?: string;
}

/** A mistake in the command line: printed as one line, with a pointer to the command's help. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` explains the usage; the top-level help when left out. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', type: 'boolean', help: 'Show this help and exit.' };

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `args` for `command`; unknown options and values outside an option's `values` are usage errors. */
export function parseCommand(command: CommandSpec, args: string[]): Parsed {
  const options = Object.fromEntries(
    [...command.options, HELP_OPTION].map((o) => [
      o.name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}), ...(o.default !== undefined ? { default: o.default } : {}) },
    ]),
  );
  let parsed: Parsed;
  try {
    // The options table is built at run time, so parseArgs cannot type the values; Parsed says what they are.
    parsed = parseArgs({ args, options: options as ParseArgsConfig['options'], allowPositionals: command.positionals !== undefined, strict: true }) as Parsed;
  } catch (error) {
    throw new UsageError(shortParseError(error as Error & { code?: string }), command.name);
  }
  for (const option of command.options) {
    const value = parsed.values[option.name];
    if (!option.values || typeof value !== 'string') continue;
    if (!option.values.includes(value)) throw new UsageError(`--${option.name} must be one of ${option.values.join(', ')} (got "${value}")`, command.name);
  }
  return parsed;
}

/** node's messages for argument errors are long; the first clause says it all. */
function shortParseError(error: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? error.message}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option && /argument missing/.test(error.message) ? `${/--[\w-]+/.exec(option)?.[0] ?? option} needs a value` : error.message.split('. ')[0];
    default:
      return error.message.split('. ')[0];
  }
}

/** The `--help` text of a command. */
export function commandHelp(command: CommandSpec): string {
  const lines = [`Usage: ai-lens ${command.name}${command.positionals ? ` ${command.positionals}` : ''} [options]`, '', command.description ?? command.summary, '', 'Options:'];
  const rows = [...command.options, HELP_OPTION].map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'string' ? ` ${o.arg ?? (o.values ? o.values.join('|') : 'VALUE')}` : ''}`;
    const extra = typeof o.default === 'string' ? ` (default: ${o.default})` : '';
    return [flag, o.help + extra + (o.multiple ? ' Repeatable.' : '')];
  });
  const width = Math.min(36, Math.max(...rows.map(([flag]) => flag.length)));
  for (const [flag, help] of rows) lines.push(flag.length > width ? `  ${flag}\n  ${' '.repeat(width)}  ${help}` : `  ${flag.padEnd(width)}  ${help}`);
  if (command.epilog) lines.push('', command.epilog);
  return lines.join('\n') + '\n';
}

/** The top-level help: every command with its summary. */
export function mainHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: ai-lens <command> [options]',
    '',
    'Reviews ML and generative-AI code and its infrastructure-as-code against the AWS Well-Architected',
    'Generative AI, Machine Learning and Responsible AI lenses. Nothing leaves your machine.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `ai-lens <command> --help` for a command\'s options; `ai-lens --version` prints the version.',
    '',
  ].join('\n');
}
