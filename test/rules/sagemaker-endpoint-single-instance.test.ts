import { ruleTester } from '../ruleTester';

const tfVariant = (name: string, count: string, extra = '') =>
  `  production_variants {\n    variant_name           = "${name}"\n    model_name             = aws_sagemaker_model.ranker.name\n    instance_type          = "ml.m5.xlarge"\n    initial_instance_count = ${count}\n${extra}  }\n`;
const tfConfig = (body: string) => `resource "aws_sagemaker_endpoint_configuration" "ranker" {\n  name = "ticket-ranker"\n\n${body}}\n`;
const cfnConfig = (count: string, extra = '') =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  RankerConfig:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      ProductionVariants:\n' +
  `        - VariantName: primary\n          ModelName: !GetAtt RankerModel.ModelName\n          InstanceType: ml.m5.xlarge\n          InitialInstanceCount: ${count}\n` +
  extra;
const tfScaling = (min: string) =>
  'resource "aws_appautoscaling_target" "ranker" {\n  service_namespace  = "sagemaker"\n  resource_id        = "endpoint/${aws_sagemaker_endpoint.ranker.name}/variant/primary"\n' +
  `  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"\n  min_capacity       = ${min}\n  max_capacity       = 6\n}\n`;

ruleTester('sagemaker-endpoint-single-instance', {
  valid: [
    { filename: 'endpoint.tf', code: tfConfig(tfVariant('primary', '2')) },
    { name: 'count from a variable', filename: 'endpoint.tf', code: tfConfig(tfVariant('primary', 'var.instance_count')) },
    { name: 'auto scaling keeps two or more', filename: 'endpoint.tf', code: tfConfig(tfVariant('primary', '1')) + '\n' + tfScaling('2') },
    { name: 'auto scaling minimum from a variable', filename: 'endpoint.tf', code: tfConfig(tfVariant('primary', '1')) + '\n' + tfScaling('var.min_instances') },
    {
      name: 'serverless variant',
      filename: 'endpoint.tf',
      code: tfConfig('  production_variants {\n    variant_name = "primary"\n    model_name   = aws_sagemaker_model.ranker.name\n    serverless_config {\n      max_concurrency   = 5\n      memory_size_in_mb = 2048\n    }\n  }\n'),
    },
    { name: 'shadow variants are not production traffic', filename: 'endpoint.tf', code: tfConfig(tfVariant('primary', '3') + '\n  shadow_production_variants {\n    variant_name           = "candidate"\n    model_name             = aws_sagemaker_model.candidate.name\n    instance_type          = "ml.m5.xlarge"\n    initial_instance_count = 1\n  }\n') },
    { name: 'dynamic production_variants', filename: 'endpoint.tf', code: tfConfig('  dynamic "production_variants" {\n    for_each = var.variants\n    content {\n      variant_name           = production_variants.key\n      initial_instance_count = 1\n    }\n  }\n') },
    {
      name: 'asynchronous endpoint',
      filename: 'endpoint.tf',
      code: tfConfig(
        tfVariant('primary', '1') +
          '\n  async_inference_config {\n    output_config {\n      s3_output_path = "s3://${aws_s3_bucket.results.bucket}/async/"\n    }\n  }\n',
      ),
    },
    { filename: 'endpoint.yaml', code: cfnConfig('2') },
    { name: '!Ref count', filename: 'endpoint.yaml', code: cfnConfig('!Ref InstanceCount') },
    {
      name: 'scalable target in the same template',
      filename: 'endpoint.yaml',
      code:
        cfnConfig('1') +
        '  RankerScaling:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      ServiceNamespace: sagemaker\n' +
        '      ResourceId: !Sub "endpoint/${RankerEndpoint.EndpointName}/variant/primary"\n      ScalableDimension: sagemaker:variant:DesiredInstanceCount\n      MinCapacity: 2\n      MaxCapacity: 8\n',
    },
    {
      filename: 'endpoint.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"C": {"Type": "AWS::SageMaker::EndpointConfig", "Properties": {"ProductionVariants": [{"VariantName": "a", "InitialInstanceCount": {"Fn::If": ["Prod", 3, 1]}}]}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'endpoint.tf',
      code: tfConfig(tfVariant('primary', '1')),
      errors: [{ line: 8, column: 30, message: /production variant `primary` of endpoint configuration `ranker` runs on a single instance/ }],
      output: tfConfig(tfVariant('primary', '2')),
    },
    {
      name: 'each single-instance variant of an A/B test',
      filename: 'endpoint.tf',
      code: tfConfig(tfVariant('champion', '1', '    initial_variant_weight = 0.9\n') + '\n' + tfVariant('challenger', '1', '    initial_variant_weight = 0.1\n')),
      errors: [{ line: 8, column: 30, message: /`champion`/ }, { line: 16, column: 30, message: /`challenger`/ }],
      output: tfConfig(tfVariant('champion', '2', '    initial_variant_weight = 0.9\n') + '\n' + tfVariant('challenger', '2', '    initial_variant_weight = 0.1\n')),
    },
    {
      name: 'auto scaling that keeps a minimum of one',
      filename: 'endpoint.tf',
      code: tfConfig(tfVariant('primary', '1')) + '\n' + tfScaling('1'),
      errors: [{ line: 8, column: 30 }],
      output: tfConfig(tfVariant('primary', '2')) + '\n' + tfScaling('1'),
    },
    {
      filename: 'endpoint.yaml',
      code: cfnConfig('1'),
      errors: [{ line: 10, column: 33 }],
      output: cfnConfig('2'),
    },
    {
      filename: 'endpoint.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"C": {"Type": "AWS::SageMaker::EndpointConfig", "Properties": {"ProductionVariants": [{"VariantName": "a", "InitialInstanceCount": 1}]}}}}\n',
      errors: [{ line: 1, column: 189 }],
      output: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"C": {"Type": "AWS::SageMaker::EndpointConfig", "Properties": {"ProductionVariants": [{"VariantName": "a", "InitialInstanceCount": 2}]}}}}\n',
    },
  ],
});
