// What the rules keep across edits (`rules/support/callUse.ts`: each call's and exit's sources and each call's sink;
// `flow/summary.ts`: each value's deep origins; the system prompts, DRAFT guardrail versions and placeholders under a
// value; kept by fact, since the language server's Python and TypeScript
// extractors reuse the facts of unchanged statements as the same objects): after random edit sequences that change
// what a model call's output is used for, the findings, the flow summary, what the project keeps of the file for
// the cross-file rules, and each Bedrock call's use are those of a fresh analysis of the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bedrockOperation } from '../server/src/engine/apis/bedrock';
import { Engine } from '../server/src/engine/engine';
import { flowOf } from '../server/src/engine/flow/summary';
import { callUse } from '../server/src/engine/rules/support/callUse';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';

const PYTHON = `import json
import boto3
from flask import Flask
from langchain_core.tools import tool

app = Flask(__name__)
client = boto3.client("bedrock-runtime")
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
SYSTEM = [{"text": "You grade answers."}]


def ask(prompt):
    reply = client.converse(modelId=MODEL, messages=[{"role": "user", "content": [{"text": prompt}]}])
    return reply["output"]["message"]["content"][0]["text"]


def grade(answer):
    verdict = client.converse(modelId=MODEL, system=SYSTEM, messages=[{"role": "user", "content": [{"text": answer}]}])
    score = json.loads(verdict["output"]["message"]["content"][0]["text"])
    return score["score"] > 3


@app.post("/chat")
def chat(question):
    return ask(question)


@tool
def lookup(query):
    return ask(query)


def save(rows):
    for row in rows:
        text = ask(row)
        open("out.txt", "w").write(text)


def guarded(prompt):
    reply = client.converse(modelId=MODEL, messages=prompt)
    checked = client.apply_guardrail(guardrailIdentifier="g-1", guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": reply}}])
    return checked


def cli(q):
    reply = client.converse(modelId=MODEL, messages=q)
    print(reply)


class Helper:
    def answer(self, q):
        return ask(q)

    def run(self, q):
        print(self.answer(q))
`;

const PYTHON_LINES = [
  '    return ask(question)\n',
  '    print(ask(q))\n',
  '    return json.loads(ask(q))\n',
  '    open("log.txt", "a").write(ask(q))\n',
  '@app.get("/answer")\n',
  '@tool\n',
  'import streamlit as st\n',
  'st.write(ask("hi"))\n',
  'x = input("? ")\n',
  'if __name__ == "__main__":\n    save(["a"])\n',
  'def again(q):\n    return grade(ask(q))\n',
  'def direct(q):\n    return client.converse(modelId=MODEL, messages=q)\n',
  '        return self.answer(q)\n',
];

const TYPESCRIPT = `import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import express from "express";

const client = new BedrockRuntimeClient({});
const app = express();
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

async function ask(prompt: string) {
  const command = new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: prompt }] }] });
  const reply = await client.send(command);
  return reply.output?.message?.content?.[0]?.text;
}

async function grade(answer: string) {
  const verdict = await client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: answer }] }] }));
  return JSON.parse(verdict.output?.message?.content?.[0]?.text ?? "{}").score > 3;
}

app.post("/chat", async (req, res) => {
  res.json({ answer: await ask(req.body.question) });
});

export async function save(rows: string[]) {
  for (const row of rows) {
    const text = await ask(row);
    console.log(text);
  }
}
`;

const TYPESCRIPT_LINES = [
  '  return ask(prompt);\n',
  '  console.log(await ask("x"));\n',
  '  return JSON.parse(await ask("y"));\n',
  'const readline = require("readline");\n',
  'async function again(q: string) {\n  return grade(await ask(q));\n}\n',
  'main();\n',
  'import * as fs from "fs";\n',
  '  fs.writeFileSync("out.txt", await ask("z"));\n',
];

