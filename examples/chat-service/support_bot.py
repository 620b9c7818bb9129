"""Customer-facing support bot: LangChain on Bedrock with an OpenAI fallback, configured the careful way."""
import json
import os
import sqlite3

from langchain.agents import AgentExecutor, create_tool_calling_agent
from langchain_aws import ChatBedrock, ChatBedrockConverse
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.tools import tool
from openai import OpenAI

GUARDRAIL = {"guardrailIdentifier": os.environ["GUARDRAIL_ID"], "guardrailVersion": "3"}
SYSTEM_PROMPT = "You are Acme's support assistant. Answer from the order data only; say so when you cannot."

chat = ChatBedrockConverse(
    model="us.amazon.nova-pro-v1:0",
    max_tokens=800,
    temperature=0.2,
    guardrail_config=GUARDRAIL,
)
classifier = ChatBedrock(
    model_id="anthropic.claude-3-haiku-20240307-v1:0",
    model_kwargs={"temperature": 0},
    guardrails=GUARDRAIL,
)
fallback = OpenAI(api_key=os.environ["OPENAI_API_KEY"], timeout=20.0, max_retries=1)

ALLOWED_TOPICS = {"billing", "shipping", "returns", "other"}


@tool
def order_status(order_id: str) -> str:
    """Looks up the status of one order by its ID."""
    with sqlite3.connect("orders.db") as conn:
        row = conn.execute("SELECT status, eta FROM orders WHERE id = ?", (order_id,)).fetchone()
    return json.dumps({"status": row[0], "eta": row[1]} if row else {"error": "not found"})


def build_agent() -> AgentExecutor:
    prompt = ChatPromptTemplate.from_messages(
        [("system", SYSTEM_PROMPT), ("human", "{input}"), ("placeholder", "{agent_scratchpad}")]
    )
    agent = create_tool_calling_agent(chat, [order_status], prompt)
    return AgentExecutor(agent=agent, tools=[order_status], max_iterations=6, max_execution_time=60)


def classify(message: str) -> str:
    topic = classifier.invoke([("system", "Reply with one word: billing, shipping, returns or other."), ("human", message)])
    label = topic.content.strip().lower()
    return label if label in ALLOWED_TOPICS else "other"


def fallback_answer(customer_name: str, question: str) -> str:
    completion = fallback.chat.completions.create(
        model="gpt-4o-mini",
        max_completion_tokens=400,
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Customer {customer_name} asks: {question}"},
        ],
    )
    return completion.choices[0].message.content
