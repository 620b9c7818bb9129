// Random edits of Python modules for the tests that compare what an edit keeps with a fresh analysis
// (`pythonKept.test.ts`, `pythonWalkTables.test.ts`): a module whose statements read each other in every way the
// extractor follows, and edits that type, delete, break and mend, change imports, rename and move module-level names.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? pythonFiles(full) : e.name.endsWith('.py') ? [full] : [];
  });
}
export const CORPUS = [...pythonFiles(path.join(ROOT, 'test', 'fixtures', 'labelled')), ...pythonFiles(path.join(ROOT, 'examples'))].sort();

/**
 * A module whose statements read each other in every way the extractor follows across statements, and in the ways
 * the walk's parts depend on other statements: writes from a function to module-level names bound before it or after
 * it (`PROMPTS`, `HISTORY`), calls that may change what they are passed depending on the imports (`log`, `copy.deepcopy`),
 * a function registered as a tool (`Tool.from_function`).
 */
export const CROSS_STATEMENT = `import copy
import json
import boto3
from functools import partial
from langchain_aws import ChatBedrock as Chat
from langchain_core.tools import Tool

MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0"
GUARDRAIL = {"guardrailIdentifier": "g-1", "guardrailVersion": "1"}
client = boto3.client("bedrock-runtime")
llm = Chat(model_id=MODEL_ID)
ask = partial(client.converse, guardrailConfig=GUARDRAIL)
settings = {"maxTokens": 512}
settings["temperature"] = 0.2
response = client.invoke_model(modelId=MODEL_ID, body=json.dumps({"prompt": "hi"}))
vector = json.loads(response["body"].read())["embedding"]


def configure(extra):
    settings.update(extra)
    GUARDRAIL["trace"] = "enabled"


class Assistant:
    region = "us-east-1"

    def __init__(self, model_id: str = MODEL_ID):
        self.model_id = model_id
        self.client = boto3.client("bedrock-runtime", region_name=self.region)

    def chat(self, prompt: str) -> str:
        answer = self.client.converse(modelId=self.model_id, messages=[{"role": "user", "content": [{"text": prompt}]}], inferenceConfig=settings)
        text = answer["output"]["message"]["content"][0]["text"]
        if text.startswith("yes") or text == MODEL_ID:
            return text
        return ask(messages=[{"role": "user", "content": [{"text": text}]}])


def summarize(rows: list[dict], limit: int = 3) -> str:
    prompt = "\\n".join(f"- {row['text']}" for row in rows[:limit])
    reply = llm.invoke(prompt)
    for item in rows:
        item["summary"] = reply.content
    return reply.content


def tool_search(query: str) -> str:
    return client.retrieve(knowledgeBaseId="kb", retrievalQuery={"text": query})


def regional():
    return boto3.client("bedrock-runtime", region_name=Assistant.region)


PROMPTS = {"system": "be brief"}


def build(question):
    request = {"prompt": question, "max_tokens": 10}
    log(copy.deepcopy(request), MODEL_ID)
    PROMPTS["user"] = question
    client.converse(modelId=MODEL_ID, messages=[request], system=[PROMPTS])
    HISTORY.append(request)
    return client.invoke_model(modelId=MODEL_ID, body=json.dumps(request), **settings)


HISTORY = []


def replay():
    return client.converse(modelId=MODEL_ID, messages=HISTORY, system=[PROMPTS])


TOOLS = [tool_search]
FEATURES = ["age", "income"]
search_tool = Tool.from_function(tool_search)
`;

/** A small seeded generator (the same sequence for a seed on every platform). */
export function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

const CHARACTERS = ['x', 'y', '_', '1', ' ', '(', ')', '[', ']', '{', '}', ':', '"', "'", '=', ',', '.', '#', '\n', '\n    ', '\t'];
const LINES = [
  'import json as boto3\n',
  'from os import environ as MODEL_ID\n',
  'import openai\n',
  'import pickle as copy\n',
  'from json import dumps as log\n',
  'from langchain_core import tools as Tool\n',
  'HISTORY = []\n',
  'PROMPTS = {}\n',
  'MODEL_ID = "amazon.nova-pro-v1:0"\n',
  'settings = {}\n',
  'ask = None\n',
  'ask = partial(client.invoke_model, modelId=MODEL_ID)\n',
  'client = object()\n',
  'settings.clear()\n',
  'del GUARDRAIL["guardrailVersion"]\n',
  'configure({"topP": 0.9})\n',
  'def helper(x=MODEL_ID):\n    return client.converse(modelId=x, messages=[])\n',
  'def tool_search(query):\n    return query\n',
  'class Assistant:\n    region = "eu-west-1"\n',
  '    pass\n',
  'if True:\n',
  'for row in []:\n',
  '"""docstring\n',
];

/** One random edit of `text`: characters, lines, imports, renamed module-level names, functions added or removed. */
export function edit(text: string, r: ReturnType<typeof random>): string {
  const at = r.int(text.length + 1);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  switch (r.int(9)) {
    case 0:
    case 1:
      return text.slice(0, at) + r.pick(CHARACTERS) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + r.int(3));
    case 3:
      return text.slice(0, at) + r.pick(CHARACTERS) + text.slice(at + 1);
    case 4:
      return text.slice(0, lineStart) + r.pick(LINES) + text.slice(lineStart);
    case 5: {
      // A line deleted, or moved to another place.
      const end = text.indexOf('\n', lineStart);
      const line = end < 0 ? text.slice(lineStart) : text.slice(lineStart, end + 1);
      const rest = text.slice(0, lineStart) + text.slice(lineStart + line.length);
      if (r.int(2) === 0) return rest;
      const to = rest.lastIndexOf('\n', r.int(rest.length + 1) - 1) + 1;
      return rest.slice(0, to) + line + rest.slice(to);
    }
    case 6: {
      // A module-level name renamed where it is bound, or everywhere.
      const names = [...text.matchAll(/^([A-Za-z_]\w*)\s*=/gm)].map((m) => m[1]);
      if (names.length === 0) return text;
      const name = r.pick(names);
      const renamed = `${name}${r.pick(['x', '_2', ''])}`.replace(/^(\w)(\w*)$/, (_, a: string, b: string) => (r.int(2) ? a.toUpperCase() : a) + b);
      return r.int(2) === 0 ? text.replace(new RegExp(`^${name}(?=\\s*=)`, 'm'), renamed) : text.replace(new RegExp(`\\b${name}\\b`, 'g'), renamed);
    }
    case 7: {
      // A top-level function or class removed.
      const defs = [...text.matchAll(/^(def|class) [^\n]*\n((?:[ \t]+[^\n]*\n|\n)*)/gm)];
      if (defs.length === 0) return text;
      const d = r.pick(defs);
      return text.slice(0, d.index) + text.slice(d.index! + d[0].length);
    }
    default:
      return text.slice(0, lineStart) + 'def added_' + r.int(1000) + '(q):\n    reply = client.converse(modelId=MODEL_ID, messages=q, **settings)\n    return reply["output"]\n\n' + text.slice(lineStart);
  }
}
