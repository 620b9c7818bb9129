// Conditional resources: one whose `count` or `for_each` is known to give no instance is not reported, and is no
// evidence for cross-file rules; one whose condition cannot be known counts as there.
import { describe } from 'node:test';
import { scanTable } from './scanTable';

const AUTOSCALING = 'sagemaker-endpoint-without-autoscaling';
const INTERNET = 'sagemaker-notebook-direct-internet';

const ENDPOINT = 'resource "aws_sagemaker_endpoint" "chat" {\n  name                 = "chat"\n  endpoint_config_name = "chat-config"\n}\n';
const target = (meta: string) =>
  `resource "aws_appautoscaling_target" "chat" {\n${meta}  service_namespace  = "sagemaker"\n  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"\n` +
  '  resource_id        = "endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"\n  min_capacity       = 1\n  max_capacity       = 4\n}\n';
const notebook = (meta: string) =>
  `resource "aws_sagemaker_notebook_instance" "lab" {\n${meta}  name                   = "lab"\n  role_arn               = "arn:r"\n  instance_type          = "ml.t3.medium"\n  direct_internet_access = "Enabled"\n}\n`;

describe('Terraform conditional resources', () => {
  scanTable(
    [AUTOSCALING, INTERNET],
    [
      { name: 'a scaling target that exists covers the endpoint', files: { 'endpoint.tf': ENDPOINT, 'scaling.tf': target('') }, expect: [] },
      {
        name: 'the only scaling target has count = 0 by default: the endpoint has no autoscaling',
        files: { 'endpoint.tf': ENDPOINT, 'scaling.tf': 'variable "autoscaling" {\n  default = false\n}\n' + target('  count = var.autoscaling ? 1 : 0\n') },
        expect: [`endpoint.tf:1 ${AUTOSCALING}`],
      },
      {
        name: 'terraform.tfvars turns the scaling target on',
        files: { 'endpoint.tf': ENDPOINT, 'scaling.tf': 'variable "autoscaling" {\n  default = false\n}\n' + target('  count = var.autoscaling ? 1 : 0\n'), 'terraform.tfvars': 'autoscaling = true\n' },
        expect: [],
      },
      {
        name: 'a condition that cannot be known: the target counts',
        files: { 'endpoint.tf': ENDPOINT, 'scaling.tf': 'variable "autoscaling" {}\n' + target('  count = var.autoscaling ? 1 : 0\n') },
        expect: [],
      },
      { name: 'for_each over an empty map: no target', files: { 'endpoint.tf': ENDPOINT, 'scaling.tf': target('  for_each = {}\n') }, expect: [`endpoint.tf:1 ${AUTOSCALING}`] },
      { name: 'for_each over a known set: the target counts', files: { 'endpoint.tf': ENDPOINT, 'scaling.tf': target('  for_each = toset(["a"])\n') }, expect: [] },
      { name: 'a notebook with count = 0 is not reported', files: { 'main.tf': notebook('  count = 0\n') }, expect: [] },
      {
        name: 'a notebook off by a local is not reported',
        files: { 'main.tf': 'locals {\n  labs = []\n}\n' + notebook('  for_each = toset(local.labs)\n') },
        expect: [],
      },
      { name: 'a notebook with count = 2 is', files: { 'main.tf': notebook('  count = 2\n') }, expect: [`main.tf:6 ${INTERNET}`] },
      { name: 'a notebook with an unknown count is', files: { 'main.tf': notebook('  count = length(var.labs)\n') }, expect: [`main.tf:6 ${INTERNET}`] },
    ],
  );
});
