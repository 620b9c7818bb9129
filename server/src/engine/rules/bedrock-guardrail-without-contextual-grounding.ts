import { addProperty, replaceWith } from '../edits';
import { field, isFalse, itemsOf, path } from '../values';
import type { FixValue, ResourceFact, Value } from '../types';
import { propertyName, resourcesOf, type Rule, type RuleContext } from './rule';
import { addFilterEdit, filterList, filterOfType, GUARDRAILS, knownFilters, nested, policyOf, type GuardrailNames } from '../apis/guardrail';
import { refersTo } from './support/references';
import { isOneOf, scalarSyntax } from './support/settings';

const THRESHOLD = 0.75;
const KNOWLEDGE_BASES = ['aws_bedrockagent_knowledge_base', 'AWS::Bedrock::KnowledgeBase'];
const AGENTS = [
  { type: 'aws_bedrockagent_agent', guardrail: ['guardrail_configuration', 'guardrail_identifier'] },
  { type: 'AWS::Bedrock::Agent', guardrail: ['GuardrailConfiguration', 'GuardrailIdentifier'], knowledgeBases: 'KnowledgeBases' },
];
const KNOWLEDGE_BASE_ASSOCIATION = { type: 'aws_bedrockagent_agent_knowledge_base_association', agent: 'agent_id' };

export const rule: Rule = {
  meta: {
    id: 'bedrock-guardrail-without-contextual-grounding',
    title: 'Bedrock guardrail for retrieval without a contextual grounding check',
    practices: ['RAISP03-BP04', 'GENSEC02-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'When a guardrail protects answers built from retrieved documents, its contextual grounding check is what blocks ' +
        'answers the sources do not support (hallucinations) or that do not address the question. A guardrail counts as ' +
        'serving retrieval when an agent in the same file uses it and has a knowledge base, or, when no agent in the file ' +
        'uses it, when the file defines a knowledge base. Add a contextual grounding policy with a `GROUNDING` filter (and a ' +
        '`RELEVANCE` one) at a threshold you have tested, for example 0.75.',
      bad: 'resource "aws_bedrockagent_knowledge_base" "docs" { ... }\n\nresource "aws_bedrock_guardrail" "g" {\n  name = "docs-assistant"\n  content_policy_config { ... }\n}',
      good:
        'resource "aws_bedrockagent_knowledge_base" "docs" { ... }\n\nresource "aws_bedrock_guardrail" "g" {\n  name = "docs-assistant"\n  content_policy_config { ... }\n' +
        '  contextual_grounding_policy_config {\n    filters_config {\n      type = "GROUNDING"\n      threshold = 0.75\n    }\n' +
        '    filters_config {\n      type = "RELEVANCE"\n      threshold = 0.75\n    }\n  }\n}',
    },
    fix: { title: 'Add a contextual grounding check (tune the 0.75 thresholds)', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const names of GUARDRAILS) {
      for (const resource of resourcesOf(context.facts, names.type)) {
        if (servesRetrieval(resource, context)) checkGuardrail(resource, names, context);
      }
    }
  },
};

/** An agent in the file that uses the guardrail has a knowledge base; or no agent uses it and the file defines one. */
function servesRetrieval(guardrail: ResourceFact, context: RuleContext): boolean {
  const users = AGENTS.flatMap(({ type, guardrail: keys }) =>
    resourcesOf(context.facts, type).filter((agent) => refersTo(path(agent.props, ...keys), guardrail, context)),
  );
  if (users.length > 0) return users.some((agent) => hasKnowledgeBase(agent, context) === true);
  return resourcesOf(context.facts, ...KNOWLEDGE_BASES).length > 0;
}

/** Whether an agent is known to have a knowledge base (`undefined`: cannot be known). */
function hasKnowledgeBase(agent: ResourceFact, context: RuleContext): boolean | undefined {
  const key = AGENTS.find((a) => a.type === agent.resourceType)?.knowledgeBases;
  if (key) {
    const list = field(agent.props, key);
    if (list === undefined || list.kind === 'null') return false;
    if (list.kind === 'unknown' || (list.kind === 'array' && list.open)) return undefined;
    return itemsOf(list).length > 0;
  }
  const associations = resourcesOf(context.facts, KNOWLEDGE_BASE_ASSOCIATION.type).map((a) => field(a.props, KNOWLEDGE_BASE_ASSOCIATION.agent));
  if (associations.some((id) => refersTo(id, agent, context))) return true;
  // An association whose agent cannot be told apart (a variable) may be this agent's.
  return associations.some((id) => id?.kind === 'unknown' && !refersToAnyAgent(id, context)) ? undefined : false;
}

function refersToAnyAgent(value: Value, context: RuleContext): boolean {
  return AGENTS.some(({ type }) => resourcesOf(context.facts, type).some((agent) => refersTo(value, agent, context)));
}

function filter(names: GuardrailNames, type: string): { [key: string]: FixValue } {
  return names.terraform ? { type, threshold: THRESHOLD } : { Type: type, Threshold: THRESHOLD };
}

function checkGuardrail(resource: ResourceFact, names: GuardrailNames, context: RuleContext): void {
  const policy = policyOf(resource, names.grounding);
  const title = `Add a contextual grounding check (tune the ${THRESHOLD} threshold${policy ? '' : 's'})`;
  if (!policy) {
    const value = nested(names, { [names.filters]: filterList(names, [filter(names, 'GROUNDING'), filter(names, 'RELEVANCE')]) });
    const edit = addProperty(resource.props, names.grounding, value);
    context.report({
      span: resource.nameSpan,
      message: `guardrail \`${resource.name}\` serves retrieval but has no contextual grounding check: answers the sources do not support are not blocked`,
      fixes: edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [],
    });
    return;
  }
  if (!policy.object) return;
  const filters = knownFilters(policy.object, names);
  if (!filters) return;
  const grounding = filterOfType(filters.items, names, 'GROUNDING');
  const syntax = scalarSyntax(resource, context);
  if (!grounding) {
    const edit = addFilterEdit(policy.object, filters.list, filter(names, 'GROUNDING'), names, syntax, context.text, resource.props.insert?.keyCase);
    context.report({
      span: policy.property.keySpan,
      message: `guardrail \`${resource.name}\` serves retrieval but its contextual grounding policy has no GROUNDING filter: answers the sources do not support are not blocked`,
      fixes: edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [],
    });
    return;
  }
  const enabled = field(grounding, names.enabled);
  if (enabled && isFalse(enabled)) {
    context.report({
      span: enabled.span,
      message: `guardrail \`${resource.name}\` serves retrieval but turns its grounding check off`,
      fixes: [{ title: `Set \`${propertyName(resource, names.enabled)}\` to true`, safety: 'unsafe', edits: [replaceWith(enabled.span, true, syntax)] }],
    });
  }
  const action = field(grounding, names.action);
  if (action && isOneOf(action, 'NONE')) {
    context.report({
      span: action.span,
      message: `guardrail \`${resource.name}\` only detects ungrounded answers (action NONE) and lets them through`,
      fixes: [{ title: `Set \`${propertyName(resource, names.action)}\` to "BLOCK"`, safety: 'unsafe', edits: [replaceWith(action.span, 'BLOCK', syntax)] }],
    });
  }
}
