// Account-wide settings: Bedrock model invocation logging belongs to the root module that uses Bedrock, not to a
// reusable module.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import { Project } from '../../server/src/engine/project';
import { TerraformWorkspace } from '../../server/src/engine/terraform/workspace';
import { keepForWorkspace } from '../../server/src/engine/workspaceFacts';
import { optionsFor, scanTable } from './scanTable';

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
        // A scan parses none of these files but bedrock.tf; the others are read when the rule asks what it needs of them.
        name: 'root modules whose files have nothing to do with Bedrock are named as they are laid out: first file, first resource that is on',
        files: {
          'envs/dev/backend.tf': 'terraform {\n  backend "s3" {}\n}\n',
          'envs/dev/main.tf': 'resource "aws_s3_bucket" "logs" {}\n',
          'infra/a_network.tf': `variable "create" {\n  type    = bool\n  default = false\n}\n${PROVIDER}resource "aws_s3_bucket" "off" {\n  count = var.create ? 1 : 0\n}\nresource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
          'infra/bedrock.tf': AGENT,
          'modules/net/main.tf': 'resource "aws_subnet" "a" {\n  vpc_id = "v"\n}\n',
          'modules/net/providers.tf': PROVIDER,
        },
        expect: [`infra/bedrock.tf:1 ${LOGGING}`],
        related: { [`infra/bedrock.tf:1 ${LOGGING}`]: ['envs/dev/backend.tf:1', 'infra/a_network.tf:11', 'modules/net/main.tf:1'] },
      },
      {
        name: 'no Terraform root module: not checked',
        files: { 'modules/assistant/main.tf': AGENT, 'app.py': 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n' },
        expect: [],
      },
    ],
  );
});

describe('bedrock-without-invocation-logging and Terraform files a scan did not parse', () => {
  const TEXTS: Record<string, string> = {
    '/w/infra/a.tf': PROVIDER + 'resource "aws_s3_bucket" "b" {}\n',
    '/w/infra/bedrock.tf': AGENT,
    '/w/infra/z.tf': 'resource "aws_vpc" "v" {}\n',
    '/w/other/main.tf': PROVIDER + 'resource "aws_sqs_queue" "q" {}\n',
  };

  /** Every file analysed with its folder; those without Bedrock left unparsed, their facts counted when read. */
  async function projectOf(texts: Record<string, string>): Promise<{ project: Project; loads: string[]; engine: Engine }> {
    const engine = await Engine.create();
    const keep = keepForWorkspace(engine.activeRules(DEFAULT_OPTIONS));
    const host = { read: (p: string) => texts[p], list: (folder: string) => Object.keys(texts).filter((p) => path.posix.dirname(p) === folder).map((p) => path.posix.basename(p)) };
    const workspace = new TerraformWorkspace(engine, host, DEFAULT_OPTIONS);
    const project = new Project();
    const loads: string[] = [];
    for (const [file, text] of Object.entries(texts)) {
      const facts = engine.analyze({ path: file, text, terraform: workspace.contextFor(file) }, DEFAULT_OPTIONS, 'never').facts!;
      if (/bedrock/.test(text)) project.set(file, 'terraform', keep(facts, text), text);
      else {
        project.set(file, 'terraform', { language: 'terraform', calls: [], resources: [], imports: new Set(), comments: [], problems: [] }, text);
        project.setUnparsed(file, () => (loads.push(file), keep(facts, text)));
      }
    }
    return { project, loads, engine };
  }

  const findingsOf = (engine: Engine, project: Project) =>
    [...engine.analyzeProject(project, optionsFor([LOGGING], engine)).findings.values()].flat().map((f) => [f.range.start.line, f.related?.map((r) => `${r.path}:${r.range.start.line}`)]);

  it('reads them only for what the folders\u2019 layout needs, each once', async () => {
    const { project, loads, engine } = await projectOf(TEXTS);
    assert.deepEqual(findingsOf(engine, project), [[0, ['/w/infra/a.tf:3', '/w/other/main.tf:3']]]);
    // infra's first file, and other's (which has no file with Bedrock to show it has resources); never infra/z.tf.
    assert.deepEqual(loads.sort(), ['/w/infra/a.tf', '/w/other/main.tf']);
    findingsOf(engine, project);
    assert.equal(loads.length, 2, 'read once');
  });

  it('reads none of them when invocation logging is configured', async () => {
    const { project, loads, engine } = await projectOf({ ...TEXTS, '/w/infra/logging.tf': LOGGING_CONFIG });
    assert.deepEqual(findingsOf(engine, project), []);
    assert.deepEqual(loads, []);
  });
});
