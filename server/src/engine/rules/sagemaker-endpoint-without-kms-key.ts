import { field } from '../values';
import type { Rule, RuleContext } from './rule';
import { isUnset, setKeyword } from './support/keywords';
import { hasInstanceStore, instanceDeploys, PLACEHOLDER } from './support/sagemaker';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-without-kms-key',
    title: 'SageMaker endpoint storage without a customer-managed KMS key',
    practices: ['MLSEC03-BP02', 'MLSEC02-BP01'],
    severity: 'note',
    languages: ['python'],
    docs: {
      description:
        '`deploy` without `kms_key` leaves the storage volume of the endpoint instances, which holds the model and anything ' +
        'the container writes, encrypted with an AWS managed key that you cannot restrict, audit or revoke per endpoint. ' +
        'Pass a customer-managed key. Instance types with local NVMe storage (ml.g5, ml.p4d, ml.g4dn and the like) encrypt ' +
        'it in hardware and SageMaker rejects a key for them, so they are not reported, and neither are instance types ' +
        'that cannot be known from the code.',
      bad: 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge")',
      good: 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge", kms_key=endpoint_kms_key_arn)',
    },
    fix: { title: 'Add `kms_key` (fill in the key ARN)', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const { call, instanceType } of instanceDeploys(context.facts, { includeAsync: true })) {
      if (!isUnset(field(call.args, 'kms_key'))) continue;
      if (hasInstanceStore(instanceType) !== false) continue;
      const { span, fixes } = setKeyword(context.text, call, 'kms_key', PLACEHOLDER.kmsKey, rule.meta.fix!.title);
      context.report({
        span: call.args.props.has('kms_key') ? span : call.nameSpan,
        message: '`deploy` has no `kms_key`: the endpoint storage volume is encrypted only with an AWS managed key',
        fixes,
      });
    }
  },
};
