// Places in a notebook, both ways: an offset in a module ↔ a cell and an offset in its source ↔ a line and character
// in the cell, and ↔ the place in the `.ipynb` file of the JSON string that holds that character.
import { LineIndex } from '../text';
import type { Position, Range, Span, TextEdit } from '../types';
import type { NotebookModule, Segment } from './modules';
import type { NotebookCell, SourcePiece } from './read';

/** An offset in a cell's source. */
export interface CellOffset {
  cell: number;
  offset: number;
}

/** A span inside one cell's source. */
export interface CellSpan {
  cell: number;
  start: number;
  end: number;
}

/** Which way an offset on the border of two strings leans: a start belongs to what follows, an end to what precedes. */
type Side = 'start' | 'end';

/** The cells of one notebook: positions in each cell's source, and in the file. */
export class CellPositions {
  private readonly lines = new Map<number, LineIndex>();
  private readonly byIndex = new Map<number, NotebookCell>();
  /** The cells in file order of their first string, for file offsets back to places. */
  private inFileOrder: NotebookCell[] | undefined;

  /**
   * `inFile`: the cells are in a notebook file (their pieces say where). Cells an editor holds are not: a place in the
   * file is then the place in the cell.
   */
  constructor(
    readonly cells: readonly NotebookCell[],
    readonly inFile = true,
  ) {
    for (const cell of cells) this.byIndex.set(cell.index, cell);
  }

  /** Line and character in the cell. */
  position(cell: number, offset: number): Position {
    return this.linesOf(cell).position(offset);
  }

  range(span: CellSpan): Range {
    return { start: this.position(span.cell, span.start), end: this.position(span.cell, span.end) };
  }

  offset(cell: number, position: Position): number {
    return this.linesOf(cell).offset(position);
  }

  /** The text of a line of a cell, without its line break. */
  lineText(cell: number, line: number): string {
    const lines = this.linesOf(cell);
    return lines.text.slice(lines.lineStart(line), lines.lineEnd(line));
  }

  /** The offset in the file of an offset in a cell's source; undefined when the cell has no source in the file. */
  rawOffset(cell: number, offset: number, side: Side): number | undefined {
    if (!this.inFile) return offset;
    const found = this.pieceAt(cell, offset, side);
    return found && found.piece.rawStart + found.within + extraBefore(found.piece, found.within);
  }

  /** The line and character in the file of an offset in a cell's source. */
  rawPosition(cell: number, offset: number, side: Side): Position | undefined {
    if (!this.inFile) return this.position(cell, offset);
    const found = this.pieceAt(cell, offset, side);
    if (!found) return undefined;
    return { line: found.piece.rawLine, character: found.piece.rawCharacter + 1 + found.within + extraBefore(found.piece, found.within) };
  }

  /** The range in the file of a span of a cell; a cell without source in the file gives the cell's first line. */
  rawRange(span: CellSpan): Range {
    const start = this.rawPosition(span.cell, span.start, 'start');
    const end = span.end === span.start ? start : this.rawPosition(span.cell, span.end, 'end');
    const fallback = { line: this.byIndex.get(span.cell)?.line ?? 0, character: 0 };
    return { start: start ?? fallback, end: end ?? start ?? fallback };
  }

  /** The range of a span of the file that lies in one cell's source (a suppression comment, for SARIF). */
  fileRange(span: Span): Range | undefined {
    const start = this.cellOffsetOfRaw(span.start);
    const end = this.cellOffsetOfRaw(span.end);
    if (!start || !end || start.cell !== end.cell) return undefined;
    return this.rawRange({ cell: start.cell, start: start.offset, end: end.offset });
  }

  /**
   * The edit to the file that makes `newText` replace a span of a cell's source: written as JSON string content, and
   * in a source kept as a list of lines, each line break starts a new string of the list, as Jupyter writes them.
   * Undefined when the cell has no source in a file to edit.
   */
  rawEdit(span: CellSpan, newText: string): TextEdit | undefined {
    if (!this.inFile) return undefined;
    const start = this.rawOffset(span.cell, span.start, 'start');
    const end = span.end === span.start ? start : this.rawOffset(span.cell, span.end, 'end');
    if (start === undefined || end === undefined) return undefined;
    const indent = this.byIndex.get(span.cell)!.pieces.lineIndent;
    const parts = newText.split('\n').map((part) => JSON.stringify(part).slice(1, -1));
    const lineBreak = indent === undefined ? '\\n' : `\\n",\n${indent}"`;
    return { span: { start, end }, newText: parts.join(lineBreak) };
  }

