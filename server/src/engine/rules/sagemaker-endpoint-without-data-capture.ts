import { addProperties, addProperty, replaceWith } from '../edits';
import { field, isFalse, itemsOf } from '../values';
import { Block, Code, type Fix, type FixValue, type ResourceFact, type Value } from '../types';
import { propertyName, resourcesOf, type Rule, type RuleContext } from './rule';
import { instanceDeploys } from '../apis/sagemakerSdk';
import { PLACEHOLDER, CAPTURE_BUCKET_TOKEN } from '../placeholders';

const S3_PLACEHOLDER = PLACEHOLDER.captureS3Uri;
const DATA_CAPTURE_CONFIG = 'sagemaker.model_monitor.DataCaptureConfig';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-without-data-capture',
    title: 'SageMaker endpoint without data capture',
    practices: ['MLOPS06-BP02', 'MLPERF06-BP03', 'MLPERF06-BP04', 'RAIMON01-BP02'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'python', 'typescript', 'javascript'],
    docs: {
      description:
        'A real-time or asynchronous SageMaker endpoint that does not capture its requests and responses leaves nothing for Model Monitor to ' +
        'compare against the training baseline, so data drift and quality loss go unseen and incidents cannot be replayed. ' +
        'Enable data capture on the endpoint configuration (`data_capture_config` in Terraform, `DataCaptureConfig` in ' +
        'CloudFormation, `data_capture_config=DataCaptureConfig(...)` in the SageMaker Python SDK). Serverless endpoints, ' +
        'which do not support capture, are not checked.' +
        ' CDK: neither the generative-AI endpoint constructs nor the alpha `EndpointConfig` have a data capture property (no quick fix: use an L1 construct or the construct\'s `cfnEndpointConfig`; docs/cdk.md).',
      bad: 'resource "aws_sagemaker_endpoint_configuration" "x" {\n  production_variants { ... }\n}',
      good:
        'resource "aws_sagemaker_endpoint_configuration" "x" {\n  production_variants { ... }\n  data_capture_config {\n' +
        '    enable_capture = true\n    initial_sampling_percentage = 100\n    destination_s3_uri = "s3://bucket/capture"\n' +
        '    capture_options { capture_mode = "Input" }\n    capture_options { capture_mode = "Output" }\n  }\n}',
    },
    fix: { title: 'Add a data capture configuration with a placeholder S3 URI', safety: 'unsafe', placeholders: [CAPTURE_BUCKET_TOKEN] },
  },
  check(context: RuleContext) {
    for (const resource of resourcesOf(context.facts, 'aws_sagemaker_endpoint_configuration')) {
      checkResource(resource, context, {
        config: 'data_capture_config',
        enable: 'enable_capture',
        variants: 'production_variants',
        serverless: 'serverless_config',
        value: new Block({
          enable_capture: true,
          initial_sampling_percentage: 100,
          destination_s3_uri: S3_PLACEHOLDER,
          capture_options: [new Block({ capture_mode: 'Input' }), new Block({ capture_mode: 'Output' })],
        }),
      });
    }
    for (const resource of resourcesOf(context.facts, 'AWS::SageMaker::EndpointConfig')) {
      checkResource(resource, context, {
        config: 'DataCaptureConfig',
        enable: 'EnableCapture',
        variants: 'ProductionVariants',
        serverless: 'ServerlessConfig',
        value: {
          EnableCapture: true,
          InitialSamplingPercentage: 100,
          DestinationS3Uri: S3_PLACEHOLDER,
          CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        },
      });
    }
    checkSdkDeploys(context);
  },
};

interface Names {
  config: string;
  enable: string;
  variants: string;
  serverless: string;
  value: FixValue;
}

function checkResource(resource: ResourceFact, context: RuleContext, names: Names): void {
  const config = field(resource.props, names.config);
  if (config === undefined) {
    if (allServerless(field(resource.props, names.variants), names.serverless)) return;
    const edit = addProperty(resource.props, names.config, names.value);
    context.report({
      span: resource.nameSpan,
      message: `endpoint configuration \`${resource.name}\` has no \`${propertyName(resource, names.config)}\`: model inputs and outputs cannot be monitored for drift`,
      fixes: edit ? [{ title: `Add \`${propertyName(resource, names.config)}\` (fill in the S3 URI)`, safety: 'unsafe', edits: [edit] }] : [],
    });
    return;
  }
  const enable = config.kind === 'object' ? config.props.get(names.enable) : undefined;
  if (enable && isFalse(enable.value)) {
    context.report({
      span: enable.span,
      message: `endpoint configuration \`${resource.name}\` turns data capture off: model inputs and outputs cannot be monitored for drift`,
      fixes: [{ title: `Set \`${propertyName(resource, names.enable)}\` to true`, safety: 'unsafe', edits: [replaceWith(enable.value.span, true, resource.props.insert?.syntax ?? 'hcl')] }],
    });
  }
}

/** True when every production variant is serverless (known), which cannot capture data. */
function allServerless(variants: Value | undefined, serverlessKey: string): boolean {
  const items = itemsOf(variants);
  return items.length > 0 && items.every((v) => v.kind === 'object' && field(v, serverlessKey) !== undefined);
}

// Asynchronous endpoints capture data too (SageMaker documents data capture for them), as their IaC configurations do.
function checkSdkDeploys(context: RuleContext): void {
  for (const { call } of instanceDeploys(context.facts, { includeAsync: true })) {
    if (field(call.args, 'data_capture_config') !== undefined) continue;
    context.report({
      span: call.nameSpan,
      message: '`deploy` creates an endpoint without `data_capture_config`: model inputs and outputs cannot be monitored for drift',
      fixes: sdkFix(call.args, context),
    });
  }
}

function sdkFix(args: Parameters<typeof addProperty>[0], context: RuleContext): Fix[] {
  const imported = [...(context.facts.importedNames ?? [])].find(([, qualified]) => qualified === DATA_CAPTURE_CONFIG)?.[0];
  const name = imported ?? 'DataCaptureConfig';
  const edit = addProperties(args, {
    data_capture_config: new Code(`${name}(enable_capture=True, sampling_percentage=100, destination_s3_uri=${JSON.stringify(S3_PLACEHOLDER)})`),
  });
  if (!edit) return [];
  const edits = [edit];
  if (!imported) {
    const at = context.facts.importAnchor ?? 0;
    edits.unshift({ span: { start: at, end: at }, newText: at === 0 ? 'from sagemaker.model_monitor import DataCaptureConfig\n' : '\nfrom sagemaker.model_monitor import DataCaptureConfig' });
  }
  return [{ title: 'Add `data_capture_config=DataCaptureConfig(...)` (fill in the S3 URI)', safety: 'unsafe', edits }];
}
