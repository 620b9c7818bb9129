// The awscc Terraform provider (hashicorp/terraform-provider-awscc) is generated from the CloudFormation registry
// schemas: `awscc_sagemaker_model` is `AWS::SageMaker::Model`, and every property keeps its CloudFormation name in
// snake_case, nested properties included (`vpc_config = { security_group_ids = [...] }` is `VpcConfig.SecurityGroupIds`).
// Nested properties are attributes (`= { … }`), never blocks. Source: internal/aws/<service>/*_resource_gen.go, whose
// `WithAttributeNameMap` lists each resource's Terraform ↔ CloudFormation names, and docs/resources/<type>.md.
import { cloudFormationNamespace, isKnownNamespace } from './cloudformation';

/**
 * The names whose CloudFormation spelling is not their snake_case parts capitalized (`volume_size_in_gb` is
 * `VolumeSizeInGB`), in the SageMaker, Bedrock, Bedrock AgentCore, IAM, Application Auto Scaling and CloudWatch
 * resources (every `WithAttributeNameMap` entry of those services that differs, read-only IDs left out).
 */
const IRREGULAR_NAMES: Record<string, string> = {
  auto_ml_job_arn: 'AutoMLJobArn',
  auto_mount_home_efs: 'AutoMountHomeEFS',
  aws_service_name: 'AWSServiceName',
  cloudwatch_config: 'CloudWatchConfig',
  cloudwatch_logs: 'CloudWatchLogs',
  custom_jwt_authorizer: 'CustomJWTAuthorizer',
  efs_file_system: 'EFSFileSystem',
  efs_file_system_config: 'EFSFileSystemConfig',
  fsx_lustre_config: 'FSxLustreConfig',
  fsx_lustre_file_system: 'FSxLustreFileSystem',
  fsx_lustre_file_system_config: 'FSxLustreFileSystemConfig',
  idle_session_ttl_in_seconds: 'IdleSessionTTLInSeconds',
  max_payload_in_mb: 'MaxPayloadInMB',
  ml_framework: 'MLFramework',
  ok_actions: 'OKActions',
  prom_ql_criteria: 'PromQLCriteria',
  saml_provider_uuid: 'SamlProviderUUID',
  supported_response_mime_types: 'SupportedResponseMIMETypes',
  template_url: 'TemplateURL',
  volume_size_in_gb: 'VolumeSizeInGB',
};
const IRREGULAR_SNAKE = new Map(Object.entries(IRREGULAR_NAMES).map(([snake, pascal]) => [pascal, snake]));

const AWSCC_TYPE = /^awscc_([a-z0-9]+)_([a-z0-9_]+)$/;
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** `awscc_sagemaker_model` → `AWS::SageMaker::Model`, for the services AI Lens knows; otherwise undefined. */
export function awsccCloudFormationType(type: string): string | undefined {
  const match = AWSCC_TYPE.exec(type);
  if (!match || !isKnownNamespace(match[1])) return undefined;
  return `AWS::${cloudFormationNamespace(match[1])}::${pascalName(match[2])}`;
}

/**
 * A snake_case attribute name as CloudFormation spells it (`kms_key_id` → `KmsKeyId`). Keys that are not snake_case
 * (entries of a map such as environment variables or tags) are kept as written.
 */
export function cloudFormationName(name: string): string {
  if (!SNAKE.test(name)) return name;
  return IRREGULAR_NAMES[name] ?? pascalName(name);
}

/** A CloudFormation property name as awscc spells it (`VolumeKmsKeyId` → `volume_kms_key_id`). */
export function awsccName(name: string): string {
  return (
    IRREGULAR_SNAKE.get(name) ??
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase()
  );
}

function pascalName(snake: string): string {
  return snake
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
