import { field, isTrue, stringOf } from '../values';
import type { CallFact, FileFacts, Origin, Value } from '../types';
import { isModelCall, originsIn } from '../apis/models';
import { awsStatements } from '../apis/awsDataApis';
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
/** TypeScript/JavaScript: Node's `vm` runs code; `child_process` runs commands (`exec*` always through a shell). */
const JS_CODE_FUNCTIONS = new Set(['vm.runInNewContext', 'vm.runInThisContext', 'vm.runInContext', 'vm.compileFunction', 'vm.Script']);
const JS_SHELL_FUNCTIONS = new Set(['child_process.exec', 'child_process.execSync']);
const JS_PROCESS_FUNCTIONS = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync']);
const JS_SQL_METHODS = new Set(['query', 'execute', 'exec', 'raw', 'run', 'all', 'get', 'each', 'prepare', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe']);
/** Method names common outside databases (`map.get`, `regex.exec`): SQL only with a SQL driver imported or SQL text. */
const JS_GENERIC_METHODS = new Set(['exec', 'run', 'all', 'get', 'each']);
const JS_DATABASE_RECEIVER = /(^|[._])(db|pool|conn|connection|con|pg|knex|sequelize|prisma|database|sqlite|tx|trx|sql|cursor)$/i;
/** SQL drivers whose connection objects are usually called `client`. */
const JS_SQL_DRIVERS = ['pg', 'mysql', 'mysql2', 'mysql2/promise', 'better-sqlite3', 'sqlite3', 'sqlite', 'postgres', 'mssql', 'oracledb', 'duckdb', '@neondatabase/serverless', '@vercel/postgres', '@libsql/client', '@planetscale/database'];
/** Functions and methods whose names say they run a statement: `run_query(f"SELECT … {x}")`, `execute_sql(q)`. */
const SQL_NAMED = /^_*(?:(?:execute|exec|run)(?:_?(?:sql|query|queries|statement|raw))?|query|sql|raw_?sql)$/i;
const SQL_TEXT = /\b(select\s[\s\S]*\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from|create\s+table|drop\s+table|alter\s+table)\b/i;

const CONSEQUENCE: Record<Sink['kind'], string> = {
  code: 'runs it as code: parse it into an allow-listed operation, or run it only in a sandbox',
  shell: 'runs it as a command: map it to an allow-listed command, never a shell string',
  sql: 'runs it as SQL: bind values as parameters, and run generated queries with a read-only role',
};

type Sink = {
  kind: 'code' | 'shell' | 'sql';
  arg: Value | undefined;
  /** Several arguments, any of which is run (`new Function(…)`, the statements of a batch). */
  args?: Value[];
  /** A program started without a shell: only its program, or an interpreter's code, is dangerous. */
  process?: boolean;
};

export const rule: Rule = {
  meta: {
    id: 'llm-output-to-unsafe-sink',
    title: 'Model output executed as code, a shell command or SQL',
    practices: ['GENSEC05-BP01', 'RAISP02-BP04'],
    // Running generated code or commands is an error; executing generated SQL is a common, designed pattern (text-to-SQL)
    // whose risk depends on the database role it runs with, so it is a warning.
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'Text a model generates is shaped by everything in its context: user messages, retrieved documents, tool results. ' +
        'Passing it to `eval`/`exec`, a shell (`os.system`, `subprocess` with `shell=True` or an interpreter), or a SQL ' +
        'string (in TypeScript/JavaScript: `eval`, `new Function`, `vm`, `child_process.exec`/`execSync`, `spawn` with ' +
        '`shell: true` or an interpreter, a database `query`/`execute`/`raw` call) lets anyone who can influence that context run code or queries with the application\'s permissions. ' +
        'Parse the output into a constrained structure (JSON with a schema, an allow-listed command or tool name) and ' +
        'validate it; run generated code only in an isolated sandbox; pass values to SQL as bound parameters and run ' +
        'generated queries with a read-only, least-privilege database role. The value is followed within a function, ' +
        'through assignments, item access, string methods, `json.loads` (`JSON.parse`, `TextDecoder.decode`) and string ' +
        'building (f-strings, template literals, `+`); a Bedrock `client.send(new ConverseCommand(…))` result is model ' +
        'output like boto3\'s `converse`. The arguments of a function ' +
        'decorated as a model tool (`@tool`, `@function_tool`, `@mcp.tool()`; LangChain JS `tool(…)`, ' +
        '`DynamicStructuredTool`, MCP `server.tool(…)`) are model output too, and so are those of plain functions registered ' +
        'as tools (LlamaIndex `FunctionTool.from_defaults(fn=…)` and agents\' `tools=[…]`, LangChain `Tool(func=…)` and ' +
        '`create_react_agent(model, [f])`, AutoGen `FunctionTool` and `AssistantAgent(tools=[…])`), and the ' +
        '`event["parameters"]` and `event["requestBody"]` of a Bedrock Agents action-group Lambda. SQL sinks include ' +
        'Athena `start_query_execution`, the Redshift Data and RDS Data APIs\' `execute_statement`/`batch_execute_statement`, ' +
        'DynamoDB PartiQL (`execute_statement`, `batch_execute_statement`, `execute_transaction`; boto3 or SDK v3 commands), ' +
        'SQLAlchemy `text()`, and SQL built with an f-string, `+` or `.format` for a function named for running it ' +
        '(`run_query(f"SELECT … {x}")`). Their bound parameters (`ExecutionParameters`, `Parameters`) are never reported.',
      bad: 'reply = llm.invoke(question).content\nos.system(f"convert {reply}")',
      good: 'reply = llm.invoke(question).content\naction = ALLOWED_ACTIONS[json.loads(reply)["action"]]\nsubprocess.run(action, shell=False)',
      severity:
        'An error where model output (or a tool argument the model wrote) reaches code execution or a shell; a warning ' +
        'where it reaches a SQL query. The same in every context: a batch job that runs what a model wrote is as ' +
        'exposed as a web service.',
    },
  },
  check(context: RuleContext) {
    const { facts } = context;
    const python = facts.language === 'python';
    const promisified = python ? new Map<string, string>() : promisifiedShells(facts, context.text);
    for (const call of facts.calls) {
      const sink = python ? sinkOf(call, context.text) : jsSinkOf(call, facts, context.text, promisified);
      if (!sink) continue;
      const origin = sink.args
        ? sink.args.map((v) => modelOrigin(v, facts)).find(Boolean)
        : sink.process
          ? (python ? processOrigin(call, facts) : jsProcessOrigin(call, facts))
          : modelOrigin(sink.arg, facts);
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
  const statements = awsStatements(call);
  if (statements) return { kind: 'sql', arg: undefined, args: statements };
  if (CODE_BUILTINS.has(call.callee) && !call.qualifiedName) return { kind: 'code', arg: first ?? field(call.args, 'source') };
  const name = call.qualifiedName;
  if (name && SHELL_FUNCTIONS.has(name)) return { kind: 'shell', arg: first ?? call.args.props.get('cmd')?.value ?? call.args.props.get('command')?.value };
  if (name && PROCESS_FUNCTIONS.has(name)) return { kind: 'shell', arg: first, process: true };
  if (name && SQL_FUNCTIONS.has(name)) return { kind: 'sql', arg: first ?? call.args.props.get('sql')?.value };
  if ((call.name === 'run' || call.name === 'run_no_throw') && call.receiverType === 'langchain:sql-database') return { kind: 'sql', arg: first ?? call.args.props.get('command')?.value };
  if (SQL_METHODS.has(call.name) && call.callee.includes('.')) {
    const arg = first ?? call.args.props.get('sql')?.value ?? call.args.props.get('statement')?.value ?? call.args.props.get('query')?.value;
    const receiver = call.callee.slice(0, call.callee.length - call.name.length - 1);
    const looksLikeSql = arg && SQL_TEXT.test(text.slice(arg.span.start, arg.span.end));
    if (DATABASE_RECEIVER.test(receiver) || looksLikeSql) return { kind: 'sql', arg };
  }
  return sqlBuiltForCall(call, text);
}

/**
 * SQL text built from values (an f-string, `+`, `.format`) and handed to a function or method named for running
 * statements, whatever its receiver: `run_query(f"SELECT … WHERE id = {order_id}")`, `db.execute_sql(sql)`.
 */
function sqlBuiltForCall(call: CallFact, text: string): Sink | undefined {
  if (!SQL_NAMED.test(call.name)) return undefined;
  const arg = call.positional[0] ?? call.args.props.get('sql')?.value ?? call.args.props.get('query')?.value ?? call.args.props.get('statement')?.value;
  if (arg?.kind !== 'unknown' || !SQL_TEXT.test(text.slice(arg.span.start, arg.span.end))) return undefined;
  return originsIn(arg).some((o) => o.formatted) ? { kind: 'sql', arg } : undefined;
}

/** TypeScript/JavaScript sinks: `eval`, `new Function`, `vm`, `child_process` and database query methods. */
function jsSinkOf(call: CallFact, facts: FileFacts, text: string, promisified: Map<string, string>): Sink | undefined {
  const first = call.positional[0];
  const statements = awsStatements(call);
  if (statements) return { kind: 'sql', arg: undefined, args: statements };
  const name = call.qualifiedName ? normalizeModule(call.qualifiedName) : promisified.get(call.callee);
  if (!call.qualifiedName && call.callee === 'eval') return { kind: 'code', arg: first };
  if (!call.qualifiedName && call.callee === 'Function') return { kind: 'code', arg: undefined, args: call.positional };
  if (name && JS_CODE_FUNCTIONS.has(name)) return { kind: 'code', arg: first };
  if (name && JS_SHELL_FUNCTIONS.has(name)) return { kind: 'shell', arg: first };
  if (name && JS_PROCESS_FUNCTIONS.has(name)) return { kind: 'shell', arg: first, process: true };
  if (name || !JS_SQL_METHODS.has(call.name) || !call.callee.includes('.')) return undefined;
  // Tagged templates (sql`…${value}`) bind their values as parameters.
  if (text[call.args.span.start] === '`') return undefined;
  const receiver = call.callee.slice(0, call.callee.length - call.name.length - 1).replace(/\?$/, '');
  const looksLikeSql = first && SQL_TEXT.test(text.slice(first.span.start, first.span.end));
  const driver = JS_SQL_DRIVERS.some((d) => facts.imports.has(d));
  const database = (JS_DATABASE_RECEIVER.test(receiver) || (/(^|\.)client$/.test(receiver) && driver)) && (driver || !JS_GENERIC_METHODS.has(call.name));
  return database || looksLikeSql ? { kind: 'sql', arg: first } : undefined;
}

/** `const run = promisify(exec)`: local names of promisified shell functions, with the function they wrap. */
function promisifiedShells(facts: FileFacts, text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const call of facts.calls) {
    if (!call.qualifiedName || normalizeModule(call.qualifiedName) !== 'util.promisify' || !call.positional[0]) continue;
    const [head, ...rest] = text.slice(call.positional[0].span.start, call.positional[0].span.end).split('.');
    const wrapped = normalizeModule([facts.importedNames?.get(head) ?? head, ...rest].join('.'));
    const bound = /(?:const|let|var)\s+([\w$]+)\s*(?::[^=]*)?=\s*$/.exec(text.slice(Math.max(0, call.span.start - 200), call.span.start));
    if (bound && (JS_SHELL_FUNCTIONS.has(wrapped) || JS_PROCESS_FUNCTIONS.has(wrapped))) found.set(bound[1], wrapped);
  }
  return found;
}

/** `node:child_process.exec`, `child_process.default.exec` → `child_process.exec`. */
function normalizeModule(name: string): string {
  return name.replace(/^node:/, '').replace(/^([\w-]+)\.default\./, '$1.');
}

/**
 * `spawn`/`execFile` start a program without a shell: model output there is only dangerous as the program itself,
 * as an interpreter's code (`spawn("bash", ["-c", text])`), or with `shell: true`.
 */
function jsProcessOrigin(call: CallFact, facts: FileFacts): Origin | undefined {
  const [program, second, third] = call.positional;
  const argv = second?.kind === 'array' ? second.items : [];
  const options = [second, third].find((v) => v?.kind === 'object');
  const fromModel = modelOrigin(program, facts);
  if (fromModel) return fromModel;
  const shell = options !== undefined && isTrue(field(options, 'shell'));
  if (!shell && !INTERPRETERS.test(stringOf(program) ?? '')) return undefined;
  return argv.map((v) => modelOrigin(v, facts)).find(Boolean);
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
