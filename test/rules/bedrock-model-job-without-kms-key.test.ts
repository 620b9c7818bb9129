import { ruleTester } from '../ruleTester';
import { batchJob, customModel, jsBatch, pyCustomization } from './bedrockJobFixtures';

ruleTester('bedrock-model-job-without-kms-key', {
  valid: [
    { filename: 'model.tf', code: customModel('  custom_model_kms_key_id = aws_kms_key.models.arn\n') },
    { filename: 'batch.tf', code: batchJob('      s3_encryption_key_id = aws_kms_key.results.arn\n') },
    { filename: 'distill.py', code: pyCustomization(',\n    customModelKmsKeyId=key_arn') },
    { filename: 'batch.ts', code: jsBatch(', s3EncryptionKeyId: keyArn') },
  ],
  invalid: [
    {
      filename: 'model.tf',
      code: customModel(''),
      errors: [{ line: 1, column: 37, message: /^fine-tuning job `support` has no `custom_model_kms_key_id`: the custom model it trains is not encrypted with a key you control$/ }],
      output: customModel('  custom_model_kms_key_id = "<kms-key-arn>"\n'),
    },
    {
      filename: 'batch.tf',
      code: batchJob(''),
      errors: [{ line: 11, column: 5, message: /batch inference job `nightly` has no `output_data_config.s3_output_data_config.s3_encryption_key_id`: the results it writes to S3/ }],
      output: 'resource "aws_bedrock_model_invocation_job" "nightly" {\n  job_name = "nightly-summaries"\n  model_id = "amazon.nova-lite-v1:0"\n  role_arn = aws_iam_role.batch.arn\n  input_data_config {\n    s3_input_data_config {\n      s3_uri = "s3://prompts/in/"\n    }\n  }\n  output_data_config {\n    s3_output_data_config {\n      s3_uri               = "s3://prompts/out/"\n      s3_encryption_key_id = "<kms-key-arn>"\n    }\n  }\n}\n',
    },
    {
      filename: 'distill.py',
      code: pyCustomization(''),
      errors: [{ line: 4, column: 9, message: /`create_model_customization_job` has no `customModelKmsKeyId`: the custom model it trains/ }],
      output: pyCustomization(',\n    customModelKmsKeyId="<kms-key-arn>"'),
    },
    {
      filename: 'batch.ts',
      code: jsBatch(''),
      errors: [{ line: 8, column: 23, message: /has no `outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId`/ }],
      output: jsBatch(', s3EncryptionKeyId: "<kms-key-arn>"'),
    },
  ],
});
