import { ruleTester } from '../ruleTester';

const tfDomain = (extra: string) =>
  'resource "aws_sagemaker_domain" "studio" {\n  domain_name             = "ml-studio"\n  auth_mode               = "IAM"\n  vpc_id                  = aws_vpc.ml.id\n' +
  `  subnet_ids              = aws_subnet.private[*].id\n  app_network_access_type = "VpcOnly"\n${extra}}\n`;
const cfnDomain = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Studio:\n    Type: AWS::SageMaker::Domain\n    Properties:\n      DomainName: ml-studio\n      AuthMode: IAM\n' +
  '      VpcId: !Ref Vpc\n      SubnetIds: !Ref PrivateSubnets\n      AppNetworkAccessType: VpcOnly\n' +
  extra;

ruleTester('sagemaker-domain-without-kms-key', {
  valid: [
    { filename: 'studio.tf', code: tfDomain('  kms_key_id              = aws_kms_key.studio.arn\n') },
    { filename: 'studio.yaml', code: cfnDomain('      KmsKeyId: !GetAtt StudioKey.Arn\n') },
    {
      filename: 'studio.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Studio": {"Type": "AWS::SageMaker::Domain", "Properties": {"DomainName": "ml", "KmsKeyId": {"Ref": "Key"}}}}}\n',
    },
  ],
  invalid: [
    {
      filename: 'studio.tf',
      code: tfDomain(''),
      errors: [{ line: 1, column: 33, message: /`studio` has no `kms_key_id`: its EFS home directories/ }],
      output: 'resource "aws_sagemaker_domain" "studio" {\n  domain_name             = "ml-studio"\n  auth_mode               = "IAM"\n  vpc_id                  = aws_vpc.ml.id\n  subnet_ids              = aws_subnet.private[*].id\n  app_network_access_type = "VpcOnly"\n  kms_key_id              = "<kms-key-arn>"\n}\n',
    },
    {
      filename: 'studio.yaml',
      code: cfnDomain(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnDomain('      KmsKeyId: <kms-key-arn>\n'),
    },
    {
      filename: 'studio.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Studio": {"Type": "AWS::SageMaker::Domain", "Properties": {"DomainName": "ml", "KmsKeyId": ""}}}}\n',
      errors: [{ line: 1, column: 150 }],
      output: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Studio": {"Type": "AWS::SageMaker::Domain", "Properties": {"DomainName": "ml", "KmsKeyId": "<kms-key-arn>"}}}}\n',
    },
  ],
});