// Values that hold a system prompt, a guardrail's DRAFT version and placeholders, shared between calls and moved by edits.
const PYTHON_VALUES = `import boto3
from langchain_core.prompts import ChatPromptTemplate

client = boto3.client("bedrock-runtime")
GUARDRAIL = {"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"}
REGISTRY = "123.dkr.ecr.us-east-1.amazonaws.com"


def ask(question, user):
    messages = [{"role": "system", "content": f"You help {user}."}, {"role": "user", "content": question}]
    return client.converse(modelId="m", messages=messages, guardrailConfig=GUARDRAIL)


def chat(topic):
    return ChatPromptTemplate.from_messages([("system", f"Talk about {topic}"), ("human", "{q}")])


def train():
    return Estimator(image_uri=f"{REGISTRY}/train:<version>", role="r")


def claude(user):
    return anthropic_client.messages.create(model="m", system=f"You help {user}.", messages=[])
`;

const PYTHON_VALUE_LINES = [
  'GUARDRAIL = {"guardrailIdentifier": "g-1", "guardrailVersion": "2"}\n',
  'KEY = {"KmsKeyId": "<kms-key-arn>"}\n',
  '    messages = [{"role": "system", "content": question}]\n',
  '    return client.converse(modelId="m", messages=q, guardrailConfig={"guardrailIdentifier": "g", "guardrailVersion": "DRAFT"})\n',
  'def other(user):\n    return client.converse(modelId="m", system=[{"text": f"Be {user}"}], messages=[], guardrailConfig=GUARDRAIL)\n',
  '    return Estimator(image_uri=f"{REGISTRY}/serve:<version>", role="r")\n',
  // Whether \`messages.create\` is Anthropic's (and its \`system\` a system prompt) follows from the file's imports.
  'import anthropic\n',
];

/** A small seeded generator (the same sequence for a seed on every platform). */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return (n: number) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

/** One random edit: a line from `lines` put in (often at the end), a line deleted or duplicated, or a few characters typed or removed. */
function edit(text: string, lines: readonly string[], int: (n: number) => number): string {
  const at = int(text.length + 1);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', lineStart) + 1 || text.length;
  switch (int(7)) {
    case 6:
      // At the end: the facts of every statement before it are kept as they are.
      return text + lines[int(lines.length)];
    case 0:
    case 1:
      return text.slice(0, lineStart) + lines[int(lines.length)] + text.slice(lineStart);
    case 2:
      return text.slice(0, lineStart) + text.slice(lineEnd);
    case 3:
      return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 4:
      return text.slice(0, at) + ['x', 'q', ' ', '(', '\n', '\n    '][int(6)] + text.slice(at);
    default:
      return text.slice(0, at) + text.slice(at + 1 + int(3));
  }
}

/** What the rules work out of one analysis, in a form to compare. */
async function outcome(engine: Engine, path: string, text: string, language: 'python' | 'typescript') {
  const result = engine.analyze({ path, text, language });
  const facts = result.facts!;
  const kept = keepForWorkspace(engine.rules)(facts, text);
  return {
    findings: result.findings,
    flow: flowOf(facts),
    kept: { calls: kept.calls.map((c) => ({ span: c.span, remembered: c.remembered })), flow: kept.flow },
    uses: facts.calls.filter((c) => bedrockOperation(c)).map((c) => callUse(c, facts, text)),
  };
}

// Model calls whose kind (text or embedding) follows from the keys read from their results in other statements: a
// summary kept by call must see those keys change (and, for \`client.send(command)\`, the command's).
const PYTHON_KINDS = `import json
import boto3

client = boto3.client("bedrock-runtime")
reply = client.invoke_model(modelId=MODEL_ID, body=BODY)
other = client.invoke_model(modelId=MODEL_ID, body=BODY)
print(reply)
`;

// No functions, so that most edits change only what is read from the results, not the names the summary depends on.
const PYTHON_KIND_LINES = ['vector = reply["embedding"]\n', 'images = other["images"]\n', 'text = reply["body"]\n', 'print(other)\n', 'more = reply["embeddings"]\n'];

