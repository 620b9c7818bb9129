import { ruleTester } from '../ruleTester';

ruleTester('sagemaker-notebook-direct-internet', {
  valid: [
    { filename: 'nb.tf', code: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  subnet_id = var.subnet\n  direct_internet_access = "Disabled"\n}\n' },
    { filename: 'nb.tf', code: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  direct_internet_access = var.internet\n}\n', name: 'value from a variable' },
    { filename: 'nb.yaml', code: 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      DirectInternetAccess: Disabled\n' },
    { filename: 'nb.yaml', code: 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      DirectInternetAccess: !Ref InternetAccess\n' },
  ],
  invalid: [
    {
      name: 'absent means Enabled',
      filename: 'nb.tf',
      code: 'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  instance_type = "ml.t3.medium"\n}\n',
      errors: [{ line: 1, column: 44, message: /does not set `direct_internet_access`/ }],
      output: 'resource "aws_sagemaker_notebook_instance" "research" {\n  name                   = "research"\n  instance_type          = "ml.t3.medium"\n  direct_internet_access = "Disabled"\n}\n',
    },
    {
      name: 'empty one-line block',
      filename: 'nb.tf',
      code: 'resource "aws_sagemaker_notebook_instance" "x" {}\n',
      errors: [{ line: 1 }],
      output: 'resource "aws_sagemaker_notebook_instance" "x" {\n  direct_internet_access = "Disabled"\n}\n',
    },
    {
      filename: 'nb.tf',
      code: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  direct_internet_access = "Enabled"\n}\n',
      errors: [{ line: 2, column: 28, message: /enabled/ }],
      output: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  direct_internet_access = "Disabled"\n}\n',
    },
    {
      filename: 'nb.yaml',
      code: 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      DirectInternetAccess: Enabled # for pip\n',
      errors: [{ line: 6, column: 29 }],
      output: 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      DirectInternetAccess: Disabled # for pip\n',
    },
    {
      filename: 'nb.yaml',
      code: 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      RoleArn: !GetAtt Role.Arn\n\n  Other:\n    Type: AWS::S3::Bucket\n',
      errors: [{ line: 2, column: 3 }],
      output: 'Resources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      RoleArn: !GetAtt Role.Arn\n      DirectInternetAccess: Disabled\n\n  Other:\n    Type: AWS::S3::Bucket\n',
    },
  ],
});

ruleTester('sagemaker-notebook-direct-internet', {
  valid: [{ filename: 'stack.ts', code: 'import * as sm from "aws-cdk-lib/aws-sagemaker";\nnew sm.CfnNotebookInstance(this, "NB", { instanceType: "ml.t3.medium", roleArn: r, subnetId: s, directInternetAccess: "Disabled" });\n' }],
  invalid: [
    {
      filename: 'stack.ts',
      code: 'import * as sm from "aws-cdk-lib/aws-sagemaker";\nnew sm.CfnNotebookInstance(this, "NB", { instanceType: "ml.t3.medium", roleArn: r });\n',
      errors: [{ line: 2, column: 34, message: /does not set `directInternetAccess`/ }],
      output: 'import * as sm from "aws-cdk-lib/aws-sagemaker";\nnew sm.CfnNotebookInstance(this, "NB", { instanceType: "ml.t3.medium", roleArn: r, directInternetAccess: "Disabled" });\n',
    },
  ],
});
