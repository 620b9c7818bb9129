import { addProperty } from '../edits';
import { field } from '../values';
import { Block } from '../types';
import { propertyName, resourcesOf, type Rule, type RuleContext } from './rule';
import { PLACEHOLDER } from '../placeholders';

const GUARDRAIL_ID = PLACEHOLDER.guardrailId;

export const rule: Rule = {
  meta: {
    id: 'bedrock-agent-without-guardrail',
    title: 'Bedrock agent without a guardrail',
    practices: ['GENSEC02-BP01', 'RAISP03-BP03', 'RAISP03-BP02', 'RAISP02-BP10'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A Bedrock agent with no guardrail acts on and answers users with no content, prompt-attack or sensitive-information ' +
        'filter on its input and output, and agents can call tools, so a successful prompt injection does more than produce ' +
        'text. Associate a guardrail with the agent (`guardrail_configuration` in Terraform, `GuardrailConfiguration` in CloudFormation).',
      bad: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "support"\n  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n}',
      good:
        'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "support"\n  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n' +
        '  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id\n    guardrail_version = aws_bedrock_guardrail_version.g.version\n  }\n}',
    },
    fix: { title: 'Add a guardrail configuration with a placeholder ID', safety: 'unsafe', placeholders: [PLACEHOLDER.guardrailId, PLACEHOLDER.guardrailArn] },
  },
  check(context: RuleContext) {
    const targets = [
      { type: 'aws_bedrockagent_agent', key: 'guardrail_configuration', value: new Block({ guardrail_identifier: GUARDRAIL_ID, guardrail_version: 'DRAFT' }) },
      { type: 'AWS::Bedrock::Agent', key: 'GuardrailConfiguration', value: { GuardrailIdentifier: GUARDRAIL_ID, GuardrailVersion: 'DRAFT' } },
    ];
    for (const { type, key, value } of targets) {
      for (const resource of resourcesOf(context.facts, type)) {
        if (field(resource.props, key) !== undefined) continue;
        const edit = addProperty(resource.props, key, value);
        context.report({
          span: resource.nameSpan,
          message: `Bedrock agent \`${resource.name}\` has no \`${propertyName(resource, key)}\`: its input and output are not filtered`,
          fixes: edit ? [{ title: `Add \`${propertyName(resource, key)}\` with a placeholder guardrail ID`, safety: 'unsafe', edits: [edit] }] : [],
        });
      }
    }
  },
};
