// The Well-Architected Tool's risk rules: parsed from the lens data, evaluated with unknown practices.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../server/src/engine/catalog';
import { choicesOf, evaluate, parseCondition, questionRisk, type RiskRule } from '../../server/src/engine/review/risk';

const known = (values: Record<string, boolean>) => (id: string) => values[id];

describe('risk rules', () => {
  it('parses every condition of the three lenses, over the question\'s own choices', () => {
    const catalog = loadCatalog();
    const questions = new Set(catalog.practices.map((p) => p.question));
    assert.equal(questions.size, 92);
    for (const q of questions) {
      assert.ok(q.riskRules.length >= 2, q.id);
      const choices = new Set(q.practices.map((p) => p.choiceId));
      for (const rule of q.riskRules) for (const id of choicesOf(parseCondition(rule.condition))) assert.ok(choices.has(id), `${q.id}: ${id}`);
      assert.equal(q.noneChoiceId, `${q.id}_no`);
    }
  });

  it('parses precedence: ! binds tighter than &&, && tighter than ||', () => {
    assert.deepEqual(parseCondition('A || B && !C'), {
      kind: 'or',
      left: { kind: 'choice', id: 'A' },
      right: { kind: 'and', left: { kind: 'choice', id: 'B' }, right: { kind: 'not', operand: { kind: 'choice', id: 'C' } } },
    });
    assert.deepEqual(parseCondition(' default '), { kind: 'default' });
    assert.throws(() => parseCondition('(A && B'), /missing "\)"/);
    assert.throws(() => parseCondition('A &&'), /unexpected end/);
    assert.throws(() => parseCondition('A B'), /unexpected "B"/);
    assert.throws(() => parseCondition('A & B'), /unexpected "&"/);
  });

  it('evaluates with three values: unknown only when the result depends on it', () => {
    const c = parseCondition('A && B');
    assert.equal(evaluate(c, known({ A: true, B: true })), true);
    assert.equal(evaluate(c, known({ A: false })), false, 'false whatever B is');
    assert.equal(evaluate(c, known({ A: true })), undefined);
    const d = parseCondition('(!A) || (!B)');
    assert.equal(evaluate(d, known({ B: false })), true, 'true whatever A is');
    assert.equal(evaluate(d, known({ A: true })), undefined);
    assert.equal(evaluate(parseCondition('!A'), known({})), undefined);
  });

  it('gives the first rule that certainly holds, and unanswered while an earlier one might', () => {
    const rules: RiskRule[] = [
      { condition: 'Q_BP01 && Q_BP02', risk: 'NO_RISK' },
      { condition: '(!Q_BP01) || (!Q_BP02)', risk: 'MEDIUM_RISK' },
      { condition: 'default', risk: 'HIGH_RISK' },
    ];
    assert.equal(questionRisk(rules, known({ Q_BP01: true, Q_BP02: true })), 'none');
    assert.equal(questionRisk(rules, known({ Q_BP01: true, Q_BP02: false })), 'medium');
    assert.equal(questionRisk(rules, known({ Q_BP02: false })), 'medium');
    assert.equal(questionRisk(rules, known({ Q_BP01: true })), 'unanswered');
    assert.equal(questionRisk([{ condition: 'default', risk: 'HIGH_RISK' }], known({})), 'high');
  });
});
