import type { Rule, RuleContext } from './rule';
import { setKeyword } from './support/keywords';
import { settingOff, trainingJobs } from '../apis/sagemakerSdk';
import { SAGEMAKER_TRIGGERS } from '../apis/sagemaker';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-training-without-network-isolation',
    title: 'SageMaker training job without network isolation',
    practices: ['MLSEC04-BP01', 'MLSEC03-BP02', 'RAISP02-BP04'],
    severity: 'note',
    languages: ['python'],
    docs: {
      description:
        'Without `enable_network_isolation=True` a training container can make any outbound call, so a compromised ' +
        'dependency or training script can send your data and credentials out. With isolation on, SageMaker still brings ' +
        'the input channels in and the model out, but the container itself has no network. Jobs that install packages or ' +
        'download models at start-up need those inside the image or input channels first. JumpStart estimators take the ' +
        "default from the model's specification, so only an explicit `False` is reported for them.",
      bad: 'estimator = Estimator(image_uri=image, role=role, instance_count=1, instance_type="ml.m5.xlarge")',
      good: 'estimator = Estimator(image_uri=image, role=role, instance_count=1, instance_type="ml.m5.xlarge",\n                      enable_network_isolation=True)',
    },
    fix: { title: 'Set `enable_network_isolation=True` (the container loses internet access)', safety: 'unsafe' },
  },
  triggers: SAGEMAKER_TRIGGERS,
  check(context: RuleContext) {
    for (const { call, jumpStart } of trainingJobs(context.facts)) {
      const off = settingOff(call.args, 'enable_network_isolation');
      if (!off || (off === 'absent' && jumpStart)) continue;
      const { span, fixes } = setKeyword(context.text, call, 'enable_network_isolation', true, rule.meta.fix!.title);
      context.report({
        span,
        message:
          off === 'absent'
            ? `\`${call.name}\` runs its training container without network isolation: it can reach the internet`
            : `\`${call.name}\` turns network isolation off: the training container can reach the internet`,
        fixes,
      });
    }
  },
};
