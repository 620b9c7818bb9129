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
import { rule as sagemakerModelWithoutNetworkIsolation } from './sagemaker-model-without-network-isolation';
import { rule as sagemakerModelWithoutVpc } from './sagemaker-model-without-vpc';
import { rule as sagemakerEndpointWithoutKmsKey } from './sagemaker-endpoint-without-kms-key';
import { rule as sagemakerEndpointSingleInstance } from './sagemaker-endpoint-single-instance';
import { rule as sagemakerNotebookRootAccess } from './sagemaker-notebook-root-access';
import { rule as sagemakerNotebookWithoutKmsKey } from './sagemaker-notebook-without-kms-key';
import { rule as sagemakerNotebookWithoutVpc } from './sagemaker-notebook-without-vpc';
import { rule as sagemakerDomainPublicInternet } from './sagemaker-domain-public-internet';
import { rule as sagemakerDomainWithoutKmsKey } from './sagemaker-domain-without-kms-key';
import { rule as bedrockAgentWithoutKmsKey } from './bedrock-agent-without-kms-key';
import { rule as bedrockGuardrailWeakPromptAttackFilter } from './bedrock-guardrail-weak-prompt-attack-filter';
import { rule as bedrockGuardrailWithoutPiiFilter } from './bedrock-guardrail-without-pii-filter';
import { rule as bedrockGuardrailWithoutKmsKey } from './bedrock-guardrail-without-kms-key';
import { rule as bedrockGuardrailWithoutContextualGrounding } from './bedrock-guardrail-without-contextual-grounding';
import { rule as bedrockInvocationLoggingWithoutData } from './bedrock-invocation-logging-without-data';
import { rule as bedrockKnowledgeBaseDataSourceWithoutKmsKey } from './bedrock-knowledge-base-data-source-without-kms-key';
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
  sagemakerEndpointWithoutMonitoring,
  sagemakerEndpointWithoutAutoscaling,
  bedrockWithoutInvocationLogging,
  bedrockGuardrailNotAttached,
  sagemakerEndpointWithoutAlarm,
  sensitiveAttributesWithoutBiasEvaluation,
  decisionsAboutPeopleWithoutExplainability,
  modelPackageApprovedInCode,
  sagemakerModelWithoutNetworkIsolation,
  sagemakerModelWithoutVpc,
  sagemakerEndpointWithoutKmsKey,
  sagemakerEndpointSingleInstance,
  sagemakerNotebookRootAccess,
  sagemakerNotebookWithoutKmsKey,
  sagemakerNotebookWithoutVpc,
  sagemakerDomainPublicInternet,
  sagemakerDomainWithoutKmsKey,
  bedrockAgentWithoutKmsKey,
  bedrockGuardrailWeakPromptAttackFilter,
  bedrockGuardrailWithoutPiiFilter,
  bedrockGuardrailWithoutKmsKey,
  bedrockGuardrailWithoutContextualGrounding,
  bedrockInvocationLoggingWithoutData,
  bedrockKnowledgeBaseDataSourceWithoutKmsKey,
  agentLoopWithoutBound,
  llmClientWithoutTimeout,
  llmOutputToUnsafeSink,
  userInputInSystemPrompt,
  hardcodedProviderSecret,
];

export type { Rule, RuleMeta } from './rule';
