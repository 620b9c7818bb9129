import { ruleTester } from '../ruleTester';

const tfGuardrail = (body: string) =>
  'resource "aws_bedrock_guardrail" "support" {\n  name                      = "support"\n  blocked_input_messaging   = "Sorry, I can\'t help with that."\n' +
  `  blocked_outputs_messaging = "Sorry, I can't share that."\n  kms_key_arn               = aws_kms_key.guardrail.arn\n${body}}\n`;
const tfFilter = (type: string, input: string, output: string, extra = '') =>
  `    filters_config {\n      type            = "${type}"\n      input_strength  = ${input}\n      output_strength = "${output}"\n${extra}    }\n`;
const tfContent = (filters: string) => `\n  content_policy_config {\n${filters}  }\n`;
const cfnGuardrail = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Guardrail:\n    Type: AWS::Bedrock::Guardrail\n    Properties:\n      Name: support\n' +
  "      BlockedInputMessaging: Sorry, I can't help with that.\n      BlockedOutputsMessaging: Sorry, I can't share that.\n" +
  extra;
const cfnFilter = (type: string, input: string, output: string) => `          - Type: ${type}\n            InputStrength: ${input}\n            OutputStrength: ${output}\n`;
const cfnContent = (filters: string) => `      ContentPolicyConfig:\n        FiltersConfig:\n${filters}`;
const cfnJson = (filters: string) =>
  '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Guardrail": {\n      "Type": "AWS::Bedrock::Guardrail",\n      "Properties": {\n' +
  '        "Name": "support",\n        "ContentPolicyConfig": {\n          "FiltersConfig": [\n' +
  filters +
  '\n          ]\n        }\n      }\n    }\n  }\n}\n';
const jsonFilter = (type: string, input: string, output: string) => `            { "Type": "${type}", "InputStrength": ${input}, "OutputStrength": "${output}" }`;

