// The language server keeps Terraform values up to date across files: changing a variable's default in variables.tf
// or a value in terraform.tfvars changes the findings in the file that uses it, without a restart.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, InitializedNotification, InitializeRequest, ShutdownRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { startStdioServer, type Client } from '../lspClient';
import { scratchDir } from '../scratch';

const VARIABLES = 'variable "enable_isolation" {\n  type    = bool\n  default = true\n}\n\nvariable "access" {\n  type    = string\n  default = "Disabled"\n}\n';
const MAIN =
  'resource "aws_sagemaker_model" "ranker" {\n  name                     = "ranker"\n  execution_role_arn       = var.role\n  enable_network_isolation = var.enable_isolation\n' +
  '  primary_container { image = "x" }\n  vpc_config {\n    subnets            = ["a"]\n    security_group_ids = ["b"]\n  }\n}\n\n' +
  'resource "aws_sagemaker_notebook_instance" "lab" {\n  name                   = "lab"\n  role_arn               = var.role\n  instance_type          = "ml.t3.medium"\n' +
  '  direct_internet_access = var.access\n  root_access            = "Disabled"\n  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/k"\n  subnet_id              = "subnet-1"\n  security_groups        = ["sg-1"]\n\n  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n}\n';

const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

/** A server over the workspace folder `dir`, initialized with `settings`. */
async function serverIn(dir: string, settings?: unknown): Promise<Client> {
  const client = startStdioServer();
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    capabilities: {},
    initializationOptions: { debounceMs: 0, ...(settings ? { settings } : {}) },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return client;
}

async function stop(client: Client, dir: string): Promise<void> {
  await client.connection.sendRequest(ShutdownRequest.type);
  client.connection.dispose();
  client.child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

describe('language server: Terraform values across files', () => {
  let dir: string;
  let client: Client;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-tfvalues-'));
    fs.writeFileSync(path.join(dir, 'variables.tf'), VARIABLES);
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
    client = await serverIn(dir);
  });

  after(() => stop(client, dir));

  it('reads the defaults of variables.tf at start-up: safe defaults, no finding', async () => {
    const main = client.open(uri('main.tf'), 'terraform', MAIN);
    assert.ok(main);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(codes(client.diagnostics.get(uri('main.tf')) ?? []), []);
  });

  it('a default changed in variables.tf (unsaved) flags the resource in main.tf, with the default as related information', async () => {
    const variables = client.open(uri('variables.tf'), 'terraform', VARIABLES);
    client.change(variables, VARIABLES.replace('default = true', 'default = false'));
    const flagged = await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 1);
    assert.equal(flagged[0].code, 'sagemaker-model-without-network-isolation');
    assert.equal(flagged[0].range.start.line, 3, 'at `var.enable_isolation` in main.tf');
    assert.match(String(flagged[0].message), /`var\.enable_isolation` defaults to false in variables\.tf/);
    const related = flagged[0].relatedInformation ?? [];
    assert.deepEqual(
      related.map((r) => [r.location.uri, r.location.range.start.line]),
      [[uri('variables.tf'), 2]],
    );
  });

  it('a default moved by an edit above it moves the related location too', async () => {
    const variables = client.open(uri('variables.tf'), 'terraform', VARIABLES.replace('default = true', 'default = false'));
    client.change(variables, `# inputs\n\n${VARIABLES.replace('default = true', 'default = false')}`);
    const moved = await client.diagnosticsFor(uri('main.tf'), (d) => d[0]?.relatedInformation?.[0]?.location.range.start.line === 4);
    assert.equal(moved.length, 1);
  });

  it('a terraform.tfvars created on disk and then edited in the editor changes the findings of main.tf', async () => {
    // Back to safe defaults first.
    const variables = client.open(uri('variables.tf'), 'terraform', VARIABLES);
    client.change(variables, VARIABLES);
    await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 0);

    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'access = "Enabled"\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('terraform.tfvars'), type: FileChangeType.Created }] });
    const enabled = await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 1);
    assert.equal(enabled[0].code, 'sagemaker-notebook-direct-internet');
    assert.match(String(enabled[0].message), /`var\.access` is "Enabled" in terraform\.tfvars/);
    assert.equal(enabled[0].relatedInformation?.[0]?.location.uri, uri('terraform.tfvars'));

    const tfvars = client.open(uri('terraform.tfvars'), 'terraform', 'access = "Enabled"\n');
    client.change(tfvars, 'access = "Disabled"\n');
    await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 0);
  });

  it('an edit inside a local module updates the findings at the caller', async () => {
    fs.mkdirSync(path.join(dir, 'modules', 'lab'), { recursive: true });
    const moduleMain = (access: string) => MAIN.slice(MAIN.indexOf('resource "aws_sagemaker_notebook_instance"')).replace('var.access', access);
    fs.writeFileSync(path.join(dir, 'modules', 'lab', 'main.tf'), 'variable "access" {}\nvariable "role" {}\n' + moduleMain('"Disabled"'));
    fs.writeFileSync(path.join(dir, 'caller.tf'), 'module "lab" {\n  source = "./modules/lab"\n  access = "Enabled"\n}\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: uri('modules/lab/main.tf'), type: FileChangeType.Created },
        { uri: uri('caller.tf'), type: FileChangeType.Created },
      ],
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(client.diagnostics.get(uri('caller.tf')) ?? [], []);
    const inModule = client.open(uri('modules/lab/main.tf'), 'terraform', 'variable "access" {}\nvariable "role" {}\n' + moduleMain('"Disabled"'));
    client.change(inModule, 'variable "access" {}\nvariable "role" {}\n' + moduleMain('var.access'));
    const atCaller = await client.diagnosticsFor(uri('caller.tf'), (d) => d.length === 1);
    assert.equal(atCaller[0].code, 'sagemaker-notebook-direct-internet');
    assert.equal(atCaller[0].range.start.line, 2, 'at `access = "Enabled"`');
    assert.equal(atCaller[0].relatedInformation?.[0]?.location.uri, uri('modules/lab/main.tf'));
  });

  it('deleting terraform.tfvars falls back to the default', async () => {
    const tfvars = client.open(uri('terraform.tfvars'), 'terraform', 'access = "Disabled"\n');
    client.change(tfvars, 'access = "Enabled"\n');
    await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 1);
    // The editor closes the file and it is deleted from disk.
    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'access = "Enabled"\n');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('terraform.tfvars') } });
    fs.rmSync(path.join(dir, 'terraform.tfvars'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('terraform.tfvars'), type: FileChangeType.Deleted }] });
    await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 0);
  });
});

