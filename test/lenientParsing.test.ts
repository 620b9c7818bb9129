// Parsers as lenient as the tools that run the code: CloudFormation's multi-line quoted scalars (PyYAML reads them),
// one problem for YAML that is really broken with what comes before it kept, and `&` in JSX text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import { extractCloudFormation } from '../server/src/engine/extract/cloudformation';
import { stringOf } from '../server/src/engine/values';

const engine = Engine.create();

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: "Chat endpoint\n  and its notebook"\nResources:\n';
const FUNCTION =
  '  Handler:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n' +
  '      Code:\n        ZipFile: "import json\ndef handler(event, context):\n  return {\'statusCode\': 200}"\n';
const NOTEBOOK = (name: string) => `  ${name}:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      RoleArn: !GetAtt Role.Arn\n`;

function resourcesOf(text: string) {
  const facts = extractCloudFormation(text, false);
  return { names: facts.resources.map((r) => r.name), problems: facts.problems.map((p) => p.message), facts };
}

describe('CloudFormation YAML as PyYAML reads it', () => {
  it('a double-quoted scalar whose continuation lines are not indented: no problem, nothing after it lost', () => {
    const { names, problems, facts } = resourcesOf(HEAD + FUNCTION + NOTEBOOK('Research'));
    assert.deepEqual(problems, []);
    assert.deepEqual(names, ['Handler', 'Research']);
    const code = facts.resources[0].props.props.get('Code')!.value;
    assert.equal(code.kind, 'object');
    // Folded as PyYAML folds it: each line break a space, leading spaces of the next line dropped.
    assert.equal(stringOf(code.kind === 'object' ? code.props.get('ZipFile')?.value : undefined), "import json def handler(event, context): return {'statusCode': 200}");
  });

  it('single quotes, escapes and blank lines fold as YAML says', () => {
    const text = HEAD + "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: 'it''s\nthe\n\nalerts'\n" + NOTEBOOK('Research');
    const { names, problems, facts } = resourcesOf(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(names, ['Topic', 'Research']);
    assert.equal(stringOf(facts.resources[0].props.props.get('DisplayName')?.value), "it's the\nalerts");
  });

  it('the notebook after the quoted scalar is still checked, with findings on the right line', async () => {
    const text = HEAD + FUNCTION + NOTEBOOK('Research');
    const findings = (await engine).analyze({ path: 'template.yaml', text }).findings;
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.range.start.line === text.split('\n').indexOf('  Research:')), findings.map((f) => `${f.range.start.line} ${f.ruleId}`).join('\n'));
  });

  it('well-indented YAML reads as before (the twin)', () => {
    const text = HEAD.replace('\n  and', ' and') + NOTEBOOK('Research');
    assert.deepEqual(resourcesOf(text).problems, []);
    assert.deepEqual(resourcesOf(text).names, ['Research']);
  });

  it('really broken YAML: one problem, at the first error, and the resources before it kept', () => {
    const broken = '  Broken:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n\tInstanceType: [ml.t3\n';
    const { names, problems } = resourcesOf(HEAD + NOTEBOOK('First') + broken + NOTEBOOK('After') + 'Outputs:\n  X: [unclosed\n');
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.deepEqual(names, ['First'], 'the resource the error cuts short, and everything after, are left out');
  });

  it('an unclosed quote with no closing quote anywhere stays one problem', () => {
    const { problems, names } = resourcesOf(HEAD + NOTEBOOK('First') + '  Second:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "never closed\n');
    assert.equal(problems.length, 1);
    assert.deepEqual(names, ['First']);
  });
});

describe('`&` in JSX text', () => {
  const component = (text: string) =>
    'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n' +
    `export function Footer() {\n  return <p>${text}</p>;\n}\n` +
    'export function Ask({ q }) {\n  return <button onClick={() => client.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user", content: [{ text: q }] }] }))}>Ask</button>;\n}\n';

  for (const file of ['Footer.jsx', 'Footer.tsx', 'footer.js']) {
    it(`is text, not a syntax error (${file}), and what follows is still read`, async () => {
      const result = (await engine).analyze({ path: file, text: component('Terms & conditions apply. R&D and Q&A teams') });
      assert.deepEqual(result.problems, []);
      assert.ok(result.findings.some((f) => f.ruleId === 'bedrock-call-without-guardrail' && f.range.start.line === 6));
    });
  }

  it('character references and operators are left alone (the twins)', async () => {
    const code = component('Terms &amp; conditions') + 'export const both = (a, b) => a && b;\nlet flags = 1;\nflags &= 2;\nconst masked = flags & 4;\n';
    const result = (await engine).analyze({ path: 'Footer.jsx', text: code });
    assert.deepEqual(result.problems, []);
  });

  it('a real syntax error is still reported', async () => {
    const result = (await engine).analyze({ path: 'Footer.jsx', text: component('Terms & conditions') + 'const broken = (a, b;\n' });
    assert.equal(result.problems.filter((p) => p.kind === 'parse').length > 0, true);
  });
});
