// System prompts of agent frameworks (apis/frameworks/systemPrompts.ts).
import { ruleTester } from '../ruleTester';

const py = 'agents.py';

ruleTester('user-input-in-system-prompt', {
  valid: [
    { name: 'Strands agent with a fixed system prompt, the request in the message', filename: py, code: 'from strands import Agent\ndef answer(question):\n    return Agent(system_prompt="You answer billing questions.")(question)\n' },
    { name: 'CrewAI agent with fixed role, goal and backstory', filename: py, code: 'from crewai import Agent\ndef build(topic):\n    return Agent(role="Researcher", goal="Find sources", backstory="A careful analyst.")\n' },
    { name: 'AutoGen assistant with a fixed system message', filename: py, code: 'from autogen_agentchat.agents import AssistantAgent\ndef build(client):\n    return AssistantAgent("helper", model_client=client, system_message=SYSTEM)\n' },
    { name: 'LlamaIndex agent with a fixed prompt', filename: py, code: 'from llama_index.core.agent.workflow import FunctionAgent\ndef build(tools, llm):\n    return FunctionAgent(tools=tools, llm=llm, system_prompt="You answer from the docs.")\n' },
  ],
  invalid: [
    {
      name: 'CrewAI backstory formatted from a parameter',
      filename: py,
      code: 'from crewai import Agent\ndef build(customer_name):\n    return Agent(role="Support", goal="Help", backstory=f"You support {customer_name}.")\n',
      errors: [{ line: 3, column: 57 }],
    },
    {
      name: 'AutoGen system_message from request data',
      filename: py,
      code: 'from flask import request\nfrom autogen_agentchat.agents import AssistantAgent\ndef build(client):\n    return AssistantAgent("helper", model_client=client, system_message=request.json["persona"])\n',
      errors: [{ line: 4, column: 73 }],
    },
    {
      name: 'LlamaIndex FunctionAgent system_prompt with a parameter',
      filename: py,
      code: 'from llama_index.core.agent.workflow import FunctionAgent\ndef build(tools, llm, tenant):\n    return FunctionAgent(tools=tools, llm=llm, system_prompt="Answer for " + tenant)\n',
      errors: [{ line: 3, column: 62 }],
    },
  ],
});
