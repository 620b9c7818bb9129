import { replaceWith } from '../edits';
import { field, stringOf } from '../values';
import type { FileFacts, Value } from '../types';
import { ENDPOINT_CONFIGS, isServerless, productionVariants, type EndpointConfigNames } from '../apis/sagemaker';
import { isOneOf, scalarSyntax } from './support/settings';
import { setKeyword } from './support/keywords';
import { instanceDeploys } from '../apis/sagemakerSdk';
import { propertyName, resourcesOf, type Rule, type RuleContext } from './rule';

/** Application Auto Scaling targets, whose minimum capacity overrides a variant's initial instance count. */
const SCALABLE_TARGETS = [
  { type: 'aws_appautoscaling_target', namespace: 'service_namespace', min: 'min_capacity' },
  { type: 'AWS::ApplicationAutoScaling::ScalableTarget', namespace: 'ServiceNamespace', min: 'MinCapacity' },
];

const SDK_FIX_TITLE = 'Deploy two instances (doubles the endpoint cost)';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-single-instance',
    title: 'SageMaker endpoint production variant on a single instance',
    practices: ['MLREL05-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A production variant with one instance has no redundancy: an instance failure, a host replacement or an Availability ' +
        'Zone outage takes the endpoint down, and a traffic spike has nowhere to go. SageMaker spreads the instances of a ' +
        'variant across Availability Zones only when there are at least two. Start real-time variants with two or more ' +
        'instances, or let auto scaling keep a minimum of two. Serverless variants, asynchronous endpoints (which queue ' +
        'requests), and files that register the endpoint with Application Auto Scaling at a minimum of two or more, are ' +
        'not reported.' +
        ' SageMaker Python SDK: ' +
        'A real-time endpoint deployed with `initial_instance_count=1` has one instance in one Availability Zone: when it ' +
        'fails, is patched or its zone has trouble, every request fails until SageMaker replaces it. With two or more ' +
        'instances SageMaker spreads them across zones. Deploy production endpoints with at least two instances and attach ' +
        'an auto scaling policy. Serverless and asynchronous endpoints, and counts that cannot be known, are not reported.' +
        ' CDK: the generative-AI endpoint constructs and the alpha `EndpointConfig` start with one instance unless `instanceCount` (`initialInstanceCount`) says otherwise; the fix sets that property (docs/cdk.md).',
      bad: 'resource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants {\n    model_name = var.model\n    instance_type = "ml.m5.xlarge"\n    initial_instance_count = 1\n  }\n}' + '\n\n' + 'predictor = model.deploy(initial_instance_count=1, instance_type="ml.m5.xlarge")',
      good: 'resource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants {\n    model_name = var.model\n    instance_type = "ml.m5.xlarge"\n    initial_instance_count = 2\n  }\n}' + '\n\n' + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge")',
      severity:
        'A warning for endpoint configurations in Terraform, CloudFormation and CDK; a note for a SageMaker Python SDK ' +
        '`deploy` with one instance, which notebooks and experiments do on purpose.',
    },
    fix: { title: 'Start the variant with two instances', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkInfrastructure(context);
    checkSdk(context);
  },
};

/** Terraform, CloudFormation and CDK. */
function checkInfrastructure(context: RuleContext): void {
    if (scaledToTwoOrMore(context.facts)) return;
    for (const names of ENDPOINT_CONFIGS) {
      for (const resource of resourcesOf(context.facts, names.type)) {
        // Asynchronous endpoints queue their requests: an instance failure delays answers rather than losing them.
        if (field(resource.props, names.asyncInference) !== undefined) continue;
        for (const variant of productionVariants(resource, names).variants) {
          if (isServerless(variant, names) || managedMinimumOfTwo(variant, names)) continue;
          const count = field(variant, names.instanceCount);
          if (!isOne(count)) continue;
          const name = stringOf(field(variant, names.variantName));
          context.report({
            span: count!.span,
            message: `${name ? `production variant \`${name}\` of ` : ''}endpoint configuration \`${resource.name}\` runs on a single instance: one instance or Availability Zone failure takes it down`,
            fixes: [{ title: `Set \`${propertyName(resource, names.instanceCount)}\` to 2`, safety: 'unsafe', edits: [replaceWith(count!.span, 2, scalarSyntax(resource, context))] }],
          });
        }
      }
    }
}

/** The SageMaker Python SDK. */
function checkSdk(context: RuleContext): void {
    for (const { call, instanceCount: count } of instanceDeploys(context.facts, { includeAsync: false })) {
      if (count?.kind !== 'number' || count.value !== 1) continue;
      const { span, fixes } = call.args.props.has('initial_instance_count')
        ? setKeyword(context.text, call, 'initial_instance_count', 2, SDK_FIX_TITLE)
        : { span: count.span, fixes: [{ title: SDK_FIX_TITLE, safety: 'unsafe' as const, edits: [{ span: count.span, newText: '2' }] }] };
      context.report({
        severity: 'note', // SDK defaults are common in notebooks and experiments: advice, not a defect

        span,
        message: '`deploy` puts the endpoint on a single instance: one instance or Availability Zone failure takes it down',
        fixes,
      });
    }
}


function isOne(value: Value | undefined): boolean {
  if (value?.kind === 'number') return value.value === 1;
  return stringOf(value)?.trim() === '1';
}

function atLeastTwoOrUnknown(value: Value | undefined): boolean {
  if (value === undefined) return false;
  if (value.kind === 'number') return value.value >= 2;
  const s = stringOf(value);
  if (s !== undefined) return Number(s) >= 2;
  return value.kind === 'unknown';
}

/** A managed instance scaling minimum of two or more (or one that cannot be known) keeps the variant redundant. */
function managedMinimumOfTwo(variant: Value, names: EndpointConfigNames): boolean {
  const scaling = field(variant, names.managedScaling);
  if (scaling === undefined) return false;
  if (scaling.kind !== 'object') return true;
  if (isOneOf(field(scaling, names.scalingStatus), 'DISABLED')) return false;
  return atLeastTwoOrUnknown(field(scaling, names.minInstances));
}

/** True when the file registers a SageMaker variant with Application Auto Scaling at a minimum that is not known to be below two. */
function scaledToTwoOrMore(facts: FileFacts): boolean {
  return SCALABLE_TARGETS.some(({ type, namespace, min }) =>
    resourcesOf(facts, type).some((t) => isOneOf(field(t.props, namespace), 'sagemaker') && atLeastTwoOrUnknown(field(t.props, min))),
  );
}

