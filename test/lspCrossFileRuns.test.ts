// The language server runs the cross-file rules again after an edit only when the edit changed something they read
// (`Rule.workspaceReads`): an edit to a property or a call no cross-file rule reads leaves them be.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorkspaceServer, type WorkspaceServer } from './lspInProcess';

const ENDPOINT = 'resource "aws_sagemaker_endpoint" "chat" {\n  name = "chat"\n  endpoint_config_name = "chat-config"\n}\n';
const BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "chat-logs"\n}\n';
const SCALING = 'resource "aws_appautoscaling_target" "t" {\n  service_namespace = "sagemaker"\n  resource_id = "endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"\n  min_capacity = 1\n  max_capacity = 3\n}\n';
const MONITOR =
  'resource "aws_sagemaker_data_quality_job_definition" "dq" {\n  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = aws_sagemaker_endpoint.chat.name\n    }\n  }\n}\n' +
  'resource "aws_cloudwatch_metric_alarm" "errors" {\n  namespace = "AWS/SageMaker"\n  dimensions = { EndpointName = aws_sagemaker_endpoint.chat.name }\n}\n';
const APP = 'import boto3\n\nprint("starting", retries=3)\n';

describe('language server: when the cross-file rules run again', () => {
  let server: WorkspaceServer;
  const edit = (name: string, text: string) => server.edit(name, text);
  const codes = (name: string) => server.diagnostics(name).map((d) => d.code);

  before(async () => {
    server = await startWorkspaceServer({ 'endpoint.tf': ENDPOINT + BUCKET, 'scaling.tf': SCALING, 'monitoring.tf': MONITOR, 'app.py': APP }, [
      ['endpoint.tf', 'terraform'],
      ['scaling.tf', 'terraform'],
      ['app.py', 'python'],
    ]);
  });

  after(() => server.close());

  it('the workspace scan ran them, and found the endpoint covered', () => {
    assert.ok(server.runs() >= 1);
    assert.deepEqual(codes('endpoint.tf'), []);
  });

  it('not on an edit to a property of a resource whose properties no cross-file rule reads', async () => {
    const before = server.runs();
    for (const value of ['chat-logs-2', 'chat-logs-20', 'archive']) await edit('endpoint.tf', ENDPOINT + BUCKET.replace('chat-logs', value));
    assert.equal(server.runs(), before);
  });

  it('not on an edit to the arguments of a call no cross-file rule reads', async () => {
    const before = server.runs();
    await edit('app.py', APP.replace('retries=3', 'retries=4'));
    await edit('app.py', APP.replace('"starting"', '"started"'));
    assert.equal(server.runs(), before);
  });

  it('on an edit to a property a cross-file rule reads: its finding appears, and goes when the edit is undone', async () => {
    let before = server.runs();
    await edit('scaling.tf', SCALING.replace('"sagemaker"', '"ecs"'));
    assert.equal(server.runs(), before + 1);
    assert.deepEqual(codes('endpoint.tf'), ['sagemaker-endpoint-without-autoscaling']);
    before = server.runs();
    await edit('scaling.tf', SCALING);
    assert.equal(server.runs(), before + 1);
    assert.deepEqual(codes('endpoint.tf'), []);
  });

  it('on a new resource, even of a type whose properties no cross-file rule reads', async () => {
    const before = server.runs();
    await edit('endpoint.tf', ENDPOINT + BUCKET + BUCKET.replace('"logs"', '"audit"'));
    assert.equal(server.runs(), before + 1);
  });
});
