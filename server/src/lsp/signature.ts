import type { FileFacts, Value } from '../engine/types';

/**
 * What cross-file rules can see of a file: its resources (types, addresses, property values), its references and the
 * calls it makes, without positions. Typing inside a function body that changes none of these leaves it unchanged,
 * so the cross-file rules need not run again.
 */
export function crossFileSignature(facts: FileFacts): string {
  return JSON.stringify([
    facts.resources.map((r) => [r.resourceType, r.address, r.name, shape(r.props)]),
    (facts.references ?? []).map((r) => [r.from, r.to]),
    facts.calls.map((c) => [c.qualifiedName ?? c.callee, c.receiverType, shape(c.args)]),
  ]);
}

function shape(value: Value): unknown {
  switch (value.kind) {
    case 'object':
      return [value.open, [...value.props.entries()].map(([k, p]) => [k, shape(p.value)])];
    case 'array':
      return [value.open, value.items.map(shape)];
    case 'unknown':
      return ['?', value.refs];
    case 'null':
      return null;
    default:
      return value.value;
  }
}
