import { field } from '../values';
import type { Rule, RuleContext } from './rule';
import { setKeyword } from './support/keywords';
import { settingOff, trainingJobs } from '../apis/sagemakerSdk';
import { SAGEMAKER_TRIGGERS } from '../apis/sagemaker';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-training-without-inter-container-encryption',
    title: 'Distributed SageMaker training without inter-container traffic encryption',
    practices: ['MLSEC04-BP02'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'When a training job runs on more than one instance, the nodes exchange gradients, parameters and sometimes ' +
        'training data over the network. SageMaker leaves that traffic unencrypted unless ' +
        '`encrypt_inter_container_traffic=True`, so it can be read or altered on the wire. Turn it on for distributed jobs; ' +
        'it costs some training time, and in a VPC the security group must allow traffic between its own members. ' +
        'Single-instance jobs are not reported, and neither are instance counts that cannot be known from the code.',
      bad: 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=4, instance_type="ml.p4d.24xlarge")',
      good:
        'estimator = PyTorch(entry_point="train.py", role=role, instance_count=4, instance_type="ml.p4d.24xlarge",\n' +
        '                    encrypt_inter_container_traffic=True)',
    },
    fix: { title: 'Set `encrypt_inter_container_traffic=True` (training takes longer)', safety: 'unsafe' },
  },
  triggers: SAGEMAKER_TRIGGERS,
  check(context: RuleContext) {
    for (const { call } of trainingJobs(context.facts)) {
      const count = field(call.args, 'instance_count');
      if (count?.kind !== 'number' || count.value <= 1) continue;
      const off = settingOff(call.args, 'encrypt_inter_container_traffic');
      if (!off) continue;
      const { span, fixes } = setKeyword(context.text, call, 'encrypt_inter_container_traffic', true, rule.meta.fix!.title);
      context.report({
        span,
        message:
          off === 'absent'
            ? `\`${call.name}\` trains on ${count.value} instances without \`encrypt_inter_container_traffic\`: traffic between nodes is not encrypted`
            : `\`${call.name}\` trains on ${count.value} instances with inter-container traffic encryption turned off`,
        fixes,
      });
    }
  },
};