ruleTester('bedrock-guardrail-weak-prompt-attack-filter', {
  valid: [
    { filename: 'guardrail.tf', code: tfGuardrail(tfContent(tfFilter('HATE', '"HIGH"', 'HIGH') + tfFilter('PROMPT_ATTACK', '"HIGH"', 'NONE'))) },
    { name: 'MEDIUM input strength', filename: 'guardrail.tf', code: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"MEDIUM"', 'NONE'))) },
    { name: 'strength from a variable', filename: 'guardrail.tf', code: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', 'var.prompt_attack_strength', 'NONE'))) },
    {
      name: 'input evaluation on and blocking',
      filename: 'guardrail.tf',
      code: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"HIGH"', 'NONE', '      input_enabled   = true\n      input_action    = "BLOCK"\n'))),
    },
    {
      name: 'dynamic filters',
      filename: 'guardrail.tf',
      code: tfGuardrail(
        '\n  content_policy_config {\n    dynamic "filters_config" {\n      for_each = var.content_filters\n      content {\n        type            = filters_config.key\n' +
          '        input_strength  = filters_config.value.input\n        output_strength = filters_config.value.output\n      }\n    }\n  }\n',
      ),
    },
    { name: 'dynamic content policy', filename: 'guardrail.tf', code: tfGuardrail('\n  dynamic "content_policy_config" {\n    for_each = var.content_policy[*]\n    content {}\n  }\n') },
    { filename: 'guardrail.yaml', code: cfnGuardrail(cfnContent(cfnFilter('PROMPT_ATTACK', 'HIGH', 'NONE') + cfnFilter('VIOLENCE', 'MEDIUM', 'MEDIUM'))) },
    { name: 'filters from Fn::If', filename: 'guardrail.yaml', code: cfnGuardrail('      ContentPolicyConfig:\n        FiltersConfig: !If [Strict, [{Type: PROMPT_ATTACK, InputStrength: HIGH, OutputStrength: NONE}], []]\n') },
    {
      name: 'one filter from Fn::If may be the prompt-attack one',
      filename: 'guardrail.yaml',
      code: cfnGuardrail(cfnContent(cfnFilter('HATE', 'HIGH', 'HIGH') + '          - !If [Strict, {Type: PROMPT_ATTACK, InputStrength: HIGH, OutputStrength: NONE}, !Ref AWS::NoValue]\n')),
    },
    { filename: 'guardrail.json', code: cfnJson(jsonFilter('PROMPT_ATTACK', '{ "Ref": "PromptAttackStrength" }', 'NONE')) },
  ],
  invalid: [
    {
      name: 'no content policy at all',
      filename: 'guardrail.tf',
      code: tfGuardrail(''),
      errors: [{ line: 1, column: 34, message: /`support` has no content policy, so no prompt-attack filter/ }],
      output: tfGuardrail('  content_policy_config {\n    filters_config {\n      type            = "PROMPT_ATTACK"\n      input_strength  = "HIGH"\n      output_strength = "NONE"\n    }\n  }\n'),
    },
    {
      name: 'content filters without PROMPT_ATTACK',
      filename: 'guardrail.tf',
      code: tfGuardrail(tfContent(tfFilter('HATE', '"HIGH"', 'HIGH') + tfFilter('INSULTS', '"MEDIUM"', 'MEDIUM'))),
      errors: [{ line: 7, column: 3, message: /has no PROMPT_ATTACK content filter/ }],
      output: tfGuardrail(
        tfContent(
          tfFilter('HATE', '"HIGH"', 'HIGH') +
            tfFilter('INSULTS', '"MEDIUM"', 'MEDIUM').trimEnd() +
            '\n    filters_config {\n      type            = "PROMPT_ATTACK"\n      input_strength  = "HIGH"\n      output_strength = "NONE"\n    }\n',
        ),
      ),
    },
    {
      name: 'LOW input strength',
      filename: 'guardrail.tf',
      code: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"LOW"', 'NONE'))),
      errors: [{ line: 10, column: 25, message: /prompt attacks at LOW input strength/ }],
      output: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"HIGH"', 'NONE'))),
    },
    {
      name: 'NONE strength and detect-only action',
      filename: 'guardrail.tf',
      code: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"NONE"', 'NONE', '      input_action    = "NONE"\n'))),
      errors: [
        { line: 10, column: 25, message: /at NONE input strength/ },
        { line: 12, column: 25, message: /only detects prompt attacks/ },
      ],
      output: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"HIGH"', 'NONE', '      input_action    = "BLOCK"\n'))),
    },
    {
      name: 'input evaluation turned off',
      filename: 'guardrail.tf',
      code: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"HIGH"', 'NONE', '      input_enabled   = false\n'))),
      errors: [{ line: 12, column: 25, message: /turns off prompt-attack evaluation/ }],
      output: tfGuardrail(tfContent(tfFilter('PROMPT_ATTACK', '"HIGH"', 'NONE', '      input_enabled   = true\n'))),
    },
    {
      filename: 'guardrail.yaml',
      code: cfnGuardrail(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnGuardrail('      ContentPolicyConfig:\n        FiltersConfig:\n          - Type: PROMPT_ATTACK\n            InputStrength: HIGH\n            OutputStrength: NONE\n'),
    },
    {
      filename: 'guardrail.yaml',
      code: cfnGuardrail(cfnContent(cfnFilter('HATE', 'HIGH', 'HIGH') + cfnFilter('SEXUAL', 'HIGH', 'HIGH')) + '      KmsKeyArn: !Ref Key\n'),
      errors: [{ line: 9, column: 7 }],
      output: cfnGuardrail(cfnContent(cfnFilter('HATE', 'HIGH', 'HIGH') + cfnFilter('SEXUAL', 'HIGH', 'HIGH') + cfnFilter('PROMPT_ATTACK', 'HIGH', 'NONE')) + '      KmsKeyArn: !Ref Key\n'),
    },
    {
      filename: 'guardrail.yaml',
      code: cfnGuardrail(cfnContent(cfnFilter('PROMPT_ATTACK', 'LOW', 'NONE'))),
      errors: [{ line: 12, column: 28 }],
      output: cfnGuardrail(cfnContent(cfnFilter('PROMPT_ATTACK', 'HIGH', 'NONE'))),
    },
    {
      filename: 'guardrail.json',
      code: cfnJson(jsonFilter('HATE', '"HIGH"', 'HIGH')),
      errors: [{ line: 8, column: 9 }],
      output: cfnJson(jsonFilter('HATE', '"HIGH"', 'HIGH') + ',\n            {"Type": "PROMPT_ATTACK", "InputStrength": "HIGH", "OutputStrength": "NONE"}'),
    },
    {
      filename: 'guardrail.json',
      code: cfnJson(jsonFilter('PROMPT_ATTACK', '"NONE"', 'NONE')),
      errors: [{ line: 10, column: 57 }],
      output: cfnJson(jsonFilter('PROMPT_ATTACK', '"HIGH"', 'NONE')),
    },
  ],
});
