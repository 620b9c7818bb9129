import { ENDPOINT_RESOURCES, relatedResources, uncoveredEndpoints } from './support/workspace';
import { callsWhere, type Rule, type WorkspaceRuleContext } from './rule';
import { SAGEMAKER_TRIGGERS } from '../apis/sagemaker';

/** Model Monitor schedules and the job definitions they run; each names the endpoint it watches. */
const MONITORS = [
  'aws_sagemaker_monitoring_schedule',
  'aws_sagemaker_data_quality_job_definition',
  'AWS::SageMaker::MonitoringSchedule',
  'AWS::SageMaker::DataQualityJobDefinition',
  'AWS::SageMaker::ModelQualityJobDefinition',
  'AWS::SageMaker::ModelBiasJobDefinition',
  'AWS::SageMaker::ModelExplainabilityJobDefinition',
];
const ENDPOINT_NAME_KEYS = ['endpoint_name', 'EndpointName'];

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-without-monitoring',
    title: 'SageMaker endpoint that no Model Monitor schedule watches',
    practices: ['MLPERF06-BP04', 'MLPERF06-BP03', 'MLOPS06-BP02', 'RAIMON01-BP02'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A real-time endpoint that no Model Monitor schedule watches can drift from its training data, lose accuracy or ' +
        'grow biased without anyone noticing. The check looks across the whole workspace: an endpoint is watched when a ' +
        'monitoring schedule or a data-quality, model-quality, bias or explainability job definition anywhere names it ' +
        '(by reference or by name). When a monitor names an endpoint through a value that cannot be seen (a variable, a ' +
        'parameter), every endpoint counts as watched. The SageMaker Python SDK\'s `create_monitoring_schedule` calls count too.',
      bad: 'resource "aws_sagemaker_endpoint" "chat" {\n  endpoint_config_name = aws_sagemaker_endpoint_configuration.chat.name\n}',
      good:
        'resource "aws_sagemaker_data_quality_job_definition" "chat" {\n  data_quality_job_input {\n    endpoint_input {\n' +
        '      endpoint_name = aws_sagemaker_endpoint.chat.name\n    }\n  }\n  ...\n}',
    },
  },
  triggers: SAGEMAKER_TRIGGERS,
  workspaceReads: { calls: callsWhere((call) => call.name === 'create_monitoring_schedule'), callKeys: [], resourceProperties: [...MONITORS, ...ENDPOINT_RESOURCES] },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    // The SDK's monitors name their endpoint at run time: any such call may watch any endpoint.
    if (project.calls((c, f) => c.name === 'create_monitoring_schedule' && f.facts.imports.has('sagemaker')).length > 0) return;
    const monitors = project.resources(...MONITORS);
    for (const { file, item: endpoint } of uncoveredEndpoints(project, monitors.map((m) => m.item), ENDPOINT_NAME_KEYS)) {
      context.report({
        file,
        span: endpoint.nameSpan,
        message:
          monitors.length === 0
            ? `endpoint \`${endpoint.name}\` has no Model Monitor schedule: no monitoring schedule is defined in the ${project.size} files checked`
            : `endpoint \`${endpoint.name}\` has no Model Monitor schedule: the ${monitors.length} monitor(s) in the workspace watch other endpoints`,
        related: relatedResources(monitors, (m) => `monitor \`${m.name}\` watches another endpoint`),
      });
    }
  },
};
