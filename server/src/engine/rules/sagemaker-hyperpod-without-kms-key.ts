import { operationCalls } from '../apis/boto3';
import { CLUSTERS, CREATE_CLUSTER, instanceGroups, type ClusterNames } from '../apis/hyperpod';
import { addProperty, replaceWith } from '../edits';
import { field, isTrue, itemsOf, stringOf } from '../values';
import type { ObjectValue } from '../types';
import { resourcesOf, type Rule, type RuleContext } from './rule';
import { callSite, isEmptyString, KMS_KEY_PLACEHOLDER, resourceSite, type SettingSite } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-hyperpod-without-kms-key',
    title: 'SageMaker HyperPod EBS volume without a customer managed key',
    practices: ['MLSEC02-BP01', 'MLSEC03-BP02'],
    severity: 'note',
    languages: ['cloudformation', 'typescript', 'javascript', 'python', 'terraform'],
    docs: {
      description:
        'The additional EBS volume a HyperPod instance group mounts at `/opt/sagemaker` holds training data, checkpoints ' +
        'and model weights. Unless its `EbsVolumeConfig` names a `VolumeKmsKeyId` it is encrypted with a key AWS owns, ' +
        'which you cannot restrict, audit or revoke (ClusterEbsVolumeConfig in the SageMaker API reference). Each ' +
        'volume configuration without a key is reported; instance groups that configure no extra volume are not (their ' +
        'root volume takes a key only through a configuration with `RootVolume: true`). CloudFormation ' +
        '(AWS::SageMaker::Cluster, and so CDK L1 and awscc) and `create_cluster` are checked; Terraform\'s ' +
        '`aws_sagemaker_cluster` has no volume key argument, so it is not.',
      bad: 'InstanceStorageConfigs:\n  - EbsVolumeConfig:\n      VolumeSizeInGB: 500',
      good: 'InstanceStorageConfigs:\n  - EbsVolumeConfig:\n      VolumeSizeInGB: 500\n      VolumeKmsKeyId: !GetAtt TrainingKey.Arn',
    },
    fix: { title: 'Add a KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    for (const names of CLUSTERS) {
      if (!names.volumeKmsKey) continue;
      for (const resource of resourcesOf(context.facts, names.type)) checkVolumes(context, resourceSite(resource, context), names, `HyperPod cluster \`${resource.name}\``);
    }
    for (const call of operationCalls(context.facts, CREATE_CLUSTER)) checkVolumes(context, callSite(call, context), CREATE_CLUSTER.names, `\`${call.name}\``);
  },
};

function checkVolumes(context: RuleContext, site: SettingSite, names: ClusterNames, subject: string): void {
  const key = names.volumeKmsKey!;
  for (const group of instanceGroups(site.props, names).groups) {
    const groupName = stringOf(field(group, names.groupName));
    const where = `${subject}${groupName ? `, instance group \`${groupName}\`,` : ''}`;
    for (const storage of itemsOf(field(group, names.storage))) {
      const ebs = field(storage, names.ebs);
      if (ebs?.kind !== 'object') continue;
      const root = names.rootVolume !== undefined && isTrue(field(ebs, names.rootVolume));
      const volume = root ? 'root volume' : 'EBS volume';
      const article = root ? 'a' : 'an';
      const value = field(ebs, key);
      if (value === undefined) {
        const entry = (storage as ObjectValue).props.get(names.ebs)!;
        const edit = addProperty(ebs, key, KMS_KEY_PLACEHOLDER);
        context.report({
          span: entry.keySpan,
          message: `${where} has ${article} ${volume} with no \`${site.spell(key)}\`: it is encrypted with a key AWS owns, not one you control`,
          fixes: edit ? [{ title: `Set \`${site.spell(key)}\` (fill in the key ARN)`, safety: 'unsafe', edits: [edit] }] : [],
        });
      } else if (value.kind === 'null' || isEmptyString(value)) {
        context.report({
          span: value.span,
          message: `${where} sets an empty \`${site.spell(key)}\` on its ${volume}: it is encrypted with a key AWS owns, not one you control`,
          fixes: [{ title: `Set \`${site.spell(key)}\` (fill in the key ARN)`, safety: 'unsafe', edits: [replaceWith(value.span, KMS_KEY_PLACEHOLDER, site.syntax)] }],
        });
      }
    }
  }
}
