import { field, stringOf } from '../values';
import type { CallFact } from '../types';
import { calleeSpan, type Rule, type RuleContext } from './rule';
import { isUnset, keywordsFix } from './support/keywords';
import { hasInstanceStore, trainingJobs } from '../apis/sagemakerSdk';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-training-without-kms-key',
    title: 'SageMaker training job without customer-managed KMS keys',
    practices: ['MLSEC03-BP02', 'MLSEC02-BP01', 'RAISP02-BP02'],
    severity: 'note',
    languages: ['python'],
    docs: {
      description:
        'Without `output_kms_key` the model artifacts a training job writes to S3 are encrypted with an AWS managed key, and ' +
        'without `volume_kms_key` so is the storage volume that holds training data during the job. You cannot restrict, ' +
        'audit or revoke those keys per project. Pass customer-managed KMS keys. Instance types with local NVMe storage ' +
        '(ml.g5, ml.p4d, ml.m5d and the like) encrypt it in hardware and reject a volume key, so only the output key is ' +
        'asked of them; when the instance type cannot be known, neither is the volume key.',
      bad: 'estimator = XGBoost(entry_point="train.py", role=role, instance_count=1, instance_type="ml.m5.xlarge", framework_version="1.7-1")',
      good:
        'estimator = XGBoost(entry_point="train.py", role=role, instance_count=1, instance_type="ml.m5.xlarge", framework_version="1.7-1",\n' +
        '                    volume_kms_key=kms_key_arn, output_kms_key=kms_key_arn)',
    },
    fix: { title: 'Add KMS key arguments (fill in the key ARN)', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    for (const { call } of trainingJobs(context.facts)) {
      const missing = missingKeys(call);
      if (missing.length === 0) continue;
      context.report({
        span: calleeSpan(call),
        message: `\`${call.name}\` has no ${missing.map((k) => `\`${k}\``).join(' or ')}: ${describe(missing)} encrypted only with an AWS managed key`,
        fixes: keywordsFix(context.text, call.args, Object.fromEntries(missing.map((k) => [k, PLACEHOLDER.kmsKeyArn])), rule.meta.fix!.title),
      });
    }
  },
};

function missingKeys(call: CallFact): string[] {
  const missing: string[] = [];
  if (isUnset(field(call.args, 'volume_kms_key')) && hasInstanceStore(field(call.args, 'instance_type')) === false) missing.push('volume_kms_key');
  const outputPath = stringOf(field(call.args, 'output_path'));
  if (isUnset(field(call.args, 'output_kms_key')) && !outputPath?.startsWith('file://')) missing.push('output_kms_key');
  return missing;
}

function describe(missing: string[]): string {
  if (missing.length === 2) return 'its storage volume and model artifacts are';
  return missing[0] === 'volume_kms_key' ? 'its storage volume is' : 'its model artifacts are';
}
