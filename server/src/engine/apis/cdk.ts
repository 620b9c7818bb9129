// What the AWS CDK's L1 modules are called and what they synthesize: `aws_cdk.aws_sagemaker.CfnEndpointConfig`
// (Python), `aws-cdk-lib/aws-sagemaker.CfnEndpointConfig` (TypeScript) → `AWS::SageMaker::EndpointConfig`.
// Source: the `aws-cdk-lib` package layout (aws/aws-cdk, packages/aws-cdk-lib/<module>/lib/<module>.generated.ts):
// each `aws-<service>` module holds one `Cfn<Resource>` class per CloudFormation type of `AWS::<Service>::<Resource>`,
// and nested property types as `Cfn<Resource>.<Name>Property`.
import { cloudFormationNamespace } from './cloudformation';

/** `AWS::SageMaker::EndpointConfig` for the module `sagemaker` (or `aws_sagemaker`, `aws-sagemaker`) and class `EndpointConfig`. */
export function cfnResourceType(module: string, resource: string): string {
  const name = module.replace(/^aws[-_]/, '').replace(/[-_]/g, '');
  return `AWS::${cloudFormationNamespace(name)}::${resource}`;
}

/** `aws_cdk.aws_sagemaker.CfnEndpointConfig`: module and resource of a Python CDK L1 construct. */
export const PYTHON_L1 = /^aws_cdk\.aws_([a-z0-9_]+)\.Cfn([A-Za-z0-9]+)$/;
/** `aws_cdk.aws_sagemaker.CfnEndpointConfig.ProductionVariantProperty`: a Python CDK L1 property type. */
export const PYTHON_L1_PROPERTY = /^aws_cdk\.aws_[a-z0-9_]+\.Cfn[A-Za-z0-9]+\.[A-Za-z0-9]+Property$/;

/** The address a CDK construct gets in the workspace: its type, construct ID and the name the code binds it to. */
export function cdkAddress(resourceType: string, name: string, binding: string | undefined): string {
  return `cdk:${resourceType}:${name}${binding ? `:${binding}` : ''}`;
}

/** `production_variants` → `ProductionVariants`: a Python CDK keyword argument as CloudFormation spells it. */
export function snakeToPascal(key: string): string {
  return key
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `DataCaptureConfig` → `data_capture_config`, `DestinationS3Uri` → `destination_s3_uri`: as Python CDK spells it. */
export function pascalToSnake(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `kms_key` → `kmsKey`: a Python keyword argument as the construct's TypeScript property. */
export function snakeToCamel(key: string): string {
  const pascal = snakeToPascal(key);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
