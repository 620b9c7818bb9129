import { ruleTester } from '../ruleTester';

const py = 'app.py';
const header = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';

ruleTester('bedrock-guardrail-draft-version', {
  valid: [
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": G, "guardrailVersion": "3"})\n' },
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": G, "guardrailVersion": VERSION})\n', name: 'version from a variable' },
    { filename: py, code: 'status = {"draft": "DRAFT", "version": "DRAFT"}\nprint(status)\n', name: 'DRAFT that names no guardrail version' },
    {
      name: 'a test, which deploys nothing',
      filename: 'test_chat.py',
      code: 'import unittest\n' + header + 'class T(unittest.TestCase):\n    def test_guarded(self):\n        bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": G, "guardrailVersion": "DRAFT"})\n',
    },
    {
      name: 'a Jest test',
      filename: 'chat.test.ts',
      code: 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\ndescribe("chat", () => {\n  it("guards", () => {\n    new ConverseCommand({ modelId, messages, guardrailConfig: { guardrailIdentifier: id, guardrailVersion: "DRAFT" } });\n  });\n});\n',
    },
    {
      filename: 'agent.tf',
      code: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "support"\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id\n    guardrail_version    = aws_bedrock_guardrail_version.g.version\n  }\n}\n',
    },
  ],
  invalid: [
    {
      filename: py,
      code: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": G, "guardrailVersion": "DRAFT"})\n',
      errors: [{ line: 3, column: 104, severity: 'note', message: /`guardrailVersion` is `DRAFT`/ }],
      output: null,
    },
    {
      name: 'LangChain community guardrails mapping',
      filename: py,
      code: 'from langchain_community.chat_models import BedrockChat\nBedrockChat(model_id=M, guardrails={"id": G, "version": "DRAFT"})\n',
      errors: [{ line: 2, column: 57 }],
    },
    {
      name: 'agent in Terraform',
      filename: 'agent.tf',
      code: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "support"\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id\n    guardrail_version    = "DRAFT"\n  }\n}\n',
      errors: [{ line: 5, column: 28 }],
    },
    {
      name: 'agent in CloudFormation',
      filename: 'agent.yaml',
      code: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: support\n      GuardrailConfiguration:\n        GuardrailIdentifier: !Ref Guardrail\n        GuardrailVersion: DRAFT\n',
      errors: [{ line: 9, column: 27 }],
    },
    {
      name: 'AWS SDK for JavaScript',
      filename: 'chat.ts',
      code: 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nnew ConverseCommand({ modelId, messages, guardrailConfig: { guardrailIdentifier: id, guardrailVersion: "DRAFT" } });\n',
      errors: [{ line: 2, column: 104 }],
    },
  ],
});
