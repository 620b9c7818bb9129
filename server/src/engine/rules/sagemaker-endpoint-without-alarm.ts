import { field, itemsOf, stringOf } from '../values';
import type { ResourceFact, Value } from '../types';
import { ENDPOINT_RESOURCES, uncoveredEndpoints } from './support/workspace';
import { NO_CALLS, type Rule, type WorkspaceRuleContext } from './rule';
import { SAGEMAKER_TRIGGERS } from '../apis/sagemaker';

const ALARMS = ['aws_cloudwatch_metric_alarm', 'AWS::CloudWatch::Alarm'];

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-without-alarm',
    title: 'SageMaker endpoint without a CloudWatch alarm',
    practices: ['MLOPS05-BP01', 'MLPERF06-BP04'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'An endpoint whose errors and latency no alarm watches fails quietly: invocation errors, throttling or a slow model ' +
        'reach users before anyone is paged. The check looks across the workspace for a CloudWatch alarm in the `AWS/SageMaker` ' +
        'namespace whose `EndpointName` dimension names the endpoint (by reference or by name). An alarm whose dimension cannot ' +
        'be read statically may watch any endpoint.',
      bad: 'resource "aws_sagemaker_endpoint" "chat" { ... }   # no alarm on it anywhere',
      good:
        'resource "aws_cloudwatch_metric_alarm" "chat_errors" {\n  namespace   = "AWS/SageMaker"\n  metric_name = "Invocation5XXErrors"\n' +
        '  dimensions  = { EndpointName = aws_sagemaker_endpoint.chat.name, VariantName = "main" }\n  ...\n}',
    },
  },
  // Endpoints, and alarms: Terraform's `aws_cloudwatch_metric_alarm` (`awscc_cloudwatch_alarm`), CloudFormation's and the CDK's.
  triggers: [...SAGEMAKER_TRIGGERS, 'metric_alarm', 'cloudwatch_alarm', 'CloudWatch::Alarm', 'CfnAlarm'],
  workspaceReads: { calls: NO_CALLS, callKeys: [], resourceProperties: [...ALARMS, ...ENDPOINT_RESOURCES] },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    const alarms = project.resources(...ALARMS).map((a) => a.item).filter(watchesSageMaker);
    for (const { file, item: endpoint } of uncoveredEndpoints(project, alarms.map(withDimensionsAsProps), ['EndpointName'])) {
      context.report({ file, span: endpoint.nameSpan, message: `endpoint \`${endpoint.name}\` has no CloudWatch alarm on its errors or latency` });
    }
  },
};

/** Alarms in the `AWS/SageMaker` namespace, at the top or in a metric query; an unknown namespace may be it. */
function watchesSageMaker(alarm: ResourceFact): boolean {
  const namespaces: (Value | undefined)[] = [field(alarm.props, 'namespace'), field(alarm.props, 'Namespace')];
  for (const query of [...itemsOf(field(alarm.props, 'metric_query')), ...itemsOf(field(alarm.props, 'Metrics'))]) {
    const metric = field(query, 'metric') ?? field(field(query, 'MetricStat'), 'Metric');
    namespaces.push(field(metric, 'namespace'), field(metric, 'Namespace'));
  }
  return namespaces.some((n) => n !== undefined && (n.kind !== 'string' || n.value === 'AWS/SageMaker'));
}

/**
 * CloudFormation writes dimensions as `[{Name: EndpointName, Value: …}]`; Terraform as `{ EndpointName = … }`.
 * Both become an `EndpointName` property so one target search serves both.
 */
function withDimensionsAsProps(alarm: ResourceFact): ResourceFact {
  const dimensionLists = [field(alarm.props, 'Dimensions'), ...itemsOf(field(alarm.props, 'Metrics')).map((m) => field(field(field(m, 'MetricStat'), 'Metric'), 'Dimensions'))];
  const props = new Map(alarm.props.props);
  for (const list of dimensionLists) {
    for (const dimension of itemsOf(list)) {
      if (stringOf(field(dimension, 'Name')) !== 'EndpointName') continue;
      const value = field(dimension, 'Value');
      if (value) props.set(`EndpointName#${props.size}`, { key: 'EndpointName', keySpan: value.span, value, span: value.span });
    }
  }
  return { ...alarm, props: { ...alarm.props, props } };
}
