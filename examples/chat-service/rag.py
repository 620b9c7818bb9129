"""Answers questions from the product documentation knowledge base."""
import os

import boto3

REGION = os.environ.get("AWS_REGION", "us-east-1")
KB_ID = os.environ["KNOWLEDGE_BASE_ID"]
MODEL_ARN = f"arn:aws:bedrock:{REGION}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"

agent_runtime = boto3.client("bedrock-agent-runtime", region_name=REGION)


def ask_docs(q: str) -> dict:
    response = agent_runtime.retrieve_and_generate(
        input={"text": q},
        retrieveAndGenerateConfiguration={
            "type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": {
                "knowledgeBaseId": KB_ID,
                "modelArn": MODEL_ARN,
            },
        },
    )
    sources = [
        ref["location"].get("s3Location", {}).get("uri")
        for citation in response.get("citations", [])
        for ref in citation.get("retrievedReferences", [])
    ]
    return {"answer": response["output"]["text"], "sources": sources}
