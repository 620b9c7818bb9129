// SageMaker HyperPod clusters. Terraform aws provider: aws_sagemaker_cluster (website/docs/r/sagemaker_cluster.html.markdown:
// `vpc_config`, repeated `instance_group` blocks with `override_vpc_config` and `instance_storage_config {
// ebs_volume_config { volume_size_in_gb } }`, no KMS key argument). CloudFormation AWS::SageMaker::Cluster (so CDK L1
// and awscc_sagemaker_cluster) and the API (CreateCluster, boto3 `sagemaker.create_cluster`) share the API's names:
// `VpcConfig`, `InstanceGroups`/`RestrictedInstanceGroups` with `OverrideVpcConfig` and `InstanceStorageConfigs[].
// EbsVolumeConfig` (`VolumeKmsKeyId`, `RootVolume`: ClusterEbsVolumeConfig in the SageMaker API reference).
import { field, itemsOf } from '../values';
import type { ObjectValue } from '../types';
import type { AwsOperation } from './boto3';

export interface ClusterNames {
  vpc: string;
  subnets: string;
  securityGroups: string;
  groups: readonly string[];
  overrideVpc: string;
  storage: string;
  ebs: string;
  /** Undefined where the volume key cannot be set (Terraform's aws provider). */
  volumeKmsKey?: string;
  rootVolume?: string;
  groupName: string;
}

const API_NAMES: ClusterNames = {
  vpc: 'VpcConfig',
  subnets: 'Subnets',
  securityGroups: 'SecurityGroupIds',
  groups: ['InstanceGroups', 'RestrictedInstanceGroups'],
  overrideVpc: 'OverrideVpcConfig',
  storage: 'InstanceStorageConfigs',
  ebs: 'EbsVolumeConfig',
  volumeKmsKey: 'VolumeKmsKeyId',
  rootVolume: 'RootVolume',
  groupName: 'InstanceGroupName',
};

export const CLUSTERS: readonly (ClusterNames & { type: string })[] = [
  {
    type: 'aws_sagemaker_cluster',
    vpc: 'vpc_config',
    subnets: 'subnets',
    securityGroups: 'security_group_ids',
    groups: ['instance_group'],
    overrideVpc: 'override_vpc_config',
    storage: 'instance_storage_config',
    ebs: 'ebs_volume_config',
    groupName: 'instance_group_name',
  },
  { type: 'AWS::SageMaker::Cluster', ...API_NAMES },
];

export const CREATE_CLUSTER: AwsOperation & { names: ClusterNames } = {
  service: 'sagemaker',
  operation: 'create_cluster',
  signature: 'InstanceGroups',
  jsPackage: '@aws-sdk/client-sagemaker',
  names: API_NAMES,
};

/** The instance groups of a cluster, and whether that list is complete. */
export function instanceGroups(props: ObjectValue, names: ClusterNames): { groups: ObjectValue[]; complete: boolean } {
  const lists = names.groups.map((key) => field(props, key));
  const groups = lists.flatMap((l) => itemsOf(l)).filter((g): g is ObjectValue => g.kind === 'object');
  const complete = lists.every((l) => l === undefined || (l.kind !== 'unknown' && !(l.kind === 'array' && l.open) && itemsOf(l).every((g) => g.kind === 'object')));
  return { groups, complete };
}

/** True when every instance group is known to name its own VPC (then the cluster needs none). */
export function everyGroupHasVpc(props: ObjectValue, names: ClusterNames): boolean {
  const { groups, complete } = instanceGroups(props, names);
  return complete && groups.length > 0 && groups.every((g) => field(g, names.overrideVpc) !== undefined);
}

