#!/usr/bin/env node
// Maintainer tool, not used at run time: builds or refreshes lenses/<lens>.json from AWS's custom-lens JSON
// (aws-samples/sample-well-architected-custom-lens, MIT-0). Facts only: IDs, titles, URLs, and the Well-Architected
// Tool's question and choice IDs and risk rules (for the review export and risk counts). Summaries and automation
// status already in the target file are kept, so re-running after an AWS update is safe.
// Usage: node scripts/import-lens.mjs <source-dir>
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const LENSES = [
  { id: 'genai', file: 'generative-ai-lens.json', out: 'generative-ai.json', name: 'Generative AI Lens', groupKind: 'pillar' },
  { id: 'ml', file: 'machine-learning-lens.json', out: 'machine-learning.json', name: 'Machine Learning Lens', groupKind: 'pillar' },
  { id: 'rai', file: 'responsible-ai-lens.json', out: 'responsible-ai.json', name: 'Responsible AI Lens', groupKind: 'focus area' },
];

const sourceDir = process.argv[2];
if (!sourceDir) {
  console.error('usage: node scripts/import-lens.mjs <source-dir>');
  process.exit(2);
}
for (const lens of LENSES) {
  const src = JSON.parse(readFileSync(join(sourceDir, lens.file), 'utf8'));
  const target = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'lenses', lens.out);
  const previous = new Map();
  if (existsSync(target)) {
    for (const g of JSON.parse(readFileSync(target, 'utf8')).groups)
      for (const q of g.questions) for (const p of q.practices) previous.set(p.id, p);
  }
  const out = {
    id: lens.id,
    name: lens.name,
    edition: 're:Invent 2025',
    source: 'aws-samples/sample-well-architected-custom-lens (MIT-0)',
    groupKind: lens.groupKind,
    groups: src.pillars.map((p) => ({
      id: p.id,
      name: p.name,
      questions: p.questions.map((q) => ({
        id: q.id,
        title: q.title,
        noneChoiceId: noneChoice(q).id,
        riskRules: q.riskRules.map((r) => ({ condition: r.condition, risk: r.risk })),
        practices: q.choices
          .filter((c) => !c.id.endsWith('_no'))
          .map((c) => {
            const id = c.id.replace('_', '-');
            const prev = previous.get(id);
            return {
              id,
              choiceId: c.id,
              title: c.title.trim(),
              url: c.helpfulResource?.url ?? c.improvementPlan?.url,
              summary: prev?.summary ?? '',
              automation: prev?.automation ?? 'manual',
            };
          }),
      })),
    })),
  };
  writeFileSync(target, JSON.stringify(out, null, 2) + '\n');
  const qs = out.groups.flatMap((g) => g.questions);
  console.log(`${lens.out}: ${out.groups.length} groups, ${qs.length} questions, ${qs.flatMap((q) => q.practices).length} practices`);
}

/** The question's "None of these" choice, which the Tool selects when no practice is followed. */
function noneChoice(question) {
  const choice = question.choices.find((c) => c.id.endsWith('_no'));
  if (!choice) throw new Error(`${question.id}: no "None of these" choice`);
  return choice;
}
