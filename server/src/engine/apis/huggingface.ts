// Hugging Face Hub references in facts: which strings name a Hub repository and which revisions are immutable.
import type { Triggers } from '../triggers';

/** The libraries that download from the Hugging Face Hub (`transformers`, `sentence_transformers`, `diffusers`, `huggingface_hub`). */
export const HUGGING_FACE_HUB_TRIGGERS: Triggers = ['transformers', 'diffusers', 'huggingface_hub'];

/** `bert-base-uncased`, `meta-llama/Llama-3.1-8B-Instruct`: one optional namespace, then the repository name. */
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;
/** Names of files a model is saved as: a path, not a repository. */
const FILE_EXTENSION = /\.(bin|pt|pth|ckpt|safetensors|json|onnx|gguf|h5|pkl|msgpack|model)$/i;
/** First path segments that name a local folder, not a Hub namespace (`outputs/final`, `checkpoints/best`). */
const LOCAL_ROOTS = /^(outputs?|models?|checkpoints?|ckpts?|results?|artifacts?|saved_models?|weights|runs|experiments?|tmp|data|local|cache)$/i;
/** Branches move; a commit SHA does not. */
const MOVING_REVISIONS = new Set(['main', 'master']);

/**
 * True when a known string reads as a Hub repository id rather than a local path (`./model`, `/opt/ml/model`,
 * `outputs/final`, `checkpoint-500`). A bare name counts only when it looks like the Hub's own unprefixed ids
 * (`gpt2`, `bert-base-uncased`): a hyphen or digit, no underscore.
 */
export function isHubId(id: string): boolean {
  if (!HUB_ID.test(id) || id.includes('..') || FILE_EXTENSION.test(id)) return false;
  const [first, second] = id.split('/');
  if (second !== undefined) return !LOCAL_ROOTS.test(first);
  return /[-\d]/.test(first) && !first.includes('_') && !/^(checkpoint|ckpt|output|model)/i.test(first);
}

/** A full or abbreviated commit SHA. */
export function isCommitSha(revision: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(revision);
}

export function isMovingRevision(revision: string): boolean {
  return MOVING_REVISIONS.has(revision);
}
