// Reads a Jupyter notebook's JSON (nbformat 4, and nbformat 3's worksheets) with Microsoft's jsonc-parser visitor:
// the cells' sources with where each of their characters is in the file, the kernel's language and the nbformat
// version. Outputs, attachments and metadata other than the kernel's are skipped without being built, so a notebook
// full of base64 images costs one pass of the scanner over it.
import { printParseErrorCode, visit, type JSONPath, type ParseErrorCode } from 'jsonc-parser';

/** One JSON string of a cell's source, and where its characters are in the file. */
export interface SourcePiece {
  /** Where the string's value starts and ends in the cell's source. */
  textStart: number;
  textEnd: number;
  /** Offset in the file of the string's first character (after the opening quote). */
  rawStart: number;
  /** Line and character of the opening quote (a JSON string never spans lines). */
  rawLine: number;
  rawCharacter: number;
  /**
   * Escapes in the string, as pairs: the offset in the value of the character an escape stands for, and how many
   * characters of the file all escapes up to and including it take beyond their value (`\n` one, `\u00e9` five).
   */
  escapes?: ArrayLike<number>;
}

const FIELDS = 5;

/**
 * The strings of a cell's source and where they are in the file, packed in typed arrays: a notebook has a string per
 * line of code, and a scan keeps these for every notebook until its report is written.
 */
export class SourcePieces {
  private fields: Int32Array | number[] = [];
  private escapes: Int32Array | number[] = [];
  /** Where each piece's escapes start in `escapes` (one more entry than pieces). */
  private escapeStarts: Int32Array | number[] = [0];
  /**
   * For a source kept as a list of lines, each string on a line of its own: the indentation of those lines. A line
   * break written into a string by a fix then starts a new string of the list, as Jupyter writes sources.
   */
  lineIndent: string | undefined;
  private indents: 'none' | 'same' | 'mixed' = 'none';

  get count(): number {
    return this.fields.length / FIELDS;
  }

  /** `lineIndent`: a string of a list that starts its line, its indentation; one that does not, null; one alone, undefined. */
  add(piece: SourcePiece, lineIndent: string | null | undefined): void {
    const fields = this.fields as number[];
    const escapes = this.escapes as number[];
    fields.push(piece.textStart, piece.textEnd, piece.rawStart, piece.rawLine, piece.rawCharacter);
    for (let i = 0; piece.escapes && i < piece.escapes.length; i++) escapes.push(piece.escapes[i]);
    (this.escapeStarts as number[]).push(escapes.length);
    if (lineIndent === undefined || this.indents === 'mixed') return;
    if (lineIndent !== null && this.indents === 'none') [this.indents, this.lineIndent] = ['same', lineIndent];
    else if (lineIndent !== this.lineIndent) [this.indents, this.lineIndent] = ['mixed', undefined];
  }

  /** Packs the pieces once they are all added. */
  pack(): void {
    this.fields = Int32Array.from(this.fields);
    this.escapes = Int32Array.from(this.escapes);
    this.escapeStarts = Int32Array.from(this.escapeStarts);
  }

  at(i: number): SourcePiece {
    const f = this.fields;
    const at = i * FIELDS;
    const piece: SourcePiece = { textStart: f[at], textEnd: f[at + 1], rawStart: f[at + 2], rawLine: f[at + 3], rawCharacter: f[at + 4] };
    const from = this.escapeStarts[i];
    const to = this.escapeStarts[i + 1];
    if (to > from) piece.escapes = this.escapes instanceof Int32Array ? this.escapes.subarray(from, to) : this.escapes.slice(from, to);
    return piece;
  }

  /** The text offset where piece `i` starts, without making the piece. */
  textStart(i: number): number {
    return this.fields[i * FIELDS];
  }

  rawStart(i: number): number {
    return this.fields[i * FIELDS + 2];
  }
}

export interface NotebookCell {
  /** Position of the cell in the notebook (0-based, all cells counted). */
  index: number;
  /** `code`, `markdown`, `raw` (nbformat 3: also `heading`). */
  type: string;
  source: string;
  pieces: SourcePieces;
  /** The cell's own language, when it names one (`metadata.vscode.languageId`, nbformat 3's `language`). */
  language?: string;
  /** Why the cell's source cannot be read, when it cannot. */
  problem?: string;
  /** Where the cell starts in the file (0-based line). */
  line: number;
}

export interface Kernel {
  /** `kernelspec.language`, else `language_info.name`. */
  language?: string;
  /** `kernelspec.name` (`python3`, `ir`, `conda_python3`). */
  name?: string;
  displayName?: string;
}

