import type { Rule, RuleContext } from './rule';
import { checkSetting, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-domain-without-kms-key',
    title: 'SageMaker domain without a KMS key',
    practices: ['MLSEC03-BP02', 'RAISP02-BP02'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A SageMaker domain keeps every user\'s home directory (notebooks, datasets, model files) on a shared EFS volume. ' +
        'Without a customer managed KMS key that volume is encrypted with a key you cannot restrict, audit separately, or ' +
        'revoke. Set `kms_key_id` (Terraform) or `KmsKeyId` (CloudFormation) when you create the domain; it cannot be ' +
        'added later without replacing the domain.',
      bad: 'resource "aws_sagemaker_domain" "d" {\n  domain_name = "ml"\n  auth_mode = "IAM"\n  vpc_id = var.vpc_id\n  subnet_ids = var.subnet_ids\n  default_user_settings { execution_role = var.role_arn }\n}',
      good:
        'resource "aws_sagemaker_domain" "d" {\n  domain_name = "ml"\n  auth_mode = "IAM"\n  vpc_id = var.vpc_id\n  subnet_ids = var.subnet_ids\n' +
        '  kms_key_id = aws_kms_key.ml.arn\n  default_user_settings { execution_role = var.role_arn }\n}',
    },
    fix: { title: 'Add a KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_domain', key: 'kms_key_id', fix: KMS_KEY_PLACEHOLDER },
        { type: 'AWS::SageMaker::Domain', key: 'KmsKeyId', fix: KMS_KEY_PLACEHOLDER },
      ],
      isUnsafe: isEmptyString,
      absent: (r, key) => `SageMaker domain \`${r.name}\` has no \`${key}\`: its EFS home directories are not encrypted with a key you control`,
      unsafe: (r, key) => `SageMaker domain \`${r.name}\` sets an empty \`${key}\`: its EFS home directories are not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN; replaces the domain)`,
    });
  },
};
