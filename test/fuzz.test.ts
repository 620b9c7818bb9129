// A fixed-seed fuzz run: thousands of damaged and hostile files through the engine, a fifth of them through the
// language server too. `npm run fuzz -- --cases N` runs longer with a random seed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzz } from './fuzz/harness';

describe('fuzzing with a fixed seed', () => {
  it('3000 cases: no exception, no failed rule, spans inside the file, within the time limit, bounded memory, the server still answers', { timeout: 300_000 }, async () => {
    const report = await runFuzz({ seed: 20_251_125, cases: 3000, scale: 100, lspEvery: 5, limitMs: 2000, memoryLimitMb: 1024 });
    assert.deepEqual(report.failures, []);
    assert.equal(report.cases, 3000);
    assert.equal(report.lspCases, 600);
  });
});
