// A notebook's JSON made from its cells' texts, as Jupyter writes it (nbformat 4.5, sources as lists of lines): what
// an editor that holds a notebook as cell documents hands the engine, so that it reads every notebook the same way.

export interface CellText {
  kind: 'code' | 'markdown' | 'raw';
  text: string;
  /** The cell's language when it is not the kernel's (VS Code keeps it in `metadata.vscode.languageId`). */
  language?: string;
}

export function notebookJson(cells: readonly CellText[], kernelLanguage = 'python'): string {
  const notebook = {
    cells: cells.map((cell) => ({
      cell_type: cell.kind,
      metadata: cell.language ? { vscode: { languageId: cell.language } } : {},
      ...(cell.kind === 'code' ? { outputs: [], execution_count: null } : {}),
      source: sourceLines(cell.text),
    })),
    metadata: { kernelspec: { language: kernelLanguage, name: kernelLanguage } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(notebook, null, 1) + '\n';
}

/** A cell's text as Jupyter stores it: one string per line, each with its line break. */
export function sourceLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+/g) ?? [];
}
