// Output filtering as a data flow (issue 16, item 4): a generation call is guarded when its output reaches
// ApplyGuardrail on the output (or a moderation call) anywhere in the project along the flow; ApplyGuardrail on the
// input, or on other text, guards nothing, in the same file or another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor } from '../ruleTester';
import { scanWorkspace } from './workspace';

const GUARDRAIL = 'bedrock-call-without-guardrail';

const llm = [
  'import boto3',
  '',
  'client = boto3.client("bedrock-runtime")',
  '',
  '',
  'def generate(question):',
  '    response = client.converse(modelId="amazon.nova-pro-v1:0", messages=[{"role": "user", "content": [{"text": question}]}], inferenceConfig={"maxTokens": 400})',
  '    return response["output"]["message"]["content"][0]["text"]',
  '',
].join('\n');

const validation = (source: string, checked = 'text') =>
  [
    'import boto3',
    '',
    'runtime = boto3.client("bedrock-runtime")',
    '',
    '',
    'def check(text):',
    `    result = runtime.apply_guardrail(guardrailIdentifier="gr-1", guardrailVersion="2", source="${source}", content=[{"text": {"text": ${checked}}}])`,
    '    return result["action"] != "GUARDRAIL_INTERVENED"',
    '',
  ].join('\n');

const api = [
  'from app.llm import generate',
  'from app.validation import check',
  '',
  '',
  'def handler(event, context):',
  '    answer = generate(event["question"])',
  '    if not check(answer):',
  '        return {"statusCode": 422, "body": "blocked"}',
  '    return {"statusCode": 200, "body": answer}',
  '',
].join('\n');

describe('Python: output filtered in another module', () => {
  it('is guarded when its output reaches ApplyGuardrail on OUTPUT through two modules', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'app/llm.py': llm, 'app/validation.py': validation('OUTPUT'), 'app/api.py': api })).labels, []);
  });

  it('is not guarded by ApplyGuardrail on INPUT', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'app/llm.py': llm, 'app/validation.py': validation('INPUT'), 'app/api.py': api })).labels, [`app/llm.py:7 ${GUARDRAIL}`]);
  });

  it('is not guarded by ApplyGuardrail on other text', async () => {
    const other = validation('OUTPUT', '"test prompt"');
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'app/llm.py': llm, 'app/validation.py': other, 'app/api.py': api })).labels, [`app/llm.py:7 ${GUARDRAIL}`]);
  });

  it('is not guarded when the output goes elsewhere', async () => {
    const unchecked = api.replace('    if not check(answer):\n        return {"statusCode": 422, "body": "blocked"}\n', '    check(event["question"])\n');
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'app/llm.py': llm, 'app/validation.py': validation('OUTPUT'), 'app/api.py': unchecked })).labels, [`app/llm.py:7 ${GUARDRAIL}`]);
  });

  it('is guarded by a moderation call the output reaches', async () => {
    const moderation = 'from openai import OpenAI\nclient = OpenAI(timeout=30)\ndef check(text):\n    return not client.moderations.create(model="omni-moderation-latest", input=text).results[0].flagged\n';
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'app/llm.py': llm, 'app/validation.py': moderation, 'app/api.py': api })).labels, []);
  });
});

describe('Python: output passed through helpers in the same file', () => {
  // A grader: the answer goes through a helper with several returns, then into a score parser. The file's check
  // judges the call; the workspace check must not judge it again from the kept facts (it once reported it twice).
  const grader = [
    'import re',
    '',
    'import boto3',
    '',
    'runtime = boto3.client("bedrock-runtime")',
    '',
    '',
    'def score_of(text):',
    '    match = re.search(r"(\\d+)", text.strip())',
    '    if match:',
    '        return float(match.group(1)) / 10',
    '    return 0.5',
    '',
    '',
    'def first_text(blocks):',
    '    for block in blocks:',
    '        if block.get("text", ""):',
    '            return block.get("text")',
    '    return ""',
    '',
    '',
    'def grade(answer):',
    '    response = runtime.converse(modelId=JUDGE, messages=[{"role": "user", "content": [{"text": answer}]}], inferenceConfig={"maxTokens": 100})',
    '    blocks = response.get("output", {}).get("message", {}).get("content", [])',
    '    return score_of(first_text(blocks))',
    '',
  ].join('\n');

  it('reports an unguarded call once, with every rule on as with only its own', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'grader.py': grader }, true)).labels, [`grader.py:23 ${GUARDRAIL}`]);
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'grader.py': grader })).labels, [`grader.py:23 ${GUARDRAIL}`]);
  });
});

