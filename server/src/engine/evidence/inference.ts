// Evidence in how generative-AI inference is set up: prompt caching, guardrail input tags, bounded conversation
// history, embedding sizes, batch and cross-Region inference, provisioned throughput, routing, retries and fallbacks,
// cost tags, private endpoints, knowledge bases, agent confirmations, and Bedrock resources defined as code.
import { field, isTrue, stringOf } from '../values';
import type { CallFact, FileFacts, Property, Value } from '../types';
import { bedrockOperation, modelIdOf } from '../apis/bedrock';
import { isLangChainJsModel, isLangChainRunnable } from '../apis/langchain';
import { isModelCall } from '../apis/models';
import {
  boto3Calls,
  callEvidence,
  callsTo,
  firstOnly,
  isBoto3Call,
  propertyDeep,
  resourceEvidence,
  stringsDeep,
  writtenStrings,
  type EvidenceDetector,
  type EvidenceMatch,
} from './detector';

/** Where each of the file's values is: call arguments and resource properties, with the call or resource they belong to. */
function valuesOf(facts: FileFacts): { owner: string; value: Value }[] {
  return [
    ...facts.calls.flatMap((c) => [c.args, ...c.positional].map((value) => ({ owner: `\`${c.callee}\``, value }))),
    ...facts.resources.map((r) => ({ owner: `\`${r.name}\``, value: r.props as Value })),
    ...(facts.literals ?? []).map((value) => ({ owner: 'a request', value })),
  ];
}

/** Properties named one of `keys` in the file's calls, resources or literals (the first in each), with their owner. */
function keyed(facts: FileFacts, keys: ReadonlySet<string>): { prop: Property; owner: string }[] {
  const found: { prop: Property; owner: string }[] = [];
  const seen = new Set<number>();
  for (const { owner, value } of valuesOf(facts)) {
    const prop = propertyDeep(value, keys);
    if (prop && !seen.has(prop.keySpan.start)) {
      seen.add(prop.keySpan.start);
      found.push({ prop, owner });
    }
  }
  return found;
}

/** The first property named one of `keys`, once per file. */
function firstKeyed(facts: FileFacts, keys: ReadonlySet<string>, message: (key: string, owner: string) => string): EvidenceMatch[] {
  return keyed(facts, keys)
    .slice(0, 1)
    .map(({ prop, owner }) => ({ span: prop.keySpan, message: message(prop.key, owner) }));
}

const CACHE_KEYS = new Set(['cachePoint', 'cache_control', 'cacheControl', 'cache_prompt', 'cache_tools', 'cache_config']);

export const promptCaching: EvidenceDetector = {
  id: 'prompt-caching',
  title: 'Repeated prompt prefixes are cached (Bedrock cache points, Anthropic cache_control, Strands cache settings)',
  practices: ['GENCOST03-BP03'],
  detect: (facts) => firstKeyed(facts, CACHE_KEYS, (key, owner) => `prompt caching (\`${key}\`) in ${owner}`),
};

const GUARD_CONTENT = new Set(['guardContent', 'guard_content']);
const GUARD_TAG = /amazon-bedrock-guardrails-guardContent/;

export const guardrailInputTagging: EvidenceDetector = {
  id: 'guardrail-input-tagging',
  title: 'Only the user-supplied part of a prompt is sent to the guardrail (guardContent blocks, input tags)',
  practices: ['GENCOST03-BP04'],
  detect: (facts) => {
    const keyed = firstKeyed(facts, GUARD_CONTENT, (key, owner) => `user input marked for the guardrail (\`${key}\`) in ${owner}`);
    if (keyed.length > 0) return keyed;
    const tagged = writtenStrings(facts).find((s) => GUARD_TAG.test(s.value));
    if (tagged) return [{ span: tagged.span, message: 'user input wrapped in guardrail input tags' }];
    return callEvidence(
      facts.calls.filter((c) => isTrue(field(c.args, 'guardrail_latest_message'))),
      (c) => `only the latest user message is sent to the guardrail (\`${c.callee}\`)`,
    );
  },
};

const TRIMMERS = [
  'langchain_core.messages.trim_messages',
  'langchain_core.messages.utils.trim_messages',
  '@langchain/core/messages.trimMessages',
  'strands.agent.conversation_manager.SlidingWindowConversationManager',
  'strands.agent.conversation_manager.SummarizingConversationManager',
  'strands.agent.SlidingWindowConversationManager',
  'strands.agent.SummarizingConversationManager',
  'langchain.memory.ConversationSummaryMemory',
  'langchain.memory.ConversationSummaryBufferMemory',
  'langchain.memory.ConversationTokenBufferMemory',
  'langchain.memory.ConversationBufferWindowMemory',
  'llama_index.core.memory.ChatMemoryBuffer.from_defaults',
  'llama_index.core.memory.ChatSummaryMemoryBuffer.from_defaults',
];

