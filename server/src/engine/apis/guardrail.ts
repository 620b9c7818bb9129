import { addProperty, appendItem } from '../edits';
import { field, isFalse, itemsOf, stringOf } from '../values';
import { Block, type EntrySyntax, type FixValue, type InsertPoint, type ObjectValue, type Property, type ResourceFact, type TextEdit, type Value } from '../types';

/** Property names of a Bedrock guardrail in Terraform and in CloudFormation. */
export interface GuardrailNames {
  type: string;
  /** Terraform writes nested settings as blocks; CloudFormation as objects and lists. */
  terraform: boolean;
  content: string;
  grounding: string;
  sensitive: string;
  topic: string;
  topics: string;
  filters: string;
  filterType: string;
  inputStrength: string;
  inputEnabled: string;
  inputAction: string;
  enabled: string;
  action: string;
  threshold: string;
  pii: string;
  regexes: string;
}

export const GUARDRAILS: readonly GuardrailNames[] = [
  {
    type: 'aws_bedrock_guardrail',
    terraform: true,
    content: 'content_policy_config',
    grounding: 'contextual_grounding_policy_config',
    sensitive: 'sensitive_information_policy_config',
    topic: 'topic_policy_config',
    topics: 'topics_config',
    filters: 'filters_config',
    filterType: 'type',
    inputStrength: 'input_strength',
    inputEnabled: 'input_enabled',
    inputAction: 'input_action',
    enabled: 'enabled',
    action: 'action',
    threshold: 'threshold',
    pii: 'pii_entities_config',
    regexes: 'regexes_config',
  },
  {
    type: 'AWS::Bedrock::Guardrail',
    terraform: false,
    content: 'ContentPolicyConfig',
    grounding: 'ContextualGroundingPolicyConfig',
    sensitive: 'SensitiveInformationPolicyConfig',
    topic: 'TopicPolicyConfig',
    topics: 'TopicsConfig',
    filters: 'FiltersConfig',
    filterType: 'Type',
    inputStrength: 'InputStrength',
    inputEnabled: 'InputEnabled',
    inputAction: 'InputAction',
    enabled: 'Enabled',
    action: 'Action',
    threshold: 'Threshold',
    pii: 'PiiEntitiesConfig',
    regexes: 'RegexesConfig',
  },
];

/** The same settings as boto3's `create_guardrail` and `update_guardrail` keywords spell them. */
export const BOTO3_GUARDRAIL: GuardrailNames = {
  type: 'create_guardrail',
  terraform: false,
  content: 'contentPolicyConfig',
  grounding: 'contextualGroundingPolicyConfig',
  sensitive: 'sensitiveInformationPolicyConfig',
  topic: 'topicPolicyConfig',
  topics: 'topicsConfig',
  filters: 'filtersConfig',
  filterType: 'type',
  inputStrength: 'inputStrength',
  inputEnabled: 'inputEnabled',
  inputAction: 'inputAction',
  enabled: 'enabled',
  action: 'action',
  threshold: 'threshold',
  pii: 'piiEntitiesConfig',
  regexes: 'regexesConfig',
};

/** A guardrail policy (a Terraform block given once, or a CloudFormation object) and where it is written. */
export interface Policy {
  property: Property;
  /** The policy's object, or undefined when it cannot be known (a `dynamic` block, `!If`, a variable). */
  object?: ObjectValue;
}

export function policyOf(resource: ResourceFact | ObjectValue, key: string): Policy | undefined {
  const container = resource.kind === 'resource' ? resource.props : resource;
  const property = container.props.get(key);
  // Keys that cannot be seen (a spread, `**kwargs`, a construct's unmodelled settings) may hold the policy.
  if (!property) return container.open ? { property: { key, keySpan: container.span, value: { kind: 'unknown', span: container.span }, span: container.span } } : undefined;
  const value = property.value.kind === 'array' && property.value.items.length === 1 && !property.value.open ? property.value.items[0] : property.value;
  return { property, object: value.kind === 'object' ? value : undefined };
}

/**
 * What the lists of a policy hold (`lists`: the PII and regex lists of a sensitive-information policy, the topics of a
 * topic policy): `absent` when there is no policy, `unknown` when the policy or a list cannot be read.
 */
export function policyEntries(policy: Policy | undefined, lists: readonly string[]): 'absent' | 'empty' | 'some' | 'unknown' {
  if (!policy) return 'absent';
  if (!policy.object) return 'unknown';
  const values = lists.map((l) => field(policy.object, l));
  if (values.some((l) => l?.kind !== 'unknown' && itemsOf(l).length > 0)) return 'some';
  if (policy.object.open || values.some((l) => l?.kind === 'unknown' || (l?.kind === 'array' && l.open))) return 'unknown';
  return 'empty';
}

/** A GROUNDING filter that is not turned off and does not only detect: the guardrail blocks ungrounded answers. */
export function groundingFilter(policy: Policy | undefined, names: GuardrailNames): ObjectValue | undefined {
  const filters = policy?.object && knownFilters(policy.object, names);
  const grounding = filters ? filterOfType(filters.items, names, 'GROUNDING') : undefined;
  if (!grounding || isFalse(field(grounding, names.enabled)) || stringOf(field(grounding, names.action)) === 'NONE') return undefined;
  return grounding;
}

/** The filters of a policy, when all of them can be known; `undefined` filters are a known empty list. */
export function knownFilters(policy: ObjectValue, names: GuardrailNames): { list?: Value; items: ObjectValue[] } | undefined {
  const list = field(policy, names.filters);
  if (list?.kind === 'unknown' || (list?.kind === 'array' && list.open)) return undefined;
  const items = itemsOf(list);
  if (!items.every((i): i is ObjectValue => i.kind === 'object' && field(i, names.filterType)?.kind === 'string')) return undefined;
  return { list, items };
}

export function filterOfType(items: ObjectValue[], names: GuardrailNames, type: string): ObjectValue | undefined {
  return items.find((i) => stringOf(field(i, names.filterType))?.toUpperCase() === type);
}

/** A Terraform nested block or a CloudFormation object, for a fix. */
export function nested(names: GuardrailNames, body: { [key: string]: FixValue }): FixValue {
  return names.terraform ? new Block(body) : body;
}

/** Filters for a fix: repeated blocks in Terraform, a list in CloudFormation. */
export function filterList(names: GuardrailNames, filters: { [key: string]: FixValue }[]): FixValue {
  return names.terraform ? filters.map((f) => new Block(f)) : filters;
}

/**
 * An edit adding `filter` to a policy's filters: another block in Terraform, another list item in CloudFormation
 * (or a new list when the policy has none). `keyCase` spells the filter's keys as the resource's source does.
 */
export function addFilterEdit(
  policy: ObjectValue,
  list: Value | undefined,
  filter: { [key: string]: FixValue },
  names: GuardrailNames,
  syntax: EntrySyntax,
  text: string,
  keyCase?: InsertPoint['keyCase'],
): TextEdit | undefined {
  if (names.terraform) return addProperty(policy, names.filters, new Block(filter));
  if (list === undefined) return addProperty(policy, names.filters, [filter]);
  return list.kind === 'array' ? appendItem(list, filter, syntax, text, keyCase) : undefined;
}
