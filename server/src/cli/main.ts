import { Engine } from '../engine/engine';
import type { Rule } from '../engine/rules';
import { version } from '../version';
import { formatLensesJson, formatLensesText } from './lenses';
import { commandHelp, mainHelp, parseCommand, UsageError, type CommandSpec } from './options';
import { REPORT_COMMAND, reportCommand } from './report';
import { SCAN_COMMAND, scanCommand } from './scanCommand';

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

const LENSES_COMMAND: CommandSpec = {
  name: 'lenses',
  summary: 'List the practices of the three lenses, the rules that check them and the evidence that shows them.',
  options: [{ name: 'format', type: 'string', values: ['text', 'json'], default: 'text', help: 'text or json.' }],
};

/** Described here for its help; `server/src/main.ts` starts the server before the CLI loads. */
export const SERVER_COMMAND: CommandSpec = {
  name: 'server',
  summary: 'Run the language server for an editor (LSP over stdio or node IPC).',
  description: 'Runs the language server for an editor: any LSP client can start `ai-lens server --stdio`.',
  options: [
    { name: 'stdio', type: 'boolean', help: 'Talk LSP over standard input and output.' },
    { name: 'node-ipc', type: 'boolean', help: "Talk LSP over node's IPC channel (VS Code)." },
  ],
};

interface Command {
  spec: CommandSpec;
  run: (args: string[], io: CliIO, hooks: CliHooks) => Promise<number>;
}

const COMMANDS: Command[] = [
  { spec: SCAN_COMMAND, run: scanCommand },
  { spec: REPORT_COMMAND, run: (args, io) => reportCommand(args, io) },
  { spec: LENSES_COMMAND, run: (args, io) => lensesCommand(args, io) },
  { spec: SERVER_COMMAND, run: async () => { throw new UsageError('give --stdio or --node-ipc', 'server'); } },
];

const HELP_FLAGS = new Set(['--help', '-h']);

/** Runs a CLI command; returns the process exit code. Output goes through the given writers so tests can capture it. */
export async function runCli(argv: string[], io: CliIO, hooks: CliHooks = {}): Promise<number> {
  const [name, ...rest] = argv;
  const specs = COMMANDS.map((c) => c.spec);
  if (name === undefined) {
    io.err(mainHelp(specs));
    return 2;
  }
  if (HELP_FLAGS.has(name) || name === 'help') {
    const about = name === 'help' ? COMMANDS.find((c) => c.spec.name === rest[0]) : undefined;
    io.out(about ? commandHelp(about.spec) : mainHelp(specs));
    return 0;
  }
  if (name === '--version' || name === '-v' || name === '-V') {
    io.out(version + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (rest.some((a) => HELP_FLAGS.has(a))) {
      io.out(commandHelp(command.spec));
      return 0;
    }
    return await command.run(rest, io, hooks);
  } catch (error) {
    if (error instanceof UsageError) {
      const about = error.command ?? command?.spec.name;
      io.err(`ai-lens: ${error.message}\nsee \`ai-lens ${about ? `${about} ` : ''}--help\`\n`);
      return 2;
    }
    io.err(`ai-lens: ${(error as Error).message}\n`);
    return 2;
  }
}

async function lensesCommand(args: string[], io: { out: (s: string) => void }): Promise<number> {
  const { values } = parseCommand(LENSES_COMMAND, args);
  const engine = await Engine.create();
  io.out(values.format === 'json' ? formatLensesJson(engine.catalog, engine.rules) : formatLensesText(engine.catalog, engine.rules));
  return 0;
}