export const conversationTrimming: EvidenceDetector = {
  id: 'conversation-trimming',
  title: 'Conversation history sent to the model is trimmed or summarized',
  practices: ['GENCOST03-BP01'],
  detect: (facts) => callEvidence(callsTo(facts, TRIMMERS), (c) => `conversation history bounded (\`${c.qualifiedName!.split('.').pop()}\`)`),
};

const DIMENSION_KEYS = new Set(['dimensions', 'Dimensions', 'dimension', 'output_dimension', 'outputDimension', 'embeddingDimension', 'embedding_dimension']);
const KNOWLEDGE_BASES = ['aws_bedrockagent_knowledge_base', 'AWS::Bedrock::KnowledgeBase'];

export const embeddingDimensions: EvidenceDetector = {
  id: 'embedding-dimensions',
  title: 'Embeddings are requested at a chosen, smaller dimension',
  practices: ['GENPERF04-BP02', 'GENCOST04-BP01'],
  detect: (facts) => {
    const matches: EvidenceMatch[] = [];
    for (const call of facts.calls.filter(isEmbeddingCall)) {
      const prop = propertyDeep(call.args, DIMENSION_KEYS) ?? call.positional.map((p) => propertyDeep(p, DIMENSION_KEYS)).find(Boolean);
      if (prop && prop.value.kind !== 'null') matches.push({ span: prop.keySpan, message: `embedding dimension chosen (\`${prop.key}\`) in \`${call.callee}\`` });
    }
    for (const kb of facts.resources.filter((r) => KNOWLEDGE_BASES.includes(r.resourceType))) {
      const prop = propertyDeep(kb.props, DIMENSION_KEYS);
      if (prop) matches.push({ span: prop.keySpan, message: `knowledge base \`${kb.name}\` sets its embedding dimension` });
    }
    return matches;
  },
};

/** Embedding requests: classes and methods named for embeddings, and Bedrock InvokeModel with an embedding model. */
function isEmbeddingCall(call: CallFact): boolean {
  if (/embed/i.test(call.qualifiedName ?? call.callee)) return true;
  const operation = bedrockOperation(call);
  return (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') && /embed/i.test(modelIdOf(call) ?? '');
}

export const bedrockBatchInference: EvidenceDetector = {
  id: 'bedrock-batch-inference',
  title: 'Offline work runs as Amazon Bedrock batch inference jobs',
  practices: ['GENCOST02-BP01'],
  detect: (facts) =>
    callEvidence(
      [...boto3Calls(facts, 'bedrock', [['create_model_invocation_job', 'inputDataConfig']]), ...callsTo(facts, ['@aws-sdk/client-bedrock.CreateModelInvocationJobCommand'])],
      () => 'Bedrock batch inference job (`CreateModelInvocationJob`)',
    ),
};

const INFERENCE_PROFILE_ID = /^(bedrock\/|converse\/)?(arn:aws[\w-]*:bedrock:[\w-]*:\d*:inference-profile\/)?(us|eu|apac|us-gov|global|jp|au|ca)\.[a-z0-9-]+\.[\w.:-]+$/;

export const crossRegionInference: EvidenceDetector = {
  id: 'cross-region-inference',
  title: 'Model calls use cross-Region inference profiles, which spread requests over several Regions',
  practices: ['GENREL05-BP01', 'GENREL01-BP01'],
  detect: (facts) => firstOnly(writtenStrings(facts).filter((s) => INFERENCE_PROFILE_ID.test(s.value)).map((s) => ({ span: s.span, message: `cross-Region inference profile \`${s.value}\`` }))),
};

const PROMPT_ROUTER = /^arn:aws[\w-]*:bedrock:[\w-]*:\d*:(default-)?prompt-router\//;

export const promptRouting: EvidenceDetector = {
  id: 'prompt-routing',
  title: 'Requests are routed between a larger and a smaller model (Bedrock intelligent prompt routing)',
  practices: ['GENCOST01-BP01'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_bedrock_prompt_router: 'Bedrock prompt router', 'AWS::Bedrock::IntelligentPromptRouter': 'Bedrock prompt router' }),
    ...firstOnly(writtenStrings(facts).filter((s) => PROMPT_ROUTER.test(s.value)).map((s) => ({ span: s.span, message: 'model calls go through a Bedrock prompt router' }))),
  ],
};

