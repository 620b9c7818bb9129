import { BEDROCK_JOBS, VPC_KEYS } from '../apis/bedrockJobs';
import { Block } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkResourcesAndCalls, SECURITY_GROUP_PLACEHOLDER, SUBNET_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

const TF_VPC = new Block({ [VPC_KEYS.terraform.subnets]: [SUBNET_PLACEHOLDER], [VPC_KEYS.terraform.securityGroups]: [SECURITY_GROUP_PLACEHOLDER] });
const API_VPC = { [VPC_KEYS.api.subnets]: [SUBNET_PLACEHOLDER], [VPC_KEYS.api.securityGroups]: [SECURITY_GROUP_PLACEHOLDER] };

export const rule: Rule = {
  meta: {
    id: 'bedrock-model-job-without-vpc',
    title: 'Bedrock model customization or batch inference job without a VPC',
    practices: ['GENSEC01-BP02', 'GENSEC01-BP03', 'MLSEC03-BP02'],
    severity: 'note',
    languages: ['terraform', 'python', 'typescript', 'javascript'],
    docs: {
      description:
        'Model customization jobs (fine-tuning, continued pre-training, distillation) read your training data, and batch ' +
        'inference jobs your prompts, from S3. With a `vpcConfig` Bedrock reaches that data through your VPC, so S3 VPC ' +
        'endpoint and bucket policies can require it and flow logs record it; without one it uses the public service path ' +
        '(CreateModelCustomizationJob and CreateModelInvocationJob `vpcConfig` in the Bedrock API reference; `vpc_config` on ' +
        '`aws_bedrock_custom_model` and `aws_bedrock_model_invocation_job` in Terraform). CloudFormation has no resource ' +
        'for either job; boto3 and the JavaScript SDK are checked.',
      bad: 'resource "aws_bedrock_custom_model" "support" {\n  custom_model_name = "support-ft"\n  ...\n}',
      good:
        'resource "aws_bedrock_custom_model" "support" {\n  custom_model_name = "support-ft"\n  ...\n  vpc_config {\n    subnet_ids         = var.private_subnet_ids\n' +
        '    security_group_ids = [aws_security_group.bedrock_jobs.id]\n  }\n}',
    },
    fix: { title: 'Add a VPC configuration with placeholder subnet and security group IDs', safety: 'unsafe', placeholders: [PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId] },
  },
  check(context: RuleContext) {
    checkResourcesAndCalls(context, {
      resources: BEDROCK_JOBS.map((job) => ({ type: job.type, key: job.vpc, fix: TF_VPC, noun: job.noun })),
      calls: BEDROCK_JOBS.map((job) => ({ operation: job.operation, key: job.apiVpc, fix: API_VPC })),
      absent: (subject, key) => `${subject} has no \`${key}\`: Bedrock reads its data from S3 outside your VPC`,
      fixTitle: ([key]) => `Add \`${key}\` (fill in the subnet and security group IDs)`,
    });
  },
};
