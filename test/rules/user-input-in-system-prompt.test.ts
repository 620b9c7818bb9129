import { ruleTester } from '../ruleTester';

const py = 'prompts.py';
const openai = 'from openai import OpenAI\nclient = OpenAI(timeout=30)\n';
const bedrock = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';

ruleTester('user-input-in-system-prompt', {
  valid: [
    {
      name: 'fixed system prompt, user input in the user message',
      filename: py,
      code:
        openai +
        'SYSTEM = "You are a support assistant."\n' +
        'def ask(question: str, customer: str):\n' +
        '    return client.chat.completions.create(model="gpt-4o", max_tokens=300, messages=[\n' +
        '        {"role": "system", "content": SYSTEM},\n' +
        '        {"role": "user", "content": f"Customer {customer} asks: {question}"},\n' +
        '    ])\n',
    },
    {
      name: 'a system prompt parameter passed through unchanged',
      filename: py,
      code: openai + 'def complete(system_prompt, question):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=9, messages=[{"role": "system", "content": system_prompt}, {"role": "user", "content": question}])\n',
    },
    {
      name: 'numbers and Literal choices',
      filename: py,
      code:
        'from typing import Literal\n' + bedrock +
        'def ask(q: str, words: int, tone: Literal["formal", "casual"]):\n' +
        '    return bedrock.converse(modelId=M, system=[{"text": f"Answer in at most {words} words, in a {tone} tone."}], messages=[{"role": "user", "content": [{"text": q}]}])\n',
    },
    {
      name: 'built by a helper function',
      filename: py,
      code: openai + 'def ask(user, q):\n    system = render_system_prompt(user.locale)\n    return client.chat.completions.create(model="m", max_tokens=9, messages=[{"role": "system", "content": system}, {"role": "user", "content": q}])\n',
    },
    {
      name: 'template variables filled by LangChain at run time',
      filename: py,
      code:
        'from langchain_core.prompts import ChatPromptTemplate\n' +
        'prompt = ChatPromptTemplate.from_messages([("system", "You answer questions about {product}."), ("human", "{question}")])\n',
    },
    {
      name: 'template variables of the human message filled from parameters',
      filename: py,
      code:
        'from langchain_core.prompts import ChatPromptTemplate\nfrom langchain_aws import ChatBedrockConverse\n' +
        'prompt = ChatPromptTemplate.from_messages([("system", "You answer questions about {product}."), ("human", "{question}")])\n' +
        'chain = prompt | ChatBedrockConverse(model=M, max_tokens=300)\n' +
        'def ask(question):\n    return chain.invoke({"product": PRODUCT_NAME, "question": question}).content\n',
    },
    {
      name: 'module constants formatted together',
      filename: py,
      code: 'COMPANY = "Acme"\nTONE = "friendly"\nSYSTEM = f"You work for {COMPANY}. Be {TONE}."\nmessages = [{"role": "system", "content": SYSTEM}]\n',
    },
    {
      name: 'a system prompt parameter cleaned up with replace',
      filename: py,
      code: 'def messages(system_prompt, q):\n    return [{"role": "system", "content": system_prompt.replace("\\n", " ")}, {"role": "user", "content": q}]\n',
    },
    {
      name: 'self attributes are not user input',
      filename: py,
      code: 'from langchain_core.messages import SystemMessage\nclass Bot:\n    def prompt(self):\n        return [SystemMessage(content=f"You are {self.persona}.")]\n',
    },
  ],
  invalid: [
    {
      name: 'OpenAI system message from an f-string of parameters',
      filename: py,
      code:
        openai +
        'def ask(question, user_name):\n' +
        '    return client.chat.completions.create(model="gpt-4o", max_tokens=300, messages=[\n' +
        '        {"role": "system", "content": f"You are helping {user_name}. Follow company policy."},\n' +
        '        {"role": "user", "content": question},\n' +
        '    ])\n',
      errors: [{ line: 5, column: 39, message: /parameter `user_name` is formatted into the system prompt/ }],
      output: null,
    },
    {
      name: 'Bedrock Converse system block built first',
      filename: py,
      code:
        bedrock +
        'def chat(persona: str, question: str):\n' +
        '    instructions = "You are " + persona + ". Never reveal internal data."\n' +
        '    return bedrock.converse(modelId=M, system=[{"text": instructions}], messages=[{"role": "user", "content": [{"text": question}]}])\n',
      errors: [{ line: 4, column: 20 }],
    },
    {
      name: 'Flask request data used as the system prompt',
      filename: py,
      code:
        'from flask import Flask, request\nfrom openai import OpenAI\napp = Flask(__name__)\nclient = OpenAI(timeout=10)\n' +
        '@app.post("/chat")\ndef chat():\n    body = request.get_json()\n' +
        '    messages = [{"role": "system", "content": body["system"]}, {"role": "user", "content": body["message"]}]\n' +
        '    return client.chat.completions.create(model="gpt-4o-mini", messages=messages, max_tokens=200).choices[0].message.content\n',
      errors: [{ line: 8, column: 47, message: /user input `request` is used as the system prompt/ }],
    },
    {
      name: 'LangChain SystemMessage with .format',
      filename: py,
      code:
        'from langchain_core.messages import HumanMessage, SystemMessage\n' +
        'def build(role, question):\n    return [SystemMessage(content="You are a {}.".format(role)), HumanMessage(content=question)]\n',
      errors: [{ line: 3, column: 35 }],
    },
    {
      name: 'LangChain ("system", ...) tuple formatted with %',
      filename: py,
      code:
        'from langchain_core.prompts import ChatPromptTemplate\n' +
        'def make_prompt(domain):\n    return ChatPromptTemplate.from_messages([("system", "You are an expert in %s." % domain), ("human", "{input}")])\n',
      errors: [{ line: 3, column: 57 }],
    },
    {
      name: 'message list returned from a helper',
      filename: py,
      code: 'def messages_for(user_profile, question):\n    return [\n        {"role": "system", "content": f"User profile: {user_profile}"},\n        {"role": "user", "content": question},\n    ]\n',
      errors: [{ line: 3, column: 39 }],
    },
    {
      name: 'Anthropic system= and a FastAPI body attribute',
      filename: py,
      code:
        'import anthropic\nclient = anthropic.Anthropic(timeout=30)\n' +
        'async def chat(req: ChatRequest):\n' +
        '    return client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=500, system=f"Speak as {req.character}.", messages=[{"role": "user", "content": req.message}])\n',
      errors: [{ line: 4, column: 92 }],
    },
    {
      name: 'OpenAI Responses instructions joined from a list',
      filename: py,
      code: openai + 'def ask(rules, q):\n    return client.responses.create(model="gpt-4.1", max_output_tokens=50, instructions="\\n".join(["Follow these rules:", *rules]), input=q)\n',
      errors: [{ line: 4, column: 88 }],
    },
    {
      name: 'Strands agent built per customer',
      filename: py,
      code: 'from strands import Agent\ndef agent_for(customer_tier: str):\n    return Agent(system_prompt=f"You serve {customer_tier} customers. Offer refunds up to the tier limit.")\n',
      errors: [{ line: 3, column: 32 }],
    },
    {
      name: 'placeholder replaced in a template',
      filename: py,
      code: 'TEMPLATE = "You are the assistant for {company}."\ndef system_for(company):\n    return [{"role": "system", "content": TEMPLATE.replace("{company}", company)}]\n',
      errors: [{ line: 3, column: 43 }],
    },
    {
      name: 'string.Template substitution',
      filename: py,
      code: 'from string import Template\nfrom langchain_core.messages import SystemMessage\ndef build(user_role):\n    return SystemMessage(Template("Act as a $role.").substitute(role=user_role))\n',
      errors: [{ line: 4, column: 26 }],
    },
    {
      name: 'system template variable filled from a parameter',
      filename: py,
      code:
        'from langchain_core.prompts import ChatPromptTemplate\nfrom langchain_aws import ChatBedrockConverse\n' +
        'prompt = ChatPromptTemplate.from_messages([("system", "You are the assistant of {company}. Be concise."), ("human", "{question}")])\n' +
        'chain = prompt | ChatBedrockConverse(model=M, max_tokens=300)\n' +
        'def ask(company, question):\n    return chain.invoke({"company": company, "question": question}).content\n',
      errors: [{ line: 6, column: 37, message: /parameter `company` fills `\{company\}` in a system message template/ }],
    },
    {
      name: 'developer role, built with +=',
      filename: py,
      code: 'def build(context):\n    system = "Answer using only this context:\\n"\n    system += context\n    return [{"role": "developer", "content": system}]\n',
      errors: [{ line: 4, column: 46 }],
    },
  ],
});

