import { ruleTester } from '../ruleTester';

const tfModel = (extra: string) =>
  'resource "aws_sagemaker_model" "ranker" {\n  name                     = "ticket-ranker"\n  execution_role_arn       = aws_iam_role.sagemaker.arn\n' +
  '  enable_network_isolation = true\n\n  primary_container {\n    image          = var.inference_image\n    model_data_url = var.model_data_url\n  }\n' +
  `${extra}}\n`;
const cfnModel = (extra: string) =>
  'Resources:\n  RankerModel:\n    Type: AWS::SageMaker::Model\n    Properties:\n      ExecutionRoleArn: !GetAtt SageMakerRole.Arn\n' +
  '      EnableNetworkIsolation: true\n      PrimaryContainer:\n        Image: !Ref ImageUri\n' +
  extra;

ruleTester('sagemaker-model-without-vpc', {
  valid: [
    {
      filename: 'model.tf',
      code: tfModel('\n  vpc_config {\n    subnets            = var.private_subnet_ids\n    security_group_ids = [aws_security_group.model.id]\n  }\n'),
    },
    { name: 'dynamic vpc_config', filename: 'model.tf', code: tfModel('\n  dynamic "vpc_config" {\n    for_each = var.vpc == null ? [] : [var.vpc]\n    content {\n      subnets            = vpc_config.value.subnets\n      security_group_ids = vpc_config.value.security_groups\n    }\n  }\n') },
    { filename: 'model.yaml', code: cfnModel('      VpcConfig:\n        Subnets: !Ref PrivateSubnets\n        SecurityGroupIds:\n          - !GetAtt ModelSecurityGroup.GroupId\n') },
    { name: 'VpcConfig from a condition', filename: 'model.yaml', code: cfnModel('      VpcConfig: !If [InVpc, {Subnets: !Ref PrivateSubnets, SecurityGroupIds: [!Ref ModelSg]}, !Ref AWS::NoValue]\n') },
    {
      filename: 'model.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"M": {"Type": "AWS::SageMaker::Model", "Properties": {"ExecutionRoleArn": {"Ref": "Role"}, "VpcConfig": {"Subnets": [{"Ref": "SubnetA"}], "SecurityGroupIds": [{"Ref": "Sg"}]}}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'model.tf',
      code: tfModel(''),
      errors: [{ line: 1, column: 32, message: /`ranker` has no `vpc_config`: its containers run outside your VPC/ }],
      output: 'resource "aws_sagemaker_model" "ranker" {\n  name                     = "ticket-ranker"\n  execution_role_arn       = aws_iam_role.sagemaker.arn\n  enable_network_isolation = true\n\n  primary_container {\n    image          = var.inference_image\n    model_data_url = var.model_data_url\n  }\n  vpc_config {\n    subnets            = ["<subnet-id>"]\n    security_group_ids = ["<security-group-id>"]\n  }\n}\n',
    },
    {
      filename: 'model.yaml',
      code: cfnModel(''),
      errors: [{ line: 2, column: 3, message: /`RankerModel` has no `VpcConfig`/ }],
      output: cfnModel('      VpcConfig:\n        Subnets:\n          - <subnet-id>\n        SecurityGroupIds:\n          - <security-group-id>\n'),
    },
    {
      filename: 'model.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"M": {"Type": "AWS::SageMaker::Model", "Properties": {"ExecutionRoleArn": {"Ref": "Role"}}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"M": {"Type": "AWS::SageMaker::Model", "Properties": {"ExecutionRoleArn": {"Ref": "Role"}, "VpcConfig": {"Subnets": ["<subnet-id>"], "SecurityGroupIds": ["<security-group-id>"]}}}}}\n',
    },
  ],
});
