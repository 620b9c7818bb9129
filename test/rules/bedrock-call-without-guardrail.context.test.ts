// What a Bedrock call's output is used for decides the guardrail finding's severity and words: a note that says only
// "no guardrail on this call" where the code shows the output goes nowhere near people (a grader, a reward function,
// another model call, a file, a fixed prompt, a batch script), a warning where it reaches a response, a UI or a tool,
// or where nothing shows where it goes. Each lowered case has a twin that stays a warning.
import { ruleTester } from '../ruleTester';

const py = 'eval.py';
const header = 'import json\nimport re\nimport boto3\nbedrock = boto3.client("bedrock-runtime")\nJUDGE = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n';
const converse = (text: string) => `bedrock.converse(modelId=JUDGE, messages=[{"role": "user", "content": [{"text": ${text}}]}], inferenceConfig={"maxTokens": 50})`;
const OUTPUT = 'response["output"]["message"]["content"][0]["text"]';
const ts = 'judge.ts';
const tsHeader = 'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n';
const command = (text: string) => `new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user", content: [{ text: ${text} }] }], inferenceConfig: { maxTokens: 50 } })`;
const NOTE = 'note' as const;
const WARNING = 'warning' as const;

ruleTester('bedrock-call-without-guardrail', {
  valid: [
    { name: 'a grader with a guardrail is not reported at all', filename: py, code: header + `def grade(q):\n    response = ${converse('q').replace('inferenceConfig', 'guardrailConfig=GUARDED, inferenceConfig')}\n    return float(${OUTPUT})\n` },
  ],
  invalid: [
    {
      name: 'LLM-as-judge: the output is only parsed into a score',
      filename: py,
      code: header + `def grade(question, answer):\n    response = ${converse('f"Rate 1-10: {question} {answer}"')}\n    text = ${OUTPUT}\n    return float(re.search(r"\\d+", text).group())\n`,
      errors: [{ line: 7, severity: NOTE, message: /`converse` has no `guardrailConfig`: no guardrail on this call, whose output is only used as a score or data \(`float`, line 9\)/ }],
    },
    {
      name: 'twin: the grader also sends its reasoning back from a route, so it stays a warning',
      filename: py,
      code:
        header.replace('import boto3', 'import boto3\nfrom flask import Flask, jsonify\napp = Flask(__name__)') +
        `@app.post("/grade")\ndef grade(question, answer):\n    response = ${converse('question + answer')}\n    text = ${OUTPUT}\n    return jsonify({"score": float(text.split()[0]), "reasoning": text})\n`,
      errors: [{ line: 10, severity: WARNING, message: /its output reaches users through `jsonify` \(line 12\) unfiltered/ }],
    },
    {
      name: 'reward function: a helper returns the text, its only caller compares it',
      filename: py,
      code: header + `def ask(prompt):\n    response = ${converse('prompt')}\n    return ${OUTPUT}\n\ndef reward(sample):\n    return int(ask("Is this right? " + sample).strip().lower().startswith("yes"))\n`,
      errors: [{ line: 7, severity: NOTE, message: /only used as a score or data \(`startswith`, line 11\)/ }],
    },
    {
      name: 'twin: the same helper also answers a route',
      filename: py,
      code:
        header.replace('import boto3', 'import boto3\nfrom fastapi import FastAPI\napp = FastAPI()') +
        `def ask(prompt):\n    response = ${converse('prompt')}\n    return ${OUTPUT}\n\ndef reward(sample):\n    return int(ask(sample).startswith("yes"))\n\n@app.get("/ask")\ndef route(q: str):\n    return {"answer": ask(q)}\n`,
      errors: [{ line: 9, severity: WARNING, message: /the route `route`'s response/ }],
    },
    {
      name: 'parsed as JSON and only read for its verdict',
      filename: py,
      code: header + `def judge(answer):\n    response = ${converse('answer')}\n    verdict = json.loads(${OUTPUT})\n    return verdict["score"] >= 7\n`,
      errors: [{ line: 7, severity: NOTE, message: /only used as a score or data \(`>=`, line 9\)/ }],
    },
    {
      name: 'twin: parsed as JSON and kept on the object, where anything may read it',
      filename: py,
      code: header + `class Judge:\n    def judge(self, answer):\n        response = ${converse('answer')}\n        self.verdict = json.loads(${OUTPUT})\n`,
      errors: [{ line: 8, severity: WARNING, message: /no guardrail filters its prompt or its output/ }],
    },
    {
      name: 'chained: the first call only feeds the second; the second is returned and stays a warning',
      filename: py,
      code:
        header +
        `def summarize_then_translate(document):\n    response = ${converse('"Summarize: " + document')}\n    summary = ${OUTPUT}\n` +
        `    second = ${converse('"Translate: " + summary')}\n    return second["output"]["message"]["content"][0]["text"]\n`,
      errors: [
        { line: 7, severity: NOTE, message: /whose output only feeds another model call \(`bedrock\.converse`, line 9\)/ },
        { line: 9, severity: WARNING, message: /no guardrail filters its prompt or its output/ },
      ],
    },
    {
      name: 'written to a file only',
      filename: py,
      code: header + `def label(record, out):\n    response = ${converse('record')}\n    out.write(json.dumps({"label": ${OUTPUT}}) + "\\n")\n`,
      errors: [{ line: 7, severity: NOTE, message: /whose output is only written to a file \(`out\.write`, line 8\)/ }],
    },
    {
      name: 'twin: written to the HTTP response stream',
      filename: py,
      code: header + `def label(record, wfile):\n    response = ${converse('record')}\n    wfile.write(${OUTPUT}.encode())\n`,
      errors: [{ line: 7, severity: WARNING, message: /no guardrail filters its prompt or its output/ }],
    },
    {
      name: 'a fixed prompt: every input is a constant',
      filename: py,
      code: header + `def haiku():\n    response = ${converse('"Write a haiku about the sea."')}\n    print(${OUTPUT})\n`,
      errors: [{ line: 7, severity: NOTE, message: /whose prompt is fixed \(every input of it is a constant\)/ }],
    },
    {
      name: 'twin: a module-level message list that looks constant but is filled by append',
      filename: py,
      code: header + 'messages = []\n\ndef chat(text):\n    messages.append({"role": "user", "content": [{"text": text}]})\n    response = bedrock.converse(modelId=JUDGE, messages=messages)\n    print(response["output"]["message"]["content"][0]["text"])\n',
      errors: [{ line: 10, severity: WARNING, message: /no guardrail filters its prompt or its output/ }],
    },
    {
      name: 'twin: parsed as JSON, and the data goes where the flow is not followed',
      filename: py,
      code: header + `def extract(doc):\n    response = ${converse('doc')}\n    data = json.loads(${OUTPUT})\n    if data:\n        name = data.get("name")\n    else:\n        name = "unknown"\n    return {"name": name}\n`,
      errors: [{ line: 7, severity: WARNING }],
    },
    {
      name: 'twin: the same fixed prompt answering a Streamlit page',
      filename: py,
      code: header.replace('import boto3', 'import boto3\nimport streamlit as st') + `response = ${converse('"Write a haiku about the sea."')}\nst.write(${OUTPUT})\n`,
      errors: [{ line: 7, severity: WARNING, message: /reaches users through `st\.write`/ }],
    },
    {
      name: 'twin: a prompt built from what the person at the terminal types',
      filename: py,
      code: header + `while True:\n    question = input("> ")\n    response = ${converse('question')}\n    print(${OUTPUT})\n`,
      errors: [{ line: 8, severity: WARNING, message: /reaches users through `print`/ }],
    },
    {
      name: 'a batch script that writes its results to files',
      filename: 'generate.py',
      code:
        header +
        `def describe(name):\n    response = ${converse('name')}\n    return ${OUTPUT}\n\ndef main(names, path):\n    rows = [{"name": n, "text": describe(n)} for n in names]\n` +
        `    with open(path, "w") as f:\n        json.dump(rows, f)\n\nif __name__ == "__main__":\n    main(["a", "b"], "out.json")\n`,
      errors: [{ line: 7, severity: NOTE, message: /in a batch script that writes files \(`json\.dump`, line 13\) and has no web or chat interface/ }],
    },
    {
      name: 'twin: the same script with a web framework imported stays a warning',
      filename: 'generate.py',
      code:
        header.replace('import boto3', 'import boto3\nimport flask') +
        `def describe(name):\n    response = ${converse('name')}\n    return ${OUTPUT}\n\ndef main(names, path):\n    rows = [{"name": n, "text": describe(n)} for n in names]\n` +
        `    with open(path, "w") as f:\n        json.dump(rows, f)\n\nif __name__ == "__main__":\n    main(["a", "b"], "out.json")\n`,
      errors: [{ line: 8, severity: WARNING }],
    },
    {
      name: 'TypeScript grader: parseInt of the answer',
      filename: ts,
      code: tsHeader + `export async function score(answer: string): Promise<number> {\n  const result = await client.send(${command('`Score 1-5: ${answer}`')});\n  return parseInt(result.output?.message?.content?.[0]?.text ?? "0", 10);\n}\n`,
      errors: [{ line: 4, severity: NOTE, message: /only used as a score or data \(`parseInt`, line 5\)/ }],
    },
    {
      name: 'TypeScript twin: an Express route sends the answer',
      filename: ts,
      code: 'import express from "express";\n' + tsHeader + `const app = express();\napp.post("/chat", async (req, res) => {\n  const out = await client.send(${command('req.body.q')});\n  res.json({ answer: out.output?.message?.content?.[0]?.text });\n});\n`,
      errors: [{ line: 6, severity: WARNING, message: /reaches users through `res\.json` \(line 7\)/ }],
    },
    {
      name: 'JavaScript batch script that writes a file',
      filename: 'generate.mjs',
      code:
        'import { writeFileSync } from "node:fs";\n' +
        tsHeader +
        `async function generate(topic) {\n  const r = await client.send(${command('`A question about ${topic}`')});\n  return r.output.message.content[0].text;\n}\n` +
        'async function main() {\n  const rows = [];\n  for (const topic of ["s3", "ec2"]) rows.push({ topic, question: await generate(topic) });\n  writeFileSync("questions.json", JSON.stringify(rows));\n}\nmain();\n',
      errors: [{ line: 5, severity: NOTE, message: /in a batch script that writes files \(`writeFileSync`, line 11\)/ }],
    },
    {
      name: 'JavaScript twin: a React component shows the answer',
      filename: 'Ask.jsx',
      code:
        'import { useState } from "react";\n' +
        tsHeader +
        `export function Ask({ q }) {\n  const [answer, setAnswer] = useState("");\n  const ask = async () => {\n    const r = await client.send(${command('q')});\n    setAnswer(r.output.message.content[0].text);\n  };\n  return <button onClick={ask}>{answer}</button>;\n}\n`,
      errors: [{ line: 7, severity: WARNING, message: /reaches users through `setAnswer` \(line 8\)/ }],
    },
  ],
});
