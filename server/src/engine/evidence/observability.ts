// Evidence that a workload is observed: tracing of agents and RAG, user feedback, model metrics and alarms, dashboards,
// and records of who reads the data.
import { field, stringOf } from '../values';
import type { CallFact, FileFacts, ResourceFact } from '../types';
import { isModelCall } from '../apis/models';
import { boto3Calls, callEvidence, callsTo, firstOnly, isBoto3Call, propertyDeep, resourceEvidence, stringsDeep, type EvidenceDetector } from './detector';

/** Tracing set up in code: OpenTelemetry SDKs, X-Ray, and LLM tracing libraries (Python and JavaScript, import-resolved). */
const TRACING_SETUP = [
  'opentelemetry.sdk.trace.TracerProvider',
  'opentelemetry.trace.set_tracer_provider',
  'strands.telemetry.StrandsTelemetry',
  'strands.telemetry.config.StrandsTelemetry',
  'langfuse.Langfuse',
  'langfuse.get_client',
  'langfuse.observe',
  'langfuse.decorators.observe',
  'langfuse.callback.CallbackHandler',
  'langfuse.langchain.CallbackHandler',
  'langsmith.traceable',
  'langsmith.run_helpers.traceable',
  'langsmith.wrappers.wrap_openai',
  'aws_xray_sdk.core.patch_all',
  'aws_xray_sdk.core.patch',
  'aws_xray_sdk.core.xray_recorder.configure',
  'traceloop.sdk.Traceloop.init',
  'phoenix.otel.register',
  'openlit.init',
  '@opentelemetry/sdk-node.NodeSDK',
  '@opentelemetry/sdk-trace-node.NodeTracerProvider',
  '@opentelemetry/sdk-trace-base.BasicTracerProvider',
  '@vercel/otel.registerOTel',
  'langfuse.default',
  'langfuse-langchain.CallbackHandler',
  'langfuse-langchain.default',
  '@langfuse/langchain.CallbackHandler',
  '@langfuse/otel.LangfuseSpanProcessor',
  'aws-xray-sdk-core.captureAWSv3Client',
  'langsmith/traceable.traceable',
];
/** MLflow's tracing integrations: `mlflow.<library>.autolog()`. */
const MLFLOW_TRACING = /^mlflow\.(langchain|openai|bedrock|anthropic|llama_index|strands|crewai|autogen|ag2|dspy|litellm|gemini|smolagents|pydantic_ai)\.autolog$/;
/** OpenInference and OpenTelemetry instrumentors of model and agent libraries. */
const INSTRUMENTOR = /^(openinference\.instrumentation\.[\w.]+|opentelemetry\.instrumentation\.(botocore|openai|anthropic|langchain|bedrock)[\w.]*|@arizeai\/openinference-instrumentation-[\w-]+)\.\w*Instrument(or|ation)$/;

export const agentTracing: EvidenceDetector = {
  id: 'agent-tracing',
  title: 'Agent and RAG runs are traced (OpenTelemetry, X-Ray, Langfuse, LangSmith, MLflow, OpenInference)',
  practices: ['GENOPS03-BP02', 'GENOPS02-BP01'],
  detect: (facts) => [
    ...callEvidence(
      facts.calls.filter((c) => c.qualifiedName !== undefined && (TRACING_SETUP.includes(c.qualifiedName) || MLFLOW_TRACING.test(c.qualifiedName) || INSTRUMENTOR.test(c.qualifiedName))),
      (c) => `tracing set up (\`${c.qualifiedName}\`)`,
    ),
    ...callEvidence(facts.calls.filter(aiSdkTelemetry), (c) => `\`${c.callee}\` records OpenTelemetry spans (\`experimental_telemetry\`)`),
  ],
};

/** AI SDK calls with `experimental_telemetry: { isEnabled: true }`. */
function aiSdkTelemetry(call: CallFact): boolean {
  const telemetry = field(call.args, 'experimental_telemetry');
  const enabled = field(telemetry, 'isEnabled');
  return call.qualifiedName?.startsWith('ai.') === true && enabled?.kind === 'boolean' && enabled.value;
}

