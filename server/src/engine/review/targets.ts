// What each rule examines. A practice's automated checks *pass* only when the rules mapped to it examined something
// in the workspace and reported nothing: a guardrail rule passes on Bedrock calls that have guardrails, never on a
// workspace with no Bedrock calls. A rule listed nowhere here never makes its practices pass.
import { field, itemsOf } from '../values';
import { PICKLE_LOADERS, UNSAFE_LOAD_OPTIONS } from '../apis/deserialization';
import { sagemakerExecutionRoles } from '../rules/sagemaker-execution-role-overly-permissive';
import { bedrockOperation, isNonTextModel } from '../apis/bedrock';
import { isModelCall } from '../apis/models';
import { awsStatements } from '../apis/awsDataApis';
import { userResponses } from '../apis/responses';
import { instanceDeploys, sdkConstructions } from '../apis/sagemakerSdk';
import { operationCalls } from '../apis/boto3';
import { CREATE_FLOW_DEFINITION, FLOW_DEFINITION_RESOURCE } from '../apis/humanReview';
import { MONITORING_JOB_TYPES } from '../apis/monitoring';
import { CREATE_GATEWAY, CREATE_MEMORY, GATEWAYS, MEMORIES, NETWORKED_OPERATIONS, NETWORKED_RESOURCES } from '../apis/agentcore';
import { CLUSTERS, CREATE_CLUSTER } from '../apis/hyperpod';
import { BEDROCK_JOBS } from '../apis/bedrockJobs';
import type { CallFact, FileFacts, ObjectValue, ResourceFact, Span, Value } from '../types';
import type { Triggers } from '../triggers';
import { FRAMEWORK_MODELS, FRAMEWORK_IMPLIED_MODELS } from '../apis/frameworks';
import { LOOP_BOUNDS } from '../apis/frameworks/agentLoops';
import { modelConstructions, type ModelClass } from '../apis/modelSettings';

export interface Target {
  span: Span;
  label: string;
}

export type TargetFinder = (facts: FileFacts) => Target[];

const MODELS = ['aws_sagemaker_model', 'AWS::SageMaker::Model'];
const ENDPOINTS = ['aws_sagemaker_endpoint', 'AWS::SageMaker::Endpoint'];
const NOTEBOOKS = ['aws_sagemaker_notebook_instance', 'AWS::SageMaker::NotebookInstance'];
const AGENTS = ['aws_bedrockagent_agent', 'AWS::Bedrock::Agent'];
const GUARDRAILS = ['aws_bedrock_guardrail', 'AWS::Bedrock::Guardrail'];
const AGENT_BUILDERS = /^(AgentExecutor|from_agent_and_tools|initialize_agent|create_\w+_agent)$/;
const LLM_CLIENTS = new Set(['openai.OpenAI', 'openai.AsyncOpenAI', 'openai.AzureOpenAI', 'openai.AsyncAzureOpenAI', 'anthropic.Anthropic', 'anthropic.AsyncAnthropic']);
const SINKS = new Set(['builtins.eval', 'eval', 'exec', 'os.system', 'os.popen', 'subprocess.run', 'subprocess.call', 'subprocess.Popen', 'subprocess.check_output', 'subprocess.check_call', 'execute', 'executemany', 'pandas.read_sql']);
const HUB_LOADERS = new Set(['from_pretrained', 'pipeline', 'hf_hub_download', 'snapshot_download']);

