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
import { Engine, type SignalCollection, type SourceFile } from '../engine/engine';
import type { Grammar } from '../engine/parsers/treeSitter';
import { RULES, type Rule } from '../engine/rules';
import { detectLanguage } from '../engine/languages';
import { Project } from '../engine/project';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { parseSuppressions } from '../engine/suppressions';
import type { LineIndex } from '../engine/text';
import type { AnalysisResult, FileFacts, Finding, Fix, Language, RelatedLocation } from '../engine/types';
import { excludeMatcher, listFiles, readSource, skippedSummary, toPosix, type NotChecked } from '../engine/workspace';
import { diskHost, TerraformWorkspace } from '../engine/terraform/workspace';
import { version } from '../version';
import { codeActionsFor, FIX_ALL_KIND, OPEN_PRACTICE_COMMAND } from './codeActions';
import { moveCrossFileFindings } from './crossFileMoves';
import { diagnosticsFor, showSame } from './diagnostics';
import { hoverFor } from './hover';
import { ruleDocsFor, RULE_DOCS_REQUEST } from './ruleDocs';
import { cellChanges, cellDiagnostics, cellVersions, findingsInCell, NOTEBOOK_SYNC, notebookCells, relatedLocation } from './notebooks';
import type { CellText } from '../engine/notebook/read';
import { ObservedMap, registerReview } from './review';
import { crossFileSignature, sameSignature, type CrossFileSignature } from './signature';
import { parseSettings, type ServerSettings } from './settings';
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
  /** For an open notebook: which text its cells had when analysed, to tell whether they changed since. */
  cellVersions?: string;
  language: Language | undefined;
  result: AnalysisResult;
  signature: CrossFileSignature | undefined;
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
  const lastShown = new Map<string, Finding[]>(); // uri → the findings its diagnostics were last built from
  const timers = new Map<string, NodeJS.Timeout>();
  // Loading starts at once (the WebAssembly grammars take a few hundred ms); messages that arrive early wait for it.
  // The large TypeScript grammars load when a file needs them (see whenGrammarLoaded).
  const engineLoading = Engine.create(rules, EAGER_GRAMMARS);
  let engine: Engine | undefined;
  let settings: ServerSettings = parseSettings({});
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
  /** Terraform modules by folder: a .tf file is analysed with its folder's variables, locals and tfvars. */
  let terraform: TerraformWorkspace | undefined;
  /** Terraform files whose module's declarations changed since they were analysed (paths). */
  const terraformStale = new Set<string>();

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
    terraform = new TerraformWorkspace(
      engine,
      diskHost(
        (file) => optionsFor(file).maxFileBytes,
        (file) => documents.get(pathToFileURL(file).href)?.getText(),
      ),
    );
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
    for (const document of documents.all()) analyseDocument(document);
    for (const uri of openNotebooks.keys()) analyseNotebook(uri);
    afterChange([...documents.all().map((d) => d.uri), ...openNotebooks.keys()]);
    log(`AI Lens ${version} started; ${engine!.rules.length} rules; workspace: ${folders.join(', ') || '(none)'}`);
    inBackground(scanWorkspace());
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!pullsConfiguration) settings = parseSettings((change.settings as { aiLens?: unknown } | undefined)?.aiLens ?? change.settings);
    await refreshSettings();
    for (const document of documents.all()) analyseDocument(document);
    for (const uri of openNotebooks.keys()) analyseNotebook(uri);
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
    const varFiles = settings.terraformVarFiles.map((f) => path.resolve(folders[0] ?? '.', f));
    if (terraform && varFiles.join('\0') !== terraform.varFilePaths.join('\0')) terraform.setVarFiles(varFiles);
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
  documents.onDidChangeContent((e) => schedule(e.document, debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    // A closed file falls back to its saved contents, as after the workspace scan; the tree kept for its edits goes.
    const file = filePath(e.document.uri);
    engine?.release(file ?? e.document.uri);
    if (file && isInWorkspace(file)) analyseFromDisk(file);
    else forget(e.document.uri);
    afterChange([e.document.uri]);
  });

  notebooks.onDidOpen((notebook) => {
    openNotebooks.set(notebook.uri, new Set());
    scheduleNotebook(notebook.uri, 0);
  });
  notebooks.onDidChange((change) => scheduleNotebook(change.notebookDocument.uri, debounceMs));
  notebooks.onDidClose((notebook) => {
    clearTimeout(timers.get(notebook.uri));
    timers.delete(notebook.uri);
    const shown = openNotebooks.get(notebook.uri) ?? new Set();
    openNotebooks.delete(notebook.uri);
    for (const cell of shown) publish(cell, []);
    const file = filePath(notebook.uri);
    engine?.release(file ?? notebook.uri);
    if (file && isInWorkspace(file)) analyseFromDisk(file);
    else forget(notebook.uri);
    afterChange([notebook.uri]);
  });

  function scheduleNotebook(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    const run = () => {
      timers.delete(uri);
      if (!openNotebooks.has(uri)) return;
      analyseNotebook(uri);
      afterChange([uri]);
    };
    if (delay === 0) run();
    else timers.set(uri, setTimeout(run, delay));
  }

  /** Analyses an open notebook from its cells as the editor holds them. */
  function analyseNotebook(uri: string): void {
    const notebook = notebooks.getNotebookDocument(uri);
    const file = filePath(uri);
    if (!notebook || !engine || !settings.enable || (file && isExcluded(file))) return forget(uri);
    const result = safeAnalyze(uri, file ?? uri, '', undefined, 'when-read', notebookCells(notebooks, notebook));
    if (result.notebook?.otherKernel) return forget(uri);
    record(uri, notebook.version, '', result);
    analysed.get(uri)!.cellVersions = cellVersions(notebooks, notebook);
  }

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

  function analyseDocument(document: TextDocument): void {
    const file = filePath(document.uri);
    if (configs?.isConfigFile(file)) return publish(document.uri, configs.diagnostics(file!, document.getText()));
    if (!engine || !settings.enable || (file && isExcluded(file))) {
      forget(document.uri);
      return;
    }
    const text = document.getText();
    const language = detectLanguage(file ?? document.uri, text) ?? LANGUAGE_IDS[document.languageId];
    if (whenGrammarLoaded({ path: file ?? document.uri, text, language }, document.uri, () => documents.get(document.uri) && analyseDocument(documents.get(document.uri)!))) return;
    // An open document is analysed again on every edit; its review signals wait until the review reads them.
    record(document.uri, document.version, text, safeAnalyze(document.uri, file ?? document.uri, text, language, 'when-read'), file);
  }

  function analyseFromDisk(file: string): void {
    const uri = pathToFileURL(file).href;
    if (configs?.isConfigFile(file)) return publish(uri, configs.diagnostics(file));
    if (!engine || !settings.enable || isExcluded(file)) return forget(uri);
    const read = readSource(file, optionsFor(file).maxFileBytes);
    if ('skipped' in read) {
      // Too large or binary says so, like an open file; a file that cannot be read (deleted, unsaved) has nothing to show.
      if (read.skipped.startsWith('cannot read') || detectLanguage(file, '') === undefined) return forget(uri);
      log(`${uri}: skipped: ${read.skipped}`);
      return record(uri, undefined, '', { findings: [], problems: [{ kind: 'skipped', message: `skipped: ${read.skipped}` }] });
    }
    const language = detectLanguage(file, read.text);
    if (!language) return forget(uri);
    if (whenGrammarLoaded({ path: file, text: read.text, language }, uri, () => analyseFromDisk(file))) return;
    const result = safeAnalyze(uri, file, read.text, language);
    // A notebook of another language is not ours to speak of, as a YAML file that is not a template is not.
    if (result.notebook?.otherKernel) return forget(uri);
    record(uri, undefined, read.text, result, file);
  }

  /**
   * True when the file's grammar is still loading: `analyse` then runs once it has loaded, and the file keeps what it
   * showed until then.
   */
  function whenGrammarLoaded(file: SourceFile, uri: string, analyse: () => void): boolean {
    const grammar = engine!.missingGrammar(file);
    if (!grammar) return false;
    inBackground(
      engine!.loadGrammars([grammar]).then(() => {
        analyse();
        afterChange([uri]);
      }),
    );
    return true;
  }

  function record(uri: string, documentVersion: number | undefined, text: string, result: AnalysisResult, file?: string): void {
    const previous = analysed.get(uri);
    if (file && result.language === 'terraform' && terraform) for (const stale of terraform.update(file, result.facts?.terraform, text)) terraformStale.add(stale);
    const before = project.get(uri)?.lines;
    // Nothing else reads a file's facts once it is analysed (an open document's review signals keep what they need).
    const kept = project.setAnalysed(uri, result, text, forWorkspace);
    const signature = kept.length ? kept.flatMap((k) => crossFileSignature(k.facts, k.kept)) : undefined;
    analysed.set(uri, { version: documentVersion, language: result.language, result, signature });
    if (!sameSignature(previous?.signature, signature)) crossFileDirty = true;
    else if (result.notebook) {
      // A notebook's cross-file findings are not moved with an edit: when it has any, the rules run again.
      if (crossFileTouches(uri)) crossFileDirty = true;
    } else if (before && kept.length && before.text !== text) followEdit(uri, before, kept[0].kept);
  }

  /** True when a cross-file finding is in the file or points into it. */
  function crossFileTouches(uri: string): boolean {
    if (crossFile.get(uri)?.length) return true;
    for (const list of crossFile.values()) if (list.some((f) => f.related?.some((r) => pathToUri(r.path) === uri))) return true;
    return false;
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
    if (analysed.delete(uri)) crossFileDirty = true;
    project.delete(uri);
  }

  /** Analyses again the Terraform files whose module's declarations changed (a default, a tfvars value, a local). */
  function reanalyseStaleTerraform(touched: Set<string>): void {
    // A file analysed again declares what it declared before, so this settles; the bound is for safety.
    for (let round = 0; round < 4 && terraformStale.size; round++) {
      const stale = [...terraformStale];
      terraformStale.clear();
      for (const file of stale) {
        const uri = pathToFileURL(file).href;
        const open = documents.get(uri);
        if (open) analyseDocument(open);
        else if (analysed.has(uri)) analyseFromDisk(file);
        else continue;
        touched.add(uri);
      }
    }
    terraformStale.clear();
  }

  /** Republishes the changed files, and every file whose cross-file findings changed with them. */
  function afterChange(changed: string[]): void {
    const touched = new Set([...changed, ...crossFileMoved]);
    crossFileMoved.clear();
    reanalyseStaleTerraform(touched);
    if (workspaceReady && crossFileDirty) for (const uri of rerunCrossFile()) touched.add(uri);
    for (const uri of touched) publish(uri);
    if (workspaceReady) sendStatus();
  }

  /** The counts the editor's status item shows, sent whenever they change (after the start-up scan). */
  function sendStatus(): void {
    let files = 0;
    let findings = 0;
    for (const [uri, count] of shownCounts) {
      if (count === 0 || !analysed.has(uri)) continue;
      files++;
      findings += count;
    }
    const status = { state: 'idle', filesChecked: Math.max(filesListed, analysed.size), filesWithFindings: files, findings };
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
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

  function safeAnalyze(uri: string, file: string, text: string, language: Language | undefined, signals: SignalCollection = 'now', cells?: CellText[]): AnalysisResult {
    try {
      const local = filePath(uri);
      const context = local && language === 'terraform' ? terraform?.contextFor(local) : undefined;
      const result = engine!.analyze({ path: file, text, language, relativePath: configs?.relativePath(local), terraform: context, cells }, optionsFor(local), signals);
      for (const problem of result.problems) {
        if (problem.kind === 'parse') continue;
        // A failing rule fails again on every keystroke: say so once per rule and file, with the stack.
        if (problem.kind === 'rule-error') {
          const key = `${problem.ruleId}\0${uri}`;
          if (reportedRuleErrors.has(key)) continue;
          reportedRuleErrors.add(key);
        }
        log(`${uri}: ${problem.message}${problem.detail ? `\n${problem.detail}` : ''}`);
      }
      return result;
    } catch (error) {
      log(`${uri}: analysis failed: ${(error as Error).stack ?? error}`);
      return { findings: [], problems: [{ kind: 'rule-error', message: `analysis failed: ${(error as Error).message}` }] };
    }
  }

  function findingsOf(uri: string): Finding[] {
    return [...(analysed.get(uri)?.result.findings ?? []), ...(crossFile.get(uri) ?? [])];
  }

  /** What the file shows: its findings, or for a configuration file its problems. */
  function diagnosticsOf(uri: string): Diagnostic[] {
    const file = filePath(uri);
    if (configs?.isConfigFile(file)) return configs.diagnostics(file!, documents.get(uri)?.getText());
    const entry = analysed.get(uri);
    return entry && engine ? diagnosticsFor(findingsOf(uri), entry.result.problems, engine.catalog, toLocation) : [];
  }

  function toLocation(related: RelatedLocation) {
    return relatedLocation(related, (uri) => (openNotebooks.has(uri) ? notebooks.getNotebookDocument(uri) : undefined), pathToUri);
  }

  /** The findings a file shows, when it shows only findings (not a configuration file's problems, nor "not checked"). */
  function shownFindings(uri: string): Finding[] | undefined {
    const entry = analysed.get(uri);
    if (!entry || configs?.isConfigFile(filePath(uri)) || entry.result.problems.some((p) => p.kind === 'skipped')) return undefined;
    return findingsOf(uri);
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
    if (findings && before && showSame(before, findings)) return;
    if (findings) lastShown.set(uri, findings);
    else lastShown.delete(uri);
    diagnostics ??= diagnosticsOf(uri);
    const key = JSON.stringify(diagnostics);
    if ((published.get(uri) ?? '[]') === key) return;
    if (diagnostics.length) published.set(uri, key);
    else published.delete(uri);
    shownCounts.set(uri, findings ? findings.filter((f) => !f.suppression).length : 0);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  /** An open notebook shows its findings in its cells, and nothing on the notebook's file. */
  function publishNotebook(uri: string): void {
    const notebook = notebooks.getNotebookDocument(uri);
    const entry = analysed.get(uri);
    const shown = openNotebooks.get(uri)!;
    const cells = notebook && entry && engine ? cellDiagnostics(notebook, findingsOf(uri), entry.result.problems, engine.catalog, toLocation) : new Map<string, Diagnostic[]>();
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
      if (open) analyseDocument(open);
      else if (openNotebooks.has(uri)) analyseNotebook(uri);
      else analyseFromDisk(file);
      publish(uri);
      if (progress && Date.now() - lastReport > 100) {
        lastReport = Date.now();
        progress.report(Math.round(((i + 1) * 100) / todo.length), `${i + 1}/${todo.length} files`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const document of documents.all()) if (!seen.has(document.uri)) analyseDocument(document);
    for (const uri of openNotebooks.keys()) if (!seen.has(uri)) analyseNotebook(uri);
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
    sendStatus();
  }

  connection.onDidChangeWatchedFiles((params) => {
    const changed: string[] = [];
    for (const change of params.changes) {
      const file = filePath(change.uri);
      if (configs?.isConfigFile(file)) {
        // Saved, created or deleted: every file in the folder may now be checked differently.
        reloadWorkspaceConfigs();
        for (const document of documents.all()) analyseDocument(document);
        for (const uri of openNotebooks.keys()) analyseNotebook(uri);
        inBackground(scanWorkspace());
        continue;
      }
      if (documents.get(change.uri) || openNotebooks.has(change.uri)) continue; // the editor's copy wins
      if (!file) continue;
      // A deleted file's declarations go; a .tfvars.json no analysis reads is read again.
      const stale = change.type === FileChangeType.Deleted ? terraform?.remove(file) : terraform?.reload(file);
      for (const other of stale ?? []) terraformStale.add(other);
      if (change.type === FileChangeType.Deleted) forget(change.uri);
      else if (isInWorkspace(file)) analyseFromDisk(file);
      changed.push(change.uri);
    }
    afterChange(changed);
  });

  connection.onCodeAction((params) => {
    const cell = notebooks.cellTextDocuments.get(params.textDocument.uri);
    if (cell) return notebookCodeActions(cell, params.context.diagnostics.filter((d) => d.source === 'AI Lens'), params.context.only);
    const document = documents.get(params.textDocument.uri);
    const entry = analysed.get(params.textDocument.uri);
    if (!document || !entry || !engine || entry.version !== document.version) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === 'AI Lens');
    return codeActionsFor(document, ours, findingsOf(document.uri), entry.language, engine, { checklist: clientHas.checklist, only: params.context.only });
  });

  /** Quick fixes in a notebook's cell: they edit the cells they belong to, when the notebook is as it was analysed. */
  function notebookCodeActions(cell: TextDocument, diagnostics: Diagnostic[], only: string[] | undefined) {
    const notebook = notebooks.findNotebookDocumentForCell(cell.uri);
    const entry = notebook && analysed.get(notebook.uri);
    if (!notebook || !entry || !engine || entry.cellVersions !== cellVersions(notebooks, notebook)) return [];
    const index = notebook.cells.findIndex((c) => c.document === cell.uri);
    const changesOf = (fix: Fix) => cellChanges(notebook, fix);
    return codeActionsFor(cell, diagnostics, findingsInCell(findingsOf(notebook.uri), index), 'python', engine, { checklist: clientHas.checklist, only, changesOf });
  }

  /** The findings a document shows, placed in it: a notebook cell's, at their lines in the cell. */
  function findingsShownIn(uri: string): Finding[] {
    const notebook = notebooks.findNotebookDocumentForCell(uri);
    if (!notebook) return findingsOf(uri);
    return findingsInCell(findingsOf(notebook.uri), notebook.cells.findIndex((c) => c.document === uri));
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
