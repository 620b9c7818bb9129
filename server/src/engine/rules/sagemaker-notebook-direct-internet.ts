import { addProperty, replaceWith } from '../edits';
import { field, stringOf } from '../values';
import type { ResourceFact } from '../types';
import { propertyName, resourcesOf, type Rule, type RuleContext } from './rule';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-notebook-direct-internet',
    title: 'SageMaker notebook instance with direct internet access',
    practices: ['MLSEC03-BP02', 'MLSEC04-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A notebook instance with direct internet access can download arbitrary packages and send training data anywhere, ' +
        'bypassing the VPC controls that guard the rest of the ML environment. AWS enables it when the setting is left out. ' +
        'Set it to `Disabled` and give the notebook a subnet and security groups; reach the internet, if needed, through a ' +
        'NAT gateway or proxy you control, and AWS services through VPC endpoints.',
      bad: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  instance_type = "ml.t3.medium"\n}',
      good:
        'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  instance_type = "ml.t3.medium"\n' +
        '  subnet_id = var.subnet_id\n  security_groups = [var.security_group_id]\n  direct_internet_access = "Disabled"\n}',
    },
    fix: { title: 'Disable direct internet access (the notebook then needs a subnet and security groups)', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const resource of resourcesOf(context.facts, 'aws_sagemaker_notebook_instance')) check(resource, 'direct_internet_access', context);
    for (const resource of resourcesOf(context.facts, 'AWS::SageMaker::NotebookInstance')) check(resource, 'DirectInternetAccess', context);
  },
};

function check(resource: ResourceFact, key: string, context: RuleContext): void {
  const value = field(resource.props, key);
  const name = propertyName(resource, key);
  const title = `Set \`${name}\` to "Disabled" (requires a subnet and security groups)`;
  if (value === undefined) {
    const edit = addProperty(resource.props, key, 'Disabled');
    context.report({
      span: resource.nameSpan,
      message: `notebook instance \`${resource.name}\` does not set \`${name}\`, so AWS enables direct internet access`,
      fixes: edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [],
    });
  } else if (stringOf(value) === 'Enabled') {
    context.report({
      span: value.span,
      message: `notebook instance \`${resource.name}\` has direct internet access enabled`,
      fixes: [{ title, safety: 'unsafe', edits: [replaceWith(value.span, 'Disabled', resource.props.insert?.syntax ?? 'hcl')] }],
    });
  }
}
