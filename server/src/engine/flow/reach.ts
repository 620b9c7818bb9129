// Parse only what the flow can reach. The rules that follow requests and model output across files
// (`Rule.triggersReach`) can find something in a file where their triggers do not occur only when the flow joins it to
// one where they do, and the flow joins files only where a call resolves to a function of a module the calling file
// imports (`FlowProject.resolve`). Two ways matter:
//
// - requests (`callers`): a model call whose request its function's parameters decide is judged with what each caller
//   passes, through wrappers that pass their parameters on. The callers import the wrapper: the files to read are the
//   files with a trigger and those that import one already read, to a fixpoint.
// - output (`output`): a model call's output is followed into the functions of the modules a file imports and back out
//   to every file that calls the same function, so it may go anywhere connected by imports, either way. What it
//   changes is only whether it reaches an output filter: the files connected to one with a trigger are all read when
//   an output filter may be among them (`OUTPUT_FILTER_TRIGGERS` occur in one).
//
// Imports are read from the text, before anything is parsed, and conservatively:
//
// - A file's import words: in Python, the words of each `import …` and `from … import …` statement (to the end of its
//   logical line, across parentheses and backslashes; anywhere in the text, strings and comments included), but those
//   whose modules the flow never takes for the project's (`mayBeProjectModule`: the standard library, common
//   packages); in TypeScript/JavaScript, the words of every string that is a relative or source-root specifier (starts
//   with `./`, `../`, `@/`, `~/`, or is `.` or `..`).
// - A file's module name: the first word of its file name without its extension (`llm` of `llm.py`, `bedrock-client`
//   of `bedrock-client.v2.ts`), or of its folder's name for a package's `__init__.py` or an `index` file; for a
//   notebook, the names of the Python files its `%%writefile` cells write (a notebook itself is imported by no one).
// - File A may import file B when one of A's import words is B's module name, or, for B an `__init__.py` or `index`
//   file, when A imports B's folder by dots alone (`from . import x`, `from .. import x`, `'.'`, `'../index'`).
//
// Words are runs of ASCII letters, digits and `_` (and `$`, `-` in TypeScript/JavaScript, whose specifiers are paths),
// in their case (as the flow matches modules). Python files and notebooks import each other, TypeScript and
// JavaScript files each other. A file whose name holds no word is always read. Reading more than the flow reaches
// only costs a parse.
import { extensionOf } from '../languages';
import { isNotebookPath } from '../notebook/analyze';
import { CellReads, notebookModules } from '../notebook/modules';
import { documentOfCells, readNotebook, type CellText, type ReadResult } from '../notebook/read';
import type { TriggerSet } from '../triggers';
import { mayBeProjectModule } from './libraries';
import { dirname, normalize, pathKey } from './modules';
import { push } from '../multimap';

/** Files that import each other: Python modules and notebooks, or TypeScript and JavaScript modules. */
type Family = 'python' | 'script';

const PYTHON_EXTENSIONS = new Set(['.py', '.pyi', '.ipynb']);
const SCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/** Whether a file can take part in the flow across files (and so be read by `FlowReach`). */
export function flowFamily(path: string): Family | undefined {
  const ext = extensionOf(path);
  return PYTHON_EXTENSIONS.has(ext) ? 'python' : SCRIPT_EXTENSIONS.has(ext) ? 'script' : undefined;
}

interface Entry {
  family: Family;
  /** A trigger of a rule that follows the flow occurs in the file's code. */
  seed: boolean;
  /** An output filter may be called in it (`OUTPUT_FILTER_TRIGGERS` occur, and some rule follows output). */
  filter: boolean;
  /** Its import words (hashed: two words with the same hash only make more files read). */
  words: Uint32Array;
  /** The words a file that imports it holds (hashed). */
  names: number[];
  /** For a package's `__init__.py` or an `index` file: its folder (key), which relative imports of dots alone name. */
  packageOf?: string;
  /** The folders (keys) whose package or index file the code imports by dots alone. */
  packages: string[];
}

/**
 * The files of a project the flow can reach from those where a flow-following rule's triggers occur, kept up to date
 * as files are added, changed and removed (`set`, `delete`), computed when asked (`has`).
 */
