import { ruleTester } from '../ruleTester';

const py = 'app.py';
const header = 'import boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const cfnEndpointConfig = (capture: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ChatConfig:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n' +
  '      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n' +
  '      ProductionVariants:\n        - VariantName: main\n          ModelName: chat\n          InstanceType: ml.m5.large\n          InitialInstanceCount: 2\n' +
  `      DataCaptureConfig:\n        EnableCapture: true\n        InitialSamplingPercentage: 100\n        DestinationS3Uri: ${capture}\n` +
  '        CaptureOptions:\n          - CaptureMode: Input\n';

ruleTester('placeholder-not-filled-in', {
  valid: [
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": "gr-4f1b2c", "guardrailVersion": "3"})\n', name: 'guardrail ID filled in' },
    { filename: py, code: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": "3"})\n' },
    { filename: py, code: 'import argparse\nparser = argparse.ArgumentParser(usage="deploy <version> <kms-key-arn>")\nprint("<guardrail-id> goes here")\n', name: 'text that mentions a placeholder is no setting' },
    { filename: 'notebook.tf', code: 'resource "aws_sagemaker_notebook_instance" "n" {\n  name = "n"\n  kms_key_id = aws_kms_key.k.arn\n}\n' },
    {
      name: 'a test that checks what the fix writes',
      filename: 'test_fixes.py',
      code: 'import pytest\n' + header + 'def test_fix():\n    bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "1"})\n',
    },
    { filename: 'capture.yaml', code: cfnEndpointConfig('s3://ml-capture-111122223333/chat'), name: 'capture bucket filled in' },
    { filename: 'train.py', code: 'from sagemaker.estimator import Estimator\nEstimator(image_uri="111122223333.dkr.ecr.us-east-1.amazonaws.com/train:1.4.2", role=r)\n' },
    {
      filename: 'chat.ts',
      code: 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nnew ConverseCommand({ modelId, messages, guardrailConfig: { guardrailIdentifier: process.env.GUARDRAIL_ID, guardrailVersion: "2" } });\n',
    },
  ],
  invalid: [
    {
      name: 'guardrail ID left as the fix wrote it (Python)',
      filename: py,
      code: header + 'bedrock.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})\n',
      errors: [{ line: 3, column: 81, severity: 'error', message: /placeholder `<guardrail-id>` in `guardrailIdentifier` is not filled in/ }],
      output: null,
    },
    {
      name: 'guardrail ID through a constant',
      filename: py,
      code: header + 'GUARDRAIL = "<guardrail-id>"\nbedrock.invoke_model(modelId=M, body=b, guardrailIdentifier=GUARDRAIL, guardrailVersion="1")\n',
      errors: [{ line: 3, column: 13 }],
    },
    {
      name: 'guardrail ID left as the fix wrote it (TypeScript)',
      filename: 'chat.ts',
      code: 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\nnew ConverseCommand({ modelId, messages, guardrailConfig: { guardrailIdentifier: "<guardrail-id>", guardrailVersion: "DRAFT" } });\n',
      errors: [{ line: 2, column: 82 }],
    },
    {
      name: 'KMS key placeholder in Terraform',
      filename: 'notebook.tf',
      code: 'resource "aws_sagemaker_notebook_instance" "n" {\n  name = "n"\n  kms_key_id = "<kms-key-arn>"\n}\n',
      errors: [{ line: 3, column: 16, message: /`kms_key_id`/ }],
    },
    {
      name: 'capture bucket placeholder in CloudFormation, with a path the user changed',
      filename: 'capture.yaml',
      code: cfnEndpointConfig('s3://<bucket>/chat-capture'),
      errors: [{ line: 15, column: 27, message: /`<bucket>` in `DestinationS3Uri`/ }],
    },
    {
      name: 'subnet and security group placeholders in the SageMaker Python SDK',
      filename: 'train.py',
      code: 'from sagemaker.estimator import Estimator\nEstimator(image_uri=IMAGE, role=r, subnets=["<subnet-id>"], security_group_ids=["<security-group-id>"])\n',
      errors: [{ line: 2, column: 45 }, { line: 2, column: 81 }],
    },
    {
      name: 'image tag placeholder',
      filename: 'train.py',
      code: 'from sagemaker.estimator import Estimator\nEstimator(image_uri="111122223333.dkr.ecr.us-east-1.amazonaws.com/train:<version>", role=r)\n',
      errors: [{ line: 2, column: 21, message: /`<version>` in `image_uri`/ }],
    },
  ],
});
