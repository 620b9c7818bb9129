import { BEDROCK_JOBS } from '../apis/bedrockJobs';
import type { Rule, RuleContext } from './rule';
import { checkResourcesAndCalls, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'bedrock-model-job-without-kms-key',
    title: 'Bedrock custom model or batch inference output without a customer managed key',
    practices: ['RAISP02-BP02', 'MLSEC02-BP01'],
    severity: 'note',
    languages: ['terraform', 'python', 'typescript', 'javascript'],
    docs: {
      description:
        'A custom model (fine-tuned, continued pre-trained or distilled) carries what it learned from your training data, ' +
        'and a batch inference job writes every prompt\'s answer to S3. Without `customModelKmsKeyId` the model is ' +
        'encrypted with a key AWS owns, and without `s3EncryptionKeyId` the results use the bucket\'s default encryption: ' +
        'neither is a key you can restrict to this workload, audit or revoke (CreateModelCustomizationJob and ' +
        'CreateModelInvocationJob in the Bedrock API reference; `custom_model_kms_key_id` and ' +
        '`output_data_config.s3_output_data_config.s3_encryption_key_id` in Terraform).',
      bad: 'resource "aws_bedrock_custom_model" "support" {\n  custom_model_name = "support-ft"\n  ...\n}',
      good: 'resource "aws_bedrock_custom_model" "support" {\n  custom_model_name       = "support-ft"\n  custom_model_kms_key_id = aws_kms_key.models.arn\n  ...\n}',
    },
    fix: { title: 'Add a KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkResourcesAndCalls(context, {
      resources: BEDROCK_JOBS.map((job) => ({ type: job.type, key: job.kmsKey, fix: KMS_KEY_PLACEHOLDER, noun: job.noun })),
      calls: BEDROCK_JOBS.map((job) => ({ operation: job.operation, key: job.apiKmsKey, fix: KMS_KEY_PLACEHOLDER })),
      isUnsafe: isEmptyString,
      absent: (subject, key) => `${subject} has no \`${key}\`: ${what(key)} not encrypted with a key you control`,
      unsafe: (subject, key) => `${subject} sets an empty \`${key}\`: ${what(key)} not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
  },
};

function what(key: string): string {
  return /custom_?model/i.test(key) ? 'the custom model it trains is' : 'the results it writes to S3 are';
}
