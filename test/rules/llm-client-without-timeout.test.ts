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

const ts = 'clients.ts';
const js = 'clients.js';

ruleTester('llm-client-without-timeout', {
  valid: [
    { filename: ts, code: 'import OpenAI from "openai";\nexport const openai = new OpenAI({ timeout: 30_000, maxRetries: 2 });\n' },
    { name: 'timeout from configuration', filename: ts, code: 'import OpenAI from "openai";\nconst openai = new OpenAI({ apiKey: env.OPENAI_API_KEY, timeout: config.llmTimeoutMs });\n' },
    { name: 'options object built first', filename: ts, code: 'import { AzureOpenAI } from "openai";\nconst options = { apiVersion: "2024-10-21", timeout: 45_000 };\nconst client = new AzureOpenAI(options);\n' },
    { name: 'spread options may hold a timeout', filename: ts, code: 'import OpenAI from "openai";\nexport function make(opts: ClientOptions) {\n  return new OpenAI({ ...opts, maxRetries: 1 });\n}\n' },
    { name: 'options from a parameter', filename: ts, code: 'import Anthropic from "@anthropic-ai/sdk";\nexport const make = (options: ClientOptions) => new Anthropic(options);\n' },
    { name: 'custom fetch', filename: ts, code: 'import OpenAI from "openai";\nconst openai = new OpenAI({ fetch: fetchWithTimeout });\n' },
    {
      name: 'timeout in the request options of each call',
      filename: ts,
      code: 'import OpenAI from "openai";\nconst openai = new OpenAI();\nexport const ask = (messages) => openai.chat.completions.create({ model: "gpt-4o", messages, max_completion_tokens: 300 }, { timeout: 20_000 });\n',
    },
    {
      name: 'withOptions per request',
      filename: ts,
      code: 'import OpenAI from "openai";\nconst openai = new OpenAI();\nconst r = await openai.withOptions({ timeout: 10_000 }).responses.create({ model: "gpt-4.1", input: q, max_output_tokens: 200 });\n',
    },
    { name: 'AWS SDK v3 Bedrock client, like boto3, is not checked', filename: ts, code: 'import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({ region: "us-east-1" });\n' },
    { name: 'an OpenAI class from elsewhere', filename: ts, code: 'import { OpenAI } from "@langchain/openai";\nconst llm = new OpenAI({ model: "gpt-3.5-turbo-instruct" });\n' },
  ],
  invalid: [
    {
      filename: ts,
      code: 'import OpenAI from "openai";\n\nexport const openai = new OpenAI();\n',
      errors: [{ line: 3, column: 27, message: /OpenAI SDK waits up to 10 minutes/ }],
      output: 'import OpenAI from "openai";\n\nexport const openai = new OpenAI({ timeout: 60_000 });\n',
    },
    {
      name: 'maxRetries is not a timeout',
      filename: ts,
      code: 'import OpenAI from "openai";\nconst openai = new OpenAI({\n  apiKey: process.env.OPENAI_API_KEY,\n  maxRetries: 5,\n});\n',
      errors: [{ line: 2, column: 20 }],
      output: 'import OpenAI from "openai";\nconst openai = new OpenAI({\n  apiKey: process.env.OPENAI_API_KEY,\n  maxRetries: 5,\n  timeout: 60_000,\n});\n',
    },
    {
      name: 'CommonJS require and an options variable',
      filename: js,
      code: 'const OpenAI = require("openai");\nconst options = { baseURL: process.env.LLM_URL };\nconst client = new OpenAI(options);\n',
      errors: [{ line: 3, column: 20 }],
      output: 'const OpenAI = require("openai");\nconst options = { baseURL: process.env.LLM_URL, timeout: 60_000 };\nconst client = new OpenAI(options);\n',
    },
    {
      name: 'aliased named import of the Azure client',
      filename: ts,
      code: 'import { AzureOpenAI as Azure } from "openai";\nexport const client = new Azure({ apiVersion: "2024-10-21", deployment: "gpt-4o" });\n',
      errors: [{ line: 2, column: 27 }],
      output: 'import { AzureOpenAI as Azure } from "openai";\nexport const client = new Azure({ apiVersion: "2024-10-21", deployment: "gpt-4o", timeout: 60_000 });\n',
    },
    {
      name: 'Anthropic client through a namespace import',
      filename: ts,
      code: 'import * as sdk from "@anthropic-ai/sdk";\nclass Summarizer {\n  private client = new sdk.Anthropic({ maxRetries: 3 });\n}\n',
      errors: [{ line: 3, column: 28, message: /Anthropic SDK/ }],
      output: 'import * as sdk from "@anthropic-ai/sdk";\nclass Summarizer {\n  private client = new sdk.Anthropic({ maxRetries: 3, timeout: 60_000 });\n}\n',
    },
    {
      name: 'timeout: null keeps the default',
      filename: ts,
      code: 'import OpenAI from "openai";\nconst openai = new OpenAI({ timeout: null });\n',
      errors: [{ line: 2, column: 29, message: /10 minutes/ }],
      output: 'import OpenAI from "openai";\nconst openai = new OpenAI({ timeout: 60_000 });\n',
    },
    {
      name: 'a timeout on a non-model call does not count',
      filename: ts,
      code: 'import OpenAI from "openai";\nimport axios from "axios";\nconst openai = new OpenAI();\nawait axios.get(url, { timeout: 5000 });\n',
      errors: [{ line: 3, column: 20 }],
    },
  ],
});
