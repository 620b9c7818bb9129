// Generative AI evidence detectors (evidence/observability.ts, inference.ts, evaluation.ts): for each, what it finds
// and a near miss it must not count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { sharedEngine } from './workspace';

/** Evidence of one detector, as `line: message`. */
async function evidence(detector: string, file: string, text: string): Promise<string[]> {
  const result = (await sharedEngine()).analyze({ path: file, text }, DEFAULT_OPTIONS);
  assert.deepEqual(result.problems, [], `${file} parses`);
  return result.signals!.evidence.filter((e) => e.detector === detector).map((e) => `${e.range.start.line + 1}: ${e.message}`);
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('generative AI operations evidence', () => {
  it('agent-tracing: OpenTelemetry, Strands telemetry, Langfuse, MLflow autolog, OpenInference, AI SDK telemetry', async () => {
    const py = lines(
      'import mlflow',
      'from opentelemetry.sdk.trace import TracerProvider',
      'from strands.telemetry import StrandsTelemetry',
      'from openinference.instrumentation.bedrock import BedrockInstrumentor',
      'provider = TracerProvider()',
      'StrandsTelemetry().setup_otlp_exporter()',
      'mlflow.langchain.autolog()',
      'BedrockInstrumentor().instrument()',
    );
    assert.deepEqual(await evidence('agent-tracing', 'tracing.py', py), [
      '5: tracing set up (`opentelemetry.sdk.trace.TracerProvider`)',
      '6: tracing set up (`strands.telemetry.StrandsTelemetry`)',
      '7: tracing set up (`mlflow.langchain.autolog`)',
      '8: tracing set up (`openinference.instrumentation.bedrock.BedrockInstrumentor`)',
    ]);
    const ts = lines('import { generateText } from "ai";', 'await generateText({ model, prompt, experimental_telemetry: { isEnabled: true } });');
    assert.deepEqual(await evidence('agent-tracing', 'chat.ts', ts), ['2: `generateText` records OpenTelemetry spans (`experimental_telemetry`)']);
    assert.deepEqual(await evidence('agent-tracing', 'chat.ts', ts.replace('true', 'false')), [], 'telemetry turned off');
    assert.deepEqual(await evidence('agent-tracing', 'other.py', 'import mlflow\nmlflow.sklearn.autolog()\n'), [], 'MLflow autologging of a non-LLM library');
  });

  it('user-feedback: LangSmith feedback and Langfuse scores, only with those libraries', async () => {
    assert.deepEqual(await evidence('user-feedback', 'fb.py', lines('from langsmith import Client', 'client = Client()', 'client.create_feedback(run_id, key="user-score", score=1)')), [
      '3: user feedback recorded with `client.create_feedback`',
    ]);
    assert.deepEqual(await evidence('user-feedback', 'fb.py', lines('from langfuse import get_client', 'langfuse = get_client()', 'langfuse.create_score(trace_id=t, name="thumbs", value=1)')), [
      '3: user feedback recorded with `langfuse.create_score`',
    ]);
    assert.deepEqual(await evidence('user-feedback', 'game.py', 'import scoring\nboard.score(player, 10)\n'), [], 'a score method of another library');
  });

  it('bedrock-model-alarms: CloudWatch alarms on AWS/Bedrock, not on other namespaces', async () => {
    const tf = lines('resource "aws_cloudwatch_metric_alarm" "throttles" {', '  namespace   = "AWS/Bedrock"', '  metric_name = "InvocationThrottles"', '}');
    assert.deepEqual(await evidence('bedrock-model-alarms', 'alarms.tf', tf), ['1: CloudWatch alarm `throttles` on `AWS/Bedrock` metrics']);
    assert.deepEqual(await evidence('bedrock-model-alarms', 'alarms.tf', tf.replace('AWS/Bedrock', 'AWS/Lambda')), []);
    const py = lines('import boto3', 'cw = boto3.client("cloudwatch")', 'cw.put_metric_alarm(AlarmName="latency", Namespace="AWS/Bedrock", MetricName="InvocationLatency")');
    assert.deepEqual(await evidence('bedrock-model-alarms', 'alarms.py', py), ['3: CloudWatch alarm on `AWS/Bedrock` metrics (`put_metric_alarm`)']);
  });

  it('monitoring-dashboard and model-performance-metrics', async () => {
    assert.deepEqual(await evidence('monitoring-dashboard', 'dash.yaml', lines('Resources:', '  Ops:', '    Type: AWS::CloudWatch::Dashboard', '    Properties:', '      DashboardBody: "{}"')), ['2: CloudWatch dashboard `Ops`']);
    const metrics = lines('import boto3', 'bedrock = boto3.client("bedrock-runtime")', 'cw = boto3.client("cloudwatch")', 'r = bedrock.converse(modelId=M, messages=m)', 'cw.put_metric_data(Namespace="App", MetricData=[d])');
    assert.deepEqual(await evidence('model-performance-metrics', 'app.py', metrics), ['5: metrics published beside model calls (`cw.put_metric_data`)']);
    assert.deepEqual(await evidence('model-performance-metrics', 'job.py', lines('import boto3', 'cw = boto3.client("cloudwatch")', 'cw.put_metric_data(Namespace="Jobs", MetricData=[d])')), [], 'no model call in the file');
  });

  it('data-access-auditing: CloudTrail data events, not management-only trails', async () => {
    const tf = lines('resource "aws_cloudtrail" "data" {', '  name = "data"', '  event_selector {', '    data_resource {', '      type   = "AWS::S3::Object"', '      values = ["arn:aws:s3:::training-data/"]', '    }', '  }', '}');
    assert.deepEqual(await evidence('data-access-auditing', 'trail.tf', tf), ['1: CloudTrail trail `data` records data events']);
    assert.deepEqual(await evidence('data-access-auditing', 'trail.tf', 'resource "aws_cloudtrail" "mgmt" {\n  name = "mgmt"\n}\n'), []);
  });
});

describe('generative AI inference evidence', () => {
  it('prompt-caching: Converse cache points, Anthropic cache_control, Strands cache settings', async () => {
    const converse = lines('import boto3', 'b = boto3.client("bedrock-runtime")', 'b.converse(modelId=M, system=[{"text": PROMPT}, {"cachePoint": {"type": "default"}}], messages=m)');
    assert.deepEqual(await evidence('prompt-caching', 'c.py', converse), ['3: prompt caching (`cachePoint`) in `b.converse`']);
    assert.deepEqual(await evidence('prompt-caching', 'c.py', lines('from strands.models import BedrockModel', 'm = BedrockModel(model_id=M, cache_prompt="default")')), ['2: prompt caching (`cache_prompt`) in `BedrockModel`']);
    assert.deepEqual(await evidence('prompt-caching', 'c.py', converse.replace(', {"cachePoint": {"type": "default"}}', '')), []);
  });

  it('guardrail-input-tagging: guardContent blocks and guardrail tags', async () => {
    const py = lines('import boto3', 'b = boto3.client("bedrock-runtime")', 'b.converse(modelId=M, guardrailConfig=G, messages=[{"role": "user", "content": [{"guardContent": {"text": {"text": q}}}]}])');
    assert.deepEqual(await evidence('guardrail-input-tagging', 'g.py', py), ['3: user input marked for the guardrail (`guardContent`) in `b.converse`']);
    const tagged = lines('PROMPT = "<amazon-bedrock-guardrails-guardContent_abc>{q}</amazon-bedrock-guardrails-guardContent_abc>"', 'call(prompt=PROMPT)');
    assert.deepEqual(await evidence('guardrail-input-tagging', 'g.py', tagged), ['1: user input wrapped in guardrail input tags']);
    assert.deepEqual(await evidence('guardrail-input-tagging', 'g.py', py.replace('guardContent', 'text')), []);
  });

  it('conversation-trimming and embedding-dimensions', async () => {
    assert.deepEqual(await evidence('conversation-trimming', 't.py', lines('from langchain_core.messages import trim_messages', 'h = trim_messages(history, max_tokens=2000, token_counter=llm)')), [
      '2: conversation history bounded (`trim_messages`)',
    ]);
    assert.deepEqual(await evidence('conversation-trimming', 't.py', lines('from strands import Agent', 'agent = Agent()')), [], 'the default window is not a choice');
    assert.deepEqual(await evidence('embedding-dimensions', 'e.py', lines('from langchain_openai import OpenAIEmbeddings', 'emb = OpenAIEmbeddings(model="text-embedding-3-large", dimensions=256)')), [
      '2: embedding dimension chosen (`dimensions`) in `OpenAIEmbeddings`',
    ]);
    const titan = lines('import boto3', 'b = boto3.client("bedrock-runtime")', 'b.invoke_model(modelId="amazon.titan-embed-text-v2:0", body={"inputText": t, "dimensions": 512})');
    assert.deepEqual(await evidence('embedding-dimensions', 'e.py', titan), ['3: embedding dimension chosen (`dimensions`) in `b.invoke_model`']);
    assert.deepEqual(await evidence('embedding-dimensions', 'e.py', lines('import numpy as np', 'a = np.zeros(dimensions=3)')), [], 'not an embedding call');
  });

  it('bedrock-batch-inference, provisioned-throughput and prompt-routing', async () => {
    const batch = lines('import boto3', 'br = boto3.client("bedrock")', 'br.create_model_invocation_job(jobName="j", modelId=M, roleArn=R, inputDataConfig=I, outputDataConfig=O)');
    assert.deepEqual(await evidence('bedrock-batch-inference', 'b.py', batch), ['3: Bedrock batch inference job (`CreateModelInvocationJob`)']);
    assert.deepEqual(await evidence('provisioned-throughput', 'p.tf', lines('resource "aws_bedrock_provisioned_model_throughput" "pt" {', '  model_units = 1', '}')), ['1: Bedrock provisioned throughput `pt`']);
    const routed = lines('import boto3', 'b = boto3.client("bedrock-runtime")', 'b.converse(modelId="arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1", messages=m)');
    assert.deepEqual(await evidence('prompt-routing', 'r.py', routed), ['3: model calls go through a Bedrock prompt router']);
    assert.deepEqual(await evidence('prompt-routing', 'r.py', routed.replace('default-prompt-router/anthropic.claude:1', 'foundation-model/anthropic.claude-v2')), []);
  });

  it('cross-region-inference: inference profile IDs, not plain model IDs', async () => {
    const py = lines('from strands.models import BedrockModel', 'm = BedrockModel(model_id="us.anthropic.claude-sonnet-4-20250514-v1:0")');
    assert.deepEqual(await evidence('cross-region-inference', 'm.py', py), ['2: cross-Region inference profile `us.anthropic.claude-sonnet-4-20250514-v1:0`']);
    assert.deepEqual(await evidence('cross-region-inference', 'm.py', py.replace('"us.', '"')), []);
  });

  it('model-retry-fallback: LangChain fallbacks, botocore retries next to Bedrock, tenacity in model code', async () => {
    const lc = lines('from langchain_aws import ChatBedrockConverse', 'primary = ChatBedrockConverse(model=A)', 'llm = primary.with_fallbacks([ChatBedrockConverse(model=B)])');
    assert.deepEqual(await evidence('model-retry-fallback', 'f.py', lc), ['3: model calls retried or given a fallback (`primary.with_fallbacks`)']);
    const boto = lines('import boto3', 'from botocore.config import Config', 'b = boto3.client("bedrock-runtime", config=Config(retries={"mode": "adaptive", "max_attempts": 8}))', 'b.converse(modelId=M, messages=m)');
    assert.deepEqual(await evidence('model-retry-fallback', 'f.py', boto), ['3: model calls retried or given a fallback (`Config`)']);
    assert.deepEqual(await evidence('model-retry-fallback', 'f.py', boto.replace('"mode": "adaptive", "max_attempts": 8', '"max_attempts": 0')), [], 'retries turned off');
    assert.deepEqual(await evidence('model-retry-fallback', 's3.py', lines('import boto3', 'from botocore.config import Config', 's3 = boto3.client("s3", config=Config(retries={"max_attempts": 3}))')), [], 'retries of another service');
  });

  it('inference-profile-cost-tags and budgets', async () => {
    const tf = lines('resource "aws_bedrock_inference_profile" "team_a" {', '  name = "team-a"', '  tags = {', '    CostCenter = "1234"', '  }', '}');
    assert.deepEqual(await evidence('inference-profile-cost-tags', 'p.tf', tf), ['1: inference profile `team_a` with cost allocation tags']);
    assert.deepEqual(await evidence('inference-profile-cost-tags', 'p.tf', 'resource "aws_bedrock_inference_profile" "untagged" {\n  name = "x"\n}\n'), []);
    assert.deepEqual(await evidence('budgets', 'b.tf', 'resource "aws_budgets_budget" "ml" {\n  budget_type = "COST"\n}\n'), ['1: AWS Budgets budget `ml`']);
  });

  it('bedrock-private-endpoint: VPC endpoints for Bedrock services only', async () => {
    const tf = lines('resource "aws_vpc_endpoint" "bedrock" {', '  service_name = "com.amazonaws.us-east-1.bedrock-runtime"', '  vpc_endpoint_type = "Interface"', '}');
    assert.deepEqual(await evidence('bedrock-private-endpoint', 'vpc.tf', tf), ['1: VPC endpoint `bedrock` for Amazon Bedrock']);
    assert.deepEqual(await evidence('bedrock-private-endpoint', 'vpc.tf', tf.replace('bedrock-runtime', 's3')), []);
  });

  it('bedrock-infrastructure-as-code: once per file', async () => {
    const tf = lines('resource "aws_bedrock_guardrail" "g" {', '  name = "g"', '}', 'resource "aws_bedrockagent_agent" "a" {', '  agent_name = "a"', '}');
    assert.deepEqual(await evidence('bedrock-infrastructure-as-code', 'main.tf', tf), ['1: Bedrock resources defined as code (`aws_bedrock_guardrail` `g` and 1 more)']);
    assert.deepEqual(await evidence('bedrock-infrastructure-as-code', 'main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'), []);
  });

  it('knowledge-base-retrieval: knowledge bases, RetrieveAndGenerate and retrievers', async () => {
    const py = lines('import boto3', 'kb = boto3.client("bedrock-agent-runtime")', 'kb.retrieve(knowledgeBaseId=KB, retrievalQuery={"text": q})');
    assert.deepEqual(await evidence('knowledge-base-retrieval', 'rag.py', py), ['3: answers grounded in a knowledge base (`retrieve`)']);
    assert.deepEqual(await evidence('knowledge-base-retrieval', 'rag.py', lines('from langchain_aws import AmazonKnowledgeBasesRetriever', 'r = AmazonKnowledgeBasesRetriever(knowledge_base_id=KB)')), [
      '2: knowledge base retriever (`AmazonKnowledgeBasesRetriever`)',
    ]);
    assert.deepEqual(await evidence('knowledge-base-retrieval', 'rag.py', 'import search\nsearch.retrieve(q)\n'), []);
  });

  it('agent-human-confirmation: Bedrock action confirmation and LangGraph interrupts', async () => {
    const cfn = lines(
      'Resources:',
      '  Agent:',
      '    Type: AWS::Bedrock::Agent',
      '    Properties:',
      '      AgentName: a',
      '      ActionGroups:',
      '        - ActionGroupName: refunds',
      '          FunctionSchema:',
      '            Functions:',
      '              - Name: issue_refund',
      '                RequireConfirmation: ENABLED',
    );
    assert.deepEqual(await evidence('agent-human-confirmation', 'agent.yaml', cfn), ['11: agent actions need user confirmation in `Agent`']);
    assert.deepEqual(await evidence('agent-human-confirmation', 'agent.yaml', cfn.replace('ENABLED', 'DISABLED')), []);
    assert.deepEqual(await evidence('agent-human-confirmation', 'agent.yaml', cfn.replace('ENABLED', '!Ref Confirmation')), [], 'a setting that cannot be read is no evidence');
    assert.deepEqual(await evidence('agent-human-confirmation', 'g.py', lines('from langgraph.types import interrupt', 'def approve(state):', '    return interrupt({"question": "Refund?"})')), [
      '3: the agent waits for a person (`interrupt`)',
    ]);
  });
});

describe('generative AI evaluation evidence', () => {
  const job = (metrics: string) =>
    lines(
      'import boto3',
      'br = boto3.client("bedrock")',
      'br.create_evaluation_job(jobName="j", roleArn=R, evaluationConfig={"automated": {"datasetMetricConfigs": [{"taskType": "QuestionAndAnswer",',
      `    "dataset": {"name": "qa", "datasetLocation": {"s3Uri": "s3://b/qa.jsonl"}}, "metricNames": [${metrics}]}]}}, inferenceConfig=I, outputDataConfig=O)`,
    );

  it('safety, veracity and robustness from Bedrock evaluation job metrics', async () => {
    const text = job('"Builtin.Toxicity", "Builtin.Accuracy", "Builtin.Robustness"');
    assert.deepEqual(await evidence('safety-evaluation', 'eval.py', text), ['4: Bedrock evaluation job measures harmful content (`Builtin.Toxicity`)']);
    assert.deepEqual(await evidence('veracity-evaluation', 'eval.py', text), ['4: Bedrock evaluation job measures veracity (`Builtin.Accuracy`)']);
    assert.deepEqual(await evidence('robustness-evaluation', 'eval.py', text), ['4: Bedrock evaluation job measures robustness (`Builtin.Robustness`)']);
    assert.deepEqual(await evidence('evaluation-dataset', 'eval.py', text), ['4: Bedrock evaluation job runs on your own prompt dataset']);
    assert.deepEqual(await evidence('safety-evaluation', 'eval.py', job('"Builtin.Accuracy"')), [], 'no safety metric');
  });

  it('fmeval, RAGAS and DeepEval metrics', async () => {
    const fmeval = lines('from fmeval.eval_algorithms.toxicity import Toxicity', 'from fmeval.eval_algorithms.general_semantic_robustness import GeneralSemanticRobustness', 'Toxicity().evaluate(model=runner)', 'GeneralSemanticRobustness().evaluate(model=runner)');
    assert.deepEqual(await evidence('safety-evaluation', 'fm.py', fmeval), ['3: fmeval measures harmful content (`Toxicity`)']);
    assert.deepEqual(await evidence('robustness-evaluation', 'fm.py', fmeval), ['4: fmeval measures robustness (`GeneralSemanticRobustness`)']);
    const ragas = lines('from ragas import evaluate', 'from ragas.metrics import faithfulness, context_precision', 'result = evaluate(dataset, metrics=[faithfulness, context_precision])');
    assert.deepEqual(await evidence('veracity-evaluation', 'rg.py', ragas), ['3: RAGAS measures veracity (`faithfulness`)']);
    assert.deepEqual(await evidence('retrieval-evaluation', 'rg.py', ragas), ['3: RAGAS measures retrieval relevance (`context_precision`)']);
    assert.deepEqual(await evidence('veracity-evaluation', 'de.py', lines('from deepeval.metrics import HallucinationMetric', 'metric = HallucinationMetric(threshold=0.5)')), ['2: DeepEval measures veracity (`HallucinationMetric`)']);
  });

  it('red-teaming and evaluation datasets', async () => {
    assert.deepEqual(await evidence('red-teaming', 'rt.py', lines('from pyrit.orchestrator import PromptSendingOrchestrator', 'o = PromptSendingOrchestrator(objective_target=target)')), [
      '2: red-teaming run (`pyrit.orchestrator.PromptSendingOrchestrator`)',
    ]);
    assert.deepEqual(await evidence('red-teaming', 'rt.py', 'import pytest\npytest.main()\n'), []);
    assert.deepEqual(await evidence('evaluation-dataset', 'ds.py', lines('from langsmith import Client', 'c = Client()', 'c.create_examples(dataset_id=d, examples=golden)')), ['3: LangSmith evaluation dataset (`create_examples`)']);
  });

  it('retrieval-evaluation: Bedrock knowledge base evaluation jobs', async () => {
    const rag = lines('import boto3', 'br = boto3.client("bedrock")', 'br.create_evaluation_job(jobName="kb", roleArn=R, evaluationConfig=E, inferenceConfig={"ragConfigs": [{"knowledgeBaseConfig": {"retrieveConfig": RC}}]}, outputDataConfig=O)');
    assert.deepEqual(await evidence('retrieval-evaluation', 'kb.py', rag), ['3: Bedrock evaluation job evaluates a knowledge base']);
  });
});
