import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, loadCatalog, type Lens } from '../server/src/engine/catalog';
import { EVIDENCE_DETECTORS } from '../server/src/engine/evidence';
import { RULES } from '../server/src/engine/rules';

describe('lens catalog', () => {
  const catalog = loadCatalog();

  it('has every question and practice of the three lenses', () => {
    const counts = Object.fromEntries(
      catalog.lenses.map((l) => {
        const questions = l.groups.flatMap((g) => g.questions);
        return [l.id, { groups: l.groups.length, questions: questions.length, practices: questions.flatMap((q) => q.practices).length }];
      }),
    );
    assert.deepEqual(counts, {
      genai: { groups: 6, questions: 29, practices: 51 },
      ml: { groups: 6, questions: 35, practices: 105 },
      rai: { groups: 8, questions: 28, practices: 99 },
    });
    assert.equal(catalog.practices.length, 255);
  });

  it('is valid and agrees with the rules', () => {
    assert.deepEqual(catalog.validate(RULES.map((r) => r.meta), EVIDENCE_DETECTORS), []);
  });

  it('finds practices by official ID with their documentation page', () => {
    const p = catalog.practice('GENSEC02-BP01');
    assert.ok(p);
    assert.equal(p.lens.id, 'genai');
    assert.equal(p.question.id, 'GENSEC02');
    assert.equal(p.url, 'https://docs.aws.amazon.com/wellarchitected/latest/generative-ai-lens/gensec02-bp01.html');
    assert.equal(catalog.practice('MLSEC05-BP02'), undefined, 'MLSEC05 has one practice');
    assert.equal(catalog.practice('RAISP01-BP02')?.lens.id, 'rai');
  });

  it('reports broken data and rules that disagree with it', () => {
    const lens = structuredClone(catalog.lens('genai')) as Lens;
    const question = lens.groups[0].questions[0];
    question.practices[0].automation = 'manual';
    question.practices.push({ ...question.practices[0] });
    question.practices[1].summary = '';
    const problems = new Catalog([lens]).validate([
      { id: 'ghost-rule', practices: ['GENSEC99-BP01'] },
      { id: 'real-rule', practices: [question.practices[0].id] },
    ]);
    assert.ok(problems.includes(`duplicate practice ${question.practices[0].id}`), problems.join('\n'));
    assert.ok(problems.includes(`${question.practices[1].id}: missing summary`), problems.join('\n'));
    assert.ok(problems.includes('rule ghost-rule: unknown practice GENSEC99-BP01'), problems.join('\n'));
    assert.ok(problems.includes(`${question.practices[0].id}: checked by a rule or evidence detector but marked manual`), problems.join('\n'));
    assert.ok(problems.some((p) => /GENSEC02-BP01: marked partial but no rule or evidence detector checks it/.test(p)), problems.join('\n'));
  });

  it('summaries are one line of our own, not empty', () => {
    for (const p of catalog.practices) {
      assert.ok(p.summary.length >= 40 && p.summary.length <= 200 && !p.summary.includes('\n'), `${p.id}: ${p.summary}`);
    }
  });
});
