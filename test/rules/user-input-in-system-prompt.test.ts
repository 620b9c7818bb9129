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
