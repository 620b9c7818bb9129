import { ruleTester } from '../ruleTester';

const tfVariant = '  production_variants {\n    variant_name           = "main"\n    model_name             = aws_sagemaker_model.m.name\n    instance_type          = "ml.m5.large"\n    initial_instance_count = 1\n  }\n';

ruleTester('sagemaker-endpoint-without-data-capture', {
  valid: [
    {
      filename: 'main.tf',
      code:
        'resource "aws_sagemaker_endpoint_configuration" "ok" {\n' + tfVariant +
        '  data_capture_config {\n    enable_capture = true\n    initial_sampling_percentage = 100\n    destination_s3_uri = "s3://b/c"\n    capture_options { capture_mode = "Input" }\n  }\n}\n',
    },
    { name: 'dynamic data_capture_config block', filename: 'main.tf', code: 'resource "aws_sagemaker_endpoint_configuration" "d" {\n' + tfVariant + '  dynamic "data_capture_config" {\n    for_each = var.capture\n    content {}\n  }\n}\n' },
    { name: 'serverless variants cannot capture', filename: 'main.tf', code: 'resource "aws_sagemaker_endpoint_configuration" "s" {\n  production_variants {\n    model_name = "m"\n    serverless_config {\n      max_concurrency = 2\n      memory_size_in_mb = 2048\n    }\n  }\n}\n' },
    { name: 'enable_capture from a variable', filename: 'main.tf', code: 'resource "aws_sagemaker_endpoint_configuration" "v" {\n' + tfVariant + '  data_capture_config {\n    enable_capture = var.capture\n  }\n}\n' },
    {
      filename: 'template.yaml',
      code: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Config:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      ProductionVariants:\n        - ModelName: !GetAtt Model.ModelName\n          VariantName: main\n      DataCaptureConfig:\n        EnableCapture: true\n        InitialSamplingPercentage: 100\n        DestinationS3Uri: !Sub "s3://${Bucket}/capture"\n        CaptureOptions:\n          - CaptureMode: Input\n',
    },
    { name: 'capture config from a condition', filename: 't.yaml', code: 'Resources:\n  Config:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      ProductionVariants: []\n      DataCaptureConfig: !If [Capture, {EnableCapture: true}, !Ref AWS::NoValue]\n' },
    { name: 'serverless SDK deploy', filename: 'deploy.py', code: 'import sagemaker\nfrom sagemaker.serverless import ServerlessInferenceConfig\nmodel.deploy(serverless_inference_config=ServerlessInferenceConfig())\n' },
    { filename: 'deploy.py', code: 'from sagemaker.model_monitor import DataCaptureConfig\nmodel.deploy(initial_instance_count=1, instance_type="ml.m5.large", data_capture_config=DataCaptureConfig(enable_capture=True, destination_s3_uri=u))\n' },
    { name: 'local mode endpoint', filename: 'deploy.py', code: 'import sagemaker\npredictor = model.deploy(initial_instance_count=1, instance_type="local")\n' },
    { name: 'deploy in a file that does not use SageMaker', filename: 'ci.py', code: 'import fabric\nsite.deploy(instance_type="web")\n' },
    { name: 'a YAML file that is not a template', filename: 'values.yaml', code: 'Resources:\n  Config:\n    Kind: EndpointConfig\n' },
  ],
  invalid: [
    {
      filename: 'main.tf',
      code: 'resource "aws_sagemaker_endpoint_configuration" "chat" {\n  name = "chat"\n' + tfVariant + '}\n',
      errors: [{ line: 1, column: 49, message: /`chat` has no `data_capture_config`/ }],
      output:
        'resource "aws_sagemaker_endpoint_configuration" "chat" {\n  name = "chat"\n' + tfVariant.trimEnd() + '\n' +
        '  data_capture_config {\n    enable_capture              = true\n    initial_sampling_percentage = 100\n    destination_s3_uri          = "s3://<bucket>/data-capture"\n' +
        '    capture_options {\n      capture_mode = "Input"\n    }\n    capture_options {\n      capture_mode = "Output"\n    }\n  }\n}\n',
    },
    {
      name: 'capture turned off',
      filename: 'main.tf',
      code: 'resource "aws_sagemaker_endpoint_configuration" "off" {\n' + tfVariant + '  data_capture_config {\n    enable_capture = false\n    destination_s3_uri = "s3://b"\n  }\n}\n',
      errors: [{ line: 9, column: 5, message: /turns data capture off/ }],
      output: 'resource "aws_sagemaker_endpoint_configuration" "off" {\n' + tfVariant + '  data_capture_config {\n    enable_capture = true\n    destination_s3_uri = "s3://b"\n  }\n}\n',
    },
    {
      filename: 'template.yaml',
      code: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Config:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      ProductionVariants:\n        - ModelName: !GetAtt Model.ModelName\n          VariantName: main\n          InstanceType: ml.m5.large\n',
      errors: [{ line: 3, column: 3, message: /`Config` has no `DataCaptureConfig`/ }],
      output:
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Config:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      ProductionVariants:\n        - ModelName: !GetAtt Model.ModelName\n          VariantName: main\n          InstanceType: ml.m5.large\n' +
        '      DataCaptureConfig:\n        EnableCapture: true\n        InitialSamplingPercentage: 100\n        DestinationS3Uri: s3://<bucket>/data-capture\n        CaptureOptions:\n          - CaptureMode: Input\n          - CaptureMode: Output\n',
    },
    {
      filename: 'template.json',
      code: '{\n  "Resources": {\n    "Config": {\n      "Type": "AWS::SageMaker::EndpointConfig",\n      "Properties": {\n        "ProductionVariants": [{"ModelName": {"Ref": "Model"}, "VariantName": "main"}]\n      }\n    }\n  }\n}\n',
      errors: [{ line: 3, column: 5 }],
      output:
        '{\n  "Resources": {\n    "Config": {\n      "Type": "AWS::SageMaker::EndpointConfig",\n      "Properties": {\n        "ProductionVariants": [{"ModelName": {"Ref": "Model"}, "VariantName": "main"}],\n' +
        '        "DataCaptureConfig": {\n          "EnableCapture": true,\n          "InitialSamplingPercentage": 100,\n          "DestinationS3Uri": "s3://<bucket>/data-capture",\n          "CaptureOptions": [\n            {\n              "CaptureMode": "Input"\n            },\n            {\n              "CaptureMode": "Output"\n            }\n          ]\n        }\n      }\n    }\n  }\n}\n',
    },
    {
      filename: 'deploy.py',
      code: '"""Deploys the model."""\nimport sagemaker\nfrom sagemaker.pytorch import PyTorchModel\n\npredictor = model.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge")\n',
      errors: [{ line: 5, column: 19 }],
      output:
        '"""Deploys the model."""\nimport sagemaker\nfrom sagemaker.pytorch import PyTorchModel\nfrom sagemaker.model_monitor import DataCaptureConfig\n\n' +
        'predictor = model.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge", data_capture_config=DataCaptureConfig(enable_capture=True, sampling_percentage=100, destination_s3_uri="s3://<bucket>/data-capture"))\n',
    },
    {
      name: 'asynchronous endpoint (SageMaker captures their data too)',
      filename: 'deploy.py',
      code: 'import sagemaker\nfrom sagemaker.model_monitor import DataCaptureConfig\n\npredictor = model.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge", async_inference_config=AsyncInferenceConfig(output_path=o))\n',
      errors: [{ line: 4, column: 19 }],
      output:
        'import sagemaker\nfrom sagemaker.model_monitor import DataCaptureConfig\n\n' +
        'predictor = model.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge", async_inference_config=AsyncInferenceConfig(output_path=o), data_capture_config=DataCaptureConfig(enable_capture=True, sampling_percentage=100, destination_s3_uri="s3://<bucket>/data-capture"))\n',
    },
    {
      name: 'count and instance type given by position',
      filename: 'deploy.py',
      code: 'import sagemaker\nfrom sagemaker.model_monitor import DataCaptureConfig as Capture\n\npredictor = estimator.deploy(1, "ml.m5.xlarge")\n',
      errors: [{ line: 4, column: 23 }],
      output:
        'import sagemaker\nfrom sagemaker.model_monitor import DataCaptureConfig as Capture\n\n' +
        'predictor = estimator.deploy(1, "ml.m5.xlarge", data_capture_config=Capture(enable_capture=True, sampling_percentage=100, destination_s3_uri="s3://<bucket>/data-capture"))\n',
    },
  ],
});

