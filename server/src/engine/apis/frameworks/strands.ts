// Strands Agents (Python): its model providers and `Agent`, read from strands-agents/sdk-python.
import type { ImpliedModel, ModelClass } from '../modelSettings';

const FRAMEWORK = 'Strands Agents';
const PLACEHOLDER_GUARDRAIL = '<guardrail-id>';

/**
 * `BedrockModel(**model_config)` (src/strands/models/bedrock.py): `_format_request` adds `guardrailConfig` only when both
 * `guardrail_id` and `guardrail_version` are set, and `inferenceConfig.maxTokens` only when `max_tokens` is; there is no
 * default limit. Its boto3 client reads with `read_timeout=120` unless given a `boto_client_config`: bounded.
 */
export const BEDROCK_MODEL: ModelClass = {
  label: 'BedrockModel',
  framework: FRAMEWORK,
  names: ['strands.models.BedrockModel', 'strands.models.bedrock.BedrockModel'],
  source: 'strands-agents/sdk-python src/strands/models/bedrock.py',
  modelArgument: 'model_id',
  guardrail: { paths: [['guardrail_id']], requires: ['guardrail_version'], fix: { guardrail_id: PLACEHOLDER_GUARDRAIL, guardrail_version: 'DRAFT' } },
  maxTokens: { paths: [['max_tokens']] },
  configMethods: ['update_config'],
};

/**
 * `OpenAIModel(client=None, client_args=None, **model_config)` (src/strands/models/openai.py): builds
 * `openai.AsyncOpenAI(**client_args)`, whose default timeout is 10 minutes; request settings such as `max_tokens`
 * go in `params`, with none by default.
 */
export const OPENAI_MODEL: ModelClass = {
  label: 'OpenAIModel',
  framework: FRAMEWORK,
  names: ['strands.models.openai.OpenAIModel', 'strands.models.OpenAIModel'],
  source: 'strands-agents/sdk-python src/strands/models/openai.py',
  modelArgument: 'model_id',
  maxTokens: { paths: [['params', 'max_tokens'], ['params', 'max_completion_tokens']] },
  timeout: { paths: [['client_args', 'timeout']], whenAbsent: 'sdk-default', whenNone: 'forever', sdk: 'OpenAI', skipWhen: ['client'], fix: 60 },
  configMethods: ['update_config'],
};

/**
 * `AnthropicModel(client_args=None, **model_config)` (src/strands/models/anthropic.py): builds
 * `anthropic.AsyncAnthropic(**client_args)` (10-minute default timeout); `max_tokens` is required, so always bounded.
 */
export const ANTHROPIC_MODEL: ModelClass = {
  label: 'AnthropicModel',
  framework: FRAMEWORK,
  names: ['strands.models.anthropic.AnthropicModel', 'strands.models.AnthropicModel'],
  source: 'strands-agents/sdk-python src/strands/models/anthropic.py',
  timeout: { paths: [['client_args', 'timeout']], whenAbsent: 'sdk-default', whenNone: 'forever', sdk: 'Anthropic', fix: 60 },
};

/**
 * `Agent(model=None, …)` (src/strands/agent/agent.py): `BedrockModel()` when no model is given, and
 * `BedrockModel(model_id=model)` for a model ID string: no guardrail and no output-token limit.
 */
export const AGENT: ImpliedModel = {
  label: 'Agent',
  framework: FRAMEWORK,
  names: ['strands.Agent', 'strands.agent.Agent', 'strands.agent.agent.Agent'],
  source: 'strands-agents/sdk-python src/strands/agent/agent.py',
  argument: 'model',
  position: 0,
  absentMeansDefault: true,
  builds: BEDROCK_MODEL,
  // `agent.tool.<name>(…)` calls a tool directly, with no model call (src/strands/tools/_caller.py).
  directToolAccess: 'tool',
};

export const STRANDS_MODELS: readonly ModelClass[] = [BEDROCK_MODEL, OPENAI_MODEL, ANTHROPIC_MODEL];
export const STRANDS_IMPLIED: readonly ImpliedModel[] = [AGENT];
