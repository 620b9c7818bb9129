// Anchors and names (issue 16, item 7): the guardrail and the max-tokens findings of one call point at the same place,
// and a message names what the code names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor } from '../ruleTester';

const both = async (filename: string, code: string) => {
  const guardrail = await findingsFor('bedrock-call-without-guardrail', filename, code);
  const limit = await findingsFor('llm-call-without-max-tokens', filename, code);
  return { guardrail: guardrail.map((f) => f.range), limit: limit.map((f) => f.range), messages: [...guardrail, ...limit].map((f) => f.message) };
};

describe('the guardrail and max-tokens findings of one call', () => {
  const py = 'import json, boto3\nbedrock = boto3.client("bedrock-runtime")\n';
  for (const [name, filename, code] of [
    ['Converse with settings but no limit', 'app.py', py + 'bedrock.converse(\n    modelId=M,\n    messages=m,\n    inferenceConfig={"temperature": 0.2},\n)\n'],
    ['InvokeModel body without a limit', 'app.py', py + 'bedrock.invoke_model(\n    modelId="meta.llama3-70b-instruct-v1:0",\n    body=json.dumps({"prompt": p}),\n)\n'],
    [
      'AWS SDK command with settings but no limit',
      'chat.ts',
      'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nconst c = new BedrockRuntimeClient({});\nawait c.send(new ConverseCommand({\n  modelId,\n  messages,\n  inferenceConfig: { temperature: 0 },\n}));\n',
    ],
  ] as const) {
    it(`point at the call's name: ${name}`, async () => {
      const { guardrail, limit } = await both(filename, code);
      assert.equal(guardrail.length, 1);
      assert.deepEqual(limit, guardrail);
    });
  }

  it('name init_chat_model, which the code calls, not the class it builds', async () => {
    const code = 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("us.amazon.nova-lite-v1:0", model_provider="bedrock_converse")\n';
    const { guardrail, limit, messages } = await both('app.py', code);
    assert.deepEqual(limit, guardrail);
    assert.equal(messages.length, 2);
    for (const message of messages) {
      assert.match(message, /^`init_chat_model` \(provider `bedrock_converse`\)/);
      assert.doesNotMatch(message, /ChatBedrockConverse/);
    }
  });
});
