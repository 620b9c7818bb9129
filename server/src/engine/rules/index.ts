import type { Rule } from './rule';
import { rule as bedrockAgentWithoutGuardrail } from './bedrock-agent-without-guardrail';
import { rule as bedrockCallWithoutGuardrail } from './bedrock-call-without-guardrail';
import { rule as llmCallWithoutMaxTokens } from './llm-call-without-max-tokens';
import { rule as sagemakerEndpointWithoutDataCapture } from './sagemaker-endpoint-without-data-capture';
import { rule as sagemakerNotebookDirectInternet } from './sagemaker-notebook-direct-internet';
import { rule as unsafeModelDeserialization } from './unsafe-model-deserialization';
import { rule as agentLoopWithoutBound } from './agent-loop-without-bound';
import { rule as llmClientWithoutTimeout } from './llm-client-without-timeout';
import { rule as llmOutputToUnsafeSink } from './llm-output-to-unsafe-sink';
import { rule as userInputInSystemPrompt } from './user-input-in-system-prompt';
import { rule as hardcodedProviderSecret } from './hardcoded-provider-secret';

/** Every rule, in the order findings are reported for the same location. */
export const RULES: readonly Rule[] = [
  bedrockCallWithoutGuardrail,
  llmCallWithoutMaxTokens,
  sagemakerEndpointWithoutDataCapture,
  sagemakerNotebookDirectInternet,
  bedrockAgentWithoutGuardrail,
  unsafeModelDeserialization,
  agentLoopWithoutBound,
  llmClientWithoutTimeout,
  llmOutputToUnsafeSink,
  userInputInSystemPrompt,
  hardcodedProviderSecret,
];

export type { Rule, RuleMeta } from './rule';
