import { stringOf } from '../../values';
import type { CallFact } from '../../types';

export type BedrockOperation =
  | 'converse'
  | 'converse_stream'
  | 'invoke_model'
  | 'invoke_model_with_response_stream'
  | 'retrieve_and_generate'
  | 'retrieve_and_generate_stream';

const RUNTIME_OPERATIONS = new Set(['converse', 'converse_stream', 'invoke_model', 'invoke_model_with_response_stream']);
/** Models that neither take guardrails on their output nor produce text: embeddings, rerankers, image and video. */
const NON_TEXT_MODEL = /embed|rerank|image|canvas|reel|stable-diffusion|stability\.|sd3|titan-tg1-large-image/i;

/**
 * The Bedrock runtime operation a Python call makes, if it is one: the receiver is a `bedrock-runtime`
 * (or `bedrock-agent-runtime`) boto3 client, or an untyped receiver called with Bedrock's own camelCase keywords.
 */
export function bedrockOperation(call: CallFact): BedrockOperation | undefined {
  if (RUNTIME_OPERATIONS.has(call.name)) {
    if (call.receiverType === 'boto3:bedrock-runtime') return call.name as BedrockOperation;
    if (call.receiverType === undefined && call.args.props.has('modelId')) return call.name as BedrockOperation;
    return undefined;
  }
  if (call.name === 'retrieve_and_generate' || call.name === 'retrieve_and_generate_stream') {
    if (call.receiverType === 'boto3:bedrock-agent-runtime') return call.name;
    if (call.receiverType === undefined && call.args.props.has('retrieveAndGenerateConfiguration')) return call.name;
  }
  return undefined;
}

/** The model ID when it is a literal string (`modelId` for boto3, `model_id`/`model` for LangChain). */
export function modelIdOf(call: CallFact): string | undefined {
  for (const key of ['modelId', 'model_id', 'model']) {
    const value = call.args.props.get(key)?.value;
    if (value) return stringOf(value);
  }
  return undefined;
}

/** True when the model is known not to generate text (embeddings, images), so text-output checks do not apply. */
export function isNonTextModel(call: CallFact): boolean {
  const modelId = modelIdOf(call);
  return modelId !== undefined && NON_TEXT_MODEL.test(modelId);
}
