// The language server's analyser with its real worker thread: newer versions supersede older ones, open documents
// go before files from disk, and a file that needs more memory than the bound is not checked.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { RULES } from '../server/src/engine/rules';
import type { AnalysisJob, LateSignals } from '../server/src/lsp/analysisJob';
import { createAnalyser, type JobRequest } from '../server/src/lsp/analyser';
import { DEFAULT_BOUNDS } from '../server/src/lsp/bounds';

const started: AnalysisJob[] = [];
const analyser = createAnalyser(Engine.create(RULES, []), DEFAULT_BOUNDS, { started: (job) => started.push(job), signals: () => {}, log: () => {} }, { worker: true, forWorkspace: keepForWorkspace(RULES) });

function job(key: string, text: string): JobRequest {
  return { key, path: `/work/${key}.py`, text, open: false, options: DEFAULT_OPTIONS, signals: 'now', fixesFor: 100 };
}

/** A line the parser's error recovery takes a second or more over (fuzz seed 20261207, the lead's case 2430). */
const SLOW = 'import torch\nx = 1\n' + 'a.b()'.repeat(10_000) + '\ntorch.load(p)\n';
const LOAD = 'import torch\ntorch.load(p)\n';

describe('analyser', () => {
  after(() => analyser.dispose());

  it('drops the analysis of a version when a newer one of the same file arrives, waiting or running', async () => {
    const older = analyser.analyse(job('a', SLOW), 'document');
    const newer = analyser.analyse(job('a', LOAD), 'document');
    assert.equal(await older, undefined);
    const outcome = await newer;
    assert.deepEqual(outcome?.result.findings.map((f) => f.ruleId), ['unsafe-model-deserialization']);
    assert.ok(outcome?.result.facts && outcome.signature, 'what the cross-file rules read comes with it');
    assert.ok(outcome?.result.signals, 'and, asked for now, the review signals');
  });

  it('checks open documents before files from disk, in the order they came', async () => {
    started.length = 0;
    const all = [analyser.analyse(job('disk-1', LOAD), 'disk'), analyser.analyse(job('disk-2', LOAD), 'disk'), analyser.analyse(job('open-1', LOAD), 'document'), analyser.analyse(job('open-2', LOAD), 'document')];
    await Promise.all(all);
    assert.deepEqual(started.map((j) => j.key), ['disk-1', 'open-1', 'open-2', 'disk-2']);
  });

  it('works out the fixes of the findings the editor can show, and of no others, when they are asked for', async () => {
    const text = 'import torch\n' + 'torch.load(p)\n'.repeat(5);
    const outcome = await analyser.analyse({ ...job('fixes', text), fixesFor: 2 }, 'document');
    assert.deepEqual(outcome?.result.findings.map((f) => f.fixes.length), [0, 0, 0, 0, 0], 'the outcome carries no fixes');
    const fixes = await analyser.fixes('fixes', outcome!.id);
    assert.deepEqual(fixes?.map((f) => f.length > 0), [true, true, false, false, false]);
    assert.match(fixes![0][0].title, /weights_only/);
    assert.equal(fixes![0][0].edits[0].span.start, text.indexOf('torch.load(p)') + 'torch.load(p'.length, 'the fix of the first finding');
    const next = await analyser.analyse({ ...job('fixes', 'x = 1\n' + text), fixesFor: 2 }, 'document');
    assert.equal(await analyser.fixes('fixes', outcome!.id), undefined, 'an outcome the file\'s next analysis replaced has none');
    assert.equal((await analyser.fixes('fixes', next!.id))?.[0][0].edits[0].span.start, fixes![0][0].edits[0].span.start + 'x = 1\n'.length);
    analyser.forget('fixes');
    assert.equal(await analyser.fixes('fixes', next!.id), undefined, 'nor one of a file forgotten');
  });

  it('collects an open document\'s review signals once no edit has come for a while, not between two edits', async () => {
    const late: LateSignals[] = [];
    let arrived: () => void = () => {};
    const typing = createAnalyser(Engine.create(RULES, []), DEFAULT_BOUNDS, { signals: (s) => (late.push(s), arrived()), log: () => {} }, { worker: true, forWorkspace: keepForWorkspace(RULES) });
    try {
      const edit = (text: string) => typing.analyse({ ...job('typed', text), open: true, signals: 'idle' }, 'document');
      const first = await edit(LOAD);
      const second = await edit(LOAD + 'x = 1\n');
      assert.equal(late.length, 0, 'nothing collected between the two edits');
      const collected = new Promise<void>((resolve, reject) => {
        arrived = resolve;
        setTimeout(() => reject(new Error('no review signals 10 s after the last edit')), 10_000).unref();
      });
      await collected;
      assert.deepEqual(late.map((s) => s.id), [second!.id], 'the last version\'s, once');
      assert.notEqual(first!.id, second!.id);
      assert.ok(late[0].signals, 'with its signals');
    } finally {
      await typing.dispose();
    }
  });

  it('does not send a text over aiLens.maxFileSize to the worker at all', async () => {
    started.length = 0;
    const outcome = await analyser.analyse({ ...job('big', 'x = 1\n'.repeat(200)), options: { ...DEFAULT_OPTIONS, maxFileBytes: 1024 } }, 'document');
    assert.deepEqual(outcome?.result.problems.map((p) => p.message), ['skipped: larger than 1 KB']);
    assert.deepEqual(started, []);
  });
});
