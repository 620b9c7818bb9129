import { ruleTester } from '../ruleTester';

const tf = (extra: string) => `resource "aws_bedrockagentcore_memory" "chat" {\n  name                  = "chat_memory"\n  event_expiry_duration = 30\n${extra}}\n`;
const cfn = (extra: string) => `Resources:\n  ChatMemory:\n    Type: AWS::BedrockAgentCore::Memory\n    Properties:\n      Name: chat_memory\n      EventExpiryDuration: 30\n${extra}`;
const awscc = (extra: string) => `resource "awscc_bedrockagentcore_memory" "chat" {\n  name                  = "chat_memory"\n  event_expiry_duration = 30\n${extra}}\n`;
const cdk = (extra: string) => `import * as agentcore from "aws-cdk-lib/aws-bedrockagentcore";\nnew agentcore.CfnMemory(this, "Chat", { name: "chat_memory", eventExpiryDuration: 30${extra} });\n`;
const py = (extra: string) => `import boto3\n\ncontrol = boto3.client("bedrock-agentcore-control")\nmemory = control.create_memory(name="chat_memory", eventExpiryDuration=30${extra})\n`;
const js = (extra: string) =>
  'import { BedrockAgentCoreControlClient, CreateMemoryCommand } from "@aws-sdk/client-bedrock-agentcore-control";\n' +
  `await new BedrockAgentCoreControlClient({}).send(new CreateMemoryCommand({ name: "chat_memory", eventExpiryDuration: 30${extra} }));\n`;

ruleTester('bedrock-agentcore-memory-without-kms-key', {
  valid: [
    { filename: 'memory.tf', code: tf('  encryption_key_arn    = aws_kms_key.memory.arn\n') },
    { filename: 'memory.yaml', code: cfn('      EncryptionKeyArn: !GetAtt MemoryKey.Arn\n') },
    { filename: 'memory.tf', code: awscc('  encryption_key_arn    = awscc_kms_key.memory.arn\n') },
    { filename: 'stack.ts', code: cdk(', encryptionKeyArn: key.keyArn') },
    { filename: 'memory.py', code: py(', encryptionKeyArn=key_arn') },
    { name: 'arguments spread from a dict', filename: 'memory.py', code: py(', **settings') },
    { filename: 'memory.ts', code: js(', encryptionKeyArn: keyArn') },
  ],
  invalid: [
    {
      filename: 'memory.tf',
      code: tf(''),
      errors: [{ line: 1, column: 40, message: /^memory `chat` has no `encryption_key_arn`: the conversations and memories it keeps are not encrypted with a key you control$/ }],
      output: 'resource "aws_bedrockagentcore_memory" "chat" {\n  name                  = "chat_memory"\n  event_expiry_duration = 30\n  encryption_key_arn    = "<kms-key-arn>"\n}\n',
    },
    { filename: 'memory.yaml', code: cfn(''), errors: [{ line: 2, column: 3, message: /has no `EncryptionKeyArn`/ }], output: cfn('      EncryptionKeyArn: <kms-key-arn>\n') },
    { filename: 'memory.tf', code: awscc('  encryption_key_arn    = ""\n'), errors: [{ line: 4, column: 27, message: /sets an empty `encryption_key_arn`/ }], output: awscc('  encryption_key_arn    = "<kms-key-arn>"\n') },
    { filename: 'stack.ts', code: cdk(''), errors: [{ line: 2, column: 31, message: /has no `encryptionKeyArn`/ }], output: cdk(', encryptionKeyArn: "<kms-key-arn>"') },
    { filename: 'memory.py', code: py(''), errors: [{ line: 4, column: 18, message: /`create_memory` has no `encryptionKeyArn`/ }], output: py(', encryptionKeyArn="<kms-key-arn>"') },
    { filename: 'memory.ts', code: js(''), errors: [{ line: 2, column: 54, message: /`CreateMemoryCommand` has no `encryptionKeyArn`/ }], output: js(', encryptionKeyArn: "<kms-key-arn>"') },
  ],
});
