import { field } from '../values';
import type { Value } from '../types';
import { calleeSpan, type Rule, type RuleContext } from './rule';
import { isUnset, keywordsFix } from './support/keywords';
import { trainingJobs } from '../apis/sagemakerSdk';
import { PLACEHOLDER } from '../placeholders';

const SETTINGS: Record<string, string> = { subnets: PLACEHOLDER.subnetId, security_group_ids: PLACEHOLDER.securityGroupId };

export const rule: Rule = {
  meta: {
    id: 'sagemaker-training-without-vpc',
    title: 'SageMaker training job outside a VPC',
    practices: ['MLSEC03-BP02', 'MLSEC03-BP01', 'MLSEC04-BP01'],
    severity: 'note',
    languages: ['python'],
    docs: {
      description:
        'An estimator without `subnets` and `security_group_ids` runs its training containers outside your VPC, so their ' +
        'traffic to data stores and the internet bypasses your security groups, VPC endpoints and flow logs. Give the ' +
        'estimator private subnets and a security group (the SDK uses a VPC only when both are set), and reach S3 through a ' +
        'VPC endpoint. If your organisation sets them for every job in the SageMaker SDK configuration file, turn this rule off.',
      bad: 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=1, instance_type="ml.p3.2xlarge")',
      good:
        'estimator = PyTorch(entry_point="train.py", role=role, instance_count=1, instance_type="ml.p3.2xlarge",\n' +
        '                    subnets=private_subnets, security_group_ids=[training_sg])',
    },
    fix: { title: 'Add `subnets` and `security_group_ids` (fill in the IDs)', safety: 'unsafe', placeholders: [PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId] },
  },
  check(context: RuleContext) {
    for (const { call } of trainingJobs(context.facts)) {
      const missing = Object.keys(SETTINGS).filter((key) => isMissing(field(call.args, key)));
      if (missing.length === 0) continue;
      context.report({
        span: calleeSpan(call),
        message: `\`${call.name}\` runs its training job outside a VPC: no ${missing.map((k) => `\`${k}\``).join(' or ')}`,
        fixes: keywordsFix(context.text, call.args, Object.fromEntries(missing.map((k) => [k, [SETTINGS[k]]])), rule.meta.fix!.title),
      });
    }
  },
};

/** Absent, `None` or a known empty list; anything else (including an unknown value) counts as set. */
function isMissing(value: Value | undefined): boolean {
  if (value === undefined || isUnset(value)) return true;
  return value.kind === 'array' && !value.open && value.items.length === 0;
}
