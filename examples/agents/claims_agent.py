"""Claims assistant built with Strands Agents: answers adjusters' questions from the claims warehouse in Athena."""
import boto3
from strands import Agent, tool
from strands.models import BedrockModel

athena = boto3.client("athena")
WORKGROUP = "claims-analytics"


@tool
def claims_by_status(status: str) -> str:
    """Start a count of the claims that have the given status; returns the query execution id."""
    query = f"SELECT count(*) AS claims FROM claims WHERE status = '{status}'"
    run = athena.start_query_execution(QueryString=query, WorkGroup=WORKGROUP)
    return run["QueryExecutionId"]


@tool
def claims_for_adjuster(adjuster_id: str) -> str:
    """Start a listing of an adjuster's open claims; returns the query execution id."""
    run = athena.start_query_execution(
        QueryString="SELECT claim_id, status FROM claims WHERE adjuster_id = ? AND status <> 'closed'",
        ExecutionParameters=[adjuster_id],
        WorkGroup=WORKGROUP,
    )
    return run["QueryExecutionId"]


model = BedrockModel(model_id="us.anthropic.claude-sonnet-4-20250514-v1:0", temperature=0.2)

agent = Agent(
    model=model,
    tools=[claims_by_status, claims_for_adjuster],
    system_prompt="You help claims adjusters. Answer only from what the tools return.",
)
