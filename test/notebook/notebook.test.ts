// Notebooks through the engine, the scan and the CLI: names flow between cells, `%%writefile` cells are the files
// they write, findings land on the JSON line of their code and in their cell, fixes edit the JSON and the cells,
// suppressions work in cells, cross-file rules see notebooks, and bad input is a clear problem.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import { LineIndex } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits, cellSources, notebook } from './support';
import { scratchDir } from '../scratch';

const ROOT = path.join(__dirname, '..', '..', '..');
const engine = Engine.create();

const CLIENT = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const CALL = 'response = bedrock.converse(\n    modelId="amazon.nova-lite-v1:0",\n    messages=[{"role": "user", "content": [{"text": "hi"}]}],\n)\n';

async function analyze(json: string, file = '/work/nb.ipynb') {
  return (await engine).analyze({ path: file, text: json });
}

function cellPlace(f: Finding): string {
  return `${f.ruleId} cell ${f.cell!.index + 1}:${f.cell!.range.start.line + 1}:${f.cell!.range.start.character + 1}`;
}

function tempDir(files: Record<string, string>): string {
  const dir = scratchDir('nb');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('notebooks in the engine', () => {
  it('follows names from cell to cell: a client made in one cell and called in a later one', async () => {
    const json = notebook([{ kind: 'markdown', source: '# Chat\n' }, '%pip install boto3\n' + CLIENT, 'x = 1\n', CALL]);
    const result = await analyze(json);
    assert.equal(result.language, 'python');
    assert.deepEqual(result.findings.map(cellPlace), ['bedrock-call-without-guardrail cell 4:1:20', 'llm-call-without-max-tokens cell 4:1:20']);
    const [finding] = result.findings;
    const file = new LineIndex(json);
    assert.equal(finding.range.start.line, file.position(json.indexOf('"response = bedrock.converse(')).line, 'on the line of the JSON string that holds the code');
    assert.equal(json.slice(finding.span.start, finding.span.end), 'converse');
    assert.deepEqual(result.problems, []);
  });

  it('reads a cell kept as one string: findings on the string line, and at their line in the cell', async () => {
    const json = notebook([CLIENT + '\n' + CALL], { style: 'string' });
    const result = await analyze(json);
    assert.deepEqual(result.findings.map(cellPlace), ['bedrock-call-without-guardrail cell 1:4:20', 'llm-call-without-max-tokens cell 1:4:20']);
    const stringLine = new LineIndex(json).position(json.indexOf('"import boto3')).line;
    assert.equal(result.findings[0].range.start.line, stringLine);
    assert.equal(json.slice(result.findings[0].span.start, result.findings[0].span.end), 'converse');
  });

  it('does not read cells that are not Python: %%bash, %%html, %%sql, cells in another language, markdown, raw', async () => {
    const code = 'import torch\nmodel = torch.load("m.pt")\n';
    const json = notebook([
      `%%bash\n${code}`,
      `%%html\n${code}`,
      `%%sql\n${code}`,
      { source: code, metadata: { vscode: { languageId: 'sql' } } },
      { kind: 'markdown', source: code },
      { kind: 'raw', source: code },
      { source: 'x = 1\n', outputs: [{ output_type: 'stream', name: 'stdout', text: [code] }] },
    ]);
    const result = await analyze(json);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.problems, []);
  });

  it('reads the Python that %%time and %%capture cells wrap', async () => {
    const result = await analyze(notebook(['%%time\nimport torch\nmodel = torch.load("m.pt")\n', '%%capture\nimport pickle\npickle.load(f)\n']));
    assert.deepEqual(result.findings.map(cellPlace), ['unsafe-model-deserialization cell 1:3:9', 'unsafe-model-deserialization cell 2:3:1']);
  });

  it('analyses a %%writefile cell as the file it writes, next to the notebook, not as part of the notebook', async () => {
    const json = notebook(['import torch\nstate = 1\n', '%%writefile code/inference.py\nimport torch\n\ndef model_fn(model_dir):\n    return torch.load(model_dir + "/model.pt")\n']);
    const result = await analyze(json, '/work/project/nb.ipynb');
    assert.deepEqual(result.findings.map(cellPlace), ['unsafe-model-deserialization cell 2:5:12']);
    assert.deepEqual(
      result.notebook!.modules.map((m) => [m.path, m.writtenPath]),
      [
        ['/work/project/nb.ipynb', undefined],
        [path.resolve('/work/project/code/inference.py'), 'code/inference.py'],
      ],
    );
  });

  it('honours suppression comments in cells, on the line and on the line above', async () => {
    const call = 'model = torch.load("m.pt")';
    const json = notebook([
      'import torch\n',
      `${call}  # ai-lens: ignore[unsafe-model-deserialization] -- built by our pipeline\n`,
      `# ai-lens: ignore[unsafe-model-deserialization] -- built by our pipeline\n${call}\n`,
      `# ai-lens: ignore[unsafe-model-deserialization] -- the last line of a cell covers nothing in the next\n`,
      `${call}\n`,
    ]);
    const result = await analyze(json);
    assert.deepEqual(
      result.findings.map((f) => `${cellPlace(f)}${f.suppression ? ' suppressed' : ''}`),
      ['unsafe-model-deserialization cell 2:1:9 suppressed', 'unsafe-model-deserialization cell 3:2:9 suppressed', 'unsafe-model-deserialization cell 5:1:9'],
    );
  });

  it('reports an invalid suppression in a cell', async () => {
    const result = await analyze(notebook(['x = 1\n', 'y = 2  # ai-lens: ignore[no-such-rule] -- reason\n']));
    assert.deepEqual(result.findings.map(cellPlace), ['invalid-suppression cell 2:1:8']);
  });

  it('makes fixes that edit the JSON and the cells alike, keeping sources as lists of lines', async () => {
    const json = notebook([CLIENT, CALL, 'import torch\nmodel = torch.load("m.pt")\n']);
    const result = await analyze(json);
    for (const finding of result.findings) {
      const [fix] = finding.fixes;
      assert.ok(fix, `${finding.ruleId} has a fix`);
      const fixed = applyEdits(json, fix.edits);
      JSON.parse(fixed);
      const cells = cellSources(json);
      for (const edit of fix.cellEdits!) {
        const lines = new LineIndex(cells[edit.cell]);
        cells[edit.cell] = cells[edit.cell].slice(0, lines.offset(edit.range.start)) + edit.newText + cells[edit.cell].slice(lines.offset(edit.range.end));
      }
      assert.deepEqual(cellSources(fixed), cells, `${finding.ruleId}: the JSON edit and the cell edits agree`);
      assert.ok(/"\n/.test(fixed.slice(fix.edits[0].span.start - 40, fix.edits[0].span.start + fix.edits[0].newText.length + 40)), 'lines stay strings of their own');
      const after = await analyze(fixed);
      assert.ok(!after.findings.some((f) => f.ruleId === finding.ruleId && f.cell?.index === finding.cell?.index), `${finding.ruleId} is fixed`);
    }
    const torch = result.findings.find((f) => f.ruleId === 'unsafe-model-deserialization')!;
    assert.deepEqual(cellSources(applyEdits(json, torch.fixes[0].edits))[2], 'import torch\nmodel = torch.load("m.pt", weights_only=True)\n');
  });

  it('writes a fix that adds lines as new strings of the cell source', async () => {
    const json = notebook(['client = OpenAI(api_key="sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA2bC4dE")\n']);
    const result = await analyze(json);
    const secret = result.findings.find((f) => f.ruleId === 'hardcoded-provider-secret')!;
    const fixed = applyEdits(json, secret.fixes[0].edits);
    assert.deepEqual(cellSources(fixed), ['import os\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n']);
    assert.match(fixed, /\n {4}"import os\\n",\n {4}"client = OpenAI/);
  });

  it('reads a secret typed into a %env magic, and offers no fix inside the magic', async () => {
    const result = await analyze(notebook(['%env OPENAI_API_KEY=sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA2bC4dE\n']));
    assert.deepEqual(result.findings.map(cellPlace), ['hardcoded-provider-secret cell 1:1:21']);
    assert.deepEqual(result.findings[0].fixes, []);
  });

  it('keeps masked IPython out of fixes', async () => {
    // The import a fix would add goes after the last import; a magic between imports is not edited.
    const result = await analyze(notebook(['%load_ext autoreload\nimport torch\n', 'model = torch.load("m.pt")\n']));
    const [finding] = result.findings;
    assert.equal(finding.fixes.length, 1);
    assert.deepEqual(finding.fixes[0].cellEdits!.map((e) => e.cell), [1]);
  });

  const skippedCases: [string, string, RegExp][] = [
    ['invalid JSON', '{"cells": [', /^skipped: not valid JSON \(.+\) at line 1, column \d+$/],
    ['JSON that is not a notebook', '{"name": "x"}', /^skipped: not a Jupyter notebook: it has no `nbformat`$/],
    ['an R notebook', notebook(['library(ggplot2)\n'], { kernel: { language: 'R', name: 'ir', display_name: 'R' } }), /^skipped: not checked: R kernel$/],
    ['a Julia notebook named by its kernel only', notebook(['x = 1\n'], { kernel: { name: 'julia-1.9', display_name: 'Julia 1.9.0' } }), /^skipped: not checked: Julia 1\.9\.0 kernel$/],
  ];
  for (const [name, json, message] of skippedCases) {
    it(`skips ${name} with a clear reason`, async () => {
      const result = await analyze(json);
      assert.deepEqual(result.findings, []);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0].kind, 'skipped');
      assert.match(result.problems[0].message, message);
    });
  }

  it('checks a PySpark notebook whose kernelspec leaves the language empty', async () => {
    const json = notebook(['import pickle\npickle.load(f)\n'], { kernel: { language: '', name: 'pysparkkernel', display_name: 'Sparkmagic (PySpark)' } }).replace('"metadata": {\n  "kernelspec"', '"metadata": {\n  "language_info": {"name": "pyspark"},\n  "kernelspec"');
    const result = await analyze(json);
    assert.deepEqual(result.findings.map(cellPlace), ['unsafe-model-deserialization cell 1:2:1']);
  });

  it('keeps a syntax error in one cell from swallowing the cells after it', async () => {
    const result = await analyze(notebook([CLIENT, 'x = foo(\n    a=1,\n    b="oops\n', CALL, 'import torch\ntorch.load("m.pt")\n']));
    assert.deepEqual(result.findings.map(cellPlace), ['bedrock-call-without-guardrail cell 3:1:20', 'llm-call-without-max-tokens cell 3:1:20', 'unsafe-model-deserialization cell 4:2:1']);
    assert.deepEqual(result.problems.map((p) => [p.message, p.cell?.index]), [['syntax error in cell 2 (line 1); the cell is not checked, so that the cells after it are', 1]]);
    // An error that stays in its cell keeps the rest of that cell checked, as in a `.py` file.
    const contained = await analyze(notebook(['import torch\ntorch.load("m.pt")\nx = = 1\n', 'y = 2\n']));
    assert.deepEqual(contained.findings.map(cellPlace), ['unsafe-model-deserialization cell 1:2:1']);
    assert.deepEqual(contained.problems.map((p) => [p.kind, p.cell?.index]), [['parse', 0]]);
  });

  it('checks a notebook without kernel information as Python', async () => {
    const result = await analyze(notebook(['import pickle\npickle.load(f)\n'], { kernel: null }));
    assert.deepEqual(result.findings.map(cellPlace), ['unsafe-model-deserialization cell 1:2:1']);
  });

  it('reports a cell whose source cannot be read, and checks the others', async () => {
    const result = await analyze(notebook(['import pickle\n', { source: { text: 'x' } }, 'pickle.load(f)\n']));
    assert.deepEqual(result.findings.map(cellPlace), ['unsafe-model-deserialization cell 3:1:1']);
    assert.deepEqual(result.problems.map((p) => [p.kind, p.message, p.cell?.index]), [['parse', 'cell 2: its source is neither a string nor a list of strings; the cell is not checked', 1]]);
  });

  it('checks a notebook with 20 MB of outputs, and skips one whose code is over the size limit', async () => {
    const image = 'iVBORw0KGgoAAAANSUhEUgAA'.repeat(20 * 1024 * 1024 / 24);
    const big = notebook(['import torch\n', { source: 'model = torch.load("m.pt")\n', outputs: [{ output_type: 'display_data', data: { 'image/png': image }, metadata: {} }] }]);
    assert.ok(big.length > 20 * 1024 * 1024);
    const result = await analyze(big);
    assert.deepEqual(result.findings.map(cellPlace), ['unsafe-model-deserialization cell 2:1:9']);
    const code = 'x = 1\n'.repeat(400_000);
    const tooMuchCode = await analyze(notebook([code]));
    assert.deepEqual(tooMuchCode.problems.map((p) => p.message), ['skipped: its code cells are larger than 2 MB']);
  });

  it('gives the same result twice, and never throws on truncated notebooks', async () => {
    const json = notebook([CLIENT, CALL, '%%writefile x.py\nimport pickle\npickle.load(f)\n']);
    assert.deepEqual(JSON.stringify(await analyze(json)), JSON.stringify(await analyze(json)));
    for (let end = 0; end < json.length; end += 7) {
      const result = await analyze(json.slice(0, end));
      for (const f of result.findings) assert.ok(f.span.end <= end);
    }
  });
});

