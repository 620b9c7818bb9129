import { siblingPath, type ModuleLocator } from './notebook/analyze';
import { parseSuppressions, type Suppression } from './suppressions';
import { LineIndex, type LinePlaces } from './text';
import type { AnalysisResult, CallFact, FileFacts, Language, ResourceFact } from './types';

/** One analysed file as cross-file checks see it. */
export interface ProjectFile {
  /** Absolute path (or URI for unsaved documents); the key in the project, but for a notebook's written files. */
  path: string;
  language: Language;
  facts: FileFacts;
  lines: LinePlaces;
  /**
   * The file's text (then `lines` is its `LineIndex`): kept unless the project keeps no texts (a whole-workspace scan)
   * and the facts are trimmed for the workspace (`keepForWorkspace`), which rules read without it.
   */
  text?: string;
  /** Its suppression comments: read when it was set if its text is not kept, else when first asked for. */
  suppressions(): Suppression[];
  /**
   * For a module of a notebook (its cells, or a file a cell writes, whose `path` is that file's): the notebook's key,
   * where findings about the module are shown, and how places in the module are places in the notebook.
   */
  notebook?: { path: string; locator: ModuleLocator };
  /**
   * A Terraform file a scan did not parse (no running rule's triggers occur in it, and it calls no module): its facts
   * are empty, and these are the facts its analysis with its module gives (kept as `facts` would be), worked out when
   * first asked for; undefined when that analysis is skipped. Only the layout of Terraform folders reads them
   * (`terraform/roots.ts`): what a rule's triggers stand for is never in such a file.
   */
  unparsed?: () => FileFacts | undefined;
}

function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

function constant<T>(value: T): () => T {
  return () => value;
}

export interface Located<T> {
  file: ProjectFile;
  item: T;
}

/**
 * Facts of every analysed file in a workspace, updated one file at a time. Cross-file rules read it to ask, e.g.,
 * "does any monitoring schedule anywhere refer to this endpoint?".
 */
export class Project {
  private readonly byPath = new Map<string, ProjectFile>();
  /** The keys of the files a notebook's cells write, by the notebook's key. */
  private readonly written = new Map<string, string[]>();
  /** Changes with every `set` and `delete`: what is worked out from the files once per state can be kept by it. */
  private changes = 0;

  /**
   * `keepsTexts` false: a whole-workspace scan, which keeps every file to its end, keeps where their lines are but not
   * their texts when their facts are trimmed for the workspace (nothing then reads them).
   */
  constructor(private readonly keepsTexts = true) {}

  set(path: string, language: Language, facts: FileFacts, text: string): void {
    this.deleteWritten(path);
    this.byPath.set(path, { path, language, facts, ...this.linesOf(facts, text) });
    this.changes++;
  }

  /**
   * What an analysis of the file at `path` found, as the project keeps it (`keep`): the file, or each module of a
   * notebook; the facts are then dropped from the result. Returns the facts kept with those they were kept of.
   */
  setAnalysed(path: string, result: AnalysisResult, text: string, keep: (facts: FileFacts, text: string) => FileFacts): { facts: FileFacts; kept: FileFacts }[] {
    const notebook = result.notebook;
    if (!notebook) {
      const facts = result.facts;
      delete result.facts;
      if (!facts || !result.language) {
        this.delete(path);
        return [];
      }
      const kept = keep(facts, text);
      this.set(path, result.language, kept, text);
      return [{ facts, kept }];
    }
    this.delete(path);
    const out: { facts: FileFacts; kept: FileFacts }[] = [];
    const written: string[] = [];
    for (const module of notebook.modules) {
      const { facts, text: moduleText = '' } = module;
      delete module.facts;
      delete module.text;
      if (!facts) continue;
      const kept = keep(facts, moduleText);
      const key = module.writtenPath === undefined ? path : `${path}#${module.writtenPath}`;
      const modulePath = module.writtenPath === undefined ? path : siblingPath(path, module.writtenPath);
      this.byPath.set(key, { path: modulePath, language: module.language, facts: kept, ...this.linesOf(kept, moduleText), notebook: { path, locator: module.locator } });
      if (key !== path) written.push(key);
      out.push({ facts, kept });
    }
    if (written.length) this.written.set(path, written);
    return out;
  }

  /** What the project keeps of a file's text: where its lines are, its suppressions, and the text itself (see `text`). */
  private linesOf(facts: FileFacts, text: string): Pick<ProjectFile, 'lines' | 'text' | 'suppressions'> {
    const index = new LineIndex(text);
    if (this.keepsTexts || !facts.trimmed) return { lines: index, text, suppressions: once(() => parseSuppressions(facts.comments, index)) };
    // Made apart from the index: a closure made here would hold it, and the text with it.
    return { lines: index.places(), suppressions: constant(parseSuppressions(facts.comments, index)) };
  }

  /** The line index of the file at `path`, when its text is kept. */
  lineIndex(path: string): LineIndex | undefined {
    const lines = this.byPath.get(path)?.lines;
    return lines instanceof LineIndex ? lines : undefined;
  }

  /** Gives the file at `path` its facts as its analysis would have made them, worked out once when first asked for. */
  setUnparsed(path: string, load: () => FileFacts | undefined): void {
    const file = this.byPath.get(path);
    if (!file) return;
    let loaded: { facts: FileFacts | undefined } | undefined;
    file.unparsed = () => (loaded ??= { facts: load() }).facts;
  }

  delete(path: string): boolean {
    this.changes++;
    const had = this.deleteWritten(path);
    return this.byPath.delete(path) || had;
  }

  private deleteWritten(path: string): boolean {
    const keys = this.written.get(path);
    if (!keys) return false;
    for (const key of keys) this.byPath.delete(key);
    this.written.delete(path);
    return true;
  }

  get generation(): number {
    return this.changes;
  }

  get(path: string): ProjectFile | undefined {
    return this.byPath.get(path);
  }

  get files(): ProjectFile[] {
    return [...this.byPath.values()];
  }

  get size(): number {
    return this.byPath.size;
  }

  resources(...types: string[]): Located<ResourceFact>[] {
    const out: Located<ResourceFact>[] = [];
    for (const file of this.byPath.values()) for (const r of file.facts.resources) if (types.includes(r.resourceType)) out.push({ file, item: r });
    return out;
  }

  calls(test: (call: CallFact, file: ProjectFile) => boolean): Located<CallFact>[] {
    const out: Located<CallFact>[] = [];
    for (const file of this.byPath.values()) for (const c of file.facts.calls) if (test(c, file)) out.push({ file, item: c });
    return out;
  }

  /** True when some file in the project is written in `language`. */
  has(language: Language): boolean {
    for (const file of this.byPath.values()) if (file.language === language) return true;
    return false;
  }
}
