import { ruleTester } from '../ruleTester';

const tfDomain = (extra: string) =>
  'resource "aws_sagemaker_domain" "studio" {\n  domain_name = "ml-studio"\n  auth_mode   = "IAM"\n  vpc_id      = aws_vpc.ml.id\n  subnet_ids  = aws_subnet.private[*].id\n' +
  `${extra}\n  default_user_settings {\n    execution_role = aws_iam_role.studio.arn\n  }\n}\n`;
const cfnDomain = (extra: string) =>
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Studio:\n    Type: AWS::SageMaker::Domain\n    Properties:\n      DomainName: ml-studio\n      AuthMode: IAM\n' +
  '      VpcId: !Ref Vpc\n      SubnetIds: !Ref PrivateSubnets\n      DefaultUserSettings:\n        ExecutionRole: !GetAtt StudioRole.Arn\n' +
  extra;

ruleTester('sagemaker-domain-public-internet', {
  valid: [
    { filename: 'studio.tf', code: tfDomain('  app_network_access_type = "VpcOnly"\n') },
    { name: 'value from a variable', filename: 'studio.tf', code: tfDomain('  app_network_access_type = var.network_access\n') },
    { filename: 'studio.yaml', code: cfnDomain('      AppNetworkAccessType: VpcOnly\n') },
    { name: '!Ref parameter', filename: 'studio.yaml', code: cfnDomain('      AppNetworkAccessType: !Ref NetworkAccess\n') },
    {
      filename: 'studio.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Studio": {"Type": "AWS::SageMaker::Domain", "Properties": {"DomainName": "ml", "AppNetworkAccessType": "VpcOnly"}}}}\n',
    },
  ],
  invalid: [
    {
      name: 'left out: AWS defaults to PublicInternetOnly',
      filename: 'studio.tf',
      code: tfDomain(''),
      errors: [{ line: 1, column: 33, message: /`studio` does not set `app_network_access_type`, so AWS gives its apps public internet access/ }],
      output:
        'resource "aws_sagemaker_domain" "studio" {\n  domain_name = "ml-studio"\n  auth_mode   = "IAM"\n  vpc_id      = aws_vpc.ml.id\n  subnet_ids  = aws_subnet.private[*].id\n' +
        '\n  default_user_settings {\n    execution_role = aws_iam_role.studio.arn\n  }\n  app_network_access_type = "VpcOnly"\n}\n',
    },
    {
      filename: 'studio.tf',
      code: tfDomain('  app_network_access_type = "PublicInternetOnly"\n'),
      errors: [{ line: 6, column: 29, message: /gives its apps public internet access/ }],
      output: tfDomain('  app_network_access_type = "VpcOnly"\n'),
    },
    {
      filename: 'studio.yaml',
      code: cfnDomain(''),
      errors: [{ line: 3, column: 3 }],
      output: cfnDomain('      AppNetworkAccessType: VpcOnly\n'),
    },
    {
      filename: 'studio.yaml',
      code: cfnDomain('      AppNetworkAccessType: PublicInternetOnly\n'),
      errors: [{ line: 12, column: 29 }],
      output: cfnDomain('      AppNetworkAccessType: VpcOnly\n'),
    },
    {
      filename: 'studio.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Studio": {"Type": "AWS::SageMaker::Domain", "Properties": {"DomainName": "ml"}}}}\n',
      errors: [{ line: 1, column: 58 }],
      output: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Studio": {"Type": "AWS::SageMaker::Domain", "Properties": {"DomainName": "ml", "AppNetworkAccessType": "VpcOnly"}}}}\n',
    },
  ],
});
