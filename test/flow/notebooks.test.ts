// Function summaries and output flow with notebooks (issue 16, items 3 and 4): a notebook is analysed as Python
// modules made of its cells (and the files its `%%writefile` cells write), and those modules take part in the flow
// across files like any other: a wrapper in a project module called from a cell, a wrapper a `%%writefile` cell
// writes, and a cell's model output filtered by a project module.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notebook } from '../notebook/support';
import { relatedOf, scanWorkspace } from './workspace';

const GUARDRAIL = 'bedrock-call-without-guardrail';
const MAX_TOKENS = 'llm-call-without-max-tokens';

const helpers = [
  'import boto3',
  '',
  'client = boto3.client("bedrock-runtime")',
  '',
  '',
  'def chat(**kwargs):',
  '    return client.converse(**kwargs)',
  '',
].join('\n');

const validation = [
  'import boto3',
  '',
  'runtime = boto3.client("bedrock-runtime")',
  '',
  '',
  'def check_answer(text):',
  '    result = runtime.apply_guardrail(guardrailIdentifier="gr-1", guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": text}}])',
  '    return result["action"] != "GUARDRAIL_INTERVENED"',
  '',
  '',
  'def check_question(text):',
  '    result = runtime.apply_guardrail(guardrailIdentifier="gr-1", guardrailVersion="1", source="INPUT", content=[{"text": {"text": text}}])',
  '    return result["action"] != "GUARDRAIL_INTERVENED"',
  '',
].join('\n');

function request(extra: string): string {
  return `from helpers import chat\n\nanswer = chat(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[{"role": "user", "content": [{"text": question}]}]${extra})\nprint(answer)\n`;
}

/** `rule cell N` for the findings in notebooks. */
function cellsOf(findings: Awaited<ReturnType<typeof scanWorkspace>>['findings']): string[] {
  return findings.filter((f) => f.finding.cell).map((f) => `${f.path} cell ${f.finding.cell!.index + 1}:${f.finding.cell!.range.start.line + 1}`);
}

describe('flow through notebooks', () => {
  it('a cell calling a project wrapper is reported in the cell where the request is written, the wrapper as related', async () => {
    const files = { 'helpers.py': helpers, 'explore.ipynb': notebook(['question = input()\n', request('')]) };
    const scanned = await scanWorkspace(GUARDRAIL, files);
    assert.deepEqual(cellsOf(scanned.findings), ['explore.ipynb cell 2:3']);
    assert.deepEqual(relatedOf(scanned.findings[0].finding), ['helpers.py:7 the request is sent here by `client.converse`']);
    const limits = await scanWorkspace(MAX_TOKENS, files);
    assert.deepEqual(cellsOf(limits.findings), ['explore.ipynb cell 2:3'], 'both findings of the call point at the same place');
  });

  it('silent twin: the cell writes the guardrail and the limit', async () => {
    const cell = request(', guardrailConfig={"guardrailIdentifier": "gr-1", "guardrailVersion": "1"}, inferenceConfig={"maxTokens": 512}');
    const files = { 'helpers.py': helpers, 'explore.ipynb': notebook(['question = input()\n', cell]) };
    assert.deepEqual((await scanWorkspace(GUARDRAIL, files)).labels, []);
    assert.deepEqual((await scanWorkspace(MAX_TOKENS, files)).labels, []);
  });

  it('a wrapper written by a %%writefile cell is followed like a file of the project', async () => {
    const files = { 'explore.ipynb': notebook([`%%writefile helpers.py\n${helpers}`, 'question = input()\n', request('')]) };
    const scanned = await scanWorkspace(GUARDRAIL, files);
    assert.deepEqual(cellsOf(scanned.findings), ['explore.ipynb cell 3:3']);
  });

  it('model output a cell passes to an output filter in a project module is guarded; on the input it is not', async () => {
    const call = 'import boto3\nfrom validation import check_answer, check_question\nbedrock = boto3.client("bedrock-runtime")\nreply = bedrock.converse(modelId="amazon.nova-lite-v1:0", messages=messages, inferenceConfig={"maxTokens": 256})\n';
    const filtered = notebook([call, 'text = reply["output"]["message"]["content"][0]["text"]\nif check_answer(text):\n    print(text)\n']);
    assert.deepEqual((await scanWorkspace(GUARDRAIL, { 'validation.py': validation, 'chat.ipynb': filtered })).labels, []);
    const inputOnly = notebook([call, 'text = reply["output"]["message"]["content"][0]["text"]\nif check_question(text):\n    print(text)\n']);
    const scanned = await scanWorkspace(GUARDRAIL, { 'validation.py': validation, 'chat.ipynb': inputOnly });
    assert.deepEqual(cellsOf(scanned.findings), ['chat.ipynb cell 1:4']);
  });
});
