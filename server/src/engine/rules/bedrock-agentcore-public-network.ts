import { NETWORKED_OPERATIONS, NETWORKED_RESOURCES, type NetworkNames } from '../apis/agentcore';
import { operationCalls } from '../apis/boto3';
import { addProperty, replaceWith } from '../edits';
import { field } from '../values';
import { Block, type Fix, type ObjectValue } from '../types';
import { resourcesOf, type Rule, type RuleContext } from './rule';
import { callSite, isOneOf, resourceSite, SECURITY_GROUP_PLACEHOLDER, SUBNET_PLACEHOLDER, type SettingSite } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

export const rule: Rule = {
  meta: {
    id: 'bedrock-agentcore-public-network',
    title: 'Bedrock AgentCore runtime, browser or code interpreter on the public network',
    practices: ['GENSEC01-BP02', 'GENSEC05-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'An AgentCore runtime, browser or code interpreter in `PUBLIC` network mode reaches the internet from outside your ' +
        'VPC: what the agent, the browser session or the generated code it runs can reach is not limited by your security ' +
        'groups, VPC endpoint policies or flow logs, so a prompt injection can exfiltrate data or pull in content freely. ' +
        'AgentCore takes network mode `VPC` with subnets and security groups for all three, and `SANDBOX` (no external ' +
        'network at all) for code interpreters (NetworkConfiguration and CodeInterpreterNetworkConfiguration in the AgentCore ' +
        'Control Plane API reference; `network_configuration` in Terraform, `NetworkConfiguration` in CloudFormation). Only ' +
        'an explicit `PUBLIC` is reported: the setting is required, so there is no default to judge.',
      bad: 'resource "aws_bedrockagentcore_agent_runtime" "agent" {\n  ...\n  network_configuration {\n    network_mode = "PUBLIC"\n  }\n}',
      good:
        'resource "aws_bedrockagentcore_agent_runtime" "agent" {\n  ...\n  network_configuration {\n    network_mode = "VPC"\n    network_mode_config {\n' +
        '      subnets         = var.private_subnet_ids\n      security_groups = [aws_security_group.agent.id]\n    }\n  }\n}',
    },
    fix: { title: 'Run it in your VPC (fill in subnet and security group IDs)', safety: 'unsafe', placeholders: [PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId] },
  },
  check(context: RuleContext) {
    for (const names of NETWORKED_RESOURCES) {
      for (const resource of resourcesOf(context.facts, names.type)) checkNetwork(context, resourceSite(resource, context), names, `${names.kind} \`${resource.name}\``);
    }
    for (const names of NETWORKED_OPERATIONS) {
      for (const call of operationCalls(context.facts, names.operation)) checkNetwork(context, callSite(call, context), names, `\`${call.name}\``);
    }
  },
};

function checkNetwork(context: RuleContext, site: SettingSite, names: NetworkNames, subject: string): void {
  const network = field(site.props, names.network);
  if (network?.kind !== 'object') return;
  const mode = field(network, names.mode);
  if (!mode || !isOneOf(mode, 'PUBLIC')) return;
  const alternatives = names.sandbox ? '`VPC` or `SANDBOX`' : '`VPC`';
  context.report({
    span: mode.span,
    message: `${subject} uses the \`PUBLIC\` network mode: what it reaches is outside your VPC's controls (use ${alternatives})`,
    fixes: () => fixes(site, network, names, mode.span),
  });
}

function fixes(site: SettingSite, network: ObjectValue, names: NetworkNames, modeSpan: { start: number; end: number }): Fix[] {
  const out: Fix[] = [];
  const toVpc = replaceWith(modeSpan, 'VPC', site.syntax);
  const vpcBody = { [names.subnets]: [SUBNET_PLACEHOLDER], [names.securityGroups]: [SECURITY_GROUP_PLACEHOLDER] };
  const addVpc = field(network, names.vpc) === undefined ? addProperty(network, names.vpc, site.blocks ? new Block(vpcBody) : vpcBody) : undefined;
  if (addVpc || field(network, names.vpc) !== undefined) {
    out.push({ title: `Set \`${site.spell(names.mode)}\` to "VPC" (fill in the subnet and security group IDs)`, safety: 'unsafe', edits: addVpc ? [toVpc, addVpc] : [toVpc] });
  }
  if (names.sandbox) out.push({ title: `Set \`${site.spell(names.mode)}\` to "SANDBOX" (no network access at all)`, safety: 'unsafe', edits: [replaceWith(modeSpan, 'SANDBOX', site.syntax)] });
  return out;
}