export interface NotebookDocument {
  nbformat: number;
  nbformatMinor?: number;
  kernel: Kernel;
  cells: NotebookCell[];
}

export type ReadResult = { notebook: NotebookDocument } | { problem: string; line?: number; character?: number };

/** The path of a value below a cell: `source`, `source/3`, `metadata/vscode/languageId`. */
type CellPath = readonly (string | number)[];

/** Containers read: everything else (outputs, attachments, widget state, other metadata) is skipped. */
function isReadContainer(path: JSONPath): boolean {
  if (path.length === 0) return true;
  const [top] = path;
  if (top === 'metadata') return path.length === 1 || (path.length === 2 && (path[1] === 'kernelspec' || path[1] === 'language_info'));
  const cell = cellPathOf(path);
  if (cell === undefined) return path.length === 1 ? top === 'cells' || top === 'worksheets' : top === 'worksheets' && (path.length === 2 || (path.length === 3 && path[2] === 'cells'));
  if (cell.length === 0) return true;
  const [key] = cell;
  if (key === 'source' || key === 'input') return cell.length === 1;
  return key === 'metadata' && (cell.length === 1 || (cell.length === 2 && cell[1] === 'vscode'));
}

/** The part of `path` below a cell, when it is in one: `cells/4/source/2` → `source/2`. */
function cellPathOf(path: JSONPath): CellPath | undefined {
  if (path[0] === 'cells' && typeof path[1] === 'number') return path.slice(2);
  if (path[0] === 'worksheets' && typeof path[1] === 'number' && path[2] === 'cells' && typeof path[3] === 'number') return path.slice(4);
  return undefined;
}

/** A cell as an editor holds it: its kind, its text and its language. */
export interface CellText {
  kind: 'code' | 'markdown' | 'raw';
  text: string;
  language?: string;
}

/**
 * A notebook an editor holds as cell documents, with no file to place its cells in: the kernel's language is Python
 * when a code cell is Python, else the first code cell's (an R notebook's cells are all `r`).
 */
export function documentOfCells(cells: readonly CellText[]): NotebookDocument {
  const code = cells.filter((c) => c.kind === 'code');
  const language = code.some((c) => c.language === undefined || c.language === 'python') ? 'python' : code[0]?.language;
  return {
    nbformat: 4,
    kernel: { language },
    cells: cells.map((c, index) => ({ index, type: c.kind, source: c.text, pieces: new SourcePieces(), language: c.language, line: 0 })),
  };
}

/** `source` (nbformat 4, and nbformat 3's markdown cells) or `input` (nbformat 3's code cells), or a value in it. */
function isSource(below: CellPath): boolean {
  return below[0] === 'source' || below[0] === 'input';
}