export const userFeedback: EvidenceDetector = {
  id: 'user-feedback',
  title: 'User feedback on answers is recorded (LangSmith, Langfuse, MLflow)',
  practices: ['GENOPS01-BP02'],
  detect: (facts) => [
    ...callEvidence(feedbackCalls(facts), (c) => `user feedback recorded with \`${c.callee}\``),
    ...callEvidence(callsTo(facts, ['mlflow.log_feedback']), () => 'user feedback recorded with `mlflow.log_feedback`'),
  ],
};

/** LangSmith `create_feedback`/`createFeedback`, Langfuse scores: in files that import the library. */
function feedbackCalls(facts: FileFacts): CallFact[] {
  const langsmith = facts.imports.has('langsmith');
  const langfuse = [...facts.imports].some((m) => m === 'langfuse' || m.startsWith('@langfuse/'));
  return facts.calls.filter(
    (c) =>
      c.callee.includes('.') &&
      ((langsmith && (c.name === 'create_feedback' || c.name === 'createFeedback')) ||
        (langfuse && ['score', 'create_score', 'score_current_trace', 'score_current_span', 'createScore'].includes(c.name))),
  );
}

const ALARMS: Record<string, string> = { aws_cloudwatch_metric_alarm: 'namespace', 'AWS::CloudWatch::Alarm': 'Namespace' };

export const bedrockModelAlarms: EvidenceDetector = {
  id: 'bedrock-model-alarms',
  title: 'CloudWatch alarms watch Amazon Bedrock model metrics (latency, errors, throttles, tokens)',
  practices: ['GENOPS02-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_cloudwatch_metric_alarm: bedrockAlarm, 'AWS::CloudWatch::Alarm': bedrockAlarm }, (r) => onBedrock(r)),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'cloudwatch', 'put_metric_alarm', 'AlarmName') && stringOf(field(c.args, 'Namespace')) === 'AWS/Bedrock'),
      () => 'CloudWatch alarm on `AWS/Bedrock` metrics (`put_metric_alarm`)',
    ),
  ],
};

const bedrockAlarm = (name: string) => `CloudWatch alarm \`${name}\` on \`AWS/Bedrock\` metrics`;

/** An alarm on the `AWS/Bedrock` namespace, directly or through one of its metric queries. */
function onBedrock(alarm: ResourceFact): boolean {
  const key = ALARMS[alarm.resourceType];
  if (stringOf(field(alarm.props, key)) === 'AWS/Bedrock') return true;
  return stringsDeep(alarm.props).some((s) => s.value === 'AWS/Bedrock');
}

export const monitoringDashboard: EvidenceDetector = {
  id: 'monitoring-dashboard',
  title: 'A CloudWatch dashboard shows the workload operational metrics',
  practices: ['RAIMON01-BP04'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_cloudwatch_dashboard: 'CloudWatch dashboard', 'AWS::CloudWatch::Dashboard': 'CloudWatch dashboard' }),
    ...callEvidence(boto3Calls(facts, 'cloudwatch', [['put_dashboard', 'DashboardBody']]), () => 'CloudWatch dashboard created with `put_dashboard`'),
  ],
};

export const modelPerformanceMetrics: EvidenceDetector = {
  id: 'model-performance-metrics',
  title: 'The application publishes its own metrics next to its model calls (CloudWatch, Powertools)',
  practices: ['GENPERF01-BP02'],
  detect: (facts) => {
    if (!facts.calls.some((c) => isModelCall(c, facts))) return [];
    return firstOnly(
      callEvidence(
        [...boto3Calls(facts, 'cloudwatch', [['put_metric_data', 'MetricData']]), ...callsTo(facts, ['aws_lambda_powertools.Metrics', 'aws_lambda_powertools.metrics.Metrics'])],
        (c) => `metrics published beside model calls (\`${c.callee}\`)`,
      ),
    );
  },
};

const DATA_EVENT_KEYS = new Set(['data_resource', 'DataResources', 'advanced_event_selector', 'AdvancedEventSelectors']);

export const dataAccessAuditing: EvidenceDetector = {
  id: 'data-access-auditing',
  title: 'CloudTrail records data events (who reads and writes the data in S3 and other stores)',
  practices: ['MLSEC06-BP02'],
  detect: (facts) =>
    resourceEvidence(
      facts,
      { aws_cloudtrail: (name) => `CloudTrail trail \`${name}\` records data events`, 'AWS::CloudTrail::Trail': (name) => `CloudTrail trail \`${name}\` records data events` },
      (r) => propertyDeep(r.props, DATA_EVENT_KEYS) !== undefined,
    ),
};
