import type { Rule } from './rule';
import { rule as agentLoopWithoutBound } from './agent-loop-without-bound';
import { rule as bedrockAgentWithoutGuardrail } from './bedrock-agent-without-guardrail';
import { rule as bedrockAgentWithoutKmsKey } from './bedrock-agent-without-kms-key';
import { rule as bedrockCallWithoutGuardrail } from './bedrock-call-without-guardrail';
import { rule as bedrockGuardrailDraftVersion } from './bedrock-guardrail-draft-version';
import { rule as bedrockGuardrailNotAttached } from './bedrock-guardrail-not-attached';
import { rule as bedrockGuardrailWeakPromptAttackFilter } from './bedrock-guardrail-weak-prompt-attack-filter';
import { rule as bedrockGuardrailWithoutContextualGrounding } from './bedrock-guardrail-without-contextual-grounding';
import { rule as bedrockGuardrailWithoutKmsKey } from './bedrock-guardrail-without-kms-key';
import { rule as bedrockGuardrailWithoutPiiFilter } from './bedrock-guardrail-without-pii-filter';
import { rule as bedrockInvocationLoggingWithoutData } from './bedrock-invocation-logging-without-data';
import { rule as bedrockKnowledgeBaseDataSourceWithoutKmsKey } from './bedrock-knowledge-base-data-source-without-kms-key';
import { rule as bedrockWithoutInvocationLogging } from './bedrock-without-invocation-logging';
import { rule as decisionsAboutPeopleWithoutExplainability } from './decisions-about-people-without-explainability';
import { rule as hardcodedProviderSecret } from './hardcoded-provider-secret';
import { rule as huggingfaceModelWithoutRevision } from './huggingface-model-without-revision';
import { rule as huggingfaceTrustRemoteCode } from './huggingface-trust-remote-code';
import { rule as jumpstartModelVersionUnpinned } from './jumpstart-model-version-unpinned';
import { rule as llmCallWithoutMaxTokens } from './llm-call-without-max-tokens';
import { rule as llmClientWithoutTimeout } from './llm-client-without-timeout';
import { rule as llmOutputToUnsafeSink } from './llm-output-to-unsafe-sink';
import { rule as modelOutputToUserWithoutGuardrail } from './model-output-to-user-without-guardrail';
import { rule as modelPackageApprovedInCode } from './model-package-approved-in-code';
import { rule as placeholderNotFilledIn } from './placeholder-not-filled-in';
import { rule as sagemakerDomainPublicInternet } from './sagemaker-domain-public-internet';
import { rule as sagemakerDomainWithoutKmsKey } from './sagemaker-domain-without-kms-key';
import { rule as sagemakerEndpointSingleInstance } from './sagemaker-endpoint-single-instance';
import { rule as sagemakerEndpointWithoutAlarm } from './sagemaker-endpoint-without-alarm';
import { rule as sagemakerEndpointWithoutAutoscaling } from './sagemaker-endpoint-without-autoscaling';
import { rule as sagemakerEndpointWithoutDataCapture } from './sagemaker-endpoint-without-data-capture';
import { rule as sagemakerEndpointWithoutKmsKey } from './sagemaker-endpoint-without-kms-key';
import { rule as sagemakerEndpointWithoutMonitoring } from './sagemaker-endpoint-without-monitoring';
import { rule as sagemakerImageUnpinned } from './sagemaker-image-unpinned';
import { rule as sagemakerModelWithoutNetworkIsolation } from './sagemaker-model-without-network-isolation';
import { rule as sagemakerModelWithoutVpc } from './sagemaker-model-without-vpc';
import { rule as sagemakerNotebookDirectInternet } from './sagemaker-notebook-direct-internet';
import { rule as sagemakerNotebookRootAccess } from './sagemaker-notebook-root-access';
import { rule as sagemakerNotebookWithoutKmsKey } from './sagemaker-notebook-without-kms-key';
import { rule as sagemakerNotebookWithoutVpc } from './sagemaker-notebook-without-vpc';
import { rule as sagemakerTrainingWithoutInterContainerEncryption } from './sagemaker-training-without-inter-container-encryption';
import { rule as sagemakerTrainingWithoutKmsKey } from './sagemaker-training-without-kms-key';
import { rule as sagemakerTrainingWithoutNetworkIsolation } from './sagemaker-training-without-network-isolation';
import { rule as sagemakerTrainingWithoutVpc } from './sagemaker-training-without-vpc';
import { rule as sensitiveAttributesWithoutBiasEvaluation } from './sensitive-attributes-without-bias-evaluation';
import { rule as unsafeModelDeserialization } from './unsafe-model-deserialization';
import { rule as userInputInSystemPrompt } from './user-input-in-system-prompt';

/** Every rule, in the order findings are reported for the same location (alphabetical by id). */
export const RULES: readonly Rule[] = [
  agentLoopWithoutBound,
  bedrockAgentWithoutGuardrail,
  bedrockAgentWithoutKmsKey,
  bedrockCallWithoutGuardrail,
  bedrockGuardrailDraftVersion,
  bedrockGuardrailNotAttached,
  bedrockGuardrailWeakPromptAttackFilter,
  bedrockGuardrailWithoutContextualGrounding,
  bedrockGuardrailWithoutKmsKey,
  bedrockGuardrailWithoutPiiFilter,
  bedrockInvocationLoggingWithoutData,
  bedrockKnowledgeBaseDataSourceWithoutKmsKey,
  bedrockWithoutInvocationLogging,
  decisionsAboutPeopleWithoutExplainability,
  hardcodedProviderSecret,
  huggingfaceModelWithoutRevision,
  huggingfaceTrustRemoteCode,
  jumpstartModelVersionUnpinned,
  llmCallWithoutMaxTokens,
  llmClientWithoutTimeout,
  llmOutputToUnsafeSink,
  modelOutputToUserWithoutGuardrail,
  modelPackageApprovedInCode,
  placeholderNotFilledIn,
  sagemakerDomainPublicInternet,
  sagemakerDomainWithoutKmsKey,
  sagemakerEndpointSingleInstance,
  sagemakerEndpointWithoutAlarm,
  sagemakerEndpointWithoutAutoscaling,
  sagemakerEndpointWithoutDataCapture,
  sagemakerEndpointWithoutKmsKey,
  sagemakerEndpointWithoutMonitoring,
  sagemakerImageUnpinned,
  sagemakerModelWithoutNetworkIsolation,
  sagemakerModelWithoutVpc,
  sagemakerNotebookDirectInternet,
  sagemakerNotebookRootAccess,
  sagemakerNotebookWithoutKmsKey,
  sagemakerNotebookWithoutVpc,
  sagemakerTrainingWithoutInterContainerEncryption,
  sagemakerTrainingWithoutKmsKey,
  sagemakerTrainingWithoutNetworkIsolation,
  sagemakerTrainingWithoutVpc,
  sensitiveAttributesWithoutBiasEvaluation,
  unsafeModelDeserialization,
  userInputInSystemPrompt,
];

export type { Rule, RuleMeta } from './rule';
