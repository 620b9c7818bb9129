// Per-rule precision and recall on the labelled corpus (test/fixtures/labelled/), with each miss and false alarm.
// Run after a build: `npx tsc -p . && node scripts/labelled-score.mjs` (`--quiet` prints the table only).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RULES } = require('../out/server/src/engine/rules/index.js');
const { runCorpus, scoreByRule, missed, unexpected } = require('../out/test/labelled/score.js');

const outcome = await runCorpus();
const scores = scoreByRule(outcome, RULES.map((r) => r.meta.id));
const pct = (x) => x.toFixed(2);
console.log(`${'rule'.padEnd(54)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  precision  recall`);
for (const s of scores)
  console.log(`${s.rule.padEnd(54)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives).padStart(4)} ${String(s.falseNegatives).padStart(4)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}`);
const tp = scores.reduce((n, s) => n + s.truePositives, 0);
const fp = scores.reduce((n, s) => n + s.falsePositives, 0);
const fn = scores.reduce((n, s) => n + s.falseNegatives, 0);
console.log(`${'all rules'.padEnd(54)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}  ${pct(tp / (tp + fp || 1)).padStart(9)}  ${pct(tp / (tp + fn || 1)).padStart(6)}`);
if (!process.argv.includes('--quiet')) {
  for (const label of missed(outcome)) console.log(`missed      ${label}`);
  for (const label of unexpected(outcome)) console.log(`unexpected  ${label}`);
  for (const problem of outcome.problems) console.log(`problem     ${problem}`);
}
