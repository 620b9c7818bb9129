// Framework model classes (apis/frameworks/) that build OpenAI or Anthropic clients: bad and good constructions, and
// the bounded defaults that must stay silent.
import { ruleTester } from '../ruleTester';

const py = 'agent.py';

ruleTester('llm-client-without-timeout', {
  valid: [
    { name: 'Strands OpenAIModel with client_args.timeout', filename: py, code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"api_key": KEY, "timeout": 30}, model_id="gpt-4o", params={"max_tokens": 500})\n' },
    { name: 'Strands OpenAIModel on a client built elsewhere', filename: py, code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client=shared_client, model_id="gpt-4o")\n' },
    { name: 'Strands OpenAIModel client_args from a variable', filename: py, code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args=CLIENT_ARGS, model_id="gpt-4o")\n' },
    { name: 'Strands AnthropicModel with a timeout', filename: py, code: 'from strands.models.anthropic import AnthropicModel\nm = AnthropicModel(client_args={"timeout": 45.0}, model_id="claude-sonnet-4", max_tokens=1024)\n' },
    { name: 'Strands BedrockModel reads with a 120 s timeout (bounded)', filename: py, code: 'from strands.models import BedrockModel\nm = BedrockModel(model_id=MODEL)\n' },
    { name: 'LlamaIndex OpenAI has a 60 s default (bounded)', filename: py, code: 'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-4o", max_tokens=300)\n' },
    { name: 'LlamaIndex BedrockConverse has a 60 s default (bounded)', filename: py, code: 'from llama_index.llms.bedrock_converse import BedrockConverse\nllm = BedrockConverse(model=MODEL)\n' },
    { name: 'LlamaIndex Anthropic with a timeout', filename: py, code: 'from llama_index.llms.anthropic import Anthropic\nllm = Anthropic(model="claude-3-5-sonnet-latest", timeout=60.0)\n' },
    { name: 'LlamaIndex Anthropic on Bedrock (aws_region) is not judged', filename: py, code: 'from llama_index.llms.anthropic import Anthropic\nllm = Anthropic(model="anthropic.claude-3-5-sonnet-20240620-v1:0", aws_region="us-east-1")\n' },
    { name: 'LangChain ChatAnthropic with a timeout', filename: py, code: 'from langchain_anthropic import ChatAnthropic\nllm = ChatAnthropic(model="claude-3-5-sonnet-latest", timeout=30)\n' },
    { name: 'ChatAnthropic with default_request_timeout', filename: py, code: 'from langchain_anthropic import ChatAnthropic\nllm = ChatAnthropic(model="claude-3-5-sonnet-latest", default_request_timeout=settings.timeout)\n' },
    { name: 'ChatAnthropic settings from a dict', filename: py, code: 'from langchain_anthropic import ChatAnthropic\nllm = ChatAnthropic(**ANTHROPIC_SETTINGS)\n' },
    { name: 'AutoGen client with a timeout', filename: py, code: 'from autogen_ext.models.openai import OpenAIChatCompletionClient\nclient = OpenAIChatCompletionClient(model="gpt-4o", timeout=30, max_tokens=500)\n' },
  ],
  invalid: [
    {
      name: 'Strands OpenAIModel without a timeout',
      filename: py,
      code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"api_key": KEY}, model_id="gpt-4o", params={"max_tokens": 500})\n',
      errors: [{ line: 2, column: 5, message: /`OpenAIModel` has no `client_args\.timeout`: the OpenAI SDK waits up to 10 minutes per attempt/ }],
      output: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(client_args={"api_key": KEY, "timeout": 60}, model_id="gpt-4o", params={"max_tokens": 500})\n',
    },
    {
      name: 'Strands OpenAIModel without client_args',
      filename: py,
      code: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(model_id="gpt-4o", params={"max_tokens": 500})\n',
      errors: [{ line: 2, column: 5 }],
      output: 'from strands.models.openai import OpenAIModel\nm = OpenAIModel(model_id="gpt-4o", params={"max_tokens": 500}, client_args={"timeout": 60})\n',
    },
    {
      name: 'Strands AnthropicModel with timeout None',
      filename: py,
      code: 'from strands.models.anthropic import AnthropicModel\nm = AnthropicModel(client_args={"timeout": None}, model_id="claude-sonnet-4", max_tokens=1024)\n',
      errors: [{ line: 2, column: 44, message: /`client_args\.timeout` of `AnthropicModel` is `None`: a stalled request waits forever/ }],
      output: 'from strands.models.anthropic import AnthropicModel\nm = AnthropicModel(client_args={"timeout": 60}, model_id="claude-sonnet-4", max_tokens=1024)\n',
    },
    {
      name: 'LlamaIndex Anthropic passes timeout=None by default',
      filename: py,
      code: 'from llama_index.llms.anthropic import Anthropic\nllm = Anthropic(model="claude-3-5-sonnet-latest")\n',
      errors: [{ line: 2, column: 7, message: /LlamaIndex passes `timeout=None` to the Anthropic SDK, so a stalled request waits forever/ }],
      output: 'from llama_index.llms.anthropic import Anthropic\nllm = Anthropic(model="claude-3-5-sonnet-latest", timeout=60)\n',
    },
    {
      name: 'LangChain ChatAnthropic passes timeout=None by default',
      filename: py,
      code: 'from langchain_anthropic import ChatAnthropic\n\nllm = ChatAnthropic(model="claude-3-5-sonnet-latest", max_tokens=2048)\n',
      errors: [{ line: 3, column: 7, message: /`ChatAnthropic` has no `timeout`: LangChain passes `timeout=None`/ }],
      output: 'from langchain_anthropic import ChatAnthropic\n\nllm = ChatAnthropic(model="claude-3-5-sonnet-latest", max_tokens=2048, timeout=60)\n',
    },
    {
      name: 'ChatAnthropic through init_chat_model',
      filename: py,
      code: 'from langchain.chat_models import init_chat_model\nllm = init_chat_model("anthropic:claude-3-5-haiku-latest", temperature=0)\n',
      errors: [{ line: 2, message: /`ChatAnthropic` has no `timeout`/ }],
    },
    {
      name: 'ChatAnthropic timeout of 0 is not passed on',
      filename: py,
      code: 'from langchain_anthropic import ChatAnthropic\nllm = ChatAnthropic(model="claude-3-5-sonnet-latest", timeout=0)\n',
      errors: [{ line: 2, column: 63, message: /does not pass a timeout of 0 to the Anthropic SDK: the Anthropic SDK waits up to 10 minutes/ }],
      output: 'from langchain_anthropic import ChatAnthropic\nllm = ChatAnthropic(model="claude-3-5-sonnet-latest", timeout=60)\n',
    },
    {
      name: 'AutoGen OpenAI client without a timeout',
      filename: py,
      code: 'from autogen_ext.models.openai import OpenAIChatCompletionClient\nclient = OpenAIChatCompletionClient(model="gpt-4o-mini", max_tokens=500)\n',
      errors: [{ line: 2, column: 10, message: /`OpenAIChatCompletionClient` has no `timeout`: the OpenAI SDK waits up to 10 minutes/ }],
      output: 'from autogen_ext.models.openai import OpenAIChatCompletionClient\nclient = OpenAIChatCompletionClient(model="gpt-4o-mini", max_tokens=500, timeout=60)\n',
    },
    {
      name: 'AutoGen Azure client with timeout=None',
      filename: py,
      code: 'from autogen_ext.models.openai import AzureOpenAIChatCompletionClient\nclient = AzureOpenAIChatCompletionClient(model="gpt-4o", azure_endpoint=E, api_version="2024-06-01", timeout=None, max_tokens=500)\n',
      errors: [{ line: 2, message: /is `None`: a stalled request waits forever/ }],
    },
  ],
});
