import { ruleTester } from '../ruleTester';

const tf = (extra: string) =>
  'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  role_arn      = aws_iam_role.notebook.arn\n' +
  `  instance_type = "ml.t3.medium"\n${extra}}\n`;
const imds = (version: string) => `  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = ${version}\n  }\n`;
const cfn = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ResearchNotebook:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n' +
  `      InstanceType: ml.t3.medium\n      RoleArn: !GetAtt NotebookRole.Arn\n${extra}`;
const cfnImds = (version: string) => `      InstanceMetadataServiceConfiguration:\n        MinimumInstanceMetadataServiceVersion: ${version}\n`;
const cdk = (extra: string) =>
  `import * as sagemaker from "aws-cdk-lib/aws-sagemaker";\nnew sagemaker.CfnNotebookInstance(this, "Research", { instanceType: "ml.t3.medium", roleArn: role.attrArn${extra} });\n`;

ruleTester('sagemaker-notebook-imdsv1', {
  valid: [
    { filename: 'notebook.tf', code: tf(imds('"2"')) },
    { name: 'a number', filename: 'notebook.tf', code: tf(imds('2')) },
    { name: 'from a variable', filename: 'notebook.tf', code: tf(imds('var.imds_version')) },
    { name: 'a dynamic block', filename: 'notebook.tf', code: tf('  dynamic "instance_metadata_service_configuration" {\n    for_each = var.imds\n    content {\n      minimum_instance_metadata_service_version = "1"\n    }\n  }\n') },
    { filename: 'notebook.yaml', code: cfn(cfnImds('"2"')) },
    { name: 'Fn::If', filename: 'notebook.yaml', code: cfn('      InstanceMetadataServiceConfiguration: !If [Legacy, !Ref Imds, !Ref AWS::NoValue]\n') },
    {
      filename: 'notebook.json',
      code: '{"Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium", "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": "2"}}}}}\n',
    },
    { filename: 'stack.ts', code: cdk(', instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }') },
  ],
  invalid: [
    {
      name: 'left out: AWS allows IMDSv1',
      filename: 'notebook.tf',
      code: tf(''),
      errors: [{ line: 1, column: 44, message: /`research` does not set `instance_metadata_service_configuration.minimum_instance_metadata_service_version`/ }],
      output: tf('  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n'),
    },
    { filename: 'notebook.tf', code: tf(imds('"1"')), errors: [{ line: 6, column: 49, message: /allows IMDSv1/ }], output: tf(imds('"2"')) },
    {
      name: 'an empty configuration block',
      filename: 'notebook.tf',
      code: tf('  instance_metadata_service_configuration {\n  }\n'),
      errors: [{ line: 5, column: 3 }],
      output: tf('  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n'),
    },
    {
      filename: 'notebook.yaml',
      code: cfn(''),
      errors: [{ line: 3, column: 3, message: /does not set `InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion`/ }],
      output: cfn(cfnImds('"2"')),
    },
    { filename: 'notebook.yaml', code: cfn(cfnImds('"1"')), errors: [{ line: 9, column: 48 }], output: cfn(cfnImds('"2"')) },
    {
      filename: 'notebook.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium"}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium", "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": "2"}}}}}\n',
    },
    {
      filename: 'stack.ts',
      code: cdk(''),
      errors: [{ line: 2, column: 41, message: /does not set `instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion`/ }],
      output: cdk(', instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }'),
    },
    {
      filename: 'stack.ts',
      code: cdk(', instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "1" }'),
      errors: [{ line: 2, column: 187 }],
      output: cdk(', instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }'),
    },
  ],
});
