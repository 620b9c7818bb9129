import { CREATE_MEMORY, MEMORIES, MEMORY_KEY } from '../apis/agentcore';
import type { Rule, RuleContext } from './rule';
import { checkResourcesAndCalls, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

const WHY = 'the conversations and memories it keeps are not encrypted with a key you control';

export const rule: Rule = {
  meta: {
    id: 'bedrock-agentcore-memory-without-kms-key',
    title: 'Bedrock AgentCore memory without a customer managed key',
    practices: ['RAISP02-BP02', 'GENSEC01-BP03'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'AgentCore memory keeps users\' conversation events and the long-term memories extracted from them (preferences, ' +
        'facts, summaries): personal data by design. Without `encryptionKeyArn` it is encrypted with a key AWS owns, which ' +
        'you cannot restrict, audit or revoke (CreateMemory in the AgentCore Control Plane API reference; ' +
        '`encryption_key_arn` in Terraform, `EncryptionKeyArn` in CloudFormation). Give it a customer managed KMS key.',
      bad: 'resource "aws_bedrockagentcore_memory" "chat" {\n  name                  = "chat_memory"\n  event_expiry_duration = 30\n}',
      good: 'resource "aws_bedrockagentcore_memory" "chat" {\n  name                  = "chat_memory"\n  event_expiry_duration = 30\n  encryption_key_arn    = aws_kms_key.memory.arn\n}',
    },
    fix: { title: 'Add a KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkResourcesAndCalls(context, {
      resources: MEMORIES.map(({ type, key }) => ({ type, key, fix: KMS_KEY_PLACEHOLDER, noun: 'memory' })),
      calls: [{ operation: CREATE_MEMORY, key: MEMORY_KEY, fix: KMS_KEY_PLACEHOLDER }],
      isUnsafe: isEmptyString,
      absent: (subject, key) => `${subject} has no \`${key}\`: ${WHY}`,
      unsafe: (subject, key) => `${subject} sets an empty \`${key}\`: ${WHY}`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
  },
};
