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

/** `kept` is what the project keeps of `facts` (`keepForWorkspace`); `facts` says which resources were only moved. */
export function crossFileSignature(facts: FileFacts, kept: FileFacts = facts): CrossFileSignature {
  const seen = new Map<Value, number>();
  const rest = JSON.stringify([
    kept.language,
    [...kept.imports],
    (kept.references ?? []).map((r) => [r.from, r.to]),
    kept.calls.map((c) => [c.callee, c.qualifiedName, c.name, c.receiverType, shape(c.args, seen)]),
    (kept.stringLists ?? []).map((list) => [list.items.map((item) => item.value), list.modelUse?.call ?? null]),
    // Whether a Terraform folder is a root or a reusable module, and which modules it calls.
    kept.terraform && [kept.terraform.providers > 0 || kept.terraform.backend, kept.terraform.modules.map((m) => [m.name, m.source])],
  ]);
  return [rest, ...kept.resources.map((r, i) => resourceSignature(r, facts.resources[i]))];
}

export function sameSignature(a: CrossFileSignature | undefined, b: CrossFileSignature | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/**
 * Signatures of resources, kept for their originals: a Terraform block moved by an edit keeps its signature. Those
 * of resources kept whole, and of resources kept without their properties (a new copy on every edit), apart.
 */
const wholeSignatures = new WeakMap<ResourceFact, string>();
const outlineSignatures = new WeakMap<ResourceFact, string>();

/** The signature of `kept`, what the project keeps of `resource` (the resource itself, or it without its properties). */
function resourceSignature(kept: ResourceFact, resource: ResourceFact = kept): string {
  const signatures = kept.props === resource.props ? wholeSignatures : outlineSignatures;
  const original = originalOf(resource);
  let signature = signatures.get(original);
  if (signature === undefined) {
    signature = JSON.stringify([kept.resourceType, kept.address, kept.name, shape(kept.props, new Map())]);
    signatures.set(original, signature);
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