/** Reads a notebook; never throws. Invalid JSON, or JSON that is not a notebook, gives a problem with its place. */
export function readNotebook(text: string): ReadResult {
  const cells: NotebookCell[] = [];
  const kernel: Kernel = {};
  let nbformat: number | undefined;
  let nbformatMinor: number | undefined;
  let metadataLanguage: string | undefined;
  let error: { code: ParseErrorCode; line: number; character: number } | undefined;
  let hasCells = false;
  let cell: NotebookCell | undefined;
  const badSource = (target: NotebookCell) => (target.problem ??= `cell ${target.index + 1}: its source is neither a string nor a list of strings; the cell is not checked`);
  const addPiece = (value: string, offset: number, length: number, line: number, character: number, listed: boolean) => {
    const target = cell!;
    const textStart = target.source.length;
    target.source += value;
    const piece: SourcePiece = { textStart, textEnd: textStart + value.length, rawStart: offset + 1, rawLine: line, rawCharacter: character };
    const escapes = escapesOf(text, offset + 1, offset + length - 1);
    if (escapes) piece.escapes = escapes;
    const before = listed ? text.slice(offset - character, offset) : undefined;
    target.pieces.add(piece, before === undefined ? undefined : /^[ \t]*$/.test(before) ? before : null);
  };

  visit(
    text,
    {
      onObjectBegin: (_offset, _length, line, _character, pathOf) => {
        const path = pathOf();
        const below = cellPathOf(path);
        if (below?.length === 0) {
          cell = { index: cells.length, type: 'code', source: '', pieces: new SourcePieces(), line };
          cells.push(cell);
          return true;
        }
        if (below && cell && isSource(below) && below.length <= 2) {
          badSource(cell);
          return false;
        }
        return isReadContainer(path);
      },
      onArrayBegin: (_offset, _length, _line, _character, pathOf) => {
        const path = pathOf();
        if (path.length === 1 && (path[0] === 'cells' || path[0] === 'worksheets')) hasCells = true;
        const below = cellPathOf(path);
        if (below && cell && isSource(below) && below.length === 2) {
          badSource(cell);
          return false;
        }
        return isReadContainer(path);
      },
      // The visitor counts skipped containers down only through these: without them it would stay silent after the first.
      onObjectEnd: () => undefined,
      onArrayEnd: () => undefined,
      onLiteralValue: (value: unknown, offset, length, line, character, pathOf) => {
        const path = pathOf();
        const below = cellPathOf(path);
        if (below && cell) {
          const [key] = below;
          if (key === 'cell_type' && below.length === 1 && typeof value === 'string') cell.type = value;
          else if (key === 'language' && below.length === 1 && typeof value === 'string') cell.language = value;
          else if (key === 'metadata' && below[1] === 'vscode' && below[2] === 'languageId' && typeof value === 'string') cell.language = value;
          else if (isSource(below) && below.length <= 2) {
            if (typeof value === 'string') addPiece(value, offset, length, line, character, below.length === 2);
            else badSource(cell);
          }
          return;
        }
        if (path.length === 1 && path[0] === 'nbformat' && typeof value === 'number') nbformat = value;
        else if (path.length === 1 && path[0] === 'nbformat_minor' && typeof value === 'number') nbformatMinor = value;
        else if (path[0] === 'metadata' && typeof value === 'string' && value.trim()) {
          if (path[1] === 'kernelspec' && path[2] === 'language') kernel.language ??= value;
          else if (path[1] === 'kernelspec' && path[2] === 'name') kernel.name = value;
          else if (path[1] === 'kernelspec' && path[2] === 'display_name') kernel.displayName = value;
          else if (path[1] === 'language_info' && path[2] === 'name') metadataLanguage = value;
          else if (path[1] === 'language' && path.length === 2) metadataLanguage ??= value;
        }
      },
      onError: (code, _offset, _length, line, character) => {
        error ??= { code, line, character };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  // The visitor reports no error inside skipped containers; a file cut off inside an output never closes its root.
  if (error) return { problem: `not valid JSON (${describeError(error.code)})`, line: error.line, character: error.character };
  if (!closesRoot(text)) return { problem: 'not valid JSON (the file ends before the notebook does)' };
  if (nbformat === undefined) return { problem: 'not a Jupyter notebook: it has no `nbformat`' };
  if (!hasCells) return { problem: 'not a Jupyter notebook: it has no `cells`' };
  if (nbformat < 3) return { problem: `nbformat ${nbformat} is not supported (nbformat 3 and 4 are)` };
  if (metadataLanguage !== undefined) kernel.language ??= metadataLanguage;
  // The scanner's values are slices of the file: sources built of them keep the whole file (outputs and all), which
  // is worth a copy when the file is much more than its sources.
  const sources = cells.reduce((n, c) => n + c.source.length, 0);
  for (const c of cells) {
    if (c.problem) c.pieces = new SourcePieces();
    c.pieces.pack();
    if (text.length > 4 * sources) c.source = detached(c.source);
  }
  return { notebook: { nbformat, nbformatMinor, kernel, cells } };
}

/** A copy of a string that shares no memory with the string it was cut from. */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** True when the text is one JSON value that ends where it should: its last non-blank character closes the first one's bracket. */
function closesRoot(text: string): boolean {
  const first = text.search(/\S/);
  let last = text.length - 1;
  while (last >= 0 && /\s/.test(text[last])) last--;
  return first >= 0 && ((text[first] === '{' && text[last] === '}') || (text[first] === '[' && text[last] === ']'));
}

function describeError(code: ParseErrorCode): string {
  return printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The escapes of the JSON string between `start` and `end` (its characters, without quotes), as `SourcePiece.escapes`
 * pairs, or undefined when it has none.
 */
function escapesOf(text: string, start: number, end: number): number[] | undefined {
  let at = text.indexOf('\\', start);
  if (at < 0 || at >= end) return undefined;
  const pairs: number[] = [];
  let extra = 0;
  while (at >= 0 && at < end) {
    const width = text[at + 1] === 'u' ? 6 : 2;
    extra += width - 1;
    // The value's offset of this escape's character: the file's offset less the extra characters before it.
    pairs.push(at - start - (extra - (width - 1)), extra);
    at = text.indexOf('\\', at + width);
  }
  return pairs;
}
