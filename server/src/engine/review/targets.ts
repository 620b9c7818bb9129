// What each rule examines. A practice's automated checks *pass* only when the rules mapped to it examined something
// in the workspace and reported nothing: a guardrail rule passes on Bedrock calls that have guardrails, never on a
// workspace with no Bedrock calls. A rule listed nowhere here never makes its practices pass.
import { field, itemsOf } from '../values';
import { PICKLE_LOADERS } from '../rules/unsafe-model-deserialization';
import { bedrockOperation, isNonTextModel } from '../rules/support/bedrock';
import type { CallFact, FileFacts, ObjectValue, ResourceFact, Span, Value } from '../types';

export interface Target {
  span: Span;
  label: string;
}

export type TargetFinder = (facts: FileFacts) => Target[];

export const RULE_TARGETS: Readonly<Record<string, TargetFinder>> = {
  'bedrock-call-without-guardrail': (facts) => calls(facts.calls.filter((c) => judgesGuardrail(c))),
  'llm-call-without-max-tokens': (facts) => calls(facts.calls.filter((c) => judgesTokenLimit(c, facts))),
  'sagemaker-endpoint-without-data-capture': (facts) => [
    ...resources(facts, ['aws_sagemaker_endpoint_configuration'], (r) => !allServerless(r.props, 'production_variants', 'serverless_config')),
    ...resources(facts, ['AWS::SageMaker::EndpointConfig'], (r) => !allServerless(r.props, 'ProductionVariants', 'ServerlessConfig')),
    ...(facts.imports.has('sagemaker') ? calls(facts.calls.filter(isRealtimeDeploy)) : []),
  ],
  'sagemaker-notebook-direct-internet': (facts) => resources(facts, ['aws_sagemaker_notebook_instance', 'AWS::SageMaker::NotebookInstance']),
  'bedrock-agent-without-guardrail': (facts) => resources(facts, ['aws_bedrockagent_agent', 'AWS::Bedrock::Agent']),
  'unsafe-model-deserialization': (facts) =>
    calls(facts.calls.filter((c) => c.qualifiedName !== undefined && (PICKLE_LOADERS.has(c.qualifiedName) || c.qualifiedName === 'torch.load'))),
};

function calls(list: CallFact[]): Target[] {
  return list.map((c) => ({ span: c.nameSpan, label: `\`${c.qualifiedName ?? c.callee}\` call` }));
}

function resources(facts: FileFacts, types: string[], when: (r: ResourceFact) => boolean = () => true): Target[] {
  return facts.resources.filter((r) => types.includes(r.resourceType) && when(r)).map((r) => ({ span: r.nameSpan, label: `${r.resourceType} \`${r.name}\`` }));
}

/** Bedrock text-generation calls whose guardrail setting can be judged (a RetrieveAndGenerate source must be known). */
function judgesGuardrail(call: CallFact): boolean {
  const operation = bedrockOperation(call);
  if (!operation || isNonTextModel(call)) return false;
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
  if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') return !isNonTextModel(call) && field(call.args, 'body')?.kind === 'object';
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
