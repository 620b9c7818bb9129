// The answers file: written sorted and readable, read back the same, and bad files reported line by line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../server/src/engine/catalog';
import { ANSWERS_FILE, parseAnswers, readAnswersFile, today, writeAnswer } from '../../server/src/engine/review/answers';
import { writeWorkspace } from './workspace';

const catalog = loadCatalog();

describe('answers file', () => {
  it('round-trips answers, sorted by practice ID, with a header for new files', () => {
    let text = writeAnswer(undefined, 'GENSEC02-BP01', { status: 'risk-accepted', note: 'Staff-only tool: no public users', by: 'Jane Doe', date: '2025-11-20' });
    text = writeAnswer(text, 'GENCOST03-BP02', { status: 'done', note: 'Limits set in the client wrapper.' });
    text = writeAnswer(text, 'GENCOST03-BP01', { status: 'not-applicable', note: 'Line one\nline two' });
    text = writeAnswer(text, 'MLCOST04-BP10', { status: 'done' });
    text = writeAnswer(text, 'MLCOST04-BP02', { status: 'done' });
    assert.equal(
      text,
      [
        '# AI Lens review answers: lens practices a person has judged, kept with the code.',
        '# status: done | not-applicable | risk-accepted (not-applicable and risk-accepted need a note).',
        '# Edit by hand or from the AI Lens view in VS Code; `ai-lens report` reads this file.',
        '',
        'version: 1',
        'answers:',
        '  GENCOST03-BP01:',
        '    status: not-applicable',
        '    note: |-',
        '      Line one',
        '      line two',
        '  GENCOST03-BP02:',
        '    status: done',
        '    note: Limits set in the client wrapper.',
        '  GENSEC02-BP01:',
        '    status: risk-accepted',
        '    note: "Staff-only tool: no public users"',
        '    by: Jane Doe',
        '    date: 2025-11-20',
        '  MLCOST04-BP02:',
        '    status: done',
        '  MLCOST04-BP10:',
        '    status: done',
        '',
      ].join('\n'),
    );
    const parsed = parseAnswers(text, catalog);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual([...parsed.answers.keys()], ['GENCOST03-BP01', 'GENCOST03-BP02', 'GENSEC02-BP01', 'MLCOST04-BP02', 'MLCOST04-BP10']);
    assert.deepEqual(parsed.answers.get('GENSEC02-BP01'), { status: 'risk-accepted', note: 'Staff-only tool: no public users', by: 'Jane Doe', date: '2025-11-20' });
    assert.equal(parsed.answers.get('GENCOST03-BP01')?.note, 'Line one\nline two');
  });

  it('replaces and clears one answer, keeping the others and people\'s comments', () => {
    const text = [
      '# Reviewed with the security team in November.',
      'version: 1',
      'answers:',
      '  # Cost answers',
      '  GENCOST03-BP02:',
      '    status: done',
      '  GENSEC02-BP01:',
      '    status: done',
      '    note: old',
      '',
    ].join('\n');
    const replaced = writeAnswer(text, 'GENSEC02-BP01', { status: 'risk-accepted', note: 'new' });
    assert.match(replaced, /^# Reviewed with the security team in November\.\n/);
    assert.match(replaced, /  # Cost answers\n  GENCOST03-BP02:\n    status: done\n/);
    assert.match(replaced, /  GENSEC02-BP01:\n    status: risk-accepted\n    note: new\n/);
    const cleared = writeAnswer(replaced, 'GENSEC02-BP01', undefined);
    assert.deepEqual([...parseAnswers(cleared, catalog).answers.keys()], ['GENCOST03-BP02']);
    assert.doesNotMatch(cleared, /GENSEC02/);
    assert.match(writeAnswer('version: 1\nanswers:\n', 'GENSEC02-BP01', { status: 'done' }), /answers:\n  GENSEC02-BP01:\n    status: done\n/);
  });

  it('refuses to rewrite a file it cannot parse', () => {
    assert.throws(() => writeAnswer('answers:\n  GENSEC02-BP01: [\n', 'GENSEC02-BP01', { status: 'done' }), /has errors; fix them first/);
    assert.throws(() => writeAnswer('- a list\n', 'GENSEC02-BP01', { status: 'done' }), /must be a mapping/);
  });

  it('reports each problem with its line and column, and keeps the valid answers', () => {
    const text = [
      'version: 2', // 1
      'answers:', // 2
      '  GENSEC2-BP01:', // 3
      '    status: done', // 4
      '  gensec02_bp01:', // 5
      '    status: done', // 6
      '  MLSEC05-BP01:', // 7
      '    status: risk-accepted', // 8
      '  MLSEC04-BP01:', // 9
      '    status: dun', // 10
      '  MLSEC03-BP01:', // 11
      '    status: done', // 12
      '    notes: typo', // 13
      '    date: 2025-02-30', // 14
      '  MLSEC03-BP02: done', // 15
      '  GENCOST03-BP02:', // 16
      '    note: no status', // 17
      '  GENCOST03-BP03:', // 18
      '    status: done', // 19
      '    note: [a, b]', // 20
      '  GENOPS01-BP01:', // 21
      '    status: done', // 22
      'extra: 1', // 23
      '',
    ].join('\n');
    const { answers, problems } = parseAnswers(text, catalog);
    assert.deepEqual(
      problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        '1:10 unsupported version: this AI Lens reads version 1',
        '3:3 unknown practice GENSEC2-BP01 (did you mean GENSEC02-BP01?)',
        '5:3 unknown practice gensec02_bp01 (did you mean GENSEC02-BP01?)',
        '7:3 MLSEC05-BP01: `risk-accepted` needs a `note` that says why',
        '10:13 MLSEC04-BP01: unknown status "dun": expected done, not-applicable, risk-accepted',
        '13:5 MLSEC03-BP01: unknown key "notes": expected status, note, by, date',
        '14:11 MLSEC03-BP01: `date` must be a date written YYYY-MM-DD (got "2025-02-30")',
        '15:17 MLSEC03-BP02: expected `status` and `note` under the practice ID',
        '16:3 GENCOST03-BP02: missing `status` (done, not-applicable, risk-accepted)',
        '20:11 GENCOST03-BP03: `note` must be text',
        '23:1 unknown key "extra": expected version or answers',
      ],
    );
    assert.deepEqual([...answers.keys()], ['GENOPS01-BP01']);
  });

  it('reports YAML syntax errors and a wrong shape with positions', () => {
    assert.deepEqual(parseAnswers('answers:\n  GENSEC02-BP01:\n    status: "done\n', catalog).problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['4:1 Missing closing "quote']);
    assert.deepEqual(parseAnswers('answers:\n  A: 1\n  A: 2\n', catalog).problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['3:3 Map keys must be unique']);
    assert.deepEqual(parseAnswers('- one\n', catalog).problems.map((p) => `${p.line} ${p.message}`), ['1 expected a mapping with `version` and `answers`']);
    assert.deepEqual(parseAnswers('answers: [GENSEC02-BP01]\n', catalog).problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['1:10 `answers` must map practice IDs to answers']);
    assert.deepEqual(parseAnswers('', catalog), { answers: new Map(), problems: [] });
    assert.deepEqual(parseAnswers('# nothing yet\nanswers:\n', catalog), { answers: new Map(), problems: [] });
  });

  it('reads the file from a workspace, and no file is no answers', () => {
    const dir = writeWorkspace({ [ANSWERS_FILE]: 'answers:\n  GENSEC02-BP01:\n    status: done\n' });
    try {
      const file = readAnswersFile(dir, catalog);
      assert.equal(file.path, path.join(dir, ANSWERS_FILE));
      assert.equal(file.exists, true);
      assert.equal(file.answers.get('GENSEC02-BP01')?.status, 'done');
      fs.rmSync(path.join(dir, ANSWERS_FILE));
      assert.deepEqual(readAnswersFile(dir, catalog), { path: path.join(dir, ANSWERS_FILE), exists: false, answers: new Map(), problems: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(today(new Date(2025, 0, 5)), '2025-01-05');
  });
});
