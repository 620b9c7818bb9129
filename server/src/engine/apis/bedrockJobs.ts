// Bedrock jobs that read your data and write models or results: model customization (fine-tuning, continued
// pre-training, distillation) and batch inference. Terraform aws provider: aws_bedrock_custom_model (`vpc_config {
// subnet_ids, security_group_ids }`, `custom_model_kms_key_id`) and aws_bedrock_model_invocation_job (`vpc_config`,
// `output_data_config { s3_output_data_config { s3_encryption_key_id } }`), website/docs/r/bedrock_custom_model.html.markdown
// and bedrock_model_invocation_job.html.markdown. The API (boto3 `bedrock`, `@aws-sdk/client-bedrock`):
// CreateModelCustomizationJob (`vpcConfig`, `customModelKmsKeyId`, `customizationType` FINE_TUNING |
// CONTINUED_PRE_TRAINING | DISTILLATION) and CreateModelInvocationJob (`vpcConfig`,
// `outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId`). CloudFormation has neither job.
import { field, stringOf } from '../values';
import type { ResourceFact } from '../types';
import type { AwsOperation } from './boto3';

const BEDROCK: Pick<AwsOperation, 'service' | 'jsPackage'> = { service: 'bedrock', jsPackage: '@aws-sdk/client-bedrock' };

/** A Bedrock job: its Terraform resource and API operation, where each keeps its VPC and KMS key, and what to call it. */
export interface BedrockJob {
  type: string;
  vpc: string;
  kmsKey: readonly string[];
  operation: AwsOperation;
  apiVpc: string;
  apiKmsKey: readonly string[];
  noun: string | ((resource: ResourceFact) => string);
}

export const CUSTOMIZATION: BedrockJob = {
  type: 'aws_bedrock_custom_model',
  vpc: 'vpc_config',
  kmsKey: ['custom_model_kms_key_id'],
  operation: { ...BEDROCK, operation: 'create_model_customization_job', signature: 'baseModelIdentifier' },
  apiVpc: 'vpcConfig',
  apiKmsKey: ['customModelKmsKeyId'],
  noun: customizationNoun,
};

export const BATCH_INFERENCE: BedrockJob = {
  type: 'aws_bedrock_model_invocation_job',
  vpc: 'vpc_config',
  kmsKey: ['output_data_config', 's3_output_data_config', 's3_encryption_key_id'],
  operation: { ...BEDROCK, operation: 'create_model_invocation_job', signature: 'inputDataConfig' },
  apiVpc: 'vpcConfig',
  apiKmsKey: ['outputDataConfig', 's3OutputDataConfig', 's3EncryptionKeyId'],
  noun: 'batch inference job',
};

export const BEDROCK_JOBS: readonly BedrockJob[] = [CUSTOMIZATION, BATCH_INFERENCE];

export const VPC_KEYS = { terraform: { subnets: 'subnet_ids', securityGroups: 'security_group_ids' }, api: { subnets: 'subnetIds', securityGroups: 'securityGroupIds' } };

/** `distillation job`, `fine-tuning job`, or `model customization job` when the type is not known. */
function customizationNoun(resource: ResourceFact): string {
  const kind = stringOf(field(resource.props, 'customization_type'))?.toUpperCase();
  if (kind === 'DISTILLATION') return 'distillation job';
  if (kind === 'FINE_TUNING') return 'fine-tuning job';
  if (kind === 'CONTINUED_PRE_TRAINING') return 'continued pre-training job';
  return 'model customization job';
}
