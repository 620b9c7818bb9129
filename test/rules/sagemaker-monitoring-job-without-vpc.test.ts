import { ruleTester } from '../ruleTester';
import { awsccJob, cdkJob, cfnJob, tfJob } from './monitoringFixtures';

const TF_VPC = '    vpc_config {\n      subnets            = var.private_subnet_ids\n      security_group_ids = [aws_security_group.monitor.id]\n    }\n';

ruleTester('sagemaker-monitoring-job-without-vpc', {
  valid: [
    { filename: 'monitor.tf', code: tfJob({ network: TF_VPC }) },
    { name: 'a dynamic block', filename: 'monitor.tf', code: tfJob({ network: '    dynamic "vpc_config" {\n      for_each = var.vpc\n      content {\n        subnets = vpc_config.value.subnets\n      }\n    }\n' }) },
    { filename: 'bias.yaml', code: cfnJob({ network: '        VpcConfig:\n          Subnets: !Ref PrivateSubnets\n          SecurityGroupIds: [!Ref MonitorSecurityGroup]\n' }) },
    { name: 'network configuration from a parameter', filename: 'bias.yaml', code: cfnJob({}).replace('      JobResources:', '      NetworkConfig: !Ref Network\n      JobResources:') },
    { filename: 'shap.tf', code: awsccJob({ network: '    vpc_config = { subnets = var.subnets, security_group_ids = var.security_groups }\n' }) },
    { filename: 'stack.ts', code: cdkJob({ network: 'vpcConfig: { subnets: vpc.privateSubnets.map((s) => s.subnetId), securityGroupIds: [sg.securityGroupId] }' }) },
  ],
  invalid: [
    {
      filename: 'monitor.tf',
      code: tfJob({}),
      errors: [{ line: 1, column: 54, message: /data-quality job `drift` has no `network_config.vpc_config`: its containers run outside your VPC/ }],
      output: 'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  name     = "chat-drift"\n  role_arn = aws_iam_role.monitor.arn\n  data_quality_app_specification {\n    image_uri = data.aws_sagemaker_prebuilt_ecr_image.monitor.registry_path\n  }\n  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = aws_sagemaker_endpoint.chat.name\n    }\n  }\n  data_quality_job_output_config {\n    monitoring_outputs {\n      s3_output {\n        s3_uri = "s3://${aws_s3_bucket.monitor.bucket}/drift"\n      }\n    }\n  }\n  job_resources {\n    cluster_config {\n      instance_count    = 1\n      instance_type     = "ml.m5.xlarge"\n      volume_size_in_gb = 20\n    }\n  }\n  network_config {\n    vpc_config {\n      subnets            = ["<subnet-id>"]\n      security_group_ids = ["<security-group-id>"]\n    }\n  }\n}\n',
    },
    {
      filename: 'monitor.tf',
      code: tfJob({ network: '    enable_inter_container_traffic_encryption = true\n' }),
      errors: [{ line: 26, column: 3 }],
      output: 'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  name     = "chat-drift"\n  role_arn = aws_iam_role.monitor.arn\n  data_quality_app_specification {\n    image_uri = data.aws_sagemaker_prebuilt_ecr_image.monitor.registry_path\n  }\n  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = aws_sagemaker_endpoint.chat.name\n    }\n  }\n  data_quality_job_output_config {\n    monitoring_outputs {\n      s3_output {\n        s3_uri = "s3://${aws_s3_bucket.monitor.bucket}/drift"\n      }\n    }\n  }\n  job_resources {\n    cluster_config {\n      instance_count    = 1\n      instance_type     = "ml.m5.xlarge"\n      volume_size_in_gb = 20\n    }\n  }\n  network_config {\n    enable_inter_container_traffic_encryption = true\n    vpc_config {\n      subnets            = ["<subnet-id>"]\n      security_group_ids = ["<security-group-id>"]\n    }\n  }\n}\n',
    },
    {
      filename: 'bias.yaml',
      code: cfnJob({}),
      errors: [{ line: 3, column: 3, message: /model-bias job `BiasMonitor` has no `NetworkConfig.VpcConfig`/ }],
      output: cfnJob({ network: '        VpcConfig:\n          Subnets:\n            - <subnet-id>\n          SecurityGroupIds:\n            - <security-group-id>\n' }),
    },
    {
      filename: 'shap.tf',
      code: awsccJob({}),
      errors: [{ line: 1, column: 64, message: /has no `network_config.vpc_config`/ }],
      output: awsccJob({}).replace('\n}\n', '\n  network_config = { vpc_config = { subnets = ["<subnet-id>"], security_group_ids = ["<security-group-id>"] } }\n}\n'),
    },
    {
      filename: 'stack.ts',
      code: cdkJob({}),
      errors: [{ line: 2, column: 50, message: /has no `networkConfig.vpcConfig`/ }],
      output: cdkJob({}).replace(' } },\n});', ' } },\n  networkConfig: { vpcConfig: { subnets: ["<subnet-id>"], securityGroupIds: ["<security-group-id>"] } },\n});'),
    },
  ],
});
