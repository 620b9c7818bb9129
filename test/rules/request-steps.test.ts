// Requests built in steps (issue 16, item 2): `d[k] = v`, `d.update(...)`, `{**a, ...}`, `**d`, `o.k = v`,
// `Object.assign`, spread and `push()` add what they add. A request with no guardrail and no limit is reported however
// it was built; a guardrail or limit added in a step is seen; a write that cannot be read (a computed key, a call that
// may change the request) leaves it unknown, and unknown is never missing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, ruleTester } from '../ruleTester';

const py = 'service.py';
const header = 'import json\nimport boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const base = 'request = {"modelId": MODEL, "messages": [{"role": "user", "content": [{"text": q}]}]}\n';

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { name: 'guardrail added with d[k] = v', filename: py, code: header + base + 'request["guardrailConfig"] = {"guardrailIdentifier": G, "guardrailVersion": "1"}\nbedrock.converse(**request)\n' },
    { name: 'guardrail added with update()', filename: py, code: header + base + 'request.update(guardrailConfig=GUARDRAIL)\nbedrock.converse(**request)\n' },
    { name: 'guardrail added only when configured: may be there', filename: py, code: header + base + 'if guardrail_id:\n    request["guardrailConfig"] = {"guardrailIdentifier": guardrail_id, "guardrailVersion": "1"}\nbedrock.converse(**request)\n' },
    { name: 'guardrail in the dict spread in', filename: py, code: header + 'common = {"guardrailConfig": GUARDRAIL}\nbedrock.converse(**{**common, "modelId": MODEL, "messages": m})\n' },
    { name: 'a computed key may be the guardrail', filename: py, code: header + base + 'request[key] = value\nbedrock.converse(**request)\n' },
    { name: 'a call that may change the request', filename: py, code: header + base + 'add_guardrail(request)\nbedrock.converse(**request)\n' },
    { name: 'written after the call: not this call\'s', filename: py, code: header + base + 'bedrock.converse(**request, guardrailConfig=G)\nrequest["system"] = [{"text": "x"}]\n' },
  ],
  invalid: [
    {
      name: 'system prompt and settings added in steps, no guardrail',
      filename: py,
      code: header + base + 'request["system"] = [{"text": SYSTEM}]\nrequest.update({"inferenceConfig": {"maxTokens": 512}})\nresponse = bedrock.converse(**request)\n',
      errors: [{ line: 7, column: 20, message: /`converse` has no `guardrailConfig`/ }],
      output:
        header +
        base +
        'request["system"] = [{"text": SYSTEM}]\nrequest.update({"inferenceConfig": {"maxTokens": 512}})\n' +
        'response = bedrock.converse(**request, guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})\n',
    },
    {
      name: 'a dict built from another with {**a, ...}',
      filename: py,
      code: header + 'defaults = {"modelId": MODEL, "inferenceConfig": {"maxTokens": 300}}\nkwargs = {**defaults, "messages": m}\nbedrock.converse_stream(**kwargs)\n',
      errors: [{ line: 6, column: 9 }],
    },
    {
      name: 'guardrail removed before the call',
      filename: py,
      code: header + base + 'request["guardrailConfig"] = G\ndel request["guardrailConfig"]\nbedrock.converse(**request)\n',
      errors: [{ line: 7 }],
    },
  ],
});

ruleTester('llm-call-without-max-tokens', {
  valid: [
    { name: 'limit set in a nested step', filename: py, code: header + base + 'request["inferenceConfig"] = {"temperature": 0}\nrequest["inferenceConfig"]["maxTokens"] = 512\nbedrock.converse(**request)\n' },
    { name: 'limit set with setdefault', filename: py, code: header + 'body = {"anthropic_version": "bedrock-2023-05-31", "messages": m}\nbody.setdefault("max_tokens", 400)\nbedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps(body))\n' },
  ],
  invalid: [
    {
      name: 'a body built in steps without a limit',
      filename: py,
      code: header + 'body = {"anthropic_version": "bedrock-2023-05-31"}\nbody["messages"] = m\nbody["temperature"] = 0.2\nbedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps(body))\n',
      errors: [{ line: 7, column: 9, message: /`max_tokens` for this model/ }],
      output:
        header +
        'body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 1024}\nbody["messages"] = m\nbody["temperature"] = 0.2\nbedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps(body))\n',
    },
  ],
});

