import { field, isTrue, stringOf } from '../values';
import type { CallFact, FileFacts, Origin, Value } from '../types';
import { isModelCall, originsIn } from './support/models';
import { calleeSpan, type Rule, type RuleContext } from './rule';

const CODE_BUILTINS = new Set(['eval', 'exec']);
const SHELL_FUNCTIONS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell']);
const PROCESS_FUNCTIONS = new Set([
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.Popen',
  'asyncio.create_subprocess_exec',
]);
/** Programs that run their arguments as code: `["bash", "-c", text]`. */
const INTERPRETERS = /^(.*\/)?(sh|bash|zsh|dash|ksh|cmd(\.exe)?|powershell(\.exe)?|pwsh|python[0-9.]*|node|perl|ruby|php)$/i;
const SQL_FUNCTIONS = new Set(['pandas.read_sql', 'pandas.read_sql_query', 'sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text']);
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'exec_driver_sql', 'read_sql', 'read_sql_query', 'raw', 'sql']);
/** Receivers that are database connections, cursors or sessions by their usual names. */
const DATABASE_RECEIVER = /(^|[._])(c|cur|cursor|conn|connection|con|db|database|session|engine|sqlite|spark|duckdb|pd|pandas)$|cursor|conn(ection)?$/i;
const SQL_TEXT = /\b(select\s[\s\S]*\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from|create\s+table|drop\s+table|alter\s+table)\b/i;

const CONSEQUENCE: Record<Sink['kind'], string> = {
  code: 'runs it as Python code: parse it into an allow-listed operation, or run it only in a sandbox',
  shell: 'runs it as a command: map it to an allow-listed command, never a shell string',
  sql: 'runs it as SQL: bind values as parameters, and run generated queries with a read-only role',
};

type Sink = { kind: 'code' | 'shell' | 'sql'; arg: Value | undefined };

export const rule: Rule = {
  meta: {
    id: 'llm-output-to-unsafe-sink',
    title: 'Model output executed as code, a shell command or SQL',
    practices: ['GENSEC05-BP01', 'RAISP02-BP04'],
    // Running generated code or commands is an error; executing generated SQL is a common, designed pattern (text-to-SQL)
    // whose risk depends on the database role it runs with, so it is a warning.
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'Text a model generates is shaped by everything in its context: user messages, retrieved documents, tool results. ' +
        'Passing it to `eval`/`exec`, a shell (`os.system`, `subprocess` with `shell=True` or an interpreter), or a SQL ' +
        'string lets anyone who can influence that context run code or queries with the application\'s permissions. ' +
        'Parse the output into a constrained structure (JSON with a schema, an allow-listed command or tool name) and ' +
        'validate it; run generated code only in an isolated sandbox; pass values to SQL as bound parameters and run ' +
        'generated queries with a read-only, least-privilege database role. The value is followed within a function, ' +
        'through assignments, item access, string methods, `json.loads` and string building; the arguments of a function ' +
        'decorated as a model tool (`@tool`, `@function_tool`, `@mcp.tool()`) are model output too.',
      bad: 'reply = llm.invoke(question).content\nos.system(f"convert {reply}")',
      good: 'reply = llm.invoke(question).content\naction = ALLOWED_ACTIONS[json.loads(reply)["action"]]\nsubprocess.run(action, shell=False)',
    },
  },
  check(context: RuleContext) {
    const { facts } = context;
    for (const call of facts.calls) {
      const sink = sinkOf(call, context.text);
      if (!sink) continue;
      const origin = sink.kind === 'shell' && call.qualifiedName && PROCESS_FUNCTIONS.has(call.qualifiedName) ? processOrigin(call, facts) : modelOrigin(sink.arg, facts);
      if (!origin) continue;
      const where = lineOf(context.text, origin.span.start);
      const source = origin.kind === 'tool-argument' ? `tool argument \`${origin.name}\`, written by the model,` : `model output from \`${shorten(origin.name)}\` (line ${where})`;
      context.report({
        span: calleeSpan(call),
        severity: sink.kind === 'sql' ? 'warning' : 'error',
        message: `${source} reaches \`${call.callee}\`, which ${CONSEQUENCE[sink.kind]}`,
      });
    }
  },
};

function sinkOf(call: CallFact, text: string): Sink | undefined {
  const first = call.positional[0];
  if (CODE_BUILTINS.has(call.callee) && !call.qualifiedName) return { kind: 'code', arg: first ?? field(call.args, 'source') };
  const name = call.qualifiedName;
  if (name && SHELL_FUNCTIONS.has(name)) return { kind: 'shell', arg: first ?? call.args.props.get('cmd')?.value ?? call.args.props.get('command')?.value };
  if (name && PROCESS_FUNCTIONS.has(name)) return { kind: 'shell', arg: first };
  if (name && SQL_FUNCTIONS.has(name)) return { kind: 'sql', arg: first ?? call.args.props.get('sql')?.value };
  if ((call.name === 'run' || call.name === 'run_no_throw') && call.receiverType === 'langchain:sql-database') return { kind: 'sql', arg: first ?? call.args.props.get('command')?.value };
  if (SQL_METHODS.has(call.name) && call.callee.includes('.')) {
    const arg = first ?? call.args.props.get('sql')?.value ?? call.args.props.get('statement')?.value ?? call.args.props.get('query')?.value;
    const receiver = call.callee.slice(0, call.callee.length - call.name.length - 1);
    const looksLikeSql = arg && SQL_TEXT.test(text.slice(arg.span.start, arg.span.end));
    if (DATABASE_RECEIVER.test(receiver) || looksLikeSql) return { kind: 'sql', arg };
  }
  return undefined;
}

/**
 * `subprocess` runs a list without a shell: model output there is only dangerous as the program itself, as an
 * interpreter's code (`["bash", "-c", text]`), or with `shell=True`. A string command is the program (or, with a
 * shell, the whole command line).
 */
function processOrigin(call: CallFact, facts: FileFacts): Origin | undefined {
  const command = call.positional[0] ?? call.args.props.get('args')?.value;
  if (call.qualifiedName === 'asyncio.create_subprocess_exec') {
    const [program, ...rest] = call.positional;
    const interpreter = INTERPRETERS.test(stringOf(program) ?? '');
    return modelOrigin(program, facts) ?? (interpreter ? rest.map((v) => modelOrigin(v, facts)).find(Boolean) : undefined);
  }
  if (command?.kind !== 'array') return modelOrigin(command, facts);
  if (isTrue(field(call.args, 'shell'))) return modelOrigin(command, facts);
  const [program, ...rest] = command.items;
  if (!program) return undefined;
  const fromModel = modelOrigin(program, facts);
  if (fromModel) return fromModel;
  if (!INTERPRETERS.test(stringOf(program) ?? '')) return undefined;
  return rest.map((v) => modelOrigin(v, facts)).find(Boolean);
}

/** Model output: the result of a model call, or an argument of a function the model calls as a tool. */
function modelOrigin(value: Value | undefined, facts: FileFacts): Origin | undefined {
  return originsIn(value).find((o) => o.kind === 'tool-argument' || (o.kind === 'call' && o.call && isModelCall(o.call, facts)));
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function shorten(callee: string): string {
  return callee.length > 40 ? callee.slice(0, 37) + '...' : callee;
}
