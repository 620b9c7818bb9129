import { ruleTester } from '../ruleTester';

const runtime = (network: string) =>
  'resource "aws_bedrockagentcore_agent_runtime" "support" {\n  agent_runtime_name = "support_agent"\n  role_arn           = aws_iam_role.runtime.arn\n' +
  `  agent_runtime_artifact {\n    container_configuration {\n      container_uri = var.image\n    }\n  }\n  network_configuration {\n${network}  }\n}\n`;
const interpreter = (mode: string) => `resource "aws_bedrockagentcore_code_interpreter" "analysis" {\n  name = "analysis"\n  network_configuration = {\n    network_mode = "${mode}"\n  }\n}\n`;
const cfnBrowser = (network: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ResearchBrowser:\n    Type: AWS::BedrockAgentCore::BrowserCustom\n    Properties:\n      Name: research\n' +
  `      NetworkConfiguration:\n${network}`;
const awsccInterpreter = (network: string) => `resource "awscc_bedrockagentcore_code_interpreter_custom" "analysis" {\n  name = "analysis"\n  network_configuration = ${network}\n}\n`;
const cdkRuntime = (network: string) =>
  'import * as agentcore from "aws-cdk-lib/aws-bedrockagentcore";\n' +
  `new agentcore.CfnRuntime(this, "Agent", { agentRuntimeName: "agent", roleArn: role.attrArn, agentRuntimeArtifact: artifact, networkConfiguration: { ${network} } });\n`;
const py = (network: string) =>
  'import boto3\n\ncontrol = boto3.client("bedrock-agentcore-control")\ncontrol.create_agent_runtime(\n    agentRuntimeName="support",\n    agentRuntimeArtifact=artifact,\n' +
  `    roleArn=role_arn,\n    networkConfiguration=${network},\n)\n`;
const js = (network: string) =>
  'import { BedrockAgentCoreControlClient, CreateBrowserCommand } from "@aws-sdk/client-bedrock-agentcore-control";\nconst client = new BedrockAgentCoreControlClient({});\n' +
  `await client.send(new CreateBrowserCommand({ name: "research", networkConfiguration: { ${network} } }));\n`;

ruleTester('bedrock-agentcore-public-network', {
  valid: [
    { filename: 'agent.tf', code: runtime('    network_mode = "VPC"\n    network_mode_config {\n      subnets         = var.subnets\n      security_groups = var.security_groups\n    }\n') },
    { name: 'mode from a variable', filename: 'agent.tf', code: runtime('    network_mode = var.network_mode\n') },
    { name: 'a sandboxed code interpreter', filename: 'tools.tf', code: interpreter('SANDBOX') },
    { filename: 'browser.yaml', code: cfnBrowser('        NetworkMode: VPC\n        VpcConfig:\n          Subnets: !Ref Subnets\n          SecurityGroups: [!Ref BrowserSecurityGroup]\n') },
    { filename: 'tools.tf', code: awsccInterpreter('{ network_mode = "SANDBOX" }') },
    { filename: 'stack.ts', code: cdkRuntime('networkMode: "VPC", networkModeConfig: { subnets, securityGroups }') },
    { filename: 'deploy.py', code: py('{"networkMode": "VPC", "networkModeConfig": {"subnets": subnets, "securityGroups": groups}}') },
    { name: 'network configuration built elsewhere', filename: 'deploy.py', code: py('network_configuration') },
    { filename: 'browser.ts', code: js('networkMode: "VPC", vpcConfig: { subnets, securityGroups }') },
  ],
  invalid: [
    {
      name: 'Terraform runtime: the fix moves it into a VPC with placeholders',
      filename: 'agent.tf',
      code: runtime('    network_mode = "PUBLIC"\n'),
      errors: [{ line: 10, column: 20, message: /^runtime `support` uses the `PUBLIC` network mode: what it reaches is outside your VPC's controls \(use `VPC`\)$/ }],
      output: 'resource "aws_bedrockagentcore_agent_runtime" "support" {\n  agent_runtime_name = "support_agent"\n  role_arn           = aws_iam_role.runtime.arn\n  agent_runtime_artifact {\n    container_configuration {\n      container_uri = var.image\n    }\n  }\n  network_configuration {\n    network_mode = "VPC"\n    network_mode_config {\n      subnets         = ["<subnet-id>"]\n      security_groups = ["<security-group-id>"]\n    }\n  }\n}\n',
    },
    {
      name: 'Terraform code interpreter: an object attribute, so the fix is SANDBOX',
      filename: 'tools.tf',
      code: interpreter('PUBLIC'),
      errors: [{ line: 4, column: 20, message: /code interpreter `analysis` uses the `PUBLIC` network mode.*\(use `VPC` or `SANDBOX`\)/ }],
      output: interpreter('SANDBOX'),
    },
    {
      filename: 'browser.yaml',
      code: cfnBrowser('        NetworkMode: PUBLIC\n'),
      errors: [{ line: 8, column: 22, message: /browser `ResearchBrowser` uses the `PUBLIC` network mode/ }],
      output: cfnBrowser('        NetworkMode: VPC\n        VpcConfig:\n          Subnets:\n            - <subnet-id>\n          SecurityGroups:\n            - <security-group-id>\n'),
    },
    {
      filename: 'tools.tf',
      code: awsccInterpreter('{ network_mode = "PUBLIC" }'),
      errors: [{ line: 3, column: 44 }],
      output: awsccInterpreter('{ network_mode = "SANDBOX" }'),
    },
    {
      filename: 'stack.ts',
      code: cdkRuntime('networkMode: "PUBLIC"'),
      errors: [{ line: 2, column: 162 }],
      output: cdkRuntime('networkMode: "VPC", networkModeConfig: { subnets: ["<subnet-id>"], securityGroups: ["<security-group-id>"] }'),
    },
    {
      filename: 'deploy.py',
      code: py('{"networkMode": "PUBLIC"}'),
      errors: [{ line: 8, column: 42, message: /`create_agent_runtime` uses the `PUBLIC` network mode/ }],
      output: py('{"networkMode": "VPC", "networkModeConfig": {"subnets": ["<subnet-id>"], "securityGroups": ["<security-group-id>"]}}'),
    },
    {
      filename: 'browser.ts',
      code: js('networkMode: "PUBLIC"'),
      errors: [{ line: 3, column: 101, message: /`CreateBrowserCommand` uses the `PUBLIC` network mode/ }],
      output: js('networkMode: "VPC", vpcConfig: { subnets: ["<subnet-id>"], securityGroups: ["<security-group-id>"] }'),
    },
  ],
});
