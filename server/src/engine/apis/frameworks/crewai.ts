// CrewAI (Python): `LLM` on Amazon Bedrock and agents given a Bedrock model ID, read from crewAIInc/crewAI.
import { stringOf } from '../../values';
import type { CallFact } from '../../types';
import type { ImpliedModel, ModelClass } from '../modelSettings';

const FRAMEWORK = 'CrewAI';

/** `bedrock/…` model IDs (or `provider="bedrock"`) go to CrewAI's native Bedrock provider, or through LiteLLM. */
export function isBedrockModelId(id: string): boolean {
  return /^(bedrock|aws)\//.test(id);
}

function callsBedrock(call: CallFact): boolean {
  const model = stringOf(call.args.props.get('model')?.value ?? call.positional[0]);
  return (model !== undefined && isBedrockModelId(model)) || stringOf(call.args.props.get('provider')?.value) === 'bedrock';
}

/**
 * `LLM(model="bedrock/…", …)` (lib/crewai/src/crewai/llm.py routes it to
 * lib/crewai/src/crewai/llms/providers/bedrock/completion.py): `guardrail_config` in Converse's own shape becomes the
 * request's `guardrailConfig`, and `max_tokens` its `inferenceConfig.maxTokens`; neither has a default. Through
 * LiteLLM (`is_litellm=True`, older releases) the guardrail is passed as `guardrailConfig`.
 */
export const LLM: ModelClass = {
  label: 'LLM',
  framework: FRAMEWORK,
  names: ['crewai.LLM', 'crewai.llm.LLM'],
  source: 'crewAIInc/crewAI lib/crewai/src/crewai/llms/providers/bedrock/completion.py',
  applies: callsBedrock,
  guardrail: {
    paths: [['guardrail_config'], ['guardrailConfig']],
    fix: { guardrail_config: { guardrailIdentifier: '<guardrail-id>', guardrailVersion: 'DRAFT' } },
  },
  maxTokens: { paths: [['max_tokens'], ['max_completion_tokens']] },
};

/** `Agent(llm="bedrock/…")` (lib/crewai/src/crewai/agent/core.py): the string is turned into `LLM(model=…)`. */
export const AGENT: ImpliedModel = {
  label: 'Agent',
  framework: FRAMEWORK,
  names: ['crewai.Agent', 'crewai.agent.Agent'],
  source: 'crewAIInc/crewAI lib/crewai/src/crewai/agent/core.py',
  argument: 'llm',
  absentMeansDefault: false,
  builds: LLM,
  accepts: isBedrockModelId,
};

export const CREWAI_MODELS: readonly ModelClass[] = [LLM];
export const CREWAI_IMPLIED: readonly ImpliedModel[] = [AGENT];
