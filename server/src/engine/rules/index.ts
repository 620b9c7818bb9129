import type { Rule } from './rule';
import { rule as bedrockAgentWithoutGuardrail } from './bedrock-agent-without-guardrail';
import { rule as bedrockCallWithoutGuardrail } from './bedrock-call-without-guardrail';
import { rule as llmCallWithoutMaxTokens } from './llm-call-without-max-tokens';
import { rule as sagemakerEndpointWithoutDataCapture } from './sagemaker-endpoint-without-data-capture';
import { rule as sagemakerNotebookDirectInternet } from './sagemaker-notebook-direct-internet';
import { rule as unsafeModelDeserialization } from './unsafe-model-deserialization';
import { rule as huggingfaceModelWithoutRevision } from './huggingface-model-without-revision';
import { rule as huggingfaceTrustRemoteCode } from './huggingface-trust-remote-code';
import { rule as jumpstartModelVersionUnpinned } from './jumpstart-model-version-unpinned';
import { rule as sagemakerEndpointSingleInstance } from './sagemaker-endpoint-single-instance';
import { rule as sagemakerEndpointWithoutKmsKey } from './sagemaker-endpoint-without-kms-key';
import { rule as sagemakerImageUnpinned } from './sagemaker-image-unpinned';
import { rule as sagemakerModelWithoutNetworkIsolation } from './sagemaker-model-without-network-isolation';
import { rule as sagemakerTrainingWithoutInterContainerEncryption } from './sagemaker-training-without-inter-container-encryption';
import { rule as sagemakerTrainingWithoutKmsKey } from './sagemaker-training-without-kms-key';
import { rule as sagemakerTrainingWithoutNetworkIsolation } from './sagemaker-training-without-network-isolation';
import { rule as sagemakerTrainingWithoutVpc } from './sagemaker-training-without-vpc';

/** Every rule, in the order findings are reported for the same location. */
export const RULES: readonly Rule[] = [
  bedrockCallWithoutGuardrail,
  llmCallWithoutMaxTokens,
  sagemakerEndpointWithoutDataCapture,
  sagemakerNotebookDirectInternet,
  bedrockAgentWithoutGuardrail,
  unsafeModelDeserialization,
  sagemakerTrainingWithoutVpc,
  sagemakerTrainingWithoutNetworkIsolation,
  sagemakerTrainingWithoutKmsKey,
  sagemakerTrainingWithoutInterContainerEncryption,
  sagemakerModelWithoutNetworkIsolation,
  sagemakerEndpointSingleInstance,
  sagemakerEndpointWithoutKmsKey,
  sagemakerImageUnpinned,
  jumpstartModelVersionUnpinned,
  huggingfaceModelWithoutRevision,
  huggingfaceTrustRemoteCode,
];

export type { Rule, RuleMeta } from './rule';
