import type { ResourceFact, Value } from '../../types';
import type { RuleContext } from '../rule';

/**
 * True when `value` is an expression that refers to `resource` in the same file: `aws_bedrock_guardrail.g.guardrail_id`
 * in Terraform; `!Ref G`, `!GetAtt G.GuardrailId`, `{"Fn::GetAtt": ["G", …]}` or `!Sub "${G}"` in CloudFormation;
 * `guardrail.attrGuardrailId` in CDK, where `guardrail` is the variable the construct is bound to.
 * Literal strings never refer to a resource of the same file (their IDs are generated when it is created).
 */
export function refersTo(value: Value | undefined, resource: ResourceFact, context: RuleContext): boolean {
  if (value?.kind !== 'unknown') return false;
  if (resource.address && value.refs?.includes(resource.address)) return true;
  const source = context.text.slice(value.span.start, value.span.end);
  if (context.facts.language === 'terraform') {
    // The address keeps the type as written (`awscc_bedrock_guardrail.g`) when the resource is read as another type.
    const address = resource.address ?? `${resource.resourceType}.${resource.name}`;
    // Each pattern needs its name written out: most values do not hold it, and are told so without a regex.
    return source.includes(address) && pattern(`(?<![\\w.-])${escape(address)}(?![\\w-])`).test(source);
  }
  if (resource.keyStyle) {
    // CDK: the code refers to a construct by the name it is bound to (`guardrail.attrGuardrailId`, `guardrail.attr_guardrail_id`).
    return resource.binding !== undefined && source.includes(resource.binding) && pattern(`(?<![\\w$.])${escape(resource.binding)}(?![\\w$])`).test(source);
  }
  return source.includes(resource.name) && pattern(`(?<![A-Za-z0-9])${escape(resource.name)}(?![A-Za-z0-9])`).test(source);
}

/** Compiled patterns by source: rules ask about the same resources for every value, and again on every edit. */
const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 2000;

function pattern(source: string): RegExp {
  let compiled = patterns.get(source);
  if (!compiled) {
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    patterns.set(source, (compiled = new RegExp(source)));
  }
  return compiled;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