export const RULE_TARGETS: Readonly<Record<string, TargetFinder>> = {
  'bedrock-call-without-guardrail': (facts) => [...calls(facts.calls.filter((c) => judgesGuardrail(c, facts))), ...frameworkModels(facts, (c) => c.guardrail !== undefined)],
  'llm-call-without-max-tokens': (facts) => [
    ...calls(facts.calls.filter((c) => judgesTokenLimit(c, facts))),
    ...frameworkModels(facts, (c) => c.maxTokens !== undefined && c.maxTokens.default === undefined),
  ],
  'sagemaker-endpoint-without-data-capture': (facts) => [...realtimeEndpointConfigs(facts), ...(facts.imports.has('sagemaker') ? calls(facts.calls.filter(isRealtimeDeploy)) : [])],
  'sagemaker-notebook-direct-internet': (facts) => resources(facts, ['aws_sagemaker_notebook_instance', 'AWS::SageMaker::NotebookInstance']),
  'bedrock-agent-without-guardrail': (facts) => resources(facts, ['aws_bedrockagent_agent', 'AWS::Bedrock::Agent']),
  'unsafe-model-deserialization': (facts) =>
    calls(
      facts.calls.filter(
        (c) =>
          (c.qualifiedName !== undefined && (PICKLE_LOADERS.has(c.qualifiedName) || c.qualifiedName === 'torch.load')) ||
          UNSAFE_LOAD_OPTIONS.some((o) => c.args.props.has(o.keyword) && (!o.loaders || (c.qualifiedName !== undefined && o.loaders.includes(c.qualifiedName)))),
      ),
    ),
  // Infrastructure rules examine every resource of the types they read.
  'sagemaker-model-without-network-isolation': (facts) => [...onResources(MODELS)(facts), ...constructions(facts, 'model')],
  'sagemaker-model-without-vpc': onResources(MODELS),
  'sagemaker-endpoint-without-kms-key': (facts) => [...realtimeEndpointConfigs(facts), ...deploys(facts)],
  'sagemaker-endpoint-single-instance': (facts) => [...realtimeEndpointConfigs(facts), ...deploys(facts)],
  'sagemaker-notebook-root-access': onResources(NOTEBOOKS),
  'sagemaker-notebook-without-kms-key': onResources(NOTEBOOKS),
  'sagemaker-notebook-without-vpc': onResources(NOTEBOOKS),
  'sagemaker-domain-public-internet': onResources(['aws_sagemaker_domain', 'AWS::SageMaker::Domain']),
  'sagemaker-domain-without-kms-key': onResources(['aws_sagemaker_domain', 'AWS::SageMaker::Domain']),
  'bedrock-agent-without-kms-key': onResources(AGENTS),
  'bedrock-guardrail-weak-prompt-attack-filter': onResources(GUARDRAILS),
  'bedrock-guardrail-without-pii-filter': onResources(GUARDRAILS),
  'bedrock-guardrail-without-kms-key': onResources(GUARDRAILS),
  'bedrock-guardrail-without-contextual-grounding': onResources(GUARDRAILS),
  'bedrock-invocation-logging-without-data': onResources(['aws_bedrock_model_invocation_logging_configuration']),
  'bedrock-knowledge-base-data-source-without-kms-key': onResources(['aws_bedrockagent_data_source', 'AWS::Bedrock::DataSource']),
  'sagemaker-notebook-imdsv1': onResources(NOTEBOOKS),
  'sagemaker-monitoring-job-without-kms-key': onResources(MONITORING_JOB_TYPES),
  'sagemaker-monitoring-job-without-inter-container-encryption': onResources(MONITORING_JOB_TYPES),
  'sagemaker-monitoring-job-without-vpc': onResources(MONITORING_JOB_TYPES),
  'sagemaker-execution-role-overly-permissive': (facts) => sagemakerExecutionRoles(facts).map((r) => ({ span: r.nameSpan, label: `SageMaker execution role \`${r.name}\`` })),
  'bedrock-agentcore-public-network': (facts) => [
    ...onResources(NETWORKED_RESOURCES.map((n) => n.type))(facts),
    ...calls(NETWORKED_OPERATIONS.flatMap((n) => operationCalls(facts, n.operation))),
  ],
  'bedrock-agentcore-gateway-without-authorizer': (facts) => [...onResources(GATEWAYS.map((g) => g.type))(facts), ...calls(operationCalls(facts, CREATE_GATEWAY))],
  'bedrock-agentcore-memory-without-kms-key': (facts) => [...onResources(MEMORIES.map((m) => m.type))(facts), ...calls(operationCalls(facts, CREATE_MEMORY))],
  'sagemaker-hyperpod-without-vpc': (facts) => [...onResources(CLUSTERS.map((c) => c.type))(facts), ...calls(operationCalls(facts, CREATE_CLUSTER))],
  'sagemaker-hyperpod-without-kms-key': (facts) => [...onResources(['AWS::SageMaker::Cluster'])(facts), ...calls(operationCalls(facts, CREATE_CLUSTER))],
  'bedrock-model-job-without-vpc': bedrockJobs,
  'bedrock-model-job-without-kms-key': bedrockJobs,
  'sagemaker-human-review-without-kms-key': (facts) => [...onResources([FLOW_DEFINITION_RESOURCE])(facts), ...calls(operationCalls(facts, CREATE_FLOW_DEFINITION))],
  // SageMaker Python SDK and Hugging Face rules examine the constructions and calls they read.
  'sagemaker-training-without-vpc': (facts) => constructions(facts, 'estimator'),
  'sagemaker-training-without-network-isolation': (facts) => constructions(facts, 'estimator'),
  'sagemaker-training-without-kms-key': (facts) => constructions(facts, 'estimator'),
  'sagemaker-training-without-inter-container-encryption': (facts) => constructions(facts, 'estimator'),
  'sagemaker-image-unpinned': (facts) => [...constructions(facts, 'estimator'), ...constructions(facts, 'model')],
  'jumpstart-model-version-unpinned': (facts) => calls(facts.calls.filter((c) => c.qualifiedName?.startsWith('sagemaker.jumpstart.') === true)),
  'huggingface-model-without-revision': (facts) => calls(facts.calls.filter((c) => HUB_LOADERS.has(c.name))),
  'huggingface-trust-remote-code': (facts) => calls(facts.calls.filter((c) => HUB_LOADERS.has(c.name) || c.args.props.has('trust_remote_code'))),
  // GenAI application code.
  'agent-loop-without-bound': (facts) => calls(facts.calls.filter((c) => AGENT_BUILDERS.test(c.name) || (c.qualifiedName !== undefined && LOOP_RUNNERS.has(c.qualifiedName)))),
  'llm-client-without-timeout': (facts) => [
    ...calls(facts.calls.filter((c) => c.qualifiedName !== undefined && LLM_CLIENTS.has(c.qualifiedName))),
    ...frameworkModels(facts, (c) => c.timeout !== undefined && typeof c.timeout.whenAbsent !== 'number'),
  ],
  'llm-output-to-unsafe-sink': (facts) => calls(facts.calls.filter((c) => SINKS.has(c.qualifiedName ?? c.name) || awsStatements(c) !== undefined)),
  'model-output-to-user-without-guardrail': (facts) =>
    userResponses(facts)
      .filter((r) => r.origins.some((o) => o.call && isModelCall(o.call, facts)))
      .map((r) => ({ span: r.span, label: `response built from model output (${r.label})` })),
  // Neither can vouch for what it did not find: a prompt built elsewhere, a secret in a file it does not read.
  'user-input-in-system-prompt': () => [],
  'hardcoded-provider-secret': () => [],
  // A placeholder filled in is the other rule's to judge.
  'placeholder-not-filled-in': () => [],
  'bedrock-guardrail-draft-version': (facts) => guardrailVersions(facts),
  // Cross-file rules examine the resources they look for across the workspace.
  'sagemaker-endpoint-without-monitoring': onResources(ENDPOINTS),
  'sagemaker-endpoint-without-autoscaling': onResources(ENDPOINTS),
  'sagemaker-endpoint-without-alarm': onResources(ENDPOINTS),
  'bedrock-guardrail-not-attached': onResources(GUARDRAILS),
  'bedrock-without-invocation-logging': (facts) => [
    ...facts.resources.filter((r) => /^(aws_bedrock|AWS::Bedrock::)/.test(r.resourceType)).map((r) => ({ span: r.nameSpan, label: `${r.resourceType} \`${r.name}\`` })),
    ...calls(facts.calls.filter((c) => bedrockOperation(c) !== undefined)),
  ],
  'sensitive-attributes-without-bias-evaluation': (facts) => (facts.stringLists ?? []).map((l) => ({ span: l.span, label: 'feature list' })),
  'decisions-about-people-without-explainability': (facts) => (facts.imports.has('sagemaker') ? calls(facts.calls.filter((c) => c.name === 'deploy')) : []),
  'model-package-approved-in-code': (facts) => [
    ...calls(facts.calls.filter((c) => ['register', 'create_model_package', 'update_model_package'].includes(c.name))),
    ...onResources(['AWS::SageMaker::ModelPackage'])(facts),
  ],
};

