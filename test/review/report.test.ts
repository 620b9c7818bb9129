// The lens review reports: Markdown and JSON content, well-formed self-contained HTML, and the Well-Architected Tool export.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { readAnswersFile } from '../../server/src/engine/review/answers';
import { buildReport } from '../../server/src/report/build';
import type { ReportContext } from '../../server/src/report/context';
import { formatReviewHtml } from '../../server/src/report/html';
import { formatReviewJson } from '../../server/src/report/json';
import { formatReviewMarkdown } from '../../server/src/report/markdown';
import { formatWaTool, waToolAnswers, type UpdateAnswerInput } from '../../server/src/report/waTool';
import { htmlProblems } from './html';
import { sharedEngine, writeWorkspace } from './workspace';

const APP = `import boto3

runtime = boto3.client("bedrock-runtime")


def answer(question):
    return runtime.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=question, inferenceConfig={"maxTokens": 512})
`;
const INFRA = `resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    text_data_delivery_enabled = true
  }
}
`;
const ANSWERS = `answers:
  GENOPS02-BP02:
    status: done
    note: Dashboards for <latency> & "errors" per model.
    by: Jane
    date: 2025-11-20
  GENOPS02-BP03:
    status: done
  GENOPS05-BP01:
    status: not-applicable
    note: No customization.
  GENSEC04-BP02:
    status: risk-accepted
    note: Inputs come from staff only.
  NOPE01-BP01:
    status: done
`;
const DATE = new Date('2025-11-25T12:00:00Z');

