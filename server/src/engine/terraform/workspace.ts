import type { AnalysisOptions } from '../config';
import type { Engine } from '../engine';
import { LineIndex } from '../text';
import type { Range, ValueSource } from '../types';
import type { TerraformContext } from './context';
import type { TerraformFacts } from './declarations';
import { declarationSpan } from './explain';
import { folderOf, joinPath } from './paths';
import { isAutoLoaded, type ModuleFile } from './scope';
import { tfvarsJsonFacts } from './tfvarsJson';

/** How the workspace reads files: the editor's copy of an open file, else the disk's. */
export interface TerraformHost {
  /** The text of a file, or undefined when it cannot be read. */
  read(path: string): string | undefined;
  /** The names of the files in a folder (none when it cannot be read). */
  list(folder: string): string[];
}

interface KnownFile {
  facts: TerraformFacts;
  lines: LineIndex;
  /** The declarations with their positions, to tell whether an analysis changed them. */
  signature: string;
}

/**
 * The Terraform modules of a workspace: what each file declares (variables, locals, tfvars entries), by folder, so
 * that a file is analysed with the rest of its module (`contextFor`), and an edit that changes a declaration says
 * which files to analyse again (`update`). A folder is read the first time one of its files is analysed; after that,
 * each analysis of one of its files brings its declarations up to date.
 */
export class TerraformWorkspace {
  private readonly files = new Map<string, KnownFile>();
  private readonly folders = new Map<string, Set<string>>();
  private varFiles: ModuleFile[] = [];
  private readonly varFileLines = new Map<string, LineIndex>();

  constructor(
    private readonly engine: Engine,
    private readonly host: TerraformHost,
    private readonly options?: AnalysisOptions,
  ) {}

  /** The variables files the user named (`--var-file`, the editor setting), in order: a later one wins. */
  setVarFiles(paths: readonly string[]): void {
    this.varFiles = [];
    this.varFileLines.clear();
    for (const path of paths) {
      const text = this.host.read(path);
      const facts = text === undefined ? undefined : this.read(path, text);
      if (!facts || text === undefined) continue;
      this.varFiles.push({ path, facts });
      this.varFileLines.set(path, new LineIndex(text));
    }
  }

  get varFilePaths(): string[] {
    return this.varFiles.map((f) => f.path);
  }

  /** What the engine needs to analyse `path` with the rest of its module. */
  contextFor(path: string): TerraformContext {
    const folder = this.load(folderOf(path));
    const siblings: ModuleFile[] = [];
    for (const other of folder) if (other !== path) siblings.push({ path: other, facts: this.files.get(other)!.facts });
    return { siblings, varFiles: this.varFiles, locate: (source) => this.locate(source) };
  }

  /**
   * Records the declarations an analysis of `path` found; returns the other files of its module whose values may
   * have changed with them (empty when the declarations, positions included, are as they were).
   */
  update(path: string, facts: TerraformFacts | undefined, text: string): string[] {
    const folder = this.load(folderOf(path));
    const before = this.files.get(path);
    if (!facts) return this.remove(path);
    const signature = JSON.stringify([facts.variables, facts.locals, facts.assignments]);
    this.files.set(path, { facts, lines: before?.lines.text === text ? before.lines : new LineIndex(text), signature });
    folder.add(path);
    return before?.signature === signature ? [] : this.dependents(path);
  }

  /** Forgets a deleted file; returns the files of its module to analyse again. */
  remove(path: string): string[] {
    if (!this.files.delete(path)) return [];
    this.folders.get(folderOf(path))?.delete(path);
    return this.dependents(path);
  }

  /** A file changed on disk that no analysis reads (a `.tfvars.json`): read it again; the files to analyse again. */
  reload(path: string): string[] {
    if (!this.folders.has(folderOf(path)) || !isModuleFile(path) || path.endsWith('.tf') || path.endsWith('.tfvars')) return [];
    const text = this.host.read(path);
    const facts = text === undefined ? undefined : this.read(path, text);
    return facts && text !== undefined ? this.update(path, facts, text) : this.remove(path);
  }

  private dependents(path: string): string[] {
    return [...(this.folders.get(folderOf(path)) ?? [])].filter((p) => p !== path && p.endsWith('.tf'));
  }

  /** The files of `folder`, read the first time it is asked for. */
  private load(folder: string): Set<string> {
    let files = this.folders.get(folder);
    if (files) return files;
    files = new Set();
    this.folders.set(folder, files);
    for (const name of this.host.list(folder).filter(isModuleFile).sort()) {
      const path = joinPath(folder, name);
      const text = this.host.read(path);
      const facts = text === undefined ? undefined : this.read(path, text);
      if (!facts || text === undefined) continue;
      this.files.set(path, { facts, lines: new LineIndex(text), signature: JSON.stringify([facts.variables, facts.locals, facts.assignments]) });
      files.add(path);
    }
    return files;
  }

  private read(path: string, text: string): TerraformFacts | undefined {
    if (path.endsWith('.json')) return tfvarsJsonFacts(text);
    return this.engine.terraformDeclarations({ path, text }, this.options);
  }

  private locate(source: ValueSource): { path: string; range: Range } | undefined {
    const known = this.files.get(source.path);
    const facts = known?.facts ?? this.varFiles.find((f) => f.path === source.path)?.facts;
    const lines = known?.lines ?? this.varFileLines.get(source.path);
    const span = facts && declarationSpan(facts, source);
    return span && lines ? { path: source.path, range: lines.range(span) } : undefined;
  }
}

/** Files that make up a module: its `.tf` files and the variables files Terraform reads without being told. */
export function isModuleFile(path: string): boolean {
  return path.endsWith('.tf') || isAutoLoaded(path);
}
