import { field, itemsOf, stringOf } from '../values';
import type { ResourceFact, Value } from '../types';
import type { Triggers } from '../triggers';

/**
 * What the text of a file that uses SageMaker holds (see `Triggers`): the resource types and CDK constructs
 * (`aws_sagemaker_`, `AWS::SageMaker::`, `aws-sagemaker`, `…SageMakerEndpoint`), the SageMaker Python SDK, whose names
 * all resolve through an import of `sagemaker`, and boto3's `client("sagemaker")`.
 */
export const SAGEMAKER_TRIGGERS: Triggers = ['sagemaker'];

/** Property names of an endpoint configuration in Terraform and in CloudFormation. */
export interface EndpointConfigNames {
  type: string;
  variants: string;
  variantName: string;
  serverless: string;
  asyncInference: string;
  instanceType: string;
  instanceCount: string;
  managedScaling: string;
  scalingStatus: string;
  minInstances: string;
}

export const ENDPOINT_CONFIGS: readonly EndpointConfigNames[] = [
  {
    type: 'aws_sagemaker_endpoint_configuration',
    variants: 'production_variants',
    variantName: 'variant_name',
    serverless: 'serverless_config',
    asyncInference: 'async_inference_config',
    instanceType: 'instance_type',
    instanceCount: 'initial_instance_count',
    managedScaling: 'managed_instance_scaling',
    scalingStatus: 'status',
    minInstances: 'min_instance_count',
  },
  {
    type: 'AWS::SageMaker::EndpointConfig',
    variants: 'ProductionVariants',
    variantName: 'VariantName',
    serverless: 'ServerlessConfig',
    asyncInference: 'AsyncInferenceConfig',
    instanceType: 'InstanceType',
    instanceCount: 'InitialInstanceCount',
    managedScaling: 'ManagedInstanceScaling',
    scalingStatus: 'Status',
    minInstances: 'MinInstanceCount',
  },
];

/** The production variants of an endpoint configuration, and whether the list is fully known. */
export function productionVariants(resource: ResourceFact, names: EndpointConfigNames): { variants: Value[]; complete: boolean } {
  const value = field(resource.props, names.variants);
  if (value === undefined) return { variants: [], complete: true };
  if (value.kind === 'unknown' || (value.kind === 'array' && value.open)) return { variants: itemsOf(value).filter((v) => v.kind === 'object'), complete: false };
  const variants = itemsOf(value);
  return { variants: variants.filter((v) => v.kind === 'object'), complete: variants.every((v) => v.kind === 'object') };
}

/** True for a variant that is known to be serverless (it has a serverless configuration). */
export function isServerless(variant: Value, names: EndpointConfigNames): boolean {
  return variant.kind === 'object' && field(variant, names.serverless) !== undefined;
}

/**
 * Instance families with local NVMe instance storage, which SageMaker encrypts with a hardware module on the instance:
 * an endpoint configuration that uses one cannot take a `KmsKeyId` (CreateEndpointConfig fails). A `d` in the
 * family's attributes marks local disks (`ml.m5d`, `ml.g4dn`, `ml.p4d`, `ml.c6id`); the rest are listed by name.
 */
const LOCAL_STORAGE_FAMILY = /^(?:[a-z]+\d+[a-z]*d[a-z]*|dl1|g5|g6|g6e|gr6|p5|p5e|p5en|p6-b200|trn1|trn1n|trn2)$/;

/** True when an instance type (`ml.g5.xlarge`) is known to come with local instance storage. */
export function hasLocalStorage(instanceType: string): boolean {
  const family = /^ml\.([a-z0-9-]+)\./.exec(instanceType.toLowerCase())?.[1];
  return family !== undefined && LOCAL_STORAGE_FAMILY.test(family);
}

/** The instance type of a variant, when it is a known string. */
export function instanceTypeOf(variant: Value, names: EndpointConfigNames): string | undefined {
  return stringOf(field(variant, names.instanceType));
}
