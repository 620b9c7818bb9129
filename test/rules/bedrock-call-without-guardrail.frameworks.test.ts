// Framework model classes that call Amazon Bedrock (apis/frameworks/): a bad and a good construction per framework.
import { ruleTester } from '../ruleTester';

const py = 'agent.py';
const ts = 'agent.ts';

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    {
      name: 'Strands BedrockModel with guardrail_id and guardrail_version',
      filename: py,
      code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id="us.amazon.nova-pro-v1:0", guardrail_id=GUARDRAIL_ID, guardrail_version="3", max_tokens=800)\n',
    },
    {
      name: 'Strands Agent on a model built in the file (judged where it is built)',
      filename: py,
      code: 'from strands import Agent\nfrom strands.models.bedrock import BedrockModel\nmodel = BedrockModel(guardrail_id="gr-1", guardrail_version="1")\nagent = Agent(model=model)\n',
    },
    { name: 'Strands Agent on a model from elsewhere', filename: py, code: 'from strands import Agent\nagent = Agent(model=build_model(), tools=[lookup])\n' },
    { name: 'Strands Agent with **kwargs', filename: py, code: 'from strands import Agent\nagent = Agent(**agent_settings)\n' },
    {
      name: 'Strands Agent used only to call its tools directly (no model call)',
      filename: py,
      code: 'from strands import Agent\nfrom strands_tools import file_read\ndef read(path):\n    reader = Agent(tools=[file_read])\n    return reader.tool.file_read(path=path)\n',
    },
    {
      name: 'Strands guardrail set later with update_config',
      filename: py,
      code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id="us.amazon.nova-lite-v1:0")\nmodel.update_config(guardrail_id=gid, guardrail_version="2")\n',
    },
    { name: 'Strands guardrail settings from a dict', filename: py, code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id=MODEL, **GUARDRAIL_SETTINGS)\n' },
    {
      name: 'LlamaIndex BedrockConverse with a guardrail',
      filename: py,
      code: 'from llama_index.llms.bedrock_converse import BedrockConverse\nllm = BedrockConverse(model="anthropic.claude-3-haiku-20240307-v1:0", guardrail_identifier=gid, guardrail_version="1")\n',
    },
    {
      name: 'LlamaIndex Bedrock embedding model is not a text model',
      filename: py,
      code: 'from llama_index.llms.bedrock import Bedrock\nllm = Bedrock(model="amazon.titan-embed-text-v2:0")\n',
    },
    {
      name: 'CrewAI LLM on Bedrock with guardrail_config',
      filename: py,
      code: 'from crewai import LLM\nllm = LLM(model="bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", guardrail_config={"guardrailIdentifier": gid, "guardrailVersion": "1"})\n',
    },
    { name: 'CrewAI LLM on OpenAI is not a Bedrock call', filename: py, code: 'from crewai import LLM\nllm = LLM(model="gpt-4o-mini")\n' },
    { name: 'CrewAI Agent with an LLM object', filename: py, code: 'from crewai import Agent\nanalyst = Agent(role="Analyst", goal="g", backstory="b", llm=bedrock_llm)\n' },
    { name: 'CrewAI Agent on the default (OpenAI) model', filename: py, code: 'from crewai import Agent\nanalyst = Agent(role="Analyst", goal="g", backstory="b")\n' },
    {
      name: 'LangChain JS ChatBedrockConverse with guardrailConfig',
      filename: ts,
      code: 'import { ChatBedrockConverse } from "@langchain/aws";\nconst llm = new ChatBedrockConverse({ model: MODEL, guardrailConfig: { guardrailIdentifier: GID, guardrailVersion: "1" } });\n',
    },
    {
      name: 'LangChain JS community BedrockChat with both guardrail settings',
      filename: ts,
      code: 'import { BedrockChat } from "@langchain/community/chat_models/bedrock";\nconst llm = new BedrockChat({ model: MODEL, region: "us-east-1", guardrailIdentifier: GID, guardrailVersion: "2" });\n',
    },
    {
      name: 'AI SDK on Bedrock with providerOptions.bedrock.guardrailConfig',
      filename: ts,
      code:
        'import { generateText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\nexport const answer = (prompt: string) =>\n  generateText({ model: bedrock("amazon.nova-pro-v1:0"), prompt, providerOptions: { bedrock: { guardrailConfig: { guardrailIdentifier: GID, guardrailVersion: "1" } } } });\n',
    },
    {
      name: 'AI SDK 4 guardrail in providerMetadata',
      filename: ts,
      code:
        'import { streamText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\nstreamText({ model: bedrock(MODEL), prompt, providerMetadata: { bedrock: { guardrailConfig: GUARDRAIL } } });\n',
    },
    { name: 'AI SDK on another provider', filename: ts, code: 'import { generateText } from "ai";\nimport { openai } from "@ai-sdk/openai";\ngenerateText({ model: openai("gpt-4o"), prompt });\n' },
  ],
  invalid: [
    {
      name: 'Strands BedrockModel without a guardrail',
      filename: py,
      code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id="us.amazon.nova-pro-v1:0", temperature=0.3)\n',
      errors: [{ line: 2, column: 9, message: /`BedrockModel` has no guardrail \(`guardrail_id`\)/ }],
      output: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id="us.amazon.nova-pro-v1:0", temperature=0.3, guardrail_id="<guardrail-id>", guardrail_version="DRAFT")\n',
    },
    {
      name: 'Strands guardrail_id without guardrail_version is never sent',
      filename: py,
      code: 'from strands.models.bedrock import BedrockModel\nmodel = BedrockModel(model_id=MODEL, guardrail_id=GUARDRAIL_ID)\n',
      errors: [{ line: 2, message: /has `guardrail_id` but no `guardrail_version`: Strands Agents sends no guardrail without both/ }],
      output: 'from strands.models.bedrock import BedrockModel\nmodel = BedrockModel(model_id=MODEL, guardrail_id=GUARDRAIL_ID, guardrail_version="DRAFT")\n',
    },
    {
      name: 'Strands Agent() on its default BedrockModel',
      filename: py,
      code: 'from strands import Agent\n\nagent = Agent(system_prompt="You answer billing questions.", tools=[lookup_invoice])\n',
      errors: [{ line: 3, column: 9, message: /`Agent` \(its default `BedrockModel`\) runs with no guardrail.*pass `BedrockModel\(guardrail_id=…\)`/ }],
      output: null,
    },
    {
      name: 'Strands Agent given a model ID',
      filename: py,
      code: 'import strands\nagent = strands.Agent(model="us.anthropic.claude-sonnet-4-20250514-v1:0")\n',
      errors: [{ line: 2, column: 29, message: /`Agent` given the model ID `us\.anthropic\.claude-sonnet-4-20250514-v1:0` runs with no guardrail/ }],
      output: null,
    },
    {
      name: 'LlamaIndex BedrockConverse without a guardrail',
      filename: py,
      code: 'from llama_index.llms.bedrock_converse import BedrockConverse\nllm = BedrockConverse(model="anthropic.claude-3-haiku-20240307-v1:0")\n',
      errors: [{ line: 2, column: 7, message: /`BedrockConverse` has no guardrail \(`guardrail_identifier`\)/ }],
      output: 'from llama_index.llms.bedrock_converse import BedrockConverse\nllm = BedrockConverse(model="anthropic.claude-3-haiku-20240307-v1:0", guardrail_identifier="<guardrail-id>", guardrail_version="DRAFT")\n',
    },
    {
      name: 'LlamaIndex Bedrock (InvokeModel) without a guardrail',
      filename: py,
      code: 'from llama_index.llms.bedrock import Bedrock\nllm = Bedrock(model="anthropic.claude-v2", temperature=0)\n',
      errors: [{ line: 2, message: /`Bedrock` has no guardrail/ }],
    },
    {
      name: 'CrewAI LLM on Bedrock without guardrail_config',
      filename: py,
      code: 'from crewai import LLM\nllm = LLM(model="bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", temperature=0.2)\n',
      errors: [{ line: 2, column: 7, message: /`LLM` has no guardrail \(`guardrail_config`\)/ }],
      output:
        'from crewai import LLM\nllm = LLM(model="bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", temperature=0.2, guardrail_config={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})\n',
    },
    {
      name: 'CrewAI Agent given a Bedrock model ID',
      filename: py,
      code: 'from crewai import Agent\nwriter = Agent(role="Writer", goal="g", backstory="b", llm="bedrock/amazon.nova-pro-v1:0")\n',
      errors: [{ line: 2, column: 60, message: /`Agent` given the model ID `bedrock\/amazon\.nova-pro-v1:0` runs with no guardrail/ }],
      output: null,
    },
    {
      name: 'LangChain JS ChatBedrockConverse without guardrailConfig',
      filename: ts,
      code: 'import { ChatBedrockConverse } from "@langchain/aws";\nconst llm = new ChatBedrockConverse({ model: "anthropic.claude-3-haiku-20240307-v1:0", region: "us-east-1" });\n',
      errors: [{ line: 2, column: 17, message: /`ChatBedrockConverse` has no guardrail \(`guardrailConfig`\)/ }],
      output:
        'import { ChatBedrockConverse } from "@langchain/aws";\nconst llm = new ChatBedrockConverse({ model: "anthropic.claude-3-haiku-20240307-v1:0", region: "us-east-1", guardrailConfig: { guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" } });\n',
    },
    {
      name: 'LangChain JS community BedrockChat with an empty guardrail identifier',
      filename: ts,
      code: 'import { BedrockChat } from "@langchain/community/chat_models/bedrock/web";\nconst llm = new BedrockChat({ model: MODEL, guardrailIdentifier: "", guardrailVersion: "1" });\n',
      errors: [{ line: 2, message: /is given no guardrail identifier/ }],
      output: null,
    },
    {
      name: 'AI SDK generateText on Bedrock without a guardrail',
      filename: ts,
      code: 'import { generateText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\nconst { text } = await generateText({ model: bedrock("anthropic.claude-3-haiku-20240307-v1:0"), prompt });\n',
      errors: [{ line: 3, column: 24, message: /`generateText` has no guardrail \(`providerOptions\.bedrock\.guardrailConfig`\)/ }],
      output:
        'import { generateText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\nconst { text } = await generateText({ model: bedrock("anthropic.claude-3-haiku-20240307-v1:0"), prompt, providerOptions: { bedrock: { guardrailConfig: { guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" } } } });\n',
    },
    {
      name: 'AI SDK streamText on a provider made with createAmazonBedrock',
      filename: ts,
      code: 'import { streamText } from "ai";\nimport { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";\nconst bedrock = createAmazonBedrock({ region: "eu-west-1" });\nconst result = streamText({ model: bedrock(MODEL_ID), messages });\n',
      errors: [{ line: 4, column: 16, message: /`streamText` has no guardrail/ }],
    },
  ],
});
