import { ruleTester } from '../ruleTester';

const tfVariant = (instanceType: string) =>
  `  production_variants {\n    variant_name           = "primary"\n    model_name             = aws_sagemaker_model.ranker.name\n    instance_type          = ${instanceType}\n    initial_instance_count = 2\n  }\n`;
const tfConfig = (body: string) => `resource "aws_sagemaker_endpoint_configuration" "ranker" {\n  name = "ticket-ranker"\n\n${body}}\n`;
const cfnConfig = (extra: string, instanceType = 'ml.m5.xlarge') =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  RankerConfig:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      ProductionVariants:\n' +
  `        - VariantName: primary\n          ModelName: !GetAtt RankerModel.ModelName\n          InstanceType: ${instanceType}\n          InitialInstanceCount: 2\n` +
  extra;
const cfnJson = (extra: string) =>
  '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "RankerConfig": {\n      "Type": "AWS::SageMaker::EndpointConfig",\n      "Properties": {\n' +
  '        "ProductionVariants": [\n          { "VariantName": "primary", "ModelName": { "Ref": "Model" }, "InstanceType": "ml.c5.2xlarge", "InitialInstanceCount": 2 }\n        ]' +
  extra +
  '\n      }\n    }\n  }\n}\n';

ruleTester('sagemaker-endpoint-without-kms-key', {
  valid: [
    { filename: 'endpoint.tf', code: tfConfig(tfVariant('"ml.m5.xlarge"') + '\n  kms_key_arn = aws_kms_key.ml.arn\n') },
    { name: 'key from a variable', filename: 'endpoint.tf', code: tfConfig(tfVariant('"ml.m5.xlarge"') + '  kms_key_arn = var.kms_key_arn\n') },
    { name: 'ml.g5 has local NVMe storage and rejects a key', filename: 'endpoint.tf', code: tfConfig(tfVariant('"ml.g5.2xlarge"')) },
    { name: 'ml.g4dn has local NVMe storage', filename: 'endpoint.yaml', code: cfnConfig('', 'ml.g4dn.xlarge') },
    { name: 'ml.p4d has local NVMe storage', filename: 'endpoint.yaml', code: cfnConfig('', 'ml.p4d.24xlarge') },
    {
      name: 'serverless variants',
      filename: 'endpoint.tf',
      code: tfConfig('  production_variants {\n    variant_name = "primary"\n    model_name   = aws_sagemaker_model.ranker.name\n\n    serverless_config {\n      max_concurrency   = 5\n      memory_size_in_mb = 4096\n    }\n  }\n'),
    },
    { filename: 'endpoint.yaml', code: cfnConfig('      KmsKeyId: !Ref EndpointKey\n') },
    { name: 'key from a condition', filename: 'endpoint.json', code: cfnJson(',\n        "KmsKeyId": { "Fn::If": ["Encrypt", { "Ref": "Key" }, { "Ref": "AWS::NoValue" }] }') },
  ],
  invalid: [
    {
      filename: 'endpoint.tf',
      code: tfConfig(tfVariant('"ml.m5.xlarge"')),
      errors: [{ line: 1, column: 49, message: /`ranker` has no `kms_key_arn`/ }],
      output: tfConfig(tfVariant('"ml.m5.xlarge"') + '  kms_key_arn = "<kms-key-arn>"\n'),
    },
    {
      name: 'instance type from a variable: the key may apply',
      filename: 'endpoint.tf',
      code: tfConfig(tfVariant('var.instance_type')),
      errors: [{ line: 1, column: 49 }],
      output: tfConfig(tfVariant('var.instance_type') + '  kms_key_arn = "<kms-key-arn>"\n'),
    },
    {
      name: 'empty key',
      filename: 'endpoint.tf',
      code: tfConfig('  kms_key_arn = ""\n' + tfVariant('"ml.c5.large"')),
      errors: [{ line: 4, column: 17, message: /sets an empty `kms_key_arn`/ }],
      output: tfConfig('  kms_key_arn = "<kms-key-arn>"\n' + tfVariant('"ml.c5.large"')),
    },
    {
      filename: 'endpoint.yaml',
      code: cfnConfig(''),
      errors: [{ line: 3, column: 3, message: /`RankerConfig` has no `KmsKeyId`/ }],
      output: cfnConfig('      KmsKeyId: <kms-key-arn>\n'),
    },
    {
      filename: 'endpoint.json',
      code: cfnJson(''),
      errors: [{ line: 4, column: 5 }],
      output: cfnJson(',\n        "KmsKeyId": "<kms-key-arn>"'),
    },
  ],
});
