// Every Python rule in a notebook: the first good and the first bad Python example of its table, split into cells
// where top-level statements follow a blank line, give the same findings as the `.py` file, each in its cell at its
// line, and the same fixes, which edit the notebook's JSON into the table's fixed code.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import type { InvalidCase, ValidCase } from '../ruleTester';
import { applyEdits, cellSources, notebook, splitIntoCells } from './support';

type FindingsFor = (filename: string, code: string) => Promise<Finding[]>;

export function notebookVariants(cases: { valid: ValidCase[]; invalid: InvalidCase[] }, findingsFor: FindingsFor): void {
  const isPython = (c: ValidCase) => c.filename.endsWith('.py');
  const valid = cases.valid.find(isPython);
  const invalid = cases.invalid.find((c) => isPython(c) && c.errors.length > 0);
  if (valid) {
    it(`notebook: valid ${valid.name ?? 1} gives no finding in cells`, async () => {
      assert.deepEqual(await findingsFor(asNotebookName(valid.filename), notebook(splitIntoCells(valid.code))), []);
    });
  }
  if (invalid) {
    it(`notebook: invalid ${invalid.name ?? 1} gives the same findings, in their cells, with the same fixes`, async () => {
      const cells = splitIntoCells(invalid.code);
      const json = notebook(cells);
      const inFile = await findingsFor(invalid.filename, invalid.code);
      const inNotebook = await findingsFor(asNotebookName(invalid.filename), json);
      assert.deepEqual(inNotebook.map(describeInCells), inFile.map((f) => describeInFile(f, cells)));
      assert.deepEqual(
        inNotebook.map((f) => f.fixes.map((x) => x.title)),
        inFile.map((f) => f.fixes.map((x) => x.title)),
        'the same fixes',
      );
      for (const finding of inNotebook) for (const fix of finding.fixes) JSON.parse(applyEdits(json, fix.edits));
      if (typeof invalid.output === 'string') {
        const fixed = applyEdits(json, inNotebook.flatMap((f) => f.fixes[0]?.edits ?? []));
        assert.equal(cellSources(fixed).join(''), invalid.output, 'the fixed notebook holds the fixed code');
      }
    });
  }
}

function asNotebookName(filename: string): string {
  return filename.replace(/\.py$/, '.ipynb');
}

function describeInCells(f: Finding): string {
  return `${f.ruleId} cell ${f.cell!.index + 1}:${f.cell!.range.start.line + 1}:${f.cell!.range.start.character + 1} ${f.message}`;
}

/** Where a finding of the `.py` file is in the cells the code was split into. */
function describeInFile(f: Finding, cells: string[]): string {
  let line = f.range.start.line;
  let cell = 0;
  while (cell < cells.length - 1 && line >= lineCount(cells[cell])) line -= lineCount(cells[cell++]);
  return `${f.ruleId} cell ${cell + 1}:${line + 1}:${f.range.start.character + 1} ${f.message}`;
}

function lineCount(cell: string): number {
  return cell.split('\n').length - 1;
}
