// The lens review in the language server: custom requests for the review, answers and reports, diagnostics for the
// answers file, and a notification when the review may have changed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, ResponseError, ErrorCodes, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisOptions } from '../engine/config';
import type { Engine } from '../engine/engine';
import { ANSWER_STATUSES, ANSWERS_FILE, parseAnswers, today, writeAnswer, type AnswersFile, type AnswerStatus } from '../engine/review/answers';
import type { ReviewFile } from '../engine/review/status';
import type { AnalysisResult, Finding } from '../engine/types';
import { toPosix } from '../engine/workspace';
import { buildReport } from '../report/build';
import { reportDate, type ReportContext } from '../report/context';
import { formatReviewHtml } from '../report/html';
import { formatReviewJson } from '../report/json';
import { formatReviewMarkdown } from '../report/markdown';
import { formatWaTool } from '../report/waTool';
import { version } from '../version';
import {
  REPORT_REQUEST,
  REVIEW_CHANGED_NOTIFICATION,
  REVIEW_REQUEST,
  SET_ANSWER_REQUEST,
  type FolderReview,
  type ReportParams,
  type ReportResult,
  type ReviewResult,
  type SetAnswerParams,
  type SetAnswerResult,
} from './reviewProtocol';
import { SOURCE } from './diagnostics';

/** Delay between the last change to analysis results and the review-changed notification. */
const CHANGE_DEBOUNCE_MS = 400;

/** A Map that says when it changes: the server keeps its analysis results in one, the review listens. */
export class ObservedMap<K, V> extends Map<K, V> {
  private listeners: (() => void)[] = [];
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
  override set(key: K, value: V): this {
    super.set(key, value);
    for (const listener of this.listeners ?? []) listener(); // `listeners` is unset while Map's constructor runs
    return this;
  }
  /** Tells listeners that something the entries stand for changed (cross-file findings, say). */
  notify(): void {
    for (const listener of this.listeners) listener();
  }
  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) for (const listener of this.listeners) listener();
    return deleted;
  }
}

/** What the review needs from the server. */
export interface ReviewHost {
  engine(): Engine | undefined;
  folders(): readonly string[];
  options(): AnalysisOptions;
  /** Analysis results by document URI. */
  analysed: ObservedMap<string, { result: AnalysisResult }>;
  /** Findings of cross-file rules for a document URI, beside its own. */
  crossFileFindings(uri: string): readonly Finding[];
  documents: TextDocuments<TextDocument>;
  log(message: string): void;
}

