import { Block } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkSetting, SECURITY_GROUP_PLACEHOLDER, SUBNET_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-model-without-vpc',
    title: 'SageMaker model without a VPC configuration',
    practices: ['MLSEC03-BP02', 'MLSEC03-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A SageMaker model with no VPC configuration runs its hosting and batch transform containers outside your VPC, so ' +
        'security groups, VPC endpoint policies and flow logs cannot restrict or record what they reach, and model artifacts ' +
        'are fetched over the public service path. Give the model private subnets and security groups (`vpc_config` in ' +
        'Terraform, `VpcConfig` in CloudFormation), with VPC endpoints for S3 and ECR.',
      bad: 'resource "aws_sagemaker_model" "m" {\n  name = "ranker"\n  execution_role_arn = var.role_arn\n  primary_container { image = var.image }\n}',
      good:
        'resource "aws_sagemaker_model" "m" {\n  name = "ranker"\n  execution_role_arn = var.role_arn\n  primary_container { image = var.image }\n' +
        '  vpc_config {\n    subnets = var.private_subnet_ids\n    security_group_ids = [aws_security_group.model.id]\n  }\n}',
    },
    fix: { title: 'Add a VPC configuration with placeholder subnet and security group IDs', safety: 'unsafe', placeholders: [PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId] },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        {
          type: 'aws_sagemaker_model',
          key: 'vpc_config',
          fix: new Block({ subnets: [SUBNET_PLACEHOLDER], security_group_ids: [SECURITY_GROUP_PLACEHOLDER] }),
        },
        { type: 'AWS::SageMaker::Model', key: 'VpcConfig', fix: { Subnets: [SUBNET_PLACEHOLDER], SecurityGroupIds: [SECURITY_GROUP_PLACEHOLDER] } },
      ],
      absent: (r, key) => `SageMaker model \`${r.name}\` has no \`${key}\`: its containers run outside your VPC`,
      fixTitle: ([key]) => `Add \`${key}\` (fill in the subnet and security group IDs)`,
    });
  },
};
