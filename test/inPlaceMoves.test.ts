// Kept Python and TypeScript facts are moved in place after an edit (`extract/pythonShift.ts`, `extract/relocate.ts`):
// the previous version's facts become the next version's. So nothing kept of a version may share a moved object with
// its facts: after random edits, what the language server kept of each version for the workspace (`keepForWorkspace`,
// kept from one edit to the next by fact: `KeptItems`) and its findings with their fixes are as they were when the
// next version has been analysed, and what it keeps of each version (and the cross-file signature of it, whose parts
// are kept for calls only moved) is what it keeps of a fresh analysis of it. The
// texts read module-level values from statements after the functions that read them, so that an edit between the
// two moves a call's argument but not the call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import type { CallFact, Finding } from '../server/src/engine/types';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { crossFileSignature } from '../server/src/lsp/signature';
import { Random } from './fuzz/random';
import { lineOrCharacterEdit, plainFindings } from './randomEdits';

const PYTHON = `import boto3
from flask import Flask

app = Flask(__name__)
client = boto3.client("bedrock-runtime")


@app.post("/chat")
def chat(question):
    reply = client.converse(modelId=MODEL, messages=[{"role": "user", "content": [{"text": question}]}], inferenceConfig=SETTINGS)
    return reply["output"]


def grade(answer):
    return client.converse(modelId=MODEL, system=SYSTEM, messages=answer, guardrailConfig=GUARDRAIL)


MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
SETTINGS = {"temperature": 0.2, "stopSequences": ["<end>"]}
SYSTEM = [{"text": "You grade answers."}]
GUARDRAIL = {"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"}
`;

const PYTHON_LINES = [
  'NOTE = "x"\n',
  'def helper(q):\n    return client.converse(modelId=MODEL, messages=q)\n',
  '    print(reply)\n',
  'SETTINGS = {"maxTokens": 10}\n',
  'import json\n',
];

const TYPESCRIPT = `import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import express from "express";

const client = new BedrockRuntimeClient({});
const app = express();

app.post("/chat", async (req, res) => {
  const reply = await client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: req.body.q }] }], inferenceConfig: SETTINGS }));
  res.json(reply.output);
});

export async function grade(answer: string) {
  return client.send(new ConverseCommand({ modelId: MODEL, system: SYSTEM, messages: [], guardrailConfig: GUARDRAIL }));
}

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const SETTINGS = { temperature: 0.2, stopSequences: ["<end>"] };
const SYSTEM = [{ text: "You grade answers." }];
const GUARDRAIL = { guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" };
`;

/** What a random edit types. */
const TYPED = ['x', ' ', '\n', '('];

const TYPESCRIPT_LINES = ['const NOTE = "x";\n', 'function helper(q: string) {\n  return client.send(new ConverseCommand({ modelId: MODEL, messages: [] }));\n}\n', '  console.log(answer);\n', 'import * as fs from "fs";\n'];



async function keptAfterEdits(language: 'python' | 'typescript', path: string, start: string, lines: readonly string[], seed: number): Promise<{ moved: number }> {
  const engine = await Engine.create(undefined, [language]);
  const fresh = await Engine.create(undefined, [language]);
  const forWorkspace = keepForWorkspace(engine.rules);
  const random = new Random(seed);
  let text = start;
  let previous: { kept: unknown; findings: Finding[]; copy: unknown; step: number } | undefined;
  let moved = 0;
  /** Each call fact of the last version, and where it was. */
  let last = new Map<CallFact, number>();
  for (let step = 0; step <= 80; step++, text = lineOrCharacterEdit(text, lines, TYPED, random)) {
    const result = engine.analyze({ path, text, language });
    if (previous) assert.deepEqual({ kept: previous.kept, findings: previous.findings }, previous.copy, `what was kept of version ${previous.step} changed when version ${step} was analysed`);
    const kept = forWorkspace(result.facts!, text);
    fresh.release(path);
    const want = fresh.analyze({ path, text, language });
    const wantKept = keepForWorkspace(fresh.rules)(want.facts!, text);
    assert.deepEqual(kept, wantKept, `version ${step}: what is kept for the workspace`);
    // Its parts kept for calls and resources only moved (`keptContent`) are those of a fresh analysis.
    assert.deepEqual(crossFileSignature(result.facts!, kept), crossFileSignature(want.facts!, wantKept), `version ${step}: the cross-file signature`);
    const findings = plainFindings(result.findings);
    assert.deepEqual(findings, plainFindings(want.findings), `version ${step}: findings`);
    previous = { kept, findings, copy: structuredClone({ kept, findings }), step };
    if (result.facts!.calls.some((c) => last.has(c) && last.get(c) !== c.span.start)) moved++;
    last = new Map(result.facts!.calls.map((c) => [c, c.span.start]));
  }
  return { moved };
}

describe('Kept facts moved in place', () => {
  it('leave what the language server kept of the previous version as it was, and keep for the workspace what a fresh analysis keeps (Python)', async () => {
    let moved = 0;
    for (const seed of [3, 11, 19]) moved += (await keptAfterEdits('python', '/work/app.py', PYTHON, PYTHON_LINES, seed)).moved;
    // The comparison means something only if call facts were moved in place (the same object at a new place).
    assert.ok(moved >= 20, `call facts moved in place on ${moved} edits`);
  });

  it('leave what the language server kept of the previous version as it was, and keep for the workspace what a fresh analysis keeps (TypeScript)', async () => {
    let moved = 0;
    for (const seed of [5, 13]) moved += (await keptAfterEdits('typescript', '/work/app.ts', TYPESCRIPT, TYPESCRIPT_LINES, seed)).moved;
    assert.ok(moved >= 15, `call facts moved in place on ${moved} edits`);
  });
});
