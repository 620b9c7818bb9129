import { addProperty } from '../edits';
import type { FixValue, ResourceFact } from '../types';
import { resourcesOf, type Rule, type RuleContext } from './rule';
import { filterList, GUARDRAILS, nested, policyEntries, policyOf, type GuardrailNames } from '../apis/guardrail';

/** Entities the fix starts with: contact details are masked, identifiers that enable fraud are blocked. */
const STARTER_ENTITIES: [type: string, action: string][] = [
  ['EMAIL', 'ANONYMIZE'],
  ['PHONE', 'ANONYMIZE'],
  ['US_SOCIAL_SECURITY_NUMBER', 'BLOCK'],
  ['CREDIT_DEBIT_CARD_NUMBER', 'BLOCK'],
];
const FIX_TITLE = 'Add a sensitive-information policy that masks e-mail addresses and phone numbers and blocks SSNs and card numbers (review the entity list)';

export const rule: Rule = {
  meta: {
    id: 'bedrock-guardrail-without-pii-filter',
    title: 'Bedrock guardrail without a sensitive-information (PII) policy',
    practices: ['RAISP03-BP01', 'GENSEC02-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A guardrail with no sensitive-information policy lets personal data pass in both directions: users can paste ' +
        'identifiers into prompts that end up in logs and model providers, and the model can repeat personal data it finds ' +
        'in retrieved documents or conversation history. Add a policy that masks or blocks the PII entity types your ' +
        'application must not handle, and regular expressions for your own identifiers (`sensitive_information_policy_config` ' +
        'in Terraform, `SensitiveInformationPolicyConfig` in CloudFormation).',
      bad: 'resource "aws_bedrock_guardrail" "g" {\n  name = "support"\n  content_policy_config { ... }\n}',
      good:
        'resource "aws_bedrock_guardrail" "g" {\n  name = "support"\n  content_policy_config { ... }\n  sensitive_information_policy_config {\n' +
        '    pii_entities_config {\n      type = "EMAIL"\n      action = "ANONYMIZE"\n    }\n  }\n}',
    },
    fix: { title: FIX_TITLE, safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const names of GUARDRAILS) {
      for (const resource of resourcesOf(context.facts, names.type)) checkGuardrail(resource, names, context);
    }
  },
};

function entities(names: GuardrailNames): FixValue {
  const key = names.terraform ? { type: 'type', action: 'action' } : { type: 'Type', action: 'Action' };
  return filterList(
    names,
    STARTER_ENTITIES.map(([type, action]) => ({ [key.type]: type, [key.action]: action })),
  );
}

function checkGuardrail(resource: ResourceFact, names: GuardrailNames, context: RuleContext): void {
  const policy = policyOf(resource, names.sensitive);
  if (!policy) {
    const edit = addProperty(resource.props, names.sensitive, nested(names, { [names.pii]: entities(names) }));
    context.report({
      span: resource.nameSpan,
      message: `guardrail \`${resource.name}\` has no sensitive-information policy: personal data in prompts and responses is neither masked nor blocked`,
      fixes: edit ? [{ title: FIX_TITLE, safety: 'unsafe', edits: [edit] }] : [],
    });
    return;
  }
  if (!policy.object || policyEntries(policy, [names.pii, names.regexes]) !== 'empty') return;
  const edit = addProperty(policy.object, names.pii, entities(names));
  context.report({
    span: policy.property.keySpan,
    message: `guardrail \`${resource.name}\` has an empty sensitive-information policy: personal data in prompts and responses is neither masked nor blocked`,
    fixes: edit ? [{ title: FIX_TITLE, safety: 'unsafe', edits: [edit] }] : [],
  });
}
