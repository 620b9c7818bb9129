import { field, isFalse, walkValue } from '../values';
import { isBoto3Call } from '../apis/boto3';
import type { CallFact, FileFacts, Property, ResourceFact, Span, StringValue, Value } from '../types';

/** One piece of evidence in a file, before line numbers are attached. */
export interface EvidenceMatch {
  span: Span;
  message: string;
}

/**
 * Finds what implements lens practices in a file's facts. Detectors are data plus a small function: adding one is
 * writing it next to its peers and listing it in `index.ts`.
 */
export interface EvidenceDetector {
  /** Stable kebab-case id, shown with the evidence. */
  id: string;
  /** What counts as evidence, in a few words (the README and the report legend use it). */
  title: string;
  /** Lens practices this evidence shows implemented, at least in part. */
  practices: string[];
  detect(facts: FileFacts): EvidenceMatch[];
}

/**
 * Evidence for each resource of the given types (that passes `when`), described by its type's label and its name
 * (`Bedrock guardrail \`main\``), or by a function of the name.
 */
export function resourceEvidence(
  facts: FileFacts,
  types: Record<string, string | ((name: string) => string)>,
  when: (r: ResourceFact) => boolean = () => true,
): EvidenceMatch[] {
  return facts.resources
    .filter((r) => Object.hasOwn(types, r.resourceType) && when(r))
    .map((r) => {
      const label = types[r.resourceType];
      return { span: r.nameSpan, message: typeof label === 'function' ? label(r.name) : `${label} \`${r.name}\`` };
    });
}

export { isBoto3Call } from '../apis/boto3';

/** Constructor or function calls whose import-resolved name is one of `names` (`sagemaker.model_card.ModelCard`). */
export function callsTo(facts: FileFacts, names: readonly string[]): CallFact[] {
  return facts.calls.filter((c) => c.qualifiedName !== undefined && names.includes(c.qualifiedName));
}

/** True unless `key` of the value is certainly turned off: an unknown or absent switch does not disprove evidence. */
export function notSwitchedOff(value: Value | undefined, key: string): boolean {
  return !isFalse(field(value, key));
}

export function callEvidence(calls: CallFact[], message: (call: CallFact) => string): EvidenceMatch[] {
  return calls.map((call) => ({ span: call.nameSpan, message: message(call) }));
}

/** Calls whose import-resolved name starts with one of `prefixes` (`pyrit.`, `optuna.create_study`). */
export function callsUnder(facts: FileFacts, prefixes: readonly string[]): CallFact[] {
  return facts.calls.filter((c) => c.qualifiedName !== undefined && prefixes.some((p) => c.qualifiedName!.startsWith(p)));
}

/** boto3 calls of any of `operations` on a `service` client, each with its own keyword for untyped receivers. */
export function boto3Calls(facts: FileFacts, service: string, operations: readonly (readonly [operation: string, signature: string])[]): CallFact[] {
  return facts.calls.filter((c) => operations.some(([operation, signature]) => isBoto3Call(c, service, operation, signature)));
}

/** The first property named one of `keys` anywhere under `value`. */
export function propertyDeep(value: Value | undefined, keys: ReadonlySet<string>): Property | undefined {
  let found: Property | undefined;
  walkValue(value, (v) => {
    if (v.kind !== 'object') return false;
    for (const prop of v.props.values()) {
      if (keys.has(prop.key)) {
        found = prop;
        return true;
      }
    }
    return false;
  });
  return found;
}

/** Every known string under `value`, with where it is written. */
export function stringsDeep(value: Value | undefined, out: StringValue[] = []): StringValue[] {
  walkValue(value, (v) => {
    if (v.kind === 'string') out.push(v);
    return false;
  });
  return out;
}

/** Strings written in the file's call arguments and resource properties (not comments, not other literals). */
export function writtenStrings(facts: FileFacts): StringValue[] {
  const out: StringValue[] = [];
  for (const call of facts.calls) {
    stringsDeep(call.args, out);
    for (const p of call.positional) stringsDeep(p, out);
  }
  for (const r of facts.resources) stringsDeep(r.props, out);
  for (const l of facts.literals ?? []) stringsDeep(l, out);
  const seen = new Set<number>();
  return out.filter((s) => !seen.has(s.span.start) && (seen.add(s.span.start), true));
}

/** One piece of evidence per file: the first match, so a file full of the same thing says it once. */
export function firstOnly(matches: EvidenceMatch[]): EvidenceMatch[] {
  return matches.slice(0, 1);
}

/** Evidence at the first property named one of `keys` in each call's arguments: `create_training_job(CheckpointConfig=…)`. */
export function keyedCallEvidence(calls: CallFact[], keys: readonly string[], message: (key: string) => string): EvidenceMatch[] {
  const wanted = new Set(keys);
  return calls.flatMap((c) => {
    const prop = propertyDeep(c.args, wanted);
    return prop ? [{ span: prop.keySpan, message: message(prop.key) }] : [];
  });
}