export const provisionedThroughput: EvidenceDetector = {
  id: 'provisioned-throughput',
  title: 'Amazon Bedrock provisioned throughput reserves model capacity',
  practices: ['GENREL01-BP01', 'GENOPS02-BP03'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_bedrock_provisioned_model_throughput: 'Bedrock provisioned throughput' }),
    ...callEvidence(boto3Calls(facts, 'bedrock', [['create_provisioned_model_throughput', 'provisionedModelName']]), () => 'Bedrock provisioned throughput (`create_provisioned_model_throughput`)'),
  ],
};

const RETRY_LIBRARIES = ['tenacity.retry', 'backoff.on_exception'];

export const modelRetryFallback: EvidenceDetector = {
  id: 'model-retry-fallback',
  title: 'Model calls retry with backoff or fall back to another model',
  practices: ['GENREL03-BP01'],
  detect: (facts) => {
    const modelFile = facts.calls.some((c) => isModelCall(c, facts) || isLangChainRunnable(c.receiverType) || isLangChainJsModel(c.receiverType));
    return callEvidence(
      facts.calls.filter(
        (c) =>
          ((c.name === 'with_fallbacks' || c.name === 'withFallbacks') && (isLangChainRunnable(c.receiverType) || isLangChainJsModel(c.receiverType))) ||
          ((c.name === 'with_retry' || c.name === 'withRetry') && (isLangChainRunnable(c.receiverType) || isLangChainJsModel(c.receiverType))) ||
          (c.qualifiedName === 'litellm.Router' && c.args.props.has('fallbacks')) ||
          (c.qualifiedName === 'botocore.config.Config' && retries(field(c.args, 'retries')) && usesBedrock(facts)) ||
          (modelFile && c.qualifiedName !== undefined && RETRY_LIBRARIES.includes(c.qualifiedName)),
      ),
      (c) => `model calls retried or given a fallback (\`${c.callee}\`)`,
    );
  },
};

/** A botocore `retries` setting that does not turn retrying off (`{"max_attempts": 0}`, `{"total_max_attempts": 1}`). */
function retries(value: Value | undefined): boolean {
  if (value === undefined || value.kind === 'null') return false;
  const attempts = field(value, 'max_attempts');
  const total = field(value, 'total_max_attempts');
  return !(attempts?.kind === 'number' && attempts.value <= 0) && !(total?.kind === 'number' && total.value <= 1);
}

function usesBedrock(facts: FileFacts): boolean {
  return facts.calls.some((c) => c.receiverType === 'boto3:bedrock-runtime' || bedrockOperation(c) !== undefined);
}

export const inferenceProfileCostTags: EvidenceDetector = {
  id: 'inference-profile-cost-tags',
  title: 'Bedrock application inference profiles carry tags, so model usage can be costed per application or team',
  practices: ['MLCOST06-BP01', 'MLCOST04-BP12'],
  detect: (facts) => [
    ...resourceEvidence(
      facts,
      { aws_bedrock_inference_profile: tagged, 'AWS::Bedrock::ApplicationInferenceProfile': tagged },
      (r) => hasTags(field(r.props, r.resourceType.startsWith('aws_') ? 'tags' : 'Tags')),
    ),
    ...callEvidence(
      boto3Calls(facts, 'bedrock', [['create_inference_profile', 'inferenceProfileName']]).filter((c) => hasTags(field(c.args, 'tags'))),
      () => 'Bedrock application inference profile created with tags (`create_inference_profile`)',
    ),
  ],
};

const tagged = (name: string) => `inference profile \`${name}\` with cost allocation tags`;

function hasTags(value: Value | undefined): boolean {
  if (value?.kind === 'object') return value.props.size > 0 || value.open;
  if (value?.kind === 'array') return value.items.length > 0 || value.open;
  return value?.kind === 'unknown';
}

export const budgets: EvidenceDetector = {
  id: 'budgets',
  title: 'An AWS Budgets budget tracks spending',
  practices: ['MLCOST04-BP12'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_budgets_budget: 'AWS Budgets budget', 'AWS::Budgets::Budget': 'AWS Budgets budget' }),
    ...callEvidence(boto3Calls(facts, 'budgets', [['create_budget', 'Budget']]), () => 'AWS Budgets budget created with `create_budget`'),
  ],
};

const VPC_ENDPOINTS: Record<string, string> = { aws_vpc_endpoint: 'service_name', 'AWS::EC2::VPCEndpoint': 'ServiceName' };

