import { field } from '../values';
import type { ResourceFact } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkSetting, isEmptyString, keyList, SECURITY_GROUP_PLACEHOLDER, SUBNET_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-notebook-without-vpc',
    title: 'SageMaker notebook instance outside a VPC',
    practices: ['MLSEC03-BP02', 'MLSEC03-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A notebook instance without a subnet is not attached to your VPC: it reaches data stores and the internet only ' +
        'through the SageMaker service network, where your security groups, VPC endpoint policies and flow logs do not ' +
        'apply, and direct internet access cannot be turned off. Place it in a private subnet with security groups ' +
        '(`subnet_id` and `security_groups` in Terraform, `SubnetId` and `SecurityGroupIds` in CloudFormation).',
      bad: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "research"\n  instance_type = "ml.t3.medium"\n  role_arn = var.role_arn\n}',
      good:
        'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "research"\n  instance_type = "ml.t3.medium"\n  role_arn = var.role_arn\n' +
        '  subnet_id = var.private_subnet_id\n  security_groups = [aws_security_group.notebook.id]\n  direct_internet_access = "Disabled"\n}',
    },
    fix: { title: 'Add a placeholder subnet (and security group) for the notebook', safety: 'unsafe', placeholders: [PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId] },
  },
  check(context: RuleContext) {
    // A subnet without security groups gets the VPC's default group; add a placeholder when none are listed.
    const securityGroups = (key: string) => (r: ResourceFact) => (field(r.props, key) === undefined ? { [key]: [SECURITY_GROUP_PLACEHOLDER] } : {});
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_notebook_instance', key: 'subnet_id', fix: SUBNET_PLACEHOLDER, alongside: securityGroups('security_groups') },
        { type: 'AWS::SageMaker::NotebookInstance', key: 'SubnetId', fix: SUBNET_PLACEHOLDER, alongside: securityGroups('SecurityGroupIds') },
      ],
      isUnsafe: isEmptyString,
      absent: (r, key) => `notebook instance \`${r.name}\` has no \`${key}\`: it runs outside your VPC`,
      unsafe: (r, key) => `notebook instance \`${r.name}\` sets an empty \`${key}\`: it runs outside your VPC`,
      fixTitle: (keys) => `Add ${keyList(keys)} (fill in the IDs)`,
    });
  },
};