  private linesOf(cell: number): LineIndex {
    let lines = this.lines.get(cell);
    if (!lines) this.lines.set(cell, (lines = new LineIndex(this.byIndex.get(cell)?.source ?? '')));
    return lines;
  }

  /** The piece that holds an offset of a cell's source, and the offset within it. */
  private pieceAt(cell: number, offset: number, side: Side): { piece: SourcePiece; within: number } | undefined {
    const pieces = this.byIndex.get(cell)?.pieces;
    if (!pieces || pieces.count === 0) return undefined;
    // The last piece starting at or before the offset (before it, for an end: an end on a border closes the piece before).
    const i = lastIndex(pieces.count, (mid) => (side === 'start' ? pieces.textStart(mid) <= offset : pieces.textStart(mid) < offset));
    const piece = pieces.at(i);
    return { piece, within: Math.max(0, Math.min(offset - piece.textStart, piece.textEnd - piece.textStart)) };
  }

  /** The cell and offset of a file offset inside a cell's source string. */
  private cellOffsetOfRaw(raw: number): CellOffset | undefined {
    this.inFileOrder ??= this.cells.filter((c) => c.pieces.count > 0).sort((a, b) => a.pieces.rawStart(0) - b.pieces.rawStart(0));
    const cells = this.inFileOrder;
    if (cells.length === 0) return undefined;
    const cell = cells[lastIndex(cells.length, (mid) => cells[mid].pieces.rawStart(0) <= raw)];
    const piece = cell.pieces.at(lastIndex(cell.pieces.count, (mid) => cell.pieces.rawStart(mid) <= raw));
    if (raw < piece.rawStart) return undefined;
    const within = valueOffsetOf(piece, raw - piece.rawStart);
    if (within > piece.textEnd - piece.textStart) return undefined;
    return { cell: cell.index, offset: piece.textStart + within };
  }
}

/** The last index in 0..count-1 for which `before` holds (0 when none does), `before` holding for a prefix of them. */
function lastIndex(count: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (before(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Characters the file holds beyond the value for the escapes before value offset `within` of a piece. */
function extraBefore(piece: SourcePiece, within: number): number {
  const escapes = piece.escapes;
  if (!escapes) return 0;
  let extra = 0;
  for (let i = 0; i < escapes.length && escapes[i] < within; i += 2) extra = escapes[i + 1];
  return extra;
}

/** The value offset of a piece whose file offset (from the piece's start) is `raw`; inside an escape, its character's. */
function valueOffsetOf(piece: SourcePiece, raw: number): number {
  const escapes = piece.escapes ?? [];
  let extra = 0;
  for (let i = 0; i < escapes.length; i += 2) {
    const escapeStart = escapes[i] + extra;
    if (raw < escapeStart) break;
    if (raw < escapeStart + escapes[i + 1] - extra + 1) return escapes[i];
    extra = escapes[i + 1];
  }
  return raw - extra;
}

/** One module of a notebook: its offsets as cells and offsets in them. It keeps the module's layout, not its text. */
export class ModuleMap {
  constructor(
    readonly module: Pick<NotebookModule, 'segments' | 'masked'>,
    readonly cells: CellPositions,
  ) {}

  /** The segment that holds a module offset; an offset between two cells belongs to the one before. */
  segmentAt(offset: number): Segment | undefined {
    const segments = this.module.segments;
    return segments.length ? segments[lastIndex(segments.length, (mid) => segments[mid].start <= offset)] : undefined;
  }

  /** A module span as a span of one cell: a span that runs on into the next cell ends where its first cell does. */
  cellSpan(span: Span): CellSpan | undefined {
    const segment = this.segmentAt(span.start);
    if (!segment) return undefined;
    const start = clamp(span.start - segment.start, segment.length);
    return { cell: segment.cell, start, end: Math.max(start, clamp(span.end - segment.start, segment.length)) };
  }

  /** Like `cellSpan`, for an edit: undefined when it crosses cells or touches masked IPython, which no edit may change. */
  editSpan(span: Span): CellSpan | undefined {
    const segment = this.segmentAt(span.start);
    if (!segment || span.end > segment.start + segment.length || span.start < segment.start) return undefined;
    if (this.module.masked.some((m) => m.start < span.end && span.start < m.end)) return undefined;
    return { cell: segment.cell, start: span.start - segment.start, end: span.end - segment.start };
  }
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(offset, length));
}
