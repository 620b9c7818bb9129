// Cross-file analysis in the language server: an edit in one file changes another file's diagnostics, and only the
// files whose diagnostics changed are republished.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { InitializedNotification, InitializeRequest, ShutdownRequest, WorkDoneProgressCreateRequest } from 'vscode-languageserver-protocol/node';
import { startStdioServer, type Client } from './lspClient';

const ENDPOINT = 'resource "aws_sagemaker_endpoint" "chat" {\n  name = "chat"\n  endpoint_config_name = "chat-config"\n}\n';
const MONITOR =
  'resource "aws_sagemaker_data_quality_job_definition" "dq" {\n  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = aws_sagemaker_endpoint.chat.name\n    }\n  }\n' +
  '  data_quality_job_output_config { kms_key_id = var.key }\n  job_resources {\n    cluster_config { volume_kms_key_id = var.key }\n  }\n' +
  '  network_config {\n    enable_inter_container_traffic_encryption = true\n    vpc_config {\n      subnets            = var.subnets\n      security_group_ids = var.security_groups\n    }\n  }\n}\n' +
  'resource "aws_appautoscaling_target" "t" {\n  service_namespace = "sagemaker"\n  resource_id = "endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"\n  min_capacity = 1\n  max_capacity = 3\n}\n' +
  'resource "aws_cloudwatch_metric_alarm" "errors" {\n  namespace = "AWS/SageMaker"\n  dimensions = { EndpointName = aws_sagemaker_endpoint.chat.name }\n}\n';
const LOGGING = 'resource "aws_bedrock_model_invocation_logging_configuration" "this" {}\n';

describe('language server: cross-file analysis', () => {
  let dir: string;
  let client: Client;
  let progressTokens = 0;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-lspws-'));
    fs.writeFileSync(path.join(dir, 'endpoint.tf'), ENDPOINT);
    fs.writeFileSync(path.join(dir, 'monitoring.tf'), MONITOR);
    fs.writeFileSync(path.join(dir, 'logging.tf'), LOGGING);
    fs.writeFileSync(path.join(dir, 'app.py'), 'import torch\nmodel = torch.load(p)\n');
    fs.mkdirSync(path.join(dir, 'generated'));
    fs.writeFileSync(path.join(dir, 'generated', 'old.py'), 'import pickle\npickle.load(f)\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'generated/\n');
    client = startStdioServer();
    client.connection.onRequest(WorkDoneProgressCreateRequest.method, () => {
      progressTokens++;
      return null;
    });
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: { window: { workDoneProgress: true } },
      initializationOptions: { debounceMs: 0 },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.diagnosticsFor(uri('app.py'), (d) => d.length === 1);
    await new Promise((r) => setTimeout(r, 300));
  });

  after(async () => {
    await client.connection.sendRequest(ShutdownRequest.type);
    client.connection.dispose();
    client.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scans with progress, honours .gitignore, and flags nothing that another file covers', () => {
    assert.ok(progressTokens >= 1, 'work-done progress was created');
    assert.equal(client.diagnostics.has(uri('generated/old.py')), false, '.gitignore excludes generated/');
    assert.equal(client.diagnostics.get(uri('endpoint.tf'))?.length ?? 0, 0);
  });

  it('removing the monitor in one file flags the endpoint in another, republishing only that file', async () => {
    const doc = client.open(uri('monitoring.tf'), 'terraform', MONITOR);
    await new Promise((r) => setTimeout(r, 300));
    const before = client.log.length;
    client.change(doc, MONITOR.slice(MONITOR.indexOf('resource "aws_appautoscaling_target"')));
    const flagged = await client.diagnosticsFor(uri('endpoint.tf'), (d) => d.length > 0);
    assert.deepEqual(flagged.map((d) => d.code), ['sagemaker-endpoint-without-monitoring']);
    assert.equal(flagged[0].relatedInformation, undefined, 'no monitors left to point at');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(client.log.slice(before).map((p) => path.basename(p.uri)), ['endpoint.tf'], 'only the endpoint file is republished');
  });

  it('a cross-file finding moves with its resource when an edit changes only positions', async () => {
    const doc = client.open(uri('endpoint.tf'), 'terraform', ENDPOINT);
    await client.diagnosticsFor(uri('endpoint.tf'), (d) => d[0]?.code === 'sagemaker-endpoint-without-monitoring' && d[0].range.start.line === 0);
    client.change(doc, `# the chat endpoint\n\n${ENDPOINT}`);
    const moved = await client.diagnosticsFor(uri('endpoint.tf'), (d) => d[0]?.range.start.line !== 0);
    assert.deepEqual(moved.map((d) => [d.code, d.range.start.line]), [['sagemaker-endpoint-without-monitoring', 2]]);
  });

  it('a suppression comment silences a cross-file finding as it is typed', async () => {
    const doc = client.open(uri('endpoint.tf'), 'terraform', ENDPOINT);
    await client.diagnosticsFor(uri('endpoint.tf'), (d) => d[0]?.code === 'sagemaker-endpoint-without-monitoring' && d[0].range.start.line === 0);
    client.change(doc, `# ai-lens: ignore[sagemaker-endpoint-without-monitoring] -- a dev endpoint\n${ENDPOINT}`);
    await client.diagnosticsFor(uri('endpoint.tf'), (d) => d.length === 0);
  });

  it('an edit that changes no cross-file fact republishes nothing else', async () => {
    const doc = client.open(uri('app.py'), 'python', 'import torch\nmodel = torch.load(p)\n');
    await new Promise((r) => setTimeout(r, 300));
    const before = client.log.length;
    client.change(doc, 'import torch\n# load the weights\nmodel = torch.load(p)\n');
    const moved = await client.diagnosticsFor(uri('app.py'), (d) => d[0]?.range.start.line === 2);
    assert.equal(moved.length, 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(client.log.slice(before).map((p) => path.basename(p.uri)), ['app.py']);
  });
});