export const bedrockPrivateEndpoint: EvidenceDetector = {
  id: 'bedrock-private-endpoint',
  title: 'Applications reach Amazon Bedrock through VPC interface endpoints (AWS PrivateLink)',
  practices: ['GENSEC01-BP02'],
  detect: (facts) =>
    resourceEvidence(
      facts,
      { aws_vpc_endpoint: privateEndpoint, 'AWS::EC2::VPCEndpoint': privateEndpoint },
      (r) => stringsDeep(field(r.props, VPC_ENDPOINTS[r.resourceType])).some((s) => /(^|\.)bedrock(-runtime|-agent-runtime|-agent)?$/.test(s.value) || /\.bedrock(-runtime|-agent-runtime)?(\.|$)/.test(s.value)),
    ),
};

const privateEndpoint = (name: string) => `VPC endpoint \`${name}\` for Amazon Bedrock`;

export const bedrockInfrastructureAsCode: EvidenceDetector = {
  id: 'bedrock-infrastructure-as-code',
  title: 'Generative AI resources (Bedrock agents, knowledge bases, guardrails, prompts) are defined as infrastructure as code',
  practices: ['GENOPS04-BP01'],
  detect: (facts) => {
    const resources = facts.resources.filter((r) => /^(aws_bedrock|awscc_bedrock|AWS::Bedrock::)/.test(r.resourceType));
    if (resources.length === 0) return [];
    const more = resources.length > 1 ? ` and ${resources.length - 1} more` : '';
    return [{ span: resources[0].nameSpan, message: `Bedrock resources defined as code (\`${resources[0].resourceType}\` \`${resources[0].name}\`${more})` }];
  },
};

const KB_RETRIEVERS = [
  'langchain_aws.AmazonKnowledgeBasesRetriever',
  'langchain_aws.retrievers.AmazonKnowledgeBasesRetriever',
  'langchain_community.retrievers.AmazonKnowledgeBasesRetriever',
  'llama_index.retrievers.bedrock.AmazonKnowledgeBasesRetriever',
  '@langchain/aws.AmazonKnowledgeBaseRetriever',
];

export const knowledgeBaseRetrieval: EvidenceDetector = {
  id: 'knowledge-base-retrieval',
  title: 'Answers are grounded in documents retrieved from a managed Amazon Bedrock knowledge base',
  practices: ['RAISP02-BP08', 'GENPERF03-BP01'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_bedrockagent_knowledge_base: 'Bedrock knowledge base', 'AWS::Bedrock::KnowledgeBase': 'Bedrock knowledge base' }),
    ...callEvidence(
      facts.calls.filter((c) => ['retrieve_and_generate', 'retrieve_and_generate_stream'].includes(bedrockOperation(c) ?? '') || isBoto3Call(c, 'bedrock-agent-runtime', 'retrieve', 'knowledgeBaseId')),
      (c) => `answers grounded in a knowledge base (\`${c.name}\`)`,
    ),
    ...callEvidence(callsTo(facts, KB_RETRIEVERS), (c) => `knowledge base retriever (\`${c.qualifiedName!.split('.').pop()}\`)`),
  ],
};

const CONFIRMATION_KEYS = new Set(['require_confirmation', 'RequireConfirmation', 'requireConfirmation']);
const INTERRUPTS = ['langgraph.types.interrupt', 'langchain.agents.middleware.HumanInTheLoopMiddleware', '@langchain/langgraph.interrupt'];

export const agentHumanConfirmation: EvidenceDetector = {
  id: 'agent-human-confirmation',
  title: 'Agents stop for a person to confirm chosen actions (Bedrock action confirmation, LangGraph interrupts)',
  practices: ['RAIUC04-BP02'],
  detect: (facts) => [
    ...keyed(facts, CONFIRMATION_KEYS)
      .filter(({ prop }) => stringOf(prop.value)?.toUpperCase() === 'ENABLED')
      .slice(0, 1)
      .map(({ prop, owner }) => ({ span: prop.keySpan, message: `agent actions need user confirmation in ${owner}` })),
    ...callEvidence(callsTo(facts, INTERRUPTS), (c) => `the agent waits for a person (\`${c.qualifiedName!.split('.').pop()}\`)`),
    ...callEvidence(
      facts.calls.filter((c) => (facts.imports.has('langgraph') || facts.imports.has('@langchain/langgraph')) && ['interrupt_before', 'interrupt_after', 'interruptBefore', 'interruptAfter'].some((k) => c.args.props.has(k))),
      (c) => `the graph pauses for a person around chosen steps (\`${c.callee}\`)`,
    ),
  ],
};

