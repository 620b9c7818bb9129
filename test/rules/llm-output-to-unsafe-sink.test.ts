import { ruleTester } from '../ruleTester';

const py = 'tools.py';
const bedrock = 'import json, os, subprocess\nimport boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const openai = 'import subprocess\nfrom openai import OpenAI\nclient = OpenAI(timeout=30)\n';
const langchain = 'import sqlite3\nfrom langchain_aws import ChatBedrockConverse\nllm = ChatBedrockConverse(model=M, max_tokens=500)\n';

ruleTester('llm-output-to-unsafe-sink', {
  valid: [
    {
      name: 'model output parsed and checked against an allow-list',
      filename: py,
      code:
        bedrock +
        'ACTIONS = {"restart": ["systemctl", "restart", "app"]}\n' +
        'def act(q):\n' +
        '    resp = bedrock.converse(modelId=M, messages=[{"role": "user", "content": [{"text": q}]}])\n' +
        '    choice = resp["output"]["message"]["content"][0]["text"].strip()\n' +
        '    subprocess.run(ACTIONS[choice], check=True)\n',
    },
    {
      name: 'a value returned by a validator is not followed',
      filename: py,
      code: openai + 'def run(q):\n    code = client.chat.completions.create(model="gpt-4o", messages=q, max_tokens=200).choices[0].message.content\n    safe = validate_expression(code)\n    return eval(safe)\n',
    },
    {
      name: 'reassigned to a constant before the sink',
      filename: py,
      code: bedrock + 'def f(q):\n    cmd = bedrock.converse(modelId=M, messages=q)["output"]["message"]["content"][0]["text"]\n    log(cmd)\n    cmd = "uptime"\n    os.system(cmd)\n',
    },
    {
      name: 'model output as a bound SQL parameter',
      filename: py,
      code: langchain + 'def save(conn, q):\n    summary = llm.invoke(q).content\n    conn.execute("INSERT INTO notes (body) VALUES (?)", (summary,))\n',
    },
    {
      name: 'model output as a plain argument of a program (no shell)',
      filename: py,
      code: openai + 'def commit(diff):\n    msg = client.responses.create(model="gpt-4.1", input=diff, max_output_tokens=100).output_text\n    subprocess.run(["git", "commit", "-m", msg], check=True)\n',
    },
    {
      name: 'shell command built from user input, not model output',
      filename: py,
      code: 'import os\ndef ping(host):\n    os.system(f"ping -c 1 {host}")\n',
    },
    { name: 'eval of a constant', filename: py, code: 'print(eval("1 + 2"))\n' },
    {
      name: 'a plain function parameter is not model output',
      filename: py,
      code: 'def calculate(expression: str) -> float:\n    return eval(expression)\n',
    },
    {
      name: 'a tool that passes its argument as a bound SQL parameter',
      filename: py,
      code: 'from langchain_core.tools import tool\n@tool\ndef lookup(customer_id: str) -> str:\n    """Finds a customer."""\n    return str(cursor.execute("SELECT name FROM customers WHERE id = ?", (customer_id,)).fetchone())\n',
    },
    {
      name: 'execute on a non-database object',
      filename: py,
      code: langchain + 'def f(q, planner):\n    plan = llm.invoke(q).content\n    planner.execute(plan)\n',
    },
    {
      name: 'prompt template output is not model output',
      filename: py,
      code: 'from langchain_core.prompts import PromptTemplate\nprompt = PromptTemplate.from_template("{q}")\ndef f(q):\n    exec(prompt.invoke({"q": q}).to_string())\n',
    },
    {
      name: 'shlex.quote ends the path',
      filename: py,
      code: 'import os, shlex\n' + 'from openai import OpenAI\nclient = OpenAI(timeout=5)\ndef f(q):\n    name = client.chat.completions.create(model="m", messages=q, max_tokens=9).choices[0].message.content\n    os.system("touch " + shlex.quote(name))\n',
    },
  ],
  invalid: [
    {
      name: 'Converse text compiled, then executed',
      filename: py,
      code:
        bedrock +
        'def run_generated(task):\n' +
        '    response = bedrock.converse(modelId=M, messages=[{"role": "user", "content": [{"text": task}]}])\n' +
        '    source = response["output"]["message"]["content"][0]["text"]\n' +
        '    exec(compile(source, "<llm>", "exec"))\n',
      errors: [{ line: 7, column: 5, message: /model output from `bedrock\.converse` \(line 5\) reaches `exec`/ }],
      output: null,
    },
    {
      name: 'Converse text to exec',
      filename: py,
      code:
        bedrock +
        'def run_generated(task):\n' +
        '    response = bedrock.converse(modelId=M, messages=[{"role": "user", "content": [{"text": task}]}])\n' +
        '    code = response["output"]["message"]["content"][0]["text"]\n' +
        '    exec(code)\n',
      errors: [{ line: 7, column: 5, message: /model output from `bedrock\.converse` \(line 5\) reaches `exec`/ }],
      output: null,
    },
    {
      name: 'InvokeModel body through json.loads and a markdown fence strip into os.system',
      filename: py,
      code:
        bedrock +
        'def fix(error):\n' +
        '    raw = bedrock.invoke_model(modelId=M, body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 200, "messages": m}))\n' +
        '    payload = json.loads(raw["body"].read())\n' +
        '    command = payload["content"][0]["text"].strip().removeprefix("```bash").removesuffix("```")\n' +
        '    os.system(command)\n',
      errors: [{ line: 8, column: 5, message: /reaches `os\.system`/ }],
    },
    {
      name: 'OpenAI chat completion into subprocess with shell=True',
      filename: py,
      code: openai + 'def shell(task):\n    c = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}], max_tokens=100)\n    subprocess.run(c.choices[0].message.content, shell=True)\n',
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'bash -c with model output',
      filename: py,
      code: openai + 'def shell(task):\n    text = client.responses.create(model="gpt-4.1", input=task, max_output_tokens=100).output_text\n    return subprocess.check_output(["bash", "-c", text])\n',
      errors: [{ line: 6, column: 12, message: /subprocess\.check_output/ }],
    },
    {
      name: 'LangChain text-to-SQL executed directly',
      filename: py,
      code: langchain + 'def answer(question):\n    sql = llm.invoke(f"Write SQLite for: {question}").content\n    conn = sqlite3.connect("app.db")\n    return conn.execute(sql).fetchall()\n',
      errors: [{ line: 7, column: 12, message: /runs it as SQL/ }],
    },
    {
      name: 'model output formatted into a SQL string',
      filename: py,
      code: langchain + 'def tag(cursor, doc):\n    label = llm.invoke(doc).content.strip()\n    cursor.execute(f"UPDATE docs SET label = \'{label}\' WHERE id = 1")\n',
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'an LCEL chain, % formatting and a module-level client',
      filename: py,
      code:
        'from langchain_core.prompts import ChatPromptTemplate\nfrom langchain_core.output_parsers import StrOutputParser\nfrom langchain_openai import ChatOpenAI\n' +
        'chain = ChatPromptTemplate.from_messages([("human", "{q}")]) | ChatOpenAI(model="gpt-4o", max_tokens=50) | StrOutputParser()\n' +
        'def lookup(db, q):\n    name = chain.invoke({"q": q})\n    query = "SELECT * FROM users WHERE name = \'%s\'" % name\n    return db.execute(query)\n',
      errors: [{ line: 8, column: 12 }],
    },
    {
      name: 'streamed Converse chunks evaluated',
      filename: py,
      code:
        bedrock +
        'def calc(q):\n    out = ""\n    for event in bedrock.converse_stream(modelId=M, messages=q)["stream"]:\n' +
        '        if "contentBlockDelta" in event:\n            out += event["contentBlockDelta"]["delta"]["text"]\n    return eval(out)\n',
      errors: [{ line: 9, column: 12, message: /converse_stream/ }],
    },
    {
      name: 'agent output joined from content blocks',
      filename: py,
      code:
        'import anthropic, os\nclient = anthropic.Anthropic(timeout=20)\n' +
        'def go(q):\n    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=300, messages=q)\n' +
        '    script = "\\n".join(block.text for block in msg.content if block.type == "text")\n    os.popen(script).read()\n',
      errors: [{ line: 6, column: 5, message: /os\.popen/ }],
    },
    {
      name: 'a LangChain tool runs the code the model wrote',
      filename: py,
      code: 'from langchain_core.tools import tool\n\n@tool\ndef python_repl(code: str) -> str:\n    """Runs Python code and returns what it prints."""\n    exec(code)\n    return "done"\n',
      errors: [{ line: 6, column: 5, message: /tool argument `code`, written by the model, reaches `exec`/ }],
    },
    {
      name: 'an MCP tool runs a shell command',
      filename: py,
      code: 'import subprocess\nfrom mcp.server.fastmcp import FastMCP\nmcp = FastMCP("ops")\n\n@mcp.tool()\ndef run(command: str) -> str:\n    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout\n',
      errors: [{ line: 7, column: 12 }],
    },
    {
      name: 'LangChain SQLDatabase.run with generated SQL',
      filename: py,
      code:
        'from langchain_community.utilities import SQLDatabase\nfrom langchain_openai import ChatOpenAI\n' +
        'db = SQLDatabase.from_uri("sqlite:///shop.db")\nllm = ChatOpenAI(model="gpt-4o", max_tokens=200)\n' +
        'def ask(q):\n    query = llm.invoke(f"SQL for: {q}").content\n    return db.run(query)\n',
      errors: [{ line: 7, column: 12 }],
    },
    {
      name: 'function-calling arguments parsed from a tool call',
      filename: py,
      code:
        openai +
        'import json\ndef act(messages, tools):\n    response = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools, max_tokens=300)\n' +
        '    for tool_call in response.choices[0].message.tool_calls:\n        args = json.loads(tool_call.function.arguments)\n' +
        '        subprocess.run(args["command"], shell=True)\n',
      errors: [{ line: 9, column: 9 }],
    },
    {
      name: 'method on a class holding the model',
      filename: py,
      code:
        'from langchain_openai import ChatOpenAI\nclass Calculator:\n    def __init__(self):\n        self.llm = ChatOpenAI(model="gpt-4o-mini", max_tokens=20)\n' +
        '    def compute(self, question):\n        expr = self.llm.invoke(question).content\n        return eval(expr)\n',
      errors: [{ line: 7, column: 16 }],
    },
  ],
});

