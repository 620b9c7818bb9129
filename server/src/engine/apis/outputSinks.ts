// Where a call sends what it is given: a user (web responses, UIs, chat bots), code that runs it, a parser that turns
// it into a number or a structure, another model, a file, a log, or a function that hands it on. Read by
// `rules/support/callUse.ts` to tell what a model call's output is used for. Names are the libraries' own (Flask,
// FastAPI/Starlette, Django, Streamlit, Gradio, Chainlit, Slack Bolt, Express, Next.js, Hono, Node's `fs`, pandas, the
// Python standard library).
import type { CallFact, FileFacts } from '../types';
import { bedrockOperation } from './bedrock';
import { isModelCall } from './models';

export type SinkKind = 'user' | 'action' | 'score' | 'parse' | 'model' | 'file' | 'log' | 'neutral' | 'pass' | 'other';

export interface Sink {
  kind: SinkKind;
  /** How a message names it: `` `jsonify` ``. */
  label: string;
}

/** Modules that put a file's output in front of people when they are imported: web frameworks, UIs, chat bots, agent servers. */
export const WEB_AND_CHAT_MODULES = [
  'flask', 'fastapi', 'starlette', 'django', 'quart', 'sanic', 'aiohttp', 'tornado', 'bottle', 'falcon', 'litestar', 'mangum',
  'slack_bolt', 'slack_sdk', 'discord', 'telegram', 'twilio', 'websockets', 'socketio', 'bedrock_agentcore', 'mcp', 'fastmcp', 'a2a',
  'express', 'next', 'hono', 'fastify', 'koa', '@nestjs/core', '@nestjs/common', 'socket.io', 'ws', '@slack/bolt', 'discord.js',
];
export const UI_MODULES = ['streamlit', 'gradio', 'chainlit', 'panel', 'nicegui', 'react', 'react-dom', 'vue', 'svelte', 'ai/react', '@ai-sdk/react', 'ink'];

/** Python response builders and UI calls, by qualified name (or the prefix of a UI module's calls). */
const PYTHON_USER_CALLS = new Set([
  'flask.jsonify', 'flask.Response', 'flask.make_response', 'flask.render_template', 'flask.render_template_string', 'flask.stream_with_context',
  'fastapi.responses.JSONResponse', 'fastapi.responses.StreamingResponse', 'fastapi.responses.HTMLResponse', 'fastapi.responses.PlainTextResponse',
  'starlette.responses.JSONResponse', 'starlette.responses.StreamingResponse', 'starlette.responses.HTMLResponse', 'starlette.responses.PlainTextResponse',
  'sse_starlette.sse.EventSourceResponse', 'sse_starlette.EventSourceResponse',
  'django.http.JsonResponse', 'django.http.HttpResponse', 'django.http.StreamingHttpResponse', 'django.shortcuts.render',
  'chainlit.Message',
]);
const PYTHON_UI_PREFIXES = ['streamlit.', 'gradio.', 'panel.', 'nicegui.'];
/** Chat bot replies (Slack Bolt, Slack SDK, python-telegram-bot, Twilio), by method name, in files that import the library. */
const BOT_REPLIES = new Set(['say', 'respond', 'chat_postMessage', 'chat_update', 'reply_text', 'send_message', 'edit_message_text']);
/** TypeScript/JavaScript responses: Express/Fastify/Koa-style `res.json(…)`, Next.js and web `Response`s, Hono's `c.json(…)`. */
const TS_RESPONSE = /^(res|resp|response|reply)(\.status\([^)]*\))?\.(json|send|write|end|render|jsonp)$|^(NextResponse|Response)\.json$|^c\.(json|text|html|body)$|^controller\.enqueue$|^(socket|ws|io)\.(emit|send)$/;
const TS_RESPONSE_CLASSES = new Set(['Response', 'NextResponse', 'StreamingTextResponse']);
/** Code that runs its argument: what `llm-output-to-unsafe-sink` reports. */
const ACTIONS = new Set([
  'builtins.eval', 'builtins.exec', 'os.system', 'os.popen', 'subprocess.run', 'subprocess.call', 'subprocess.Popen', 'subprocess.check_output',
  'subprocess.check_call', 'child_process.exec', 'child_process.execSync', 'child_process.spawn', 'child_process.execFile',
]);
/** Database cursors and connections (DB-API, SQLAlchemy). */
const ACTION_NAMES = new Set(['execute', 'executemany', 'executescript']);

/** Turn text into a number or a yes/no: what a grader or a reward function keeps of a model's answer. */
const SCORE_FUNCTIONS = new Set([
  'builtins.float', 'builtins.int', 'builtins.bool', 'builtins.round', 'decimal.Decimal', 'parseFloat', 'parseInt', 'Number', 'Boolean', 'Number.parseInt', 'Number.parseFloat',
]);
/** Read structure out of text (JSON, a literal, a pattern, a schema); what is read is followed on to its own uses. */
const PARSE_FUNCTIONS = new Set([
  'json.loads', 'ast.literal_eval', 'yaml.safe_load', 'yaml.load', 're.search', 're.match', 're.fullmatch', 're.findall', 're.finditer', 'JSON.parse',
]);
const PARSE_METHODS = new Set(['model_validate_json', 'model_validate', 'parse_raw', 'parse_obj', 'validate_json', 'parse', 'safeParse', 'loads', 'exec']);

