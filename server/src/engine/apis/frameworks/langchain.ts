// LangChain chat models whose settings the older rules do not read: `ChatAnthropic`'s timeout (Python), and the
// Bedrock models of LangChain JS (`@langchain/aws`, `@langchain/community`).
import type { ModelClass } from '../modelSettings';

/**
 * `ChatAnthropic(default_request_timeout=None)` (alias `timeout`; langchain-ai/langchain
 * libs/partners/anthropic/langchain_anthropic/chat_models.py, `_client_params`): "None is a meaningful value for
 * Anthropic client" — it is passed on as `timeout=None`, so requests wait without a timeout; a value of 0 or less is
 * not passed, leaving the SDK's 10 minutes.
 */
export const CHAT_ANTHROPIC: ModelClass = {
  label: 'ChatAnthropic',
  framework: 'LangChain',
  names: ['langchain_anthropic.ChatAnthropic', 'langchain_anthropic.ChatAnthropicMessages'],
  source: 'langchain-ai/langchain libs/partners/anthropic/langchain_anthropic/chat_models.py',
  timeout: { paths: [['timeout'], ['default_request_timeout']], whenAbsent: 'forever', whenNone: 'forever', nonPositive: 'sdk-default', sdk: 'Anthropic', fix: 60 },
};

/**
 * `new ChatBedrockConverse({ guardrailConfig, maxTokens })` (langchain-ai/langchainjs libs/langchain-aws/src/chat_models.ts):
 * both go into the Converse request as given; `maxTokens` defaults to `undefined`, so no limit is sent.
 */
export const CHAT_BEDROCK_CONVERSE_JS: ModelClass = {
  label: 'ChatBedrockConverse',
  framework: 'LangChain JS',
  names: ['@langchain/aws.ChatBedrockConverse'],
  source: 'langchain-ai/langchainjs libs/langchain-aws/src/chat_models.ts',
  modelArgument: 'model',
  guardrail: { paths: [['guardrailConfig']], fix: { guardrailConfig: { guardrailIdentifier: '<guardrail-id>', guardrailVersion: 'DRAFT' } } },
  maxTokens: { paths: [['maxTokens']] },
};

/**
 * `BedrockChat` and the `Bedrock` LLM of `@langchain/community` (libs/langchain-community/src/chat_models/bedrock/web.ts):
 * `guardrailIdentifier` and `guardrailVersion` default to `""`, and no guardrail is sent without both.
 */
export const COMMUNITY_BEDROCK_JS: ModelClass = {
  label: 'BedrockChat',
  framework: 'LangChain JS',
  names: [
    '@langchain/community/chat_models/bedrock.BedrockChat',
    '@langchain/community/chat_models/bedrock/web.BedrockChat',
    '@langchain/community/llms/bedrock.Bedrock',
    '@langchain/community/llms/bedrock/web.Bedrock',
  ],
  source: 'langchain-ai/langchainjs libs/langchain-community/src/chat_models/bedrock/web.ts',
  modelArgument: 'model',
  guardrail: { paths: [['guardrailIdentifier']], requires: ['guardrailVersion'], fix: { guardrailIdentifier: '<guardrail-id>', guardrailVersion: 'DRAFT' } },
};

export const LANGCHAIN_MODELS: readonly ModelClass[] = [CHAT_ANTHROPIC, CHAT_BEDROCK_CONVERSE_JS, COMMUNITY_BEDROCK_JS];
