// What the fuzzer starts from: the examples workspace, every case of the rule tables, and generated hostile files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectRuleTablesOnly, ruleTables } from '../ruleTester';
import { aliasBomb, type FuzzFile } from './mutators';
import type { Random } from './random';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Seed files: examples/ and the code of every valid and invalid rule-table case (and its fixed output). */
export function loadSeeds(): FuzzFile[] {
  const seeds: FuzzFile[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (!entry.name.endsWith('.md')) seeds.push({ path: path.relative(ROOT, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  visit(path.join(ROOT, 'examples'));
  collectRuleTablesOnly();
  const rulesDir = path.join(__dirname, '..', 'rules');
  for (const file of fs.readdirSync(rulesDir).filter((f) => f.endsWith('.test.js')).sort()) require(path.join(rulesDir, file));
  for (const { ruleId, cases } of ruleTables) {
    for (const c of [...cases.valid, ...cases.invalid]) seeds.push({ path: `rules/${ruleId}/${c.filename}`, text: c.code });
    for (const c of cases.invalid) if (typeof c.output === 'string') seeds.push({ path: `rules/${ruleId}/fixed/${c.filename}`, text: c.output });
  }
  return seeds;
}

export interface Generator {
  name: string;
  make(rng: Random, scale: number): FuzzFile;
}

const CFN_HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n';

/** Files built to hurt: each aims at one way a parser or an extractor can blow up in time, stack or memory. */
export const GENERATORS: readonly Generator[] = [
  {
    name: 'cfn-alias-bomb',
    make: (rng) => ({
      path: 'bomb.yaml',
      text: CFN_HEAD + aliasBomb(rng.int(5, 15), rng.int(5, 12)) + `Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      Tags: *l${rng.int(1, 5)}\n      Other: *l5\n`,
    }),
  },
  {
    name: 'cfn-merge-key-chain',
    make: (rng, scale) => {
      let text = CFN_HEAD + 'base0: &b0 {DirectInternetAccess: Enabled}\n';
      const n = rng.size(Math.min(scale, 500));
      for (let i = 1; i <= n; i++) text += `base${i}: &b${i}\n  <<: *b${i - 1}\n  K${i}: v\n`;
      return { path: 'merge.yaml', text: text + `Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      <<: *b${n}\n` };
    },
  },
  {
    name: 'cfn-deep-json',
    make: (rng, scale) => {
      const depth = rng.size(scale * 4);
      return { path: 'deep.json', text: `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": ${'{"a": '.repeat(depth)}1${'}'.repeat(depth)}}}}` };
    },
  },
  {
    name: 'cfn-minified-one-line',
    make: (rng, scale) => {
      const resources = Array.from({ length: rng.size(scale) }, (_, i) => `"R${i}": {"Type": "AWS::SageMaker::EndpointConfig", "Properties": {"ProductionVariants": [{"ModelName": "m", "VariantName": "v"}]}}`);
      return { path: 'min.json', text: `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{${resources.join(',')}}}` };
    },
  },
  {
    name: 'tf-deep-blocks',
    make: (rng, scale) => {
      const depth = rng.size(scale * 2);
      return { path: 'deep.tf', text: `resource "aws_sagemaker_notebook_instance" "nb" {\n${'  a {\n'.repeat(depth)}${'  }\n'.repeat(depth)}}\n` };
    },
  },
  {
    name: 'tf-deep-expression',
    make: (rng, scale) => {
      const depth = rng.size(scale * 2);
      const [open, close] = rng.pick([['[', ']'], ['{ a = ', ' }'], ['(', ')']]);
      return { path: 'deep.tf', text: `resource "aws_sagemaker_notebook_instance" "nb" {\n  tags = ${open.repeat(depth)}1${close.repeat(depth)}\n}\n` };
    },
  },
  {
    name: 'tf-huge-heredoc',
    make: (rng, scale) => {
      const body = 'x'.repeat(rng.size(scale * 200)) + '\n';
      return { path: 'heredoc.tf', text: `resource "aws_iam_policy" "p" {\n  policy = <<EOT\n${body.repeat(rng.int(1, 20))}EOT\n}\nresource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n}\n` };
    },
  },
  {
    name: 'tf-many-resources',
    make: (rng, scale) => ({
      path: 'many.tf',
      text: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n}\n'.repeat(rng.size(scale)),
    }),
  },
  {
    name: 'py-chained-calls',
    make: (rng, scale) => ({ path: 'chain.py', text: 'import boto3\nrt = boto3.client("bedrock-runtime")\nx = rt' + '.converse(modelId=M)'.repeat(rng.size(scale)) + '\n' }),
  },
  {
    name: 'py-name-fan-out',
    make: (rng, scale) => {
      const levels = rng.int(3, 12);
      const width = rng.size(Math.min(scale, 60));
      let text = 'import boto3\n';
      for (let i = 0; i < levels; i++) text += `v${i} = {${Array.from({ length: width }, (_, j) => `"k${j}": v${i + 1}`).join(', ')}}\n` + `c${i} = c${i + 1}\n`.repeat(width);
      return { path: 'fanout.py', text: text + `v${levels} = {"maxTokens": 1}\nc${levels} = boto3.client("bedrock-runtime")\nc0.converse(modelId=M, inferenceConfig=v0)\n` };
    },
  },
  {
    name: 'py-deep-brackets',
    make: (rng, scale) => {
      const depth = rng.size(scale * 4);
      return { path: 'deep.py', text: `import torch\nx = ${'['.repeat(depth)}${rng.chance(0.5) ? ']'.repeat(depth) : ''}\ntorch.load(p)\n` };
    },
  },
  {
    name: 'py-many-calls',
    make: (rng, scale) => ({
      path: 'wide.py',
      text: 'import boto3\nrt = boto3.client("bedrock-runtime")\n' + 'rt.converse(modelId=M, messages=m)\n'.repeat(rng.size(scale * 2)),
    }),
  },
  {
    name: 'ts-deep-objects',
    make: (rng, scale) => {
      const depth = rng.size(scale * 4);
      return { path: 'deep.ts', text: `import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nnew ConverseCommand(${'{a: '.repeat(depth)}1${'}'.repeat(depth)});\n` };
    },
  },
  {
    name: 'ts-name-fan-out',
    make: (rng, scale) => {
      const levels = rng.int(3, 12);
      const width = rng.size(Math.min(scale, 60));
      let text = 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\n';
      for (let i = 0; i < levels; i++) text += `const v${i} = {${Array.from({ length: width }, (_, j) => `k${j}: v${i + 1}`).join(', ')}, v${i + 1}};\n`;
      return { path: 'fanout.ts', text: text + `const v${levels} = { maxTokens: 1 };\nnew ConverseCommand({ modelId: M, inferenceConfig: v0 });\n` };
    },
  },
  {
    name: 'ts-template-nesting',
    make: (rng, scale) => {
      const depth = rng.size(scale);
      return { path: 'tpl.ts', text: `const s = ${'`${'.repeat(depth)}x${'}`'.repeat(depth)};\n` };
    },
  },
  {
    // Valid notebook JSON around hostile cells: magics in odd places, unclosed brackets and strings that run into
    // later cells, %%writefile paths, sources of the wrong type, escapes, and large outputs.
    name: 'ipynb-hostile-cells',
    make: (rng, scale) => {
      const pieces = [
        '%pip install boto3\n', '!ls\n', 'x = !ls\n', 'client.converse?\n', 'if a:\n    !pip install x\n', '%%time\n', '%time y = f()\n',
        'import torch\ntorch.load(p)\n', 'f(\n', 's = """\n', "t = '\\u00e9\\ud83d\\ude00'\n", 'pip install x\n', '%%writefile ../../x.py\nimport pickle\npickle.load(f)\n',
        '%%bash\nls\n', '# ai-lens: ignore[unsafe-model-deserialization] -- ok\n', '\\\n', '    \n', '%%writefile {d}/y.py\nx = 1\n',
      ];
      const cells = Array.from({ length: rng.size(Math.min(scale, 60)) + 1 }, () => {
        const text = Array.from({ length: rng.int(1, 4) }, () => rng.pick(pieces)).join('');
        const source = rng.chance(0.05) ? rng.pick<unknown>([42, null, { a: 1 }, [1, 'x'], [['x']]]) : rng.chance(0.5) ? text : text.match(/[^\n]*\n|[^\n]+/g);
        const outputs = rng.chance(0.2) ? [{ output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.repeat(rng.size(scale * 10)) }, metadata: {} }] : [];
        return { cell_type: rng.chance(0.8) ? 'code' : 'markdown', metadata: rng.chance(0.1) ? { vscode: { languageId: rng.pick(['sql', 'python', 'r']) } } : {}, outputs, source };
      });
      const kernel = rng.chance(0.9) ? { language: 'python', name: 'python3' } : { language: rng.pick(['R', '', 'julia']), name: 'x' };
      return { path: 'hostile.ipynb', text: JSON.stringify({ cells, metadata: { kernelspec: kernel }, nbformat: rng.pick([4, 4, 4, 3, 2]), nbformat_minor: 5 }, null, rng.pick([0, 1, 2])) };
    },
  },
  {
    name: 'binary-named-source',
    make: (rng) => {
      const bytes = Buffer.alloc(rng.size(20000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
      return { path: rng.pick(['model.py', 'weights.tf', 'blob.yaml', 'x.ts']), text: bytes.toString('latin1') };
    },
  },
  {
    name: 'empty-and-whitespace',
    make: (rng) => ({ path: rng.pick(['a.py', 'a.tf', 'a.yaml', 'a.json', 'a.ts']), text: rng.pick(['', '\n', '\ufeff', '\r\n\r\n', ' '.repeat(rng.size(10000)), '\n'.repeat(rng.size(10000))]) }),
  },
];