describe('notebooks in the workspace', () => {
  it('count as checked files, and cross-file rules see their modules: feature lists, deployments, bias evaluations', async () => {
    const features = 'FEATURES = ["income", "age", "gender", "tenure"]\nmodel.fit(df[FEATURES], df["approved"])\n';
    const deploy = 'from sagemaker.model import Model\npredictor = Model(image_uri=img, model_data=data, role=role).deploy(initial_instance_count=2, instance_type="ml.m5.large")\n';
    const dir = tempDir({ 'credit/train.ipynb': notebook([{ kind: 'markdown', source: '# Credit' }, 'import sagemaker\n' + features, deploy]) });
    const e = await engine;
    const first = scan(e, [dir], DEFAULT_OPTIONS);
    assert.equal(first.scanned, 1);
    const findings = first.files[0].result.findings.filter((f) => ['sensitive-attributes-without-bias-evaluation', 'decisions-about-people-without-explainability'].includes(f.ruleId));
    assert.deepEqual(findings.map(cellPlace), ['sensitive-attributes-without-bias-evaluation cell 2:2:23', 'decisions-about-people-without-explainability cell 3:2:62']);
    assert.ok(findings[1].related?.every((r) => r.path.endsWith('train.ipynb') && r.cell), 'related places are in the notebook and its cells');

    const clarify = 'from sagemaker import clarify\nprocessor.run_bias(data_config, bias_config=clarify.BiasConfig(label_values_or_threshold=[1], facet_name="gender"), model_config=model_config)\n';
    fs.writeFileSync(path.join(dir, 'credit/bias.ipynb'), notebook([clarify]));
    const second = scan(e, [dir], DEFAULT_OPTIONS);
    assert.equal(second.scanned, 2);
    const ruleIds = second.files.flatMap((f) => f.result.findings.map((x) => x.ruleId));
    assert.ok(!ruleIds.includes('sensitive-attributes-without-bias-evaluation'), 'a notebook that evaluates bias is bias evidence for the workspace');
    assert.ok(!ruleIds.includes('decisions-about-people-without-explainability'));
  });

  it('reports the other cross-file Python rules in notebooks: Bedrock without invocation logging, packages approved in code', async () => {
    const register = 'model.register(content_types=["text/csv"], response_types=["text/csv"], model_package_group_name="credit", approval_status="Approved")\n';
    const dir = tempDir({
      'main.tf': 'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n',
      'chat.ipynb': notebook([CLIENT, CALL]),
      'train.ipynb': notebook(['from sagemaker.model import Model\nmodel = Model(image_uri=img, model_data=data, role=role)\n', register]),
    });
    const report = scan(await engine, [dir], DEFAULT_OPTIONS);
    const places = report.files.flatMap((file) =>
      file.result.findings.filter((f) => ['bedrock-without-invocation-logging', 'model-package-approved-in-code'].includes(f.ruleId)).map((f) => `${file.path} ${cellPlace(f)}`),
    );
    assert.deepEqual(places, ['chat.ipynb bedrock-without-invocation-logging cell 2:1:20', 'train.ipynb model-package-approved-in-code cell 2:1:108']);
    const approved = report.files.find((f) => f.path === 'train.ipynb')!.result.findings.find((f) => f.ruleId === 'model-package-approved-in-code')!;
    const fixed = applyEdits(notebook(['from sagemaker.model import Model\nmodel = Model(image_uri=img, model_data=data, role=role)\n', register]), approved.fixes[0].edits);
    assert.equal(cellSources(fixed)[1], register.replace('"Approved"', '"PendingManualApproval"'));
  });

  it("leaves out Jupyter's checkpoint copies of notebooks", async () => {
    const nb = notebook(['import pickle\npickle.load(f)\n']);
    const dir = tempDir({ 'nb.ipynb': nb, '.ipynb_checkpoints/nb-checkpoint.ipynb': nb });
    assert.deepEqual(scan(await engine, [dir], DEFAULT_OPTIONS).files.map((f) => f.path), ['nb.ipynb']);
  });

  it('prints `cell N:line:col` under the notebook (`path.ipynb:cell N:line:col` when concise), counts other kernels as not checked and lists broken notebooks with their reason', () => {
    const dir = tempDir({
      'nb.ipynb': notebook(['import torch\n', 'x = 1\nmodel = torch.load("m.pt")\n']),
      'r.ipynb': notebook(['x <- 1\n'], { kernel: { language: 'R', name: 'ir' } }),
      'broken.ipynb': '{"cells": [',
    });
    const { stdout } = cli(['scan', '.'], dir);
    assert.match(stdout, /^nb\.ipynb\n {2}cell 2:2:9 {2}warning {2}unsafe-model-deserialization {2}`torch\.load`/m);
    assert.match(stdout, /^broken\.ipynb {2}skipped {2}not valid JSON/m);
    assert.match(stdout, /; 1 file checked, 1 skipped \(not valid JSON\), 1 R notebook not checked\n$/);
    const concise = cli(['scan', '.', '--format', 'concise'], dir).stdout;
    assert.match(concise, /^nb\.ipynb:cell 2:2:9: warning unsafe-model-deserialization `torch\.load` .* \(MLSEC05-BP01\)$/m);
    assert.match(concise, /^broken\.ipynb: skipped not valid JSON/m);
    const json = JSON.parse(cli(['scan', '.', '--format', 'json'], dir).stdout);
    assert.deepEqual(json.notChecked, [{ path: 'r.ipynb', kind: 'R notebook' }]);
  });

  it('writes JSON with the cell, and SARIF regions on the code line of the file with the cell in properties', () => {
    const json = notebook(['import torch\n', 'x = 1\nmodel = torch.load("m.pt")\n']);
    const dir = tempDir({ 'nb.ipynb': json });
    const line = new LineIndex(json).position(json.indexOf('"model = torch.load')).line + 1;
    const report = JSON.parse(cli(['scan', '.', '--format', 'json'], dir).stdout);
    assert.deepEqual(report.findings.map((f: { line: number; cell: unknown }) => [f.line, f.cell]), [[line, { index: 2, line: 2, column: 9, endLine: 2, endColumn: 19 }]]);
    const sarif = JSON.parse(cli(['scan', '.', '--format', 'sarif'], dir).stdout);
    const [result] = sarif.runs[0].results;
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'nb.ipynb');
    assert.equal(result.locations[0].physicalLocation.region.startLine, line);
    assert.equal(json.split('\n')[line - 1].slice(result.locations[0].physicalLocation.region.startColumn - 1).startsWith('torch.load'), true);
    assert.deepEqual(result.properties.cell, { index: 2, line: 2, column: 9, endLine: 2, endColumn: 19 });
    // The fingerprint follows the line of code, not the JSON around it.
    const moved = tempDir({ 'nb.ipynb': notebook(['import torch\n', '# a comment\nx = 1\nmodel = torch.load("m.pt")\n'], { indent: 2 }) });
    const movedResult = JSON.parse(cli(['scan', '.', '--format', 'sarif'], moved).stdout).runs[0].results[0];
    assert.deepEqual(movedResult.partialFingerprints, result.partialFingerprints);
  });

  it('places SARIF suppressions of notebook findings on their comment in the file', () => {
    const json = notebook(['import torch\nmodel = torch.load("m.pt")  # ai-lens: ignore[unsafe-model-deserialization] -- signed artifacts\n']);
    const dir = tempDir({ 'nb.ipynb': json });
    const [result] = JSON.parse(cli(['scan', '.', '--format', 'sarif'], dir).stdout).runs[0].results;
    const [suppression] = result.suppressions;
    assert.equal(suppression.kind, 'inSource');
    const region = suppression.location.physicalLocation.region;
    assert.ok(json.split('\n')[region.startLine - 1].slice(region.startColumn - 1).startsWith('# ai-lens: ignore'));
  });

  it('counts notebooks as workload files in the lens review report', () => {
    const dir = tempDir({ 'nb.ipynb': notebook([CLIENT, CALL]), 'README.md': '# x' });
    const report = JSON.parse(cli(['report', '.', '--format', 'json', '--no-config'], dir).stdout);
    assert.equal(report.files, 1);
    const practice = report.lenses.flatMap((l: { groups: { questions: { practices: { id: string; findings: { path: string; cell?: unknown }[] }[] }[] }[] }) => l.groups.flatMap((g) => g.questions.flatMap((q) => q.practices))).find((p: { id: string }) => p.id === 'GENSEC02-BP01');
    assert.equal(practice.findings[0].path, 'nb.ipynb');
    assert.ok(practice.findings[0].cell, 'the finding names its cell');
    const markdown = cli(['report', '.', '--no-config'], dir).stdout;
    assert.match(markdown, /nb\.ipynb:cell 2:1:20/);
  });
});
