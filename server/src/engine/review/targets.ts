// What each rule examines. A practice's automated checks *pass* only when the rules mapped to it examined something
// in the workspace and reported nothing: a guardrail rule passes on Bedrock calls that have guardrails, never on a
// workspace with no Bedrock calls. A rule listed nowhere here never makes its practices pass.
import { field, itemsOf } from '../values';
import { PICKLE_LOADERS } from '../rules/unsafe-model-deserialization';
import { bedrockOperation, isNonTextModel } from '../apis/bedrock';
import { isModelCall } from '../apis/models';
import { userResponses } from '../apis/responses';
import { instanceDeploys, sdkConstructions } from '../apis/sagemakerSdk';
import type { CallFact, FileFacts, ObjectValue, ResourceFact, Span, Value } from '../types';

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
  'bedrock-call-without-guardrail': (facts) => calls(facts.calls.filter((c) => judgesGuardrail(c, facts))),
  'llm-call-without-max-tokens': (facts) => calls(facts.calls.filter((c) => judgesTokenLimit(c, facts))),
  'sagemaker-endpoint-without-data-capture': (facts) => [...realtimeEndpointConfigs(facts), ...(facts.imports.has('sagemaker') ? calls(facts.calls.filter(isRealtimeDeploy)) : [])],
  'sagemaker-notebook-direct-internet': (facts) => resources(facts, ['aws_sagemaker_notebook_instance', 'AWS::SageMaker::NotebookInstance']),
  'bedrock-agent-without-guardrail': (facts) => resources(facts, ['aws_bedrockagent_agent', 'AWS::Bedrock::Agent']),
  'unsafe-model-deserialization': (facts) =>
    calls(facts.calls.filter((c) => c.qualifiedName !== undefined && (PICKLE_LOADERS.has(c.qualifiedName) || c.qualifiedName === 'torch.load'))),
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
  'agent-loop-without-bound': (facts) => calls(facts.calls.filter((c) => AGENT_BUILDERS.test(c.name))),
  'llm-client-without-timeout': (facts) => calls(facts.calls.filter((c) => c.qualifiedName !== undefined && LLM_CLIENTS.has(c.qualifiedName))),
  'llm-output-to-unsafe-sink': (facts) => calls(facts.calls.filter((c) => SINKS.has(c.qualifiedName ?? c.name))),
  'model-output-to-user-without-guardrail': (facts) =>
    userResponses(facts)
      .filter((r) => r.origins.some((o) => o.call && isModelCall(o.call, facts)))
      .map((r) => ({ span: r.span, label: `response built from model output (${r.label})` })),
  // Neither can vouch for what it did not find: a prompt built elsewhere, a secret in a file it does not read.
  'user-input-in-system-prompt': () => [],
  'hardcoded-provider-secret': () => [],
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

/** Endpoint configurations with at least one instance-backed variant (serverless ones are not judged). */
function realtimeEndpointConfigs(facts: FileFacts): Target[] {
  return [
    ...resources(facts, ['aws_sagemaker_endpoint_configuration'], (r) => !allServerless(r.props, 'production_variants', 'serverless_config')),
    ...resources(facts, ['AWS::SageMaker::EndpointConfig'], (r) => !allServerless(r.props, 'ProductionVariants', 'ServerlessConfig')),
  ];
}

function onResources(types: string[]): TargetFinder {
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

function resources(facts: FileFacts, types: string[], when: (r: ResourceFact) => boolean = () => true): Target[] {
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
