// What kind of output a Bedrock model call asks for: text (and chat), or something text-generation checks do not
// concern (embeddings, reranking, images, video). Decided from everything the code shows, strongest first: the model
// ID (a literal, a constant, a default), the request body's shape, the keys the code reads from the response, and the
// names the code gives the model ID.
//
// Sources (request and response fields): the Amazon Bedrock User Guide's model parameter pages,
// https://docs.aws.amazon.com/bedrock/latest/userguide/ —
//   model-parameters-titan-embed-text.html (Titan Text Embeddings G1/V2: `inputText`, `dimensions`, `normalize`,
//     `embeddingTypes`; response `embedding`, `embeddingsByType`),
//   model-parameters-titan-embed-mm.html (Titan Multimodal Embeddings: `inputText`, `inputImage`, `embeddingConfig`),
//   model-parameters-embed.html (Cohere Embed: `texts`, `images`, `input_type`, `truncate`, `embedding_types`;
//     response `embeddings`),
//   model-parameters-marengo.html (TwelveLabs Marengo Embed: `inputType`, `inputText`, `mediaSource`),
//   rerank-supported.html / model-parameters-cohere-rerank (`query`, `documents`, `top_n`, `api_version`),
//   model-parameters-titan-image.html (Titan Image Generator: `taskType`, `textToImageParams`, `imageGenerationConfig`;
//     response `images`),
//   model-parameters-diffusion-1-0-text-image.html (Stability SDXL: `text_prompts`, `cfg_scale`; response `artifacts`),
// and the Amazon Nova User Guide, https://docs.aws.amazon.com/nova/latest/userguide/ — image-gen-req-resp-structure.html
// (Nova Canvas: `taskType` with `textToImageParams`…), video-gen-code-examples (Nova Reel: `TEXT_VIDEO`,
// `textToVideoParams`), embeddings-schema.html (Nova Multimodal Embeddings: `taskType` `SINGLE_EMBEDDING`,
// `singleEmbeddingParams`; its `schemaVersion` is not the text models' `messages-v1`).
import type { CallFact, FileFacts, ObjectValue, Value } from '../types';
import { field, stringOf } from '../values';
import { enclosingFunction } from '../enclosing';

export type ModelKind = 'text' | 'embedding' | 'rerank' | 'image' | 'video';

/** Model IDs of models that produce no text: embeddings, rerankers, image and video generators. */
const NON_TEXT_MODEL_IDS: [RegExp, ModelKind][] = [
  [/embed/i, 'embedding'], // amazon.titan-embed-*, cohere.embed-*, twelvelabs.marengo-embed-*, amazon.nova-2-multimodal-embeddings-*
  [/rerank/i, 'rerank'], // amazon.rerank-v1:0, cohere.rerank-v3-5:0
  [/image|canvas|stable-diffusion|stability\.|sd3|titan-tg1-large-image/i, 'image'], // amazon.titan-image-*, amazon.nova-canvas-*, stability.*
  [/reel/i, 'video'], // amazon.nova-reel-*
];

/** Body keys only non-text requests have, with the kind they mark. Checked before the text markers below. */
const NON_TEXT_BODY_KEYS: [string, ModelKind][] = [
  ['embeddingConfig', 'embedding'],
  ['dimensions', 'embedding'],
  ['normalize', 'embedding'],
  ['embeddingTypes', 'embedding'],
  ['embedding_types', 'embedding'],
  ['input_type', 'embedding'],
  ['inputType', 'embedding'],
  ['singleEmbeddingParams', 'embedding'],
  ['segmentedEmbeddingParams', 'embedding'],
  ['inputImage', 'embedding'],
  ['textToImageParams', 'image'],
  ['imageGenerationConfig', 'image'],
  ['inPaintingParams', 'image'],
  ['outPaintingParams', 'image'],
  ['imageVariationParams', 'image'],
  ['colorGuidedGenerationParams', 'image'],
  ['backgroundRemovalParams', 'image'],
  ['text_prompts', 'image'],
  ['cfg_scale', 'image'],
  ['aspect_ratio', 'image'], // Stability SD3, Stable Image Core/Ultra (with `prompt`)
  ['output_format', 'image'],
  ['textToVideoParams', 'video'],
  ['videoGenerationConfig', 'video'],
];
/** `taskType` values of Titan Image Generator, Nova Canvas, Nova Reel and Nova Multimodal Embeddings. */
const TASK_TYPE_KINDS: [RegExp, ModelKind][] = [
  [/EMBEDDING/, 'embedding'],
  [/VIDEO/, 'video'],
  [/IMAGE|PAINTING|GENERATION|BACKGROUND|TRY_ON/, 'image'],
];
/** Body keys that mark a text-generation request. */
const TEXT_BODY_KEYS = ['messages', 'anthropic_version', 'prompt', 'textGenerationConfig', 'max_tokens', 'max_tokens_to_sample', 'max_gen_len', 'max_new_tokens', 'inferenceConfig', 'system'];
/** Response keys that only non-text results have. */
const NON_TEXT_RESULT_KEYS: [string, ModelKind][] = [
  ['embedding', 'embedding'],
  ['embeddings', 'embedding'],
  ['embeddingsByType', 'embedding'],
  ['images', 'image'],
  ['artifacts', 'image'],
];
/** The result keys `resultKeys` of a call need to record (everything `modelKindOf` reads). */
export const RESULT_KIND_KEYS: ReadonlySet<string> = new Set(NON_TEXT_RESULT_KEYS.map(([key]) => key));
/** Names code gives to a non-text model ID (`EMBED_MODEL_ID`, `self.embedding_model`, `IMAGE_MODEL`). */
const NON_TEXT_NAMES: [RegExp, ModelKind][] = [
  [/embed/i, 'embedding'],
  [/rerank/i, 'rerank'],
  [/image|canvas|diffusion/i, 'image'],
  [/video|reel/i, 'video'],
];

