import type { Rule, RuleContext } from './rule';
import { checkSetting, isOneOf } from './support/settings';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-domain-public-internet',
    title: 'SageMaker domain with public internet access',
    practices: ['MLSEC03-BP02', 'MLSEC04-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'In `PublicInternetOnly` mode, the Studio apps of a SageMaker domain send all non-EFS traffic through a ' +
        'SageMaker-managed network with direct internet access, outside your VPC: users can install anything and move ' +
        'data anywhere, and your security groups and VPC endpoint policies do not apply. It is AWS\'s default when the ' +
        'setting is left out. Set `app_network_access_type = "VpcOnly"` (Terraform) or `AppNetworkAccessType: VpcOnly` ' +
        '(CloudFormation) and give the VPC the endpoints, or a NAT gateway you control, that the apps need.',
      bad: 'resource "aws_sagemaker_domain" "d" {\n  domain_name = "ml"\n  auth_mode = "IAM"\n  vpc_id = var.vpc_id\n  subnet_ids = var.subnet_ids\n  default_user_settings { execution_role = var.role_arn }\n}',
      good:
        'resource "aws_sagemaker_domain" "d" {\n  domain_name = "ml"\n  auth_mode = "IAM"\n  vpc_id = var.vpc_id\n  subnet_ids = var.subnet_ids\n' +
        '  app_network_access_type = "VpcOnly"\n  default_user_settings { execution_role = var.role_arn }\n}',
    },
    fix: { title: 'Restrict the domain to VPC-only network access', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_domain', key: 'app_network_access_type', fix: 'VpcOnly' },
        { type: 'AWS::SageMaker::Domain', key: 'AppNetworkAccessType', fix: 'VpcOnly' },
      ],
      isUnsafe: (v) => isOneOf(v, 'PublicInternetOnly'),
      absent: (r, key) => `SageMaker domain \`${r.name}\` does not set \`${key}\`, so AWS gives its apps public internet access outside your VPC`,
      unsafe: (r) => `SageMaker domain \`${r.name}\` gives its apps public internet access outside your VPC`,
      fixTitle: ([key]) => `Set \`${key}\` to "VpcOnly" (the VPC then needs endpoints or a NAT gateway)`,
    });
  },
};
