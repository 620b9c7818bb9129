// Account-wide settings: Bedrock model invocation logging belongs to the root module that uses Bedrock, not to a
// reusable module.
import { describe } from 'node:test';
import { scanTable } from './scanTable';

const LOGGING = 'bedrock-without-invocation-logging';
const PROVIDER = 'provider "aws" {\n  region = "eu-west-1"\n}\n';
const AGENT = 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n}\n';
const AWSCC_AGENT = 'resource "awscc_bedrock_agent" "a" {\n  agent_name = "a"\n}\n';
const LOGGING_CONFIG = 'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = true\n  }\n}\n';
const call = (source: string) => `module "assistant" {\n  source = "${source}"\n}\n`;

describe('bedrock-without-invocation-logging and modules', () => {
  scanTable(
    [LOGGING],
    [
      { name: 'a root module with a Bedrock resource', files: { 'main.tf': PROVIDER + AGENT }, expect: [`main.tf:4 ${LOGGING}`] },
      { name: 'an awscc Bedrock resource counts', files: { 'main.tf': PROVIDER + AWSCC_AGENT }, expect: [`main.tf:4 ${LOGGING}`] },
      {
        name: 'a root that uses Bedrock through a local module: reported at the module call, not in the module',
        files: { 'main.tf': PROVIDER + call('./modules/assistant'), 'modules/assistant/main.tf': AGENT },
        expect: [`main.tf:4 ${LOGGING}`],
      },
      {
        name: 'through two levels of modules',
        files: { 'main.tf': PROVIDER + call('./modules/app'), 'modules/app/main.tf': call('../assistant'), 'modules/assistant/main.tf': AWSCC_AGENT },
        expect: [`main.tf:4 ${LOGGING}`],
      },
      {
        name: "the root's own Bedrock resource first",
        files: { 'main.tf': PROVIDER + call('./modules/assistant') + AGENT, 'modules/assistant/main.tf': AGENT },
        expect: [`main.tf:7 ${LOGGING}`],
      },
      {
        name: 'a published module on its own (its examples call it): reported in the example, not the module',
        files: { 'terraform-aws-assistant/main.tf': AGENT, 'terraform-aws-assistant/examples/basic/main.tf': PROVIDER + call('../..') },
        expect: [`terraform-aws-assistant/examples/basic/main.tf:4 ${LOGGING}`],
      },
      { name: 'a module named for the registry, with no caller, is not reported', files: { 'terraform-aws-assistant/main.tf': AGENT }, expect: [] },
      { name: 'a module under modules/, with no caller, is not reported', files: { 'modules/assistant/main.tf': AGENT }, expect: [] },
      {
        name: 'logging configured in a module the root calls',
        files: { 'main.tf': PROVIDER + AGENT + call('./modules/logging'), 'modules/logging/main.tf': LOGGING_CONFIG },
        expect: [],
      },
      { name: 'a Bedrock resource that is off is no use of Bedrock', files: { 'main.tf': PROVIDER + AGENT.replace('{\n', '{\n  count = 0\n') }, expect: [] },
      {
        name: 'logging that is off does not count',
        files: { 'main.tf': PROVIDER + AGENT + LOGGING_CONFIG.replace('{\n', '{\n  count = 0\n') },
        expect: [`main.tf:4 ${LOGGING}`],
      },
      {
        name: 'a root without Bedrock resources and application code calling Bedrock: the call',
        files: { 'main.tf': PROVIDER + 'resource "aws_s3_bucket" "b" {}\n', 'app.py': 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n' },
        expect: [`app.py:3 ${LOGGING}`],
      },
      {
        name: 'no Terraform root module: not checked',
        files: { 'modules/assistant/main.tf': AGENT, 'app.py': 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n' },
        expect: [],
      },
    ],
  );
});
