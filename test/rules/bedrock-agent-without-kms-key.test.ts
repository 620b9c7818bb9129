import { ruleTester } from '../ruleTester';

const tfAgent = (extra: string) =>
  'resource "aws_bedrockagent_agent" "support" {\n  agent_name              = "support-agent"\n  agent_resource_role_arn = aws_iam_role.agent.arn\n' +
  '  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n  instruction             = "You help customers with billing questions and escalate everything else."\n' +
  `${extra}}\n`;
const cfnAgent = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  SupportAgent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: support-agent\n' +
  '      AgentResourceRoleArn: !GetAtt AgentRole.Arn\n      FoundationModel: anthropic.claude-3-5-sonnet-20240620-v1:0\n' +
  extra;

ruleTester('bedrock-agent-without-kms-key', {
  valid: [
    { filename: 'agent.tf', code: tfAgent('  customer_encryption_key_arn = aws_kms_key.agent.arn\n') },
    { filename: 'agent.yaml', code: cfnAgent('      CustomerEncryptionKeyArn: !GetAtt AgentKey.Arn\n') },
    {
      filename: 'agent.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a", "CustomerEncryptionKeyArn": {"Fn::If": ["Cmk", {"Ref": "Key"}, {"Ref": "AWS::NoValue"}]}}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'agent.tf',
      code: tfAgent(''),
      errors: [{ line: 1, column: 35, message: /`support` has no `customer_encryption_key_arn`/ }],
      output: 'resource "aws_bedrockagent_agent" "support" {\n  agent_name                  = "support-agent"\n  agent_resource_role_arn     = aws_iam_role.agent.arn\n  foundation_model            = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n  instruction                 = "You help customers with billing questions and escalate everything else."\n  customer_encryption_key_arn = "<kms-key-arn>"\n}\n',
    },
    {
      filename: 'agent.yaml',
      code: cfnAgent(''),
      errors: [{ line: 3, column: 3, message: /`SupportAgent` has no `CustomerEncryptionKeyArn`/ }],
      output: cfnAgent('      CustomerEncryptionKeyArn: <kms-key-arn>\n'),
    },
    {
      filename: 'agent.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a"}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a", "CustomerEncryptionKeyArn": "<kms-key-arn>"}}}}\n',
    },
  ],
});
