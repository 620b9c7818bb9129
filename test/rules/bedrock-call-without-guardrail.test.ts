import { ruleTester } from '../ruleTester';

const py = 'app.py';
const header = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": G, "guardrailVersion": "1"})\n' },
    { filename: py, code: header + 'bedrock.converse_stream(modelId=M, messages=m, guardrailConfig=GUARDRAIL)\n', name: 'guardrail from a variable' },
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, **common)\n', name: '**kwargs may hold the guardrail' },
    { filename: py, code: header + 'bedrock.invoke_model(modelId=M, body=b, guardrailIdentifier=G, guardrailVersion="3")\n' },
    { filename: py, code: header + 'bedrock.invoke_model(modelId="amazon.titan-embed-text-v2:0", body=b)\n', name: 'embedding model' },
    { filename: py, code: 'import boto3\ns3 = boto3.client("s3")\ns3.converse(modelId=M)\n', name: 'not a Bedrock client' },
    { filename: py, code: 'chat.converse(messages)\n', name: 'unrelated converse method' },
    {
      filename: py,
      code:
        'import boto3\nagent = boto3.client("bedrock-agent-runtime")\nagent.retrieve_and_generate(input={"text": q}, retrieveAndGenerateConfiguration={"type": "KNOWLEDGE_BASE", ' +
        '"knowledgeBaseConfiguration": {"knowledgeBaseId": K, "modelArn": A, "generationConfiguration": {"guardrailConfiguration": {"guardrailId": G, "guardrailVersion": "1"}}}})\n',
    },
    { filename: py, code: 'import boto3\nagent = boto3.client("bedrock-agent-runtime")\nagent.retrieve_and_generate(input=i, retrieveAndGenerateConfiguration=config)\n', name: 'configuration built elsewhere' },
  ],
  invalid: [
    {
      filename: py,
      code: header + 'bedrock.converse(modelId=M, messages=m)\n',
      errors: [{ line: 3, column: 9, message: /`converse` has no `guardrailConfig`/ }],
      output: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})\n',
    },
    {
      name: 'multi-line call keeps its layout',
      filename: py,
      code: header + 'def ask(m):\n    return bedrock.converse_stream(\n        modelId=M,\n        messages=m,\n    )\n',
      errors: [{ line: 4, message: /converse_stream/ }],
      output:
        header +
        'def ask(m):\n    return bedrock.converse_stream(\n        modelId=M,\n        messages=m,\n        guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"},\n    )\n',
    },
    {
      name: 'client typed with mypy-boto3 annotation',
      filename: py,
      code: 'from mypy_boto3_bedrock_runtime import BedrockRuntimeClient\ndef ask(client: BedrockRuntimeClient):\n    client.converse(messages=m)\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'client from a session, stored on self',
      filename: py,
      code: 'import boto3\nclass Chat:\n    def __init__(self):\n        self.rt = boto3.session.Session().client("bedrock-runtime")\n    def ask(self, m):\n        return self.rt.converse(modelId=M, messages=m)\n',
      errors: [{ line: 6 }],
    },
    {
      filename: py,
      code: header + 'bedrock.invoke_model(modelId=M, body=b)\n',
      errors: [{ line: 3, message: /guardrailIdentifier/ }],
      output: header + 'bedrock.invoke_model(modelId=M, body=b, guardrailIdentifier="<guardrail-id>", guardrailVersion="DRAFT")\n',
    },
    {
      name: 'unknown receiver with Bedrock keywords',
      filename: py,
      code: 'client.invoke_model_with_response_stream(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=b)\n',
      errors: [{ line: 1, column: 8 }],
    },
    {
      filename: py,
      code:
        'import boto3\nagent = boto3.client("bedrock-agent-runtime")\nagent.retrieve_and_generate(input={"text": q}, retrieveAndGenerateConfiguration={"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {"knowledgeBaseId": K, "modelArn": A}})\n',
      errors: [{ line: 3, column: 48, message: /knowledgeBaseConfiguration\.generationConfiguration\.guardrailConfiguration/ }],
      output:
        'import boto3\nagent = boto3.client("bedrock-agent-runtime")\nagent.retrieve_and_generate(input={"text": q}, retrieveAndGenerateConfiguration={"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {"knowledgeBaseId": K, "modelArn": A, "generationConfiguration": {"guardrailConfiguration": {"guardrailId": "<guardrail-id>", "guardrailVersion": "DRAFT"}}}})\n',
    },
    {
      name: 'suppression for another rule does not apply',
      filename: py,
      code: header + 'bedrock.converse(modelId=M, messages=m)  # ai-lens: ignore[llm-call-without-max-tokens] -- batch job\n',
      errors: [{ line: 3 }],
    },
  ],
});

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { name: 'suppressed with a reason on the line above', filename: py, code: header + '# ai-lens: ignore[bedrock-call-without-guardrail] -- internal eval harness\nbedrock.converse(modelId=M, messages=m)\n' },
  ],
  invalid: [],
});

const ts = 'chat.ts';
const tsHeader = 'import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n';

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { filename: ts, code: tsHeader + 'await client.send(new ConverseCommand({ modelId, messages, guardrailConfig: { guardrailIdentifier: id, guardrailVersion: "1" } }));\n' },
    { filename: ts, code: tsHeader + 'const base = { modelId, guardrailConfig };\nawait client.send(new ConverseCommand({ ...base, messages }));\n', name: 'spread may hold the guardrail' },
    { filename: ts, code: 'class ConverseCommand {}\nnew ConverseCommand({ modelId: "m" });\n', name: 'a local class with the same name' },
    { filename: 'chat.js', code: 'const { BedrockRuntime } = require("@aws-sdk/client-bedrock-runtime");\nconst rt = new BedrockRuntime({});\nrt.converse({ modelId, messages, guardrailConfig: g });\n' },
  ],
  invalid: [
    {
      filename: ts,
      code: tsHeader + 'const out = await client.send(new ConverseCommand({\n  modelId,\n  messages,\n}));\n',
      errors: [{ line: 3, column: 35, message: /`ConverseCommand` has no `guardrailConfig`/ }],
      output: tsHeader + 'const out = await client.send(new ConverseCommand({\n  modelId,\n  messages,\n  guardrailConfig: { guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" },\n}));\n',
    },
    {
      filename: ts,
      code: tsHeader + 'await client.send(new InvokeModelCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", body: JSON.stringify(payload) }));\n',
      errors: [{ line: 3, message: /`InvokeModelCommand` has no `guardrailIdentifier`/ }],
      output: tsHeader + 'await client.send(new InvokeModelCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", body: JSON.stringify(payload), guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" }));\n',
    },
    {
      name: 'aggregated client in JavaScript',
      filename: 'chat.js',
      code: 'const { BedrockRuntime } = require("@aws-sdk/client-bedrock-runtime");\nconst rt = new BedrockRuntime({});\nrt.converse({ modelId, messages });\n',
      errors: [{ line: 3, column: 4 }],
    },
  ],
});
