import { ruleTester } from '../ruleTester';

const tfGuardrail = (body: string) =>
  'resource "aws_bedrock_guardrail" "support" {\n  name                      = "support"\n  blocked_input_messaging   = "Sorry, I can\'t help with that."\n' +
  '  blocked_outputs_messaging = "Sorry, I can\'t share that."\n\n  content_policy_config {\n    filters_config {\n      type            = "PROMPT_ATTACK"\n' +
  `      input_strength  = "HIGH"\n      output_strength = "NONE"\n    }\n  }\n${body}}\n`;
const TF_STARTER =
  '  sensitive_information_policy_config {\n' +
  ['EMAIL:ANONYMIZE', 'PHONE:ANONYMIZE', 'US_SOCIAL_SECURITY_NUMBER:BLOCK', 'CREDIT_DEBIT_CARD_NUMBER:BLOCK']
    .map((e) => `    pii_entities_config {\n      type   = "${e.split(':')[0]}"\n      action = "${e.split(':')[1]}"\n    }\n`)
    .join('') +
  '  }\n';
const cfnGuardrail = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Guardrail:\n    Type: AWS::Bedrock::Guardrail\n    Properties:\n      Name: support\n' +
  "      BlockedInputMessaging: Sorry, I can't help with that.\n      BlockedOutputsMessaging: Sorry, I can't share that.\n" +
  extra;
const CFN_STARTER =
  '      SensitiveInformationPolicyConfig:\n        PiiEntitiesConfig:\n          - Type: EMAIL\n            Action: ANONYMIZE\n          - Type: PHONE\n            Action: ANONYMIZE\n' +
  '          - Type: US_SOCIAL_SECURITY_NUMBER\n            Action: BLOCK\n          - Type: CREDIT_DEBIT_CARD_NUMBER\n            Action: BLOCK\n';

ruleTester('bedrock-guardrail-without-pii-filter', {
  valid: [
    {
      filename: 'guardrail.tf',
      code: tfGuardrail('\n  sensitive_information_policy_config {\n    pii_entities_config {\n      type   = "EMAIL"\n      action = "ANONYMIZE"\n    }\n  }\n'),
    },
    {
      name: 'regular expressions only',
      filename: 'guardrail.tf',
      code: tfGuardrail('\n  sensitive_information_policy_config {\n    regexes_config {\n      name    = "account_id"\n      pattern = "ACME-[0-9]{8}"\n      action  = "ANONYMIZE"\n    }\n  }\n'),
    },
    {
      name: 'dynamic entities',
      filename: 'guardrail.tf',
      code: tfGuardrail('\n  sensitive_information_policy_config {\n    dynamic "pii_entities_config" {\n      for_each = var.pii_actions\n      content {\n        type   = pii_entities_config.key\n        action = pii_entities_config.value\n      }\n    }\n  }\n'),
    },
    { name: 'dynamic policy', filename: 'guardrail.tf', code: tfGuardrail('\n  dynamic "sensitive_information_policy_config" {\n    for_each = var.pii_policy[*]\n    content {}\n  }\n') },
    { filename: 'guardrail.yaml', code: cfnGuardrail('      SensitiveInformationPolicyConfig:\n        PiiEntitiesConfig:\n          - Type: EMAIL\n            Action: BLOCK\n') },
    { name: 'policy from Fn::If', filename: 'guardrail.yaml', code: cfnGuardrail('      SensitiveInformationPolicyConfig: !If [MaskPii, {PiiEntitiesConfig: [{Type: EMAIL, Action: ANONYMIZE}]}, !Ref AWS::NoValue]\n') },
    {
      filename: 'guardrail.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g", "SensitiveInformationPolicyConfig": {"RegexesConfig": [{"Name": "id", "Pattern": "X[0-9]+", "Action": "BLOCK"}]}}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'guardrail.tf',
      code: tfGuardrail(''),
      errors: [{ line: 1, column: 34, message: /`support` has no sensitive-information policy/ }],
      output: tfGuardrail(TF_STARTER),
    },
    {
      filename: 'guardrail.yaml',
      code: cfnGuardrail(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnGuardrail(CFN_STARTER),
    },
    {
      name: 'empty policy',
      filename: 'guardrail.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g", "SensitiveInformationPolicyConfig": {}}}}}\n',
      errors: [{ line: 1, column: 127, message: /empty sensitive-information policy/ }],
      output:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g", "SensitiveInformationPolicyConfig": {"PiiEntitiesConfig": [{"Type": "EMAIL", "Action": "ANONYMIZE"}, {"Type": "PHONE", "Action": "ANONYMIZE"}, {"Type": "US_SOCIAL_SECURITY_NUMBER", "Action": "BLOCK"}, {"Type": "CREDIT_DEBIT_CARD_NUMBER", "Action": "BLOCK"}]}}}}}\n',
    },
    {
      filename: 'guardrail.json',
      code: '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "G": {\n      "Type": "AWS::Bedrock::Guardrail",\n      "Properties": {\n        "Name": "g"\n      }\n    }\n  }\n}\n',
      errors: [{ line: 4, column: 5 }],
      output:
        '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "G": {\n      "Type": "AWS::Bedrock::Guardrail",\n      "Properties": {\n        "Name": "g",\n' +
        '        "SensitiveInformationPolicyConfig": {\n          "PiiEntitiesConfig": [\n' +
        [
          ['EMAIL', 'ANONYMIZE'],
          ['PHONE', 'ANONYMIZE'],
          ['US_SOCIAL_SECURITY_NUMBER', 'BLOCK'],
          ['CREDIT_DEBIT_CARD_NUMBER', 'BLOCK'],
        ]
          .map(([t, a]) => `            {\n              "Type": "${t}",\n              "Action": "${a}"\n            }`)
          .join(',\n') +
        '\n          ]\n        }\n      }\n    }\n  }\n}\n',
    },
  ],
});
