import type { Value } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkSetting } from './support/settings';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-notebook-imdsv1',
    title: 'SageMaker notebook instance that allows IMDSv1',
    practices: ['MLSEC04-BP01', 'MLSEC03-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript'],
    docs: {
      description:
        'The instance metadata service hands out the notebook role\'s credentials. IMDSv1 answers any plain GET request, so ' +
        'a server-side request forgery in code or a package running on the notebook can read them; IMDSv2 requires a ' +
        'session token first. AWS\'s default when `MinimumInstanceMetadataServiceVersion` is left out is IMDSv1 ' +
        '("When passed as part of CreateNotebookInstance, if no value is selected, then it defaults to IMDSv1": ' +
        'InstanceMetadataServiceConfiguration in the SageMaker API reference). Set it to "2" ' +
        '(`instance_metadata_service_configuration` in Terraform, `InstanceMetadataServiceConfiguration` in CloudFormation).',
      bad: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name          = "research"\n  instance_type = "ml.t3.medium"\n  role_arn      = var.role_arn\n}',
      good:
        'resource "aws_sagemaker_notebook_instance" "nb" {\n  name          = "research"\n  instance_type = "ml.t3.medium"\n  role_arn      = var.role_arn\n' +
        '  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n}',
    },
    fix: { title: 'Require IMDSv2', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        {
          type: 'aws_sagemaker_notebook_instance',
          key: ['instance_metadata_service_configuration', 'minimum_instance_metadata_service_version'],
          fix: '2',
        },
        { type: 'AWS::SageMaker::NotebookInstance', key: ['InstanceMetadataServiceConfiguration', 'MinimumInstanceMetadataServiceVersion'], fix: '2' },
      ],
      isUnsafe: allowsVersion1,
      absent: (r, key) => `notebook instance \`${r.name}\` does not set \`${key}\`, so AWS lets it answer IMDSv1 requests for its role's credentials`,
      unsafe: (r) => `notebook instance \`${r.name}\` allows IMDSv1: any request from code on it can read its role's credentials`,
      fixTitle: ([key]) => `Set \`${key}\` to "2" (clients on the notebook must then use IMDSv2 tokens)`,
    });
  },
};

/** A known minimum version other than 2 (the API takes "1" or "2"; YAML and HCL may write it as a number). */
function allowsVersion1(value: Value): boolean {
  if (value.kind === 'number') return value.value !== 2;
  return value.kind === 'string' && value.value.trim() !== '2';
}

