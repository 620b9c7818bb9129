"""Lambda function behind the `orders` action group of the order-status Bedrock agent (function details schema)."""
import json

import boto3

dynamodb = boto3.client("dynamodb")


def lambda_handler(event, context):
    params = {p["name"]: p["value"] for p in event.get("parameters", [])}
    if event["function"] == "get_order":
        order_id = params.get("order_id", "")
        result = dynamodb.execute_statement(Statement=f"SELECT * FROM Orders WHERE order_id = '{order_id}'")
    else:
        result = dynamodb.execute_statement(
            Statement="SELECT * FROM Shipments WHERE order_id = ?",
            Parameters=[{"S": params.get("order_id", "")}],
        )
    body = json.dumps(result.get("Items", []), default=str)
    return {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": event["actionGroup"],
            "function": event["function"],
            "functionResponse": {"responseBody": {"TEXT": {"body": body}}},
        },
    }