export class FlowReach {
  private readonly entries = new Map<string, Entry>();
  private selected: Set<string> | undefined;
  private changes = 0;
  private previous = new Set<string>();
  /** An editor's notebooks (by key): what their cells made, for the next edit (see `CellReads`). */
  private readonly cellReads = new Map<string, CellReads>();

  /** `filters`: what occurs where model output may be filtered, when a rule that runs follows output. */
  constructor(
    private readonly seeds: TriggerSet,
    private readonly filters?: TriggerSet,
  ) {}

  /**
   * Reads (again) a file's text, or a notebook's as its file or as an editor's cells (or as `readNotebook` read its
   * text already: `read`). Files of no flow family are left out.
   */
  set(path: string, text: string, cells?: readonly CellText[], read?: ReadResult): void {
    const family = flowFamily(path);
    const key = pathKey(path);
    if (!family) return this.delete(path);
    if (!cells) this.cellReads.delete(key);
    else if (!this.cellReads.has(key)) this.cellReads.set(key, new CellReads());
    const code = isNotebookPath(path) ? notebookCode(text, cells, read, this.cellReads.get(key)) : { text, written: [] };
    const entry = entryOf(key, family, code.text, code.written, this.seeds, this.filters);
    const old = this.entries.get(key);
    this.entries.set(key, entry);
    if (!old || !sameLinks(old, entry, this.entries)) this.selected = undefined;
  }

  delete(path: string): void {
    this.cellReads.delete(pathKey(path));
    if (this.entries.delete(pathKey(path))) this.selected = undefined;
  }

  /** Whether the flow can reach the file from one with a trigger (false for a file never `set`). */
  has(path: string): boolean {
    return this.selection().has(pathKey(path));
  }

  /** How many times the selection was found changed: a caller compares it to know when to read files again. */
  get generation(): number {
    return this.changes;
  }

  /** How many files are known, and how many of them the flow reaches. */
  get counts(): { files: number; reached: number } {
    return { files: this.entries.size, reached: this.selection().size };
  }

  /** The keys (`pathKey`) of the files the flow reaches. */
  selection(): ReadonlySet<string> {
    if (!this.selected) {
      this.selected = reachable(this.entries);
      if (!sameSet(this.selected, this.previous)) this.changes++;
      this.previous = this.selected;
    }
    return this.selected;
  }
}

/**
 * The files to read: those with a trigger; the files that import one of those, to a fixpoint (a wrapper's callers,
 * theirs, …, write its request); and every file connected by imports, either way, to one with a trigger when one of
 * them may hold an output filter (model output goes into the modules a file imports and back out to every file that
 * calls the same function: only a filter it reaches changes a finding).
 */
function reachable(entries: ReadonlyMap<string, Entry>): Set<string> {
  const graph = new ImportGraph(entries);
  const selected = new Set<string>();
  const seeds = [...entries].filter(([, entry]) => entry.seed).map(([key]) => key);
  const seen = new Set<string>();
  for (const seed of seeds) {
    if (seen.has(seed)) continue;
    const component = closure([seed], (key) => [...graph.importsOf(key), ...graph.importersOf(key)]);
    for (const key of component) seen.add(key);
    if ([...component].some((key) => entries.get(key)!.filter)) for (const key of component) selected.add(key);
  }
  for (const key of closure(seeds, (key) => graph.importersOf(key))) selected.add(key);
  return selected;
}

/** `start` and what `next` leads to from them, to a fixpoint. */
function closure(start: readonly string[], next: (key: string) => Iterable<string>): Set<string> {
  const found = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const key of next(queue.pop()!)) {
      if (found.has(key)) continue;
      found.add(key);
      queue.push(key);
    }
  }
  return found;
}

/** Which files may import which, by the words of their imports and the names of the files (see the top of this file). */
class ImportGraph {
  /** By family and module name: the files of that name; by family and folder: its package or index files. */
  private readonly byName = new Map<string, string[]>();
  private readonly byPackage = new Map<string, string[]>();
  /** By family and module name: the files whose imports hold it; by family and folder: those importing its package by dots. */
  private readonly mentions = new Map<string, string[]>();
  private readonly packageImporters = new Map<string, string[]>();

