// Agent loops of frameworks (apis/frameworks/agentLoops.ts): teams with no bound by default, and explicit settings
// that remove a bounded default; the defaults themselves stay silent.
import { ruleTester } from '../ruleTester';

const py = 'agents.py';
const ts = 'agents.ts';

ruleTester('agent-loop-without-bound', {
  valid: [
    { name: 'AutoGen team with a termination condition', filename: py, code: 'from autogen_agentchat.teams import RoundRobinGroupChat\nteam = RoundRobinGroupChat([writer, critic], termination_condition=TextMentionTermination("APPROVE"))\n' },
    { name: 'AutoGen team with max_turns', filename: py, code: 'from autogen_agentchat.teams import RoundRobinGroupChat\nteam = RoundRobinGroupChat([writer, critic], max_turns=6)\n' },
    { name: 'AutoGen team with the condition by position', filename: py, code: 'from autogen_agentchat.teams import RoundRobinGroupChat\nteam = RoundRobinGroupChat([writer, critic], termination)\n' },
    { name: 'AutoGen team settings from a dict', filename: py, code: 'from autogen_agentchat.teams import SelectorGroupChat\nteam = SelectorGroupChat(agents, model_client=client, **team_options)\n' },
    { name: 'AutoGen MagenticOne stops after 20 turns by default', filename: py, code: 'from autogen_agentchat.teams import MagenticOneGroupChat\nteam = MagenticOneGroupChat([surfer, coder], model_client=client)\n' },
    { name: 'CrewAI agent keeps its default of 25 iterations', filename: py, code: 'from crewai import Agent\nanalyst = Agent(role="Analyst", goal="g", backstory="b", llm=llm)\n' },
    { name: 'CrewAI agent with a larger but finite max_iter', filename: py, code: 'from crewai import Agent\nanalyst = Agent(role="Analyst", goal="g", backstory="b", llm=llm, max_iter=60)\n' },
    { name: 'OpenAI Agents run keeps its default of 10 turns', filename: py, code: 'from agents import Runner\nresult = Runner.run_sync(agent, question)\n' },
    { name: 'OpenAI Agents run with max_turns', filename: py, code: 'from agents import Runner\nresult = await Runner.run(agent, question, max_turns=25)\n' },
    { name: 'LangGraph run with a finite recursion limit', filename: py, code: 'from langgraph.prebuilt import create_react_agent\ngraph = create_react_agent(llm, tools)\ngraph.invoke(inputs, {"recursion_limit": 100})\n' },
    { name: 'recursion_limit in a file without LangGraph', filename: py, code: 'import sys\nsettings = {"recursion_limit": sys.maxsize}\n' },
    { name: 'OpenAI Agents JS run with maxTurns', filename: ts, code: 'import { run } from "@openai/agents";\nawait run(agent, input, { maxTurns: 20 });\n' },
  ],
  invalid: [
    {
      name: 'AutoGen RoundRobinGroupChat with neither termination_condition nor max_turns',
      filename: py,
      code: 'from autogen_agentchat.teams import RoundRobinGroupChat\n\nteam = RoundRobinGroupChat([writer, critic])\n',
      errors: [{ line: 3, column: 8, message: /`RoundRobinGroupChat` has no `termination_condition` and no `max_turns`: it runs until it is cancelled/ }],
      output: 'from autogen_agentchat.teams import RoundRobinGroupChat\n\nteam = RoundRobinGroupChat([writer, critic], max_turns=20)\n',
    },
    {
      name: 'AutoGen SelectorGroupChat with both set to None',
      filename: py,
      code: 'from autogen_agentchat.teams import SelectorGroupChat\nteam = SelectorGroupChat(agents, model_client=client, termination_condition=None)\n',
      errors: [{ line: 2, column: 8, message: /`SelectorGroupChat` has no `termination_condition` and no `max_turns`/ }],
      output: 'from autogen_agentchat.teams import SelectorGroupChat\nteam = SelectorGroupChat(agents, model_client=client, termination_condition=None, max_turns=20)\n',
    },
    {
      name: 'CrewAI max_iter=sys.maxsize',
      filename: py,
      code: 'import sys\nfrom crewai import Agent\nanalyst = Agent(role="Analyst", goal="g", backstory="b", max_iter=sys.maxsize)\n',
      errors: [{ line: 3, column: 58, message: /`max_iter=sys\.maxsize` lets `Agent` loop without a limit/ }],
      output: 'import sys\nfrom crewai import Agent\nanalyst = Agent(role="Analyst", goal="g", backstory="b", max_iter=25)\n',
    },
    {
      name: 'OpenAI Agents max_turns=None turns the limit off',
      filename: py,
      code: 'from agents import Runner\nresult = Runner.run_sync(agent, question, max_turns=None)\n',
      errors: [{ line: 2, column: 43, message: /`max_turns=None` turns off the OpenAI Agents SDK's limit of 10/ }],
      output: 'from agents import Runner\nresult = Runner.run_sync(agent, question, max_turns=10)\n',
    },
    {
      name: 'OpenAI Agents max_turns=float("inf")',
      filename: py,
      code: 'from agents import Runner\nresult = await Runner.run(agent, question, max_turns=float("inf"))\n',
      errors: [{ line: 2, message: /`max_turns=float\("inf"\)` lets `run` loop without a limit/ }],
    },
    {
      name: 'LangGraph recursion_limit=math.inf in a run config',
      filename: py,
      code: 'import math\nfrom langgraph.graph import StateGraph\napp = builder.compile()\nresult = app.invoke(state, config={"recursion_limit": math.inf})\n',
      errors: [{ line: 4, column: 36, message: /`recursion_limit=math\.inf` removes LangGraph's step limit/ }],
      output: 'import math\nfrom langgraph.graph import StateGraph\napp = builder.compile()\nresult = app.invoke(state, config={"recursion_limit": 25})\n',
    },
    {
      name: 'LangGraph with_config(recursion_limit=sys.maxsize)',
      filename: py,
      code: 'import sys\nfrom langgraph.prebuilt import create_react_agent\nagent = create_react_agent(llm, tools).with_config(recursion_limit=sys.maxsize)\n',
      errors: [{ line: 3, column: 52 }],
      output: 'import sys\nfrom langgraph.prebuilt import create_react_agent\nagent = create_react_agent(llm, tools).with_config(recursion_limit=25)\n',
    },
    {
      name: 'LangGraph JS recursionLimit: Infinity',
      filename: ts,
      code: 'import { StateGraph } from "@langchain/langgraph";\nconst out = await app.invoke(input, { recursionLimit: Infinity });\n',
      errors: [{ line: 2, column: 39, message: /`recursionLimit: Infinity` removes LangGraph's step limit/ }],
      output: 'import { StateGraph } from "@langchain/langgraph";\nconst out = await app.invoke(input, { recursionLimit: 25 });\n',
    },
    {
      name: 'OpenAI Agents JS maxTurns: Infinity',
      filename: ts,
      code: 'import { run } from "@openai/agents";\nconst result = await run(agent, input, { maxTurns: Infinity });\n',
      errors: [{ line: 2, column: 42, message: /`maxTurns: Infinity` lets `run` loop without a limit/ }],
      output: 'import { run } from "@openai/agents";\nconst result = await run(agent, input, { maxTurns: 10 });\n',
    },
  ],
});
