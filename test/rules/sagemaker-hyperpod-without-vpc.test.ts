import { ruleTester } from '../ruleTester';

const tf = (extra: string, group = '') =>
  'resource "aws_sagemaker_cluster" "training" {\n  cluster_name = "llm-training"\n  instance_group {\n    execution_role      = aws_iam_role.hyperpod.arn\n' +
  '    instance_count      = 4\n    instance_group_name = "workers"\n    instance_type       = "ml.p5.48xlarge"\n' +
  `    lifecycle_config {\n      on_create     = "on_create.sh"\n      source_s3_uri = "s3://\${aws_s3_bucket.lifecycle.id}/"\n    }\n${group}  }\n${extra}}\n`;
const cfn = (extra: string, group = '') =>
  'Resources:\n  Training:\n    Type: AWS::SageMaker::Cluster\n    Properties:\n      ClusterName: llm-training\n      InstanceGroups:\n' +
  '        - InstanceGroupName: workers\n          InstanceType: ml.p5.48xlarge\n          InstanceCount: 4\n          ExecutionRole: !GetAtt HyperPodRole.Arn\n' +
  `          LifeCycleConfig:\n            OnCreate: on_create.sh\n            SourceS3Uri: !Sub "s3://\${Bucket}/"\n${group}${extra}`;
const awscc = (extra: string) =>
  'resource "awscc_sagemaker_cluster" "training" {\n  cluster_name = "llm-training"\n' +
  `  instance_groups = [{\n    instance_group_name = "workers"\n    instance_type       = "ml.p5.48xlarge"\n    instance_count      = 4\n    execution_role      = awscc_iam_role.hyperpod.arn\n  }]\n${extra}}\n`;
const cdk = (extra: string) =>
  `import * as sagemaker from "aws-cdk-lib/aws-sagemaker";\nnew sagemaker.CfnCluster(this, "Training", { clusterName: "llm-training", instanceGroups: groups${extra} });\n`;
const py = (extra: string) => `import boto3\n\nsm = boto3.client("sagemaker")\nsm.create_cluster(ClusterName="llm-training", InstanceGroups=groups${extra})\n`;

ruleTester('sagemaker-hyperpod-without-vpc', {
  valid: [
    { filename: 'cluster.tf', code: tf('  vpc_config {\n    subnets            = var.subnets\n    security_group_ids = [aws_security_group.hyperpod.id]\n  }\n') },
    {
      name: 'every instance group names its own VPC',
      filename: 'cluster.yaml',
      code: cfn('', '          OverrideVpcConfig:\n            Subnets: !Ref Subnets\n            SecurityGroupIds: [!Ref HyperPodSecurityGroup]\n'),
    },
    { filename: 'cluster.yaml', code: cfn('      VpcConfig:\n        Subnets: !Ref Subnets\n        SecurityGroupIds: [!Ref HyperPodSecurityGroup]\n') },
    { filename: 'cluster.tf', code: awscc('  vpc_config = { subnets = var.subnets, security_group_ids = var.security_groups }\n') },
    { filename: 'stack.ts', code: cdk(', vpcConfig: { subnets, securityGroupIds }') },
    { filename: 'cluster.py', code: py(', VpcConfig={"Subnets": subnets, "SecurityGroupIds": groups}') },
    { name: 'an EKS create_cluster is another API', filename: 'eks.py', code: 'import boto3\n\neks = boto3.client("eks")\neks.create_cluster(name="c", roleArn=r, resourcesVpcConfig=vpc)\n' },
  ],
  invalid: [
    {
      filename: 'cluster.tf',
      code: tf(''),
      errors: [{ line: 1, column: 34, message: /^HyperPod cluster `training` has no `vpc_config`: its nodes run outside your VPC$/ }],
      output: 'resource "aws_sagemaker_cluster" "training" {\n  cluster_name = "llm-training"\n  instance_group {\n    execution_role      = aws_iam_role.hyperpod.arn\n    instance_count      = 4\n    instance_group_name = "workers"\n    instance_type       = "ml.p5.48xlarge"\n    lifecycle_config {\n      on_create     = "on_create.sh"\n      source_s3_uri = "s3://${aws_s3_bucket.lifecycle.id}/"\n    }\n  }\n  vpc_config {\n    subnets            = ["<subnet-id>"]\n    security_group_ids = ["<security-group-id>"]\n  }\n}\n',
    },
    {
      name: 'one instance group overrides its VPC, the other does not',
      filename: 'cluster.yaml',
      code:
        cfn('', '          OverrideVpcConfig:\n            Subnets: !Ref Subnets\n            SecurityGroupIds: [!Ref HyperPodSecurityGroup]\n') +
        '        - InstanceGroupName: controller\n          InstanceType: ml.m5.xlarge\n          InstanceCount: 1\n          ExecutionRole: !GetAtt HyperPodRole.Arn\n' +
        '          LifeCycleConfig:\n            OnCreate: on_create.sh\n            SourceS3Uri: s3://lifecycle/\n',
      errors: [{ line: 2, column: 3, message: /has no `VpcConfig`/ }],
    },
    { filename: 'cluster.tf', code: awscc(''), errors: [{ line: 1, column: 36, message: /has no `vpc_config`/ }], output: awscc('  vpc_config = { subnets = ["<subnet-id>"], security_group_ids = ["<security-group-id>"] }\n') },
    {
      filename: 'stack.ts',
      code: cdk(''),
      errors: [{ line: 2, column: 32, message: /has no `vpcConfig`/ }],
      output: cdk(', vpcConfig: { subnets: ["<subnet-id>"], securityGroupIds: ["<security-group-id>"] }'),
    },
    {
      filename: 'cluster.py',
      code: py(''),
      errors: [{ line: 4, column: 4, message: /`create_cluster` has no `VpcConfig`/ }],
      output: py(', VpcConfig={"Subnets": ["<subnet-id>"], "SecurityGroupIds": ["<security-group-id>"]}'),
    },
  ],
});
