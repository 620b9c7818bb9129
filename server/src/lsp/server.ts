import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  FileChangeType,
  NotebookDocuments,
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
import { Project, type ProjectFile } from '../engine/project';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { parseSuppressions } from '../engine/suppressions';
import type { LineIndex } from '../engine/text';
import type { AnalysisResult, FileFacts, FileProblem, Finding, Fix, Language, RelatedLocation } from '../engine/types';
import { excludeMatcher, listFiles, readSource, skippedSummary, toPosix, type NotChecked } from '../engine/workspace';
import { version } from '../version';
import { revived, type AnalysisOutcome } from './analysisJob';
import { createAnalyser, type JobPriority } from './analyser';
import { limitFindings } from './bounds';
import { codeActionsFor, FIX_ALL_KIND, OPEN_PRACTICE_COMMAND } from './codeActions';
import { moveCrossFileFindings } from './crossFileMoves';
import { moveNotebookCrossFileFindings } from './notebookCrossFileMoves';
import { WorkspaceReach } from './workspaceReach';
import { diagnosticsFor, hiddenFindingsDiagnostic, showSame } from './diagnostics';
import { DocumentStatuses } from './documentStatus';
import { hoverFor } from './hover';
import { registerMemoryReport } from './memoryReport';
import { ruleDocsFor, RULE_DOCS_REQUEST } from './ruleDocs';
import { cellChanges, cellDiagnostics, cellVersions, findingsInCell, NOTEBOOK_SYNC, notebookCells, notebookSize, relatedLocation, sameNotebookShown, type NotebookShown } from './notebooks';
import type { CellText } from '../engine/notebook/read';
import { ObservedMap, registerReview } from './review';
import { sameSignature, type CrossFileSignature } from './signature';
import { parseSettings, type ServerSettings } from './settings';
import { EditFollower } from './staleFindings';
import { WorkspaceConfigs } from './workspaceConfig';

const DEFAULT_DEBOUNCE_MS = 200;
const EAGER_GRAMMARS: Grammar[] = ['python', 'terraform'];
/** Files whose changes on disk may change what the files of a Terraform module find. */
const TERRAFORM_FILE = /\.(tf|tfvars)(\.json)?$/;
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

/** The findings a file shows, and how many more it has. */
interface Shown {
  findings: Finding[];
  hidden: number;
}

