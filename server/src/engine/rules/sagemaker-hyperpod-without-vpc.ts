import { CLUSTERS, CREATE_CLUSTER, everyGroupHasVpc } from '../apis/hyperpod';
import { Block } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkResourcesAndCalls, SECURITY_GROUP_PLACEHOLDER, SUBNET_PLACEHOLDER } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-hyperpod-without-vpc',
    title: 'SageMaker HyperPod cluster without a VPC configuration',
    practices: ['MLSEC03-BP02', 'MLSEC04-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A HyperPod cluster with no `VpcConfig` runs its nodes in a VPC that SageMaker owns: your security groups, VPC ' +
        'endpoint policies and flow logs cannot restrict or record what the training code on hundreds of accelerators ' +
        'reaches, and the nodes cannot reach your private data stores (CreateCluster `VpcConfig` in the SageMaker API ' +
        'reference; "Give SageMaker access to resources in your Amazon VPC"). Give the cluster private subnets and ' +
        'security groups (`vpc_config` in Terraform, `VpcConfig` in CloudFormation and the API). A cluster whose every ' +
        'instance group sets its own `OverrideVpcConfig` is not reported.',
      bad: 'resource "aws_sagemaker_cluster" "training" {\n  cluster_name = "llm-training"\n  instance_group { ... }\n}',
      good:
        'resource "aws_sagemaker_cluster" "training" {\n  cluster_name = "llm-training"\n  instance_group { ... }\n  vpc_config {\n' +
        '    subnets            = var.private_subnet_ids\n    security_group_ids = [aws_security_group.hyperpod.id]\n  }\n}',
    },
    fix: { title: 'Add a VPC configuration with placeholder subnet and security group IDs', safety: 'unsafe', placeholders: [PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId] },
  },
  check(context: RuleContext) {
    const vpc = (names: (typeof CLUSTERS)[number] | typeof CREATE_CLUSTER.names, blocks: boolean) => {
      const body = { [names.subnets]: [SUBNET_PLACEHOLDER], [names.securityGroups]: [SECURITY_GROUP_PLACEHOLDER] };
      return blocks ? new Block(body) : body;
    };
    checkResourcesAndCalls(context, {
      resources: CLUSTERS.map((names) => ({ type: names.type, key: names.vpc, fix: vpc(names, names.type.startsWith('aws_')), noun: 'HyperPod cluster' })),
      calls: [{ operation: CREATE_CLUSTER, key: CREATE_CLUSTER.names.vpc, fix: vpc(CREATE_CLUSTER.names, false) }],
      applies: (props, kind) => !everyGroupHasVpc(props, CLUSTERS.find((n) => n.type === kind) ?? CREATE_CLUSTER.names),
      absent: (subject, key) => `${subject} has no \`${key}\`: its nodes run outside your VPC`,
      fixTitle: ([key]) => `Add \`${key}\` (fill in the subnet and security group IDs)`,
    });
  },
};