/** Write to a file or object storage. */
const FILE_FUNCTIONS = new Set([
  'json.dump', 'pickle.dump', 'yaml.dump', 'yaml.safe_dump', 'numpy.save', 'numpy.savetxt', 'numpy.savez', 'torch.save', 'joblib.dump',
  'fs.writeFile', 'fs.writeFileSync', 'fs.appendFile', 'fs.appendFileSync', 'fs.promises.writeFile', 'fs.promises.appendFile',
  'fs/promises.writeFile', 'fs/promises.appendFile', 'node:fs.writeFileSync', 'node:fs.writeFile', 'node:fs.appendFileSync', 'node:fs/promises.writeFile',
]);
const FILE_METHODS = new Set([
  'writerow', 'writerows', 'to_csv', 'to_json', 'to_parquet', 'to_excel', 'to_pickle', 'to_feather', 'to_jsonl', 'write_text', 'write_bytes',
  'save_to_disk', 'put_object', 'upload_fileobj', 'writeFileSync', 'appendFileSync',
]);
/** `x.write(…)` writes a file unless `x` is a response, a socket or a console. */
const NOT_A_FILE = /(^|\.)(res|resp|response|reply|request|req|wfile|socket|sock|ws|websocket|conn|transport|stream|controller|stdout|stderr)$/;
const CONSOLE = /^sys\.(stdout|stderr)$/;

/** Logging and printing: the operator's console, not a user's screen (unless the file asks the person at the terminal). */
const LOG_FUNCTIONS = new Set(['builtins.print', 'pprint.pprint', 'rich.print', 'tqdm.tqdm.write', 'tqdm.write']);
const LOG_RECEIVER = /^(logging|logger|log|_logger|LOGGER|LOG|self\.logger|self\.log|console)$/;
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'trace']);
/** Look at a value without passing it on. */
const NEUTRAL_FUNCTIONS = new Set(['builtins.len', 'builtins.isinstance', 'builtins.type', 'builtins.hasattr', 'builtins.id', 'builtins.hash', 'builtins.any', 'builtins.all']);
/** Hand their argument's data on in their result: the result's own uses count. */
const PASS_FUNCTIONS = new Set([
  'json.dumps', 'builtins.str', 'builtins.dict', 'builtins.list', 'builtins.tuple', 'builtins.sorted', 'builtins.reversed', 'builtins.next',
  'textwrap.dedent', 'textwrap.indent', 'html.unescape', 'html.escape', 'JSON.stringify', 'String', 'Array.from', 'Object.values', 'Object.entries', 'structuredClone',
]);
const PASS_METHODS = new Set(['format', 'format_map', 'join', 'concat', 'replace', 'substitute', 'safe_substitute', 'decode']);

/** Where `call` sends the values given to it. `interactive`: the file asks the person at the terminal, so printing shows them. */
export function sinkOf(call: CallFact, facts: FileFacts, interactive: boolean): Sink {
  const qualified = call.qualifiedName ?? (facts.language === 'python' && !call.callee.includes('.') ? `builtins.${call.callee}` : call.callee);
  const label = `\`${call.callee.length > 40 ? call.name : call.callee}\``;
  const receiver = call.callee.includes('.') ? call.callee.slice(0, call.callee.lastIndexOf('.')) : '';
  if (isUserCall(call, qualified, facts)) return { kind: 'user', label };
  if (ACTIONS.has(qualified) || (ACTION_NAMES.has(call.name) && receiver !== '')) return { kind: 'action', label };
  if (isModelCall(call, facts) || bedrockOperation(call)) return { kind: 'model', label };
  if (SCORE_FUNCTIONS.has(qualified) || (call.name === 'test' && receiver !== '')) return { kind: 'score', label }; // `/yes/i.test(text)`
  if (PARSE_FUNCTIONS.has(qualified) || (PARSE_METHODS.has(call.name) && receiver !== '')) return { kind: 'parse', label };
  if (FILE_FUNCTIONS.has(qualified) || FILE_METHODS.has(call.name)) return { kind: 'file', label };
  if ((call.name === 'write' || call.name === 'writelines') && receiver !== '') {
    if (CONSOLE.test(receiver)) return { kind: interactive ? 'user' : 'log', label };
    return NOT_A_FILE.test(receiver) ? { kind: 'other', label } : { kind: 'file', label };
  }
  if (LOG_FUNCTIONS.has(qualified) || (LOG_RECEIVER.test(receiver) && LOG_METHODS.has(call.name))) return { kind: interactive ? 'user' : 'log', label };
  if (NEUTRAL_FUNCTIONS.has(qualified)) return { kind: 'neutral', label };
  if (PASS_FUNCTIONS.has(qualified) || PASS_METHODS.has(call.name)) return { kind: 'pass', label };
  return { kind: 'other', label };
}

function isUserCall(call: CallFact, qualified: string, facts: FileFacts): boolean {
  if (facts.language === 'python') {
    if (PYTHON_USER_CALLS.has(qualified) || PYTHON_UI_PREFIXES.some((p) => qualified.startsWith(p))) return true;
    const root = facts.importedNames?.get(call.callee.split('.')[0]);
    if (root && PYTHON_UI_PREFIXES.some((p) => `${root}.`.startsWith(p))) return true; // `st.chat_message("ai").write(…)`
    return BOT_REPLIES.has(call.name) && ['slack_bolt', 'slack_sdk', 'telegram', 'twilio', 'discord'].some((m) => facts.imports.has(m));
  }
  if (TS_RESPONSE.test(call.callee) || TS_RESPONSE_CLASSES.has(call.callee)) return true;
  // React state setters put what they are given on the screen.
  return /^set[A-Z]\w*$/.test(call.callee) && UI_MODULES.some((m) => facts.imports.has(m));
}
