import { ruleTester } from '../ruleTester';

const tfNotebook = (extra: string) =>
  'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  role_arn      = aws_iam_role.notebook.arn\n' +
  `  instance_type = "ml.t3.medium"\n${extra}}\n`;
const cfnNotebook = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ResearchNotebook:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n' +
  '      InstanceType: ml.t3.medium\n      RoleArn: !GetAtt NotebookRole.Arn\n' +
  extra;

ruleTester('sagemaker-notebook-without-vpc', {
  valid: [
    {
      filename: 'notebook.tf',
      code: tfNotebook('  subnet_id     = aws_subnet.private_a.id\n  security_groups = [aws_security_group.notebook.id]\n  direct_internet_access = "Disabled"\n'),
    },
    { name: 'subnet from a variable', filename: 'notebook.tf', code: tfNotebook('  subnet_id     = var.subnet_id\n') },
    { filename: 'notebook.yaml', code: cfnNotebook('      SubnetId: !Ref PrivateSubnet\n      SecurityGroupIds:\n        - !Ref NotebookSecurityGroup\n') },
    { name: 'Fn::If', filename: 'notebook.yaml', code: cfnNotebook('      SubnetId: !If [UseVpc, !Ref PrivateSubnet, !Ref AWS::NoValue]\n') },
    {
      filename: 'notebook.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"SubnetId": {"Ref": "Subnet"}, "SecurityGroupIds": [{"Ref": "Sg"}]}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'notebook.tf',
      code: tfNotebook(''),
      errors: [{ line: 1, column: 44, message: /`research` has no `subnet_id`: it runs outside your VPC/ }],
      output: 'resource "aws_sagemaker_notebook_instance" "research" {\n  name            = "research"\n  role_arn        = aws_iam_role.notebook.arn\n  instance_type   = "ml.t3.medium"\n  subnet_id       = "<subnet-id>"\n  security_groups = ["<security-group-id>"]\n}\n',
    },
    {
      name: 'security groups already listed',
      filename: 'notebook.tf',
      code: tfNotebook('  security_groups = var.notebook_security_group_ids\n'),
      errors: [{ line: 1, column: 44 }],
      output: tfNotebook('  security_groups = var.notebook_security_group_ids\n  subnet_id = "<subnet-id>"\n'),
    },
    {
      filename: 'notebook.yaml',
      code: cfnNotebook('      DirectInternetAccess: Enabled\n'),
      errors: [{ line: 3, column: 3, message: /has no `SubnetId`/ }],
      output: cfnNotebook('      DirectInternetAccess: Enabled\n      SubnetId: <subnet-id>\n      SecurityGroupIds:\n        - <security-group-id>\n'),
    },
    {
      filename: 'notebook.yaml',
      code: cfnNotebook('      SubnetId: ""\n      SecurityGroupIds: [!Ref Sg]\n'),
      errors: [{ line: 8, column: 17 }],
      output: cfnNotebook('      SubnetId: <subnet-id>\n      SecurityGroupIds: [!Ref Sg]\n'),
    },
    {
      filename: 'notebook.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium"}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NB": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"InstanceType": "ml.t3.medium", "SubnetId": "<subnet-id>", "SecurityGroupIds": ["<security-group-id>"]}}}}\n',
    },
  ],
});
