import { ruleTester } from '../ruleTester';

const tf = (type: string) =>
  `resource "aws_bedrockagentcore_gateway" "tools" {\n  name            = "tools"\n  role_arn        = aws_iam_role.gateway.arn\n  protocol_type   = "MCP"\n  authorizer_type = ${type}\n}\n`;
const cfn = (type: string) =>
  `Resources:\n  ToolsGateway:\n    Type: AWS::BedrockAgentCore::Gateway\n    Properties:\n      Name: tools\n      RoleArn: !GetAtt GatewayRole.Arn\n      ProtocolType: MCP\n      AuthorizerType: ${type}\n`;
const awscc = (type: string) => `resource "awscc_bedrockagentcore_gateway" "tools" {\n  name            = "tools"\n  role_arn        = awscc_iam_role.gateway.arn\n  authorizer_type = "${type}"\n}\n`;
const cdk = (type: string) =>
  `import * as agentcore from "aws-cdk-lib/aws-bedrockagentcore";\nnew agentcore.CfnGateway(this, "Tools", { name: "tools", roleArn: role.attrArn, protocolType: "MCP", authorizerType: "${type}" });\n`;
const py = (type: string) => `import boto3\n\ncontrol = boto3.client("bedrock-agentcore-control")\ncontrol.create_gateway(name="tools", roleArn=role_arn, protocolType="MCP", authorizerType="${type}")\n`;

ruleTester('bedrock-agentcore-gateway-without-authorizer', {
  valid: [
    { filename: 'gateway.tf', code: tf('"CUSTOM_JWT"') },
    { filename: 'gateway.tf', code: tf('"AWS_IAM"') },
    { name: 'from a variable', filename: 'gateway.tf', code: tf('var.authorizer_type') },
    { filename: 'gateway.yaml', code: cfn('CUSTOM_JWT') },
    { filename: 'gateway.tf', code: awscc('AWS_IAM') },
    { filename: 'stack.ts', code: cdk('CUSTOM_JWT') },
    { filename: 'gateway.py', code: py('AWS_IAM') },
  ],
  invalid: [
    {
      filename: 'gateway.tf',
      code: tf('"NONE"'),
      errors: [{ line: 5, column: 21, message: /^gateway `tools` has no inbound authorizer \(`authorizer_type` is NONE\): anyone who reaches it can call its tools$/, severity: 'error' }],
      output: tf('"AWS_IAM"'),
    },
    { filename: 'gateway.yaml', code: cfn('NONE'), errors: [{ line: 8, column: 23, message: /`AuthorizerType` is NONE/ }], output: cfn('AWS_IAM') },
    { filename: 'gateway.tf', code: awscc('NONE'), errors: [{ line: 4, column: 21, message: /`authorizer_type` is NONE/ }], output: awscc('AWS_IAM') },
    { filename: 'stack.ts', code: cdk('NONE'), errors: [{ line: 2, column: 118, message: /`authorizerType` is NONE/ }], output: cdk('AWS_IAM') },
    { filename: 'gateway.py', code: py('NONE'), errors: [{ line: 4, column: 91, message: /`create_gateway` has no inbound authorizer/ }], output: py('AWS_IAM') },
  ],
});