const ts = 'agent.ts';
const js = 'agent.js';
const tsBedrock =
  'import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";\n' +
  'import { exec, execSync, spawn } from "node:child_process";\n' +
  'const client = new BedrockRuntimeClient({ region: "us-east-1" });\n';
const tsOpenAI = 'import OpenAI from "openai";\nimport { Pool } from "pg";\nconst openai = new OpenAI({ timeout: 30_000 });\nconst pool = new Pool();\n';

ruleTester('llm-output-to-unsafe-sink', {
  valid: [
    {
      name: 'Converse output mapped through an allow-list',
      filename: ts,
      code:
        tsBedrock +
        'const ACTIONS: Record<string, string[]> = { restart: ["systemctl", "restart", "app"] };\n' +
        'export async function act(q: string) {\n' +
        '  const res = await client.send(new ConverseCommand({ modelId: M, messages: [{ role: "user", content: [{ text: q }] }] }));\n' +
        '  const choice = res.output?.message?.content?.[0]?.text?.trim() ?? "";\n' +
        '  const [cmd, ...args] = ACTIONS[choice];\n' +
        '  spawn(cmd, args);\n' +
        '}\n',
    },
    {
      name: 'model output as a bound query parameter',
      filename: ts,
      code:
        tsOpenAI +
        'export async function save(q: string) {\n' +
        '  const c = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }], max_completion_tokens: 200 });\n' +
        '  await pool.query("INSERT INTO notes (body) VALUES ($1)", [c.choices[0].message.content]);\n' +
        '}\n',
    },
    {
      name: 'model output as a plain argument of a program (no shell)',
      filename: ts,
      code:
        tsBedrock +
        'export async function commit(diff: string) {\n' +
        '  const r = await client.send(new ConverseCommand({ modelId: M, messages: [{ role: "user", content: [{ text: diff }] }] }));\n' +
        '  const msg = r.output!.message!.content![0].text!;\n' +
        '  spawn("git", ["commit", "-m", msg]);\n' +
        '}\n',
    },
    {
      name: 'a validator ends the path',
      filename: ts,
      code:
        tsOpenAI +
        'export async function calc(q: string) {\n' +
        '  const expr = (await openai.responses.create({ model: "gpt-4.1", input: q, max_output_tokens: 50 })).output_text;\n' +
        '  return eval(assertArithmetic(expr));\n' +
        '}\n',
    },
    {
      name: 'reassigned to a constant before the sink',
      filename: ts,
      code:
        tsBedrock +
        'export async function f(q) {\n' +
        '  let cmd = (await client.send(new ConverseCommand({ modelId: M, messages: q }))).output?.message?.content?.[0]?.text;\n' +
        '  log(cmd);\n  cmd = "uptime";\n  execSync(cmd);\n}\n',
    },
    {
      name: 'a tagged template binds its values',
      filename: ts,
      code:
        'import { neon } from "@neondatabase/serverless";\nimport { ChatOpenAI } from "@langchain/openai";\nconst sql = neon(process.env.DATABASE_URL!);\n' +
        'const llm = new ChatOpenAI({ model: "gpt-4o-mini", maxTokens: 50, timeout: 20_000 });\n' +
        'export async function tag(doc: string) {\n  const label = (await llm.invoke(doc)).content;\n  return sql`UPDATE docs SET label = ${label} WHERE id = 1`;\n}\n',
    },
    {
      name: 'a shell command built from a parameter, not model output',
      filename: js,
      code: 'const { exec } = require("child_process");\nfunction ping(host) {\n  exec(`ping -c 1 ${host}`);\n}\n',
    },
    {
      name: 'an embedding is not text to run',
      filename: ts,
      code:
        tsBedrock +
        'export async function f(q: string) {\n' +
        '  const res = await client.send(new InvokeModelCommand({ modelId: "amazon.titan-embed-text-v2:0", body: JSON.stringify({ inputText: q }) }));\n' +
        '  eval(new TextDecoder().decode(res.body));\n}\n',
    },
    {
      name: 'a plain function parameter is not model output',
      filename: ts,
      code: 'export function calculate(expression: string): number {\n  return eval(expression);\n}\n',
    },
    {
      name: 'a key-value store get with model output (no SQL driver)',
      filename: ts,
      code:
        'import { Level } from "level";\nimport OpenAI from "openai";\nconst openai = new OpenAI({ timeout: 9000 });\nconst db = new Level("./cache");\n' +
        'export async function cached(q: string) {\n  const r = await openai.responses.create({ model: "m", input: q, max_output_tokens: 9 });\n  return db.get(r.output_text.trim());\n}\n',
    },
    {
      name: 'regex exec over model output',
      filename: ts,
      code: tsOpenAI + 'export async function f(q: string) {\n  const r = await openai.responses.create({ model: "m", input: q, max_output_tokens: 9 });\n  return /```sql\\n([\\s\\S]*)```/.exec(r.output_text)?.[1];\n}\n',
    },
    {
      name: 'query on something that is not a database',
      filename: ts,
      code: tsOpenAI + 'export async function f(q: string, search: Index) {\n  const c = await openai.chat.completions.create({ model: "m", messages: [], max_completion_tokens: 9 });\n  return search.query(c.choices[0].message.content);\n}\n',
    },
  ],
  invalid: [
    {
      name: 'Converse text through optional chaining into eval',
      filename: ts,
      code:
        tsBedrock +
        'export async function runGenerated(task: string) {\n' +
        '  const command = new ConverseCommand({ modelId: M, messages: [{ role: "user", content: [{ text: task }] }] });\n' +
        '  const response = await client.send(command);\n' +
        '  const code = response.output?.message?.content?.[0]?.text ?? "";\n' +
        '  return eval(code);\n' +
        '}\n',
      errors: [{ line: 8, column: 10, severity: 'error', message: /model output from `client\.send` \(line 6\) reaches `eval`/ }],
      output: null,
    },
    {
      name: 'InvokeModel body decoded and parsed into exec',
      filename: ts,
      code:
        tsBedrock +
        'export async function fix(error: string) {\n' +
        '  const res = await client.send(new InvokeModelCommand({ modelId: M, body: JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 200, messages: m }) }));\n' +
        '  const payload = JSON.parse(new TextDecoder().decode(res.body));\n' +
        '  exec(payload.content[0].text.replace(/^```bash/, ""));\n' +
        '}\n',
      errors: [{ line: 7, column: 3, message: /reaches `exec`, which runs it as a command/ }],
    },
    {
      name: 'OpenAI completion into execSync through a template literal',
      filename: ts,
      code:
        tsOpenAI + 'import { execSync } from "child_process";\n' +
        'export async function shell(task: string) {\n' +
        '  const completion = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: task }], max_completion_tokens: 100 });\n' +
        '  const text = completion.choices[0].message.content;\n' +
        '  return execSync(`sh -c "${text}"`).toString();\n' +
        '}\n',
      errors: [{ line: 9, column: 10 }],
    },
    {
      name: 'spawn with shell: true',
      filename: ts,
      code:
        tsBedrock +
        'export async function go(q) {\n  const out = await client.send(new ConverseCommand({ modelId: M, messages: q }));\n' +
        '  spawn(out.output.message.content[0].text, { shell: true, stdio: "inherit" });\n}\n',
      errors: [{ line: 6, column: 3 }],
    },
    {
      name: 'bash -c with model output',
      filename: ts,
      code:
        tsBedrock +
        'export async function go(q) {\n  const out = await client.send(new ConverseCommand({ modelId: M, messages: q }));\n' +
        '  const script = out.output.message.content.map((b) => b.text).join("\\n");\n  spawn("bash", ["-c", script]);\n}\n',
      errors: [{ line: 7, column: 3 }],
    },
    {
      name: 'streamed chunks collected, then new Function',
      filename: ts,
      code:
        tsBedrock +
        'export async function calc(q) {\n  const res = await client.send(new ConverseStreamCommand({ modelId: M, messages: q }));\n  let out = "";\n' +
        '  for await (const event of res.stream ?? []) {\n    out += event.contentBlockDelta?.delta?.text ?? "";\n  }\n  return new Function(`return (${out});`)();\n}\n',
      errors: [{ line: 10, column: 10, message: /reaches `Function`/ }],
    },
    {
      name: 'text-to-SQL on a pg pool',
      filename: ts,
      code:
        tsOpenAI +
        'export async function answer(question: string) {\n' +
        '  const r = await openai.responses.create({ model: "gpt-4.1", input: `SQL for: ${question}`, max_output_tokens: 300 });\n' +
        '  const { rows } = await pool.query(r.output_text);\n  return rows;\n}\n',
      errors: [{ line: 7, column: 26, severity: 'warning', message: /runs it as SQL/ }],
    },
    {
      name: 'model output formatted into a SQL string (CommonJS, LangChain chain)',
      filename: js,
      code:
        'const { ChatBedrockConverse } = require("@langchain/aws");\nconst { ChatPromptTemplate } = require("@langchain/core/prompts");\nconst { StringOutputParser } = require("@langchain/core/output_parsers");\n' +
        'const Database = require("better-sqlite3");\nconst db = new Database("app.db");\n' +
        'const chain = ChatPromptTemplate.fromMessages([["human", "{q}"]]).pipe(new ChatBedrockConverse({ model: M, maxTokens: 50 })).pipe(new StringOutputParser());\n' +
        'async function lookup(q) {\n  const name = await chain.invoke({ q });\n  return db.prepare("SELECT * FROM users WHERE name = \'" + name + "\'").all();\n}\n',
      errors: [{ line: 9, column: 10 }],
    },
    {
      name: 'promisified exec with a LangChain model bound to tools',
      filename: ts,
      code:
        'import { exec } from "node:child_process";\nimport { promisify } from "node:util";\nimport { ChatOpenAI } from "@langchain/openai";\n' +
        'const run = promisify(exec);\nconst llm = new ChatOpenAI({ model: "gpt-4o", maxTokens: 100, timeout: 30_000 }).bindTools(tools);\n' +
        'export async function act(q: string) {\n  const reply = await llm.invoke(q);\n  await run(String(reply.content));\n}\n',
      errors: [{ line: 8, column: 9 }],
    },
    {
      name: 'a LangChain JS tool runs the code the model wrote',
      filename: ts,
      code:
        'import { tool } from "@langchain/core/tools";\nimport { z } from "zod";\nimport vm from "node:vm";\n' +
        'export const jsRepl = tool(async ({ code }) => String(vm.runInNewContext(code, {})), {\n  name: "js_repl",\n  description: "Runs JavaScript",\n  schema: z.object({ code: z.string() }),\n});\n',
      errors: [{ line: 4, column: 55, message: /tool argument `code`, written by the model, reaches `vm\.runInNewContext`/ }],
    },
    {
      name: 'an MCP tool runs a shell command',
      filename: ts,
      code:
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { execSync } from "child_process";\nimport { z } from "zod";\n' +
        'const server = new McpServer({ name: "ops", version: "1.0.0" });\n' +
        'server.tool("run", { command: z.string() }, async ({ command }) => ({ content: [{ type: "text", text: execSync(command).toString() }] }));\n',
      errors: [{ line: 5, column: 103 }],
    },
    {
      name: 'a DynamicStructuredTool func through the module namespace',
      filename: ts,
      code:
        'import { DynamicStructuredTool } from "@langchain/core/tools";\nimport * as cp from "child_process";\n' +
        'export const shell = new DynamicStructuredTool({\n  name: "shell",\n  description: "Runs a command",\n  schema,\n  func: async ({ cmd }) => cp.execSync(cmd).toString(),\n});\n',
      errors: [{ line: 7, column: 28, message: /cp\.execSync/ }],
    },
    {
      name: 'a service class holding the model in a field',
      filename: ts,
      code:
        'import { ChatOpenAI } from "@langchain/openai";\nexport class Calculator {\n  private readonly llm = new ChatOpenAI({ model: "gpt-4o-mini", maxTokens: 20 });\n' +
        '  async compute(question: string) {\n    const expr = (await this.llm.invoke(question)).content;\n    return eval(String(expr));\n  }\n}\n',
      errors: [{ line: 6, column: 12 }],
    },
    {
      name: 'aggregated BedrockRuntime client',
      filename: ts,
      code:
        'import { BedrockRuntime } from "@aws-sdk/client-bedrock-runtime";\nconst bedrock = new BedrockRuntime({});\n' +
        'export async function f(messages) {\n  const { output } = await bedrock.converse({ modelId: M, messages });\n  return eval(output?.message?.content?.[0]?.text ?? "0");\n}\n',
      errors: [{ line: 5, column: 10 }],
    },
  ],
});
