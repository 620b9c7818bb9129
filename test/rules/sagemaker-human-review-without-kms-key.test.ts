import { ruleTester } from '../ruleTester';

const tf = (output: string) =>
  'resource "aws_sagemaker_flow_definition" "loan_review" {\n  flow_definition_name = "loan-review"\n  role_arn             = aws_iam_role.a2i.arn\n' +
  '  human_loop_config {\n    human_task_ui_arn                     = aws_sagemaker_human_task_ui.review.arn\n    task_availability_lifetime_in_seconds = 3600\n' +
  '    task_count                            = 1\n    task_description                      = "Check the decision"\n    task_title                            = "Loan review"\n' +
  `    workteam_arn                          = aws_sagemaker_workteam.reviewers.arn\n  }\n  output_config {\n    s3_output_path = "s3://\${aws_s3_bucket.reviews.bucket}/"\n${output}  }\n}\n`;
const py = (output: string) =>
  'import boto3\n\nsagemaker = boto3.client("sagemaker")\nsagemaker.create_flow_definition(\n    FlowDefinitionName="loan-review",\n    RoleArn=role_arn,\n' +
  `    HumanLoopConfig=human_loop_config,\n    OutputConfig={"S3OutputPath": "s3://reviews/"${output}},\n)\n`;
const js = (output: string) =>
  'import { SageMakerClient, CreateFlowDefinitionCommand } from "@aws-sdk/client-sagemaker";\nconst client = new SageMakerClient({});\n' +
  `await client.send(new CreateFlowDefinitionCommand({ FlowDefinitionName: "loan-review", RoleArn: roleArn, HumanLoopConfig: loop, OutputConfig: { S3OutputPath: "s3://reviews/"${output} } }));\n`;

ruleTester('sagemaker-human-review-without-kms-key', {
  valid: [
    { filename: 'review.tf', code: tf('    kms_key_id     = aws_kms_key.reviews.arn\n') },
    { name: 'from a variable', filename: 'review.tf', code: tf('    kms_key_id     = var.kms_key_id\n') },
    { filename: 'review.py', code: py(', "KmsKeyId": key_arn') },
    { name: 'output configuration built elsewhere', filename: 'review.py', code: py('').replace('OutputConfig={"S3OutputPath": "s3://reviews/"}', 'OutputConfig=output_config') },
    { name: 'a flow definition of another library', filename: 'other.py', code: 'from my_a2i import create_flow_definition\ncreate_flow_definition(name="x")\n' },
    { filename: 'review.ts', code: js(', KmsKeyId: key.keyArn') },
  ],
  invalid: [
    {
      filename: 'review.tf',
      code: tf(''),
      errors: [{ line: 12, column: 3, message: /human review workflow `loan_review` has no `output_config.kms_key_id`: the inputs people review and their answers/ }],
      output: 'resource "aws_sagemaker_flow_definition" "loan_review" {\n  flow_definition_name = "loan-review"\n  role_arn             = aws_iam_role.a2i.arn\n  human_loop_config {\n    human_task_ui_arn                     = aws_sagemaker_human_task_ui.review.arn\n    task_availability_lifetime_in_seconds = 3600\n    task_count                            = 1\n    task_description                      = "Check the decision"\n    task_title                            = "Loan review"\n    workteam_arn                          = aws_sagemaker_workteam.reviewers.arn\n  }\n  output_config {\n    s3_output_path = "s3://${aws_s3_bucket.reviews.bucket}/"\n    kms_key_id     = "<kms-key-arn>"\n  }\n}\n',
    },
    { filename: 'review.tf', code: tf('    kms_key_id     = ""\n'), errors: [{ line: 14, column: 22, message: /sets an empty/ }], output: tf('    kms_key_id     = "<kms-key-arn>"\n') },
    {
      name: 'boto3',
      filename: 'review.py',
      code: py(''),
      errors: [{ line: 8, column: 5, message: /`create_flow_definition` has no `OutputConfig.KmsKeyId`/ }],
      output: py(', "KmsKeyId": "<kms-key-arn>"'),
    },
    {
      name: 'boto3 without an output configuration',
      filename: 'review.py',
      code: py('').replace('    OutputConfig={"S3OutputPath": "s3://reviews/"},\n', ''),
      errors: [{ line: 4, column: 11 }],
    },
    {
      name: 'AWS SDK for JavaScript v3',
      filename: 'review.ts',
      code: js(''),
      errors: [{ line: 3, column: 129, message: /`CreateFlowDefinitionCommand` has no `OutputConfig.KmsKeyId`/ }],
      output: js(', KmsKeyId: "<kms-key-arn>"'),
    },
  ],
});
