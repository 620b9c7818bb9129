import type { Rule, RuleContext } from './rule';
import { checkSetting, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'bedrock-agent-without-kms-key',
    title: 'Bedrock agent without a customer managed key',
    practices: ['RAISP02-BP02'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A Bedrock agent stores its instructions, configuration and session data, which often hold customer messages. ' +
        'Without a customer managed KMS key they are encrypted with an AWS owned key that you cannot restrict with a key ' +
        'policy, audit in CloudTrail, or revoke. Set `customer_encryption_key_arn` (Terraform) or ' +
        '`CustomerEncryptionKeyArn` (CloudFormation), and let the agent role use the key.',
      bad: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "support"\n  agent_resource_role_arn = aws_iam_role.agent.arn\n  foundation_model = var.model\n}',
      good:
        'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "support"\n  agent_resource_role_arn = aws_iam_role.agent.arn\n  foundation_model = var.model\n' +
        '  customer_encryption_key_arn = aws_kms_key.agent.arn\n}',
    },
    fix: { title: 'Add a customer managed key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        { type: 'aws_bedrockagent_agent', key: 'customer_encryption_key_arn', fix: KMS_KEY_PLACEHOLDER },
        { type: 'AWS::Bedrock::Agent', key: 'CustomerEncryptionKeyArn', fix: KMS_KEY_PLACEHOLDER },
      ],
      isUnsafe: isEmptyString,
      absent: (r, key) => `Bedrock agent \`${r.name}\` has no \`${key}\`: its data is not encrypted with a key you control`,
      unsafe: (r, key) => `Bedrock agent \`${r.name}\` sets an empty \`${key}\`: its data is not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
  },
};
