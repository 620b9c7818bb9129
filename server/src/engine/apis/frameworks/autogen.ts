// AutoGen (Python, autogen-ext 0.4+): model clients, read from microsoft/autogen.
import type { ModelClass } from '../modelSettings';

/**
 * `OpenAIChatCompletionClient(**OpenAIClientConfiguration)` and the Azure client
 * (python/packages/autogen-ext/src/autogen_ext/models/openai/_openai_client.py and config/__init__.py): `timeout` and
 * `max_retries` go to `openai.AsyncOpenAI` (10-minute default; an explicit `None` means no timeout), `max_tokens` into
 * every request, with none by default.
 */
export const OPENAI_CLIENT: ModelClass = {
  label: 'OpenAIChatCompletionClient',
  framework: 'AutoGen',
  names: [
    'autogen_ext.models.openai.OpenAIChatCompletionClient',
    'autogen_ext.models.openai.AzureOpenAIChatCompletionClient',
    'autogen_ext.models.openai._openai_client.OpenAIChatCompletionClient',
    'autogen_ext.models.openai._openai_client.AzureOpenAIChatCompletionClient',
  ],
  source: 'microsoft/autogen python/packages/autogen-ext/src/autogen_ext/models/openai/config/__init__.py',
  modelArgument: 'model',
  maxTokens: { paths: [['max_tokens'], ['max_completion_tokens']] },
  timeout: { paths: [['timeout']], whenAbsent: 'sdk-default', whenNone: 'forever', sdk: 'OpenAI', fix: 60 },
};

export const AUTOGEN_MODELS: readonly ModelClass[] = [OPENAI_CLIENT];