export function registerReview(connection: Connection, host: ReviewHost): void {
  let timer: NodeJS.Timeout | undefined;
  /** What was last published for each answers file, so a review request does not republish (and re-trigger the view). */
  const publishedProblems = new Map<string, string>();

  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        connection.sendNotification(REVIEW_CHANGED_NOTIFICATION, {}).catch(() => undefined);
      } catch {
        // the connection closed while the change waited
      }
    }, CHANGE_DEBOUNCE_MS);
  };
  host.analysed.onChange(changed);
  host.documents.onDidChangeContent((e) => {
    if (isAnswersFile(e.document.uri)) {
      publishAnswerProblems(e.document.uri);
      changed();
    }
  });

  connection.onRequest(REVIEW_REQUEST, (): ReviewResult => {
    const engine = requireEngine();
    return { folders: host.folders().map((folder) => folderReview(engine, folder)) };
  });

  connection.onRequest(SET_ANSWER_REQUEST, (params: SetAnswerParams): SetAnswerResult => {
    const engine = requireEngine();
    const folder = folderFor(params.folder);
    if (!engine.catalog.practice(params.practiceId)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown practice ${params.practiceId}`);
    if (params.status !== null && !ANSWER_STATUSES.includes(params.status)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown status ${params.status}`);
    const file = path.join(folder, ANSWERS_FILE);
    const uri = pathToFileURL(file).href;
    const onDisk = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const open = host.documents.get(uri);
    if (open && open.getText() !== (onDisk ?? '')) {
      throw new ResponseError(ErrorCodes.InvalidRequest, `${ANSWERS_FILE} has unsaved changes: save it, then answer again`);
    }
    const status = params.status as AnswerStatus | null;
    const note = params.note?.trim();
    if ((status === 'not-applicable' || status === 'risk-accepted') && !note) {
      throw new ResponseError(ErrorCodes.InvalidParams, `${status} needs a note that says why`);
    }
    let text: string;
    try {
      text = writeAnswer(onDisk, params.practiceId, status === null ? undefined : { status, note, by: gitUserName(folder), date: today() });
    } catch (error) {
      throw new ResponseError(ErrorCodes.InvalidRequest, (error as Error).message);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    host.log(`${params.practiceId}: ${status === null ? 'answer cleared' : status} in ${file}`);
    changed();
    return { uri };
  });

  connection.onRequest(REPORT_REQUEST, (params: ReportParams): ReportResult => {
    const engine = requireEngine();
    const folder = folderFor(params.folder);
    const context = reportContext(engine, folder);
    const name = `ai-lens-review-${context.title.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
    switch (params.format) {
      case 'html':
        return { content: formatReviewHtml(context), fileName: `${name}.html` };
      case 'md':
        return { content: formatReviewMarkdown(context), fileName: `${name}.md` };
      case 'json':
        return { content: formatReviewJson(context), fileName: `${name}.json` };
      case 'wa-tool':
        return { content: formatWaTool(context, {}), fileName: `${name}-wa-tool.json` };
      default:
        throw new ResponseError(ErrorCodes.InvalidParams, `unknown report format ${String(params.format)}`);
    }
  });

  function requireEngine(): Engine {
    const engine = host.engine();
    if (!engine) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'AI Lens is starting');
    return engine;
  }

  function folderFor(requested: string | undefined): string {
    const folders = host.folders();
    const folder = requested === undefined ? folders[0] : folders.find((f) => path.resolve(f) === path.resolve(requested));
    if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, requested ? `not a workspace folder: ${requested}` : 'no workspace folder is open');
    return folder;
  }

  function reportContext(engine: Engine, folder: string): ReportContext {
    const answers = readAnswers(engine, folder);
    return buildReport(engine, folder, filesIn(folder), host.options(), answers, version, reportDate());
  }

  function folderReview(engine: Engine, folder: string): FolderReview {
    const context = reportContext(engine, folder);
    const file = path.join(folder, ANSWERS_FILE);
    publishAnswerProblems(pathToFileURL(file).href, context.answers.problems);
    return {
      folder,
      uri: pathToFileURL(folder).href,
      name: path.basename(folder),
      review: context.review,
      answers: { ...context.answers, uri: pathToFileURL(file).href },
    };
  }

  /** Analysed files under the folder, by path relative to it; nested folders' files go to the innermost one. */
  function filesIn(folder: string): ReviewFile[] {
    const others = host.folders().filter((f) => f !== folder && isInside(folder, f));
    const files: ReviewFile[] = [];
    for (const [uri, entry] of host.analysed) {
      const file = filePath(uri);
      if (!entry.result.language || !file || !isInside(file, folder) || others.some((o) => isInside(file, o))) continue;
      const extra = host.crossFileFindings(uri);
      const result = extra.length ? { ...entry.result, findings: [...entry.result.findings, ...extra] } : entry.result;
      files.push({ path: toPosix(path.relative(folder, file)), result });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The folder's answers: the open editor's text when the file is open (so problems show as you type), else the disk. */
  function readAnswers(engine: Engine, folder: string): AnswersFile {
    const file = path.join(folder, ANSWERS_FILE);
    const open = host.documents.get(pathToFileURL(file).href);
    if (open) return { path: file, exists: true, ...parseAnswers(open.getText(), engine.catalog) };
    if (!fs.existsSync(file)) return { path: file, exists: false, answers: new Map(), problems: [] };
    try {
      return { path: file, exists: true, ...parseAnswers(fs.readFileSync(file, 'utf8'), engine.catalog) };
    } catch (error) {
      return { path: file, exists: true, answers: new Map(), problems: [{ line: 1, column: 1, message: `cannot read: ${(error as Error).message}` }] };
    }
  }

  function publishAnswerProblems(uri: string, problems?: AnswersFile['problems']): void {
    const engine = host.engine();
    if (!engine) return;
    if (problems === undefined) {
      const file = filePath(uri);
      const folder = file && host.folders().find((f) => path.join(f, ANSWERS_FILE) === file);
      if (!folder) return;
      problems = readAnswers(engine, folder).problems;
    }
    const key = JSON.stringify(problems);
    if ((publishedProblems.get(uri) ?? '[]') === key) return;
    if (problems.length) publishedProblems.set(uri, key);
    else publishedProblems.delete(uri);
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: Number.MAX_SAFE_INTEGER } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: p.message,
    }));
    void connection.sendDiagnostics({ uri, diagnostics });
  }
}

function isAnswersFile(uri: string): boolean {
  return uri.endsWith(`/${ANSWERS_FILE}`);
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Who answers, for the answers file: git's user.name in the folder, when git is there and knows it. */
function gitUserName(folder: string): string | undefined {
  try {
    return execFileSync('git', ['config', 'user.name'], { cwd: folder, encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
