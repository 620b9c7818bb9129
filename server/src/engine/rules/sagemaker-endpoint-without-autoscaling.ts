import { field } from '../values';
import { ENDPOINT_RESOURCES, relatedResources, uncoveredEndpoints } from './support/workspace';
import { NO_CALLS, type Rule, type WorkspaceRuleContext } from './rule';
import { SAGEMAKER_TRIGGERS } from '../apis/sagemaker';

const TARGETS = ['aws_appautoscaling_target', 'AWS::ApplicationAutoScaling::ScalableTarget'];
const RESOURCE_ID_KEYS = ['resource_id', 'ResourceId'];

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-without-autoscaling',
    title: 'SageMaker endpoint without autoscaling',
    practices: ['MLREL05-BP01', 'MLCOST06-BP03'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A real-time endpoint with no Application Auto Scaling target keeps a fixed instance count: traffic peaks throttle ' +
        'or fail requests, and quiet hours pay for idle instances. The check looks across the workspace for a scalable target ' +
        'whose resource ID names the endpoint (`endpoint/<name>/variant/<variant>`), and reports a target whose maximum ' +
        'capacity equals its minimum, which cannot scale. Serverless endpoints scale on their own and are skipped.' +
        ' CDK: `CustomSageMakerEndpoint` registers its endpoint with Application Auto Scaling by itself since generative-ai-cdk-constructs v0.1.265 (custom-sagemaker-endpoint.ts), and so does `autoScaleInstanceCount` on an alpha `Endpoint`\'s variant (docs/cdk.md).',
      bad: 'resource "aws_sagemaker_endpoint" "chat" { ... }   # no aws_appautoscaling_target for it anywhere',
      good:
        'resource "aws_appautoscaling_target" "chat" {\n  service_namespace  = "sagemaker"\n  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"\n' +
        '  resource_id        = "endpoint/${aws_sagemaker_endpoint.chat.name}/variant/main"\n  min_capacity       = 1\n  max_capacity       = 4\n}',
    },
  },
  triggers: [...SAGEMAKER_TRIGGERS, 'autoscal'],
  workspaceReads: { calls: NO_CALLS, callKeys: [], resourceProperties: [...TARGETS, ...ENDPOINT_RESOURCES] },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    const scalable = project.resources(...TARGETS).filter(({ item }) => {
      const ns = field(item.props, 'service_namespace') ?? field(item.props, 'ServiceNamespace');
      return ns?.kind !== 'string' || ns.value === 'sagemaker';
    });
    for (const { file, item } of scalable) {
      const min = field(item.props, 'min_capacity') ?? field(item.props, 'MinCapacity');
      const max = field(item.props, 'max_capacity') ?? field(item.props, 'MaxCapacity');
      if (min?.kind === 'number' && max?.kind === 'number' && max.value <= min.value) {
        const maxProp = item.props.props.get('max_capacity') ?? item.props.props.get('MaxCapacity');
        context.report({ file, span: maxProp!.span, message: `scalable target \`${item.name}\` has a maximum capacity of ${max.value}, no more than its minimum: the endpoint cannot scale out` });
      }
    }
    for (const { file, item: endpoint } of uncoveredEndpoints(project, scalable.map((s) => s.item), RESOURCE_ID_KEYS)) {
      context.report({
        file,
        span: endpoint.nameSpan,
        message: `endpoint \`${endpoint.name}\` has no autoscaling target: its instance count is fixed`,
        related: relatedResources(scalable, (t) => `scalable target \`${t.name}\` scales another resource`),
      });
    }
  },
};
