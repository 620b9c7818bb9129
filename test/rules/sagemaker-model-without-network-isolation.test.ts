import { ruleTester } from '../ruleTester';

const tfModel = (extra: string, head = '') =>
  `resource "aws_sagemaker_model" "ranker" {\n${head}  name               = "ticket-ranker"\n  execution_role_arn = aws_iam_role.sagemaker.arn\n\n` +
  '  primary_container {\n    image          = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"\n' +
  '    model_data_url = "s3://${aws_s3_bucket.models.bucket}/ranker/model.tar.gz"\n  }\n' +
  `${extra}}\n`;
const cfnModel = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  RankerModel:\n    Type: AWS::SageMaker::Model\n    Properties:\n      ModelName: ticket-ranker\n' +
  '      ExecutionRoleArn: !GetAtt SageMakerRole.Arn\n      PrimaryContainer:\n' +
  '        Image: !Sub "763104351884.dkr.ecr.${AWS::Region}.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"\n' +
  '        ModelDataUrl: !Sub "s3://${ModelBucket}/ranker/model.tar.gz"\n' +
  extra;
const cfnJson = (extra: string) =>
  '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "RankerModel": {\n      "Type": "AWS::SageMaker::Model",\n      "Properties": {\n' +
  '        "ExecutionRoleArn": { "Fn::GetAtt": ["SageMakerRole", "Arn"] },\n        "PrimaryContainer": { "Image": { "Ref": "ImageUri" } }' +
  extra +
  '\n      }\n    }\n  }\n}\n';

ruleTester('sagemaker-model-without-network-isolation', {
  valid: [
    {
      filename: 'model.tf',
      code: tfModel('\n  enable_network_isolation = true\n\n  vpc_config {\n    subnets            = var.private_subnet_ids\n    security_group_ids = [aws_security_group.model.id]\n  }\n'),
    },
    { name: 'value from a variable', filename: 'model.tf', code: tfModel('  enable_network_isolation = var.isolate_models\n') },
    { name: 'count resource with isolation', filename: 'model.tf', code: tfModel('  enable_network_isolation = true\n', '  count = var.deploy_ranker ? 1 : 0\n\n') },
    { filename: 'model.yaml', code: cfnModel('      EnableNetworkIsolation: true\n') },
    { name: 'quoted boolean', filename: 'model.yaml', code: cfnModel('      EnableNetworkIsolation: "true"\n') },
    { name: '!Ref parameter', filename: 'model.yaml', code: cfnModel('      EnableNetworkIsolation: !Ref IsolateModel\n') },
    { name: 'Fn::If in JSON', filename: 'model.json', code: cfnJson(',\n        "EnableNetworkIsolation": { "Fn::If": ["IsProd", true, false] }') },
    {
      name: 'properties from Fn::If',
      filename: 'model.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"M": {"Type": "AWS::SageMaker::Model", "Properties": {"Fn::If": ["IsProd", {"EnableNetworkIsolation": true}, {"EnableNetworkIsolation": true}]}}}}\n',
    },
  ],
  invalid: [
    {
      name: 'left out: AWS leaves isolation off',
      filename: 'model.tf',
      code: tfModel(''),
      errors: [{ line: 1, column: 32, message: /`ranker` does not set `enable_network_isolation`/ }],
      output: tfModel('  enable_network_isolation = true\n'),
    },
    {
      name: 'turned off',
      filename: 'model.tf',
      code: tfModel('\n  enable_network_isolation = false\n'),
      errors: [{ line: 10, column: 30, message: /turns network isolation off/ }],
      output: tfModel('\n  enable_network_isolation = true\n'),
    },
    {
      name: 'for_each resource',
      filename: 'models.tf',
      code: 'resource "aws_sagemaker_model" "per_tenant" {\n  for_each           = toset(var.tenants)\n  name               = "ranker-${each.key}"\n  execution_role_arn = aws_iam_role.sagemaker.arn\n  primary_container {\n    image = var.image\n  }\n}\n',
      errors: [{ line: 1, column: 32 }],
      output:
        'resource "aws_sagemaker_model" "per_tenant" {\n  for_each           = toset(var.tenants)\n  name               = "ranker-${each.key}"\n  execution_role_arn = aws_iam_role.sagemaker.arn\n  primary_container {\n    image = var.image\n  }\n  enable_network_isolation = true\n}\n',
    },
    {
      filename: 'model.yaml',
      code: cfnModel('      Tags:\n        - Key: team\n          Value: support\n'),
      errors: [{ line: 3, column: 3, message: /`RankerModel` does not set `EnableNetworkIsolation`/ }],
      output: cfnModel('      Tags:\n        - Key: team\n          Value: support\n      EnableNetworkIsolation: true\n'),
    },
    {
      filename: 'model.yaml',
      code: cfnModel('      EnableNetworkIsolation: false  # needs to pull from the hub\n'),
      errors: [{ line: 11, column: 31 }],
      output: cfnModel('      EnableNetworkIsolation: true  # needs to pull from the hub\n'),
    },
    {
      filename: 'model.json',
      code: cfnJson(''),
      errors: [{ line: 4, column: 5 }],
      output: cfnJson(',\n        "EnableNetworkIsolation": true'),
    },
    {
      name: 'the string "false"',
      filename: 'model.json',
      code: cfnJson(',\n        "EnableNetworkIsolation": "false"'),
      errors: [{ line: 9, column: 35 }],
      output: cfnJson(',\n        "EnableNetworkIsolation": true'),
    },
  ],
});
