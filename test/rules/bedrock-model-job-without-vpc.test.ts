import { ruleTester } from '../ruleTester';
import { batchJob, customModel, jsBatch, pyCustomization } from './bedrockJobFixtures';

const TF_VPC = '  vpc_config {\n    subnet_ids         = var.private_subnet_ids\n    security_group_ids = [aws_security_group.bedrock_jobs.id]\n  }\n';

ruleTester('bedrock-model-job-without-vpc', {
  valid: [
    { filename: 'model.tf', code: customModel(TF_VPC) },
    { name: 'a dynamic block', filename: 'model.tf', code: customModel('  dynamic "vpc_config" {\n    for_each = var.vpc\n    content {\n      subnet_ids = vpc_config.value\n    }\n  }\n') },
    { filename: 'batch.tf', code: batchJob('', TF_VPC) },
    { filename: 'distill.py', code: pyCustomization(',\n    vpcConfig={"subnetIds": subnets, "securityGroupIds": groups}') },
    { filename: 'batch.ts', code: jsBatch('').replace('  roleArn,\n', '  roleArn,\n  vpcConfig: { subnetIds, securityGroupIds },\n') },
  ],
  invalid: [
    {
      filename: 'model.tf',
      code: customModel(''),
      errors: [{ line: 1, column: 37, message: /^fine-tuning job `support` has no `vpc_config`: Bedrock reads its data from S3 outside your VPC$/ }],
      output: 'resource "aws_bedrock_custom_model" "support" {\n  custom_model_name     = "support-ft"\n  job_name              = "support-ft-1"\n  base_model_identifier = data.aws_bedrock_foundation_model.base.model_arn\n  role_arn              = aws_iam_role.customization.arn\n  customization_type    = "FINE_TUNING"\n  hyperparameters = {\n    epochCount = "2"\n  }\n  output_data_config {\n    s3_uri = "s3://${aws_s3_bucket.models.id}/out/"\n  }\n  training_data_config {\n    s3_uri = "s3://${aws_s3_bucket.training.id}/train.jsonl"\n  }\n  vpc_config {\n    subnet_ids         = ["<subnet-id>"]\n    security_group_ids = ["<security-group-id>"]\n  }\n}\n',
    },
    { name: 'distillation', filename: 'model.tf', code: customModel('', 'DISTILLATION'), errors: [{ line: 1, column: 37, message: /^distillation job `support`/ }], output: 'resource "aws_bedrock_custom_model" "support" {\n  custom_model_name     = "support-ft"\n  job_name              = "support-ft-1"\n  base_model_identifier = data.aws_bedrock_foundation_model.base.model_arn\n  role_arn              = aws_iam_role.customization.arn\n  customization_type    = "DISTILLATION"\n  hyperparameters = {\n    epochCount = "2"\n  }\n  output_data_config {\n    s3_uri = "s3://${aws_s3_bucket.models.id}/out/"\n  }\n  training_data_config {\n    s3_uri = "s3://${aws_s3_bucket.training.id}/train.jsonl"\n  }\n  vpc_config {\n    subnet_ids         = ["<subnet-id>"]\n    security_group_ids = ["<security-group-id>"]\n  }\n}\n' },
    { filename: 'batch.tf', code: batchJob(''), errors: [{ line: 1, column: 45, message: /^batch inference job `nightly` has no `vpc_config`/ }], output: 'resource "aws_bedrock_model_invocation_job" "nightly" {\n  job_name = "nightly-summaries"\n  model_id = "amazon.nova-lite-v1:0"\n  role_arn = aws_iam_role.batch.arn\n  input_data_config {\n    s3_input_data_config {\n      s3_uri = "s3://prompts/in/"\n    }\n  }\n  output_data_config {\n    s3_output_data_config {\n      s3_uri = "s3://prompts/out/"\n    }\n  }\n  vpc_config {\n    subnet_ids         = ["<subnet-id>"]\n    security_group_ids = ["<security-group-id>"]\n  }\n}\n' },
    {
      filename: 'distill.py',
      code: pyCustomization(''),
      errors: [{ line: 4, column: 9, message: /`create_model_customization_job` has no `vpcConfig`/ }],
      output: pyCustomization(',\n    vpcConfig={"subnetIds": ["<subnet-id>"], "securityGroupIds": ["<security-group-id>"]}'),
    },
    {
      filename: 'batch.ts',
      code: jsBatch(''),
      errors: [{ line: 3, column: 23, message: /`CreateModelInvocationJobCommand` has no `vpcConfig`/ }],
      output: jsBatch('').replace(' } },\n}));', ' } },\n  vpcConfig: { subnetIds: ["<subnet-id>"], securityGroupIds: ["<security-group-id>"] },\n}));'),
    },
  ],
});
