import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine } from '../engine/engine';
import { RULES, type Rule } from '../engine/rules';
import { detectLanguage } from '../engine/languages';
import type { AnalysisResult, Language } from '../engine/types';
import { excludeMatcher, listFiles, readSource, toPosix } from '../engine/workspace';
import { version } from '../version';
import { codeActionsFor, OPEN_PRACTICE_COMMAND } from './codeActions';
import { SOURCE, toDiagnostic } from './diagnostics';
import { hoverFor } from './hover';
import { parseSettings, type ServerSettings } from './settings';
import { WorkspaceConfigs } from './workspaceConfig';

const DEFAULT_DEBOUNCE_MS = 200;
/** A workspace scan stops here: beyond it, files are checked when opened. */
const MAX_WORKSPACE_FILES = 5000;

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
}

/** The AI Lens language server on an established connection (stdio, IPC or sockets: the caller chooses). */
export function startServer(connection: Connection, rules: readonly Rule[] = RULES): void {
  const documents = new TextDocuments(TextDocument);
  const analysed = new Map<string, Analysed>();
  const timers = new Map<string, NodeJS.Timeout>();
  const published = new Set<string>();
  let engine: Engine | undefined;
  let settings: ServerSettings = parseSettings({});
  let folders: string[] = [];
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let pullsConfiguration = false;
  let canShowDocument = false;
  let scanGeneration = 0;
  let excluded = excludeMatcher([]);
  // VS Code passes `trusted: false` for an untrusted workspace; other clients have no such notion.
  let trusted = true;
  let configs: WorkspaceConfigs | undefined;
  const reportedRuleErrors = new Set<string>();

  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: unknown; settings?: unknown; trusted?: unknown };
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    trusted = init.trusted !== false;
    if (init.settings !== undefined) settings = parseSettings(init.settings);
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    canShowDocument = params.capabilities.window?.showDocument?.support === true;
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []))
      .filter((f) => f.uri.startsWith('file:'))
      .map((f) => fileURLToPath(f.uri));
    engine = await Engine.create(rules);
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
    await refreshSettings();
    log(`AI Lens ${version} started; ${engine!.rules.length} rules; workspace: ${folders.join(', ') || '(none)'}`);
    void scanWorkspace();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!pullsConfiguration) settings = parseSettings((change.settings as { aiLens?: unknown } | undefined)?.aiLens ?? change.settings);
    await refreshSettings();
    for (const document of documents.all()) validate(document);
    void scanWorkspace();
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
    // Forget the analysis of the editor's text (kept, it grew with every file ever opened).
    analysed.delete(e.document.uri);
    // A closed file keeps the findings of its saved contents, as after a workspace scan.
    const file = filePath(e.document.uri);
    if (file && isInWorkspace(file)) validateFromDisk(file);
    else publish(e.document.uri, []);
  });

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    if (delay === 0) {
      validate(document);
      return;
    }
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) validate(current);
      }, delay),
    );
  }

  function validate(document: TextDocument): void {
    const file = filePath(document.uri);
    if (configs?.isConfigFile(file)) return publish(document.uri, configs.diagnostics(file!, document.getText()));
    if (!engine || !settings.enable || (file && isExcluded(file))) {
      analysed.delete(document.uri);
      publish(document.uri, []);
      return;
    }
    const text = document.getText();
    const language = detectLanguage(file ?? document.uri, text) ?? LANGUAGE_IDS[document.languageId];
    const result = safeAnalyze(document.uri, file ?? document.uri, text, language);
    analysed.set(document.uri, { version: document.version, language: result.language, result });
    publish(document.uri, diagnosticsOf(result));
  }

  function validateFromDisk(file: string): void {
    const uri = pathToFileURL(file).href;
    if (configs?.isConfigFile(file)) return publish(uri, configs.diagnostics(file));
    if (!engine || !settings.enable || isExcluded(file)) {
      publish(uri, []);
      return;
    }
    const read = readSource(file, optionsFor(file).maxFileBytes);
    if ('skipped' in read) {
      // Too large or binary says so, like an open file; a file that cannot be read (deleted, unsaved) has nothing to show.
      const says = !read.skipped.startsWith('cannot read') && detectLanguage(file, '') !== undefined;
      if (says) log(`${uri}: skipped: ${read.skipped}`);
      publish(uri, says ? diagnosticsOf({ findings: [], problems: [{ kind: 'skipped', message: `skipped: ${read.skipped}` }] }) : []);
      return;
    }
    const language = detectLanguage(file, read.text);
    if (!language) return publish(uri, []);
    const result = safeAnalyze(uri, file, read.text, language);
    analysed.set(uri, { version: undefined, language, result });
    publish(uri, diagnosticsOf(result));
  }

  function optionsFor(file: string | undefined) {
    return configs ? configs.optionsFor(file, settings.options) : settings.options;
  }

  function safeAnalyze(uri: string, file: string, text: string, language: Language | undefined): AnalysisResult {
    try {
      const local = filePath(uri);
      const result = engine!.analyze({ path: file, text, language, relativePath: configs?.relativePath(local) }, optionsFor(local));
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

  function diagnosticsOf(result: AnalysisResult): Diagnostic[] {
    const diagnostics = result.findings.filter((f) => !f.suppression).map((f) => toDiagnostic(f, engine!.catalog));
    const skipped = result.problems.find((p) => p.kind === 'skipped');
    if (skipped) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        message: `AI Lens did not check this file: ${skipped.message.replace(/^skipped: /, '')}`,
      });
    }
    return diagnostics;
  }

  function publish(uri: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length === 0 && !published.has(uri)) return;
    if (diagnostics.length) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Checks every file in the workspace folders that is not open, yielding between files so requests stay fast. */
  async function scanWorkspace(): Promise<void> {
    const generation = ++scanGeneration;
    if (!engine) return;
    const started = Date.now();
    if (!settings.enable) {
      for (const uri of [...published]) publish(uri, []);
      return;
    }
    let count = 0;
    const seen = new Set<string>();
    for (const folder of folders) {
      const files = listFiles(folder, excluded, (s) => log(`skipped ${s.path}: ${s.reason}`));
      for (const file of files) {
        if (generation !== scanGeneration) return; // a newer scan (settings changed) replaces this one
        if (count >= MAX_WORKSPACE_FILES) {
          log(`workspace scan stopped after ${MAX_WORKSPACE_FILES} files; other files are checked when opened`);
          break;
        }
        const uri = pathToFileURL(file).href;
        seen.add(uri);
        count++;
        if (!documents.get(uri)) validateFromDisk(file);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    // Files that had findings but are now excluded or gone.
    for (const uri of [...published]) if (!seen.has(uri) && !documents.get(uri)) publish(uri, []);
    log(`workspace scan: ${count} files in ${Date.now() - started} ms`);
    void connection.sendNotification('aiLens/status', { state: 'idle', filesChecked: count, filesWithFindings: published.size });
  }

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const file = filePath(change.uri);
      if (configs?.isConfigFile(file)) {
        // Saved, created or deleted: every file in the folder may now be checked differently.
        reloadWorkspaceConfigs();
        for (const document of documents.all()) validate(document);
        void scanWorkspace();
        continue;
      }
      if (documents.get(change.uri)) continue;
      if (!file) continue;
      if (change.type === FileChangeType.Deleted) {
        analysed.delete(change.uri);
        publish(change.uri, []);
      } else if (isInWorkspace(file)) {
        validateFromDisk(file);
      }
    }
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const entry = analysed.get(params.textDocument.uri);
    if (!document || !entry || !engine || entry.version !== document.version) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    return codeActionsFor(document, ours, entry.result.findings, entry.language, engine);
  });

  connection.onHover((params) => {
    const entry = analysed.get(params.textDocument.uri);
    if (!entry || !engine) return null;
    const { line, character } = params.position;
    const under = entry.result.findings.filter((f) => {
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
