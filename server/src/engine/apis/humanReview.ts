// Amazon Augmented AI (A2I) human review workflows ("flow definitions"). Terraform: aws_sagemaker_flow_definition
// (website/docs/r/sagemaker_flow_definition.html.markdown: `output_config { s3_output_path, kms_key_id }`); the API:
// CreateFlowDefinition (`OutputConfig.S3OutputPath`, `OutputConfig.KmsKeyId`). CloudFormation has no flow definition
// resource, so neither do CDK L1 constructs nor the awscc provider.
import type { AwsOperation } from './boto3';

export const FLOW_DEFINITION_RESOURCE = 'aws_sagemaker_flow_definition';

export const CREATE_FLOW_DEFINITION: AwsOperation = {
  service: 'sagemaker',
  operation: 'create_flow_definition',
  signature: 'FlowDefinitionName',
  jsPackage: '@aws-sdk/client-sagemaker',
};
