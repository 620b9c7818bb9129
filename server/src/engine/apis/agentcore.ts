// Amazon Bedrock AgentCore resources as Terraform's aws provider, CloudFormation (AWS::BedrockAgentCore::*, and so
// CDK L1 and awscc) and the control-plane API (boto3 `bedrock-agentcore-control`, `@aws-sdk/client-bedrock-agentcore-control`)
// spell them. Sources: terraform-provider-aws website/docs/r/bedrockagentcore_{agent_runtime,browser,code_interpreter,
// gateway,memory}.html.markdown; the CloudFormation reference for AWS::BedrockAgentCore::{Runtime,BrowserCustom,
// CodeInterpreterCustom,Gateway,Memory}; the AgentCore Control Plane API reference (CreateAgentRuntime,
// CreateBrowser, CreateCodeInterpreter, CreateGateway, CreateMemory; CodeInterpreterNetworkConfiguration:
// `PUBLIC | SANDBOX | VPC`; gateway `authorizerType`: `CUSTOM_JWT | AWS_IAM | NONE`).
import type { AwsOperation } from './boto3';

const CONTROL: Pick<AwsOperation, 'service' | 'jsPackage'> = { service: 'bedrock-agentcore-control', jsPackage: '@aws-sdk/client-bedrock-agentcore-control' };

/** Where a resource or request keeps its network mode, and the VPC settings that go with mode `VPC`. */
export interface NetworkNames {
  kind: 'runtime' | 'browser' | 'code interpreter';
  network: string;
  mode: string;
  vpc: string;
  subnets: string;
  securityGroups: string;
  /** The mode also takes `SANDBOX` (no network access at all). */
  sandbox: boolean;
}

const tfNetwork = (kind: NetworkNames['kind'], vpc: string, sandbox: boolean): NetworkNames => ({
  kind,
  network: 'network_configuration',
  mode: 'network_mode',
  vpc,
  subnets: 'subnets',
  securityGroups: 'security_groups',
  sandbox,
});
const cfnNetwork = (kind: NetworkNames['kind'], vpc: string, sandbox: boolean): NetworkNames => ({
  kind,
  network: 'NetworkConfiguration',
  mode: 'NetworkMode',
  vpc,
  subnets: 'Subnets',
  securityGroups: 'SecurityGroups',
  sandbox,
});
const apiNetwork = (kind: NetworkNames['kind'], vpc: string, sandbox: boolean): NetworkNames => ({
  kind,
  network: 'networkConfiguration',
  mode: 'networkMode',
  vpc,
  subnets: 'subnets',
  securityGroups: 'securityGroups',
  sandbox,
});

export const NETWORKED_RESOURCES: readonly (NetworkNames & { type: string })[] = [
  { type: 'aws_bedrockagentcore_agent_runtime', ...tfNetwork('runtime', 'network_mode_config', false) },
  { type: 'aws_bedrockagentcore_browser', ...tfNetwork('browser', 'vpc_config', false) },
  { type: 'aws_bedrockagentcore_code_interpreter', ...tfNetwork('code interpreter', 'vpc_config', true) },
  { type: 'AWS::BedrockAgentCore::Runtime', ...cfnNetwork('runtime', 'NetworkModeConfig', false) },
  { type: 'AWS::BedrockAgentCore::BrowserCustom', ...cfnNetwork('browser', 'VpcConfig', false) },
  { type: 'AWS::BedrockAgentCore::CodeInterpreterCustom', ...cfnNetwork('code interpreter', 'VpcConfig', true) },
];

export const NETWORKED_OPERATIONS: readonly (NetworkNames & { operation: AwsOperation })[] = [
  { operation: { ...CONTROL, operation: 'create_agent_runtime', signature: 'agentRuntimeArtifact' }, ...apiNetwork('runtime', 'networkModeConfig', false) },
  { operation: { ...CONTROL, operation: 'create_browser', signature: 'networkConfiguration' }, ...apiNetwork('browser', 'vpcConfig', false) },
  { operation: { ...CONTROL, operation: 'create_code_interpreter', signature: 'networkConfiguration' }, ...apiNetwork('code interpreter', 'vpcConfig', true) },
];

export const GATEWAYS = [
  { type: 'aws_bedrockagentcore_gateway', authorizer: 'authorizer_type' },
  { type: 'AWS::BedrockAgentCore::Gateway', authorizer: 'AuthorizerType' },
];
export const CREATE_GATEWAY: AwsOperation = { ...CONTROL, operation: 'create_gateway', signature: 'authorizerType' };
export const GATEWAY_AUTHORIZER_KEY = 'authorizerType';

export const MEMORIES = [
  { type: 'aws_bedrockagentcore_memory', key: 'encryption_key_arn' },
  { type: 'AWS::BedrockAgentCore::Memory', key: 'EncryptionKeyArn' },
];
export const CREATE_MEMORY: AwsOperation = { ...CONTROL, operation: 'create_memory', signature: 'eventExpiryDuration' };
export const MEMORY_KEY = 'encryptionKeyArn';
