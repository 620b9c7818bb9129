// Framework model classes (apis/frameworks/): a bad and a good construction per framework, and the bounded defaults
// that must stay silent.
import { ruleTester } from '../ruleTester';

const py = 'agent.py';
const ts = 'agent.ts';

ruleTester('llm-call-without-max-tokens', {
  valid: [
    { name: 'Strands BedrockModel with max_tokens', filename: py, code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id=MODEL, max_tokens=2000)\n' },
    {
      name: 'Strands max_tokens set later with update_config',
      filename: py,
      code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id=MODEL)\nmodel.update_config(max_tokens=limits.output)\n',
    },
    { name: 'Strands OpenAIModel with params.max_tokens', filename: py, code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"timeout": 30}, model_id="gpt-4o", params={"max_tokens": 1000})\n' },
    { name: 'Strands OpenAIModel params from a variable', filename: py, code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"timeout": 30}, model_id="gpt-4o", params=PARAMS)\n' },
    { name: 'Strands AnthropicModel requires max_tokens (bounded)', filename: py, code: 'from strands.models.anthropic import AnthropicModel\nm = AnthropicModel(client_args={"timeout": 30}, model_id="claude-sonnet-4", max_tokens=1024)\n' },
    { name: 'LlamaIndex BedrockConverse sends 512 by default', filename: py, code: 'from llama_index.llms.bedrock_converse import BedrockConverse\nllm = BedrockConverse(model=MODEL, guardrail_identifier=G, guardrail_version="1")\n' },
    { name: 'LlamaIndex Anthropic sends 512 by default', filename: py, code: 'from llama_index.llms.anthropic import Anthropic\nllm = Anthropic(model="claude-3-5-sonnet-latest", timeout=30)\n' },
    { name: 'LlamaIndex OpenAI with max_tokens', filename: py, code: 'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-4o-mini", max_tokens=512)\n' },
    { name: 'LlamaIndex OpenAI with additional_kwargs', filename: py, code: 'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="o3-mini", additional_kwargs={"max_completion_tokens": 4000})\n' },
    { name: 'LlamaIndex limit per call', filename: py, code: 'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-4o")\nresp = llm.complete(prompt, max_tokens=256)\n' },
    { name: 'CrewAI LLM on Bedrock with max_tokens', filename: py, code: 'from crewai import LLM\nllm = LLM(model="bedrock/amazon.nova-pro-v1:0", max_tokens=1500, guardrail_config=G)\n' },
    { name: 'CrewAI LLM on another provider is not judged here', filename: py, code: 'from crewai import LLM\nllm = LLM(model="ollama/llama3.1")\n' },
    { name: 'AutoGen client with max_tokens', filename: py, code: 'from autogen_ext.models.openai import OpenAIChatCompletionClient\nclient = OpenAIChatCompletionClient(model="gpt-4o", max_tokens=800, timeout=30)\n' },
    { name: 'LangChain JS ChatBedrockConverse with maxTokens', filename: ts, code: 'import { ChatBedrockConverse } from "@langchain/aws";\nconst llm = new ChatBedrockConverse({ model: MODEL, maxTokens: 1000 });\n' },
    {
      name: 'LangChain JS limit bound per call',
      filename: ts,
      code: 'import { ChatBedrockConverse } from "@langchain/aws";\nconst llm = new ChatBedrockConverse({ model: MODEL });\nconst bound = llm.bind({ maxTokens: 400 });\n',
    },
    {
      name: 'AI SDK on Bedrock with maxOutputTokens',
      filename: ts,
      code: 'import { generateText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\ngenerateText({ model: bedrock(MODEL), prompt, maxOutputTokens: 600 });\n',
    },
    { name: 'AI SDK 4 maxTokens', filename: ts, code: 'import { streamText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\nstreamText({ model: bedrock(MODEL), prompt, maxTokens: 600 });\n' },
  ],
  invalid: [
    {
      name: 'Strands BedrockModel without max_tokens',
      filename: py,
      code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id="us.amazon.nova-pro-v1:0", guardrail_id=G, guardrail_version="1")\n',
      errors: [{ line: 2, column: 9, message: /`BedrockModel` sets no output-token limit \(`max_tokens`\)/ }],
      output: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id="us.amazon.nova-pro-v1:0", guardrail_id=G, guardrail_version="1", max_tokens=1024)\n',
    },
    {
      name: 'Strands BedrockModel with max_tokens=None',
      filename: py,
      code: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id=MODEL, max_tokens=None)\n',
      errors: [{ line: 2, column: 49 }],
      output: 'from strands.models import BedrockModel\nmodel = BedrockModel(model_id=MODEL, max_tokens=1024)\n',
    },
    {
      name: 'Strands Agent() on its default BedrockModel',
      filename: py,
      code: 'from strands import Agent\nagent = Agent(tools=[search])\n',
      errors: [{ line: 2, column: 9, message: /`Agent` \(its default `BedrockModel`\) sends no output-token limit/ }],
      output: null,
    },
    {
      name: 'Strands OpenAIModel without params',
      filename: py,
      code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"timeout": 30}, model_id="gpt-4o")\n',
      errors: [{ line: 2, message: /`OpenAIModel` sets no output-token limit \(`params\.max_tokens`\)/ }],
      output: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"timeout": 30}, model_id="gpt-4o", params={"max_tokens": 1024})\n',
    },
    {
      name: 'Strands OpenAIModel with params but no limit',
      filename: py,
      code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"timeout": 30}, model_id="gpt-4o", params={"temperature": 0.2})\n',
      errors: [{ line: 2 }],
      output: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"timeout": 30}, model_id="gpt-4o", params={"temperature": 0.2, "max_tokens": 1024})\n',
    },
    {
      name: 'LlamaIndex OpenAI sends no limit by default',
      filename: py,
      code: 'from llama_index.llms.openai import OpenAI\nSettings.llm = OpenAI(model="gpt-4o")\n',
      errors: [{ line: 2, column: 16, message: /`OpenAI` sets no output-token limit/ }],
      output: 'from llama_index.llms.openai import OpenAI\nSettings.llm = OpenAI(model="gpt-4o", max_tokens=1024)\n',
    },
    {
      name: 'CrewAI LLM on Bedrock without max_tokens',
      filename: py,
      code: 'from crewai import LLM\nllm = LLM("bedrock/anthropic.claude-3-haiku-20240307-v1:0", guardrail_config=G)\n',
      errors: [{ line: 2, column: 7, message: /`LLM` sets no output-token limit/ }],
      output: 'from crewai import LLM\nllm = LLM("bedrock/anthropic.claude-3-haiku-20240307-v1:0", guardrail_config=G, max_tokens=1024)\n',
    },
    {
      name: 'CrewAI Agent given a Bedrock model ID',
      filename: py,
      code: 'from crewai import Agent\nwriter = Agent(role="Writer", goal="g", backstory="b", llm="bedrock/amazon.nova-pro-v1:0")\n',
      errors: [{ line: 2, message: /`Agent` given the model ID `bedrock\/amazon\.nova-pro-v1:0` sends no output-token limit/ }],
      output: null,
    },
    {
      name: 'AutoGen OpenAI client without max_tokens',
      filename: py,
      code: 'from autogen_ext.models.openai import OpenAIChatCompletionClient\nclient = OpenAIChatCompletionClient(model="gpt-4o", timeout=30)\n',
      errors: [{ line: 2, column: 10, message: /`OpenAIChatCompletionClient` sets no output-token limit/ }],
      output: 'from autogen_ext.models.openai import OpenAIChatCompletionClient\nclient = OpenAIChatCompletionClient(model="gpt-4o", timeout=30, max_tokens=1024)\n',
    },
    {
      name: 'LangChain JS ChatBedrockConverse without maxTokens',
      filename: ts,
      code: 'import { ChatBedrockConverse } from "@langchain/aws";\nconst llm = new ChatBedrockConverse({ model: MODEL, guardrailConfig: G });\n',
      errors: [{ line: 2, column: 17, message: /`ChatBedrockConverse` sets no output-token limit \(`maxTokens`\)/ }],
      output: 'import { ChatBedrockConverse } from "@langchain/aws";\nconst llm = new ChatBedrockConverse({ model: MODEL, guardrailConfig: G, maxTokens: 1024 });\n',
    },
    {
      name: 'AI SDK on Bedrock without maxOutputTokens',
      filename: ts,
      code: 'import { generateText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\ngenerateText({ model: bedrock(MODEL), prompt, providerOptions: { bedrock: { guardrailConfig: G } } });\n',
      errors: [{ line: 3, column: 1, message: /`generateText` sets no output-token limit \(`maxOutputTokens`\)/ }],
      output:
        'import { generateText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\ngenerateText({ model: bedrock(MODEL), prompt, providerOptions: { bedrock: { guardrailConfig: G } }, maxOutputTokens: 1024 });\n',
    },
  ],
});
