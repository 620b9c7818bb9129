import { ruleTester } from '../ruleTester';

const tfNotebook = (extra: string) =>
  'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  role_arn      = aws_iam_role.notebook.arn\n' +
  `  instance_type = "ml.t3.medium"\n${extra}}\n`;
const cfnNotebook = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ResearchNotebook:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n' +
  '      InstanceType: ml.t3.medium\n      RoleArn: !GetAtt NotebookRole.Arn\n' +
  extra;
const cfnJson = (extra: string) =>
  '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "ResearchNotebook": {\n      "Type": "AWS::SageMaker::NotebookInstance",\n' +
  `      "Properties": {\n        "InstanceType": "ml.t3.medium",\n        "RoleArn": { "Fn::GetAtt": ["NotebookRole", "Arn"] }${extra}\n      }\n    }\n  }\n}\n`;

ruleTester('sagemaker-notebook-without-kms-key', {
  valid: [
    { filename: 'notebook.tf', code: tfNotebook('  kms_key_id    = aws_kms_key.notebooks.arn\n') },
    { filename: 'notebook.tf', code: tfNotebook('  kms_key_id    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n') },
    { filename: 'notebook.yaml', code: cfnNotebook('      KmsKeyId: !Ref NotebookKey\n') },
    { filename: 'notebook.json', code: cfnJson(',\n        "KmsKeyId": { "Fn::ImportValue": "shared-ml-key-arn" }') },
  ],
  invalid: [
    {
      filename: 'notebook.tf',
      code: tfNotebook(''),
      errors: [{ line: 1, column: 44, message: /`research` has no `kms_key_id`/ }],
      output: 'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  role_arn      = aws_iam_role.notebook.arn\n  instance_type = "ml.t3.medium"\n  kms_key_id    = "<kms-key-arn>"\n}\n',
    },
    {
      name: 'null is no key',
      filename: 'notebook.tf',
      code: tfNotebook('  kms_key_id    = null\n'),
      errors: [{ line: 5, column: 19 }],
      output: tfNotebook('  kms_key_id    = "<kms-key-arn>"\n'),
    },
    {
      filename: 'notebook.yaml',
      code: cfnNotebook(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnNotebook('      KmsKeyId: <kms-key-arn>\n'),
    },
    {
      name: 'empty string',
      filename: 'notebook.yaml',
      code: cfnNotebook('      KmsKeyId: ""\n'),
      errors: [{ line: 8, column: 17, message: /sets an empty `KmsKeyId`/ }],
      output: cfnNotebook('      KmsKeyId: <kms-key-arn>\n'),
    },
    {
      filename: 'notebook.json',
      code: cfnJson(''),
      errors: [{ line: 4, column: 5 }],
      output: cfnJson(',\n        "KmsKeyId": "<kms-key-arn>"'),
    },
  ],
});
