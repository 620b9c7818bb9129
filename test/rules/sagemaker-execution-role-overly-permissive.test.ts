import { ruleTester } from '../ruleTester';

const TRUST =
  'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "Service"\n      identifiers = ["sagemaker.amazonaws.com"]\n    }\n  }\n}\n';
const role = (extra = '') => `resource "aws_iam_role" "training" {\n  name               = "training"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n${extra}}\n`;
const rolePolicy = (statement: string) =>
  `resource "aws_iam_role_policy" "training" {\n  role = aws_iam_role.training.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [${statement}]\n  })\n}\n`;
const SCOPED = '{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "${aws_s3_bucket.data.arn}/*" }';

const cfnRole = (extra: string, trustAction = 'sts:AssumeRole') =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  TrainingRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n' +
  `        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: sagemaker.amazonaws.com\n            Action: ${trustAction}\n${extra}`;

ruleTester('sagemaker-execution-role-overly-permissive', {
  valid: [
    { name: 'scoped actions', filename: 'iam.tf', code: TRUST + role() + rolePolicy(SCOPED) },
    {
      name: 'a role SageMaker does not use',
      filename: 'iam.tf',
      code:
        'resource "aws_iam_role" "admin" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })\n}\n' +
        'resource "aws_iam_role_policy" "admin" {\n  role   = aws_iam_role.admin.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
    },
    { name: 'actions from a variable', filename: 'iam.tf', code: TRUST + role() + rolePolicy('{ Effect = "Allow", Action = var.actions, Resource = "*" }') },
    { name: 'a policy read from a file', filename: 'iam.tf', code: TRUST + role() + 'resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.training.id\n  policy = file("policy.json")\n}\n' },
    { name: 'sagemaker:* on one resource', filename: 'iam.tf', code: TRUST + role() + rolePolicy('{ Effect = "Allow", Action = "sagemaker:*", Resource = aws_sagemaker_domain.studio.arn }') },
    { name: 'a Deny', filename: 'iam.tf', code: TRUST + role() + rolePolicy('{ Effect = "Deny", Action = "*", Resource = "*" }') },
    { name: 'NotAction is not judged', filename: 'iam.tf', code: TRUST + role() + rolePolicy('{ Effect = "Allow", NotAction = "iam:*", Resource = "*" }') },
    {
      name: 'CloudFormation: sagemaker:* on notebook instances only',
      filename: 'iam.yaml',
      code: cfnRole(
        '      Policies:\n        - PolicyName: notebooks\n          PolicyDocument:\n            Version: "2012-10-17"\n            Statement:\n              - Effect: Allow\n                Action: sagemaker:*\n' +
          '                Resource: !Sub "arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:notebook-instance/*"\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: aws_iam_role_policy with jsonencode, role trusted by SageMaker through a data source',
      filename: 'iam.tf',
      code: TRUST + role() + rolePolicy('{ Effect = "Allow", Action = "*", Resource = "*" }'),
      errors: [{ line: 18, column: 47, message: /^SageMaker execution role `training` is allowed every action \(`\*`\) on every resource by policy `training`$/ }],
      output: null,
    },
    {
      name: 'Terraform: sagemaker:* on * in a data source attached as an inline policy block',
      filename: 'iam.tf',
      code:
        TRUST +
        'data "aws_iam_policy_document" "sagemaker_all" {\n  statement {\n    actions   = ["sagemaker:*"]\n    resources = ["*"]\n  }\n}\n' +
        role('  inline_policy {\n    name   = "sagemaker-all"\n    policy = data.aws_iam_policy_document.sagemaker_all.json\n  }\n'),
      errors: [{ line: 12, column: 17, message: /every SageMaker action \(`sagemaker:\*`\) on every resource by its inline policy `sagemaker-all`/ }],
    },
    {
      name: 'Terraform: a heredoc JSON policy on a customer managed policy, attached; the role used by a notebook',
      filename: 'iam.tf',
      code:
        'resource "aws_iam_role" "notebook" {\n  assume_role_policy = var.trust\n}\n' +
        'resource "aws_iam_policy" "broad" {\n  policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::ml-data/*"}]}\nEOF\n}\n' +
        'resource "aws_iam_role_policy_attachment" "broad" {\n  role       = aws_iam_role.notebook.name\n  policy_arn = aws_iam_policy.broad.arn\n}\n' +
        'resource "aws_sagemaker_notebook_instance" "research" {\n  name     = "research"\n  role_arn = aws_iam_role.notebook.arn\n}\n',
      errors: [{ line: 5, column: 12, message: /role `notebook` \(used by `research`\) is allowed every action \(`\*`\) on `arn:aws:s3:::ml-data\/\*` by managed policy `broad`/ }],
    },
    {
      name: 'Terraform: AdministratorAccess in managed_policy_arns',
      filename: 'iam.tf',
      code: TRUST + role('  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n'),
      errors: [{ line: 13, column: 26, message: /has the AWS managed policy `AdministratorAccess` attached: every action on every resource/ }],
    },
    {
      name: 'Terraform: AdministratorAccess attached with the partition interpolated',
      filename: 'iam.tf',
      code: TRUST + role() + 'resource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.training.name\n  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"\n}\n',
      errors: [{ line: 16, column: 16, message: /`AdministratorAccess`/ }],
    },
    {
      name: 'CloudFormation: an inline policy and a trust policy that allows every action',
      filename: 'iam.yaml',
      code: cfnRole('      Policies:\n        - PolicyName: everything\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "*"\n                Resource: "*"\n', "'*'"),
      errors: [
        { line: 12, column: 21, message: /the trust policy of SageMaker execution role `TrainingRole` allows every action \(`\*`\) to its principals: allow only `sts:AssumeRole`/, severity: 'note' },
        { line: 18, column: 25, message: /allowed every action \(`\*`\) on every resource by its inline policy `everything`/, severity: 'warning' },
      ],
    },
    {
      name: 'CloudFormation: AWS::IAM::Policy naming the role, and AdministratorAccess through !Sub',
      filename: 'iam.yaml',
      code:
        cfnRole('      ManagedPolicyArns:\n        - !Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"\n') +
        '  Everything:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: everything\n      Roles: [!Ref TrainingRole]\n      PolicyDocument:\n' +
        '        Statement:\n          - Effect: Allow\n            Action: [sagemaker:*]\n            Resource: ["*"]\n',
      errors: [
        { line: 14, column: 16, message: /`AdministratorAccess`/ },
        { line: 23, column: 21, message: /every SageMaker action \(`sagemaker:\*`\) on every resource by policy `Everything`/ },
      ],
    },
    {
      name: 'CDK L1',
      filename: 'stack.ts',
      code:
        'import * as iam from "aws-cdk-lib/aws-iam";\nimport * as sagemaker from "aws-cdk-lib/aws-sagemaker";\n' +
        'const role = new iam.CfnRole(this, "NotebookRole", {\n  assumeRolePolicyDocument: { Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "sagemaker.amazonaws.com" } }] },\n' +
        '  policies: [{ policyName: "all", policyDocument: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }],\n});\n' +
        'new sagemaker.CfnNotebookInstance(this, "Research", { instanceType: "ml.t3.medium", roleArn: role.attrArn });\n',
      errors: [{ line: 5, column: 92, message: /role `NotebookRole` \(used by `Research`\) is allowed every action/ }],
    },
    {
      name: 'awscc',
      filename: 'iam.tf',
      code:
        'resource "awscc_iam_role" "training" {\n  assume_role_policy_document = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }] })\n' +
        '  policies = [{\n    policy_name     = "all"\n    policy_document = jsonencode({ Statement = [{ Effect = "Allow", Action = ["*"], Resource = "*" }] })\n  }]\n}\n',
      errors: [{ line: 5, column: 78, message: /role `training` is allowed every action \(`\*`\) on every resource by its inline policy `all`/ }],
    },
  ],
});
