// Which calls the cross-file rules read, and how much of each (`WorkspaceReads.calls`), is kept by call from one edit
// to the next (`engine/keptCalls.ts`), with what each answer read of the file beyond the call (`KeepInputs`: whether
// it may call a function of the project, the function it is in, its output's local fate). After long random edit
// sequences that change those (functions defined, renamed and moved around calls, outputs returned or filtered, the
// first Bedrock call of a file removed), what the language server keeps of the file for the workspace, kept from edit to
// edit, and the cross-file findings of a project that holds it are those of a fresh analysis of the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import { CallChoice } from '../server/src/engine/keptCalls';
import { Project } from '../server/src/engine/project';
import type { CallFact, FileFacts } from '../server/src/engine/types';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { Random } from './fuzz/random';
import { lineOrCharacterEdit, plainFindings } from './randomEdits';

const PYTHON = `import boto3
from flask import Flask
from tools import publish

app = Flask(__name__)
client = boto3.client("bedrock-runtime")
answer = client.invoke_model(modelId=MODEL_ID, body=BODY)
other = client.invoke_model(modelId=MODEL_ID, body=BODY)
publish(answer)
publish(other)
vector = answer["embedding"]


def embed_text(text):
    return client.invoke_model(modelId=MODEL_ID, body=BODY)


def summarize(text):
    reply = client.invoke_model(modelId=MODEL_ID, body=BODY)
    return reply


def ask(prompt):
    return helper({"modelId": MODEL_ID, "messages": prompt})


def helper(request):
    return client.converse(**request)


@app.post("/chat")
def chat(question):
    reply = client.converse(modelId=MODEL_ID, messages=question)
    return reply["output"]


def checked(question):
    reply = client.converse(modelId=MODEL_ID, messages=question)
    return client.apply_guardrail(guardrailIdentifier="g-1", guardrailVersion="1", source="OUTPUT", content=reply)

`;

const PYTHON_LINES = [
  'def helper(request):\n    return client.converse(**request)\n',
  'def embed_docs(text):\n',
  'def rerank_hits(text):\n',
  '    return reply\n',
  '    print(reply)\n',
  '    reply = client.apply_guardrail(guardrailIdentifier="g-1", guardrailVersion="1", source="OUTPUT", content=reply)\n',
  '    reply = client.converse(modelId=MODEL_ID, messages=text, guardrailConfig=GUARDRAIL)\n',
  '    reply = client.invoke_model(modelId=EMBED_MODEL, body=BODY)\n',
  '    return ask({"modelId": MODEL_ID, "messages": text})\n',
  'from tools import helper\n',
  // Keys read from a module-level call's result say its model's kind (the same call, its `resultKeys` set anew).
  ...Array<string>(4).fill('vector = answer["embedding"]\n'),
  ...Array<string>(3).fill('images = other["images"]\n'),
  'text = other["body"]\n',
  'print(other)\n',
];

/** A caller in another module, so that the cross-file rules follow the edited file's requests and output. */
const PYTHON_CALLER = `from flask import Flask
from app import summarize, ask

web = Flask(__name__)


@web.post("/summary")
def summary(text):
    return summarize(text)


@web.post("/ask")
def route(prompt):
    return ask(prompt)
`;

const TYPESCRIPT = `import { ApplyGuardrailCommand, BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { publish } from "./tools";

const client = new BedrockRuntimeClient({});
const reply = await client.send(new InvokeModelCommand({ modelId: MODEL_ID, body: BODY }));
const vector = await client.send(new InvokeModelCommand({ modelId: MODEL_ID, body: BODY }));
helper({ modelId: MODEL_ID, messages: [] });
publish(reply);
publish(vector);
const embedding = vector.embedding;

export async function embedText(text: string) {
  return client.send(new InvokeModelCommand({ modelId: MODEL_ID, body: BODY }));
}

export async function summarize(text: string) {
  const reply = await client.send(new InvokeModelCommand({ modelId: MODEL_ID, body: BODY }));
  return reply;
}

export async function ask(prompt: string) {
  return helper({ modelId: MODEL_ID, messages: prompt });
}

async function helper(request: any) {
  return client.send(new ConverseCommand(request));
}
`;

const TYPESCRIPT_LINES = [
  'async function helper(request: any) {\n  return client.send(new ConverseCommand(request));\n}\n',
  'export async function embedDocs(text: string) {\n',
  'export async function rerankHits(text: string) {\n',
  '}\n',
  '  return reply;\n',
  '  console.log(reply);\n',
  '  const reply = await client.send(new ConverseCommand({ modelId: MODEL_ID, messages: [], guardrailConfig: GUARDRAIL }));\n',
  '  const reply = await client.send(new InvokeModelCommand({ modelId: EMBED_MODEL, body: BODY }));\n',
  '  return ask({ modelId: MODEL_ID, messages: text });\n',
  'import { helper } from "./tools";\n',
  'console.log(vector);\n',
  'export default vector;\n',
  'const checked = await client.send(new ApplyGuardrailCommand({ guardrailIdentifier: "g-1", guardrailVersion: "1", source: "OUTPUT", content: reply }));\n',
  'function helper(request: any) {}\n',
  ...Array<string>(4).fill('const embedding = vector.embedding;\n'),
  ...Array<string>(3).fill('const images = reply.images;\n'),
];

