import { ruleTester } from '../ruleTester';

ruleTester('bedrock-agent-without-guardrail', {
  valid: [
    {
      filename: 'agent.tf',
      code: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id\n    guardrail_version = "1"\n  }\n}\n',
    },
    { filename: 'agent.tf', code: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n  dynamic "guardrail_configuration" {\n    for_each = var.guardrails\n    content {}\n  }\n}\n' },
    { filename: 'agent.yaml', code: 'Resources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: a\n      GuardrailConfiguration:\n        GuardrailIdentifier: !Ref Guardrail\n        GuardrailVersion: "1"\n' },
  ],
  invalid: [
    {
      filename: 'agent.tf',
      code: 'resource "aws_bedrockagent_agent" "support" {\n  agent_name       = "support"\n  foundation_model = var.model\n}\n',
      errors: [{ line: 1, column: 35, message: /`support` has no `guardrail_configuration`/ }],
      output:
        'resource "aws_bedrockagent_agent" "support" {\n  agent_name       = "support"\n  foundation_model = var.model\n  guardrail_configuration {\n    guardrail_identifier = "<guardrail-id>"\n    guardrail_version    = "DRAFT"\n  }\n}\n',
    },
    {
      filename: 'agent.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Agent": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a"}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Agent": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a", "GuardrailConfiguration": {"GuardrailIdentifier": "<guardrail-id>", "GuardrailVersion": "DRAFT"}}}}}\n',
    },
  ],
});

ruleTester('bedrock-agent-without-guardrail', {
  valid: [{ filename: 'agent.ts', code: 'import { aws_bedrock as bedrock } from "aws-cdk-lib";\nnew bedrock.CfnAgent(this, "Agent", { agentName: "a", guardrailConfiguration: { guardrailIdentifier: g.attrGuardrailId, guardrailVersion: "1" } });\n' }],
  invalid: [
    {
      filename: 'agent.ts',
      code: 'import { aws_bedrock as bedrock } from "aws-cdk-lib";\nnew bedrock.CfnAgent(this, "Agent", {\n  agentName: "support",\n  foundationModel: model,\n});\n',
      errors: [{ line: 2, column: 28, message: /`Agent` has no `guardrailConfiguration`/ }],
      output: 'import { aws_bedrock as bedrock } from "aws-cdk-lib";\nnew bedrock.CfnAgent(this, "Agent", {\n  agentName: "support",\n  foundationModel: model,\n  guardrailConfiguration: { guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" },\n});\n',
    },
  ],
});
