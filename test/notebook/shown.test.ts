// What lets the language server skip rebuilding an open notebook's cell diagnostics after an edit that changed none:
// the same findings at the same places in the same cells, and nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { sameNotebookShown, type NotebookShown } from '../../server/src/lsp/notebooks';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });
/** A finding at `line` of cell `cell`, at line 22 of the notebook's module (where it is shown does not follow from it). */
function finding(cell: number, line: number, span = 10): Finding {
  return { ruleId: 'r', severity: 'warning', message: 'm', practices: ['P'], span: { start: span, end: span + 5 }, range: range(22), fixes: [], cell: { index: cell, range: range(line) } } as Finding;
}
const shown = (findings: Finding[], more: Partial<NotebookShown> = {}): NotebookShown => ({ findings, hidden: 0, skipped: '', cells: 'c0\nc1', ...more });

describe('an open notebook\'s cell diagnostics', () => {
  it('are the same for equal findings at the same places, whatever their offsets in the module', () => {
    assert.equal(sameNotebookShown(shown([finding(1, 2)]), shown([finding(1, 2, 99)])), true);
  });

  it('differ when a finding moves to another cell or line of a cell, or the cells, the hidden count or the skip differ', () => {
    const before = shown([finding(1, 2)]);
    assert.equal(sameNotebookShown(before, shown([finding(0, 2)])), false, 'another cell, same line in it');
    assert.equal(sameNotebookShown(before, shown([finding(1, 3)])), false, 'another line in the cell');
    assert.equal(sameNotebookShown(before, shown([finding(1, 2)], { cells: 'c0\nc2' })), false);
    assert.equal(sameNotebookShown(before, shown([finding(1, 2)], { hidden: 1 })), false);
    assert.equal(sameNotebookShown(before, shown([finding(1, 2)], { skipped: 'skipped: too large' })), false);
    assert.equal(sameNotebookShown(before, shown([])), false);
  });
});
