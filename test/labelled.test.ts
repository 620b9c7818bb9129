// The rules against the labelled corpus (test/fixtures/labelled/): every labelled finding is reported, and nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../server/src/engine/rules';
import { checkFixes, missed, runCorpus, scoreByRule, unexpected, wrongSeverity } from './labelled/score';

describe('labelled corpus', async () => {
  const outcome = await runCorpus();

  it('parses every file', () => assert.deepEqual(outcome.problems, []));
  it('labels only rules that exist', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    assert.deepEqual([...outcome.expected].map((l) => l.slice(l.lastIndexOf(' ') + 1)).filter((id) => !ids.has(id)), []);
  });
  it('has positive cases for every rule', () => {
    const labelled = new Set([...outcome.expected].map((l) => l.slice(l.lastIndexOf(' ') + 1)));
    assert.deepEqual(RULES.map((r) => r.meta.id).filter((id) => !labelled.has(id)), []);
  });
  it('reports every labelled finding', () => assert.deepEqual(missed(outcome), []));
  it('reports nothing unlabelled', () => assert.deepEqual(unexpected(outcome), []));
  it('reports at the severity a label gives', () => {
    assert.ok(outcome.expectedSeverity.size >= 20, `${outcome.expectedSeverity.size} labels give a severity`);
    assert.deepEqual(wrongSeverity(outcome), []);
  });
  it('scores precision and recall 1.0 for every rule', () => {
    for (const score of scoreByRule(outcome, RULES.map((r) => r.meta.id))) {
      assert.equal(score.precision, 1, `${score.rule} precision`);
      assert.equal(score.recall, 1, `${score.rule} recall`);
    }
  });

  it('every quick fix keeps its file parseable and removes its finding', async () => {
    const checks = await checkFixes();
    assert.ok(checks.length > 50, `${checks.length} fixes checked`);
    assert.deepEqual(checks.filter((c) => c.failures.length > 0), []);
  });
});
