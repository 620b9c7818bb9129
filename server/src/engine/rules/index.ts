import type { Rule } from './rule';
import { rule as agentLoopWithoutBound } from './agent-loop-without-bound';
import { rule as bedrockAgentWithoutGuardrail } from './bedrock-agent-without-guardrail';
import { rule as bedrockAgentWithoutKmsKey } from './bedrock-agent-without-kms-key';
import { rule as bedrockAgentcoreGatewayWithoutAuthorizer } from './bedrock-agentcore-gateway-without-authorizer';
import { rule as bedrockAgentcoreMemoryWithoutKmsKey } from './bedrock-agentcore-memory-without-kms-key';
import { rule as bedrockAgentcorePublicNetwork } from './bedrock-agentcore-public-network';
import { rule as bedrockCallWithoutGuardrail } from './bedrock-call-without-guardrail';
import { rule as bedrockGuardrailDraftVersion } from './bedrock-guardrail-draft-version';
import { rule as bedrockGuardrailNotAttached } from './bedrock-guardrail-not-attached';
import { rule as bedrockGuardrailWeakPromptAttackFilter } from './bedrock-guardrail-weak-prompt-attack-filter';
import { rule as bedrockGuardrailWithoutContextualGrounding } from './bedrock-guardrail-without-contextual-grounding';
import { rule as bedrockGuardrailWithoutKmsKey } from './bedrock-guardrail-without-kms-key';
import { rule as bedrockGuardrailWithoutPiiFilter } from './bedrock-guardrail-without-pii-filter';
import { rule as bedrockInvocationLoggingWithoutData } from './bedrock-invocation-logging-without-data';
import { rule as bedrockKnowledgeBaseDataSourceWithoutKmsKey } from './bedrock-knowledge-base-data-source-without-kms-key';
import { rule as bedrockModelJobWithoutKmsKey } from './bedrock-model-job-without-kms-key';
import { rule as bedrockModelJobWithoutVpc } from './bedrock-model-job-without-vpc';
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
import { placeholderRule } from './placeholder-not-filled-in';
import { rule as sagemakerDomainPublicInternet } from './sagemaker-domain-public-internet';
import { rule as sagemakerDomainWithoutKmsKey } from './sagemaker-domain-without-kms-key';
import { rule as sagemakerEndpointSingleInstance } from './sagemaker-endpoint-single-instance';
import { rule as sagemakerEndpointWithoutAlarm } from './sagemaker-endpoint-without-alarm';
import { rule as sagemakerEndpointWithoutAutoscaling } from './sagemaker-endpoint-without-autoscaling';
import { rule as sagemakerEndpointWithoutDataCapture } from './sagemaker-endpoint-without-data-capture';
import { rule as sagemakerEndpointWithoutKmsKey } from './sagemaker-endpoint-without-kms-key';
import { rule as sagemakerEndpointWithoutMonitoring } from './sagemaker-endpoint-without-monitoring';
import { rule as sagemakerExecutionRoleOverlyPermissive } from './sagemaker-execution-role-overly-permissive';
import { rule as sagemakerHumanReviewWithoutKmsKey } from './sagemaker-human-review-without-kms-key';
import { rule as sagemakerHyperpodWithoutKmsKey } from './sagemaker-hyperpod-without-kms-key';
import { rule as sagemakerHyperpodWithoutVpc } from './sagemaker-hyperpod-without-vpc';
import { rule as sagemakerImageUnpinned } from './sagemaker-image-unpinned';
import { rule as sagemakerModelWithoutNetworkIsolation } from './sagemaker-model-without-network-isolation';
import { rule as sagemakerModelWithoutVpc } from './sagemaker-model-without-vpc';
import { rule as sagemakerMonitoringJobWithoutInterContainerEncryption } from './sagemaker-monitoring-job-without-inter-container-encryption';
import { rule as sagemakerMonitoringJobWithoutKmsKey } from './sagemaker-monitoring-job-without-kms-key';
import { rule as sagemakerMonitoringJobWithoutVpc } from './sagemaker-monitoring-job-without-vpc';
import { rule as sagemakerNotebookDirectInternet } from './sagemaker-notebook-direct-internet';
import { rule as sagemakerNotebookImdsv1 } from './sagemaker-notebook-imdsv1';
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
const CHECKS: readonly Rule[] = [
  agentLoopWithoutBound,
  bedrockAgentWithoutGuardrail,
  bedrockAgentWithoutKmsKey,
  bedrockAgentcoreGatewayWithoutAuthorizer,
  bedrockAgentcoreMemoryWithoutKmsKey,
  bedrockAgentcorePublicNetwork,
  bedrockCallWithoutGuardrail,
  bedrockGuardrailDraftVersion,
  bedrockGuardrailNotAttached,
  bedrockGuardrailWeakPromptAttackFilter,
  bedrockGuardrailWithoutContextualGrounding,
  bedrockGuardrailWithoutKmsKey,
  bedrockGuardrailWithoutPiiFilter,
  bedrockInvocationLoggingWithoutData,
  bedrockKnowledgeBaseDataSourceWithoutKmsKey,
  bedrockModelJobWithoutKmsKey,
  bedrockModelJobWithoutVpc,
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
  sagemakerDomainPublicInternet,
  sagemakerDomainWithoutKmsKey,
  sagemakerEndpointSingleInstance,
  sagemakerEndpointWithoutAlarm,
  sagemakerEndpointWithoutAutoscaling,
  sagemakerEndpointWithoutDataCapture,
  sagemakerEndpointWithoutKmsKey,
  sagemakerEndpointWithoutMonitoring,
  sagemakerExecutionRoleOverlyPermissive,
  sagemakerHumanReviewWithoutKmsKey,
  sagemakerHyperpodWithoutKmsKey,
  sagemakerHyperpodWithoutVpc,
  sagemakerImageUnpinned,
  sagemakerModelWithoutNetworkIsolation,
  sagemakerModelWithoutVpc,
  sagemakerMonitoringJobWithoutInterContainerEncryption,
  sagemakerMonitoringJobWithoutKmsKey,
  sagemakerMonitoringJobWithoutVpc,
  sagemakerNotebookDirectInternet,
  sagemakerNotebookImdsv1,
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

/** Every rule: the checks, and the one that reports the placeholders their fixes leave unfilled. */
export const RULES: readonly Rule[] = [...CHECKS, placeholderRule(CHECKS)];

export type { Rule, RuleMeta } from './rule';
