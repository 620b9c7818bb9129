import { ruleTester } from '../ruleTester';

const tfNotebook = (extra: string) =>
  'resource "aws_sagemaker_notebook_instance" "research" {\n  name                   = "research"\n  role_arn               = aws_iam_role.notebook.arn\n' +
  '  instance_type          = "ml.t3.medium"\n  subnet_id              = var.private_subnet_id\n  security_groups        = [aws_security_group.notebook.id]\n' +
  `  direct_internet_access = "Disabled"\n${extra}}\n`;
const cfnNotebook = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ResearchNotebook:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n' +
  '      InstanceType: ml.t3.medium\n      RoleArn: !GetAtt NotebookRole.Arn\n      SubnetId: !Ref PrivateSubnet\n      DirectInternetAccess: Disabled\n' +
  extra;

ruleTester('sagemaker-notebook-root-access', {
  valid: [
    { filename: 'notebook.tf', code: tfNotebook('  root_access            = "Disabled"\n') },
    { name: 'value from a variable', filename: 'notebook.tf', code: tfNotebook('  root_access            = var.root_access\n') },
    { filename: 'notebook.yaml', code: cfnNotebook('      RootAccess: Disabled\n') },
    { name: 'Fn::If', filename: 'notebook.yaml', code: cfnNotebook('      RootAccess: !If [IsSandbox, Enabled, Disabled]\n') },
    {
      filename: 'notebook.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium", "RootAccess": "Disabled"}}}}\n',
    },
  ],
  invalid: [
    {
      name: 'left out: AWS enables root access',
      filename: 'notebook.tf',
      code: tfNotebook(''),
      errors: [{ line: 1, column: 44, message: /`research` does not set `root_access`, so AWS gives its users root access/ }],
      output: 'resource "aws_sagemaker_notebook_instance" "research" {\n  name                   = "research"\n  role_arn               = aws_iam_role.notebook.arn\n  instance_type          = "ml.t3.medium"\n  subnet_id              = var.private_subnet_id\n  security_groups        = [aws_security_group.notebook.id]\n  direct_internet_access = "Disabled"\n  root_access            = "Disabled"\n}\n',
    },
    {
      filename: 'notebook.tf',
      code: tfNotebook('  root_access            = "Enabled"\n'),
      errors: [{ line: 8, column: 28, message: /gives its users root access/ }],
      output: tfNotebook('  root_access            = "Disabled"\n'),
    },
    {
      name: 'count resource',
      filename: 'notebook.tf',
      code: 'resource "aws_sagemaker_notebook_instance" "scratch" {\n  count         = length(var.scientists)\n  name          = "scratch-${count.index}"\n  role_arn      = var.role_arn\n  instance_type = "ml.t3.medium"\n}\n',
      errors: [{ line: 1, column: 44 }],
      output:
        'resource "aws_sagemaker_notebook_instance" "scratch" {\n  count         = length(var.scientists)\n  name          = "scratch-${count.index}"\n  role_arn      = var.role_arn\n  instance_type = "ml.t3.medium"\n  root_access   = "Disabled"\n}\n',
    },
    {
      filename: 'notebook.yaml',
      code: cfnNotebook(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnNotebook('      RootAccess: Disabled\n'),
    },
    {
      filename: 'notebook.yaml',
      code: cfnNotebook('      RootAccess: "Enabled"\n'),
      errors: [{ line: 10, column: 19 }],
      output: cfnNotebook('      RootAccess: Disabled\n'),
    },
    {
      filename: 'notebook.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium"}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium", "RootAccess": "Disabled"}}}}\n',
    },
  ],
});
