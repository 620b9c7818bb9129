import { ruleTester } from '../ruleTester';

const py = 'app.py';
const header = 'import boto3, json\nbedrock = boto3.client("bedrock-runtime")\n';
const openai = 'from openai import OpenAI\nclient = OpenAI()\n';

ruleTester('llm-call-without-max-tokens', {
  valid: [
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, inferenceConfig={"maxTokens": 512})\n' },
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, inferenceConfig=INFERENCE)\n', name: 'inference config from a variable' },
    { filename: py, code: header + 'cfg = {"temperature": 0.2}\ncfg["maxTokens"] = 300\nbedrock.converse(modelId=M, messages=m, inferenceConfig=cfg)\n', name: 'dict completed after assignment' },
    { filename: py, code: header + 'bedrock.invoke_model(modelId=M, body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 300, "messages": m}))\n' },
    { filename: py, code: header + 'body = {"inputText": p, "textGenerationConfig": {"maxTokenCount": 256}}\nbedrock.invoke_model(modelId=M, body=json.dumps(body))\n' },
    { filename: py, code: header + 'bedrock.invoke_model(modelId=M, body=build_body(p))\n', name: 'body built by a function' },
    { filename: py, code: header + 'bedrock.invoke_model(modelId="cohere.embed-english-v3", body=json.dumps({"texts": t}))\n', name: 'embedding model' },
    { filename: py, code: openai + 'client.chat.completions.create(model="gpt-4o", messages=m, max_tokens=200)\n' },
    { filename: py, code: openai + 'client.chat.completions.create(model="o3", messages=m, max_completion_tokens=2000)\n' },
    { filename: py, code: openai + 'client.responses.create(model="gpt-4.1", input=q, max_output_tokens=500)\n' },
    { filename: py, code: 'db.chat.completions.create(rows)\n', name: 'a chat.completions.create without openai imported' },
  ],
  invalid: [
    {
      filename: py,
      code: header + 'bedrock.converse(modelId=M, messages=m)\n',
      errors: [{ line: 3, column: 9, message: /inferenceConfig\.maxTokens/ }],
      output: header + 'bedrock.converse(modelId=M, messages=m, inferenceConfig={"maxTokens": 1024})\n',
    },
    {
      name: 'inferenceConfig without maxTokens',
      filename: py,
      code: header + 'bedrock.converse_stream(modelId=M, messages=m, inferenceConfig={"temperature": 0.5})\n',
      errors: [{ line: 3, column: 48 }],
      output: header + 'bedrock.converse_stream(modelId=M, messages=m, inferenceConfig={"temperature": 0.5, "maxTokens": 1024})\n',
    },
    {
      name: 'Anthropic body through a variable',
      filename: py,
      code: header + 'payload = {"anthropic_version": "bedrock-2023-05-31", "messages": m}\nbedrock.invoke_model(modelId=MODEL, body=json.dumps(payload))\n',
      errors: [{ line: 4, message: /`max_tokens` for this model/ }],
      output: header + 'payload = {"anthropic_version": "bedrock-2023-05-31", "messages": m, "max_tokens": 1024}\nbedrock.invoke_model(modelId=MODEL, body=json.dumps(payload))\n',
    },
    {
      name: 'Llama body names max_gen_len',
      filename: py,
      code: header + 'bedrock.invoke_model(modelId="us.meta.llama3-1-70b-instruct-v1:0", body=json.dumps({"prompt": p}))\n',
      errors: [{ line: 3, message: /max_gen_len/ }],
      output: header + 'bedrock.invoke_model(modelId="us.meta.llama3-1-70b-instruct-v1:0", body=json.dumps({"prompt": p, "max_gen_len": 1024}))\n',
    },
    {
      name: 'Titan body gains textGenerationConfig',
      filename: py,
      code: header + 'bedrock.invoke_model(modelId="amazon.titan-text-express-v1", body=json.dumps({"inputText": p}))\n',
      errors: [{ line: 3 }],
      output: header + 'bedrock.invoke_model(modelId="amazon.titan-text-express-v1", body=json.dumps({"inputText": p, "textGenerationConfig": {"maxTokenCount": 1024}}))\n',
    },
    {
      name: 'unknown model family: reported without a fix',
      filename: py,
      code: header + 'bedrock.invoke_model(modelId=M, body=json.dumps({"prompt": p}))\n',
      errors: [{ line: 3 }],
      output: null,
    },
    {
      filename: py,
      code: openai + 'resp = client.chat.completions.create(model="gpt-4o-mini", messages=m)\n',
      errors: [{ line: 3, message: /max_completion_tokens/ }],
      output: openai + 'resp = client.chat.completions.create(model="gpt-4o-mini", messages=m, max_completion_tokens=1024)\n',
    },
    {
      filename: py,
      code: 'import openai\nr = openai.responses.create(model="gpt-4.1", input=q)\n',
      errors: [{ line: 2, message: /max_output_tokens/ }],
      output: 'import openai\nr = openai.responses.create(model="gpt-4.1", input=q, max_output_tokens=1024)\n',
    },
  ],
});

const ts = 'chat.ts';
const tsHeader = 'import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n';

ruleTester('llm-call-without-max-tokens', {
  valid: [
    { filename: ts, code: tsHeader + 'const inferenceConfig = { maxTokens: 400, temperature: 0.1 };\nawait client.send(new ConverseCommand({ modelId, messages, inferenceConfig }));\n' },
    { filename: ts, code: tsHeader + 'await client.send(new InvokeModelCommand({ modelId, body: JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 300, messages }) }));\n' },
    { filename: ts, code: 'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.chat.completions.create({ model: "gpt-4o", messages, max_completion_tokens: 500 });\n' },
  ],
  invalid: [
    {
      filename: ts,
      code: tsHeader + 'await client.send(new ConverseCommand({ modelId, messages, inferenceConfig: { temperature: 0 } }));\n',
      errors: [{ line: 3, column: 60 }],
      output: tsHeader + 'await client.send(new ConverseCommand({ modelId, messages, inferenceConfig: { temperature: 0, maxTokens: 1024 } }));\n',
    },
    {
      filename: ts,
      code: 'import OpenAI from "openai";\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });\n',
      errors: [{ line: 3, message: /max_completion_tokens/ }],
      output: 'import OpenAI from "openai";\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, max_completion_tokens: 1024 });\n',
    },
  ],
});
