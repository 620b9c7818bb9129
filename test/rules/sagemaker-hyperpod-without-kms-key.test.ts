import { ruleTester } from '../ruleTester';

const cfn = (storage: string) =>
  'Resources:\n  Training:\n    Type: AWS::SageMaker::Cluster\n    Properties:\n      ClusterName: llm-training\n      VpcConfig: !Ref Vpc\n      InstanceGroups:\n' +
  '        - InstanceGroupName: workers\n          InstanceType: ml.p5.48xlarge\n          InstanceCount: 4\n          ExecutionRole: !GetAtt HyperPodRole.Arn\n' +
  `          LifeCycleConfig:\n            OnCreate: on_create.sh\n            SourceS3Uri: s3://lifecycle/\n${storage}`;
const awscc = (volume: string) =>
  'resource "awscc_sagemaker_cluster" "training" {\n  cluster_name = "llm-training"\n  instance_groups = [{\n    instance_group_name = "workers"\n' +
  `    instance_type       = "ml.p5.48xlarge"\n    instance_count      = 4\n    instance_storage_configs = [{ ebs_volume_config = { ${volume} } }]\n  }]\n}\n`;
const py = (volume: string) =>
  'import boto3\n\nsm = boto3.client("sagemaker")\nsm.create_cluster(\n    ClusterName="llm-training",\n    InstanceGroups=[\n' +
  `        {"InstanceGroupName": "workers", "InstanceType": "ml.p5.48xlarge", "InstanceStorageConfigs": [{"EbsVolumeConfig": {${volume}}}]},\n    ],\n)\n`;
const cdk = (volume: string) =>
  'import * as sagemaker from "aws-cdk-lib/aws-sagemaker";\n' +
  `new sagemaker.CfnCluster(this, "Training", { instanceGroups: [{ instanceGroupName: "workers", instanceStorageConfigs: [{ ebsVolumeConfig: { ${volume} } }] }] });\n`;

ruleTester('sagemaker-hyperpod-without-kms-key', {
  valid: [
    { name: 'no extra volume', filename: 'cluster.yaml', code: cfn('') },
    { filename: 'cluster.yaml', code: cfn('          InstanceStorageConfigs:\n            - EbsVolumeConfig:\n                VolumeSizeInGB: 500\n                VolumeKmsKeyId: !GetAtt Key.Arn\n') },
    { name: 'storage from a parameter', filename: 'cluster.yaml', code: cfn('          InstanceStorageConfigs: !Ref Storage\n') },
    { filename: 'cluster.tf', code: awscc('volume_size_in_gb = 500, volume_kms_key_id = awscc_kms_key.training.arn') },
    { name: 'the aws provider has no volume key to set', filename: 'cluster.tf', code: 'resource "aws_sagemaker_cluster" "c" {\n  instance_group {\n    instance_storage_config {\n      ebs_volume_config {\n        volume_size_in_gb = 500\n      }\n    }\n  }\n}\n' },
    { filename: 'cluster.py', code: py('"VolumeSizeInGB": 500, "VolumeKmsKeyId": key_arn') },
    { filename: 'stack.ts', code: cdk('volumeSizeInGb: 500, volumeKmsKeyId: key.keyArn') },
  ],
  invalid: [
    {
      filename: 'cluster.yaml',
      code: cfn('          InstanceStorageConfigs:\n            - EbsVolumeConfig:\n                VolumeSizeInGB: 500\n'),
      errors: [{ line: 16, column: 15, message: /^HyperPod cluster `Training`, instance group `workers`, has an EBS volume with no `VolumeKmsKeyId`: it is encrypted with a key AWS owns/ }],
      output: cfn('          InstanceStorageConfigs:\n            - EbsVolumeConfig:\n                VolumeSizeInGB: 500\n                VolumeKmsKeyId: <kms-key-arn>\n'),
    },
    {
      name: 'a root volume configuration with an empty key',
      filename: 'cluster.yaml',
      code: cfn('          InstanceStorageConfigs:\n            - EbsVolumeConfig:\n                RootVolume: true\n                VolumeKmsKeyId: ""\n'),
      errors: [{ line: 18, column: 33, message: /sets an empty `VolumeKmsKeyId` on its root volume/ }],
      output: cfn('          InstanceStorageConfigs:\n            - EbsVolumeConfig:\n                RootVolume: true\n                VolumeKmsKeyId: <kms-key-arn>\n'),
    },
    { name: 'awscc: no place to insert into the HCL object', filename: 'cluster.tf', code: awscc('volume_size_in_gb = 500'), errors: [{ line: 7, column: 35, message: /has an EBS volume with no `volume_kms_key_id`/ }], output: null },
    {
      filename: 'cluster.py',
      code: py('"VolumeSizeInGB": 500'),
      errors: [{ line: 7, column: 104, message: /`create_cluster`, instance group `workers`, has an EBS volume with no `VolumeKmsKeyId`/ }],
      output: py('"VolumeSizeInGB": 500, "VolumeKmsKeyId": "<kms-key-arn>"'),
    },
    {
      filename: 'stack.ts',
      code: cdk('volumeSizeInGb: 500'),
      errors: [{ line: 2, column: 122, message: /has an EBS volume with no `volumeKmsKeyId`/ }],
      output: cdk('volumeSizeInGb: 500, volumeKmsKeyId: "<kms-key-arn>"'),
    },
  ],
});
