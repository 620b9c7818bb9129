// Requests written in one function and sent by another (issue 16, item 3): wrappers that pass their parameters on to
// a Bedrock call, in another file and through more than one function. The finding lands where the request is written,
// with the call that sends it (and the wrappers between) as related places, and its fix edits that place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relatedOf, scanWorkspace } from './workspace';

const GUARDRAIL = 'bedrock-call-without-guardrail';
const MAX_TOKENS = 'llm-call-without-max-tokens';

const client = [
  'import json',
  'import boto3',
  '',
  'client = boto3.client("bedrock-runtime")',
  '',
  '',
  'def chat(**kwargs):',
  '    return client.converse(**kwargs)',
  '',
  '',
  'def converse_with_retry(payload, attempts=3):',
  '    for attempt in range(attempts):',
  '        try:',
  '            return client.converse(**payload)',
  '        except client.exceptions.ThrottlingException:',
  '            if attempt == attempts - 1:',
  '                raise',
  '',
  '',
  'def invoke(model_id, body):',
  '    return client.invoke_model(modelId=model_id, body=json.dumps(body), guardrailIdentifier=GUARDRAIL_ID, guardrailVersion="1")',
  '',
].join('\n');

const service = [
  'from app.bedrock_client import chat, converse_with_retry, invoke',
  '',
  'MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0"',
  'GUARD = {"guardrailIdentifier": "gr-123", "guardrailVersion": "1"}',
  '',
  '',
  'def answer(question):',
  '    return chat(modelId=MODEL, messages=[{"role": "user", "content": [{"text": question}]}])',
  '',
  '',
  'def answer_checked(question):',
  '    return chat(modelId=MODEL, messages=[{"role": "user", "content": [{"text": question}]}], guardrailConfig=GUARD, inferenceConfig={"maxTokens": 300})',
  '',
  '',
  'def summarize(text):',
  '    payload = {"modelId": MODEL, "messages": [{"role": "user", "content": [{"text": text}]}]}',
  '    payload["system"] = [{"text": "Summarize in three sentences."}]',
  '    return converse_with_retry(payload)',
  '',
  '',
  'def ask(**kwargs):',
  '    return chat(**kwargs)',
  '',
  '',
  'def route(question):',
  '    return ask(modelId=MODEL, messages=[{"role": "user", "content": [{"text": question}]}], guardrailConfig=GUARD)',
  '',
  '',
  'def vector(text):',
  '    return invoke("amazon.titan-embed-text-v2:0", {"inputText": text})',
  '',
  '',
  'def complete(prompt):',
  '    return invoke(MODEL, {"anthropic_version": "bedrock-2023-05-31", "messages": [{"role": "user", "content": prompt}]})',
  '',
].join('\n');

const python = { 'app/__init__.py': '', 'app/bedrock_client.py': client, 'app/service.py': service };

