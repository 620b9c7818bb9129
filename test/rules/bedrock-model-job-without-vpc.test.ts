import { ruleTester } from '../ruleTester';
import { batchJob, customModel, jsBatch, pyCustomization } from './bedrockJobFixtures';

const TF_VPC = '  vpc_config {\n    subnet_ids         = var.private_subnet_ids\n    security_group_ids = [aws_security_group.bedrock_jobs.id]\n  }\n';
const FIXED_VPC = '  vpc_config {\n    subnet_ids = ["<subnet-id>"]\n    security_group_ids = ["<security-group-id>"]\n  }\n';

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
      output: customModel(FIXED_VPC),
    },
    { name: 'distillation', filename: 'model.tf', code: customModel('', 'DISTILLATION'), errors: [{ line: 1, column: 37, message: /^distillation job `support`/ }], output: customModel(FIXED_VPC, 'DISTILLATION') },
    { filename: 'batch.tf', code: batchJob(''), errors: [{ line: 1, column: 45, message: /^batch inference job `nightly` has no `vpc_config`/ }], output: batchJob('', FIXED_VPC) },
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
