import { CREATE_GATEWAY, GATEWAY_AUTHORIZER_KEY, GATEWAYS } from '../apis/agentcore';
import { operationCalls } from '../apis/boto3';
import { replaceWith } from '../edits';
import { field } from '../values';
import { resourcesOf, type Rule, type RuleContext } from './rule';
import { callSite, isOneOf, resourceSite, type SettingSite } from './support/settings';

export const rule: Rule = {
  meta: {
    id: 'bedrock-agentcore-gateway-without-authorizer',
    title: 'Bedrock AgentCore gateway with no inbound authorizer',
    practices: ['GENSEC05-BP01', 'GENSEC01-BP01'],
    severity: 'error',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'An AgentCore gateway turns APIs, Lambda functions and services into MCP tools for agents. With authorizer type ' +
        '`NONE` anyone who can reach its URL can list and call those tools with the gateway role\'s permissions. Use ' +
        '`AWS_IAM` (callers sign requests with SigV4) or `CUSTOM_JWT` with an identity provider (CreateGateway ' +
        '`authorizerType`: `CUSTOM_JWT | AWS_IAM | NONE` in the AgentCore Control Plane API reference; `authorizer_type` in ' +
        'Terraform, `AuthorizerType` in CloudFormation). The setting is required, so only an explicit `NONE` is reported.',
      bad: 'resource "aws_bedrockagentcore_gateway" "tools" {\n  name            = "tools"\n  role_arn        = aws_iam_role.gateway.arn\n  protocol_type   = "MCP"\n  authorizer_type = "NONE"\n}',
      good: 'resource "aws_bedrockagentcore_gateway" "tools" {\n  name            = "tools"\n  role_arn        = aws_iam_role.gateway.arn\n  protocol_type   = "MCP"\n  authorizer_type = "AWS_IAM"\n}',
    },
    fix: { title: 'Require SigV4-signed callers (AWS_IAM)', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const { type, authorizer } of GATEWAYS) {
      for (const resource of resourcesOf(context.facts, type)) checkAuthorizer(context, resourceSite(resource, context), authorizer, `gateway \`${resource.name}\``);
    }
    for (const call of operationCalls(context.facts, CREATE_GATEWAY)) checkAuthorizer(context, callSite(call, context), GATEWAY_AUTHORIZER_KEY, `\`${call.name}\``);
  },
};

function checkAuthorizer(context: RuleContext, site: SettingSite, key: string, subject: string): void {
  const value = field(site.props, key);
  if (!value || !isOneOf(value, 'NONE')) return;
  context.report({
    span: value.span,
    message: `${subject} has no inbound authorizer (\`${site.spell(key)}\` is NONE): anyone who reaches it can call its tools`,
    fixes: () => [{ title: `Set \`${site.spell(key)}\` to "AWS_IAM" (callers must then sign their requests)`, safety: 'unsafe', edits: [replaceWith(value.span, 'AWS_IAM', site.syntax)] }],
  });
}
