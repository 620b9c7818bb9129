import { field, path, stringOf } from '../values';
import type { ResourceFact } from '../types';

// SageMaker Model Monitor job definitions as infrastructure: where each resource type keeps its KMS keys, network
// settings and instances. CloudFormation: AWS::SageMaker::{DataQuality,ModelQuality,ModelBias,ModelExplainability}
// JobDefinition (the same shapes in the awscc provider and CDK L1); the Terraform aws provider has only
// aws_sagemaker_data_quality_job_definition (website/docs/r/sagemaker_data_quality_job_definition.html.markdown), whose
// blocks are the CloudFormation properties in snake_case. A MonitoringSchedule may define its job inline
// (`MonitoringScheduleConfig.MonitoringJobDefinition`, with `MonitoringResources` and `MonitoringOutputConfig`).

export interface MonitoringJobNames {
  type: string;
  /** What the job checks: `data-quality`, `model-bias`, … */
  kind: string;
  /** Where the job definition sits in the resource: nowhere for a job definition, inside a schedule's configuration. */
  within: readonly string[];
  /** The output configuration holding `KmsKeyId` for the results the job writes to S3. */
  outputKmsKey: readonly string[];
  /** The cluster configuration holding `VolumeKmsKeyId`, `InstanceType` and `InstanceCount`. */
  cluster: readonly string[];
  volumeKmsKey: string;
  instanceType: string;
  instanceCount: string;
  network: string;
  encryption: string;
  vpc: string;
  subnets: string;
  securityGroups: string;
}

const cloudFormation = (kind: string, prefix: string): MonitoringJobNames => ({
  type: `AWS::SageMaker::${prefix}JobDefinition`,
  kind,
  within: [],
  outputKmsKey: [`${prefix}JobOutputConfig`, 'KmsKeyId'],
  cluster: ['JobResources', 'ClusterConfig'],
  volumeKmsKey: 'VolumeKmsKeyId',
  instanceType: 'InstanceType',
  instanceCount: 'InstanceCount',
  network: 'NetworkConfig',
  encryption: 'EnableInterContainerTrafficEncryption',
  vpc: 'VpcConfig',
  subnets: 'Subnets',
  securityGroups: 'SecurityGroupIds',
});

export const MONITORING_JOBS: readonly MonitoringJobNames[] = [
  {
    type: 'aws_sagemaker_data_quality_job_definition',
    kind: 'data-quality',
    within: [],
    outputKmsKey: ['data_quality_job_output_config', 'kms_key_id'],
    cluster: ['job_resources', 'cluster_config'],
    volumeKmsKey: 'volume_kms_key_id',
    instanceType: 'instance_type',
    instanceCount: 'instance_count',
    network: 'network_config',
    encryption: 'enable_inter_container_traffic_encryption',
    vpc: 'vpc_config',
    subnets: 'subnets',
    securityGroups: 'security_group_ids',
  },
  cloudFormation('data-quality', 'DataQuality'),
  cloudFormation('model-quality', 'ModelQuality'),
  cloudFormation('model-bias', 'ModelBias'),
  cloudFormation('model-explainability', 'ModelExplainability'),
  {
    ...cloudFormation('monitoring', 'Monitoring'),
    type: 'AWS::SageMaker::MonitoringSchedule',
    within: ['MonitoringScheduleConfig', 'MonitoringJobDefinition'],
    outputKmsKey: ['MonitoringOutputConfig', 'KmsKeyId'],
    cluster: ['MonitoringResources', 'ClusterConfig'],
  },
];

/** Every resource type above, for what the rules examine. */
export const MONITORING_JOB_TYPES: readonly string[] = [...new Set(MONITORING_JOBS.map((n) => n.type))];

/** The names of a resource's type. */
export function monitoringNames(resource: ResourceFact): MonitoringJobNames | undefined {
  return MONITORING_JOBS.find((n) => n.type === resource.resourceType);
}

/**
 * True when the resource defines a monitoring job: every job definition does; a schedule only when it defines its
 * job inline (one that names a job definition is judged there) or when that cannot be known.
 */
export function definesMonitoringJob(resource: ResourceFact, names: MonitoringJobNames): boolean {
  return names.within.length === 0 || path(resource.props, ...names.within) !== undefined;
}

/** The instance type and count of the job's cluster, when known. */
export function monitoringCluster(resource: ResourceFact, names: MonitoringJobNames): { instanceType?: string; instanceCount?: number } {
  const cluster = path(resource.props, ...names.within, ...names.cluster);
  const count = field(cluster, names.instanceCount);
  return { instanceType: stringOf(field(cluster, names.instanceType)), instanceCount: count?.kind === 'number' ? count.value : undefined };
}