const cdk = 'stack.ts';
const cdkHeader = 'import * as cdk from "aws-cdk-lib";\nimport { aws_sagemaker as sagemaker } from "aws-cdk-lib";\n';

ruleTester('sagemaker-endpoint-without-data-capture', {
  valid: [
    {
      filename: cdk,
      code: cdkHeader + 'new sagemaker.CfnEndpointConfig(this, "Cfg", {\n  productionVariants: [{ modelName: model.attrModelName, variantName: "main", initialInstanceCount: 2, instanceType: "ml.m5.large" }],\n  dataCaptureConfig: { enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri: uri, captureOptions: [{ captureMode: "Input" }] },\n});\n',
    },
    { name: 'props built elsewhere', filename: cdk, code: cdkHeader + 'new sagemaker.CfnEndpointConfig(this, "Cfg", props);\n' },
  ],
  invalid: [
    {
      filename: cdk,
      code: cdkHeader + 'new sagemaker.CfnEndpointConfig(this, "Cfg", {\n  productionVariants: [{ modelName: "m", variantName: "main", initialInstanceCount: 1, instanceType: "ml.m5.large" }],\n});\n',
      errors: [{ line: 3, column: 39, message: /`Cfg` has no `dataCaptureConfig`/ }],
      output:
        cdkHeader +
        'new sagemaker.CfnEndpointConfig(this, "Cfg", {\n  productionVariants: [{ modelName: "m", variantName: "main", initialInstanceCount: 1, instanceType: "ml.m5.large" }],\n' +
        '  dataCaptureConfig: { enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri: "s3://<bucket>/data-capture", captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }] },\n});\n',
    },
    {
      name: 'module import style and capture off',
      filename: cdk,
      code: 'import { CfnEndpointConfig } from "aws-cdk-lib/aws-sagemaker";\nnew CfnEndpointConfig(this, "Cfg", { productionVariants: [], dataCaptureConfig: { enableCapture: false, destinationS3Uri: u, captureOptions: [] } });\n',
      errors: [{ line: 2, message: /turns data capture off/ }],
      output: 'import { CfnEndpointConfig } from "aws-cdk-lib/aws-sagemaker";\nnew CfnEndpointConfig(this, "Cfg", { productionVariants: [], dataCaptureConfig: { enableCapture: true, destinationS3Uri: u, captureOptions: [] } });\n',
    },
  ],
});
