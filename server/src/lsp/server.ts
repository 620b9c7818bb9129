import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine } from '../engine/engine';
import type { Grammar } from '../engine/parsers/treeSitter';
import { RULES, type Rule } from '../engine/rules';
import { detectLanguage } from '../engine/languages';
import { Project } from '../engine/project';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { parseSuppressions } from '../engine/suppressions';
import type { LineIndex } from '../engine/text';
import type { AnalysisResult, FileFacts, FileProblem, Finding, Language } from '../engine/types';
import { excludeMatcher, listFiles, readSource, toPosix } from '../engine/workspace';
import { version } from '../version';
import type { AnalysisOutcome } from './analysisJob';
import { createAnalyser, type JobPriority } from './analyser';
import { limitFindings } from './bounds';
import { codeActionsFor, OPEN_PRACTICE_COMMAND } from './codeActions';
import { moveCrossFileFindings } from './crossFileMoves';
import { diagnosticsFor, hiddenFindingsDiagnostic, showSame } from './diagnostics';
import { DocumentStatuses } from './documentStatus';
import { hoverFor } from './hover';
import { registerMemoryReport } from './memoryReport';
import { ObservedMap, registerReview } from './review';
import { sameSignature, type CrossFileSignature } from './signature';
import { parseSettings, type ServerSettings } from './settings';
import { EditFollower } from './staleFindings';
import { WorkspaceConfigs } from './workspaceConfig';

const DEFAULT_DEBOUNCE_MS = 200;
const EAGER_GRAMMARS: Grammar[] = ['python', 'terraform'];
/** A workspace scan stops here: beyond it, files are checked when opened. */
const MAX_WORKSPACE_FILES = 20_000;

const LANGUAGE_IDS: Record<string, Language> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  terraform: 'terraform',
};

interface Analysed {
  version: number | undefined;
  language: Language | undefined;
  result: AnalysisResult;
  signature: CrossFileSignature | undefined;
  /** The text analysed: hovers and code actions place its findings in the current text (see staleFindings). */
  text: string;
  /** The job it came from, whose review signals may follow. */
  jobId?: number;
}

/**
 * The AI Lens language server on an established connection (stdio, IPC or sockets: the caller chooses).
 *
 * Every file in the workspace folders is analysed once at start-up (open documents from the editor, the rest from
 * disk) into a project model; cross-file rules run over that model. An edit re-analyses its file, re-runs the
 * cross-file rules only when the file's cross-file facts changed, and republishes only the files whose diagnostics
 * changed. Unsaved editor contents win over disk. Each folder's `.ai-lens.yaml` applies to its files.
 */
