import { CREATE_FLOW_DEFINITION, FLOW_DEFINITION_RESOURCE } from '../apis/humanReview';
import type { Rule, RuleContext } from './rule';
import { checkResourcesAndCalls, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

const ABSENT = 'the inputs people review and their answers are stored in S3 without a key you control';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-human-review-without-kms-key',
    title: 'Human review workflow (Amazon A2I flow definition) without a KMS key for its output',
    practices: ['RAISP02-BP02', 'MLSEC02-BP01', 'RAIMON01-BP03'],
    severity: 'note',
    languages: ['terraform', 'python', 'typescript', 'javascript'],
    docs: {
      description:
        'An Amazon A2I flow definition sends model inputs and predictions to human reviewers and writes what they saw and ' +
        'decided to S3. That output often holds the personal data the review was about. Without `KmsKeyId` in its output ' +
        'configuration (CreateFlowDefinition in the SageMaker API reference; `output_config.kms_key_id` in Terraform) it ' +
        'is encrypted with an AWS managed key you cannot restrict, audit separately or revoke. CloudFormation has no flow ' +
        'definition resource; boto3 `create_flow_definition` and the JavaScript SDK\'s `CreateFlowDefinitionCommand` are checked.',
      bad:
        'resource "aws_sagemaker_flow_definition" "review" {\n  flow_definition_name = "loan-review"\n  role_arn             = aws_iam_role.a2i.arn\n' +
        '  human_loop_config { ... }\n  output_config {\n    s3_output_path = "s3://${aws_s3_bucket.reviews.bucket}/"\n  }\n}',
      good:
        'resource "aws_sagemaker_flow_definition" "review" {\n  flow_definition_name = "loan-review"\n  role_arn             = aws_iam_role.a2i.arn\n' +
        '  human_loop_config { ... }\n  output_config {\n    s3_output_path = "s3://${aws_s3_bucket.reviews.bucket}/"\n    kms_key_id     = aws_kms_key.reviews.arn\n  }\n}',
    },
    fix: { title: 'Add a KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkResourcesAndCalls(context, {
      resources: [{ type: FLOW_DEFINITION_RESOURCE, key: ['output_config', 'kms_key_id'], fix: KMS_KEY_PLACEHOLDER, noun: 'human review workflow' }],
      calls: [{ operation: CREATE_FLOW_DEFINITION, key: ['OutputConfig', 'KmsKeyId'], fix: KMS_KEY_PLACEHOLDER }],
      isUnsafe: isEmptyString,
      absent: (subject, key) => `${subject} has no \`${key}\`: ${ABSENT}`,
      unsafe: (subject, key) => `${subject} sets an empty \`${key}\`: ${ABSENT}`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
  },
};
