import type { Rule, RuleContext } from './rule';
import { checkSetting, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-notebook-without-kms-key',
    title: 'SageMaker notebook instance without a KMS key',
    practices: ['MLSEC03-BP02', 'RAISP02-BP02'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A notebook instance keeps datasets, intermediate results and credentials on its ML storage volume. Without a ' +
        'customer managed KMS key that volume is encrypted with a key you cannot restrict, audit separately, or revoke. ' +
        'Set `kms_key_id` (Terraform) or `KmsKeyId` (CloudFormation) to a key whose policy grants only the notebook role.',
      bad: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "research"\n  instance_type = "ml.t3.medium"\n  role_arn = var.role_arn\n}',
      good: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "research"\n  instance_type = "ml.t3.medium"\n  role_arn = var.role_arn\n  kms_key_id = aws_kms_key.ml.arn\n}',
    },
    fix: { title: 'Add a KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_notebook_instance', key: 'kms_key_id', fix: KMS_KEY_PLACEHOLDER },
        { type: 'AWS::SageMaker::NotebookInstance', key: 'KmsKeyId', fix: KMS_KEY_PLACEHOLDER },
      ],
      isUnsafe: isEmptyString,
      absent: (r, key) => `notebook instance \`${r.name}\` has no \`${key}\`: its storage volume is not encrypted with a key you control`,
      unsafe: (r, key) => `notebook instance \`${r.name}\` sets an empty \`${key}\`: its storage volume is not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
  },
};
