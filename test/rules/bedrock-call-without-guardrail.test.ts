import { ruleTester } from '../ruleTester';

const py = 'app.py';
const header = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { filename: py, code: 'from functools import partial\n' + header + 'ask = partial(bedrock.converse, guardrailConfig=G)\nask(modelId=M, messages=m)\n', name: 'guardrail bound with functools.partial' },
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
      name: 'functools.partial without a guardrail, reported where it is called',
      filename: py,
      code: 'from functools import partial\n' + header + 'ask = partial(bedrock.converse, modelId=M)\nanswer = ask(messages=m)\n',
      errors: [{ line: 5, column: 10, message: /`converse` has no `guardrailConfig`/ }],
      output: 'from functools import partial\n' + header + 'ask = partial(bedrock.converse, modelId=M)\nanswer = ask(messages=m, guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})\n',
    },
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

const lc = 'from langchain_aws import ChatBedrock, ChatBedrockConverse, BedrockLLM\n';
const GUARDRAIL = '{"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"}';

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { filename: py, code: lc + 'llm = ChatBedrock(model_id=M, guardrails={"guardrailIdentifier": GID, "guardrailVersion": "2", "trace": True})\n' },
    { filename: py, code: lc + 'llm = ChatBedrockConverse(model=M, guardrail_config={"guardrailIdentifier": GID, "guardrailVersion": "2"})\n' },
    { name: 'ChatBedrockConverse takes the alias too', filename: py, code: lc + 'llm = ChatBedrockConverse(model=M, guardrails=GUARDRAIL_CONFIG)\n' },
    { name: 'guardrail config from settings', filename: py, code: lc + 'llm = BedrockLLM(model_id=M, guardrails=settings.guardrails)\n' },
    { name: 'options spread from elsewhere', filename: py, code: lc + 'llm = ChatBedrock(**bedrock_options)\n' },
    { name: 'embedding model through LangChain', filename: py, code: 'from langchain_aws import ChatBedrock\nllm = ChatBedrock(model_id="amazon.titan-embed-text-v2:0")\n' },
    { name: 'a ChatBedrock of another package', filename: py, code: 'from my_wrappers import ChatBedrock\nllm = ChatBedrock(model_id=M)\n' },
    {
      name: 'output filtered with the standalone ApplyGuardrail API',
      filename: py,
      code:
        header +
        'def answer(q):\n    text = bedrock.converse(modelId=M, messages=q)["output"]["message"]["content"][0]["text"]\n' +
        '    check = bedrock.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": text}}])\n' +
        '    return text if check["action"] == "NONE" else BLOCKED\n',
    },
    {
      name: 'streaming RetrieveAndGenerate with a guardrail',
      filename: py,
      code:
        'import boto3\nagent = boto3.client("bedrock-agent-runtime")\nagent.retrieve_and_generate_stream(input={"text": q}, retrieveAndGenerateConfiguration={"type": "KNOWLEDGE_BASE", ' +
        '"knowledgeBaseConfiguration": {"knowledgeBaseId": K, "modelArn": A, "generationConfiguration": {"guardrailConfiguration": {"guardrailId": G, "guardrailVersion": "1"}}}})\n',
    },
  ],
  invalid: [
    {
      filename: py,
      code: lc + 'llm = ChatBedrock(model_id="anthropic.claude-3-5-sonnet-20240620-v1:0", model_kwargs={"temperature": 0})\n',
      errors: [{ line: 2, column: 7, message: /`ChatBedrock` has no `guardrails`/ }],
      output: lc + `llm = ChatBedrock(model_id="anthropic.claude-3-5-sonnet-20240620-v1:0", model_kwargs={"temperature": 0}, guardrails=${GUARDRAIL})\n`,
    },
    {
      name: 'ChatBedrockConverse gets guardrail_config',
      filename: py,
      code: lc + 'def make_llm():\n    return ChatBedrockConverse(\n        model="us.amazon.nova-pro-v1:0",\n        max_tokens=512,\n    )\n',
      errors: [{ line: 3, column: 12, message: /guardrail_config/ }],
      output: lc + `def make_llm():\n    return ChatBedrockConverse(\n        model="us.amazon.nova-pro-v1:0",\n        max_tokens=512,\n        guardrail_config=${GUARDRAIL},\n    )\n`,
    },
    {
      name: 'BedrockLLM through the package module',
      filename: py,
      code: 'import langchain_aws\nllm = langchain_aws.BedrockLLM(model_id="meta.llama3-8b-instruct-v1:0")\n',
      errors: [{ line: 2, column: 21 }],
      output: `import langchain_aws\nllm = langchain_aws.BedrockLLM(model_id="meta.llama3-8b-instruct-v1:0", guardrails=${GUARDRAIL})\n`,
    },
    {
      name: 'legacy langchain_community BedrockChat uses id/version',
      filename: py,
      code: 'from langchain_community.chat_models import BedrockChat\nchat = BedrockChat(model_id=M)\n',
      errors: [{ line: 2, column: 8 }],
      output: 'from langchain_community.chat_models import BedrockChat\nchat = BedrockChat(model_id=M, guardrails={"id": "<guardrail-id>", "version": "DRAFT"})\n',
    },
    {
      name: 'guardrails=None',
      filename: py,
      code: lc + 'llm = ChatBedrock(model_id=M, guardrails=None)\n',
      errors: [{ line: 2, column: 31, message: /no guardrail identifier/ }],
      output: lc + `llm = ChatBedrock(model_id=M, guardrails=${GUARDRAIL})\n`,
    },
    {
      name: 'guardrail identifier left empty',
      filename: py,
      code: lc + 'llm = ChatBedrock(model_id=M, guardrails={"guardrailIdentifier": None, "guardrailVersion": None})\n',
      errors: [{ line: 2, column: 31 }],
      output: null,
    },
    {
      name: 'init_chat_model with the Bedrock Converse provider',
      filename: py,
      code: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("anthropic.claude-3-5-haiku-20241022-v1:0", model_provider="bedrock_converse", max_tokens=300)\n',
      errors: [{ line: 2, column: 7, message: /^`init_chat_model` \(provider `bedrock_converse`\) has no `guardrail_config`/ }],
      output: `from langchain.chat_models import init_chat_model\nllm = init_chat_model("anthropic.claude-3-5-haiku-20241022-v1:0", model_provider="bedrock_converse", max_tokens=300, guardrail_config=${GUARDRAIL})\n`,
    },
    {
      name: 'kwargs built in a variable first',
      filename: py,
      code: lc + 'params = {"model_id": M, "region_name": "us-east-1"}\nllm = ChatBedrock(**params)\n',
      errors: [{ line: 3, column: 7 }],
      output: lc + `params = {"model_id": M, "region_name": "us-east-1"}\nllm = ChatBedrock(**params, guardrails=${GUARDRAIL})\n`,
    },
    {
      filename: py,
      code:
        'import boto3\nagent = boto3.client("bedrock-agent-runtime")\nstream = agent.retrieve_and_generate_stream(input={"text": q}, retrieveAndGenerateConfiguration={"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {"knowledgeBaseId": K, "modelArn": A}})\n',
      errors: [{ line: 3, column: 64, message: /`retrieve_and_generate_stream` has no/ }],
      output:
        'import boto3\nagent = boto3.client("bedrock-agent-runtime")\nstream = agent.retrieve_and_generate_stream(input={"text": q}, retrieveAndGenerateConfiguration={"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {"knowledgeBaseId": K, "modelArn": A, "generationConfiguration": {"guardrailConfiguration": {"guardrailId": "<guardrail-id>", "guardrailVersion": "DRAFT"}}}})\n',
    },
  ],
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
      name: 'streaming RetrieveAndGenerate command',
      filename: ts,
      code:
        'import { BedrockAgentRuntimeClient, RetrieveAndGenerateStreamCommand } from "@aws-sdk/client-bedrock-agent-runtime";\n' +
        'const agent = new BedrockAgentRuntimeClient({});\n' +
        'await agent.send(new RetrieveAndGenerateStreamCommand({ input: { text: q }, retrieveAndGenerateConfiguration: { type: "KNOWLEDGE_BASE", knowledgeBaseConfiguration: { knowledgeBaseId: kb, modelArn } } }));\n',
      errors: [{ line: 3, message: /knowledgeBaseConfiguration\.generationConfiguration\.guardrailConfiguration/ }],
      output:
        'import { BedrockAgentRuntimeClient, RetrieveAndGenerateStreamCommand } from "@aws-sdk/client-bedrock-agent-runtime";\n' +
        'const agent = new BedrockAgentRuntimeClient({});\n' +
        'await agent.send(new RetrieveAndGenerateStreamCommand({ input: { text: q }, retrieveAndGenerateConfiguration: { type: "KNOWLEDGE_BASE", knowledgeBaseConfiguration: { knowledgeBaseId: kb, modelArn, generationConfiguration: { guardrailConfiguration: { guardrailId: "<guardrail-id>", guardrailVersion: "DRAFT" } } } } }));\n',
    },
    {
      name: 'aggregated client in JavaScript',
      filename: 'chat.js',
      code: 'const { BedrockRuntime } = require("@aws-sdk/client-bedrock-runtime");\nconst rt = new BedrockRuntime({});\nrt.converse({ modelId, messages });\n',
      errors: [{ line: 3, column: 4 }],
    },
  ],
});
