// Bedrock model customization and batch inference jobs, for the bedrock-model-job-* tables.

export const customModel = (extra: string, type = 'FINE_TUNING') =>
  'resource "aws_bedrock_custom_model" "support" {\n  custom_model_name     = "support-ft"\n  job_name              = "support-ft-1"\n' +
  '  base_model_identifier = data.aws_bedrock_foundation_model.base.model_arn\n  role_arn              = aws_iam_role.customization.arn\n' +
  `  customization_type    = "${type}"\n  hyperparameters = {\n    epochCount = "2"\n  }\n  output_data_config {\n    s3_uri = "s3://\${aws_s3_bucket.models.id}/out/"\n  }\n` +
  `  training_data_config {\n    s3_uri = "s3://\${aws_s3_bucket.training.id}/train.jsonl"\n  }\n${extra}}\n`;

export const batchJob = (output: string, extra = '') =>
  'resource "aws_bedrock_model_invocation_job" "nightly" {\n  job_name = "nightly-summaries"\n  model_id = "amazon.nova-lite-v1:0"\n  role_arn = aws_iam_role.batch.arn\n' +
  '  input_data_config {\n    s3_input_data_config {\n      s3_uri = "s3://prompts/in/"\n    }\n  }\n' +
  `  output_data_config {\n    s3_output_data_config {\n      s3_uri = "s3://prompts/out/"\n${output}    }\n  }\n${extra}}\n`;

export const pyCustomization = (extra: string) =>
  'import boto3\n\nbedrock = boto3.client("bedrock")\nbedrock.create_model_customization_job(\n    jobName="distill-1",\n    customModelName="support-distilled",\n' +
  '    roleArn=role_arn,\n    baseModelIdentifier="amazon.nova-micro-v1:0",\n    customizationType="DISTILLATION",\n' +
  `    trainingDataConfig={"s3Uri": "s3://training/prompts.jsonl"},\n    outputDataConfig={"s3Uri": "s3://models/out/"}${extra},\n)\n`;

export const jsBatch = (extra: string) =>
  'import { BedrockClient, CreateModelInvocationJobCommand } from "@aws-sdk/client-bedrock";\nconst client = new BedrockClient({});\n' +
  'await client.send(new CreateModelInvocationJobCommand({\n  jobName: "nightly",\n  roleArn,\n  modelId: "amazon.nova-lite-v1:0",\n' +
  `  inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://prompts/in/" } },\n  outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://prompts/out/"${extra} } },\n}));\n`;
