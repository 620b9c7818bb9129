// Model Monitor job definitions in every language the monitoring-job rules read, built up from their parts so each
// table can leave out or set the one setting it is about.

export interface JobParts {
  outputKey?: string;
  volumeKey?: string;
  network?: string;
  instances?: number;
  instanceType?: string;
}

/** Terraform aws provider: blocks. `network` is the body of `network_config` (or undefined to leave it out). */
export function tfJob(parts: JobParts): string {
  const output = parts.outputKey ? `    kms_key_id = ${parts.outputKey}\n` : '';
  const volume = parts.volumeKey ? `      volume_kms_key_id = ${parts.volumeKey}\n` : '';
  const network = parts.network !== undefined ? `  network_config {\n${parts.network}  }\n` : '';
  return (
    'resource "aws_sagemaker_data_quality_job_definition" "drift" {\n  name     = "chat-drift"\n  role_arn = aws_iam_role.monitor.arn\n' +
    '  data_quality_app_specification {\n    image_uri = data.aws_sagemaker_prebuilt_ecr_image.monitor.registry_path\n  }\n' +
    '  data_quality_job_input {\n    endpoint_input {\n      endpoint_name = aws_sagemaker_endpoint.chat.name\n    }\n  }\n' +
    `  data_quality_job_output_config {\n${output}    monitoring_outputs {\n      s3_output {\n        s3_uri = "s3://\${aws_s3_bucket.monitor.bucket}/drift"\n      }\n    }\n  }\n` +
    `  job_resources {\n    cluster_config {\n      instance_count    = ${parts.instances ?? 1}\n      instance_type     = "${parts.instanceType ?? 'ml.m5.xlarge'}"\n      volume_size_in_gb = 20\n${volume}    }\n  }\n` +
    `${network}}\n`
  );
}

/** CloudFormation YAML (a model-bias job definition). `network` is the YAML under `NetworkConfig:`. */
export function cfnJob(parts: JobParts): string {
  const output = parts.outputKey ? `        KmsKeyId: ${parts.outputKey}\n` : '';
  const volume = parts.volumeKey ? `          VolumeKmsKeyId: ${parts.volumeKey}\n` : '';
  const network = parts.network !== undefined ? `      NetworkConfig:\n${parts.network}` : '';
  return (
    'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  BiasMonitor:\n    Type: AWS::SageMaker::ModelBiasJobDefinition\n    Properties:\n' +
    '      RoleArn: !GetAtt MonitorRole.Arn\n      ModelBiasAppSpecification:\n        ImageUri: !Ref ClarifyImage\n        ConfigUri: !Sub "s3://${Bucket}/analysis_config.json"\n' +
    '      ModelBiasJobInput:\n        EndpointInput:\n          EndpointName: !GetAtt Endpoint.EndpointName\n          LocalPath: /opt/ml/processing/input\n' +
    `      ModelBiasJobOutputConfig:\n${output}        MonitoringOutputs:\n          - S3Output:\n              S3Uri: !Sub "s3://\${Bucket}/bias"\n              LocalPath: /opt/ml/processing/output\n` +
    `      JobResources:\n        ClusterConfig:\n          InstanceCount: ${parts.instances ?? 1}\n          InstanceType: ${parts.instanceType ?? 'ml.m5.xlarge'}\n          VolumeSizeInGB: 20\n${volume}` +
    network
  );
}

/** The awscc provider (a model-explainability job definition): nested attributes. */
export function awsccJob(parts: JobParts): string {
  const output = parts.outputKey ? `    kms_key_id = ${parts.outputKey}\n` : '';
  const volume = parts.volumeKey ? `      volume_kms_key_id = ${parts.volumeKey}\n` : '';
  const network = parts.network !== undefined ? `  network_config = {\n${parts.network}  }\n` : '';
  return (
    'resource "awscc_sagemaker_model_explainability_job_definition" "shap" {\n  role_arn = awscc_iam_role.monitor.arn\n' +
    '  model_explainability_app_specification = {\n    image_uri  = var.clarify_image\n    config_uri = "s3://${var.bucket}/analysis_config.json"\n  }\n' +
    '  model_explainability_job_input = {\n    endpoint_input = {\n      endpoint_name = awscc_sagemaker_endpoint.chat.endpoint_name\n      local_path    = "/opt/ml/processing/input"\n    }\n  }\n' +
    `  model_explainability_job_output_config = {\n${output}    monitoring_outputs = [{ s3_output = { s3_uri = "s3://\${var.bucket}/shap", local_path = "/opt/ml/processing/output" } }]\n  }\n` +
    `  job_resources = {\n    cluster_config = {\n      instance_count    = ${parts.instances ?? 1}\n      instance_type     = "ml.m5.xlarge"\n      volume_size_in_gb = 20\n${volume}    }\n  }\n` +
    `${network}}\n`
  );
}

/** CDK L1 (a model-quality job definition). `network` is the object literal's entries for `networkConfig`. */
export function cdkJob(parts: JobParts): string {
  const output = parts.outputKey ? `kmsKeyId: ${parts.outputKey}, ` : '';
  const volume = parts.volumeKey ? `, volumeKmsKeyId: ${parts.volumeKey}` : '';
  const network = parts.network !== undefined ? `,\n  networkConfig: { ${parts.network} }` : '';
  return (
    'import * as sagemaker from "aws-cdk-lib/aws-sagemaker";\n' +
    'new sagemaker.CfnModelQualityJobDefinition(this, "Quality", {\n  roleArn: role.attrArn,\n' +
    '  modelQualityAppSpecification: { imageUri: image, problemType: "BinaryClassification" },\n' +
    '  modelQualityJobInput: { endpointInput: { endpointName: endpoint.attrEndpointName, localPath: "/opt/ml/processing/input" }, groundTruthS3Input: { s3Uri: truth } },\n' +
    `  modelQualityJobOutputConfig: { ${output}monitoringOutputs: [{ s3Output: { s3Uri: out, localPath: "/opt/ml/processing/output" } }] },\n` +
    `  jobResources: { clusterConfig: { instanceCount: ${parts.instances ?? 1}, instanceType: "ml.m5.xlarge", volumeSizeInGb: 20${volume} } }${network},\n});\n`
  );
}
