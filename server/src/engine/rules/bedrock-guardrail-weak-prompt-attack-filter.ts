import { addProperty, replaceWith } from '../edits';
import { field, isFalse, stringOf } from '../values';
import type { Fix, FixValue, ResourceFact, Span } from '../types';
import { propertyName, resourcesOf, type Rule, type RuleContext } from './rule';
import { addFilterEdit, filterList, filterOfType, GUARDRAILS, knownFilters, nested, policyOf, type GuardrailNames } from '../apis/guardrail';
import { isOneOf, scalarSyntax } from './support/settings';

const WEAK_STRENGTHS = ['NONE', 'LOW'];
const ADD_TITLE = 'Add a PROMPT_ATTACK filter with HIGH input strength';

export const rule: Rule = {
  meta: {
    id: 'bedrock-guardrail-weak-prompt-attack-filter',
    title: 'Bedrock guardrail without a strong prompt-attack filter',
    practices: ['RAISP03-BP02', 'GENSEC04-BP02', 'GENSEC02-BP01'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'The `PROMPT_ATTACK` content filter is what lets a Bedrock guardrail catch jailbreaks and prompt injections in user ' +
        'input. A guardrail without it, or with its input strength at `NONE` or `LOW`, its input evaluation disabled, or ' +
        'its input action set to `NONE` (detect only), lets instructions that override your system prompt through. Add ' +
        'the filter with input strength `MEDIUM` or `HIGH`. Its output strength must stay `NONE`: AWS applies prompt-attack ' +
        'filtering to input only, and this rule never reports the output setting.',
      bad: 'content_policy_config {\n  filters_config {\n    type = "PROMPT_ATTACK"\n    input_strength = "LOW"\n    output_strength = "NONE"\n  }\n}',
      good: 'content_policy_config {\n  filters_config {\n    type = "PROMPT_ATTACK"\n    input_strength = "HIGH"\n    output_strength = "NONE"\n  }\n}',
    },
    fix: { title: 'Add or strengthen the PROMPT_ATTACK input filter', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const names of GUARDRAILS) {
      for (const resource of resourcesOf(context.facts, names.type)) checkGuardrail(resource, names, context);
    }
  },
};

function promptAttackFilter(names: GuardrailNames): { [key: string]: FixValue } {
  return names.terraform
    ? { type: 'PROMPT_ATTACK', input_strength: 'HIGH', output_strength: 'NONE' }
    : { Type: 'PROMPT_ATTACK', InputStrength: 'HIGH', OutputStrength: 'NONE' };
}

function checkGuardrail(resource: ResourceFact, names: GuardrailNames, context: RuleContext): void {
  const policy = policyOf(resource, names.content);
  if (!policy) {
    const edit = addProperty(resource.props, names.content, nested(names, { [names.filters]: filterList(names, [promptAttackFilter(names)]) }));
    report(context, resource.nameSpan, `guardrail \`${resource.name}\` has no content policy, so no prompt-attack filter`, edit && { title: ADD_TITLE, safety: 'unsafe', edits: [edit] });
    return;
  }
  if (!policy.object) return;
  const filters = knownFilters(policy.object, names);
  if (!filters) return;
  const promptAttack = filterOfType(filters.items, names, 'PROMPT_ATTACK');
  const syntax = scalarSyntax(resource, context);
  if (!promptAttack) {
    const edit = addFilterEdit(policy.object, filters.list, promptAttackFilter(names), names, syntax, context.text, resource.props.insert?.keyCase);
    report(
      context,
      policy.property.keySpan,
      `guardrail \`${resource.name}\` has no PROMPT_ATTACK content filter: jailbreaks and prompt injections are not caught`,
      edit && { title: ADD_TITLE, safety: 'unsafe', edits: [edit] },
    );
    return;
  }
  const strength = field(promptAttack, names.inputStrength);
  if (strength && isOneOf(strength, ...WEAK_STRENGTHS)) {
    report(context, strength.span, `guardrail \`${resource.name}\` filters prompt attacks at ${stringOf(strength)!.toUpperCase()} input strength: most jailbreaks and prompt injections get through`, {
      title: `Set \`${propertyName(resource, names.inputStrength)}\` to "HIGH"`,
      safety: 'unsafe',
      edits: [replaceWith(strength.span, 'HIGH', syntax)],
    });
  }
  const enabled = field(promptAttack, names.inputEnabled);
  if (enabled && isFalse(enabled)) {
    report(context, enabled.span, `guardrail \`${resource.name}\` turns off prompt-attack evaluation of input`, {
      title: `Set \`${propertyName(resource, names.inputEnabled)}\` to true`,
      safety: 'unsafe',
      edits: [replaceWith(enabled.span, true, syntax)],
    });
  }
  const action = field(promptAttack, names.inputAction);
  if (action && isOneOf(action, 'NONE')) {
    report(context, action.span, `guardrail \`${resource.name}\` only detects prompt attacks (input action NONE) and lets them through`, {
      title: `Set \`${propertyName(resource, names.inputAction)}\` to "BLOCK"`,
      safety: 'unsafe',
      edits: [replaceWith(action.span, 'BLOCK', syntax)],
    });
  }
}

function report(context: RuleContext, span: Span, message: string, fix: Fix | undefined): void {
  context.report({ span, message, fixes: fix ? [fix] : [] });
}
