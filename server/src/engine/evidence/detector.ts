import { field, isFalse } from '../values';
import type { CallFact, FileFacts, ResourceFact, Span, Value } from '../types';
import type { Triggers } from '../triggers';

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
  /** What must occur in a file's text for `detect` to find anything in it (see `Triggers`); left out, it reads every file. */
  triggers?: Triggers;
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

/**
 * A boto3 call of `operation` on a `service` client, or on a receiver of unknown type when it passes the operation's
 * own camelCase keyword (`signature`), which no other library uses.
 */
export function isBoto3Call(call: CallFact, service: string, operation: string, signature?: string): boolean {
  if (call.name !== operation) return false;
  if (call.receiverType === `boto3:${service}`) return true;
  return call.receiverType === undefined && signature !== undefined && call.args.props.has(signature);
}

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
