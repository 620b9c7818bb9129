import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { AnalysisOptions } from '../engine/config';
import {
  applyProjectConfig,
  CONFIG_FILE_NAME,
  findProjectConfig,
  parseProjectConfig,
  readProjectConfig,
  type ConfigProblem,
  type ProjectConfig,
  type Trust,
} from '../engine/projectConfig';
import { excludeMatcher, toPosix } from '../engine/workspace';
import { SOURCE } from './diagnostics';

interface FolderConfig {
  config?: ProjectConfig;
  problems: ConfigProblem[];
  excluded: (relativePath: string) => boolean;
}

/**
 * The `.ai-lens.yaml` of each workspace folder, read at start-up and again whenever one changes. It decides the
 * options for files in its folder (the file wins over editor settings where it says something; see
 * `applyProjectConfig`), and its problems are published as diagnostics on the file itself, with their lines.
 */
export class WorkspaceConfigs {
  private folders = new Map<string, FolderConfig>();

  constructor(
    private readonly ruleIds: ReadonlySet<string>,
    private readonly trust: Trust,
  ) {}

  /** Reads the configuration file of every folder again. */
  reload(folders: readonly string[]): void {
    this.folders = new Map(
      folders.map((folder) => {
        const file = findProjectConfig(folder);
        const { config, problems } = file ? readProjectConfig(file, this.ruleIds) : { config: undefined, problems: [] };
        const excluded = config && this.trust === 'trusted' ? excludeMatcher(config.exclude) : () => false;
        return [folder, { config, problems, excluded }];
      }),
    );
  }

  isConfigFile(file: string | undefined): boolean {
    return file !== undefined && path.basename(file) === CONFIG_FILE_NAME && this.folders.has(path.dirname(file));
  }

  /** The analysis options for a file: the settings with its folder's configuration file applied. */
  optionsFor(file: string | undefined, settings: AnalysisOptions): AnalysisOptions {
    const folder = file && this.folderOf(file);
    return applyProjectConfig(settings, folder ? this.folders.get(folder)?.config : undefined, this.trust);
  }

  /** True when the folder's configuration file excludes the file (ignored in restricted mode). */
  isExcluded(file: string): boolean {
    const folder = this.folderOf(file);
    return folder !== undefined && this.folders.get(folder)!.excluded(toPosix(path.relative(folder, file)));
  }

  /** The file's path relative to its folder (forward slashes), which `ignore` entries match. */
  relativePath(file: string | undefined): string | undefined {
    const folder = file && this.folderOf(file);
    return folder ? toPosix(path.relative(folder, file)) : undefined;
  }

  /** Problems of a configuration file as diagnostics: those of `text` when it is open in the editor, else of disk. */
  diagnostics(file: string, text?: string): Diagnostic[] {
    const problems = text === undefined ? (this.folders.get(path.dirname(file))?.problems ?? []) : parseProjectConfig(text, file, this.ruleIds).problems;
    const diagnostics: Diagnostic[] = problems.map((p) => ({ range: p.range, severity: DiagnosticSeverity.Error, source: SOURCE, message: p.message }));
    if (this.trust === 'restricted' && diagnostics.length === 0 && this.folders.get(path.dirname(file))?.config) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        message: 'Restricted mode (untrusted workspace): only the rule severities of this file apply; lenses, off, exclude, ignore and limits are not used.',
      });
    }
    return diagnostics;
  }

  /** Every configuration file that exists, for publishing its diagnostics after a reload. */
  get files(): string[] {
    return [...this.folders.values()].flatMap((f) => (f.config ? [f.config.file] : f.problems.length ? [f.problems[0].file] : []));
  }

  /** The innermost workspace folder holding `file`. */
  private folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders.keys()) {
      const relative = path.relative(folder, file);
      if (!relative.startsWith('..') && !path.isAbsolute(relative) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }
}
