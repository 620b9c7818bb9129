"""Support chat backend that answers customer questions with Amazon Bedrock."""
import json
import os

import boto3

REGION = os.environ.get("AWS_REGION", "us-east-1")
MODEL_ID = os.environ.get("CHAT_MODEL_ID", "anthropic.claude-3-5-sonnet-20240620-v1:0")
GUARDRAIL_ID = os.environ["GUARDRAIL_ID"]

SYSTEM_PROMPT = (
    "You are a support assistant for Acme Cloud. Answer only questions about "
    "Acme products and say so when you do not know the answer."
)

bedrock = boto3.client("bedrock-runtime", region_name=REGION)


def answer(question: str, history: list[dict]) -> str:
    messages = history + [{"role": "user", "content": [{"text": question}]}]
    response = bedrock.converse(
        modelId=MODEL_ID,
        messages=messages,
        system=[{"text": SYSTEM_PROMPT}],
        inferenceConfig={"maxTokens": 512, "temperature": 0.2},
        guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": "1"},
    )
    return response["output"]["message"]["content"][0]["text"]


def stream_answer(question: str):
    response = bedrock.converse_stream(
        modelId=MODEL_ID,
        messages=[{"role": "user", "content": [{"text": question}]}],
    )
    for event in response["stream"]:
        delta = event.get("contentBlockDelta", {}).get("delta", {})
        if "text" in delta:
            yield delta["text"]


def classify_ticket(ticket_text: str) -> str:
    prompt = (
        "Classify this support ticket as billing, outage, account or other. "
        f"Reply with one word.\n\n{ticket_text}"
    )
    response = bedrock.invoke_model(
        modelId=MODEL_ID,
        body=json.dumps(
            {
                "anthropic_version": "bedrock-2023-05-31",
                "messages": [{"role": "user", "content": prompt}],
            }
        ),
    )
    payload = json.loads(response["body"].read())
    return payload["content"][0]["text"].strip().lower()
