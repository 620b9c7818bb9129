// Notebooks for tests, written as Jupyter and other tools write them: sources as lists of lines or as one string,
// outputs, attachments, kernels; and the cells of a notebook read back (after a fix) to compare with Python text.
import { readNotebook } from '../../server/src/engine/notebook/read';
import type { TextEdit } from '../../server/src/engine/types';

export interface TestCell {
  kind?: 'code' | 'markdown' | 'raw';
  source: string | unknown;
  outputs?: unknown[];
  metadata?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
}

export interface NotebookOptions {
  /** `lines` (Jupyter's way, the default) or `string` (one string per cell, as some tools write). */
  style?: 'lines' | 'string';
  kernel?: { language?: string; name?: string; display_name?: string } | null;
  nbformat?: number;
  indent?: number;
}

export function notebook(cells: (string | TestCell)[], options: NotebookOptions = {}): string {
  const { style = 'lines', nbformat = 4, indent = 1 } = options;
  const kernel = options.kernel === undefined ? { display_name: 'Python 3', language: 'python', name: 'python3' } : options.kernel;
  const json = {
    cells: cells.map((c) => {
      const cell = typeof c === 'string' ? { source: c } : c;
      const kind = cell.kind ?? 'code';
      const source = typeof cell.source === 'string' && style === 'lines' ? lines(cell.source) : cell.source;
      return {
        cell_type: kind,
        ...(kind === 'code' ? { execution_count: 1 } : {}),
        ...(cell.attachments ? { attachments: cell.attachments } : {}),
        metadata: cell.metadata ?? {},
        ...(kind === 'code' ? { outputs: cell.outputs ?? [] } : {}),
        source,
      };
    }),
    metadata: kernel ? { kernelspec: kernel, ...(kernel.language ? { language_info: { name: kernel.language } } : {}) } : {},
    nbformat,
    nbformat_minor: 5,
  };
  return JSON.stringify(json, null, indent) + '\n';
}

function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+/g) ?? [];
}

/** The sources of a notebook's cells (code cells only, or all), read back from its JSON. */
export function cellSources(json: string, which: 'code' | 'all' = 'code'): string[] {
  const read = readNotebook(json);
  if ('problem' in read) throw new Error(read.problem);
  return read.notebook.cells.filter((c) => which === 'all' || c.type === 'code').map((c) => c.source);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  return text;
}

/** Python code split into cells where a top-level statement follows a blank line: each cell a slice of the code. */
export function splitIntoCells(code: string): string[] {
  const cells: string[] = [];
  let start = 0;
  const pattern = /\n\n(?=[^\s#])/g;
  for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
    const end = match.index + 2;
    cells.push(code.slice(start, end));
    start = end;
  }
  cells.push(code.slice(start));
  return cells.filter((c) => c.length > 0);
}
