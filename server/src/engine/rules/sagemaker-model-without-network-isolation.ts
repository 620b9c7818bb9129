import { isFalse } from '../values';
import type { Rule, RuleContext } from './rule';
import { checkSetting } from './support/settings';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-model-without-network-isolation',
    title: 'SageMaker model without network isolation',
    practices: ['MLSEC03-BP02', 'MLSEC04-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation'],
    docs: {
      description:
        'A SageMaker model whose containers are not network-isolated can make outbound calls from inside the inference ' +
        'container, so a compromised or malicious model artifact or dependency can send request data anywhere or fetch code ' +
        'at run time. AWS leaves isolation off unless you ask for it. Set `enable_network_isolation = true` (Terraform) or ' +
        '`EnableNetworkIsolation: true` (CloudFormation) and serve model artifacts from S3, so the container needs no network.',
      bad: 'resource "aws_sagemaker_model" "m" {\n  name = "ranker"\n  execution_role_arn = var.role_arn\n  primary_container { image = var.image }\n}',
      good:
        'resource "aws_sagemaker_model" "m" {\n  name = "ranker"\n  execution_role_arn = var.role_arn\n  primary_container { image = var.image }\n' +
        '  enable_network_isolation = true\n}',
    },
    fix: { title: 'Enable network isolation', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_model', key: 'enable_network_isolation', fix: true },
        { type: 'AWS::SageMaker::Model', key: 'EnableNetworkIsolation', fix: true },
      ],
      isUnsafe: isFalse,
      absent: (r, key) => `SageMaker model \`${r.name}\` does not set \`${key}\`, so its containers can reach the network`,
      unsafe: (r) => `SageMaker model \`${r.name}\` turns network isolation off: its containers can reach the network`,
      fixTitle: ([key]) => `Set \`${key}\` to true (the container then cannot download anything at run time)`,
    });
  },
};
