import { originalOf } from '../engine/extract/shift';
import type { FileFacts, ResourceFact, Value } from '../engine/types';

/**
 * What cross-file rules can see of a file, without positions: of the facts the project keeps for them
 * (`keepForWorkspace`), its resources (types, addresses, and the property values of the types a cross-file rule
 * reads), its references, the calls a cross-file rule reads (arguments one level deep), its imports and lists of
 * strings. An edit that changes none of these (typing inside a function body, or a property no cross-file rule reads)
 * leaves it unchanged, so the cross-file rules need not run again. In parts: one for each resource, kept from edit to
 * edit while the resource is only moved (comparing them is comparing the same strings), and the rest.
 */
export type CrossFileSignature = readonly string[];

export function crossFileSignature(facts: FileFacts): CrossFileSignature {
  const seen = new Map<Value, number>();
  const rest = JSON.stringify([
    facts.language,
    [...facts.imports],
    (facts.references ?? []).map((r) => [r.from, r.to]),
    facts.calls.map((c) => [c.callee, c.qualifiedName, c.name, c.receiverType, shape(c.args, seen)]),
    (facts.stringLists ?? []).map((list) => list.items.map((item) => item.value)),
  ]);
  return [rest, ...facts.resources.map(resourceSignature)];
}

export function sameSignature(a: CrossFileSignature | undefined, b: CrossFileSignature | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** Signatures of resources, kept for their originals: a Terraform block moved by an edit keeps its signature. */
const resourceSignatures = new WeakMap<ResourceFact, string>();

function resourceSignature(resource: ResourceFact): string {
  // Properties no cross-file rule reads were left out (a new object on every edit): nothing worth keeping.
  if (resource.props.props.size === 0) return JSON.stringify([resource.resourceType, resource.address, resource.name, shape(resource.props, new Map())]);
  const original = originalOf(resource);
  let signature = resourceSignatures.get(original);
  if (signature === undefined) {
    signature = JSON.stringify([original.resourceType, original.address, original.name, shape(original.props, new Map())]);
    resourceSignatures.set(original, signature);
  }
  return signature;
}

/**
 * A value without positions. Extracted values share objects (a dict bound to a name and used in many places), so a
 * container met again is written as a back reference: written out in full, shared values grow exponentially.
 */
function shape(value: Value, seen: Map<Value, number>): unknown {
  if (value.kind === 'object' || value.kind === 'array') {
    const id = seen.get(value);
    if (id !== undefined) return ['#', id];
    seen.set(value, seen.size);
  }
  switch (value.kind) {
    case 'object':
      return [value.open, [...value.props.entries()].map(([k, p]) => [k, shape(p.value, seen)])];
    case 'array':
      return [value.open, value.items.map((item) => shape(item, seen))];
    case 'unknown':
      return ['?', value.refs];
    case 'null':
      return null;
    default:
      return value.value;
  }
}