/** The kind a model ID names, when it is known; `text` for any other known ID. */
export function kindOfModelId(modelId: string): ModelKind {
  return NON_TEXT_MODEL_IDS.find(([pattern]) => pattern.test(modelId))?.[1] ?? 'text';
}

/** The model ID a value holds, or falls back to (a default parameter, an environment variable's default). */
export function modelIdIn(value: Value | undefined): string | undefined {
  return stringOf(value) ?? (value?.kind === 'unknown' ? stringOf(value.fallback) : undefined);
}

/** The kind a request body shows: non-text keys first (Titan's `inputText` is shared by text and embedding models). */
export function kindOfBody(body: ObjectValue): ModelKind | undefined {
  const taskType = stringOf(field(body, 'taskType'));
  if (taskType) return TASK_TYPE_KINDS.find(([pattern]) => pattern.test(taskType))?.[1];
  for (const [key, kind] of NON_TEXT_BODY_KEYS) if (body.props.has(key)) return kind;
  if (body.props.has('query') && body.props.has('documents')) return 'rerank';
  if (body.props.has('texts')) return 'embedding';
  if (TEXT_BODY_KEYS.some((key) => body.props.has(key))) return 'text';
  return undefined;
}

/** The kind the keys read from a call's result show (`["embedding"]`, `.get("images")`). */
export function kindOfResult(call: CallFact): ModelKind | undefined {
  for (const key of call.resultKeys ?? []) {
    const kind = NON_TEXT_RESULT_KEYS.find(([k]) => k === key)?.[1];
    if (kind) return kind;
  }
  return undefined;
}

/** The kind the code's name for an unknown model ID says (`EMBEDDING_MODEL_ID`): read only when nothing else decides. */
export function kindOfName(name: string): ModelKind | undefined {
  return NON_TEXT_NAMES.find(([pattern]) => pattern.test(name))?.[1];
}

const MODEL_ID_KEYS = ['modelId', 'model_id', 'model'];
/** The argument keys `modelKindOf` reads. */
export const MODEL_KIND_KEYS: readonly string[] = [...MODEL_ID_KEYS, 'body'];

/** The model ID of a call (`modelId` for boto3 and the AWS SDK, `model_id`/`model` for LangChain): written, or its fallback. */
export function modelIdOf(call: CallFact): string | undefined {
  for (const key of MODEL_ID_KEYS) {
    const value = call.args.props.get(key)?.value;
    if (value) return modelIdIn(value);
  }
  return undefined;
}

/**
 * The kind of model a call asks, from everything known, strongest first: the model ID (written, a constant, a
 * default), the request body's shape, the keys read from the result, then the names the code gives the model ID, the
 * body and the function the call is in (`EMBEDDING_MODEL_ID`, `generate_embeddings`). Undefined when nothing tells.
 */
export function modelKindOf(call: CallFact, facts?: FileFacts): ModelKind | undefined {
  const modelId = modelIdOf(call);
  if (modelId !== undefined) return kindOfModelId(modelId);
  const body = call.args.props.get('body')?.value;
  const fromBody = body?.kind === 'object' ? kindOfBody(body) : undefined;
  if (fromBody) return fromBody;
  const fromResult = kindOfResult(call);
  if (fromResult) return fromResult;
  for (const name of [...MODEL_ID_KEYS.map((key) => nameOf(call.args.props.get(key)?.value)), nameOf(body)]) {
    const kind = name === undefined ? undefined : kindOfName(name);
    if (kind) return kind;
  }
  const fn = enclosingFunction(call.span, facts);
  return fn && kindOfName(fn.name);
}

function nameOf(value: Value | undefined): string | undefined {
  return value?.kind === 'unknown' ? value.name : undefined;
}
