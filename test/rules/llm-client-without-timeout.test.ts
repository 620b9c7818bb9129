import { ruleTester } from '../ruleTester';

const py = 'clients.py';

ruleTester('llm-client-without-timeout', {
  valid: [
    { filename: py, code: 'from openai import OpenAI\nclient = OpenAI(timeout=30.0)\n' },
    { name: 'httpx.Timeout', filename: py, code: 'import httpx\nfrom openai import AsyncOpenAI\nclient = AsyncOpenAI(timeout=httpx.Timeout(20.0, connect=3.0), max_retries=1)\n' },
    { name: 'timeout from settings', filename: py, code: 'import openai\nclient = openai.OpenAI(api_key=key, timeout=settings.llm_timeout)\n' },
    { name: 'custom http_client carries its own timeout', filename: py, code: 'import httpx\nfrom openai import OpenAI\nclient = OpenAI(http_client=httpx.Client(timeout=15))\n' },
    { name: 'client options from a variable', filename: py, code: 'from anthropic import Anthropic\nclient = Anthropic(**CLIENT_OPTIONS)\n' },
    {
      name: 'options dict with a timeout',
      filename: py,
      code: 'from anthropic import Anthropic\noptions = {"timeout": 45, "max_retries": 3}\nclient = Anthropic(**options)\n',
    },
    {
      name: 'timeout on every request',
      filename: py,
      code:
        'from openai import OpenAI\nclient = OpenAI()\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=q, max_tokens=300, timeout=20)\n',
    },
    {
      name: 'with_options per request',
      filename: py,
      code: 'from openai import OpenAI\nclient = OpenAI()\nr = client.with_options(timeout=10.0).responses.create(model="gpt-4.1", input=q, max_output_tokens=200)\n',
    },
    { name: 'boto3 Bedrock client (60 s read timeout)', filename: py, code: 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n' },
    { name: 'an OpenAI class from elsewhere', filename: py, code: 'from mycompany.llm import OpenAI\nclient = OpenAI()\n' },
  ],
  invalid: [
    {
      filename: py,
      code: 'from openai import OpenAI\n\nclient = OpenAI()\n',
      errors: [{ line: 3, column: 10, message: /waits up to 10 minutes/ }],
      output: 'from openai import OpenAI\n\nclient = OpenAI(timeout=60)\n',
    },
    {
      name: 'Azure client with arguments',
      filename: py,
      code: 'import os\nfrom openai import AzureOpenAI\nclient = AzureOpenAI(\n    api_version="2024-10-21",\n    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],\n)\n',
      errors: [{ line: 3, column: 10 }],
      output:
        'import os\nfrom openai import AzureOpenAI\nclient = AzureOpenAI(\n    api_version="2024-10-21",\n    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],\n    timeout=60,\n)\n',
    },
    {
      name: 'async client through the module',
      filename: py,
      code: 'import openai\n\nclass Summarizer:\n    def __init__(self):\n        self.client = openai.AsyncOpenAI(max_retries=5)\n',
      errors: [{ line: 5, column: 30 }],
      output: 'import openai\n\nclass Summarizer:\n    def __init__(self):\n        self.client = openai.AsyncOpenAI(max_retries=5, timeout=60)\n',
    },
    {
      name: 'Anthropic client',
      filename: py,
      code: 'import anthropic\nclient = anthropic.Anthropic()\n',
      errors: [{ line: 2, message: /Anthropic SDK/ }],
      output: 'import anthropic\nclient = anthropic.Anthropic(timeout=60)\n',
    },
    {
      name: 'timeout=None waits forever',
      filename: py,
      code: 'from openai import OpenAI\nclient = OpenAI(timeout=None)\n',
      errors: [{ line: 2, column: 17, message: /forever/ }],
      output: 'from openai import OpenAI\nclient = OpenAI(timeout=60)\n',
    },
    {
      name: 'a request timeout elsewhere on a non-model call does not count',
      filename: py,
      code: 'import requests\nfrom openai import OpenAI\nclient = OpenAI()\nrequests.get(url, timeout=5)\n',
      errors: [{ line: 3 }],
    },
  ],
});
