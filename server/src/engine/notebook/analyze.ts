// A notebook analysed as the modules it holds, each as an ordinary file, and what that analysis found moved to the
// notebook: findings, fixes, problems and review signals get their place in the `.ipynb` file (the line of the JSON
// string that holds the code) and in their cell.
import * as path from 'node:path';
import type { AnalysisOptions } from '../config';
import { whenRead } from '../lazy';
import { formatBytes, LineIndex } from '../text';
import type { AnalysisResult, CellRange, CheckedFact, Evidence, FileFacts, FileProblem, Finding, Fix, Language, ReviewSignals, Span, SuppressionInfo } from '../types';
import { otherKernelOf, notebookModules, type CellReads, type NotebookModule, type Segment } from './modules';
import { CellPositions, ModuleMap, type CellSpan } from './positions';
import { documentOfCells, readNotebook, type CellText, type ReadResult } from './read';

/** A notebook file is read up to this size (outputs included): its code alone counts against `maxFileBytes`. */
export const NOTEBOOK_MAX_BYTES = 64 * 1024 * 1024;

export function isNotebookPath(file: string): boolean {
  return /\.ipynb$/i.test(file);
}

/** The largest notebook file read under `options`. */
export function notebookMaxBytes(maxFileBytes: number): number {
  return Math.max(NOTEBOOK_MAX_BYTES, maxFileBytes);
}

/** One module of an analysed notebook, for the project model (cross-file rules). */
export interface NotebookModuleResult {
  /** The module's key in a project: the notebook's for its cells, `notebook#written/path.py` for a written file. */
  key: string;
  /** The file the module is: the notebook, or the file a `%%writefile` cell writes (next to the notebook). */
  path: string;
  /** For a written file: its path as the cell gives it, relative to the notebook's folder. */
  writtenPath?: string;
  language: Language;
  /** The module's text and facts; dropped once the project has what it keeps of them. */
  text?: string;
  facts?: FileFacts;
  locator: ModuleLocator;
}

/** What a notebook's analysis adds to an ordinary file's: its cells, kernel and modules. */
export class NotebookInfo {
  constructor(
    /** Number of cells, of any kind. */
    readonly cells: number,
    readonly positions: CellPositions | undefined,
    readonly modules: NotebookModuleResult[],
    /** The kernel's name when it is not Python (`R`): the notebook is not checked. */
    readonly otherKernel?: string,
  ) {}

  /** The text of a line of a cell, as a finding's line is read for fingerprints. */
  cellLine(cell: number, line: number): string {
    return this.positions?.lineText(cell, line) ?? '';
  }
}

export interface ModuleSource {
  path: string;
  text: string;
  language: Language;
  /** Key of the module's syntax tree and snapshots in the engine (the notebook's path, or the notebook's path and the written file). */
  cacheKey: string;
}

export interface NotebookAnalysisHost {
  /** Analyses a module as a file. */
  analyzeModule(source: ModuleSource): AnalysisResult;
  /** The language a file a cell writes is checked in, or undefined when it is not one AI Lens checks. */
  detect(path: string, text: string): Language | undefined;
  /** Where the first syntax error in Python text is (an offset), or undefined when it parses. */
  firstSyntaxError(text: string): number | undefined;
  /** For an editor's notebook: what its cells made at its last analysis, kept for the next one. */
  cellReads?: CellReads;
}

/**
 * Analyses a notebook, from its file's text or from the cells an editor holds (`cells`): each module it holds is
 * analysed as a file by the host. Never throws on bad input: invalid JSON, a file that is not a notebook, a kernel that
 * is not Python and code over the size limit each give one `skipped` problem; a cell whose source cannot be read is a
 * problem, and the other cells are checked.
 */
