"""Analytics assistant: answers team leads' questions about support tickets from the reporting database."""
import os
import sqlite3

from langchain.agents import AgentExecutor, create_tool_calling_agent
from langchain_aws import ChatBedrockConverse
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.tools import tool

GUARDRAIL = {"guardrailIdentifier": os.environ["GUARDRAIL_ID"], "guardrailVersion": "3"}
DB_PATH = os.environ.get("REPORTS_DB", "reports.db")

llm = ChatBedrockConverse(
    model="anthropic.claude-3-5-haiku-20241022-v1:0",
    temperature=0,
    max_tokens=1024,
    guardrail_config=GUARDRAIL,
)

SQL_PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", "Write one SQLite query over tickets(id, team, status, opened_at). Reply with SQL only."),
        ("human", "{question}"),
    ]
)


@tool
def ticket_stats(question: str) -> str:
    """Answers a question about ticket counts by querying the reporting database."""
    sql = (SQL_PROMPT | llm).invoke({"question": question}).content
    with sqlite3.connect(DB_PATH) as conn:
        rows = conn.execute(sql).fetchall()
    return str(rows)


def build_agent(team_name: str) -> AgentExecutor:
    prompt = ChatPromptTemplate.from_messages(
        [
            ("system", f"You help the {team_name} team understand their support queue."),
            ("human", "{input}"),
            ("placeholder", "{agent_scratchpad}"),
        ]
    )
    agent = create_tool_calling_agent(llm, [ticket_stats], prompt)
    return AgentExecutor(agent=agent, tools=[ticket_stats], max_iterations=None)


def weekly_digest(team_name: str, notes: str) -> str:
    messages = [
        SystemMessage(content="Summarise the week's support notes for a team lead in five bullet points."),
        HumanMessage(content=f"Team: {team_name}\n\n{notes}"),
    ]
    return llm.invoke(messages).content
