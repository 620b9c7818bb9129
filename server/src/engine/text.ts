import type { CellRange, Position, Range, Span } from './types';

/** Where offsets are as lines and characters: all that placing a finding needs of its file. */
export interface LinePlaces {
  position(offset: number): Position;
  range(span: Span): Range;
}

/** Converts UTF-16 offsets to LSP line/character positions and back. */
export class LineIndex implements LinePlaces {
  /** Where each line starts; 4 bytes a line (a scan keeps the index of every file for the cross-file rules). */
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    this.starts = Uint32Array.from(lineStarts(text));
  }

  position(offset: number): Position {
    return positionIn(this.starts, this.text.length, offset);
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  /** The same places without the text: what a whole-workspace scan keeps of each file to place findings. */
  places(): LinePlaces {
    return new TextFreePlaces(this.starts, this.text.length);
  }

  offset(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[Math.max(0, position.line)] + position.character, this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The leading whitespace of the line holding `offset`. */
  indentAt(offset: number): string {
    const start = this.lineStart(this.position(offset).line);
    return /^[ \t]*/.exec(this.text.slice(start, start + 200))![0];
  }
}

/** `LineIndex`'s places of a text it no longer holds. */
class TextFreePlaces implements LinePlaces {
  constructor(
    private readonly starts: Uint32Array,
    private readonly length: number,
  ) {}

  position(offset: number): Position {
    return positionIn(this.starts, this.length, offset);
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}

function positionIn(starts: Uint32Array, length: number, offset: number): Position {
  offset = Math.max(0, Math.min(offset, length));
  const line = lastAtOrBefore(starts, offset);
  return { line, character: offset - starts[line] };
}

/** The index of the last of `sorted` (ascending, not empty) that is at most `value`; 0 when none is. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case, found by the native search rather than a character at a time.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** `line:column` (1-based) of a range's start, or `cell 4:line:column` in a notebook's cell, as editors and ruff write them. */
export function formatPlace(range: Range, cell?: CellRange): string {
  const at = cell ? cell.range.start : range.start;
  return `${cell ? `cell ${cell.index + 1}:` : ''}${at.line + 1}:${at.character + 1}`;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The one region an edit replaced: `before` from `start` to `oldEnd` became `after` from `start` to `newEnd`. */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Compared a chunk at a time first (doubling while they agree, up to `MAX_CHUNK`): comparing strings is native, one character at a time is not. */
const CHUNK = 256;
const MAX_CHUNK = 1 << 20;

/** The smallest region whose replacement turns `before` into `after` (their common prefix and suffix stay). */
export function changedRegion(before: string, after: string): ChangedRegion {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  for (let chunk = CHUNK; chunk >= CHUNK; ) {
    if (start + chunk <= shorter && before.slice(start, start + chunk) === after.slice(start, start + chunk)) {
      start += chunk;
      chunk = Math.min(chunk * 2, MAX_CHUNK);
    } else chunk /= 2;
  }
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const most = shorter - start;
  for (let chunk = CHUNK; chunk >= CHUNK; ) {
    if (suffix + chunk <= most && before.slice(before.length - suffix - chunk, before.length - suffix) === after.slice(after.length - suffix - chunk, after.length - suffix)) {
      suffix += chunk;
      chunk = Math.min(chunk * 2, MAX_CHUNK);
    } else chunk /= 2;
  }
  while (suffix < most && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
