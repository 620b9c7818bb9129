// A notebook as the modules it holds: its Python code cells joined in order (names flow from cell to cell, as in the
// kernel), and each file its `%%writefile` cells write. Cells keep their offsets: IPython lines are masked in place.
import type { Language, Span } from '../types';
import { cellRole, maskIPython, writtenFileText, type CellRole, type MaskedCell } from './ipython';
import type { Kernel, NotebookCell, NotebookDocument } from './read';

/** Where one cell's text is in a module. */
export interface Segment {
  /** The cell's index in the notebook. */
  cell: number;
  /** Offset of the cell's first character in the module's text. */
  start: number;
  length: number;
}

export interface NotebookModule {
  /** `kernel`: the code cells the kernel runs, in order; `written`: the file that `%%writefile` cells write. */
  kind: 'kernel' | 'written';
  /** For a written file: its path as the magic gives it (relative to the notebook's folder). */
  writtenPath?: string;
  language: Language;
  text: string;
  segments: Segment[];
  /** Regions of the text that hold masked IPython, not the cell's own text: no fix edits them. */
  masked: Span[];
}

export interface NotebookLayout {
  modules: NotebookModule[];
  /** Cells that hold code but are not checked, and why (a cell's unreadable source is a problem of the notebook). */
  notChecked: { cell: number; reason: string }[];
}

/** Languages a `%%writefile` cell's file is checked in: those whose parsers are always loaded. */
const WRITTEN_LANGUAGES = new Set<Language>(['python', 'terraform', 'cloudformation']);

/** The language a kernel or cell names, as AI Lens knows it: Python under its many names, else as written. */
export function isPythonLanguage(language: string | undefined): boolean {
  return language === undefined || /^(i?python\d*|pyspark\d*|py)$/i.test(language.trim());
}

/** The name of a notebook's kernel when it is not Python (`R`), or undefined for a Python notebook (or one that does not say). */
export function otherKernelOf(kernel: Kernel): string | undefined {
  if (kernel.language?.trim()) return isPythonLanguage(kernel.language) ? undefined : kernelName(kernel.language);
  const name = kernel.name?.trim() ?? '';
  if (!name || /python|py3|pyspark|conda/i.test(name)) return undefined;
  return kernelName(KERNEL_LANGUAGES[name.toLowerCase()] ?? kernel.displayName ?? name);
}

/** Kernel names whose language the notebook may leave out. */
const KERNEL_LANGUAGES: Record<string, string> = { ir: 'R', julia: 'Julia', scala: 'Scala', javascript: 'JavaScript', bash: 'Bash' };

function kernelName(language: string): string {
  const known: Record<string, string> = { r: 'R', julia: 'Julia', scala: 'Scala', javascript: 'JavaScript', typescript: 'TypeScript', sql: 'SQL', bash: 'Bash', java: 'Java', 'c++': 'C++', go: 'Go', rust: 'Rust' };
  return known[language.toLowerCase()] ?? language;
}

/** What a code cell's source makes: its role, and its text as Python (masked) or as the file it writes. */
interface CellRead {
  role: CellRole;
  python?: MaskedCell;
  written?: string;
}

function readCell(source: string): CellRead {
  const role = cellRole(source);
  if (role.kind === 'writefile') return { role, written: writtenFileText(source) };
  return role.kind === 'other' ? { role } : { role, python: maskIPython(source) };
}

/**
 * What the code cells of one notebook made, kept by source from one `notebookModules` call to the next: an editor's
 * notebook changes a cell at a time, and the others are not masked again. Holds the cells of the last call only.
 */
export class CellReads {
  private last = new Map<string, CellRead>();
  private next = new Map<string, CellRead>();

  read(source: string): CellRead {
    let read = this.next.get(source) ?? this.last.get(source);
    if (!read) read = readCell(source);
    this.next.set(source, read);
    return read;
  }

  /** The call is over: what its cells made is kept for the next one, and nothing else. */
  settle(): void {
    this.last = this.next;
    this.next = new Map();
  }
}

/**
 * The modules of a Python notebook. `detect` gives the language a written file is checked in (from its path and
 * text), or undefined when it is not one AI Lens checks; `reads` keeps what its cells made for the next call.
 */
export function notebookModules(notebook: NotebookDocument, detect: (path: string, text: string) => Language | undefined, reads?: CellReads): NotebookLayout {
  const kernel = new ModuleText({ kind: 'kernel', language: 'python', text: '', segments: [], masked: [] });
  const written = new Map<string, ModuleText>();
  const notChecked: NotebookLayout['notChecked'] = [];
  for (const cell of notebook.cells) {
    if (cell.type !== 'code') continue;
    if (cell.problem) {
      notChecked.push({ cell: cell.index, reason: cell.problem });
      continue;
    }
    if (cell.language !== undefined && !isPythonLanguage(cell.language)) continue;
    const { role, python, written: text } = reads ? reads.read(cell.source) : readCell(cell.source);
    if (role.kind === 'writefile') {
      const language = detect(role.path, text!);
      if (!language || !WRITTEN_LANGUAGES.has(language)) continue;
      let module = written.get(role.path);
      if (!module) written.set(role.path, (module = new ModuleText({ kind: 'written', writtenPath: role.path, language, text: '', segments: [], masked: [] })));
      module.append(cell, text!, []);
    } else if (python) kernel.append(cell, python.text, python.masked);
  }
  reads?.settle();
  return { modules: [kernel.done(), ...[...written.values()].map((m) => m.done())], notChecked };
}

/** A module's text put together cell by cell, joined once at the end (a string grown by `+=` is copied when read). */
class ModuleText {
  private readonly parts: string[] = [];
  private length = 0;
  private endsWithBreak = false;

  constructor(private readonly module: NotebookModule) {}

  /**
   * Adds a cell's text, after a blank line: a cell starts a line of its own, and a suppression comment on the last
   * line of a cell covers no line of the next.
   */
  append(cell: NotebookCell, text: string, masked: readonly Span[]): void {
    if (this.length > 0) this.add(this.endsWithBreak ? '\n' : '\n\n');
    const start = this.length;
    this.module.segments.push({ cell: cell.index, start, length: text.length });
    for (const span of masked) this.module.masked.push({ start: start + span.start, end: start + span.end });
    this.add(text);
  }

  done(): NotebookModule {
    this.module.text = this.parts.join('');
    return this.module;
  }

  private add(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.length += text.length;
    const last = text.charCodeAt(text.length - 1);
    this.endsWithBreak = last === 10 || last === 13;
  }
}