describe('lens review reports', () => {
  let dir: string;
  let context: ReportContext;

  before(async () => {
    dir = writeWorkspace({ 'shop/app.py': APP, 'shop/infra/main.tf': INFRA, 'shop/.ai-lens/review.yaml': ANSWERS });
    const root = path.join(dir, 'shop');
    const engine = await sharedEngine();
    const scanned = scan(engine, [root], DEFAULT_OPTIONS);
    context = buildReport(engine, root, scanned.files, DEFAULT_OPTIONS, readAnswersFile(root, engine.catalog), '9.9.9', DATE);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('Markdown: provenance, summary table, problems, then every practice with its details', () => {
    const md = formatReviewMarkdown(context);
    const lines = md.split('\n');
    assert.equal(lines[0], '# AI Lens review: shop');
    assert.equal(lines[2], 'Generated 2025-11-25 by AI Lens 9.9.9 from 2 files checked; answers from `.ai-lens/review.yaml` (4).');
    assert.ok(lines.includes('| Generative AI Lens | 1 | 41 | 1 | 4 | 1 | 2 | 1 | 4 of 51 | 2 | 0 | 24 |'), md.slice(0, 1500));
    assert.ok(lines.includes('| Machine Learning Lens | 0 | 0 | 0 | 0 | 0 | 0 | 105 | 0 of 105 | 0 | 0 | 0 |'));
    assert.ok(lines.includes('| Responsible AI Lens | 3 | 95 | 0 | 1 | 0 | 0 | 0 | 0 of 99 | 2 | 0 | 26 |'));
    assert.ok(lines.includes('| **Total** | **4** | **136** | **1** | **5** | **1** | **2** | **106** | **4 of 255** | **4** | **0** | **50** |'));
    assert.ok(lines.includes('Workload: generative AI in 2 files.'));
    assert.ok(lines.includes('- line 15, column 3: unknown practice NOPE01-BP01'));
    assert.ok(lines.includes('## Generative AI Lens (re:Invent 2025)'));
    assert.ok(lines.includes('Applies: generative AI in 2 files. 1 at risk, 4 with evidence, 1 passing checks, 4 of 51 answered. Questions: 2 high risk.'));
    const gensec02 = lines.indexOf('#### GENSEC02 How do you stop generative AI applications from generating harmful, biased, or factually incorrect responses?');
    assert.deepEqual(lines.slice(gensec02 + 2, gensec02 + 6), [
      'Risk: **high risk**. 1 at risk, 0 of 1 answered.',
      '',
      '- **at risk** [GENSEC02-BP01](https://docs.aws.amazon.com/wellarchitected/latest/generative-ai-lens/gensec02-bp01.html) Implement guardrails to mitigate harmful or incorrect model responses',
      '  - finding `app.py:7:20` bedrock-call-without-guardrail: `converse` has no `guardrailConfig`: no guardrail filters its prompt or its output',
    ]);
    assert.ok(lines.includes('  - answer done: Dashboards for &lt;latency&gt; & "errors" per model. (Jane, 2025-11-20)'), 'notes are escaped for Markdown');
    assert.ok(lines.includes('  - checked `app.py:7:20` llm-call-without-max-tokens examined `runtime.converse` call'));
    assert.ok(lines.some((l) => l.startsWith('- **checks pass** [GENCOST03-BP02](') && l.endsWith('Control model response length: llm-call-without-max-tokens examined 1 place and found nothing; the rest of the practice needs a person')), 'reasons the details do not give are shown');
    assert.ok(lines.some((l) => l.startsWith('- **done** [GENOPS02-BP02](') && l.endsWith(') Monitor foundation model metrics')), 'an answer is shown once, as a detail');
    assert.ok(lines.includes('- **needs review** [GENSEC06-BP01](https://docs.aws.amazon.com/wellarchitected/latest/generative-ai-lens/gensec06-bp01.html) Implement data purification filters for model training workflows'), 'no reason repeated for manual practices');
    assert.ok(
      lines.includes('- **needs review** [GENOPS01-BP01](https://docs.aws.amazon.com/wellarchitected/latest/generative-ai-lens/genops01-bp01.html) Periodically evaluate functional performance: no evidence of it found in the code; a person has to answer'),
      'a practice evidence could show says none was found',
    );
    assert.ok(lines.includes('Not applicable: no machine learning found in the workspace. 0 of 105 answered.'));
    assert.equal(md.match(/^- \*\*/gm)?.length, 255, 'every practice listed once');
  });

  it('JSON: the review with 1-based positions and the answers file\'s problems', () => {
    const json = JSON.parse(formatReviewJson(context));
    assert.equal(json.tool, 'ai-lens');
    assert.equal(json.generatedAt, '2025-11-25T12:00:00.000Z');
    assert.deepEqual(json.answersFile, { path: '.ai-lens/review.yaml', exists: true, answers: 4, problems: [{ line: 15, column: 3, message: 'unknown practice NOPE01-BP01' }] });
    assert.equal(json.tally.practices, 255);
    assert.deepEqual(json.lenses.map((l: { id: string }) => l.id), ['genai', 'ml', 'rai']);
    const gensec02 = json.lenses[0].groups[1].questions.find((q: { id: string }) => q.id === 'GENSEC02');
    const [finding] = gensec02.practices[0].findings;
    assert.deepEqual(finding, { path: 'app.py', line: 7, column: 20, endLine: 7, endColumn: 28, ruleId: 'bedrock-call-without-guardrail', severity: 'warning', message: finding.message });
    assert.equal(gensec02.risk, 'high');
    assert.doesNotMatch(JSON.stringify(json), /"range"/);
    const gensec01 = json.lenses[0].groups[1].questions.find((q: { id: string }) => q.id === 'GENSEC01');
    assert.deepEqual(gensec01.practices[3].evidence, [{ path: 'infra/main.tf', line: 1, column: 63, endLine: 1, endColumn: 69, detector: 'bedrock-invocation-logging', message: 'Bedrock model invocation logging `main`' }]);
  });

  it('HTML: one well-formed, self-contained file with every practice, escaped', () => {
    const html = formatReviewHtml(context);
    assert.deepEqual(htmlProblems(html), []);
    assert.equal(html.match(/<li class="practice p-[a-z-]+" id="[A-Z]+\d\d-BP\d\d">/g)?.length, 255);
    assert.match(html, /<li class="practice p-at-risk" id="GENSEC02-BP01"><span class="badge st-at-risk">at risk<\/span> <a href="https:\/\/docs\.aws\.amazon\.com\/wellarchitected\/latest\/generative-ai-lens\/gensec02-bp01\.html">GENSEC02-BP01<\/a>/);
    assert.match(html, /<code>app\.py:7:20<\/code> bedrock-call-without-guardrail: <code>converse<\/code> has no <code>guardrailConfig<\/code>/);
    assert.match(html, /Dashboards for &lt;latency&gt; &amp; &quot;errors&quot; per model\./);
    assert.match(html, /<h2>Problems in <code>\.ai-lens\/review\.yaml<\/code><\/h2>/);
    assert.match(html, /<section class="lens" id="lens-ml">\n<h2>Machine Learning Lens <span class="muted">re:Invent 2025<\/span><\/h2>\n<p><strong>Not applicable<\/strong>/);
    assert.match(html, /@media print/);
    assert.doesNotMatch(html, /https?:\/\/(?!docs\.aws\.amazon\.com\/wellarchitected\/)/, 'links go only to the lens documentation');
  });

  it('the HTML checker catches what it should', () => {
    const good = formatReviewHtml(context);
    assert.deepEqual(
      htmlProblems(good.replace('</main>', '')).map((p) => p.replace(/^line \d+: /, '')),
      ['</body> closes <main>', '</html> closes <body>', 'unclosed: html'],
    );
    assert.ok(htmlProblems(good.replace('<main>', '<main><img src="https://example.com/x.png">')).some((p) => /external resource/.test(p)));
    assert.ok(htmlProblems(good.replace('<main>', '<main><script>1</script>')).some((p) => /script/.test(p)));
    assert.ok(htmlProblems(good.replace('Workload:', 'Workload & co:')).some((p) => /bare &/.test(p)));
    assert.ok(htmlProblems(good.replace('body { margin', 'body { color: red; margin')).some((p) => /by hash/.test(p)));
    assert.ok(htmlProblems(good.replace('href="#summary"', 'href="#nowhere"')).some((p) => /missing #nowhere/.test(p)));
  });

  it('Well-Architected Tool: UpdateAnswer inputs with the lens\'s choice IDs', async () => {
    const catalog = (await sharedEngine()).catalog;
    const answers = waToolAnswers(context.review, { workloadId: '0123456789abcdef0123456789abcdef', lensAliases: { genai: 'arn:aws:wellarchitected:us-east-1:111122223333:lens/genai' } }, 'AI Lens 9.9.9, 2025-11-25');
    const byQuestion = new Map(answers.map((a) => [a.QuestionId, a]));
    const allowed = new Set(['WorkloadId', 'LensAlias', 'QuestionId', 'SelectedChoices', 'ChoiceUpdates', 'Notes', 'IsApplicable', 'Reason']);
    for (const a of answers) {
      for (const key of Object.keys(a)) assert.ok(allowed.has(key), `${a.QuestionId}: ${key} is not an UpdateAnswer parameter`);
      const question = catalog.practices.find((p) => p.question.id === a.QuestionId)?.question;
      assert.ok(question, a.QuestionId);
      const choices = new Set([...question.practices.map((p) => p.choiceId), question.noneChoiceId]);
      for (const id of [...(a.SelectedChoices ?? []), ...Object.keys(a.ChoiceUpdates ?? {})]) assert.ok(choices.has(id), `${a.QuestionId}: ${id}`);
      assert.ok(a.Notes.length <= 2084);
      for (const u of Object.values(a.ChoiceUpdates ?? {})) assert.ok((u.Notes ?? '').length <= 250);
      assert.equal(a.WorkloadId, '0123456789abcdef0123456789abcdef');
    }
    const expect = (id: string, fields: Partial<UpdateAnswerInput>) => {
      const { Notes, WorkloadId, ...rest } = byQuestion.get(id) ?? assert.fail(`no answer for ${id}`);
      assert.ok(Notes.startsWith('AI Lens 9.9.9, 2025-11-25:\n'), Notes);
      assert.ok(WorkloadId);
      assert.deepEqual(rest, { QuestionId: id, ...fields });
    };
    const genai = 'arn:aws:wellarchitected:us-east-1:111122223333:lens/genai';
    expect('GENSEC02', {
      LensAlias: genai,
      SelectedChoices: ['GENSEC02_no'],
      ChoiceUpdates: { GENSEC02_BP01: { Status: 'UNSELECTED', Notes: '1 open finding of bedrock-call-without-guardrail' } },
      IsApplicable: true,
    });
    expect('GENOPS02', {
      LensAlias: genai,
      SelectedChoices: ['GENOPS02_BP01', 'GENOPS02_BP02', 'GENOPS02_BP03'],
      ChoiceUpdates: {
        GENOPS02_BP01: { Status: 'SELECTED', Notes: 'evidence: Bedrock model invocation logging `main` in infra/main.tf:1' },
        GENOPS02_BP02: { Status: 'SELECTED', Notes: 'answered done: Dashboards for <latency> & "errors" per model.' },
        GENOPS02_BP03: { Status: 'SELECTED', Notes: 'answered done' },
      },
      IsApplicable: true,
    });
    expect('GENSEC04', { LensAlias: genai, ChoiceUpdates: { GENSEC04_BP02: { Status: 'UNSELECTED', Notes: 'risk accepted: Inputs come from staff only.' } }, IsApplicable: true });
    expect('GENOPS05', { LensAlias: genai, SelectedChoices: [], IsApplicable: false, Reason: 'OUT_OF_SCOPE' });
    expect('MLSEC05', { LensAlias: '<arn of the custom lens "Machine Learning Lens">', SelectedChoices: [], IsApplicable: false, Reason: 'OUT_OF_SCOPE' });
    assert.equal(byQuestion.has('GENOPS01'), false, 'questions nobody settled anything of are left alone');
    assert.equal(byQuestion.has('GENCOST03'), true, 'a partial check is noted');
    assert.equal(byQuestion.get('GENCOST03')?.ChoiceUpdates, undefined, 'but selects nothing');
    assert.match(byQuestion.get('GENSEC02')!.Notes, /GENSEC02-BP01 at risk: 1 open finding of bedrock-call-without-guardrail \(first at app\.py:7:20\)/);

    const file = JSON.parse(formatWaTool(context, {}));
    assert.equal(file.answers.length, answers.length);
    assert.deepEqual(file.lenses[0], { id: 'genai', name: 'Generative AI Lens', lensAlias: '<arn of the custom lens "Generative AI Lens">' });
  });
});
