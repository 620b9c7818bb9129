import { definesMonitoringJob, MONITORING_JOBS, monitoringCluster, monitoringNames } from '../apis/monitoring';
import { hasLocalStorage } from '../apis/sagemaker';
import type { ResourceFact } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkSetting, isEmptyString, KMS_KEY_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-monitoring-job-without-kms-key',
    title: 'SageMaker Model Monitor job without a KMS key for its volume or results',
    practices: ['MLSEC02-BP01', 'RAIMON01-BP03', 'MLSEC03-BP02'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript'],
    docs: {
      description:
        'A Model Monitor job (data quality, model quality, bias or explainability) reads the requests and predictions your ' +
        'endpoint captured, often personal data, onto the storage volume of its instances, and writes its statistics and ' +
        'violation reports to S3. Without `VolumeKmsKeyId` (under `JobResources.ClusterConfig`) and `KmsKeyId` (in the ' +
        'job output configuration) both are encrypted with AWS managed keys that you cannot restrict, audit separately or ' +
        'revoke (CreateDataQualityJobDefinition and its siblings, MonitoringClusterConfig and MonitoringOutputConfig in the ' +
        'SageMaker API reference). The same holds for a monitoring schedule that defines its job inline. Instance types ' +
        'with local NVMe storage encrypt it in hardware and reject a volume key, so their volume is not reported.',
      bad:
        'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  data_quality_job_output_config {\n    monitoring_outputs { ... }\n  }\n' +
        '  job_resources {\n    cluster_config {\n      instance_count    = 1\n      instance_type     = "ml.m5.xlarge"\n      volume_size_in_gb = 20\n    }\n  }\n  ...\n}',
      good:
        'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  data_quality_job_output_config {\n    kms_key_id = aws_kms_key.monitoring.arn\n' +
        '    monitoring_outputs { ... }\n  }\n  job_resources {\n    cluster_config {\n      instance_count    = 1\n      instance_type     = "ml.m5.xlarge"\n' +
        '      volume_size_in_gb = 20\n      volume_kms_key_id = aws_kms_key.monitoring.arn\n    }\n  }\n  ...\n}',
    },
    fix: { title: 'Add the KMS key with a placeholder ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    const kind = (r: ResourceFact) => monitoringNames(r)!.kind;
    checkSetting(context, {
      targets: MONITORING_JOBS.map((n) => ({ type: n.type, key: [...n.within, ...n.outputKmsKey], fix: KMS_KEY_PLACEHOLDER })),
      applies: (r) => definesMonitoringJob(r, monitoringNames(r)!),
      isUnsafe: isEmptyString,
      absent: (r, key) => `${kind(r)} job \`${r.name}\` has no \`${key}\`: the reports it writes to S3 are not encrypted with a key you control`,
      unsafe: (r, key) => `${kind(r)} job \`${r.name}\` sets an empty \`${key}\`: the reports it writes to S3 are not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
    checkSetting(context, {
      targets: MONITORING_JOBS.map((n) => ({ type: n.type, key: [...n.within, ...n.cluster, n.volumeKmsKey], fix: KMS_KEY_PLACEHOLDER })),
      applies: (r) => {
        const names = monitoringNames(r)!;
        const { instanceType } = monitoringCluster(r, names);
        return definesMonitoringJob(r, names) && !(instanceType !== undefined && hasLocalStorage(instanceType));
      },
      isUnsafe: isEmptyString,
      absent: (r, key) => `${kind(r)} job \`${r.name}\` has no \`${key}\`: the captured data on its processing volume is not encrypted with a key you control`,
      unsafe: (r, key) => `${kind(r)} job \`${r.name}\` sets an empty \`${key}\`: the captured data on its processing volume is not encrypted with a key you control`,
      fixTitle: ([key]) => `Set \`${key}\` (fill in the key ARN)`,
    });
  },
};
