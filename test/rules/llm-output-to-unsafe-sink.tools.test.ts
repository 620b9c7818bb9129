// Tool arguments are model output: Bedrock Agents action-group Lambdas, functions registered as tools, and the AWS
// data APIs and SQL built for statement-running functions as sinks.
import { ruleTester } from '../ruleTester';

const lambda = 'handler.py';
const athena = 'import boto3\nathena = boto3.client("athena")\n';
const respond = '    return {"messageVersion": "1.0", "response": {"actionGroup": event["actionGroup"], "function": event["function"]}}\n';

ruleTester('llm-output-to-unsafe-sink', {
  valid: [
    {
      name: 'action-group parameter bound as an Athena execution parameter',
      filename: lambda,
      code:
        athena +
        'def lambda_handler(event, context):\n' +
        '    params = {p["name"]: p["value"] for p in event["parameters"]}\n' +
        '    athena.start_query_execution(QueryString="SELECT * FROM orders WHERE id = ?", ExecutionParameters=[params["order_id"]], WorkGroup="primary")\n' +
        respond,
    },
    {
      name: 'parameters of a handler in a file that is no action group',
      filename: lambda,
      code: athena + 'def lambda_handler(event, context):\n    athena.start_query_execution(QueryString=f"SELECT * FROM t WHERE d = \'{event["parameters"]}\'")\n',
    },
    {
      name: 'session attributes are set by the application, not the model',
      filename: lambda,
      code:
        athena +
        'def lambda_handler(event, context):\n' +
        '    tenant = event["sessionAttributes"]["tenant"]\n' +
        '    athena.start_query_execution(QueryString=f"SELECT * FROM {tenant}.orders")\n' +
        respond,
    },
    {
      name: 'DynamoDB PartiQL with the value as a parameter',
      filename: 'tools.py',
      code:
        'import boto3\nfrom strands import tool\nddb = boto3.client("dynamodb")\n@tool\ndef find_order(order_id: str) -> dict:\n' +
        '    return ddb.execute_statement(Statement="SELECT * FROM Orders WHERE id = ?", Parameters=[{"S": order_id}])\n',
    },
    {
      name: 'a plain function that is not registered as a tool',
      filename: 'tools.py',
      code: 'import sqlite3\ndef lookup(name):\n    return sqlite3.connect("db").execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n',
    },
    {
      name: 'f-string SQL passed to a builder, not run',
      filename: 'tools.py',
      code: 'from strands import tool\n@tool\ndef draft(table: str) -> str:\n    return build_query(f"SELECT * FROM {table}")\n',
    },
    {
      name: 'numbers cannot carry SQL',
      filename: 'tools.py',
      code: 'from strands import tool\n@tool\ndef page(n: int) -> str:\n    return run_query(f"SELECT * FROM items LIMIT {n}")\n',
    },
  ],
  invalid: [
    {
      name: 'action-group parameters formatted into an Athena query',
      filename: lambda,
      code:
        athena +
        'def lambda_handler(event, context):\n' +
        '    params = {p["name"]: p["value"] for p in event.get("parameters", [])}\n' +
        '    query = f"SELECT * FROM claims WHERE status = \'{params["status"]}\'"\n' +
        '    athena.start_query_execution(QueryString=query, WorkGroup="primary")\n' +
        respond,
      errors: [{ line: 6, column: 5, severity: 'warning', message: /tool argument `event\["parameters"\]`, written by the model, reaches `athena\.start_query_execution`, which runs it as SQL/ }],
    },
    {
      name: 'action-group requestBody (OpenAPI schema) into a Redshift Data statement',
      filename: lambda,
      code:
        'import boto3\nrsd = boto3.client("redshift-data")\n' +
        'def handler(event, context):\n' +
        '    props = event["requestBody"]["content"]["application/json"]["properties"]\n' +
        '    region = next(p["value"] for p in props if p["name"] == "region")\n' +
        '    rsd.execute_statement(WorkgroupName="wg", Database="dev", Sql="SELECT * FROM sales WHERE region = \'" + region + "\'")\n' +
        '    return {"messageVersion": "1.0", "response": {"actionGroup": event["actionGroup"], "apiPath": event["apiPath"]}}\n',
      errors: [{ line: 6, column: 5, message: /`event\["requestBody"\]`.*`rsd\.execute_statement`/ }],
    },
    {
      name: 'action-group parameter into RDS Data, the client handed in',
      filename: lambda,
      code:
        'def run(client, event):\n    pass\n' +
        'def lambda_handler(event, context):\n' +
        '    name = event["parameters"][0]["value"]\n' +
        '    rds.execute_statement(resourceArn=ARN, secretArn=SECRET, database="app", sql=f"DELETE FROM users WHERE name = \'{name}\'")\n' +
        respond,
      errors: [{ line: 5, message: /reaches `rds\.execute_statement`/ }],
    },
    {
      name: 'Strands @tool argument into DynamoDB PartiQL',
      filename: 'tools.py',
      code:
        'import boto3\nfrom strands import tool\nddb = boto3.client("dynamodb")\n@tool\ndef find_orders(customer: str) -> dict:\n' +
        '    """Find a customer\'s orders."""\n' +
        '    return ddb.execute_statement(Statement=f"SELECT * FROM Orders WHERE customer = \'{customer}\'")\n',
      errors: [{ line: 7, column: 12, message: /tool argument `customer`, written by the model, reaches `ddb\.execute_statement`/ }],
    },
    {
      name: 'DynamoDB batch statement items',
      filename: 'tools.py',
      code:
        'import boto3\nfrom langchain_core.tools import tool\nddb = boto3.client("dynamodb")\n@tool\ndef archive(key):\n' +
        '    """Archive records."""\n' +
        '    ddb.batch_execute_statement(Statements=[{"Statement": "DELETE FROM T WHERE pk = \'" + key + "\'"}])\n',
      errors: [{ line: 7, column: 5 }],
    },
    {
      name: 'LlamaIndex FunctionTool over a plain function: f-string SQL into a query helper',
      filename: 'tools.py',
      code:
        'from llama_index.core.tools import FunctionTool\n' +
        'def top_products(category):\n' +
        '    """Best sellers in a category."""\n' +
        '    return run_query(f"SELECT name FROM products WHERE category = \'{category}\' ORDER BY sales DESC")\n' +
        'tool = FunctionTool.from_defaults(fn=top_products)\n',
      errors: [{ line: 4, column: 12, message: /tool argument `category`.*reaches `run_query`/ }],
    },
    {
      name: 'AutoGen AssistantAgent tools list: a plain function into sqlite',
      filename: 'tools.py',
      code:
        'import sqlite3\nfrom autogen_agentchat.agents import AssistantAgent\n' +
        'def lookup(name: str) -> str:\n' +
        '    return str(sqlite3.connect("app.db").cursor().execute(f"SELECT * FROM users WHERE name = \'{name}\'").fetchall())\n' +
        'agent = AssistantAgent("db", model_client=client, tools=[lookup])\n',
      errors: [{ line: 4, message: /tool argument `name`/ }],
    },
    {
      name: 'LangGraph create_react_agent tools list: a plain function into a shell',
      filename: 'tools.py',
      code:
        'import subprocess\nfrom langgraph.prebuilt import create_react_agent\n' +
        'def disk_usage(path: str) -> str:\n' +
        '    return subprocess.run(f"du -sh {path}", shell=True, capture_output=True, text=True).stdout\n' +
        'agent = create_react_agent(model, [disk_usage])\n',
      errors: [{ line: 4, severity: 'error', message: /tool argument `path`.*runs it as a command/ }],
    },
    {
      name: 'AWS SDK v3 Athena command from a LangChain JS tool',
      filename: 'tools.ts',
      code:
        'import { tool } from "@langchain/core/tools";\nimport { AthenaClient, StartQueryExecutionCommand } from "@aws-sdk/client-athena";\n' +
        'const athena = new AthenaClient({});\n' +
        'export const queryLogs = tool(async ({ service }) => {\n' +
        '  await athena.send(new StartQueryExecutionCommand({ QueryString: `SELECT * FROM logs WHERE service = \'${service}\'`, WorkGroup: "primary" }));\n' +
        '  return "started";\n}, { name: "query_logs", schema });\n',
      errors: [{ line: 5, column: 21, message: /tool argument `service`.*`StartQueryExecutionCommand`/ }],
    },
  ],
});
