import type { ObjectValue, Property, Value } from '../types';
import type { Rule, RuleContext } from './rule';
import { isTestCode } from './support/testCode';

/** Settings that name a guardrail version: Converse/InvokeModel/ApplyGuardrail, agents, LangChain (`guardrails={"version": …}`). */
const VERSION_KEY = /^guardrail_?version$/i;
/** Keys whose object holds a guardrail's `version` (the langchain-community classes). */
const GUARDRAIL_HOLDERS = new Set(['guardrails', 'guardrail_config']);
/** Values are rarely nested deeper than this; deeper ones are not searched. */
const MAX_DEPTH = 8;

export const rule: Rule = {
  meta: {
    id: 'bedrock-guardrail-draft-version',
    title: 'Bedrock guardrail used at its DRAFT version',
    practices: ['RAIER01-BP03', 'GENSEC02-BP01'],
    severity: 'note',
    languages: ['python', 'typescript', 'javascript', 'terraform', 'cloudformation'],
    docs: {
      description:
        'A guardrail\'s `DRAFT` version is its working copy: anyone who edits the guardrail changes what this call or agent ' +
        'filters at once, with no release, no review and no way back. That suits a first test; code that deploys should use a ' +
        'numbered version made with `CreateGuardrailVersion` (`aws_bedrock_guardrail_version`, `AWS::Bedrock::GuardrailVersion`). ' +
        'Reported as a note wherever code that deploys (not a test) writes a guardrail version as `DRAFT`; the guardrail quick ' +
        'fixes write `DRAFT` next to a placeholder ID, so a fixed call shows this note until the version is pinned.',
      bad: 'bedrock.converse(modelId=MODEL, messages=m, guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": "DRAFT"})',
      good: 'bedrock.converse(modelId=MODEL, messages=m, guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": "3"})',
      severity:
        'A note in every context but tests (files that import a test framework), which are not reported: the guardrail is ' +
        'attached, but to a version that can change under it.',
    },
  },
  triggers: ['guardrail'],
  check(context: RuleContext) {
    if (isTestCode(context.facts)) return;
    const seen = new Set<number>();
    const report = (prop: Property) => {
      if (seen.has(prop.value.span.start)) return;
      seen.add(prop.value.span.start);
      context.report({
        span: prop.value.span,
        message: `\`${prop.key}\` is \`DRAFT\`, the guardrail's working copy: any edit to the guardrail changes what is filtered here, unreviewed; pin a numbered version`,
      });
    };
    for (const call of context.facts.calls) for (const prop of draftVersionsKept(call.args)) report(prop);
    for (const resource of context.facts.resources) for (const prop of draftVersionsKept(resource.props)) report(prop);
  },
};

/**
 * `draftVersions` of a call's or resource's settings, kept by value: a value kept from one version of a file to the
 * next (the language server's edits) is the same object with the same parts.
 */
const keptDrafts = new WeakMap<Value, readonly Property[]>();

function draftVersionsKept(value: Value): readonly Property[] {
  let known = keptDrafts.get(value);
  if (!known) keptDrafts.set(value, (known = draftVersions(value)));
  return known;
}

/** The guardrail-version settings under `value` written as `DRAFT`. */
export function draftVersions(value: Value, holder = '', depth = 0, out: Property[] = [], seen = new Map<Value, Map<string, number>>()): Property[] {
  if (depth > MAX_DEPTH || (value.kind !== 'object' && value.kind !== 'array')) return out; // nothing under a string or unknown
  // A value used in several places is read again only under another holder, or nearer the top (deeper reads stop sooner).
  const holders = seen.get(value) ?? new Map<string, number>();
  if ((holders.get(holder) ?? Infinity) <= depth) return out;
  holders.set(holder, depth);
  seen.set(value, holders);
  if (value.kind === 'array') for (const item of value.items) draftVersions(item, holder, depth + 1, out, seen);
  if (value.kind !== 'object') return out;
  for (const prop of (value as ObjectValue).props.values()) {
    const namesVersion = VERSION_KEY.test(prop.key) || (prop.key === 'version' && GUARDRAIL_HOLDERS.has(holder));
    if (namesVersion && prop.value.kind === 'string' && prop.value.value.toUpperCase() === 'DRAFT') {
      if (!out.includes(prop)) out.push(prop);
    } else draftVersions(prop.value, prop.key, depth + 1, out, seen);
  }
  return out;
}
