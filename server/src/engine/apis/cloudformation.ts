// CloudFormation namespaces of AWS services, by the lowercase service name that CDK modules (`aws-cdk-lib/aws-sagemaker`)
// and the awscc Terraform provider (`awscc_sagemaker_model`) both use. Both generate their resources from the
// CloudFormation registry schemas: aws/aws-cdk (packages/aws-cdk-lib/<module>), hashicorp/terraform-provider-awscc
// (internal/aws/<service>/*_resource_gen.go).

/** Namespaces whose spelling is not the capitalized service name. */
const NAMESPACES: Record<string, string> = {
  sagemaker: 'SageMaker',
  bedrock: 'Bedrock',
  bedrockagentcore: 'BedrockAgentCore',
  iam: 'IAM',
  kms: 'KMS',
  ec2: 'EC2',
  s3: 'S3',
  logs: 'Logs',
  cloudwatch: 'CloudWatch',
  applicationautoscaling: 'ApplicationAutoScaling',
  opensearchserverless: 'OpenSearchServerless',
  lambda: 'Lambda',
  sns: 'SNS',
  sqs: 'SQS',
  codepipeline: 'CodePipeline',
  opensearchservice: 'OpenSearchService',
  stepfunctions: 'StepFunctions',
  dynamodb: 'DynamoDB',
  events: 'Events',
  ecr: 'ECR',
  efs: 'EFS',
  kendra: 'Kendra',
};

/** `sagemaker` → `SageMaker`; a service not listed is its name capitalized. */
export function cloudFormationNamespace(service: string): string {
  return NAMESPACES[service] ?? service.charAt(0).toUpperCase() + service.slice(1);
}

/** The services whose awscc resources are read as their CloudFormation types (`engine/extract/awscc.ts`). */
export function isKnownNamespace(service: string): boolean {
  return service in NAMESPACES;
}
