// LlamaIndex LLM classes (Python), read from run-llama/llama_index's integration packages.
import type { ModelClass } from '../modelSettings';

const FRAMEWORK = 'LlamaIndex';
const GUARDRAIL = { guardrail_identifier: '<guardrail-id>', guardrail_version: 'DRAFT' };

/**
 * `BedrockConverse(model, …, max_tokens=512, timeout=60.0, guardrail_identifier=None, guardrail_version=None)`
 * (llama-index-llms-bedrock-converse, llama_index/llms/bedrock_converse/base.py and utils.py): `converse_with_retry`
 * sends `guardrailConfig` only when both are given. The limit and timeout have bounded defaults.
 */
export const BEDROCK_CONVERSE: ModelClass = {
  label: 'BedrockConverse',
  framework: FRAMEWORK,
  names: ['llama_index.llms.bedrock_converse.BedrockConverse', 'llama_index.llms.bedrock_converse.base.BedrockConverse'],
  source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-bedrock-converse/llama_index/llms/bedrock_converse/base.py',
  modelArgument: 'model',
  guardrail: { paths: [['guardrail_identifier']], requires: ['guardrail_version'], fix: GUARDRAIL },
  maxTokens: { paths: [['max_tokens']], default: 512 },
};

/** The older InvokeModel class `Bedrock` (llama-index-llms-bedrock, llama_index/llms/bedrock/base.py): the same guardrail arguments. */
export const BEDROCK: ModelClass = {
  label: 'Bedrock',
  framework: FRAMEWORK,
  names: ['llama_index.llms.bedrock.Bedrock', 'llama_index.llms.bedrock.base.Bedrock'],
  source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-bedrock/llama_index/llms/bedrock/base.py',
  modelArgument: 'model',
  guardrail: { paths: [['guardrail_identifier']], requires: ['guardrail_version'], fix: GUARDRAIL },
};

/**
 * `OpenAI(model=…, max_tokens=None, timeout=60.0, additional_kwargs=None)` (llama-index-llms-openai,
 * llama_index/llms/openai/base.py): with `max_tokens=None` the request carries no limit; the timeout is bounded.
 * `AzureOpenAI` subclasses it.
 */
export const OPENAI: ModelClass = {
  label: 'OpenAI',
  framework: FRAMEWORK,
  names: ['llama_index.llms.openai.OpenAI', 'llama_index.llms.openai.base.OpenAI', 'llama_index.llms.azure_openai.AzureOpenAI'],
  source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-openai/llama_index/llms/openai/base.py',
  modelArgument: 'model',
  maxTokens: { paths: [['max_tokens'], ['max_new_tokens'], ['additional_kwargs', 'max_tokens'], ['additional_kwargs', 'max_completion_tokens']] },
};

/**
 * `Anthropic(model=…, max_tokens=512, timeout=None, aws_region=None, …)` (llama-index-llms-anthropic,
 * llama_index/llms/anthropic/base.py): passes `timeout=None` to `anthropic.Anthropic`, which then waits without a
 * timeout. With `aws_region` it builds `AnthropicBedrock` without passing the timeout at all (not judged).
 */
export const ANTHROPIC: ModelClass = {
  label: 'Anthropic',
  framework: FRAMEWORK,
  names: ['llama_index.llms.anthropic.Anthropic', 'llama_index.llms.anthropic.base.Anthropic'],
  source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-anthropic/llama_index/llms/anthropic/base.py',
  modelArgument: 'model',
  maxTokens: { paths: [['max_tokens']], default: 512 },
  timeout: { paths: [['timeout']], whenAbsent: 'forever', whenNone: 'forever', sdk: 'Anthropic', skipWhen: ['aws_region'], fix: 60 },
};

export const LLAMAINDEX_MODELS: readonly ModelClass[] = [BEDROCK_CONVERSE, BEDROCK, OPENAI, ANTHROPIC];
