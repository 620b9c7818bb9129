import type { Rule } from './rule';
import { rule as bedrockAgentWithoutGuardrail } from './bedrock-agent-without-guardrail';
import { rule as bedrockCallWithoutGuardrail } from './bedrock-call-without-guardrail';
import { rule as bedrockGuardrailNotAttached } from './bedrock-guardrail-not-attached';
import { rule as bedrockWithoutInvocationLogging } from './bedrock-without-invocation-logging';
import { rule as decisionsAboutPeopleWithoutExplainability } from './decisions-about-people-without-explainability';
import { rule as llmCallWithoutMaxTokens } from './llm-call-without-max-tokens';
import { rule as modelPackageApprovedInCode } from './model-package-approved-in-code';
import { rule as sagemakerEndpointWithoutAlarm } from './sagemaker-endpoint-without-alarm';
import { rule as sagemakerEndpointWithoutAutoscaling } from './sagemaker-endpoint-without-autoscaling';
import { rule as sagemakerEndpointWithoutDataCapture } from './sagemaker-endpoint-without-data-capture';
import { rule as sagemakerEndpointWithoutMonitoring } from './sagemaker-endpoint-without-monitoring';
import { rule as sagemakerNotebookDirectInternet } from './sagemaker-notebook-direct-internet';
import { rule as sensitiveAttributesWithoutBiasEvaluation } from './sensitive-attributes-without-bias-evaluation';
import { rule as unsafeModelDeserialization } from './unsafe-model-deserialization';

/** Every rule, in the order findings are reported for the same location. */
export const RULES: readonly Rule[] = [
  bedrockCallWithoutGuardrail,
  llmCallWithoutMaxTokens,
  sagemakerEndpointWithoutDataCapture,
  sagemakerNotebookDirectInternet,
  bedrockAgentWithoutGuardrail,
  unsafeModelDeserialization,
  sagemakerEndpointWithoutMonitoring,
  sagemakerEndpointWithoutAutoscaling,
  bedrockWithoutInvocationLogging,
  bedrockGuardrailNotAttached,
  sagemakerEndpointWithoutAlarm,
  sensitiveAttributesWithoutBiasEvaluation,
  decisionsAboutPeopleWithoutExplainability,
  modelPackageApprovedInCode,
];

export type { Rule, RuleMeta } from './rule';
