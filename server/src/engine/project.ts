import { LineIndex } from './text';
import type { CallFact, FileFacts, Language, ResourceFact } from './types';

/** One analysed file as cross-file checks see it. */
export interface ProjectFile {
  /** Absolute path (or URI for unsaved documents); the key in the project. */
  path: string;
  language: Language;
  facts: FileFacts;
  lines: LineIndex;
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
  /** Changes with every `set` and `delete`: what is worked out from the files once per state can be kept by it. */
  private changes = 0;

  set(path: string, language: Language, facts: FileFacts, text: string): void {
    this.byPath.set(path, { path, language, facts, lines: new LineIndex(text) });
    this.changes++;
  }

  delete(path: string): boolean {
    this.changes++;
    return this.byPath.delete(path);
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
