import { createHash } from 'node:crypto';
import { originalOf } from '../engine/extract/shift';
import type { CallFact, FileFacts, ResourceFact, Value } from '../engine/types';
import { keptContent } from '../engine/workspaceFacts';

/**
 * What cross-file rules can see of a file, without positions: of the facts the project keeps for them
 * (`keepForWorkspace`), its resources (types, addresses, and the property values of the types a cross-file rule
 * reads), its references, the calls a cross-file rule reads (arguments one level deep), its imports and lists of
 * strings. An edit that changes none of these (typing inside a function body, or a property no cross-file rule reads)
 * leaves it unchanged, so the cross-file rules need not run again. In parts: one for each kept call and each resource,
 * kept from edit to edit while the call or resource is only moved (comparing them is comparing the same strings), and
 * the rest.
 */
export type CrossFileSignature = readonly string[];

/** `kept` is what the project keeps of `facts` (`keepForWorkspace`); `facts` says which resources were only moved. */
export function crossFileSignature(facts: FileFacts, kept: FileFacts = facts): CrossFileSignature {
  const rest = JSON.stringify([
    kept.language,
    [...kept.imports],
    (kept.references ?? []).map((r) => [r.from, r.to]),
    kept.calls.length,
    (kept.stringLists ?? []).map((list) => [list.items.map((item) => item.value), list.modelUse?.call ?? null]),
    flowSignature(kept),
    // Whether a Terraform folder is a root or a reusable module, and which modules it calls.
    kept.terraform && [kept.terraform.providers > 0 || kept.terraform.backend, kept.terraform.modules.map((m) => [m.name, m.source])],
  ]);
  return [rest, ...kept.calls.map(callSignature), ...kept.resources.map((r, i) => resourceSignature(r, facts.resources[i]))];
}

/** Signatures of kept calls, by what they hold but for places (`keptContent`): a call only moved by an edit keeps its signature. */
const callSignatures = new WeakMap<object, string>();

function callSignature(call: CallFact): string {
  const content = keptContent(call);
  let signature = content && callSignatures.get(content);
  if (signature === undefined) {
    const seen = new Map<Value, number>();
    signature = JSON.stringify([call.callee, call.qualifiedName, call.name, call.receiverType, call.resultKeys, call.remembered, shape(call.args, seen, true), call.positional.map((p) => shape(p, seen, true))]);
    if (content) callSignatures.set(content, signature);
  }
  return signature;
}

/** The file's functions and flow summary (`engine/flow/`), without positions. */
function flowSignature(kept: FileFacts): unknown {
  if (!kept.flow) return null;
  const seen = new Map<Value, number>();
  return [
    (kept.functions ?? []).map((f) => [f.name, f.container, f.method, f.exportDefault, f.params.map((p) => [p.name, p.kind, p.keys, p.default && shape(p.default, seen, true)])]),
    kept.flow.nodes.map((n) => [n.callee, n.qualifiedName, n.role, n.fn, n.output, n.inputs]),
    kept.flow.returns,
  ];
}

/**
 * A signature as one digest of its parts: what the analysis worker hands the server's thread, which only compares it
 * with the file's previous one (70–80 KB of text for a 3,000-line file, cloned across threads on every edit otherwise).
 */
export function signatureDigest(signature: CrossFileSignature): CrossFileSignature {
  // Parts are JSON: they hold no NUL of their own.
  return [`${signature.length}:${createHash('sha256').update(signature.join('\0')).digest('base64')}`];
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
 * A value without positions (`prose`: the text of strings with spaces left out). Extracted values share objects (a
 * dict bound to a name and used in many places), so a container met again is written as a back reference: written
 * out in full, shared values grow exponentially.
 */
function shape(value: Value, seen: Map<Value, number>, prose = false): unknown {
  if (value.kind === 'object' || value.kind === 'array') {
    const id = seen.get(value);
    if (id !== undefined) return ['#', id];
    seen.set(value, seen.size);
  }
  switch (value.kind) {
    case 'object':
      return [value.open, [...value.props.entries()].map(([k, p]) => [k, shape(p.value, seen, prose)])];
    case 'array':
      return [value.open, value.items.map((item) => shape(item, seen, prose))];
    case 'unknown':
      return ['?', value.refs, value.parameter, value.fallback && shape(value.fallback, seen, prose)];
    case 'null':
      return null;
    case 'string':
      // In call arguments, text with spaces is a prompt or a message: no cross-file rule reads it.
      return prose && /\s/.test(value.value) ? '…' : value.value;
    default:
      return value.value;
  }
}