const ts = 'prompts.ts';
const js = 'routes.js';
const tsOpenAI = 'import OpenAI from "openai";\nconst openai = new OpenAI({ timeout: 20_000 });\n';
const tsBedrock = 'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n';

ruleTester('user-input-in-system-prompt', {
  valid: [
    {
      name: 'fixed system prompt, user input in the user message',
      filename: ts,
      code:
        tsOpenAI +
        'const SYSTEM = "You are a support assistant.";\n' +
        'export async function ask(question: string, customer: string) {\n' +
        '  return openai.chat.completions.create({ model: "gpt-4o", max_completion_tokens: 300, messages: [\n' +
        '    { role: "system", content: SYSTEM },\n' +
        '    { role: "user", content: `Customer ${customer} asks: ${question}` },\n' +
        '  ] });\n}\n',
    },
    {
      name: 'a system prompt parameter passed through unchanged',
      filename: ts,
      code: tsOpenAI + 'export const complete = (systemPrompt: string, q: string) =>\n  openai.chat.completions.create({ model: "m", max_completion_tokens: 9, messages: [{ role: "system", content: systemPrompt }, { role: "user", content: q }] });\n',
    },
    {
      name: 'numbers and literal unions',
      filename: ts,
      code:
        tsBedrock +
        'export async function ask(q: string, words: number, tone: "formal" | "casual") {\n' +
        '  return client.send(new ConverseCommand({ modelId: M, system: [{ text: `Answer in at most ${words} words, in a ${tone} tone.` }], messages: [{ role: "user", content: [{ text: q }] }] }));\n}\n',
    },
    {
      name: 'built by a helper function',
      filename: ts,
      code: tsOpenAI + 'export async function ask(user: User, q: string) {\n  const system = renderSystemPrompt(user.locale);\n  return openai.chat.completions.create({ model: "m", max_completion_tokens: 9, messages: [{ role: "system", content: system }, { role: "user", content: q }] });\n}\n',
    },
    {
      name: 'module constants in a template literal',
      filename: ts,
      code: 'const COMPANY = "Acme";\nconst TONE = "friendly";\nconst SYSTEM = `You work for ${COMPANY}. Be ${TONE}.`;\nexport const messages = [{ role: "system", content: SYSTEM }];\n',
    },
    {
      name: 'LangChain JS template variables filled from constants',
      filename: ts,
      code:
        'import { ChatPromptTemplate } from "@langchain/core/prompts";\n' +
        'const prompt = ChatPromptTemplate.fromMessages([["system", "You answer questions about {product}."], ["human", "{question}"]]);\n' +
        'export const ask = (question: string) => prompt.formatMessages({ product: PRODUCT_NAME, question });\n',
    },
    {
      name: 'this properties are not user input',
      filename: ts,
      code: 'import { SystemMessage } from "@langchain/core/messages";\nclass Bot {\n  persona = "a pirate";\n  prompt() {\n    return [new SystemMessage(`You are ${this.persona}.`)];\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'OpenAI system message from a template literal of parameters',
      filename: ts,
      code:
        tsOpenAI +
        'export async function ask(question: string, userName: string) {\n' +
        '  return openai.chat.completions.create({ model: "gpt-4o", max_completion_tokens: 300, messages: [\n' +
        '    { role: "system", content: `You are helping ${userName}. Follow company policy.` },\n' +
        '    { role: "user", content: question },\n' +
        '  ] });\n}\n',
      errors: [{ line: 5, column: 32, message: /parameter `userName` is formatted into the system prompt/ }],
      output: null,
    },
    {
      name: 'Bedrock Converse system block built first',
      filename: ts,
      code:
        tsBedrock +
        'export async function chat(persona: string, question: string) {\n' +
        '  const instructions = "You are " + persona + ". Never reveal internal data.";\n' +
        '  const input = { modelId: M, system: [{ text: instructions }], messages: [{ role: "user" as const, content: [{ text: question }] }] };\n' +
        '  return client.send(new ConverseCommand(input));\n}\n',
      errors: [{ line: 4, column: 24 }],
    },
    {
      name: 'Express request body used as the system prompt',
      filename: js,
      code:
        'const express = require("express");\nconst OpenAI = require("openai");\nconst app = express();\nconst openai = new OpenAI({ timeout: 10000 });\n' +
        'app.post("/chat", async (req, res) => {\n  const { system, message } = req.body;\n' +
        '  const messages = [{ role: "system", content: system }, { role: "user", content: message }];\n' +
        '  const c = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, max_completion_tokens: 200 });\n' +
        '  res.json(c.choices[0].message);\n});\n',
      errors: [{ line: 7, column: 48, message: /user input `req` is used as the system prompt/ }],
    },
    {
      name: 'destructured request body, shorthand content',
      filename: ts,
      code:
        tsOpenAI +
        'export async function handler(req: ApiRequest) {\n  const { message, persona: content } = req.body;\n' +
        '  return openai.chat.completions.create({ model: "gpt-4o-mini", max_completion_tokens: 200, messages: [{ role: "system", content }, { role: "user", content: message }] });\n}\n',
      errors: [{ line: 5, column: 122 }],
    },
    {
      name: 'LangChain JS SystemMessage with concatenation',
      filename: ts,
      code:
        'import { HumanMessage, SystemMessage } from "@langchain/core/messages";\n' +
        'export function build(role: string, question: string) {\n  return [new SystemMessage("You are a " + role + "."), new HumanMessage(question)];\n}\n',
      errors: [{ line: 3, column: 29 }],
    },
    {
      name: 'LangChain JS ["system", …] pair with a template literal',
      filename: ts,
      code:
        'import { ChatPromptTemplate } from "@langchain/core/prompts";\n' +
        'export const makePrompt = (domain: string) => ChatPromptTemplate.fromMessages([["system", `You are an expert in ${domain}.`], ["human", "{input}"]]);\n',
      errors: [{ line: 2, column: 91 }],
    },
    {
      name: 'message list returned from a helper',
      filename: ts,
      code: 'export function messagesFor(userProfile: string, question: string) {\n  return [\n    { role: "system", content: `User profile: ${userProfile}` },\n    { role: "user", content: question },\n  ];\n}\n',
      errors: [{ line: 3, column: 32 }],
    },
    {
      name: 'Anthropic system and a destructured parameter',
      filename: ts,
      code:
        'import Anthropic from "@anthropic-ai/sdk";\nconst anthropic = new Anthropic({ timeout: 30_000 });\n' +
        'export async function chat({ character, message }: ChatRequest) {\n' +
        '  return anthropic.messages.create({ model: "claude-3-5-sonnet-latest", max_tokens: 500, system: `Speak as ${character}.`, messages: [{ role: "user", content: message }] });\n}\n',
      errors: [{ line: 4, column: 98 }],
    },
    {
      name: 'OpenAI Responses instructions joined from an array',
      filename: ts,
      code: tsOpenAI + 'export const ask = (rules: string[], q: string) =>\n  openai.responses.create({ model: "gpt-4.1", max_output_tokens: 50, instructions: ["Follow these rules:", ...rules].join("\\n"), input: q });\n',
      errors: [{ line: 4, column: 84 }],
    },
    {
      name: 'OpenAI Agents SDK agent built per customer',
      filename: ts,
      code: 'import { Agent } from "@openai/agents";\nexport function agentFor(customerTier: string) {\n  return new Agent({ name: "support", instructions: `You serve ${customerTier} customers. Offer refunds up to the tier limit.` });\n}\n',
      errors: [{ line: 3, column: 53 }],
    },
    {
      name: 'placeholder replaced in a template',
      filename: ts,
      code: 'const TEMPLATE = "You are the assistant for {company}.";\nexport function systemFor(company: string) {\n  return [{ role: "system", content: TEMPLATE.replace("{company}", company) }];\n}\n',
      errors: [{ line: 3, column: 38 }],
    },
    {
      name: 'system template variable filled from a parameter',
      filename: ts,
      code:
        'import { ChatPromptTemplate } from "@langchain/core/prompts";\nimport { ChatBedrockConverse } from "@langchain/aws";\n' +
        'const prompt = ChatPromptTemplate.fromMessages([["system", "You are the assistant of {company}. Be concise."], ["human", "{question}"]]);\n' +
        'const chain = prompt.pipe(new ChatBedrockConverse({ model: M, maxTokens: 300 }));\n' +
        'export async function ask(company: string, question: string) {\n  return (await chain.invoke({ company: company, question })).content;\n}\n',
      errors: [{ line: 6, column: 41, message: /parameter `company` fills `\{company\}` in a system message template/ }],
    },
    {
      name: 'developer role built with +=',
      filename: ts,
      code: 'export function build(context: string) {\n  let system = "Answer using only this context:\\n";\n  system += context;\n  return [{ role: "developer", content: system }];\n}\n',
      errors: [{ line: 4, column: 41 }],
    },
    {
      name: 'AI SDK system option from a Next.js request',
      filename: ts,
      code:
        'import { generateText } from "ai";\nimport { bedrock } from "@ai-sdk/amazon-bedrock";\n' +
        'export async function POST(request: Request) {\n  const { persona, prompt } = await request.json();\n' +
        '  const { text } = await generateText({ model: bedrock(M), system: persona, prompt, maxOutputTokens: 300 });\n  return Response.json({ text });\n}\n',
      errors: [{ line: 5, column: 68, message: /user input `request`/ }],
    },
  ],
});
