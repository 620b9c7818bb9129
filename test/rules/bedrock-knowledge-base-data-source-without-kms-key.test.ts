import { ruleTester } from '../ruleTester';

const tfDataSource = (extra: string) =>
  'resource "aws_bedrockagent_data_source" "handbook" {\n  knowledge_base_id    = aws_bedrockagent_knowledge_base.docs.id\n  name                 = "employee-handbook"\n' +
  '  data_deletion_policy = "DELETE"\n\n  data_source_configuration {\n    type = "S3"\n    s3_configuration {\n      bucket_arn = aws_s3_bucket.handbook.arn\n    }\n  }\n' +
  `${extra}}\n`;
const cfnDataSource = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  HandbookSource:\n    Type: AWS::Bedrock::DataSource\n    Properties:\n      KnowledgeBaseId: !Ref DocsKnowledgeBase\n' +
  '      Name: employee-handbook\n      DataSourceConfiguration:\n        Type: S3\n        S3Configuration:\n          BucketArn: !GetAtt HandbookBucket.Arn\n' +
  extra;

ruleTester('bedrock-knowledge-base-data-source-without-kms-key', {
  valid: [
    { filename: 'kb.tf', code: tfDataSource('\n  server_side_encryption_configuration {\n    kms_key_arn = aws_kms_key.kb.arn\n  }\n') },
    { name: 'dynamic encryption block', filename: 'kb.tf', code: tfDataSource('\n  dynamic "server_side_encryption_configuration" {\n    for_each = var.kms_key_arn == null ? [] : [1]\n    content {\n      kms_key_arn = var.kms_key_arn\n    }\n  }\n') },
    { filename: 'kb.yaml', code: cfnDataSource('      ServerSideEncryptionConfiguration:\n        KmsKeyArn: !GetAtt KnowledgeBaseKey.Arn\n') },
    { name: 'Fn::If', filename: 'kb.yaml', code: cfnDataSource('      ServerSideEncryptionConfiguration: !If [UseCmk, {KmsKeyArn: !Ref Key}, !Ref AWS::NoValue]\n') },
    {
      filename: 'kb.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Src": {"Type": "AWS::Bedrock::DataSource", "Properties": {"Name": "s", "ServerSideEncryptionConfiguration": {"KmsKeyArn": {"Ref": "Key"}}}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'kb.tf',
      code: tfDataSource(''),
      errors: [{ line: 1, column: 41, message: /`handbook` has no customer managed key/ }],
      output: tfDataSource('  server_side_encryption_configuration {\n    kms_key_arn = "<kms-key-arn>"\n  }\n'),
    },
    {
      name: 'empty encryption block',
      filename: 'kb.tf',
      code: tfDataSource('\n  server_side_encryption_configuration {}\n'),
      errors: [{ line: 13, column: 3 }],
      output: tfDataSource('\n  server_side_encryption_configuration {\n    kms_key_arn = "<kms-key-arn>"\n  }\n'),
    },
    {
      filename: 'kb.yaml',
      code: cfnDataSource(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnDataSource('      ServerSideEncryptionConfiguration:\n        KmsKeyArn: <kms-key-arn>\n'),
    },
    {
      filename: 'kb.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Src": {"Type": "AWS::Bedrock::DataSource", "Properties": {"Name": "s", "ServerSideEncryptionConfiguration": {"KmsKeyArn": ""}}}}}\n',
      errors: [{ line: 1, column: 181 }],
      output: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Src": {"Type": "AWS::Bedrock::DataSource", "Properties": {"Name": "s", "ServerSideEncryptionConfiguration": {"KmsKeyArn": "<kms-key-arn>"}}}}}\n',
    },
  ],
});