  constructor(private readonly entries: ReadonlyMap<string, Entry>) {
    for (const [key, entry] of entries) {
      for (const name of entry.names) push(this.byName, `${entry.family}:${name}`, key);
      if (entry.packageOf !== undefined) push(this.byPackage, `${entry.family}:${entry.packageOf}`, key);
    }
    for (const [key, entry] of entries) {
      for (const word of entry.words) if (this.byName.has(`${entry.family}:${word}`)) push(this.mentions, `${entry.family}:${word}`, key);
      for (const folder of entry.packages) push(this.packageImporters, `${entry.family}:${folder}`, key);
    }
  }

  /** The files `key` may import. */
  *importsOf(key: string): Iterable<string> {
    const { family, words, packages } = this.entries.get(key)!;
    for (const word of words) yield* this.byName.get(`${family}:${word}`) ?? [];
    for (const folder of packages) yield* this.byPackage.get(`${family}:${folder}`) ?? [];
  }

  /** The files that may import `key`. */
  *importersOf(key: string): Iterable<string> {
    const { family, names, packageOf } = this.entries.get(key)!;
    for (const name of names) yield* this.mentions.get(`${family}:${name}`) ?? [];
    if (packageOf !== undefined) yield* this.packageImporters.get(`${family}:${packageOf}`) ?? [];
  }
}

function entryOf(key: string, family: Family, code: string, written: readonly string[], seeds: TriggerSet, filters: TriggerSet | undefined): Entry {
  const base = key.slice(key.lastIndexOf('/') + 1);
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  const folder = dirname(key);
  const isPackage = family === 'python' ? stem === '__init__' : stem === 'index';
  // A notebook is imported by no one; the files its cells write are.
  const named = isNotebookPath(key) ? written.filter((w) => flowFamily(w) === 'python').map((w) => stemOf(w)) : [isPackage ? folder.slice(folder.lastIndexOf('/') + 1) : stem];
  const names: number[] = [];
  let unnamed = false;
  for (const name of named) {
    const first = firstWord(name, family);
    if (first === undefined) unnamed = true;
    else names.push(first);
  }
  return {
    family,
    // A file whose name holds no word cannot be told imported: it is read whenever the rules run.
    seed: unnamed || seeds.occursIn(code),
    filter: filters?.occursIn(code) ?? false,
    words: family === 'python' ? pythonImportWords(code) : scriptImportWords(code),
    names,
    ...(isPackage ? { packageOf: folder } : {}),
    packages: family === 'python' ? pythonPackageImports(code, folder) : scriptPackageImports(code, folder),
  };
}

/** Whether a change of a file changes which files the selection holds: its seed, its names or the names it holds. */
function sameLinks(old: Entry, entry: Entry, entries: ReadonlyMap<string, Entry>): boolean {
  if (old.seed !== entry.seed || old.filter !== entry.filter || old.packageOf !== entry.packageOf || !sameList(old.names, entry.names) || !sameList(old.packages, entry.packages)) return false;
  const names = new Set<number>();
  for (const other of entries.values()) if (other.family === entry.family) for (const name of other.names) names.add(name);
  const relevant = (words: Uint32Array) => words.filter((w) => names.has(w));
  return sameList([...relevant(old.words)], [...relevant(entry.words)]);
}

/** The code of a notebook (the modules its code cells make, never outputs or markdown) and the files its cells write. */
function notebookCode(text: string, cells?: readonly CellText[], known?: ReadResult, reads?: CellReads): { text: string; written: string[] } {
  const read = cells ? { notebook: documentOfCells(cells) } : (known ?? readNotebook(text));
  if (!('notebook' in read)) return { text: '', written: [] };
  const layout = notebookModules(read.notebook, (path) => (flowFamily(path) === 'python' ? 'python' : undefined), reads);
  return { text: layout.modules.map((m) => m.text).join('\n'), written: layout.modules.flatMap((m) => (m.writtenPath ? [m.writtenPath] : [])) };
}

/** `from . import x`, `from .. import x`, `from .__init__ import x`: the package folder each names. */
function pythonPackageImports(code: string, folder: string): string[] {
  const out = new Set<string>();
  for (const match of code.matchAll(/\bfrom[\s\\]+(\.+)[\s\\]*(?:__init__[\s\\]+)?import\b/g)) {
    let dir = folder;
    for (let i = 1; i < match[1].length; i++) dir = dirname(dir);
    out.add(dir);
  }
  return [...out].sort();
}

