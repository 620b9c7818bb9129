import { ruleTester } from '../ruleTester';

const py = 'app.py';
const header = 'import boto3, json\nbedrock = boto3.client("bedrock-runtime")\n';
const openai = 'from openai import OpenAI\nclient = OpenAI()\n';

ruleTester('llm-call-without-max-tokens', {
  valid: [
    { name: 'client passed in, with a limit', filename: py, code: 'def summarize(client, text):\n    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}], max_tokens=200)\n' },
    { name: 'create() of something else, in a file without openai', filename: py, code: 'def add(store, item):\n    return store.chat.completions.create(item)\n' },
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, inferenceConfig={"maxTokens": 512})\n' },
    { filename: py, code: header + 'def run(prompt_arn, variables):\n    return bedrock.converse(modelId=prompt_arn, promptVariables=variables)\n', name: 'a managed prompt (its own inference configuration; the request may not set one)' },
    { filename: py, code: header + 'bedrock.converse(modelId="arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345:1")\n', name: 'a prompt ARN as the model' },
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
      name: 'OpenAI-compatible client passed in as a parameter (no openai import in the file)',
      filename: py,
      code: 'def summarize(client, text):\n    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])\n',
      errors: [{ line: 2, column: 36, message: /chat completion sets no `max_completion_tokens`/ }],
      output: 'def summarize(client, text):\n    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}], max_completion_tokens=1024)\n',
    },
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
      errors: [{ line: 3, column: 9 }],
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

ruleTester('llm-call-without-max-tokens', {
  valid: [
    { name: 'ChatBedrock on InvokeModel: LangChain sends 1024 to Anthropic', filename: py, code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id="anthropic.claude-3-haiku-20240307-v1:0")\n' },
    { name: 'ChatBedrock, other families keep their Bedrock default', filename: py, code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id="meta.llama3-70b-instruct-v1:0", model_kwargs={"temperature": 0.1})\n' },
    { filename: py, code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id="amazon.nova-lite-v1:0", model_kwargs={"max_tokens": 800})\n' },
    { filename: py, code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id="us.amazon.nova-pro-v1:0", max_tokens=1000)\n' },
    { name: 'Nova model id from a variable', filename: py, code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id=MODEL_ID)\n' },
    { filename: py, code: 'from langchain_aws import ChatBedrockConverse\nllm = ChatBedrockConverse(model="anthropic.claude-3-5-haiku-20241022-v1:0", max_tokens=700, temperature=0)\n' },
    { name: 'ChatBedrockConverse options from elsewhere', filename: py, code: 'from langchain_aws import ChatBedrockConverse\nllm = ChatBedrockConverse(**CONVERSE_OPTIONS)\n' },
    { filename: py, code: 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-mini", max_tokens=400)\n' },
    { filename: py, code: 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="o3-mini", max_completion_tokens=4000)\n' },
    { name: 'ChatOpenAI limit in model_kwargs', filename: py, code: 'from langchain_openai import AzureChatOpenAI\nllm = AzureChatOpenAI(azure_deployment="chat", model_kwargs={"max_tokens": 256})\n' },
    { name: 'ChatAnthropic always sends max_tokens', filename: py, code: 'from langchain_anthropic import ChatAnthropic\nllm = ChatAnthropic(model="claude-3-5-sonnet-latest")\n' },
    { name: 'BedrockLLM (InvokeModel only)', filename: py, code: 'from langchain_aws import BedrockLLM\nllm = BedrockLLM(model_id="amazon.titan-text-express-v1")\n' },
    { name: 'limit bound per call', filename: py, code: 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o").bind(max_tokens=300)\n' },
    { name: 'init_chat_model with a limit', filename: py, code: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("bedrock_converse:anthropic.claude-3-5-haiku-20241022-v1:0", max_tokens=400)\n' },
    { name: 'init_chat_model for Anthropic', filename: py, code: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("claude-3-5-sonnet-latest", model_provider="anthropic")\n' },
    { name: 'langchain_openai.OpenAI completion model defaults to 256', filename: py, code: 'from langchain_openai import OpenAI\nllm = OpenAI(model="gpt-3.5-turbo-instruct")\n' },
  ],
  invalid: [
    {
      filename: py,
      code: 'from langchain_aws import ChatBedrockConverse\nllm = ChatBedrockConverse(model="us.anthropic.claude-3-7-sonnet-20250219-v1:0", temperature=0.2)\n',
      errors: [{ line: 2, column: 7, message: /`ChatBedrockConverse` sets no `max_tokens`/ }],
      output: 'from langchain_aws import ChatBedrockConverse\nllm = ChatBedrockConverse(model="us.anthropic.claude-3-7-sonnet-20250219-v1:0", temperature=0.2, max_tokens=1024)\n',
    },
    {
      name: 'ChatBedrock with a Nova model uses Converse',
      filename: py,
      code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id="us.amazon.nova-pro-v1:0", model_kwargs={"temperature": 0.3})\n',
      errors: [{ line: 2, message: /Converse API/ }],
      output: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id="us.amazon.nova-pro-v1:0", model_kwargs={"temperature": 0.3}, max_tokens=1024)\n',
    },
    {
      name: 'ChatBedrock with beta_use_converse_api',
      filename: py,
      code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id=MODEL, beta_use_converse_api=True)\n',
      errors: [{ line: 2 }],
      output: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id=MODEL, beta_use_converse_api=True, max_tokens=1024)\n',
    },
    {
      filename: py,
      code: 'from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(\n    model="gpt-4o",\n    temperature=0,\n)\n',
      errors: [{ line: 3, column: 7, message: /`ChatOpenAI` sets no `max_tokens`/ }],
      output: 'from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(\n    model="gpt-4o",\n    temperature=0,\n    max_tokens=1024,\n)\n',
    },
    {
      name: 'explicit max_tokens=None',
      filename: py,
      code: 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", max_tokens=None)\n',
      errors: [{ line: 2, column: 34 }],
      output: 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", max_tokens=1024)\n',
    },
    {
      name: 'legacy community ChatOpenAI',
      filename: py,
      code: 'from langchain_community.chat_models import ChatOpenAI\nllm = ChatOpenAI(model_name="gpt-3.5-turbo")\n',
      errors: [{ line: 2 }],
      output: 'from langchain_community.chat_models import ChatOpenAI\nllm = ChatOpenAI(model_name="gpt-3.5-turbo", max_tokens=1024)\n',
    },
    {
      name: 'init_chat_model with a provider',
      filename: py,
      code: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("gpt-4o", model_provider="openai", temperature=0)\n',
      errors: [{ line: 2, column: 7, message: /^`init_chat_model` \(provider `openai`\) sets no `max_tokens`/ }],
      output: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("gpt-4o", model_provider="openai", temperature=0, max_tokens=1024)\n',
    },
    {
      name: 'init_chat_model for Nova through bedrock',
      filename: py,
      code: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("bedrock:us.amazon.nova-lite-v1:0")\n',
      errors: [{ line: 2, message: /Converse API/ }],
      output: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("bedrock:us.amazon.nova-lite-v1:0", max_tokens=1024)\n',
    },
    {
      name: 'constructor arguments built in a dict first',
      filename: py,
      code: 'from langchain_aws import ChatBedrockConverse\nconfig = {"model": "amazon.nova-micro-v1:0", "temperature": 0}\nllm = ChatBedrockConverse(**config)\n',
      errors: [{ line: 3 }],
      output: 'from langchain_aws import ChatBedrockConverse\nconfig = {"model": "amazon.nova-micro-v1:0", "temperature": 0}\nllm = ChatBedrockConverse(**config, max_tokens=1024)\n',
    },
  ],
});

const ts = 'chat.ts';
const tsHeader = 'import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n';

ruleTester('llm-call-without-max-tokens', {
  valid: [
    { filename: ts, code: tsHeader + 'const inferenceConfig = { maxTokens: 400, temperature: 0.1 };\nawait client.send(new ConverseCommand({ modelId, messages, inferenceConfig }));\n' },
    { filename: ts, code: tsHeader + 'await client.send(new ConverseCommand({ modelId: promptArn, promptVariables: { topic: { text: topic } } }));\n', name: 'a managed prompt' },
    { filename: ts, code: tsHeader + 'await client.send(new InvokeModelCommand({ modelId, body: JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 300, messages }) }));\n' },
    { filename: ts, code: 'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.chat.completions.create({ model: "gpt-4o", messages, max_completion_tokens: 500 });\n' },
  ],
  invalid: [
    {
      filename: ts,
      code: tsHeader + 'await client.send(new ConverseCommand({ modelId, messages, inferenceConfig: { temperature: 0 } }));\n',
      errors: [{ line: 3, column: 23 }],
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
