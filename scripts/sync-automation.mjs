#!/usr/bin/env node
// Maintainer tool: after adding or changing rules, sets each practice's automation status in lenses/*.json from the
// rules and evidence detectors that exist (run `npx tsc -p .` first). A practice some rule or detector checks becomes
// `partial` unless it is already marked `automated`; a practice nothing checks becomes `manual`. The catalog test
// fails until this agrees. It also writes the rule ids into schemas/ai-lens.schema.json, for completion in editors (the
// configuration test fails until they agree).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { RULES } = require(join(root, 'out/server/src/engine/rules/index.js'));
const { META_RULES } = require(join(root, 'out/server/src/engine/rules/meta.js'));
const { EVIDENCE_DETECTORS } = require(join(root, 'out/server/src/engine/evidence/index.js'));
const checked = new Set([...RULES.flatMap((r) => r.meta.practices), ...EVIDENCE_DETECTORS.flatMap((d) => d.practices)]);
for (const file of ['generative-ai.json', 'machine-learning.json', 'responsible-ai.json']) {
  const target = join(root, 'lenses', file);
  const lens = JSON.parse(readFileSync(target, 'utf8'));
  let changed = 0;
  for (const group of lens.groups)
    for (const question of group.questions)
      for (const practice of question.practices) {
        const next = checked.has(practice.id) ? (practice.automation === 'automated' ? 'automated' : 'partial') : 'manual';
        if (next !== practice.automation) {
          practice.automation = next;
          changed++;
        }
      }
  writeFileSync(target, JSON.stringify(lens, null, 2) + '\n');
  console.log(`${file}: ${changed} practice(s) changed`);
}

const schemaFile = join(root, 'schemas', 'ai-lens.schema.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const rules = [...RULES.map((r) => r.meta), ...META_RULES];
schema.properties.rules.properties = Object.fromEntries(rules.map((r) => [r.id, { $ref: '#/definitions/ruleSetting', description: r.title }]));
schema.properties.ignore.items.properties.rules.items.enum = rules.map((r) => r.id);
writeFileSync(schemaFile, JSON.stringify(schema, null, 2) + '\n');
console.log(`${schemaFile.slice(root.length + 1)}: ${rules.length} rule ids`);