/** `'.'`, `'..'`, `'./'`, `'../..'`, `'./index'`, `'../index.js'`: the folder whose index file each names. */
function scriptPackageImports(code: string, folder: string): string[] {
  const out = new Set<string>();
  for (const match of code.matchAll(/(['"`])((?:\.\.?\/)*\.\.?)(?:\/(?:index(?:\.[A-Za-z]+)?)?)?\1/g)) out.add(normalize(`${folder}/${match[2]}`));
  return [...out].sort();
}

function stemOf(path: string): string {
  const base = path.replace(/^.*[\\/]/, '');
  return base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
}

/**
 * The words of a Python module's imports: of each `import …` and `from … import …` statement (to the end of its logical
 * line, parentheses and backslashes included), but those of modules the flow never takes for the project's
 * (`mayBeProjectModule`: the standard library, common packages). Found anywhere in the text: an import in a string or
 * comment only adds words.
 */
function pythonImportWords(code: string): Uint32Array {
  const words = new Set<number>();
  const keyword = /\b(from|import)\b/g;
  for (let match = keyword.exec(code); match; match = keyword.exec(code)) {
    const end = logicalLineEnd(code, match.index);
    const statement = code.slice(match.index, end);
    keyword.lastIndex = end;
    if (importsLibrariesOnly(statement)) continue;
    for (const word of wordsOf(statement, 'python')) words.add(word);
  }
  return Uint32Array.from(words).sort();
}

/** `from json import dumps`, `import os, numpy as np`: a statement that is plainly an import of such modules alone. */
const LIBRARY_FROM = /^from[\s\\]+([A-Za-z_]\w*)(?:\.\w+)*[\s\\]+import\b/;
const LIBRARY_ITEM = /^[\s\\]*([A-Za-z_]\w*)(?:\.\w+)*(?:[\s\\]+as[\s\\]+\w+)?[\s\\]*(?:#[^\n]*)?$/;

/**
 * Whether a statement plainly imports only modules the flow never takes for the project's (`mayBeProjectModule`).
 * Anything else (a relative or project module, text that is not plainly an import) keeps its words.
 */
function importsLibrariesOnly(statement: string): boolean {
  const library = (name: string | undefined) => name !== undefined && !mayBeProjectModule(name, 'python');
  if (statement.startsWith('from')) return library(LIBRARY_FROM.exec(statement)?.[1]);
  return statement
    .slice('import'.length)
    .split(',')
    .every((item) => library(LIBRARY_ITEM.exec(item)?.[1]));
}

/** Where a statement starting at `from` ends: the end of its line, past backslash continuations and open parentheses. */
function logicalLineEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '\\' && code[i + 1] === '\n') i++;
    else if (c === '\n' && depth === 0) return i;
  }
  return code.length;
}

/**
 * The words of a TypeScript or JavaScript module's relative and source-root module specifiers: every string that
 * starts with `./`, `../`, `@/` or `~/` (or is `.` or `..`), wherever it is. The flow takes no other specifier for the
 * project's (`scriptTarget`).
 */
function scriptImportWords(code: string): Uint32Array {
  const words = new Set<number>();
  for (const match of code.matchAll(/(['"`])((?:\.\.?(?:\/|(?=['"`]))|[@~]\/)[^'"`\n]*)\1/g)) for (const word of wordsOf(match[2], 'script')) words.add(word);
  return Uint32Array.from(words).sort();
}

/** The hash of the first word of a name (`bedrock` of `bedrock-client.v2` in Python, `bedrock-client` in scripts). */
function firstWord(name: string, family: Family): number | undefined {
  const [first] = wordsOf(name, family, 1);
  return first;
}

/** The distinct words of a text, hashed (FNV-1a), at most `limit` of them. Case counts, as it does for the flow's modules. */
function wordsOf(text: string, family: Family, limit = Infinity): Uint32Array {
  const script = family === 'script';
  const seen = new Set<number>();
  let hash = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= text.length && seen.size < limit; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (script && (c === 36 || c === 45));
    if (letter) {
      hash = Math.imul(hash ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      seen.add(hash >>> 0);
      hash = 0x811c9dc5;
      inWord = false;
    }
  }
  return Uint32Array.from(seen).sort();
}


function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