export function analyzeNotebook(
  file: { path: string; text: string; cells?: readonly CellText[]; notebookRead?: ReadResult },
  options: AnalysisOptions,
  signals: 'now' | 'when-read' | 'never',
  host: NotebookAnalysisHost,
): AnalysisResult {
  const read = file.cells ? { notebook: documentOfCells(file.cells) } : (file.notebookRead ?? readNotebook(file.text));
  if ('problem' in read) {
    const at = read.line === undefined ? '' : ` at line ${read.line + 1}, column ${(read.character ?? 0) + 1}`;
    return skipped(`${read.problem}${at}`);
  }
  const notebook = read.notebook;
  const otherKernel = otherKernelOf(notebook.kernel);
  if (otherKernel) return { ...skipped(`not checked: ${otherKernel} kernel`), notebook: new NotebookInfo(notebook.cells.length, undefined, [], otherKernel) };
  const layout = notebookModules(notebook, host.detect, file.cells && host.cellReads);
  const codeLength = layout.modules.reduce((sum, m) => sum + m.text.length, 0);
  if (codeLength > options.maxFileBytes) return skipped(`its code cells are larger than ${formatBytes(options.maxFileBytes)}`);
  // Only the cells of the modules are kept: a finding, fix or problem is never in another cell.
  const kept = new Set([...layout.modules.flatMap((m) => m.segments.map((s) => s.cell)), ...layout.notChecked.map((n) => n.cell)]);
  const positions = new CellPositions(notebook.cells.filter((c) => kept.has(c.index)), !file.cells);
  const result: AnalysisResult = { language: 'python', findings: [], problems: [] };
  for (const { cell, reason } of layout.notChecked) result.problems.push(cellProblem(positions, cell, 0, reason));
  const modules: NotebookModuleResult[] = [];
  const moduleSignals: (() => ReviewSignals | undefined)[] = [];
  for (const module of layout.modules) {
    if (module.kind === 'kernel' && module.segments.length === 0) continue;
    const analysed = analyzeModuleOf(file.path, module, positions, host);
    result.findings.push(...analysed.findings);
    result.problems.push(...analysed.problems);
    modules.push(analysed.module);
    if (signals !== 'never') moduleSignals.push(analysed.signals);
  }
  result.findings.sort((a, b) => a.cell!.index - b.cell!.index || a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  result.notebook = new NotebookInfo(notebook.cells.length, positions, modules);
  const collect = () => mergeSignals(moduleSignals.map((s) => s()));
  if (signals === 'now') result.signals = collect();
  else if (signals === 'when-read') whenRead(result, 'signals', collect);
  return result;
}

/**
 * One module of a notebook analysed, and what it found placed in the notebook. The cells' module is analysed again
 * without the cells whose syntax errors ran on into later cells, when there are any.
 */
function analyzeModuleOf(notebookPath: string, written: NotebookModule, positions: CellPositions, host: NotebookAnalysisHost) {
  const path = written.kind === 'kernel' ? notebookPath : siblingPath(notebookPath, written.writtenPath!);
  const cacheKey = written.kind === 'kernel' ? notebookPath : `${notebookPath}#${written.writtenPath}`;
  const analyze = (m: NotebookModule) => host.analyzeModule({ path, text: m.text, language: m.language, cacheKey });
  let module = written;
  let result = analyze(module);
  const problems: FileProblem[] = [];
  const broken = module.kind === 'kernel' ? brokenCells(module, result, host.firstSyntaxError) : [];
  if (broken.length) {
    module = withoutCells(module, broken.map((b) => b.cell));
    result = analyze(module);
    for (const { cell, line } of broken) {
      problems.push(cellProblem(positions, cell, line, `syntax error in cell ${cell + 1} (line ${line + 1}); the cell is not checked, so that the cells after it are`));
    }
  }
  const locator = new ModuleLocator(new ModuleMap({ segments: module.segments, masked: module.masked }, positions));
  const lines = new LineIndex(module.text);
  const analysed = result;
  return {
    findings: result.findings.map((f) => locator.finding(f)),
    problems: [...problems, ...result.problems.map((p) => locator.problem(p, lines))],
    module: { key: cacheKey, path, writtenPath: module.writtenPath, language: module.language, text: module.text, facts: result.facts, locator } satisfies NotebookModuleResult,
    // Read when the review asks: the module's signals may be made only when read.
    signals: () => analysed.signals && locator.signals(analysed.signals),
  };
}

/** A parse problem on a line of a cell. */
function cellProblem(positions: CellPositions, cell: number, line: number, message: string): FileProblem {
  const at = { line, character: 0 };
  return { kind: 'parse', message, range: positions.rawRange({ cell, start: 0, end: 0 }), cell: { index: cell, range: { start: at, end: at } } };
}

/**
 * Cells whose syntax errors run on into later cells: Jupyter compiles each cell on its own, so an unclosed bracket or
 * string in one cell stops that cell alone, but in the joined module it can swallow the cells after it. Those are
 * the cells that do not parse on their own and either hold the start of an error that ends after them, or come
 * before a cell that parses on its own but shows an error in the module. With the line of each one's first error.
 */
function brokenCells(module: NotebookModule, result: AnalysisResult, firstSyntaxError: (text: string) => number | undefined): { cell: number; line: number }[] {
  const problems = result.problems.filter((p) => p.kind === 'parse' && p.range);
  if (problems.length === 0) return [];
  const lines = new LineIndex(module.text);
  const textOf = (s: Segment) => module.text.slice(s.start, s.start + s.length);
  const errors = new Map<Segment, number | undefined>();
  const errorAlone = (s: Segment) => {
    if (!errors.has(s)) errors.set(s, firstSyntaxError(textOf(s)));
    return errors.get(s);
  };
  const broken = new Set<Segment>();
  for (const p of problems) {
    const start = lines.offset(p.range!.start);
    const index = segmentIndexAt(module.segments, start);
    const segment = module.segments[index];
    if (errorAlone(segment) === undefined) {
      // An error in a cell that parses on its own came from a cell before it: the nearest one that does not parse.
      for (let i = index - 1; i >= 0; i--) {
        if (errorAlone(module.segments[i]) === undefined) continue;
        broken.add(module.segments[i]);
        break;
      }
    } else if (lines.offset(p.range!.end) > segment.start + segment.length + 1) {
      broken.add(segment);
    }
  }
  return [...broken].sort((a, b) => a.start - b.start).map((s) => ({ cell: s.cell, line: new LineIndex(textOf(s)).position(errorAlone(s)!).line }));
}

/** The segment an offset is in; an offset between two cells (the blank line) belongs to the cell after it. */
function segmentIndexAt(segments: readonly Segment[], offset: number): number {
  let found = 0;
  for (const [i, s] of segments.entries()) {
    if (s.start > offset) break;
    found = offset > s.start + s.length && i + 1 < segments.length ? i + 1 : i;
  }
  return found;
}

/** The module with the text of some cells blanked (line breaks kept), so nothing in them is read or edited. */
function withoutCells(module: NotebookModule, cells: readonly number[]): NotebookModule {
  let text = module.text;
  const masked = [...module.masked];
  for (const segment of module.segments) {
    if (!cells.includes(segment.cell)) continue;
    const end = segment.start + segment.length;
    text = text.slice(0, segment.start) + text.slice(segment.start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
    masked.push({ start: segment.start, end });
  }
  return { ...module, text, masked };
}

/** Moves what a module's analysis found (offsets in the module) to the notebook: its file and its cells. */
export class ModuleLocator {
  constructor(readonly map: ModuleMap) {}

  private get cells(): CellPositions {
    return this.map.cells;
  }

  /** The place in the notebook of a module span: offsets and range in the file, and the cell. */
  place(span: Span): { span: Span; range: Finding['range']; cell: CellRange } {
    const cellSpan = this.map.cellSpan(span) ?? { cell: 0, start: 0, end: 0 };
    const start = this.cells.rawOffset(cellSpan.cell, cellSpan.start, 'start') ?? 0;
    const end = cellSpan.end === cellSpan.start ? start : (this.cells.rawOffset(cellSpan.cell, cellSpan.end, 'end') ?? start);
    return { span: { start, end }, range: this.cells.rawRange(cellSpan), cell: { index: cellSpan.cell, range: this.cells.range(cellSpan) } };
  }

  finding(finding: Finding): Finding {
    const place = this.place(finding.span);
    const mapped: Finding = {
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      practices: finding.practices,
      span: place.span,
      range: place.range,
      cell: place.cell,
    } as Finding;
    // Made when read: while a notebook is typed into, its fixes are needed only when the editor asks for them.
    whenRead(mapped, 'fixes', () => this.fixes(finding.fixes));
    if (finding.suppression) mapped.suppression = this.suppression(finding.suppression);
    if (finding.related) mapped.related = finding.related;
    return mapped;
  }

  /**
   * Fixes as edits to the notebook's JSON and to its cells (only to its cells when an editor holds it as cells). A fix
   * that would edit masked IPython or run across cells is dropped: what it would change is not the text the rule read.
   */
  fixes(fixes: readonly Fix[]): Fix[] {
    const out: Fix[] = [];
    for (const fix of fixes) {
      const spans = fix.edits.map((e) => this.map.editSpan(e.span));
      if (spans.some((s) => !s)) continue;
      const edits = this.cells.inFile ? fix.edits.map((e, i) => this.cells.rawEdit(spans[i]!, e.newText)) : [];
      if (edits.some((e) => !e)) continue;
      out.push({
        title: fix.title,
        safety: fix.safety,
        edits: edits.map((e) => e!),
        cellEdits: fix.edits.map((e, i) => ({ cell: spans[i]!.cell, range: this.cells.range(spans[i] as CellSpan), newText: e.newText })),
      });
    }
    return out;
  }

  /** A problem of the module, whose range is in the module's `lines`. */
  problem(problem: FileProblem, lines: LineIndex): FileProblem {
    if (!problem.range) return problem;
    const place = this.place({ start: lines.offset(problem.range.start), end: lines.offset(problem.range.end) });
    return { ...problem, range: place.range, cell: place.cell };
  }

  signals(signals: ReviewSignals): ReviewSignals {
    const at = <T extends Evidence | CheckedFact>(item: T): T => {
      const place = this.place(item.span);
      return { ...item, span: place.span, range: place.range, cell: place.cell };
    };
    return { evidence: signals.evidence.map(at), checked: signals.checked.map(at), usage: signals.usage };
  }

  private suppression(suppression: SuppressionInfo): SuppressionInfo {
    return suppression.span ? { ...suppression, span: this.place(suppression.span).span } : suppression;
  }
}

function mergeSignals(all: readonly (ReviewSignals | undefined)[]): ReviewSignals {
  const usage = new Set(all.flatMap((s) => s?.usage ?? []));
  return { evidence: all.flatMap((s) => s?.evidence ?? []), checked: all.flatMap((s) => s?.checked ?? []), usage: [...usage] };
}

/**
 * The path of a file a notebook's cell writes, relative to the notebook's folder: a file path, or a URI when the
 * notebook's path is one (an editor's document).
 */
export function siblingPath(notebook: string, relative: string): string {
  const posix = relative.split('\\').join('/');
  if (/^[a-z][a-z0-9+.-]+:/i.test(notebook) && !path.isAbsolute(notebook)) {
    try {
      return new URL(posix, notebook).href;
    } catch {
      // not a URI after all
    }
  }
  return path.resolve(path.dirname(notebook), relative);
}

function skipped(reason: string): AnalysisResult {
  return { language: 'python', findings: [], problems: [{ kind: 'skipped', message: `skipped: ${reason}` }] };
}

