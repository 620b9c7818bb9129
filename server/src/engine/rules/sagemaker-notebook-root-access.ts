import type { Rule, RuleContext } from './rule';
import { checkSetting, isOneOf } from './support/settings';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-notebook-root-access',
    title: 'SageMaker notebook instance with root access',
    practices: ['MLSEC04-BP01', 'MLSEC03-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'With root access, every user of a notebook instance can change its system configuration, install unvetted ' +
        'software, read other processes and credentials on the host, and undo the controls your platform team put there. ' +
        'AWS enables root access when the setting is left out. Set `root_access = "Disabled"` (Terraform) or ' +
        '`RootAccess: Disabled` (CloudFormation); lifecycle configuration scripts still run as root, so install what the ' +
        'notebook needs there.',
      bad: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "research"\n  instance_type = "ml.t3.medium"\n  role_arn = var.role_arn\n}',
      good: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "research"\n  instance_type = "ml.t3.medium"\n  role_arn = var.role_arn\n  root_access = "Disabled"\n}',
    },
    fix: { title: 'Disable root access', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_notebook_instance', key: 'root_access', fix: 'Disabled' },
        { type: 'AWS::SageMaker::NotebookInstance', key: 'RootAccess', fix: 'Disabled' },
      ],
      isUnsafe: (v) => isOneOf(v, 'Enabled'),
      absent: (r, key) => `notebook instance \`${r.name}\` does not set \`${key}\`, so AWS gives its users root access`,
      unsafe: (r) => `notebook instance \`${r.name}\` gives its users root access`,
      fixTitle: ([key]) => `Set \`${key}\` to "Disabled" (install packages from a lifecycle configuration instead)`,
    });
  },
};
