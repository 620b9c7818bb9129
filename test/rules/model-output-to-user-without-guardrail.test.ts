import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, ruleTester } from '../ruleTester';

const py = 'app.py';
const flaskOpenAI = 'from flask import Flask, jsonify, request\nfrom openai import OpenAI\napp = Flask(__name__)\nclient = OpenAI(timeout=30)\n';
const chat = (response: string) =>
  flaskOpenAI +
  '@app.post("/chat")\n' +
  'def chat():\n' +
  '    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": request.json["q"]}], max_tokens=500)\n' +
  '    reply = completion.choices[0].message.content\n' +
  `    ${response}\n`;
const bedrockInputOnly = (extra: string) =>
  'import json\nimport boto3\nrt = boto3.client("bedrock-runtime")\n' +
  'def handler(event, context):\n' +
  '    question = json.loads(event["body"])["question"]\n' +
  '    rt.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="INPUT", content=[{"text": {"text": question}}])\n' +
  `    resp = rt.converse(modelId=M, messages=[{"role": "user", "content": [{"text": question}]}]${extra})\n` +
  '    answer = resp["output"]["message"]["content"][0]["text"]\n' +
  '    return {"statusCode": 200, "body": json.dumps({"answer": answer})}\n';

ruleTester('model-output-to-user-without-guardrail', {
  valid: [
    {
      name: 'output checked with ApplyGuardrail on the output',
      filename: py,
      code: 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n' + chat('checked = bedrock.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": reply}}])\n    return jsonify({"answer": reply})'),
    },
    {
      name: 'ApplyGuardrail whose source cannot be read may check the output',
      filename: py,
      code:
        'import boto3\nbedrock = boto3.client("bedrock-runtime")\n' +
        chat('bedrock.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source=SOURCE, content=[{"text": {"text": reply}}])\n    return jsonify({"answer": reply})'),
    },
    {
      name: 'Bedrock output is bedrock-call-without-guardrail\'s (it follows the output across the project)',
      filename: py,
      code: bedrockInputOnly(''),
    },
    { name: 'OpenAI moderation in the file', filename: py, code: chat('flagged = client.moderations.create(model="omni-moderation-latest", input=reply).results[0].flagged\n    return jsonify({"answer": reply})') },
    { name: 'a guardrail library in the file', filename: py, code: 'from nemoguardrails import LLMRails\n' + chat('return jsonify({"answer": reply})') },
    { name: 'output passed through a filter function first', filename: py, code: chat('safe = redact(reply)\n    return jsonify({"answer": safe})') },
    { name: 'output used only for a metadata argument', filename: py, code: chat('return jsonify({"ok": True}), 200') },
    { name: 'output logged, not returned', filename: py, code: chat('log.info(reply)\n    return jsonify({"ok": True})') },
    {
      name: 'Azure OpenAI, whose service filters content by default',
      filename: py,
      code: 'from flask import jsonify\nfrom openai import AzureOpenAI\nclient = AzureOpenAI(api_version="2024-06-01", timeout=30)\ndef chat(q):\n    reply = client.chat.completions.create(model="gpt-4o", messages=q).choices[0].message.content\n    return jsonify(answer=reply)\n',
    },
    { name: 'unguarded Bedrock call without ApplyGuardrail: bedrock-call-without-guardrail reports it', filename: py, code: bedrockInputOnly('').replace(/    rt\.apply_guardrail\(.*\n/, '') },
    { name: 'Bedrock call with its own guardrail', filename: py, code: bedrockInputOnly(', guardrailConfig={"guardrailIdentifier": G, "guardrailVersion": "1"}') },
    {
      name: 'a LangChain chain, whose model and guardrail are set where it is built',
      filename: py,
      code: 'from flask import jsonify\nfrom langchain_core.prompts import ChatPromptTemplate\nfrom langchain_openai import ChatOpenAI\nchain = ChatPromptTemplate.from_template("{q}") | ChatOpenAI(model="gpt-4o", max_tokens=300, timeout=30)\ndef ask(q):\n    return jsonify(answer=chain.invoke({"q": q}).content)\n',
    },
    {
      name: 'LiteLLM with its guardrails argument',
      filename: py,
      code: 'import litellm\nfrom fastapi.responses import JSONResponse\ndef ask(q):\n    text = litellm.completion(model="gpt-4o", messages=q, guardrails=["pii-mask"]).choices[0].message.content\n    return JSONResponse({"answer": text})\n',
    },
    {
      name: 'a dict that is not a Lambda response',
      filename: py,
      code: 'import json\nfrom openai import OpenAI\nclient = OpenAI(timeout=30)\ndef summarise(doc):\n    text = client.responses.create(model="gpt-4.1", input=doc, max_output_tokens=300).output_text\n    return {"summary": text, "source": doc}\n',
    },
  ],
  invalid: [
    {
      name: 'Flask jsonify of OpenAI output',
      filename: py,
      code: chat('return jsonify({"answer": reply})'),
      errors: [{ line: 9, column: 12, message: /model output from `client\.chat\.completions\.create` \(line 7\) is sent to the user by `jsonify` with no guardrail/ }],
      output: null,
    },
    {
      name: 'FastAPI JSONResponse of Anthropic output',
      filename: py,
      code:
        'from anthropic import Anthropic\nfrom fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\napp = FastAPI()\nclaude = Anthropic(timeout=30)\n' +
        '@app.post("/ask")\nasync def ask(body: dict):\n    msg = claude.messages.create(model="claude-sonnet-4-5", max_tokens=500, messages=body["messages"])\n    return JSONResponse(content={"answer": msg.content[0].text}, status_code=200)\n',
      errors: [{ line: 9, column: 12, message: /`claude\.messages\.create` \(line 8\) is sent to the user by `JSONResponse`/ }],
      output: null,
    },
    {
      name: 'Lambda proxy response with the output serialised into its body',
      filename: py,
      code:
        'import json\nfrom openai import OpenAI\nclient = OpenAI(timeout=30)\n' +
        'def lambda_handler(event, context):\n    text = client.responses.create(model="gpt-4.1", input=event["body"], max_output_tokens=300).output_text\n' +
        '    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps({"answer": text})}\n',
      errors: [{ line: 6, column: 81, message: /sent to the user by the Lambda response `body`/ }],
      output: null,
    },
    {
      name: 'ApplyGuardrail in the file checks other text (the question), not the reply',
      filename: py,
      code:
        'import boto3\nbedrock = boto3.client("bedrock-runtime")\n' +
        chat('bedrock.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": request.json["q"]}}])\n    return jsonify({"answer": reply})'),
      errors: [{ line: 12, message: /`client\.chat\.completions\.create` \(line 9\)/ }],
      output: null,
    },
    {
      name: 'Django response of Ollama output, formatted into a string',
      filename: py,
      code: 'import ollama\nfrom django.http import HttpResponse\ndef view(request):\n    out = ollama.chat(model="llama3", messages=[{"role": "user", "content": request.GET["q"]}])\n    return HttpResponse(f"<p>{out[\'message\'][\'content\']}</p>")\n',
      errors: [{ line: 5, column: 12, message: /`ollama\.chat` \(line 4\)/ }],
      output: null,
    },
  ],
});

describe('model-output-to-user-without-guardrail beside bedrock-call-without-guardrail', () => {
  const both = async (code: string) =>
    [
      ...(await findingsFor('bedrock-call-without-guardrail', 'handler.py', code)).map((f) => `${f.range.start.line + 1} bedrock-call-without-guardrail`),
      ...(await findingsFor('model-output-to-user-without-guardrail', 'handler.py', code)).map((f) => `${f.range.start.line + 1} model-output-to-user-without-guardrail`),
    ];

  it('never reports the same unguarded Bedrock output twice', async () => {
    assert.deepEqual(await both(bedrockInputOnly('').replace(/    rt\.apply_guardrail\(.*\n/, '')), ['6 bedrock-call-without-guardrail'], 'no ApplyGuardrail: the call rule reports');
    assert.deepEqual(await both(bedrockInputOnly('')), ['7 bedrock-call-without-guardrail'], 'ApplyGuardrail on the input only filters no output');
    assert.deepEqual(await both(bedrockInputOnly('').replace('source="INPUT"', 'source="OUTPUT"')), ['7 bedrock-call-without-guardrail'], 'ApplyGuardrail on other text than the answer');
    const checked = bedrockInputOnly('').replace(
      '    return {',
      '    rt.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": answer}}])\n    return {',
    );
    assert.deepEqual(await both(checked), [], 'ApplyGuardrail on the answer');
  });
});
