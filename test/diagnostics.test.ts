// Whether two lists of findings show the same diagnostics: the language server skips building and comparing them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../server/src/engine/types';
import { showSame } from '../server/src/lsp/diagnostics';

const range = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 3 } });
const finding = (over: Partial<Finding> = {}): Finding => ({ ruleId: 'r', severity: 'warning', message: 'm', practices: ['P1'], span: { start: 10, end: 13 }, range: range(1, 2), fixes: [], ...over });

describe('showSame', () => {
  it('ignores what a diagnostic does not show: offsets, fixes, suppressed findings', () => {
    const moved = finding({ span: { start: 20, end: 23 }, fixes: [{ title: 't', safety: 'safe', edits: [] }] });
    const suppressed = finding({ ruleId: 'x', suppression: { kind: 'inline', reason: 'ok' } });
    assert.equal(showSame([finding()], [moved, suppressed]), true);
  });

  it('tells apart a change of place, message, severity, rule, practice or related location', () => {
    for (const changed of [
      finding({ range: range(1, 3) }),
      finding({ message: 'n' }),
      finding({ severity: 'error' }),
      finding({ ruleId: 's' }),
      finding({ practices: ['P2'] }),
      finding({ related: [{ path: 'b', range: range(0, 0), message: 'here' }] }),
    ]) {
      assert.equal(showSame([finding()], [changed]), false, JSON.stringify(changed));
    }
    const related = (line: number) => finding({ related: [{ path: 'b', range: range(line, 0), message: 'here' }] });
    assert.equal(showSame([related(0)], [related(1)]), false);
    assert.equal(showSame([finding()], [finding(), finding()]), false);
  });
});