const ts = 'chat.ts';
const tsHeader = 'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n';
const input = 'const input: any = { modelId: MODEL, messages: [{ role: "user", content: [{ text: q }] }] };\n';

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { name: 'o.k = v adds the guardrail', filename: ts, code: tsHeader + input + 'input.guardrailConfig = { guardrailIdentifier: id, guardrailVersion: "1" };\nawait client.send(new ConverseCommand(input));\n' },
    { name: 'Object.assign adds the guardrail', filename: ts, code: tsHeader + input + 'Object.assign(input, { guardrailConfig: guardrail });\nawait client.send(new ConverseCommand(input));\n' },
    { name: 'spread of an object with the guardrail', filename: ts, code: tsHeader + 'const common = { guardrailConfig: guardrail };\nawait client.send(new ConverseCommand({ ...common, modelId: MODEL, messages }));\n' },
    { name: 'a computed key may be the guardrail', filename: ts, code: tsHeader + input + 'input[key] = value;\nawait client.send(new ConverseCommand(input));\n' },
  ],
  invalid: [
    {
      name: 'sessionId added in a step: still no guardrail',
      filename: ts,
      code: tsHeader + input + 'input.requestMetadata = { sessionId };\nawait client.send(new ConverseCommand(input));\n',
      errors: [{ line: 5, column: 23 }],
      output:
        tsHeader +
        'const input: any = { modelId: MODEL, messages: [{ role: "user", content: [{ text: q }] }], guardrailConfig: { guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" } };\n' +
        'input.requestMetadata = { sessionId };\nawait client.send(new ConverseCommand(input));\n',
    },
    {
      name: 'spread of an object without the guardrail',
      filename: ts,
      code: tsHeader + 'const common = { modelId: MODEL, inferenceConfig: { maxTokens: 300 } };\nawait client.send(new ConverseCommand({ ...common, messages }));\n',
      errors: [{ line: 4 }],
    },
  ],
});

ruleTester('llm-call-without-max-tokens', {
  valid: [{ name: 'limit set with o.a.b = v', filename: ts, code: tsHeader + input + 'input.inferenceConfig = {};\ninput.inferenceConfig.maxTokens = 512;\nawait client.send(new ConverseCommand(input));\n' }],
  invalid: [
    {
      name: 'Object.assign of settings without a limit',
      filename: ts,
      code: tsHeader + input + 'Object.assign(input, { inferenceConfig: { temperature: 0 } });\nawait client.send(new ConverseCommand(input));\n',
      errors: [{ line: 5, column: 23 }],
    },
  ],
});

describe('arrays built with push()', () => {
  const cdk =
    'import { aws_bedrock as bedrock } from "aws-cdk-lib";\n' +
    'const filters: bedrock.CfnGuardrail.ContentFilterConfigProperty[] = [];\n' +
    'filters.push({ type: "HATE", inputStrength: "HIGH", outputStrength: "HIGH" });\n';
  const guardrail = 'new bedrock.CfnGuardrail(this, "Guardrail", { name: "g", blockedInputMessaging: "no", blockedOutputsMessaging: "no", contentPolicyConfig: { filtersConfig: filters } });\n';

  it('reads the filters a CDK guardrail was given with push()', async () => {
    const findings = await findingsFor('bedrock-guardrail-weak-prompt-attack-filter', 'stack.ts', cdk + guardrail);
    assert.deepEqual(findings.map((f) => f.range.start.line + 1), [4], 'no PROMPT_ATTACK filter among those pushed');
  });

  it('sees a PROMPT_ATTACK filter pushed at HIGH', async () => {
    const code = cdk + 'filters.push({ type: "PROMPT_ATTACK", inputStrength: "HIGH", outputStrength: "NONE" });\n' + guardrail;
    assert.deepEqual(await findingsFor('bedrock-guardrail-weak-prompt-attack-filter', 'stack.ts', code), []);
  });

  it('leaves a filter list pushed from something unknown alone', async () => {
    const code = cdk + 'filters.push(...extraFilters);\n' + guardrail;
    assert.deepEqual(await findingsFor('bedrock-guardrail-weak-prompt-attack-filter', 'stack.ts', code), []);
  });
});