describe('Python: a wrapper whose callers filter its output or not', () => {
  const wrapper = 'import boto3\nclient = boto3.client("bedrock-runtime")\ndef chat(**kwargs):\n    return client.converse(**kwargs)\n';
  const routes = [
    'from app.client import chat',
    'from app.validation import check',
    '',
    'def checked(q):',
    '    out = chat(modelId="amazon.nova-micro-v1:0", messages=q, inferenceConfig={"maxTokens": 100})',
    '    check(out["output"]["message"]["content"][0]["text"])',
    '    return out',
    '',
    'def unchecked(q):',
    '    return chat(modelId="amazon.nova-micro-v1:0", messages=q, inferenceConfig={"maxTokens": 100})',
    '',
  ].join('\n');
  it('is reported at the caller that does not filter, not at the one that does', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'app/client.py': wrapper, 'app/validation.py': validation('OUTPUT'), 'app/routes.py': routes })).labels, [`app/routes.py:10 ${GUARDRAIL}`]);
  });
});

describe('Python: ApplyGuardrail in the same file', () => {
  const header = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';
  it('guards nothing when it checks unrelated text (test prompts)', async () => {
    const code =
      header +
      'def smoke_test():\n    for prompt in TEST_PROMPTS:\n        bedrock.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": prompt}}])\n' +
      'def answer(q):\n    out = bedrock.converse(modelId=M, messages=q)\n    print(out["output"]["message"]["content"][0]["text"])\n';
    assert.deepEqual((await findingsFor(GUARDRAIL, 'app.py', code)).map((f) => f.range.start.line + 1), [7]);
  });

  it('guards the call whose output it checks', async () => {
    const code =
      header +
      'def answer(q):\n    out = bedrock.converse(modelId=M, messages=q)["output"]["message"]["content"][0]["text"]\n' +
      '    verdict = bedrock.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": out}}])\n    print(out)\n';
    assert.deepEqual(await findingsFor(GUARDRAIL, 'app.py', code), []);
  });
});

const tsLlm = [
  'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";',
  '',
  'const client = new BedrockRuntimeClient({});',
  '',
  'export async function generate(question: string): Promise<string> {',
  '  const res = await client.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user", content: [{ text: question }] }], inferenceConfig: { maxTokens: 300 } }));',
  '  return res.output?.message?.content?.[0]?.text ?? "";',
  '}',
  '',
].join('\n');

const tsGuard = (source: string) =>
  [
    'import { ApplyGuardrailCommand, BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";',
    '',
    'const runtime = new BedrockRuntimeClient({});',
    '',
    'export async function checkOutput(text: string) {',
    `  const res = await runtime.send(new ApplyGuardrailCommand({ guardrailIdentifier: "gr-1", guardrailVersion: "1", source: "${source}", content: [{ text: { text } }] }));`,
    '  return res.action !== "GUARDRAIL_INTERVENED";',
    '}',
    '',
  ].join('\n');

const tsRoute = [
  'import { generate } from "../lib/llm";',
  'import { checkOutput } from "../lib/guard";',
  '',
  'export async function POST(req: Request) {',
  '  const { question } = await req.json();',
  '  const answer = await generate(question);',
  '  if (!(await checkOutput(answer))) return Response.json({ error: "blocked" }, { status: 422 });',
  '  return Response.json({ answer });',
  '}',
  '',
].join('\n');

describe('TypeScript: output filtered in another module', () => {
  it('is guarded when its output reaches ApplyGuardrailCommand on OUTPUT', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'src/lib/llm.ts': tsLlm, 'src/lib/guard.ts': tsGuard('OUTPUT'), 'src/api/route.ts': tsRoute })).labels, []);
  });

  it('is not guarded by ApplyGuardrailCommand on INPUT', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'src/lib/llm.ts': tsLlm, 'src/lib/guard.ts': tsGuard('INPUT'), 'src/api/route.ts': tsRoute })).labels, [`src/lib/llm.ts:6 ${GUARDRAIL}`]);
  });
});