describe('Python wrappers across files', () => {
  it('reports a missing guardrail where the request is written, not in the wrapper', async () => {
    const { labels, findings } = await scanWorkspace(GUARDRAIL, python);
    assert.deepEqual(labels, [`app/service.py:18 ${GUARDRAIL}`, `app/service.py:8 ${GUARDRAIL}`]);
    const answer = findings.find((f) => f.finding.range.start.line === 7)!.finding;
    assert.match(answer.message, /^`chat` \(which sends `converse`, bedrock_client\.py line 8\) has no `guardrailConfig`/);
    assert.deepEqual(relatedOf(answer), ['bedrock_client.py:8 the request is sent here by `client.converse`']);
  });

  it('reports a missing limit where the request is written, through two wrappers and in a body passed on', async () => {
    const { labels, findings } = await scanWorkspace(MAX_TOKENS, python);
    assert.deepEqual(labels, [`app/service.py:18 ${MAX_TOKENS}`, `app/service.py:26 ${MAX_TOKENS}`, `app/service.py:34 ${MAX_TOKENS}`, `app/service.py:8 ${MAX_TOKENS}`]);
    const route = findings.find((f) => f.finding.range.start.line === 25)!.finding;
    assert.deepEqual(relatedOf(route), ['bedrock_client.py:8 the request is sent here by `client.converse`', 'service.py:22 passed on by `chat`']);
    const complete = findings.find((f) => f.finding.range.start.line === 33)!.finding;
    assert.match(complete.message, /`invoke` \(which sends `invoke_model`, bedrock_client\.py line 21\) request body sets no output-token limit \(`max_tokens` for this model\)/);
  });

  it('fixes each request where it is written, and the fixed workspace passes', async () => {
    for (const rule of [GUARDRAIL, MAX_TOKENS]) {
      const { fixed } = await scanWorkspace(rule, python);
      assert.equal(fixed['app/bedrock_client.py'], client, 'the wrapper is left as it is');
      assert.deepEqual((await scanWorkspace(rule, fixed)).labels, [], `${rule}: the fixed workspace passes`);
    }
    const { fixed } = await scanWorkspace(MAX_TOKENS, python);
    assert.match(fixed['app/service.py'], /"content": prompt\}\], "max_tokens": 1024\}\)/);
  });

  it('stays silent on a wrapper nobody calls: its request is not known', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'app/bedrock_client.py': client })).labels, []);
    assert.deepEqual((await scanWorkspace(MAX_TOKENS, { 'app/bedrock_client.py': client })).labels, []);
  });
});

const lib = [
  'import { BedrockRuntimeClient, ConverseCommand, InvokeModelWithResponseStreamCommand } from "@aws-sdk/client-bedrock-runtime";',
  '',
  'const client = new BedrockRuntimeClient({});',
  '',
  'export async function converse(input: any) {',
  '  return client.send(new ConverseCommand(input));',
  '}',
  '',
  'export async function invokeModelStreaming(modelId: string, body: Record<string, unknown>) {',
  '  return client.send(new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body), guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: "1" }));',
  '}',
  '',
].join('\n');

const chat = [
  'import { converse, invokeModelStreaming } from "./lib/bedrock";',
  '',
  'const MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";',
  '',
  'export async function ask(question: string, sessionId?: string) {',
  '  const input: any = { modelId: MODEL, messages: [{ role: "user", content: [{ text: question }] }] };',
  '  input.inferenceConfig = { maxTokens: 512 };',
  '  if (sessionId) input.requestMetadata = { sessionId };',
  '  return converse(input);',
  '}',
  '',
  'export async function askChecked(question: string) {',
  '  return converse({ modelId: MODEL, messages: [{ role: "user", content: [{ text: question }] }], guardrailConfig: GUARD, inferenceConfig: { maxTokens: 256 } });',
  '}',
  '',
  'export async function stream(question: string) {',
  '  const body = { anthropic_version: "bedrock-2023-05-31", messages: [{ role: "user", content: question }] };',
  '  return invokeModelStreaming(MODEL, body);',
  '}',
  '',
].join('\n');

const typescript = { 'src/lib/bedrock.ts': lib, 'src/chat.ts': chat };

describe('TypeScript wrappers across files', () => {
  it('reports the request object built in steps where it is written', async () => {
    const { labels, findings } = await scanWorkspace(GUARDRAIL, typescript);
    assert.deepEqual(labels, [`src/chat.ts:9 ${GUARDRAIL}`]);
    assert.deepEqual(relatedOf(findings[0].finding), ['bedrock.ts:6 the request is sent here by `ConverseCommand`']);
  });

  it('reports a body without a limit where it is written', async () => {
    const { labels, fixed } = await scanWorkspace(MAX_TOKENS, typescript);
    assert.deepEqual(labels, [`src/chat.ts:18 ${MAX_TOKENS}`]);
    assert.match(fixed['src/chat.ts'], /content: question \}\], max_tokens: 1024 \};/);
    assert.deepEqual((await scanWorkspace(MAX_TOKENS, fixed)).labels, []);
  });

  it('stays silent on the wrappers alone', async () => {
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'src/lib/bedrock.ts': lib })).labels, []);
    assert.deepEqual((await scanWorkspace(MAX_TOKENS, { 'src/lib/bedrock.ts': lib })).labels, []);
  });
});