const LOOP_RUNNERS = new Set(LOOP_BOUNDS.flatMap((b) => b.names));

/**
 * Framework model constructions whose class has the setting a rule judges. The source text is not needed to find
 * them, except for AI SDK calls on a provider bound to a name, which are left out here.
 */
function frameworkModels(facts: FileFacts, judged: (cls: ModelClass) => boolean): Target[] {
  return modelConstructions(facts, '', FRAMEWORK_MODELS.filter(judged), FRAMEWORK_IMPLIED_MODELS.filter((i) => judged(i.builds))).map((m) => ({
    span: m.span,
    label: `${m.describe} (${m.cls.framework})`,
  }));
}

/** Bedrock model customization and batch inference jobs, as resources and as API calls. */
function bedrockJobs(facts: FileFacts): Target[] {
  return [...onResources(BEDROCK_JOBS.map((j) => j.type))(facts), ...calls(BEDROCK_JOBS.flatMap((j) => operationCalls(facts, j.operation)))];
}

/** Calls and resources that name a guardrail version. */
function guardrailVersions(facts: FileFacts): Target[] {
  // Values share parts (a dict bound to a name and used in many places): each is read once.
  const known = new WeakMap<Value, boolean>();
  const names = (value: Value): boolean => {
    const answer = known.get(value);
    if (answer !== undefined) return answer;
    known.set(value, false);
    const found = value.kind === 'array' ? value.items.some(names) : value.kind === 'object' && [...value.props.values()].some((p) => /^guardrail_?version$/i.test(p.key) || names(p.value));
    known.set(value, found);
    return found;
  };
  return [
    ...calls(facts.calls.filter((c) => names(c.args))),
    ...facts.resources.filter((r) => names(r.props)).map((r) => ({ span: r.nameSpan, label: `${r.resourceType} \`${r.name}\`` })),
  ];
}