const TYPESCRIPT_KINDS = `import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";

const client = new BedrockRuntimeClient({});
const reply = await client.send(new InvokeModelCommand({ modelId: MODEL_ID, body: BODY }));
const other = await client.send(new InvokeModelCommand({ modelId: MODEL_ID, body: BODY }));
const command = new InvokeModelCommand({ modelId: MODEL_ID, body: BODY });
const third = await client.send(command);
console.log(reply);
`;

const TYPESCRIPT_KIND_LINES = ['const vector = reply.embedding;\n', 'const images = other.images;\n', 'console.log(other.body);\n', 'const more = reply.embeddings;\n', 'const seen = command.embedding;\n'];

async function compareAfterEdits(
  language: 'python' | 'typescript',
  path: string,
  start: string,
  lines: readonly string[],
  seed: number,
  uses: number,
  rules: readonly string[] = [],
  models?: number,
): Promise<void> {
  const incremental = await Engine.create(undefined, [language]);
  const fresh = await Engine.create(undefined, [language]);
  const int = random(seed);
  let text = start;
  const contexts = new Set<string>();
  const reported = new Set<string>();
  const modelNodes = new Set<number>();
  for (let step = 0; step <= 60; step++, text = edit(text, lines, int)) {
    const got = await outcome(incremental, path, text, language);
    fresh.release(path);
    const want = await outcome(fresh, path, text, language);
    assert.deepEqual(got, want, `edit ${step}`);
    for (const use of got.uses) contexts.add(use.context);
    modelNodes.add(got.flow.nodes.filter((n) => n.role === 'model').length);
    for (const finding of got.findings) reported.add(finding.ruleId);
  }
  for (const rule of rules) assert.ok(reported.has(rule), `${rule} never reported`);
  // The edits must have moved calls' output between several uses for the comparison to mean something.
  assert.ok(contexts.size >= uses, [...contexts].join(', '));
  // The edits must have made calls model calls and not, for the kinds' comparison to mean something.
  if (models !== undefined) assert.ok(modelNodes.size >= models, [...modelNodes].join(", "));
}

describe('What the rules keep across edits', () => {
  it('gives a Python file the findings, flow and uses of a fresh analysis, edit after edit', async () => {
    await compareAfterEdits('python', '/work/app.py', PYTHON, PYTHON_LINES, 17, 3);
    await compareAfterEdits('python', '/work/app.py', PYTHON, PYTHON_LINES, 29, 3);
  });

  it('gives the system prompts, DRAFT versions and placeholders of a fresh analysis, edit after edit', async () => {
    const rules = ['user-input-in-system-prompt', 'bedrock-guardrail-draft-version', 'placeholder-not-filled-in'];
    await compareAfterEdits('python', '/work/values.py', PYTHON_VALUES, PYTHON_VALUE_LINES, 31, 0, rules);
    await compareAfterEdits('python', '/work/values.py', PYTHON_VALUES, PYTHON_VALUE_LINES, 47, 0, rules);
  });

  it('gives model calls whose kind the keys read from their results decide the flow of a fresh analysis, edit after edit', async () => {
    await compareAfterEdits('python', '/work/kinds.py', PYTHON_KINDS, PYTHON_KIND_LINES, 5, 0, [], 3);
    await compareAfterEdits('python', '/work/kinds.py', PYTHON_KINDS, PYTHON_KIND_LINES, 11, 0, [], 3);
    await compareAfterEdits('typescript', '/work/kinds.ts', TYPESCRIPT_KINDS, TYPESCRIPT_KIND_LINES, 7, 0, [], 3);
    await compareAfterEdits('typescript', '/work/kinds.ts', TYPESCRIPT_KINDS, TYPESCRIPT_KIND_LINES, 3, 0, [], 3);
  });

  it('gives a TypeScript file the findings, flow and uses of a fresh analysis, edit after edit', async () => {
    await compareAfterEdits('typescript', '/work/app.ts', TYPESCRIPT, TYPESCRIPT_LINES, 23, 2);
  });
});
