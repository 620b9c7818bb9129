// Output of framework agents and LLMs (apis/frameworks/outputs.ts) into code, shell and SQL sinks.
import { ruleTester } from '../ruleTester';

const py = 'agent_runner.py';

ruleTester('llm-output-to-unsafe-sink', {
  valid: [
    {
      name: 'Strands agent output checked against an allow-list',
      filename: py,
      code: 'import subprocess\nfrom strands import Agent\nagent = Agent()\ndef act(q):\n    choice = str(agent(q)).strip()\n    subprocess.run(COMMANDS[choice], check=True)\n',
    },
    {
      name: 'a function named agent that is not a Strands agent',
      filename: py,
      code: 'import os\ndef agent(q):\n    return q\ndef run(q):\n    os.system(agent("ls"))\n',
    },
    {
      name: 'CrewAI output bound as a parameter',
      filename: py,
      code: 'import sqlite3\nfrom crewai import Crew\ncrew = Crew(agents=agents, tasks=tasks)\ndef save(conn):\n    summary = crew.kickoff().raw\n    conn.execute("INSERT INTO reports (body) VALUES (?)", (summary,))\n',
    },
  ],
  invalid: [
    {
      name: 'Strands agent called directly, its text run by a shell',
      filename: py,
      code: 'import os\nfrom strands import Agent\nagent = Agent(model=model)\ndef fix(issue):\n    result = agent(f"Give the shell command that fixes: {issue}")\n    os.system(str(result))\n',
      errors: [{ line: 6, severity: 'error', message: /model output from `agent` \(line 5\) reaches `os\.system`/ }],
    },
    {
      name: 'OpenAI Agents run result into SQL',
      filename: py,
      code: 'from agents import Runner\ndef answer(cursor, question):\n    sql = Runner.run_sync(sql_agent, question).final_output\n    cursor.execute(sql)\n',
      errors: [{ line: 4, severity: 'warning', message: /model output from `Runner\.run_sync`/ }],
    },
    {
      name: 'CrewAI kickoff output run as SQL',
      filename: py,
      code: 'from crewai import Crew\ncrew = Crew(agents=[analyst], tasks=[write_sql])\ndef report(conn):\n    query = crew.kickoff(inputs={"topic": "sales"}).raw\n    return conn.execute(query).fetchall()\n',
      errors: [{ line: 5, message: /model output from `crew\.kickoff`/ }],
    },
    {
      name: 'LlamaIndex LLM completion executed as code',
      filename: py,
      code: 'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-4o", max_tokens=500)\ndef compute(task):\n    code = llm.complete(f"Write Python for: {task}").text\n    exec(code)\n',
      errors: [{ line: 5, severity: 'error', message: /model output from `llm\.complete`/ }],
    },
  ],
});
