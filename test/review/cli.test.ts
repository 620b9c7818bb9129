// `ai-lens report` as CI and people run it: a child process over the examples workspace and fixture folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { htmlProblems } from './html';
import { writeWorkspace } from './workspace';

const ROOT = path.join(__dirname, '..', '..', '..');

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1764072000' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ai-lens report', () => {
  it('prints the Markdown review of the examples workspace, with its answers and evidence', () => {
    const { code, stdout, stderr } = cli(['report', 'examples']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^# AI Lens review: examples\n\nGenerated 2025-11-25 by AI Lens \S+ from \d+ files checked; answers from `\.ai-lens\/review\.yaml` \(3\)\.\n/);
    for (const lens of ['Generative AI Lens', 'Machine Learning Lens', 'Responsible AI Lens']) assert.match(stdout, new RegExp(`^## ${lens} \\(re:Invent 2025\\)$`, 'm'));
    assert.match(stdout, /^- \*\*risk accepted\*\* \[MLSEC05-BP01\]\(.*\) Protect against adversarial and malicious activities\n  - answer risk accepted: load_model\.py only runs/m);
    assert.match(stdout, /^- \*\*evidence found\*\* \[GENOPS02-BP01\]\(.*\) .*\n  - evidence `infra\/terraform\/assistant\.tf:\d+:\d+` Bedrock model invocation logging `this`$/m);
    assert.match(stdout, /^- \*\*at risk\*\* \[GENSEC02-BP01\]/m);
    assert.match(stdout, /^- \*\*not applicable\*\* \[GENOPS05-BP01\]\(.*\) Learn when to customize models\n  - answer not applicable: We use foundation models/m);
  });

  it('writes one self-contained HTML file a reviewer can read without the editor', () => {
    const dir = writeWorkspace({});
    const out = path.join(dir, 'review.html');
    const { code, stderr } = cli(['report', 'examples', '--format', 'html', '--output', out]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^lens review written to .*review\.html: \d+ at risk, .*\d+ of 255 answered; questions: \d+ high, \d+ medium risk\n$/);
    const html = fs.readFileSync(out, 'utf8');
    assert.deepEqual(htmlProblems(html), []);
    for (const id of ['lens-genai', 'lens-ml', 'lens-rai']) assert.ok(html.includes(`<section class="lens" id="${id}">`), id);
    assert.equal(html.match(/<li class="practice /g)?.length, 255);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes JSON and the Well-Architected Tool export, for the lenses asked for', () => {
    const json = cli(['report', 'examples', '--format', 'json', '--lens', 'genai,rai']);
    assert.equal(json.code, 0, json.stderr);
    const review = JSON.parse(json.stdout);
    assert.deepEqual(review.lenses.map((l: { id: string }) => l.id), ['genai', 'rai']);
    assert.equal(review.tally.practices, 150);
    assert.equal(review.answersFile.answers, 3);

    const arn = 'arn:aws:wellarchitected:us-east-1:111122223333:lens/0123456789abcdef';
    const wa = cli(['report', 'examples', '--format', 'wa-tool', '--workload-id', 'abcdef0123456789abcdef0123456789', '--lens-alias', `genai=${arn}`]);
    assert.equal(wa.code, 0, wa.stderr);
    const exported = JSON.parse(wa.stdout);
    const gensec02 = exported.answers.find((a: { QuestionId: string }) => a.QuestionId === 'GENSEC02');
    assert.equal(gensec02.LensAlias, arn);
    assert.equal(gensec02.WorkloadId, 'abcdef0123456789abcdef0123456789');
    assert.deepEqual(gensec02.SelectedChoices, ['GENSEC02_no']);
    const mlsec05 = exported.answers.find((a: { QuestionId: string }) => a.QuestionId === 'MLSEC05');
    assert.equal(mlsec05.LensAlias, '<arn of the custom lens "Machine Learning Lens">');
    assert.deepEqual(mlsec05.ChoiceUpdates, { MLSEC05_BP01: { Status: 'UNSELECTED', Notes: mlsec05.ChoiceUpdates.MLSEC05_BP01.Notes } });
  });

  it('reports a broken answers file by line, ignores those entries and exits 1', () => {
    const dir = writeWorkspace({
      'app.py': 'import openai\n',
      '.ai-lens/review.yaml': 'answers:\n  GENOPS01-BP01:\n    status: done\n  GENSEC2-BP01:\n    status: done\n',
    });
    const { code, stdout, stderr } = cli(['report', dir, '--format', 'json']);
    assert.equal(code, 1);
    assert.match(stderr, /review\.yaml:4:3: unknown practice GENSEC2-BP01 \(did you mean GENSEC02-BP01\?\)\n/);
    const review = JSON.parse(stdout);
    assert.equal(review.answersFile.answers, 1);
    assert.equal(review.tally.answered, 1);

    const other = path.join(dir, 'other.yaml');
    fs.writeFileSync(other, 'answers:\n  GENSEC02-BP01:\n    status: done\n');
    const chosen = cli(['report', dir, '--format', 'json', '--answers', other]);
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.equal(JSON.parse(chosen.stdout).answersFile.path, 'other.yaml');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 on usage errors', () => {
    for (const args of [
      ['report', 'examples', '--format', 'pdf'],
      ['report', 'examples', '--lens', 'vision'],
      ['report', 'examples', '--lens-alias', 'vision=arn'],
      ['report', 'examples', '--answers', 'no-such-file.yaml'],
      ['report', 'no-such-folder'],
    ]) {
      const { code, stderr } = cli(args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, /^ai-lens: /);
    }
  });
});
