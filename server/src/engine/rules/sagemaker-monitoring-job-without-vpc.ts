import { definesMonitoringJob, MONITORING_JOBS, monitoringNames, type MonitoringJobNames } from '../apis/monitoring';
import { Block, type FixValue } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkSetting, SECURITY_GROUP_PLACEHOLDER, SUBNET_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-monitoring-job-without-vpc',
    title: 'SageMaker Model Monitor job without a VPC configuration',
    practices: ['MLSEC03-BP02', 'RAIMON01-BP03'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript'],
    docs: {
      description:
        'Without `NetworkConfig.VpcConfig` a Model Monitor job runs its containers outside your VPC (MonitoringNetworkConfig ' +
        'in the SageMaker API reference), so security groups, VPC endpoint policies and flow logs cannot restrict or ' +
        'record where the captured data it analyses can go. Give it private subnets and security groups, with VPC ' +
        'endpoints for S3 and CloudWatch.',
      bad: 'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  ...\n}',
      good:
        'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  network_config {\n    vpc_config {\n      subnets            = var.private_subnet_ids\n' +
        '      security_group_ids = [aws_security_group.monitoring.id]\n    }\n  }\n  ...\n}',
    },
    fix: { title: 'Add a VPC configuration with placeholder subnet and security group IDs', safety: 'unsafe', placeholders: [PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId] },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: MONITORING_JOBS.map((n) => ({ type: n.type, key: [...n.within, n.network, n.vpc], fix: vpcFix(n) })),
      applies: (r) => definesMonitoringJob(r, monitoringNames(r)!),
      absent: (r, key) => `${monitoringNames(r)!.kind} job \`${r.name}\` has no \`${key}\`: its containers run outside your VPC`,
      fixTitle: ([key]) => `Add \`${key}\` (fill in the subnet and security group IDs)`,
    });
  },
};

function vpcFix(names: MonitoringJobNames): FixValue {
  const body = { [names.subnets]: [SUBNET_PLACEHOLDER], [names.securityGroups]: [SECURITY_GROUP_PLACEHOLDER] };
  return names.type.startsWith('aws_') ? new Block(body) : body;
}
