import { ruleTester } from '../ruleTester';
import { awsccJob, cdkJob, cfnJob, tfJob } from './monitoringFixtures';

const KEY = 'aws_kms_key.monitoring.arn';
const CFN_KEY = '!GetAtt MonitoringKey.Arn';

ruleTester('sagemaker-monitoring-job-without-kms-key', {
  valid: [
    { filename: 'monitor.tf', code: tfJob({ outputKey: KEY, volumeKey: KEY }) },
    { name: 'keys from variables', filename: 'monitor.tf', code: tfJob({ outputKey: 'var.kms_key_arn', volumeKey: 'var.kms_key_arn' }) },
    { name: 'local NVMe storage takes no volume key', filename: 'monitor.tf', code: tfJob({ outputKey: KEY, instanceType: 'ml.m5d.xlarge' }) },
    { filename: 'bias.yaml', code: cfnJob({ outputKey: CFN_KEY, volumeKey: CFN_KEY }) },
    { filename: 'shap.tf', code: awsccJob({ outputKey: 'awscc_kms_key.monitoring.arn', volumeKey: 'awscc_kms_key.monitoring.arn' }) },
    { filename: 'stack.ts', code: cdkJob({ outputKey: 'key.keyArn', volumeKey: 'key.keyArn' }) },
    {
      name: 'a schedule that names its job definition is judged there',
      filename: 'schedule.yaml',
      code:
        'Resources:\n  Schedule:\n    Type: AWS::SageMaker::MonitoringSchedule\n    Properties:\n      MonitoringScheduleName: drift\n      MonitoringScheduleConfig:\n' +
        '        MonitoringJobDefinitionName: !GetAtt BiasMonitor.JobDefinitionName\n        MonitoringType: ModelBias\n',
    },
  ],
  invalid: [
    {
      name: 'Terraform: neither key, each added where it belongs',
      filename: 'monitor.tf',
      code: tfJob({}),
      errors: [
        { line: 12, column: 3, message: /data-quality job `drift` has no `data_quality_job_output_config.kms_key_id`: the reports it writes to S3/ },
        { line: 20, column: 5, message: /has no `job_resources.cluster_config.volume_kms_key_id`: the captured data on its processing volume/ },
      ],
      output: tfJob({ volumeKey: '"<kms-key-arn>"' }).replace('      }\n    }\n  }\n  job_resources', '      }\n    }\n    kms_key_id = "<kms-key-arn>"\n  }\n  job_resources'),
    },
    {
      name: 'CloudFormation: an empty output key',
      filename: 'bias.yaml',
      code: cfnJob({ outputKey: '""', volumeKey: CFN_KEY }),
      errors: [{ line: 15, column: 19, message: /`BiasMonitor` sets an empty `ModelBiasJobOutputConfig.KmsKeyId`/ }],
      output: cfnJob({ outputKey: '<kms-key-arn>', volumeKey: CFN_KEY }),
    },
    {
      name: 'CloudFormation: no volume key',
      filename: 'bias.yaml',
      code: cfnJob({ outputKey: CFN_KEY }),
      errors: [{ line: 21, column: 9, message: /model-bias job `BiasMonitor` has no `JobResources.ClusterConfig.VolumeKmsKeyId`/ }],
      output: cfnJob({ outputKey: CFN_KEY, volumeKey: '<kms-key-arn>' }),
    },
    {
      name: 'awscc: reported, but nested HCL objects have no place to insert into',
      filename: 'shap.tf',
      code: awsccJob({}),
      errors: [
        { line: 13, column: 3, message: /model-explainability job `shap` has no `model_explainability_job_output_config.kms_key_id`/ },
        { line: 17, column: 5, message: /has no `job_resources.cluster_config.volume_kms_key_id`/ },
      ],
      output: null,
    },
    {
      name: 'CDK',
      filename: 'stack.ts',
      code: cdkJob({ volumeKey: 'key.keyArn' }),
      errors: [{ line: 6, column: 3, message: /model-quality job `Quality` has no `modelQualityJobOutputConfig.kmsKeyId`/ }],
      output: cdkJob({ volumeKey: 'key.keyArn' }).replace('monitoringOutputs: [{ s3Output: { s3Uri: out, localPath: "/opt/ml/processing/output" } }] }', 'monitoringOutputs: [{ s3Output: { s3Uri: out, localPath: "/opt/ml/processing/output" } }], kmsKeyId: "<kms-key-arn>" }'),
    },
    {
      name: 'a schedule that defines its job inline',
      filename: 'schedule.yaml',
      code:
        'Resources:\n  Schedule:\n    Type: AWS::SageMaker::MonitoringSchedule\n    Properties:\n      MonitoringScheduleName: drift\n      MonitoringScheduleConfig:\n' +
        '        MonitoringJobDefinition:\n          RoleArn: !GetAtt MonitorRole.Arn\n          MonitoringAppSpecification:\n            ImageUri: !Ref Image\n' +
        '          MonitoringInputs:\n            - EndpointInput:\n                EndpointName: chat\n                LocalPath: /opt/ml/processing/input\n' +
        '          MonitoringOutputConfig:\n            KmsKeyId: !Ref Key\n            MonitoringOutputs: []\n' +
        '          MonitoringResources:\n            ClusterConfig:\n              InstanceCount: 1\n              InstanceType: ml.m5.large\n              VolumeSizeInGB: 20\n',
      errors: [{ line: 19, column: 13, message: /monitoring job `Schedule` has no `MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringResources.ClusterConfig.VolumeKmsKeyId`/ }],
    },
  ],
});
