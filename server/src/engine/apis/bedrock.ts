import type { CallFact, FileFacts } from '../types';
import { kindOfModelId, MODEL_KIND_KEYS, modelKindOf } from './modelKinds';
export { modelIdOf } from './modelKinds';
import type { Triggers } from '../triggers';

/**
 * What the text of a file that makes a Bedrock call or defines a Bedrock resource holds (see `Triggers`): the service's
 * name (boto3's `client("bedrock-runtime")`, the AWS SDK modules, the resource types and CDK constructs, LangChain's
 * Bedrock classes) or, for a client made elsewhere, the runtime operations `bedrockOperation` knows by their keywords.
 */
export const BEDROCK_TRIGGERS: Triggers = ['bedrock', 'converse', 'invoke_model', 'retrieve_and_generate'];
/** `isApplyGuardrail`: Bedrock's, or a client's of unknown type called with its keywords. */
export const APPLY_GUARDRAIL_TRIGGERS: Triggers = ['bedrock', 'apply_guardrail'];

export type BedrockOperation =
  | 'converse'
  | 'converse_stream'
  | 'invoke_model'
  | 'invoke_model_with_response_stream'
  | 'retrieve_and_generate'
  | 'retrieve_and_generate_stream';

const RUNTIME_OPERATIONS = new Set(['converse', 'converse_stream', 'invoke_model', 'invoke_model_with_response_stream']);
const RUNTIME_SDK = '@aws-sdk/client-bedrock-runtime';
const AGENT_RUNTIME_SDK = '@aws-sdk/client-bedrock-agent-runtime';
/** AWS SDK for JavaScript v3: command classes, and the aggregated clients' method names. */
const SDK_COMMANDS: Record<string, BedrockOperation> = {
  [`${RUNTIME_SDK}.ConverseCommand`]: 'converse',
  [`${RUNTIME_SDK}.ConverseStreamCommand`]: 'converse_stream',
  [`${RUNTIME_SDK}.InvokeModelCommand`]: 'invoke_model',
  [`${RUNTIME_SDK}.InvokeModelWithResponseStreamCommand`]: 'invoke_model_with_response_stream',
  [`${AGENT_RUNTIME_SDK}.RetrieveAndGenerateCommand`]: 'retrieve_and_generate',
  [`${AGENT_RUNTIME_SDK}.RetrieveAndGenerateStreamCommand`]: 'retrieve_and_generate_stream',
};
const SDK_METHODS: Record<string, Record<string, BedrockOperation>> = {
  [`${RUNTIME_SDK}.BedrockRuntime`]: { converse: 'converse', converseStream: 'converse_stream', invokeModel: 'invoke_model', invokeModelWithResponseStream: 'invoke_model_with_response_stream' },
  [`${AGENT_RUNTIME_SDK}.BedrockAgentRuntime`]: { retrieveAndGenerate: 'retrieve_and_generate', retrieveAndGenerateStream: 'retrieve_and_generate_stream' },
};

const COMMANDS = new Map(Object.entries(SDK_COMMANDS));
const METHODS = new Map(Object.entries(SDK_METHODS));

/**
 * The Bedrock runtime operation a call makes, if it is one. Python: the receiver is a `bedrock-runtime` (or
 * `bedrock-agent-runtime`) boto3 client, or an untyped receiver called with Bedrock's own camelCase keywords.
 * TypeScript/JavaScript: an AWS SDK v3 command (`new ConverseCommand({...})`) or an aggregated client's method.
 */
export function bedrockOperation(call: CallFact): BedrockOperation | undefined {
  // Maps, not `in` on the objects: every rule asks this of every call.
  if (call.qualifiedName) {
    const command = COMMANDS.get(call.qualifiedName);
    if (command) return command;
  }
  if (call.receiverType) {
    const methods = METHODS.get(call.receiverType);
    if (methods) return methods[call.name];
  }
  // A method of an unknown client called with Bedrock's own keywords; a plain function (`converse(request)`) is not one.
  const onUnknownClient = call.receiverType === undefined && call.callee.includes('.');
  if (RUNTIME_OPERATIONS.has(call.name)) {
    if (call.receiverType === 'boto3:bedrock-runtime') return call.name as BedrockOperation;
    if (onUnknownClient && call.args.props.has('modelId')) return call.name as BedrockOperation;
    return undefined;
  }
  if (call.name === 'retrieve_and_generate' || call.name === 'retrieve_and_generate_stream') {
    if (call.receiverType === 'boto3:bedrock-agent-runtime') return call.name;
    if (onUnknownClient && call.args.props.has('retrieveAndGenerateConfiguration')) return call.name;
  }
  return undefined;
}

/** The argument keys `bedrockOperation` reads (for cross-file rules' `WorkspaceReads.callKeys`). */
export const BEDROCK_OPERATION_KEYS: readonly string[] = ['modelId', 'retrieveAndGenerateConfiguration'];
/** The argument keys `isNonTextModel` reads. */
export const NON_TEXT_MODEL_KEYS: readonly string[] = [...BEDROCK_OPERATION_KEYS, ...MODEL_KIND_KEYS];

/**
 * True when the model is known not to generate text (embeddings, rerankers, images, video), so text-output checks do
 * not apply: see `modelKindOf` for what decides it. `facts` adds the name of the function the call is in.
 */
export function isNonTextModel(call: CallFact, facts?: FileFacts): boolean {
  // Converse serves models that answer messages: whatever the code calls it, it asks for text.
  const operation = bedrockOperation(call);
  if (operation === 'converse' || operation === 'converse_stream') return false;
  const kind = modelKindOf(call, facts);
  return kind !== undefined && kind !== 'text';
}

/** True for the ID of a model known not to generate text. */
export function isNonTextModelId(modelId: string | undefined): boolean {
  return modelId !== undefined && kindOfModelId(modelId) !== 'text';
}

/** Bedrock's standalone ApplyGuardrail API: boto3, or AWS SDK for JavaScript v3. */
export function isApplyGuardrail(call: CallFact): boolean {
  return (
    (call.name === 'apply_guardrail' && (call.receiverType === 'boto3:bedrock-runtime' || call.args.props.has('guardrailIdentifier'))) ||
    call.qualifiedName === '@aws-sdk/client-bedrock-runtime.ApplyGuardrailCommand' ||
    (call.name === 'applyGuardrail' && call.receiverType === '@aws-sdk/client-bedrock-runtime.BedrockRuntime')
  );
}

/**
 * LangChain's Bedrock models and the argument that takes their guardrail. langchain-aws reads `guardrailIdentifier`
 * and `guardrailVersion` from `guardrails`; the older langchain-community classes read `id` and `version`.
 * `ChatBedrockConverse` takes `guardrail_config` (alias `guardrails`) in Converse's own shape.
 */
export const LANGCHAIN_BEDROCK: Record<string, { args: string[]; keys: [string, string] }> = {
  ChatBedrock: { args: ['guardrails'], keys: ['guardrailIdentifier', 'guardrailVersion'] },
  BedrockLLM: { args: ['guardrails'], keys: ['guardrailIdentifier', 'guardrailVersion'] },
  ChatBedrockConverse: { args: ['guardrail_config', 'guardrails'], keys: ['guardrailIdentifier', 'guardrailVersion'] },
  BedrockChat: { args: ['guardrails'], keys: ['id', 'version'] },
  Bedrock: { args: ['guardrails'], keys: ['id', 'version'] },
};
export const LANGCHAIN_AWS_ONLY = new Set(['ChatBedrock', 'BedrockLLM', 'ChatBedrockConverse']);
