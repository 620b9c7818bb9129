import type { Rule, RuleContext } from './rule';
import { setKeyword } from './support/keywords';
import { instanceDeploys } from './support/sagemaker';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-single-instance',
    title: 'SageMaker endpoint on a single instance',
    practices: ['MLREL05-BP01'],
    severity: 'note',
    languages: ['python'],
    docs: {
      description:
        'A real-time endpoint deployed with `initial_instance_count=1` has one instance in one Availability Zone: when it ' +
        'fails, is patched or its zone has trouble, every request fails until SageMaker replaces it. With two or more ' +
        'instances SageMaker spreads them across zones. Deploy production endpoints with at least two instances and attach ' +
        'an auto scaling policy. Serverless and asynchronous endpoints, and counts that cannot be known, are not reported.',
      bad: 'predictor = model.deploy(initial_instance_count=1, instance_type="ml.m5.xlarge")',
      good: 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge")',
    },
    fix: { title: 'Deploy two instances (doubles the endpoint cost)', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const { call, instanceCount: count } of instanceDeploys(context.facts, { includeAsync: false })) {
      if (count?.kind !== 'number' || count.value !== 1) continue;
      const { span, fixes } = call.args.props.has('initial_instance_count')
        ? setKeyword(context.text, call, 'initial_instance_count', 2, rule.meta.fix!.title)
        : { span: count.span, fixes: [{ title: rule.meta.fix!.title, safety: 'unsafe' as const, edits: [{ span: count.span, newText: '2' }] }] };
      context.report({
        span,
        message: '`deploy` puts the endpoint on a single instance: one instance or Availability Zone failure takes it down',
        fixes,
      });
    }
  },
};