/** Endpoint configurations with at least one instance-backed variant (serverless ones are not judged). */
/**
 * What must occur in a file's text for the targets of a rule to be found in it, where that is more than the rule's own
 * `triggers` (targets found by a call's name alone). A file whose text holds neither has no targets of the rule.
 */
export const TARGET_TRIGGERS: Readonly<Record<string, Triggers>> = {
  'agent-loop-without-bound': ['AgentExecutor', 'from_agent_and_tools', 'initialize_agent', /create_\w+_agent/],
  'huggingface-model-without-revision': [...HUB_LOADERS],
  'huggingface-trust-remote-code': [...HUB_LOADERS, 'trust_remote_code'],
  // The sinks' names (`execute`, `eval`), or the module their import-resolved names need (`subprocess`).
  'llm-output-to-unsafe-sink': ['eval', 'exec', 'system', 'popen', 'subprocess', 'read_sql'],
};

function realtimeEndpointConfigs(facts: FileFacts): Target[] {
  return [
    ...resources(facts, ['aws_sagemaker_endpoint_configuration'], (r) => !allServerless(r.props, 'production_variants', 'serverless_config')),
    ...resources(facts, ['AWS::SageMaker::EndpointConfig'], (r) => !allServerless(r.props, 'ProductionVariants', 'ServerlessConfig')),
  ];
}

function onResources(types: readonly string[]): TargetFinder {
  return (facts) => resources(facts, types);
}

function constructions(facts: FileFacts, kind: 'estimator' | 'model'): Target[] {
  return sdkConstructions(facts, kind).map((c) => ({ span: c.call.nameSpan, label: `\`${c.call.qualifiedName ?? c.call.callee}\` ${kind}` }));
}

function deploys(facts: FileFacts): Target[] {
  return instanceDeploys(facts, { includeAsync: true }).map((d) => ({ span: d.call.nameSpan, label: '`deploy` call' }));
}

function calls(list: CallFact[]): Target[] {
  return list.map((c) => ({ span: c.nameSpan, label: `\`${c.qualifiedName ?? c.callee}\` call` }));
}

function resources(facts: FileFacts, types: readonly string[], when: (r: ResourceFact) => boolean = () => true): Target[] {
  return facts.resources.filter((r) => types.includes(r.resourceType) && when(r)).map((r) => ({ span: r.nameSpan, label: `${r.resourceType} \`${r.name}\`` }));
}

/** Bedrock text-generation calls whose guardrail setting can be judged (a RetrieveAndGenerate source must be known). */
function judgesGuardrail(call: CallFact, facts: FileFacts): boolean {
  const operation = bedrockOperation(call);
  if (!operation || isNonTextModel(call, facts)) return false;
  if (operation !== 'retrieve_and_generate') return true;
  const config = field(call.args, 'retrieveAndGenerateConfiguration');
  if (config?.kind !== 'object') return false;
  const source = field(config, 'externalSourcesConfiguration') ?? field(config, 'knowledgeBaseConfiguration');
  return source?.kind === 'object';
}

const OPENAI_CREATE = /(^|\.)(chat\.completions|responses)\.create$/;

/** Converse calls, InvokeModel calls with a known body, and OpenAI chat-completion and Responses calls. */
function judgesTokenLimit(call: CallFact, facts: FileFacts): boolean {
  const operation = bedrockOperation(call);
  if (operation === 'converse' || operation === 'converse_stream') return true;
  if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') return !isNonTextModel(call, facts) && field(call.args, 'body')?.kind === 'object';
  return facts.imports.has('openai') && call.name === 'create' && (OPENAI_CREATE.test(call.callee) || call.qualifiedName === 'openai.ChatCompletion.create');
}

/** A SageMaker SDK `.deploy(...)` to a real-time endpoint. */
function isRealtimeDeploy(call: CallFact): boolean {
  if (call.name !== 'deploy' || !['instance_type', 'initial_instance_count'].some((k) => call.args.props.has(k))) return false;
  return field(call.args, 'serverless_inference_config') === undefined && field(call.args, 'async_inference_config') === undefined;
}

function allServerless(props: ObjectValue, variantsKey: string, serverlessKey: string): boolean {
  const variants: Value[] = itemsOf(field(props, variantsKey));
  return variants.length > 0 && variants.every((v) => v.kind === 'object' && field(v, serverlessKey) !== undefined);
}