const TYPESCRIPT_CALLER = `import express from "express";
import { ask, summarize } from "./app";

const web = express();
web.post("/summary", async (req, res) => res.json(await summarize(req.body.text)));
web.post("/ask", async (req, res) => res.json(await ask(req.body.prompt)));
`;

/** What a random edit types: enough to rename a function (`embed_text` → `embxed_text`) or break a line. */
const TYPED = ['x', 'e', '_', '\n'];

interface Case {
  language: 'python' | 'typescript';
  seeds: readonly number[];
  /** How many times at least a call kept by an edit must be read differently over the seeds' edits. */
  readAnew: number;
  path: string;
  text: string;
  lines: readonly string[];
  caller: { path: string; text: string };
}

/** The cross-file findings of a project of the edited file, as kept, and its caller. */
function crossFileFindings(engine: Engine, c: Case, kept: FileFacts, text: string, caller: FileFacts): string {
  const project = new Project();
  project.set(c.path, c.language, kept, text);
  project.set(c.caller.path, c.language, caller, c.caller.text);
  const { findings, errors } = engine.analyzeProject(project);
  assert.deepEqual(errors, []);
  return JSON.stringify([...findings].map(([file, list]) => [file, plainFindings(list)]));
}

/** Each rule's answer for each call, asked afresh (a new `CallChoice` keeps nothing). */
function freshAnswers(engine: Engine, facts: FileFacts): Map<CallFact, string> {
  const reads = engine.rules.filter((r) => r.checkWorkspace).map((r) => r.workspaceReads);
  const answers = new Map<CallFact, string>(facts.calls.map((call) => [call, '']));
  for (const { call, answers: each, flowEveryKey } of new CallChoice(reads, true).of(facts)) answers.set(call, JSON.stringify([each, flowEveryKey]));
  return answers;
}

/**
 * Runs `steps` random edits; returns on how many of them a call the edit kept as the same object was read differently
 * by the rules (what changed is what its answer read of the file beyond the call, or the call's own fields).
 */
async function keptAfterEdits(c: Case, seed: number, steps: number): Promise<{ readAnew: number; kept: number }> {
  const engine = await Engine.create(undefined, [c.language]);
  const fresh = await Engine.create(undefined, [c.language]);
  const keep = keepForWorkspace(engine.rules);
  const callerResult = fresh.analyze({ path: c.caller.path, text: c.caller.text, language: c.language });
  const caller = keepForWorkspace(fresh.rules)(callerResult.facts!, c.caller.text);
  fresh.release(c.caller.path);
  const random = new Random(seed);
  let text = c.text;
  let readAnew = 0;
  let keptCalls = 0;
  let previous = new Map<CallFact, string>();
  for (let step = 0; step <= steps; step++, text = lineOrCharacterEdit(text, c.lines, TYPED, random)) {
    const result = engine.analyze({ path: c.path, text, language: c.language });
    const kept = keep(result.facts!, text);
    fresh.release(c.path);
    const want = fresh.analyze({ path: c.path, text, language: c.language });
    const wantKept = keepForWorkspace(fresh.rules)(want.facts!, text);
    assert.deepEqual(kept, wantKept, `seed ${seed}, version ${step}: what is kept for the workspace\n${text}`);
    assert.equal(crossFileFindings(engine, c, kept, text, caller), crossFileFindings(fresh, c, wantKept, text, caller), `seed ${seed}, version ${step}: cross-file findings\n${text}`);
    const answers = freshAnswers(fresh, result.facts!);
    for (const [call, answer] of answers) if (previous.has(call) && previous.get(call) !== answer) readAnew++;
    keptCalls += kept.calls.length;
    previous = answers;
  }
  return { readAnew, kept: keptCalls };
}

const CASES: Case[] = [
  { language: 'python', seeds: [1, 2, 3, 4], readAnew: 8, path: '/work/app.py', text: PYTHON, lines: PYTHON_LINES, caller: { path: '/work/routes.py', text: PYTHON_CALLER } },
  // TypeScript seed 3 is left out: its 77th version has syntax errors, and tree-sitter's parse of it from the previous
  // version's tree recovers from them otherwise than a parse from nothing (a `function_declaration` where a fresh parse
  // has an `expression_statement`), so the functions differ whatever is kept (docs/limits.md).
  { language: 'typescript', seeds: [1, 2, 4, 5], readAnew: 3, path: '/work/app.ts', text: TYPESCRIPT, lines: TYPESCRIPT_LINES, caller: { path: '/work/routes.ts', text: TYPESCRIPT_CALLER } },
];

describe('the calls kept for the cross-file rules, chosen by call across edits', () => {
  for (const c of CASES) {
    it(`are those of a fresh analysis after long random edit sequences, and so are the cross-file findings (${c.language})`, async () => {
      let readAnew = 0;
      let kept = 0;
      for (const seed of c.seeds) {
        const outcome = await keptAfterEdits(c, seed, 120);
        readAnew += outcome.readAnew;
        kept += outcome.kept;
      }
      // The comparison means something only if calls kept as the same objects were read differently after an edit.
      assert.ok(readAnew >= c.readAnew, `${readAnew} times a call kept by an edit was read differently`);
      assert.ok(kept >= 300, `${kept} calls kept`);
    });
  }
});
