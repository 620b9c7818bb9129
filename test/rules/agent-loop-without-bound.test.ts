import { ruleTester } from '../ruleTester';

const py = 'agent.py';
const header = 'from langchain.agents import AgentExecutor, create_tool_calling_agent\n';

ruleTester('agent-loop-without-bound', {
  valid: [
    { name: 'default limit of 15', filename: py, code: header + 'executor = AgentExecutor(agent=agent, tools=tools)\n' },
    { filename: py, code: header + 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=8, max_execution_time=60)\n' },
    { name: 'limit from a setting', filename: py, code: header + 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=settings.max_steps)\n' },
    { name: 'max_execution_time=None keeps the step limit', filename: py, code: header + 'executor = AgentExecutor(agent=agent, tools=tools, max_execution_time=None)\n' },
    { name: 'an AgentExecutor that is not LangChain\'s', filename: py, code: 'from myapp.runtime import AgentExecutor\nexecutor = AgentExecutor(max_iterations=None)\n' },
    { name: 'kwargs built elsewhere', filename: py, code: header + 'executor = AgentExecutor(agent=agent, tools=tools, **executor_options)\n' },
    {
      name: 'toolkit agent with a bound',
      filename: py,
      code: 'from langchain_community.agent_toolkits import create_sql_agent\nagent = create_sql_agent(llm, db=db, agent_executor_kwargs={"handle_parsing_errors": True})\n',
    },
  ],
  invalid: [
    {
      filename: py,
      code: header + 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=None)\n',
      errors: [{ line: 2, column: 52, message: /max_iterations=None/ }],
      output: header + 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=15)\n',
    },
    {
      name: 'legacy initialize_agent, multi-line',
      filename: py,
      code:
        'from langchain.agents import AgentType, initialize_agent\n\nagent = initialize_agent(\n    tools,\n    llm,\n    agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION,\n    max_iterations=None,\n    verbose=True,\n)\n',
      errors: [{ line: 7, column: 5 }],
      output:
        'from langchain.agents import AgentType, initialize_agent\n\nagent = initialize_agent(\n    tools,\n    llm,\n    agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION,\n    max_iterations=15,\n    verbose=True,\n)\n',
    },
    {
      name: 'from_agent_and_tools through a module alias',
      filename: py,
      code: 'import langchain.agents as lca\nrunner = lca.AgentExecutor.from_agent_and_tools(agent=a, tools=t, max_iterations=None)\n',
      errors: [{ line: 2 }],
      output: 'import langchain.agents as lca\nrunner = lca.AgentExecutor.from_agent_and_tools(agent=a, tools=t, max_iterations=15)\n',
    },
    {
      name: 'agent_executor_kwargs of a toolkit agent',
      filename: py,
      code: 'from langchain_community.agent_toolkits import create_sql_agent\nagent = create_sql_agent(llm, db=db, agent_executor_kwargs={"max_iterations": None})\n',
      errors: [{ line: 2, column: 61 }],
      output: 'from langchain_community.agent_toolkits import create_sql_agent\nagent = create_sql_agent(llm, db=db, agent_executor_kwargs={"max_iterations": 15})\n',
    },
    {
      name: 'options dict built first',
      filename: py,
      code: header + 'options = {"max_iterations": None, "verbose": True}\nexecutor = AgentExecutor(agent=agent, tools=tools, **options)\n',
      errors: [{ line: 2, column: 12 }],
      output: header + 'options = {"max_iterations": 15, "verbose": True}\nexecutor = AgentExecutor(agent=agent, tools=tools, **options)\n',
    },
  ],
});

const ts = 'agent.ts';
const tsHeader = 'import { AgentExecutor, createToolCallingAgent } from "langchain/agents";\n';

ruleTester('agent-loop-without-bound', {
  valid: [
    { name: 'default limit of 15', filename: ts, code: tsHeader + 'const executor = new AgentExecutor({ agent, tools });\n' },
    { filename: ts, code: tsHeader + 'const executor = new AgentExecutor({ agent, tools, maxIterations: 8 });\n' },
    { name: 'undefined and null keep the default in LangChain JS', filename: ts, code: tsHeader + 'const a = new AgentExecutor({ agent, tools, maxIterations: undefined });\nconst b = new AgentExecutor({ agent, tools, maxIterations: null });\n' },
    { name: 'limit from configuration', filename: ts, code: tsHeader + 'const executor = AgentExecutor.fromAgentAndTools({ agent, tools, maxIterations: config.maxSteps });\n' },
    { name: 'spread options', filename: ts, code: tsHeader + 'export const make = (opts: Partial<AgentExecutorInput>) => new AgentExecutor({ agent, tools, ...opts });\n' },
    { name: "an AgentExecutor that is not LangChain's", filename: ts, code: 'import { AgentExecutor } from "./runtime";\nconst executor = new AgentExecutor({ maxIterations: Infinity });\n' },
    { name: 'a locally shadowed Infinity is not followed', filename: ts, code: tsHeader + 'const Infinity = 10;\nconst executor = new AgentExecutor({ agent, tools, maxIterations: Infinity });\n' },
  ],
  invalid: [
    {
      filename: ts,
      code: tsHeader + 'const executor = new AgentExecutor({ agent, tools, maxIterations: Infinity });\n',
      errors: [{ line: 2, column: 52, message: /`maxIterations: Infinity` lets the agent loop/ }],
      output: tsHeader + 'const executor = new AgentExecutor({ agent, tools, maxIterations: 15 });\n',
    },
    {
      name: 'fromAgentAndTools, multi-line, Number.POSITIVE_INFINITY',
      filename: ts,
      code: tsHeader + 'const executor = AgentExecutor.fromAgentAndTools({\n  agent,\n  tools,\n  maxIterations: Number.POSITIVE_INFINITY,\n  verbose: true,\n});\n',
      errors: [{ line: 5, column: 3 }],
      output: tsHeader + 'const executor = AgentExecutor.fromAgentAndTools({\n  agent,\n  tools,\n  maxIterations: 15,\n  verbose: true,\n});\n',
    },
    {
      name: 'options object built first, CommonJS',
      filename: 'agent.js',
      code: 'const { AgentExecutor } = require("langchain/agents");\nconst options = { agent, tools, maxIterations: Number.MAX_SAFE_INTEGER };\nconst executor = new AgentExecutor(options);\n',
      errors: [{ line: 2, column: 33 }],
      output: 'const { AgentExecutor } = require("langchain/agents");\nconst options = { agent, tools, maxIterations: 15 };\nconst executor = new AgentExecutor(options);\n',
    },
    {
      name: 'legacy initializeAgentExecutorWithOptions',
      filename: ts,
      code: 'import { initializeAgentExecutorWithOptions } from "langchain/agents";\nconst executor = await initializeAgentExecutorWithOptions(tools, model, { agentType: "openai-functions", maxIterations: Infinity });\n',
      errors: [{ line: 2, column: 106 }],
      output: 'import { initializeAgentExecutorWithOptions } from "langchain/agents";\nconst executor = await initializeAgentExecutorWithOptions(tools, model, { agentType: "openai-functions", maxIterations: 15 });\n',
    },
  ],
});
