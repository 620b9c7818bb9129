// Is the editor still responsive in a 50,000-line file? Opens the generated file in the language server, waits for
// its first check, then types into it like a fast typist (one character every `INTERVAL_MS`) while asking for a
// hover on a finding and for the code actions of a diagnostic between keystrokes, and times each answer from the
// moment the request is sent. Also how long after the last keystroke the file is checked again (a large file is
// checked after a pause in typing), and how many checks ran while typing.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CodeActionRequest, DidChangeTextDocumentNotification, HoverRequest } = require('vscode-languageserver-protocol/node');

export const LARGE_FILE_LINES = 50_000;
const KEYSTROKES = 60;
const INTERVAL_MS = 80;

/**
 * `startServer(profileDir, settings)` is the bench's language server child; `stats` its summary of samples. The file
 * is checked with a generous time limit, so that it has findings to hover on even on a busy machine.
 */
export async function largeFileResponsiveness({ file, text, startServer, stats, round }) {
  const server = startServer(undefined, { maxAnalysisMs: 120_000 });
  const statuses = [];
  server.connection.onNotification('aiLens/documentStatus', (s) => statuses.push({ ...s, at: performance.now() }));
  await server.initialize();
  const uri = pathToFileURL(file).href;
  const opened = performance.now();
  const published = server.next(uri);
  server.open(uri, 'python', text);
  const { diagnostics } = await published;
  const firstCheckMs = performance.now() - opened;
  const findings = diagnostics.filter((d) => d.code);
  if (findings.length === 0) throw new Error(`the ${LARGE_FILE_LINES}-line file has no findings to hover on: ${JSON.stringify(diagnostics)}`);

  // Types at the end of a line with no finding, so that the findings stay where they are.
  const lines = text.split('\n');
  const withFinding = new Set(findings.map((d) => d.range.start.line));
  let line = Math.floor(lines.length / 2);
  while (withFinding.has(line) || lines[line].length === 0) line++;
  let character = lines[line].length;
  const hovers = [];
  const codeActions = [];
  const timed = async (samples, request) => {
    const sent = performance.now();
    const answer = await request();
    samples.push(performance.now() - sent);
    return answer;
  };
  const typingStarted = performance.now();
  let version = 1;
  let answered = 0;
  for (let i = 0; i < KEYSTROKES; i++) {
    const keystroke = performance.now();
    void server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
    });
    character++;
    const target = findings[i % findings.length];
    const hover = await timed(hovers, () => server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: target.range.start }));
    const actions = await timed(codeActions, () => server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } }));
    if (hover && actions?.length) answered++;
    const wait = INTERVAL_MS - (performance.now() - keystroke);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const lastKeystroke = performance.now();
  const checked = await new Promise((resolve) => {
    const poll = () => {
      const done = statuses.find((s) => s.uri === uri && s.state === 'checked' && s.version === version);
      if (done) resolve(done);
      else setTimeout(poll, 20);
    };
    poll();
  });
  const checksWhileTyping = statuses.filter((s) => s.uri === uri && s.state === 'checking' && s.at >= typingStarted && s.at < lastKeystroke).length;
  await server.stop();
  return {
    lines: lines.length - (text.endsWith('\n') ? 1 : 0),
    bytes: Buffer.byteLength(text),
    findings: findings.length,
    firstCheckMs: round(firstCheckMs),
    keystrokes: KEYSTROKES,
    keystrokeIntervalMs: INTERVAL_MS,
    hoverMs: stats(hovers),
    ...(process.env.AI_LENS_BENCH_RAW ? { rawHover: hovers.map((h) => Math.round(h)), rawCodeAction: codeActions.map((h) => Math.round(h)) } : {}),
    codeActionMs: stats(codeActions),
    requestsAnsweredWithContent: `${answered}/${KEYSTROKES}`,
    checksWhileTyping,
    checkedAfterLastKeystrokeMs: round(checked.at - lastKeystroke),
    large: checked.large,
  };
}
