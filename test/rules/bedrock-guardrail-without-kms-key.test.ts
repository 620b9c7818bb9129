import { ruleTester } from '../ruleTester';

const tfGuardrail = (extra: string) =>
  'resource "aws_bedrock_guardrail" "support" {\n  name                      = "support"\n  blocked_input_messaging   = "Sorry, I can\'t help with that."\n' +
  `  blocked_outputs_messaging = "Sorry, I can't share that."\n${extra}}\n`;
const cfnGuardrail = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Guardrail:\n    Type: AWS::Bedrock::Guardrail\n    Properties:\n      Name: support\n' +
  "      BlockedInputMessaging: Sorry, I can't help with that.\n      BlockedOutputsMessaging: Sorry, I can't share that.\n" +
  extra;

ruleTester('bedrock-guardrail-without-kms-key', {
  valid: [
    { filename: 'guardrail.tf', code: tfGuardrail('  kms_key_arn               = aws_kms_key.guardrail.arn\n') },
    { filename: 'guardrail.yaml', code: cfnGuardrail('      KmsKeyArn: !GetAtt GuardrailKey.Arn\n') },
    {
      filename: 'guardrail.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g", "KmsKeyArn": {"Ref": "Key"}}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'guardrail.tf',
      code: tfGuardrail(''),
      errors: [{ line: 1, column: 34, message: /`support` has no `kms_key_arn`/ }],
      output: 'resource "aws_bedrock_guardrail" "support" {\n  name                      = "support"\n  blocked_input_messaging   = "Sorry, I can\'t help with that."\n  blocked_outputs_messaging = "Sorry, I can\'t share that."\n  kms_key_arn               = "<kms-key-arn>"\n}\n',
    },
    {
      filename: 'guardrail.yaml',
      code: cfnGuardrail(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnGuardrail('      KmsKeyArn: <kms-key-arn>\n'),
    },
    {
      filename: 'guardrail.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g"}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g", "KmsKeyArn": "<kms-key-arn>"}}}}\n',
    },
  ],
});