interface Analysed {
  version: number | undefined;
  /** For an open notebook: which text its cells had when analysed, to tell whether they changed since. */
  cellVersions?: string;
  language: Language | undefined;
  result: AnalysisResult;
  signature: CrossFileSignature | undefined;
  /** The text analysed: hovers and code actions place its findings in the current text (see staleFindings). */
  text: string;
  /** The job it came from, whose review signals may follow. */
  jobId?: number;
  /** Set once its findings' fixes were asked for (`fixesRead`). */
  fixes?: Promise<void>;
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
  const notebooks = new NotebookDocuments(TextDocument);
  /** Open notebooks (by URI), and the cell documents each last showed diagnostics on. */
  const openNotebooks = new Map<string, Set<string>>();
  const analysed = new ObservedMap<string, Analysed>();
  const project = new Project();
  /** What the cross-file rules read of a file: all the project keeps of it, and all its cross-file signature covers. */
  const forWorkspace = keepForWorkspace(rules);
  let crossFile = new Map<string, Finding[]>();
  const published = new Map<string, string>(); // uri → JSON of what the client shows
  const shownCounts = new Map<string, number>(); // uri → open findings its diagnostics show
  const lastShown = new Map<string, Shown>(); // uri → what its diagnostics were last built from
  /**
   * uri → the findings it shows, with the lists they were chosen from: asked again (publishing, the status, hovers) they
   * are the same until one of those lists is replaced (a file's findings and its cross-file ones are never changed in place).
   */
  const shownFrom = new Map<string, { own: readonly Finding[]; crossFile: readonly Finding[] | undefined; max: number; shown: Shown }>();
  /** Open notebook's uri → what its cells' diagnostics were last built from. */
  const notebookShown = new Map<string, NotebookShown>();
  const timers = new Map<string, NodeJS.Timeout>();
  const submitted = new Map<string, number>(); // uri → the version of the open document last sent to be checked
  // Files are analysed in a worker thread (analyser.ts), which loads the parsers at once; this thread's engine runs the
  // cross-file rules and needs no grammar. A server given rules of its own (tests) analyses on this thread.
  const inWorker = rules === RULES;
  const engineLoading = Engine.create(rules, inWorker ? [] : EAGER_GRAMMARS);
  let engine: Engine | undefined;
  let settings: ServerSettings = parseSettings({});
  const statuses = new DocumentStatuses(connection, { bounds: () => settings.bounds, debounceMs: () => debounceMs, size: (uri) => openSize(uri) });
  const edits = new EditFollower();
  const analyser = createAnalyser(engineLoading, settings.bounds, { signals: lateSignals, log: (m) => log(m) }, { worker: inWorker, forWorkspace });
  /** The variables files last given to the analyser (`aiLens.terraform.varFiles`). */
  let terraformVarFiles: string[] = [];
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
  let clientHas = { checklist: false, ruleDocs: false };
  /** What the status item last showed, so that it is sent again only when it changes. */
  let lastStatus = '';
  /** Files the last workspace scan listed (some wait for their grammar to load before they are analysed). */
  let filesListed = 0;
  let configs: WorkspaceConfigs | undefined;
  const reportedRuleErrors = new Set<string>();
  /** Terraform files whose module's declarations changed since they were analysed (paths; the analyser knows the modules). */
  const terraformStale = new Set<string>();
  /** Which files the flow across files can reach; a file a change brings into reach is analysed again. */
  const workspaceReach = new WorkspaceReach((uri) => setImmediate(() => analyseAgain(uri)));

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
    const init = (params.initializationOptions ?? {}) as { debounceMs?: unknown; settings?: unknown; trusted?: unknown; checklist?: unknown; ruleDocs?: unknown };
    // The VS Code client has the AI Lens view and opens rule documentation; other editors have neither.
    clientHas = { checklist: init.checklist === true, ruleDocs: init.ruleDocs === true };
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
        notebookDocumentSync: NOTEBOOK_SYNC,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
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
    for (const document of documents.all()) void analyseDocument(document);
    for (const uri of openNotebooks.keys()) void analyseNotebook(uri);
    afterChange([...documents.all().map((d) => d.uri), ...openNotebooks.keys()]);
    log(`AI Lens ${version} started; ${engine!.rules.length} rules; workspace: ${folders.join(', ') || '(none)'}`);
    inBackground(scanWorkspace());
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!pullsConfiguration) settings = parseSettings((change.settings as { aiLens?: unknown } | undefined)?.aiLens ?? change.settings);
    await refreshSettings();
    for (const document of documents.all()) void analyseDocument(document);
    for (const uri of openNotebooks.keys()) void analyseNotebook(uri);
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
    const varFiles = settings.terraformVarFiles.map((f) => path.resolve(folders[0] ?? '.', f));
    if (varFiles.join('\0') !== terraformVarFiles.join('\0')) analyser.setTerraformVarFiles((terraformVarFiles = varFiles));
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
    if (submitted.get(e.document.uri) !== e.document.version) schedule(e.document, statuses.delayAfterEdit(e.document.uri, e.document.version));
  });
  documents.onDidClose((e) => {
    closed(e.document.uri);
    edits.forget(e.document.uri);
  });

  notebooks.onDidOpen((notebook) => {
    openNotebooks.set(notebook.uri, new Set());
    notebookShown.delete(notebook.uri);
    scheduleNotebook(notebook.uri, 0);
  });
  notebooks.onDidChange((change) => {
    const { uri, version } = change.notebookDocument;
    scheduleNotebook(uri, statuses.delayAfterEdit(uri, version));
  });
  notebooks.onDidClose((notebook) => {
    const shown = openNotebooks.get(notebook.uri) ?? new Set();
    openNotebooks.delete(notebook.uri);
    notebookShown.delete(notebook.uri);
    for (const cell of shown) publish(cell, []);
    closed(notebook.uri);
  });

  /** A closed file falls back to its saved contents, as after the workspace scan; what was kept for its edits goes. */
  function closed(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    submitted.delete(uri);
    statuses.forget(uri);
    analyser.forget(uri);
    const file = filePath(uri);
    if (file && isInWorkspace(file)) void analyseFromDisk(file);
    else forget(uri);
    afterChange([uri]);
  }

  function scheduleNotebook(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    const run = () => {
      timers.delete(uri);
      if (!openNotebooks.has(uri)) return;
      void analyseNotebook(uri);
      afterChange([uri]);
    };
    if (delay === 0) run();
    else timers.set(uri, setTimeout(run, delay));
  }

  /** Analyses an open notebook from its cells as the editor holds them. */
  async function analyseNotebook(uri: string): Promise<void> {
    const notebook = notebooks.getNotebookDocument(uri);
    const file = filePath(uri);
    if (!notebook || !engine) return forget(uri);
    if (!settings.enable || (file && isExcluded(file))) {
      forget(uri);
      return statuses.checked(uri, notebook.version, undefined, settings.enable ? 'excluded' : 'AI Lens is turned off (aiLens.enable)');
    }
    const cells = notebookCells(notebooks, notebook);
    return analyse({ uri, version: notebook.version, file: file ?? uri, text: '', priority: 'document', cells, cellVersions: cellVersions(notebooks, notebook) });
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    const run = () => {
      timers.delete(document.uri);
      const current = documents.get(document.uri);
      if (!current) return;
      void analyseDocument(current);
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
    return analyse({ uri: document.uri, version: document.version, file: file ?? document.uri, text, language, priority: 'document' });
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
    return analyse({ uri, file, text: read.text, language, priority: 'disk' });
  }

  /**
   * Analyses a file in the analyser and records what it found, then republishes: unless a newer analysis of the file
   * superseded this one, whose diagnostics are then never shown. `version` and `cellVersions`: of an open document or
   * notebook.
   */
  async function analyse(request: { uri: string; version?: number; file: string; text: string; language?: Language; priority: JobPriority; cells?: CellText[]; cellVersions?: string }): Promise<void> {
    const { uri, version, text, priority } = request;
    const local = filePath(uri);
    if (version !== undefined) {
      submitted.set(uri, version);
      statuses.checking(uri, version);
    }
    const document = priority === 'document';
    const outcome = await analyser.analyse(
      {
        key: uri,
        path: request.file,
        text,
        language: request.language,
        relativePath: configs?.relativePath(local),
        localPath: local,
        open: document,
        cells: request.cells,
        options: optionsFor(local),
        signals: document ? 'idle' : 'now',
        fixesFor: document ? settings.bounds.maxFindingsPerFile : 0,
        flowReach: workspaceReach.of(uri, text, request.cells),
      },
      priority,
    );
    if (!outcome) return;
    logProblems(uri, outcome.result.problems);
    for (const stale of outcome.terraformStale ?? []) terraformStale.add(stale);
    // A notebook of another language is not ours to speak of, as a YAML file that is not a template is not.
    if (outcome.result.notebook?.otherKernel) forget(uri);
    else {
      record(uri, version, text, outcome);
      if (request.cellVersions !== undefined) analysed.get(uri)!.cellVersions = request.cellVersions;
    }
    afterChange([uri]);
    if (version !== undefined && openVersion(uri) === version) sendChecked(uri, version);
  }

  /** The version of an open document or notebook. */
  function openVersion(uri: string): number | undefined {
    return documents.get(uri)?.version ?? (openNotebooks.has(uri) ? notebooks.getNotebookDocument(uri)?.version : undefined);
  }

  /** The size of an open document or notebook (all its cells), to tell whether it is large. */
  function openSize(uri: string): { lines: number; characters: number } | undefined {
    const document = documents.get(uri);
    if (document) return { lines: document.lineCount, characters: document.getText().length };
    const notebook = openNotebooks.has(uri) ? notebooks.getNotebookDocument(uri) : undefined;
    return notebook && notebookSize(notebooks, notebook);
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

  /** `outcome.result.facts` (a notebook's: its modules') are already what the project keeps of the file. */
  function record(uri: string, documentVersion: number | undefined, text: string, outcome: Pick<AnalysisOutcome, 'result' | 'signature'> & { id?: number }): void {
    const previous = analysed.get(uri);
    const before = project.lineIndex(uri);
    const { result, signature } = outcome;
    const modulesBefore = result.notebook && notebookModulesOf(uri);
    const kept = project.setAnalysed(uri, revived(result), text, (facts) => facts);
    analysed.set(uri, { version: documentVersion, language: result.language, result, signature, text, jobId: outcome.id });
    if (!sameSignature(previous?.signature, signature)) crossFileDirty = true;
    else if (result.notebook) followNotebookEdit(uri, modulesBefore);
    else if (before && kept.length && before.text !== text) followEdit(uri, before, kept[0].kept);
  }

  /** The modules of a notebook in the project, by their paths (`ProjectFile.path`); undefined when two share one. */
  function notebookModulesOf(uri: string): Map<string, ProjectFile> | undefined {
    const modules = new Map<string, ProjectFile>();
    for (const file of project.files) {
      if (file.notebook?.path !== uri) continue;
      if (modules.has(file.path)) return undefined; // `%%writefile a.py` and `%%writefile ./a.py`
      modules.set(file.path, file);
    }
    return modules;
  }

  /** Moves the cross-file findings an edit moved without changing the file's cross-file facts (see crossFileMoves). */
  function followEdit(uri: string, before: LineIndex, facts: FileFacts): void {
    if (crossFileDirty) return; // the cross-file rules run again anyway
    const after = project.lineIndex(uri)!;
    const suppressions = parseSuppressions(facts.comments, after);
    followed(moveCrossFileFindings(crossFile, { path: uri, before, after, suppressions, ignores: projectOptions().ignores, relativePath: configs?.relativePath(filePath(uri)) }));
  }

  /** The same for a notebook, module by module (see notebookCrossFileMoves). */
  function followNotebookEdit(uri: string, before: Map<string, ProjectFile> | undefined): void {
    if (crossFileDirty) return;
    const after = notebookModulesOf(uri);
    if (!before || !after) return followed(undefined);
    followed(moveNotebookCrossFileFindings(crossFile, { path: uri, before, after, ignores: projectOptions().ignores, relativePath: configs?.relativePath(filePath(uri)) }));
  }

  /** What moving cross-file findings gave: the files whose findings changed, or undefined when the rules must run again. */
  function followed(changed: string[] | undefined): void {
    if (!changed) crossFileDirty = true;
    else if (changed.length) {
      for (const moved of changed) crossFileMoved.add(moved);
      analysed.notify();
    }
  }

  function forget(uri: string): void {
    shownFrom.delete(uri);
    analyser.forget(uri);
    workspaceReach.delete(uri);
    if (analysed.delete(uri)) crossFileDirty = true;
    project.delete(uri);
  }

  /** Analyses a file again as the editor or the disk has it, if it is still analysed. */
  function analyseAgain(uri: string): void {
    const open = documents.get(uri);
    const file = filePath(uri);
    if (open) void analyseDocument(open);
    else if (openNotebooks.has(uri)) void analyseNotebook(uri);
    else if (file && analysed.has(uri)) void analyseFromDisk(file);
  }

  /**
   * Analyses again the Terraform files whose module's declarations changed (a default, a tfvars value, a local); each
   * publishes when its analysis is done. A file analysed again declares what it declared before, so this settles.
   */
  function reanalyseStaleTerraform(): void {
    const stale = [...terraformStale];
    terraformStale.clear();
    for (const file of stale) {
      const uri = pathToFileURL(file).href;
      const open = documents.get(uri);
      if (open) void analyseDocument(open);
      else if (analysed.has(uri)) void analyseFromDisk(file);
    }
  }

  /** Republishes the changed files, and every file whose cross-file findings changed with them. */
  function afterChange(changed: string[]): void {
    const touched = new Set([...changed, ...crossFileMoved]);
    crossFileMoved.clear();
    reanalyseStaleTerraform();
    if (workspaceReady && crossFileDirty) for (const uri of rerunCrossFile()) touched.add(uri);
    for (const uri of touched) publish(uri);
    if (workspaceReady) sendStatus();
  }

  /**
   * The counts the editor's status item shows, sent whenever they change (after the start-up scan), and at the end of
   * every workspace scan (`scanFinished`), changed or not: the editor learns that the scan is done.
   */
  function sendStatus(scanFinished = false): void {
    let files = 0;
    let findings = 0;
    for (const [uri, count] of shownCounts) {
      if (count === 0 || !analysed.has(uri)) continue;
      files++;
      findings += count;
    }
    const status = { state: 'idle', filesChecked: Math.max(filesListed, analysed.size), filesWithFindings: files, findings };
    const key = JSON.stringify(status);
    if (key === lastStatus && !scanFinished) return;
    lastStatus = key;
    void connection.sendNotification('aiLens/status', status);
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
    const diagnostics = diagnosticsFor(shown, entry.result.problems, engine.catalog, toLocation);
    if (hidden) diagnostics.push(hiddenFindingsDiagnostic(shown.length, hidden, relativePathOf(uri)));
    return diagnostics;
  }

  function relativePathOf(uri: string): string | undefined {
    const file = filePath(uri);
    return configs?.relativePath(file) ?? (file && path.basename(file));
  }

  function toLocation(related: RelatedLocation) {
    return relatedLocation(related, (uri) => (openNotebooks.has(uri) ? notebooks.getNotebookDocument(uri) : undefined), pathToUri);
  }

  /**
   * The findings a file shows (at most aiLens.maxFindingsPerFile) and how many it does not, when it shows only findings
   * (not a configuration file's problems, nor "not checked").
   */
  function shownFindings(uri: string): Shown | undefined {
    const entry = analysed.get(uri);
    if (!entry || configs?.isConfigFile(filePath(uri)) || entry.result.problems.some((p) => p.kind === 'skipped')) return undefined;
    const basis = { own: entry.result.findings, crossFile: crossFile.get(uri), max: settings.bounds.maxFindingsPerFile };
    const known = shownFrom.get(uri);
    if (known && known.own === basis.own && known.crossFile === basis.crossFile && known.max === basis.max) return known.shown;
    const { shown, hidden } = limitFindings(findingsOf(uri), basis.max);
    shownFrom.set(uri, { ...basis, shown: { findings: shown, hidden } });
    return { findings: shown, hidden };
  }

  /**
   * The findings the editor shows for an open file, placed in its current text: the last analysis may be of an older
   * version (one is running, or a large file waits for a pause in typing), and hovers and code actions do not wait.
   */
  function currentFindings(uri: string): Finding[] {
    const entry = analysed.get(uri);
    const document = documents.get(uri);
    const shown = shownFindings(uri)?.findings ?? [];
    if (!entry || !document) return shown;
    return [...edits.follow(uri, shown, entry.text, document)];
  }

  /** Sends the file's diagnostics when they differ from what the client already shows. */
  function publish(uri: string, diagnostics?: Diagnostic[]): void {
    if (!diagnostics) {
      // An open notebook, or one of its cells, shows what the notebook's analysis found in each cell.
      const notebook = openNotebooks.has(uri) ? uri : notebooks.findNotebookDocumentForCell(uri)?.uri;
      if (notebook && openNotebooks.has(notebook)) return publishNotebook(notebook);
    }
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
    shownCounts.set(uri, findings ? findings.findings.length + findings.hidden : 0);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  /** An open notebook shows its findings in its cells (at most aiLens.maxFindingsPerFile), and nothing on the notebook's file. */
  function publishNotebook(uri: string): void {
    const notebook = notebooks.getNotebookDocument(uri);
    const entry = analysed.get(uri);
    const shown = openNotebooks.get(uri)!;
    let cells = new Map<string, Diagnostic[]>();
    if (notebook && entry && engine) {
      const { shown: findings, hidden } = limitFindings(findingsOf(uri), settings.bounds.maxFindingsPerFile);
      const basis: NotebookShown = { findings, hidden, skipped: entry.result.problems.filter((p) => p.kind === 'skipped').map((p) => p.message).join('\n'), cells: notebook.cells.map((c) => c.document).join('\n') };
      const before = notebookShown.get(uri);
      // An edit in one cell: the notebook's analysis is new, what its cells show is most often not.
      if (before && sameNotebookShown(before, basis)) return;
      notebookShown.set(uri, basis);
      cells = cellDiagnostics(notebook, findings, entry.result.problems, engine.catalog, toLocation);
      const first = notebook.cells[0]?.document;
      if (hidden && first) cells.get(first)!.push(hiddenFindingsDiagnostic(findings.length, hidden, relativePathOf(uri)));
      shownCounts.set(uri, findings.length + hidden);
    } else {
      shownCounts.delete(uri);
      notebookShown.delete(uri);
    }
    publish(uri, []);
    for (const cell of shown) if (!cells.has(cell)) publish(cell, []);
    for (const [cell, diagnostics] of cells) publish(cell, diagnostics);
    openNotebooks.set(uri, new Set(cells.keys()));
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
    const notChecked: NotChecked[] = [];
    const files = folders.flatMap((folder) => listFiles(folder, excluded, (s) => log(`skipped ${s.path}: ${s.reason}`), (n) => notChecked.push(n)));
    if (files.length > MAX_WORKSPACE_FILES) log(`workspace has ${files.length} files; checking the first ${MAX_WORKSPACE_FILES}, others when opened`);
    const todo = files.slice(0, MAX_WORKSPACE_FILES);
    const progress = reportsProgress && todo.length ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('AI Lens', 0, `checking ${todo.length} files`, false);
    if (!(await readReach(todo, generation))) return progress?.done();
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
      await (open ? analyseDocument(open) : openNotebooks.has(uri) ? analyseNotebook(uri) : analyseFromDisk(file));
      publish(uri);
      if (progress && Date.now() - lastReport > 100) {
        lastReport = Date.now();
        progress.report(Math.round(((i + 1) * 100) / todo.length), `${i + 1}/${todo.length} files`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const document of documents.all()) if (!seen.has(document.uri)) void analyseDocument(document);
    for (const uri of openNotebooks.keys()) if (!seen.has(uri)) void analyseNotebook(uri);
    // Files analysed before but now excluded or gone.
    for (const uri of [...analysed.keys()]) if (!seen.has(uri) && !documents.get(uri) && !openNotebooks.has(uri)) forget(uri);
    workspaceReady = true;
    filesListed = todo.length;
    crossFileDirty = true;
    afterChange([...new Set([...analysed.keys(), ...published.keys()])]);
    progress?.done();
    const skipped = todo.flatMap((file) => {
      const problem = analysed.get(pathToFileURL(file).href)?.result.problems.find((p) => p.kind === 'skipped');
      return problem ? [{ path: file, reason: problem.message.replace(/^skipped: /, '') }] : [];
    });
    const left = skippedSummary(skipped, notChecked);
    log(`workspace scan: ${todo.length} files in ${Date.now() - started} ms${left.length ? `; ${left.join(', ')}` : ''}`);
    sendStatus(true);
  }

  /**
   * Reads the text of the workspace's files for the flow's reach, before any is analysed in this scan, yielding now and
   * then. False when a newer scan replaced this one.
   */
  async function readReach(files: readonly string[], generation: number): Promise<boolean> {
    workspaceReach.begin(engine?.flowReach());
    for (const [i, file] of files.entries()) {
      if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      if (generation !== scanGeneration) return false;
      const uri = pathToFileURL(file).href;
      workspaceReach.add({ uri, read: () => editorCopy(uri) ?? diskCopy(file) });
    }
    workspaceReach.ready();
    return true;
  }

  /** An open document's text or an open notebook's cells. */
  function editorCopy(uri: string): { text: string; cells?: CellText[] } | undefined {
    const open = documents.get(uri);
    if (open) return { text: open.getText() };
    const notebook = openNotebooks.has(uri) ? notebooks.getNotebookDocument(uri) : undefined;
    return notebook && { text: '', cells: notebookCells(notebooks, notebook) };
  }

  function diskCopy(file: string): { text: string } | undefined {
    const read = readSource(file, optionsFor(file).maxFileBytes);
    return 'text' in read ? { text: read.text } : undefined;
  }

  connection.onDidChangeWatchedFiles((params) => {
    const changed: string[] = [];
    for (const change of params.changes) {
      const file = filePath(change.uri);
      if (configs?.isConfigFile(file)) {
        // Saved, created or deleted: every file in the folder may now be checked differently.
        reloadWorkspaceConfigs();
        for (const document of documents.all()) void analyseDocument(document);
        for (const uri of openNotebooks.keys()) void analyseNotebook(uri);
        inBackground(scanWorkspace());
        continue;
      }
      if (documents.get(change.uri) || openNotebooks.has(change.uri)) continue; // the editor's copy wins
      if (!file) continue;
      // A deleted file's declarations go; a .tfvars.json no analysis reads is read again.
      if (TERRAFORM_FILE.test(file)) inBackground(analyser.terraformFileChanged(file, change.type === FileChangeType.Deleted).then(terraformFilesStale));
      if (change.type === FileChangeType.Deleted) forget(change.uri);
      else if (isInWorkspace(file)) void analyseFromDisk(file);
      changed.push(change.uri);
    }
    afterChange(changed);
  });

  function terraformFilesStale(paths: string[]): void {
    if (!paths.length) return;
    for (const stale of paths) terraformStale.add(stale);
    afterChange([]);
  }

  connection.onCodeAction(async (params) => {
    await fixesRead(notebooks.findNotebookDocumentForCell(params.textDocument.uri)?.uri ?? params.textDocument.uri);
    const cell = notebooks.cellTextDocuments.get(params.textDocument.uri);
    if (cell) return notebookCodeActions(cell, params.context.diagnostics.filter((d) => d.source === 'AI Lens'), params.context.only);
    const document = documents.get(params.textDocument.uri);
    const entry = analysed.get(params.textDocument.uri);
    if (!document || !entry || !engine) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === 'AI Lens');
    return codeActionsFor(document, ours, currentFindings(document.uri), entry.language, engine, { checklist: clientHas.checklist, only: params.context.only });
  });

  /**
   * Gives the findings of a file's last analysis their fixes, asked of the analyser the first time a code action needs
   * them (an outcome carries none: laying fixes out can cost more than the rest of an edit). A newer analysis recorded
   * meanwhile is asked for its own.
   */
  function fixesRead(uri: string): Promise<void> {
    const entry = analysed.get(uri);
    if (entry?.jobId === undefined) return Promise.resolve();
    return (entry.fixes ??= (async () => {
      const fixes = await analyser.fixes(uri, entry.jobId!);
      if (analysed.get(uri) !== entry) return fixesRead(uri);
      if (fixes) entry.result.findings = entry.result.findings.map((f, i) => (fixes[i]?.length ? { ...f, fixes: fixes[i] } : f));
      else entry.fixes = undefined; // not known (the worker started again): asked again next time
    })());
  }

  /** Quick fixes in a notebook's cell: they edit the cells they belong to, when the notebook is as it was analysed. */
  function notebookCodeActions(cell: TextDocument, diagnostics: Diagnostic[], only: string[] | undefined) {
    const notebook = notebooks.findNotebookDocumentForCell(cell.uri);
    const entry = notebook && analysed.get(notebook.uri);
    if (!notebook || !entry || !engine || entry.cellVersions !== cellVersions(notebooks, notebook)) return [];
    const index = notebook.cells.findIndex((c) => c.document === cell.uri);
    const changesOf = (fix: Fix) => cellChanges(notebook, fix);
    return codeActionsFor(cell, diagnostics, findingsInCell(shownFindings(notebook.uri)?.findings ?? [], index), 'python', engine, { checklist: clientHas.checklist, only, changesOf });
  }

  /** The findings a document shows, placed in it: a notebook cell's, at their lines in the cell. */
  function findingsShownIn(uri: string): Finding[] {
    const notebook = notebooks.findNotebookDocumentForCell(uri);
    if (!notebook) return currentFindings(uri);
    return findingsInCell(shownFindings(notebook.uri)?.findings ?? [], notebook.cells.findIndex((c) => c.document === uri));
  }

  connection.onHover((params) => {
    if (!engine) return null;
    const { line, character } = params.position;
    const under = findingsShownIn(params.textDocument.uri).filter((f) => {
      if (f.suppression) return false;
      const { start, end } = f.range;
      const afterStart = line > start.line || (line === start.line && character >= start.character);
      const beforeEnd = line < end.line || (line === end.line && character <= end.character);
      return afterStart && beforeEnd;
    });
    return hoverFor(under, engine, { ruleDocs: clientHas.ruleDocs });
  });

  connection.onRequest(RULE_DOCS_REQUEST, (params: { ruleId?: unknown }) => (engine && typeof params?.ruleId === 'string' ? ruleDocsFor(params.ruleId, engine) : null));

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
  notebooks.listen(connection);
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
