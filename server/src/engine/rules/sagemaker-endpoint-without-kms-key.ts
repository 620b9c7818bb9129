import type { ResourceFact } from '../types';
import type { Rule, RuleContext } from './rule';
import { ENDPOINT_CONFIGS, hasLocalStorage, instanceTypeOf, isServerless, productionVariants } from '../apis/sagemaker';
import { checkSetting, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { field } from '../values';
import { isUnset, setKeyword } from './support/keywords';
import { hasInstanceStore, instanceDeploys } from '../apis/sagemakerSdk';
import { PLACEHOLDER } from '../placeholders';

const SDK_FIX_TITLE = 'Add `kms_key` (fill in the key ARN)';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-endpoint-without-kms-key',
    title: 'SageMaker endpoint configuration without a KMS key',
    practices: ['MLSEC03-BP02', 'MLSEC02-BP01', 'RAISP02-BP02'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'Without a customer managed KMS key, the storage volumes of the instances that host an endpoint (model artifacts, ' +
        'and anything the container writes) are encrypted with a key you cannot restrict, rotate on your own schedule, or ' +
        'revoke. Set `kms_key_arn` (Terraform) or `KmsKeyId` (CloudFormation). Instance types with local NVMe storage ' +
        '(`ml.g5`, `ml.g4dn`, `ml.p4d`, `ml.m5d` and similar) encrypt it in hardware and reject a key, so configurations ' +
        'that use one are not reported; neither are serverless ones.' +
        ' SageMaker Python SDK: ' +
        '`deploy` without `kms_key` leaves the storage volume of the endpoint instances, which holds the model and anything ' +
        'the container writes, encrypted with an AWS managed key that you cannot restrict, audit or revoke per endpoint. ' +
        'Pass a customer-managed key. Instance types with local NVMe storage (ml.g5, ml.p4d, ml.g4dn and the like) encrypt ' +
        'it in hardware and SageMaker rejects a key for them, so they are not reported, and neither are instance types ' +
        'that cannot be known from the code.' +
        ' CDK: the generative-AI endpoint constructs have no property for a key (no quick fix: use the construct\'s `cfnEndpointConfig`); the alpha `EndpointConfig` takes `encryptionKey` (docs/cdk.md).',
      bad: 'resource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants {\n    model_name = var.model\n    instance_type = "ml.m5.xlarge"\n    initial_instance_count = 2\n  }\n}' + '\n\n' + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge")',
      good:
        'resource "aws_sagemaker_endpoint_configuration" "c" {\n  kms_key_arn = aws_kms_key.ml.arn\n  production_variants {\n    model_name = var.model\n' +
        '    instance_type = "ml.m5.xlarge"\n    initial_instance_count = 2\n  }\n}' + '\n\n' + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge", kms_key=endpoint_kms_key_arn)',
    },
    fix: { title: 'Add a KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    checkInfrastructure(context);
    checkSdk(context);
  },
};

/** Terraform, CloudFormation and CDK. */
function checkInfrastructure(context: RuleContext): void {
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_endpoint_configuration', key: 'kms_key_arn', fix: KMS_KEY_PLACEHOLDER },
        { type: 'AWS::SageMaker::EndpointConfig', key: 'KmsKeyId', fix: KMS_KEY_PLACEHOLDER },
      ],
      applies: canTakeKey,
      isUnsafe: isEmptyString,
      absent: (r, key) => `endpoint configuration \`${r.name}\` has no \`${key}\`: its instance storage is not encrypted with a key you control`,
      unsafe: (r, key) => `endpoint configuration \`${r.name}\` sets an empty \`${key}\`: its instance storage is not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
}

/** The SageMaker Python SDK. */
function checkSdk(context: RuleContext): void {
    for (const { call, instanceType } of instanceDeploys(context.facts, { includeAsync: true })) {
      if (!isUnset(field(call.args, 'kms_key'))) continue;
      if (hasInstanceStore(instanceType) !== false) continue;
      const { span, fixes } = setKeyword(context.text, call, 'kms_key', PLACEHOLDER.kmsKeyArn, SDK_FIX_TITLE);
      context.report({
        span: call.args.props.has('kms_key') ? span : call.nameSpan,
        message: '`deploy` has no `kms_key`: the endpoint storage volume is encrypted only with an AWS managed key',
        fixes,
      });
    }
}


/** False when every variant is serverless, or one uses an instance type with local storage (which rejects a key). */
function canTakeKey(resource: ResourceFact): boolean {
  const names = ENDPOINT_CONFIGS.find((n) => n.type === resource.resourceType)!;
  const { variants } = productionVariants(resource, names);
  if (variants.length > 0 && variants.every((v) => isServerless(v, names))) return false;
  return !variants.some((v) => {
    const type = instanceTypeOf(v, names);
    return type !== undefined && hasLocalStorage(type);
  });
}

