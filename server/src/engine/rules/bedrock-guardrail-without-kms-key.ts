import type { Rule, RuleContext } from './rule';
import { checkSetting, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'bedrock-guardrail-without-kms-key',
    title: 'Bedrock guardrail without a customer managed key',
    practices: ['RAISP02-BP02'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A guardrail\'s denied topics, word lists, regular expressions and blocked messages describe what your application ' +
        'must not say and which data it treats as sensitive. Without a customer managed KMS key they are encrypted with an ' +
        'AWS owned key that you cannot restrict with a key policy, audit, or revoke. Set `kms_key_arn` (Terraform) or ' +
        '`KmsKeyArn` (CloudFormation).',
      bad: 'resource "aws_bedrock_guardrail" "g" {\n  name = "support"\n  blocked_input_messaging = "Sorry."\n  blocked_outputs_messaging = "Sorry."\n  ...\n}',
      good: 'resource "aws_bedrock_guardrail" "g" {\n  name = "support"\n  blocked_input_messaging = "Sorry."\n  blocked_outputs_messaging = "Sorry."\n  kms_key_arn = aws_kms_key.guardrail.arn\n  ...\n}',
    },
    fix: { title: 'Add a customer managed key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        { type: 'aws_bedrock_guardrail', key: 'kms_key_arn', fix: KMS_KEY_PLACEHOLDER },
        { type: 'AWS::Bedrock::Guardrail', key: 'KmsKeyArn', fix: KMS_KEY_PLACEHOLDER },
      ],
      isUnsafe: isEmptyString,
      absent: (r, key) => `guardrail \`${r.name}\` has no \`${key}\`: its policies are not encrypted with a key you control`,
      unsafe: (r, key) => `guardrail \`${r.name}\` sets an empty \`${key}\`: its policies are not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
  },
};