describe('language server: aiLens.terraform.varFiles', () => {
  it('a variables file named in the settings wins over the default', async () => {
    const dir = scratchDir('tfvarfiles');
    fs.writeFileSync(path.join(dir, 'variables.tf'), VARIABLES);
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
    fs.mkdirSync(path.join(dir, 'env'));
    fs.writeFileSync(path.join(dir, 'env', 'prod.tfvars'), 'access = "Enabled"\n');
    const client = await serverIn(dir, { terraform: { varFiles: ['env/prod.tfvars'] } });
    try {
      const main = pathToFileURL(path.join(dir, 'main.tf')).href;
      const flagged = await client.diagnosticsFor(main, (d) => d.length === 1);
      assert.equal(flagged[0].code, 'sagemaker-notebook-direct-internet');
      assert.match(String(flagged[0].message), /`var\.access` is "Enabled" in prod\.tfvars/);
    } finally {
      await stop(client, dir);
    }
  });
});

describe('language server: a module analysed before its caller', () => {
  it('finds, once the caller is read, what only the caller\'s instance shows in the module', async () => {
    const dir = scratchDir('tfcallers');
    // `a-modules` is listed (and analysed) before `main.tf`.
    fs.mkdirSync(path.join(dir, 'a-modules', 'model'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'a-modules', 'model', 'main.tf'),
      'variable "create" {\n  default = false\n}\n\nresource "aws_sagemaker_model" "m" {\n  count              = var.create ? 1 : 0\n  name               = "m"\n  execution_role_arn = "arn:aws:iam::111122223333:role/r"\n  primary_container { image = "x" }\n  vpc_config {\n    subnets            = ["a"]\n    security_group_ids = ["b"]\n  }\n}\n',
    );
    fs.writeFileSync(path.join(dir, 'main.tf'), 'module "model" {\n  source = "./a-modules/model"\n  create = true\n}\n');
    const client = await serverIn(dir);
    try {
      const inModule = await client.diagnosticsFor(pathToFileURL(path.join(dir, 'a-modules', 'model', 'main.tf')).href, (d) => d.length === 1);
      assert.equal(inModule[0].code, 'sagemaker-model-without-network-isolation');
      assert.match(String(inModule[0].message), /created by `module\.model` in \.\.\/\.\.\/main\.tf/);
    } finally {
      await stop(client, dir);
    }
  });
});
