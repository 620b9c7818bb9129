// Cross-file findings follow an edit that changed no cross-file fact, without the cross-file rules running again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../server/src/engine/text';
import type { Finding } from '../server/src/engine/types';
import { moveCrossFileFindings } from '../server/src/lsp/crossFileMoves';

const BEFORE = 'resource "a" "x" {\n  name = "x"\n}\n';

function finding(lines: LineIndex, start: number, end: number, related: Finding['related'] = undefined): Finding {
  const span = { start, end };
  return { ruleId: 'r', severity: 'warning', message: 'm', practices: ['P'], span, range: lines.range(span), fixes: [{ title: 'fix', safety: 'safe', edits: [{ span: { start: end, end }, newText: '!' }] }], related };
}

describe('moveCrossFileFindings', () => {
  const before = new LineIndex(BEFORE);
  const at = BEFORE.indexOf('"x" {');

  it('moves the findings of the edited file and the related places in others that point into it', () => {
    const after = new LineIndex(`/**/${BEFORE}`);
    const other = new LineIndex('other file\n');
    const findings = new Map<string, Finding[]>([
      ['a.tf', [finding(before, at, at + 3)]],
      ['b.tf', [finding(other, 0, 5, [{ path: 'a.tf', range: before.range({ start: at, end: at + 3 }), message: 'here' }])]],
      ['c.tf', [finding(other, 0, 5)]],
    ]);
    const untouched = findings.get('c.tf');
    const changed = moveCrossFileFindings(findings, { path: 'a.tf', before, after, suppressions: [], relativePath: undefined });
    assert.deepEqual(changed?.sort(), ['a.tf', 'b.tf']);
    const moved = findings.get('a.tf')![0];
    assert.deepEqual(moved.span, { start: at + 4, end: at + 7 });
    assert.deepEqual(moved.range, { start: { line: 0, character: at + 4 }, end: { line: 0, character: at + 7 } });
    assert.deepEqual(moved.fixes[0].edits[0].span, { start: at + 7, end: at + 7 });
    assert.deepEqual(findings.get('b.tf')![0].related![0].range, moved.range);
    assert.equal(findings.get('c.tf'), untouched);
  });

  it('leaves findings before the edit where they are, and says when nothing changed', () => {
    const after = new LineIndex(BEFORE.replace('"x"\n', '"xy"\n'));
    const findings = new Map([['a.tf', [finding(before, at, at + 3)]]]);
    assert.deepEqual(moveCrossFileFindings(findings, { path: 'a.tf', before, after, suppressions: [], relativePath: undefined }), []);
    assert.deepEqual(findings.get('a.tf')![0].span, { start: at, end: at + 3 });
  });

  it('gives up when an edge of a finding was inside the replaced text', () => {
    const after = new LineIndex(BEFORE.slice(0, at + 1) + 'y' + BEFORE.slice(at + 2));
    const findings = new Map([['a.tf', [finding(before, at + 1, at + 3)]]]);
    assert.equal(moveCrossFileFindings(findings, { path: 'a.tf', before, after, suppressions: [], relativePath: undefined }), undefined);
  });

  it('gives up when the edit moved lines: a message may name a line', () => {
    const after = new LineIndex(`# note\n${BEFORE}`);
    const findings = new Map([['a.tf', [finding(before, at, at + 3)]]]);
    assert.equal(moveCrossFileFindings(findings, { path: 'a.tf', before, after, suppressions: [], relativePath: undefined }), undefined);
  });

  it('applies the file\'s suppressions again', () => {
    const after = new LineIndex(BEFORE.replace('{\n', '{ # ai-lens: ignore[r] -- reviewed\n'));
    const findings = new Map([['a.tf', [finding(before, at, at + 3)]]]);
    const suppressions = [{ scope: 'line' as const, rules: ['r'], reason: 'reviewed', span: { start: at + 6, end: at + 36 }, lines: [0] }];
    assert.deepEqual(moveCrossFileFindings(findings, { path: 'a.tf', before, after, suppressions, relativePath: undefined }), ['a.tf']);
    assert.equal(findings.get('a.tf')![0].suppression?.reason, 'reviewed');
  });
});