export function startServer(connection: Connection, rules: readonly Rule[] = RULES): void {
  const documents = new TextDocuments(TextDocument);
  const analysed = new ObservedMap<string, Analysed>();
  const project = new Project();
  /** What the cross-file rules read of a file: all the project keeps of it, and all its cross-file signature covers. */
  const forWorkspace = keepForWorkspace(rules);
  let crossFile = new Map<string, Finding[]>();
  const published = new Map<string, string>(); // uri → JSON of what the client shows
  const lastShown = new Map<string, { findings: Finding[]; hidden: number }>(); // uri → what its diagnostics were last built from
  const timers = new Map<string, NodeJS.Timeout>();
  const submitted = new Map<string, number>(); // uri → the version of the open document last sent to be checked
  // Files are analysed in a worker thread (analyser.ts), which loads the parsers at once; this thread's engine runs the
  // cross-file rules and needs no grammar. A server given rules of its own (tests) analyses on this thread.
  const inWorker = rules === RULES;
  const engineLoading = Engine.create(rules, inWorker ? [] : EAGER_GRAMMARS);
  let engine: Engine | undefined;
  let settings: ServerSettings = parseSettings({});
  const statuses = new DocumentStatuses(connection, { bounds: () => settings.bounds, debounceMs: () => debounceMs, document: (uri) => documents.get(uri) });
  const edits = new EditFollower();
  const analyser = createAnalyser(engineLoading, settings.bounds, { signals: lateSignals, log: (m) => log(m) }, { worker: inWorker, forWorkspace });
  let folders: string[] = [];
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let pullsConfiguration = false;
  let canShowDocument = false;
  let reportsProgress = false;
  let scanGeneration = 0;
  let workspaceReady = false;
  /** Set when some file's cross-file facts changed since the cross-file rules last ran. */
  let crossFileDirty = false;
  /** Files whose cross-file findings an edit moved, to republish. */
  const crossFileMoved = new Set<string>();
  let excluded = excludeMatcher([]);
  // VS Code passes `trusted: false` for an untrusted workspace; other clients have no such notion.
  let trusted = true;
  let configs: WorkspaceConfigs | undefined;
  const reportedRuleErrors = new Set<string>();

  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);
  /** Work nobody awaits: its failure is logged, and once the connection is closed it has nowhere to go. */
  const inBackground = (work: Promise<unknown>) =>
    void work.catch((error) => {
      try {
        log(`background work failed: ${(error as Error).stack ?? error}`);
      } catch {
        // the connection is closed
      }
    });

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: unknown; settings?: unknown; trusted?: unknown };
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    trusted = init.trusted !== false;
    if (init.settings !== undefined) settings = parseSettings(init.settings);
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    canShowDocument = params.capabilities.window?.showDocument?.support === true;
    reportsProgress = params.capabilities.window?.workDoneProgress === true;
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []))
      .filter((f) => f.uri.startsWith('file:'))
      .map((f) => fileURLToPath(f.uri));
    engine = await engineLoading;
    configs = new WorkspaceConfigs(engine.ruleIds, trusted ? 'trusted' : 'restricted');
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        executeCommandProvider: { commands: [OPEN_PRACTICE_COMMAND] },
      },
      serverInfo: { name: 'ai-lens', version },
    };
  });

  connection.onInitialized(async () => {
    engine = await engineLoading;
    await refreshSettings();
    // Files the client opened while the settings were on their way were checked with the defaults.
    for (const document of documents.all()) analyseDocument(document);
    afterChange(documents.all().map((d) => d.uri));
    log(`AI Lens ${version} started; ${engine!.rules.length} rules; workspace: ${folders.join(', ') || '(none)'}`);
    inBackground(scanWorkspace());
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!pullsConfiguration) settings = parseSettings((change.settings as { aiLens?: unknown } | undefined)?.aiLens ?? change.settings);
    await refreshSettings();
    for (const document of documents.all()) analyseDocument(document);
    inBackground(scanWorkspace());
  });

  async function refreshSettings(): Promise<void> {
    if (pullsConfiguration) {
      try {
        settings = parseSettings(await connection.workspace.getConfiguration('aiLens'));
      } catch (error) {
        log(`could not read settings: ${(error as Error).message}`);
      }
    }
    excluded = excludeMatcher(settings.exclude);
    analyser.setBounds(settings.bounds);
    for (const warning of settings.warnings) connection.window.showWarningMessage(`AI Lens settings: ${warning}`);
    reloadWorkspaceConfigs();
  }

  /** Reads each folder's `.ai-lens.yaml` again and publishes its problems on the file. */
  function reloadWorkspaceConfigs(): void {
    const before = configs?.files ?? [];
    configs?.reload(folders);
    for (const file of new Set([...before, ...(configs?.files ?? [])])) {
      const uri = pathToFileURL(file).href;
      const open = documents.get(uri);
      publish(uri, configs!.diagnostics(file, open?.getText()));
    }
    if (!trusted) log('restricted mode (untrusted workspace): .ai-lens.yaml contributes rule severities only');
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    // Opening a document fires this too, once onDidOpen has sent it to be checked.
    if (submitted.get(e.document.uri) !== e.document.version) schedule(e.document, statuses.delayAfterEdit(e.document));
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    submitted.delete(e.document.uri);
    statuses.forget(e.document.uri);
    edits.forget(e.document.uri);
    // A closed file falls back to its saved contents, as after the workspace scan; the tree kept for its edits goes.
    const file = filePath(e.document.uri);
    analyser.forget(e.document.uri);
    if (file && isInWorkspace(file)) void analyseFromDisk(file);
    else forget(e.document.uri);
    afterChange([e.document.uri]);
  });

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    const run = () => {
      timers.delete(document.uri);
      const current = documents.get(document.uri);
      if (!current) return;
      analyseDocument(current);
      afterChange([current.uri]);
    };
    if (delay === 0) run();
    else timers.set(document.uri, setTimeout(run, delay));
  }

  /** Resolves once the document's analysis is recorded (or superseded by a newer one). */
  async function analyseDocument(document: TextDocument): Promise<void> {
    const file = filePath(document.uri);
    if (configs?.isConfigFile(file)) {
      publish(document.uri, configs.diagnostics(file!, document.getText()));
      return statuses.checked(document.uri, document.version, undefined);
    }
    if (!engine) return;
    if (!settings.enable || (file && isExcluded(file))) {
      forget(document.uri);
      return statuses.checked(document.uri, document.version, undefined, settings.enable ? 'excluded' : 'AI Lens is turned off (aiLens.enable)');
    }
    const text = document.getText();
    const language = detectLanguage(file ?? document.uri, text) ?? LANGUAGE_IDS[document.languageId];
    return analyse(document.uri, document.version, file ?? document.uri, text, language, 'document');
  }

  async function analyseFromDisk(file: string): Promise<void> {
    const uri = pathToFileURL(file).href;
    if (configs?.isConfigFile(file)) return publish(uri, configs.diagnostics(file));
    if (!engine || !settings.enable || isExcluded(file)) return forget(uri);
    const read = readSource(file, optionsFor(file).maxFileBytes);
    if ('skipped' in read) {
      // Too large or binary says so, like an open file; a file that cannot be read (deleted, unsaved) has nothing to show.
      if (read.skipped.startsWith('cannot read') || detectLanguage(file, '') === undefined) return forget(uri);
      log(`${uri}: skipped: ${read.skipped}`);
      analyser.forget(uri);
      return record(uri, undefined, '', { result: { findings: [], problems: [{ kind: 'skipped', message: `skipped: ${read.skipped}` }] } });
    }
    const language = detectLanguage(file, read.text);
    if (!language) return forget(uri);
    return analyse(uri, undefined, file, read.text, language, 'disk');
  }

  /**
   * Analyses a file in the analyser and records what it found, then republishes: unless a newer analysis of the file
   * superseded this one, whose diagnostics are then never shown.
   */
  async function analyse(uri: string, version: number | undefined, file: string, text: string, language: Language | undefined, priority: JobPriority): Promise<void> {
    const local = filePath(uri);
    if (version !== undefined) {
      submitted.set(uri, version);
      statuses.checking(uri, version);
    }
    const outcome = await analyser.analyse(
      { key: uri, path: file, text, language, relativePath: configs?.relativePath(local), options: optionsFor(local), signals: priority === 'document' ? 'idle' : 'now', fixesFor: priority === 'document' ? settings.bounds.maxFindingsPerFile : 0 },
      priority,
    );
    if (!outcome) return;
    logProblems(uri, outcome.result.problems);
    record(uri, version, text, outcome);
    afterChange([uri]);
    if (version !== undefined && documents.get(uri)?.version === version) sendChecked(uri, version);
  }

  function sendChecked(uri: string, version: number): void {
    const shown = shownFindings(uri);
    const skipped = analysed.get(uri)?.result.problems.find((p) => p.kind === 'skipped');
    statuses.checked(uri, version, shown && { shown: shown.findings.length, hidden: shown.hidden }, skipped?.message.replace(/^skipped: /, ''));
  }

  /** An open document's review signals, collected once the analyser had nothing else to do. */
  function lateSignals(late: { id: number; key: string; signals: AnalysisResult['signals']; problems: FileProblem[] }): void {
    const entry = analysed.get(late.key);
    if (entry?.jobId !== late.id) return;
    entry.result.signals = late.signals;
    entry.result.problems.push(...late.problems);
    logProblems(late.key, late.problems);
    analysed.notify();
  }

  function record(uri: string, documentVersion: number | undefined, text: string, outcome: Pick<AnalysisOutcome, 'result' | 'kept' | 'signature'> & { id?: number }): void {
    const previous = analysed.get(uri);
    const before = project.get(uri)?.lines;
    const { result, kept: facts, signature } = outcome;
    analysed.set(uri, { version: documentVersion, language: result.language, result, signature, text, jobId: outcome.id });
    if (facts && result.language) project.set(uri, result.language, facts, text);
    else project.delete(uri);
    if (!sameSignature(previous?.signature, signature)) crossFileDirty = true;
    else if (before && facts && before.text !== text) followEdit(uri, before, facts);
  }

  /** Moves the cross-file findings an edit moved without changing the file's cross-file facts (see crossFileMoves). */
  function followEdit(uri: string, before: LineIndex, facts: FileFacts): void {
    if (crossFileDirty) return; // the cross-file rules run again anyway
    const after = project.get(uri)!.lines;
    const suppressions = parseSuppressions(facts.comments, after);
    const changed = moveCrossFileFindings(crossFile, { path: uri, before, after, suppressions, ignores: projectOptions().ignores, relativePath: configs?.relativePath(filePath(uri)) });
    if (!changed) crossFileDirty = true;
    else if (changed.length) {
      for (const moved of changed) crossFileMoved.add(moved);
      analysed.notify();
    }
  }

  function forget(uri: string): void {
    analyser.forget(uri);
    if (analysed.delete(uri)) crossFileDirty = true;
    project.delete(uri);
  }

  /** Republishes the changed files, and every file whose cross-file findings changed with them. */
  function afterChange(changed: string[]): void {
    const touched = new Set([...changed, ...crossFileMoved]);
    crossFileMoved.clear();
    if (workspaceReady && crossFileDirty) for (const uri of rerunCrossFile()) touched.add(uri);
    for (const uri of touched) publish(uri);
  }

  /** Runs the cross-file rules over the whole project; returns the files whose cross-file findings changed. */
  function rerunCrossFile(): string[] {
    crossFileDirty = false;
    if (!engine || !settings.enable) return [];
    const { findings, errors } = engine.analyzeProject(project, projectOptions(), (uri) => configs?.relativePath(filePath(uri)));
    for (const error of errors) log(error);
    const changed: string[] = [];
    for (const uri of new Set([...crossFile.keys(), ...findings.keys()])) {
      if (JSON.stringify(crossFile.get(uri) ?? []) !== JSON.stringify(findings.get(uri) ?? [])) changed.push(uri);
    }
    crossFile = findings;
    if (changed.length) analysed.notify();
    return changed;
  }

  function optionsFor(file: string | undefined) {
    return configs ? configs.optionsFor(file, settings.options) : settings.options;
  }

  /** Options for the cross-file rules and the review, which see the whole workspace: those of the first folder. */
  function projectOptions() {
    return optionsFor(folders[0]);
  }

  /** Logs what went wrong in an analysis; a failing rule fails again on every keystroke: once per rule and file. */
  function logProblems(uri: string, problems: readonly FileProblem[]): void {
    for (const problem of problems) {
      if (problem.kind === 'parse') continue;
      if (problem.kind === 'rule-error') {
        const key = `${problem.ruleId}\0${uri}`;
        if (reportedRuleErrors.has(key)) continue;
        reportedRuleErrors.add(key);
      }
      log(`${uri}: ${problem.message}${problem.detail ? `\n${problem.detail}` : ''}`);
    }
  }

  function findingsOf(uri: string): Finding[] {
    return [...(analysed.get(uri)?.result.findings ?? []), ...(crossFile.get(uri) ?? [])];
  }

  /** What the file shows: its findings (at most aiLens.maxFindingsPerFile, then one saying how many more), or for a configuration file its problems. */
  function diagnosticsOf(uri: string): Diagnostic[] {
    const file = filePath(uri);
    if (configs?.isConfigFile(file)) return configs.diagnostics(file!, documents.get(uri)?.getText());
    const entry = analysed.get(uri);
    if (!entry || !engine) return [];
    const { shown, hidden } = limitFindings(findingsOf(uri), settings.bounds.maxFindingsPerFile);
    const diagnostics = diagnosticsFor(shown, entry.result.problems, engine.catalog, (p) => pathToUri(p));
    if (hidden) diagnostics.push(hiddenFindingsDiagnostic(shown.length, hidden, configs?.relativePath(file) ?? (file && path.basename(file))));
    return diagnostics;
  }

  /** The findings a file shows, when it shows only findings (not a configuration file's problems, nor "not checked"). */
  function shownFindings(uri: string): { findings: Finding[]; hidden: number } | undefined {
    const entry = analysed.get(uri);
    if (!entry || configs?.isConfigFile(filePath(uri)) || entry.result.problems.some((p) => p.kind === 'skipped')) return undefined;
    const { shown, hidden } = limitFindings(findingsOf(uri), settings.bounds.maxFindingsPerFile);
    return { findings: shown, hidden };
  }

  /**
   * The findings the editor shows for an open file, placed in its current text: the last analysis may be of an older
   * version (one is running, or a large file waits for a pause in typing), and hovers and code actions do not wait.
   */
  function currentFindings(uri: string): readonly Finding[] {
    const entry = analysed.get(uri);
    const document = documents.get(uri);
    const shown = shownFindings(uri)?.findings ?? [];
    if (!entry || !document) return shown;
    return edits.follow(uri, shown, entry.text, document);
  }

  /** Sends the file's diagnostics when they differ from what the client already shows. */
  function publish(uri: string, diagnostics?: Diagnostic[]): void {
    const findings = diagnostics ? undefined : shownFindings(uri);
    const before = lastShown.get(uri);
    // Findings that show the same as those behind the diagnostics last built show the same diagnostics.
    if (findings && before && before.hidden === findings.hidden && showSame(before.findings, findings.findings)) return;
    if (findings) lastShown.set(uri, findings);
    else lastShown.delete(uri);
    diagnostics ??= diagnosticsOf(uri);
    const key = JSON.stringify(diagnostics);
    if ((published.get(uri) ?? '[]') === key) return;
    if (diagnostics.length) published.set(uri, key);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Analyses every file in the workspace folders, yielding between files so edits and requests stay fast. */
  async function scanWorkspace(): Promise<void> {
    const generation = ++scanGeneration;
    if (!engine) return;
    const started = Date.now();
    if (!settings.enable) {
      for (const uri of [...analysed.keys()]) forget(uri);
      crossFile = new Map();
      for (const uri of [...published.keys()]) publish(uri);
      return;
    }
    const files = folders.flatMap((folder) => listFiles(folder, excluded, (s) => log(`skipped ${s.path}: ${s.reason}`)));
    if (files.length > MAX_WORKSPACE_FILES) log(`workspace has ${files.length} files; checking the first ${MAX_WORKSPACE_FILES}, others when opened`);
    const todo = files.slice(0, MAX_WORKSPACE_FILES);
    const progress = reportsProgress && todo.length ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('AI Lens', 0, `checking ${todo.length} files`, false);
    const seen = new Set<string>();
    let lastReport = 0;
    for (const [i, file] of todo.entries()) {
      if (generation !== scanGeneration) {
        progress?.done();
        return; // a newer scan (settings changed) replaces this one
      }
      const uri = pathToFileURL(file).href;
      seen.add(uri);
      const open = documents.get(uri);
      await (open ? analyseDocument(open) : analyseFromDisk(file));
      publish(uri);
      if (progress && Date.now() - lastReport > 100) {
        lastReport = Date.now();
        progress.report(Math.round(((i + 1) * 100) / todo.length), `${i + 1}/${todo.length} files`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const document of documents.all()) if (!seen.has(document.uri)) analyseDocument(document);
    // Files analysed before but now excluded or gone.
    for (const uri of [...analysed.keys()]) if (!seen.has(uri) && !documents.get(uri)) forget(uri);
    workspaceReady = true;
    crossFileDirty = true;
    afterChange([...new Set([...analysed.keys(), ...published.keys()])]);
    progress?.done();
    log(`workspace scan: ${todo.length} files in ${Date.now() - started} ms`);
    void connection.sendNotification('aiLens/status', { state: 'idle', filesChecked: todo.length, filesWithFindings: published.size });
  }

  connection.onDidChangeWatchedFiles((params) => {
    const changed: string[] = [];
    for (const change of params.changes) {
      const file = filePath(change.uri);
      if (configs?.isConfigFile(file)) {
        // Saved, created or deleted: every file in the folder may now be checked differently.
        reloadWorkspaceConfigs();
        for (const document of documents.all()) analyseDocument(document);
        inBackground(scanWorkspace());
        continue;
      }
      if (documents.get(change.uri)) continue; // the editor's copy wins
      if (!file) continue;
      if (change.type === FileChangeType.Deleted) forget(change.uri);
      else if (isInWorkspace(file)) void analyseFromDisk(file);
      changed.push(change.uri);
    }
    afterChange(changed);
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const entry = analysed.get(params.textDocument.uri);
    if (!document || !entry || !engine) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === 'AI Lens');
    return codeActionsFor(document, ours, [...currentFindings(document.uri)], entry.language, engine);
  });

  connection.onHover((params) => {
    if (!engine) return null;
    const { line, character } = params.position;
    const under = currentFindings(params.textDocument.uri).filter((f) => {
      if (f.suppression) return false;
      const { start, end } = f.range;
      const afterStart = line > start.line || (line === start.line && character >= start.character);
      const beforeEnd = line < end.line || (line === end.line && character <= end.character);
      return afterStart && beforeEnd;
    });
    return hoverFor(under, engine);
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== OPEN_PRACTICE_COMMAND) return null;
    const url = params.arguments?.[0];
    if (typeof url !== 'string' || !/^https:\/\/docs\.aws\.amazon\.com\//.test(url)) return null;
    if (canShowDocument) await connection.window.showDocument({ uri: url, external: true });
    else connection.window.showInformationMessage(`Lens practice: ${url}`);
    return url;
  });

  function isInWorkspace(file: string): boolean {
    return folders.some((folder) => !path.relative(folder, file).startsWith('..'));
  }

  function isExcluded(file: string): boolean {
    const folder = folders.find((f) => !path.relative(f, file).startsWith('..'));
    if (!folder) return false;
    return excluded(toPosix(path.relative(folder, file))) || (configs?.isExcluded(file) ?? false);
  }

  registerReview(connection, {
    engine: () => engine,
    folders: () => folders,
    options: projectOptions,
    analysed,
    crossFileFindings: (uri) => crossFile.get(uri) ?? [],
    documents,
    log,
  });

  registerMemoryReport(connection, analyser);
  connection.onShutdown(() => analyser.dispose());

  documents.listen(connection);
  connection.listen();
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Project paths are URIs already; related locations keep them. */
function pathToUri(p: string): string {
  return p.includes(':') && !path.isAbsolute(p) ? p : pathToFileURL(p).href;
}
