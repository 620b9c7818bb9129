// Notebooks in the language server (LSP 3.17 notebook document sync): an open notebook is analysed from its cells'
// documents, and what the analysis finds is shown in the cell it is in, at the line in that cell; quick fixes edit
// the cells they belong to.
import { NotebookCellKind, type Diagnostic, type Location, type NotebookDocument, type NotebookDocuments, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../engine/catalog';
import type { CellText } from '../engine/notebook/read';
import type { CellRange, FileProblem, Finding, Fix, RelatedLocation } from '../engine/types';
import { diagnosticsFor, sameRange, showSame } from './diagnostics';

/**
 * The notebooks the server is sent: Jupyter notebooks, all their cells, so that a cell's index is the one it has in
 * the file (and in the CLI's output and the review). Only Python cells are checked.
 */
export const NOTEBOOK_SYNC = { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' } }] };

/** The notebook's cells as the editor holds them (their text, as typed), for the engine. */
export function notebookCells(notebooks: NotebookDocuments<TextDocument>, notebook: NotebookDocument): CellText[] {
  return notebook.cells.map((cell) => {
    const document = notebooks.getCellTextDocument(cell);
    return { kind: cell.kind === NotebookCellKind.Code ? 'code' : 'markdown', text: document?.getText() ?? '', language: document?.languageId };
  });
}

/** The lines and characters of all the notebook's cells, to tell whether it is large (see bounds.ts). */
export function notebookSize(notebooks: NotebookDocuments<TextDocument>, notebook: NotebookDocument): { lines: number; characters: number } {
  let lines = 0;
  let characters = 0;
  for (const cell of notebook.cells) {
    const document = notebooks.getCellTextDocument(cell);
    lines += document?.lineCount ?? 0;
    characters += document?.getText().length ?? 0;
  }
  return { lines, characters };
}

/** Which text the cells hold: their documents and versions, to tell whether they changed since an analysis. */
export function cellVersions(notebooks: NotebookDocuments<TextDocument>, notebook: NotebookDocument): string {
  return notebook.cells.map((cell) => `${cell.document}@${notebooks.getCellTextDocument(cell)?.version}`).join(' ');
}

/** The findings of a notebook that are in one of its cells, placed in that cell (`range` is the range in the cell). */
export function findingsInCell(findings: readonly Finding[], cell: number): Finding[] {
  return findings.filter((f) => f.cell?.index === cell).map((f) => inCell(f));
}

/** A copy of a finding whose range is its range in its cell; its fixes are read when the copy's are. */
function inCell(finding: Finding): Finding {
  const copy = Object.create(finding) as Finding;
  copy.range = finding.cell!.range;
  return copy;
}

/**
 * What each cell of an open notebook shows: its findings at their lines in it. A notebook that was not checked says
 * why on its first cell. Cells without findings get an empty list, which clears what they showed before.
 */
export function cellDiagnostics(
  notebook: NotebookDocument,
  findings: readonly Finding[],
  problems: readonly FileProblem[],
  catalog: Catalog,
  toLocation: (related: RelatedLocation) => Location,
): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const [index, cell] of notebook.cells.entries()) {
    const skipped = index === 0 ? problems.filter((p) => p.kind === 'skipped') : [];
    out.set(cell.document, diagnosticsFor(findingsInCell(findings, index), skipped, catalog, toLocation));
  }
  return out;
}

/** A fix's edits as changes to the cells' documents; undefined when a cell it edits is not in the notebook the editor holds. */
export function cellChanges(notebook: NotebookDocument, fix: Fix): Record<string, TextEdit[]> | undefined {
  if (!fix.cellEdits?.length) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.cellEdits) {
    const cell = notebook.cells[edit.cell];
    if (!cell) return undefined;
    (changes[cell.document] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return changes;
}

/** Where a related place is in an editor: a cell of an open notebook, else the file. */
export function relatedLocation(related: RelatedLocation, openNotebook: (uri: string) => NotebookDocument | undefined, toUri: (path: string) => string): Location {
  const uri = toUri(related.path);
  const notebook = related.cell && openNotebook(uri);
  const cell = notebook && related.cell && notebook.cells[related.cell.index];
  return cell ? { uri: cell.document, range: related.cell!.range } : { uri, range: related.range };
}

/** What an open notebook's cell diagnostics are built from: its shown findings, how many it hides, why it was not checked, its cells. */
export interface NotebookShown {
  findings: readonly Finding[];
  hidden: number;
  /** The messages of its `skipped` problems. */
  skipped: string;
  /** The cells' document URIs, in order. */
  cells: string;
}

/** True when `a` and `b` build the same diagnostics in the same cells: the same findings shown at the same places in them. */
export function sameNotebookShown(a: NotebookShown, b: NotebookShown): boolean {
  if (a.cells !== b.cells || a.hidden !== b.hidden || a.skipped !== b.skipped || !showSame(a.findings, b.findings)) return false;
  const shownA = a.findings.filter((f) => !f.suppression);
  const shownB = b.findings.filter((f) => !f.suppression);
  return shownA.every((f, i) => sameCellPlace(f.cell, shownB[i].cell) && (f.related ?? []).every((r, j) => sameCellPlace(r.cell, shownB[i].related![j].cell)));
}

function sameCellPlace(a: CellRange | undefined, b: CellRange | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.index === b.index && sameRange(a.range, b.range));
}
