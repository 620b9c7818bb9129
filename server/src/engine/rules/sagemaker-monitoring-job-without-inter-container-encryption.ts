import { definesMonitoringJob, MONITORING_JOBS, monitoringCluster, monitoringNames } from '../apis/monitoring';
import { isFalse } from '../values';
import type { ResourceFact } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkSetting } from './support/settings';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-monitoring-job-without-inter-container-encryption',
    title: 'SageMaker Model Monitor job without inter-container traffic encryption',
    practices: ['MLSEC04-BP02', 'RAIMON01-BP03'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript'],
    docs: {
      description:
        'Model Monitor jobs that run on more than one instance exchange the captured requests and predictions between ' +
        'their containers. `NetworkConfig.EnableInterContainerTrafficEncryption` defaults to false (MonitoringNetworkConfig ' +
        'in the SageMaker API reference), so that traffic is not encrypted unless you turn it on. The check reports it ' +
        'left out or false on every job definition, as Checkov does; when the job is known to run on one instance the ' +
        'message says so, and the setting then matters once the job scales out. Encryption can lengthen the job.',
      bad: 'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  ...\n}',
      good: 'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  network_config {\n    enable_inter_container_traffic_encryption = true\n  }\n  ...\n}',
    },
    fix: { title: 'Turn inter-container traffic encryption on', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkSetting(context, {
      targets: MONITORING_JOBS.map((n) => ({ type: n.type, key: [...n.within, n.network, n.encryption], fix: true })),
      applies: (r) => definesMonitoringJob(r, monitoringNames(r)!),
      isUnsafe: isFalse,
      absent: (r, key) => `${describe(r)} does not set \`${key}\`, so traffic between its instances is not encrypted${oneInstance(r)}`,
      unsafe: (r) => `${describe(r)} turns inter-container traffic encryption off${oneInstance(r)}`,
      fixTitle: ([key]) => `Set \`${key}\` to true (the job may take longer)`,
    });
  },
};

function describe(resource: ResourceFact): string {
  return `${monitoringNames(resource)!.kind} job \`${resource.name}\``;
}

function oneInstance(resource: ResourceFact): string {
  const { instanceCount } = monitoringCluster(resource, monitoringNames(resource)!);
  return instanceCount === 1 ? ' (it runs on one instance now: this matters once it runs on more)' : '';
}
