// The language server's bounds as settings, and the findings a capped file shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Severity } from '../server/src/engine/types';
import { DEFAULT_BOUNDS, isLargeFile, limitFindings } from '../server/src/lsp/bounds';
import { hiddenFindingsDiagnostic } from '../server/src/lsp/diagnostics';
import { parseSettings } from '../server/src/lsp/settings';
import { followEdits } from '../server/src/lsp/staleFindings';
import { changedRegion, LineIndex } from '../server/src/engine/text';

function finding(start: number, severity: Severity = 'warning', suppressed = false): Finding {
  return {
    ruleId: `rule-${start}`,
    severity,
    message: `at ${start}`,
    practices: [],
    span: { start, end: start + 3 },
    range: { start: { line: 0, character: start }, end: { line: 0, character: start + 3 } },
    fixes: [],
    ...(suppressed ? { suppression: { kind: 'inline' as const, reason: 'r' } } : {}),
  };
}

describe('server bounds as settings', () => {
  it('has defaults, takes numbers at or above each minimum, and warns about the rest', () => {
    assert.deepEqual(parseSettings({}).bounds, DEFAULT_BOUNDS);
    const set = parseSettings({ maxFindingsPerFile: 5, maxMemoryPerFile: 128, largeFileLines: 2000, largeFileDelayMs: 0 });
    assert.deepEqual(set.bounds, { maxFindingsPerFile: 5, maxMemoryPerFileMb: 128, largeFileLines: 2000, largeFileDelayMs: 0 });
    assert.deepEqual(set.warnings, []);
    const bad = parseSettings({ maxFindingsPerFile: 0, maxMemoryPerFile: 'lots', largeFileLines: 10 });
    assert.deepEqual(bad.bounds, DEFAULT_BOUNDS);
    assert.deepEqual(bad.warnings, [
      'maxFindingsPerFile must be a number of at least 1; using 100',
      'maxMemoryPerFile must be a number of at least 64; using 512',
      'largeFileLines must be a number of at least 100; using 10000',
    ]);
  });

  it('calls a file large by its lines, or by its characters when its lines are long', () => {
    const bounds = { ...DEFAULT_BOUNDS, largeFileLines: 1000 };
    assert.equal(isLargeFile(1000, 40_000, bounds), false);
    assert.equal(isLargeFile(1001, 40_000, bounds), true);
    assert.equal(isLargeFile(1, 100_001, bounds), true, 'a minified file');
  });
});

describe('findings per file', () => {
  it('shows them all up to the bound, suppressed ones never', () => {
    const findings = [finding(1), finding(5, 'note', true), finding(9)];
    assert.deepEqual(limitFindings(findings, 2), { shown: [findings[0], findings[2]], hidden: 0 });
  });

  it('beyond the bound shows the most severe first, in file order, and counts the others', () => {
    const findings = [finding(1, 'note'), finding(2, 'warning'), finding(3, 'error'), finding(4, 'note'), finding(5, 'error')];
    const { shown, hidden } = limitFindings(findings, 3);
    assert.deepEqual(shown.map((f) => f.span.start), [2, 3, 5]);
    assert.equal(hidden, 2);
  });

  it('says how many findings it does not show and how to see them all', () => {
    const diagnostic = hiddenFindingsDiagnostic(100, 12_398, 'src/generated.py');
    assert.equal(diagnostic.message, 'AI Lens shows 100 of 12,498 findings in this file, the most severe first (setting aiLens.maxFindingsPerFile). `ai-lens scan src/generated.py` lists them all, and the lens review report counts them all.');
    assert.equal(diagnostic.range.start.line, 0);
  });
});

describe('findings of an older version, placed in the current text', () => {
  const before = 'a = 1\nb = torch.load(p)\nc = 3\n';
  const load = before.indexOf('torch.load');
  const third = before.indexOf('c = 3');
  const withFix = (start: number, end: number): Finding => ({
    ...finding(start),
    span: { start, end },
    fixes: [{ title: 'fix', safety: 'safe', edits: [{ span: { start: end, end }, newText: ', weights_only=True' }] }],
  });

  it('keeps findings before the edit, moves those after it with their fixes, and leaves out those in it', () => {
    const findings = [withFix(load, load + 15), withFix(third, third + 5)];
    const after = 'a = 1\n# a comment\n' + before.slice('a = 1\n'.length);
    const lines = new LineIndex(after);
    const moved = followEdits(findings, before, after, (o) => lines.position(o));
    const shift = '# a comment\n'.length;
    assert.deepEqual(moved.map((f) => [f.span, f.range.start, f.fixes[0].edits[0].span.start]), [
      [{ start: load + shift, end: load + 15 + shift }, { line: 2, character: 4 }, load + 15 + shift],
      [{ start: third + shift, end: third + 5 + shift }, { line: 3, character: 0 }, third + 5 + shift],
    ]);
    const edited = before.replace('torch.load(p)', 'torch.load(q)');
    assert.deepEqual(followEdits(findings, before, edited, (o) => new LineIndex(edited).position(o)).map((f) => f.span.start), [third], 'the finding on the edited call is left out');
  });

  it('drops a fix whose edit falls in the edited region, and keeps the finding', () => {
    const argument = load + 'torch.load('.length;
    const f: Finding = { ...finding(load), span: { start: load, end: load + 5 }, fixes: [{ title: 'fix', safety: 'safe', edits: [{ span: { start: argument, end: argument + 1 }, newText: 'path' }] }] };
    const after = before.replace('torch.load(p)', 'torch.load(q)');
    const [kept] = followEdits([f], before, after, (o) => new LineIndex(after).position(o));
    assert.deepEqual(kept.span, f.span);
    assert.deepEqual(kept.fixes, []);
  });

  it('returns the same findings when nothing changed', () => {
    const findings = [finding(1)];
    assert.equal(followEdits(findings, before, before, () => ({ line: 0, character: 0 })), findings);
  });
});

describe('the edited region between two texts', () => {
  it('is the smallest one, for edits anywhere in texts long and short', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    for (let i = 0; i < 300; i++) {
      const length = random(2) ? random(600) : random(300_000);
      const before = Array.from({ length: Math.ceil(length / 20) }, () => 'abcdefghij\n'.slice(random(5))).join('').slice(0, length);
      const start = random(before.length + 1);
      const end = Math.min(before.length, start + random(50));
      const after = before.slice(0, start) + ['', 'x', 'yz\n', before.slice(start, end)][random(4)] + before.slice(end);
      const naive = { start: 0, oldEnd: before.length, newEnd: after.length };
      while (naive.start < Math.min(before.length, after.length) && before[naive.start] === after[naive.start]) naive.start++;
      while (naive.oldEnd > naive.start && naive.newEnd > naive.start && before[naive.oldEnd - 1] === after[naive.newEnd - 1]) (naive.oldEnd--, naive.newEnd--);
      assert.deepEqual(changedRegion(before, after), naive, `case ${i}`);
    }
  });
});
