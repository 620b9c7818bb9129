// What a workspace keeps of a file for the flow across files: its functions (without what they return, which the
// summary holds), its flow summary, and the calls a rule reads whole, without the origins of their values (which point
// at every other call of the file and would keep them all).
import type { CallFact, FileFacts, FunctionFact, ObjectValue, UnknownValue, Value } from '../types';
import { mayCallProjectFunction } from './summary';

/** Looks like a Bedrock model ID or inference profile: `anthropic.claude-…`, `us.amazon.nova-…`, an ARN. */
const MODEL_ID = /^(arn:aws[\w-]*:bedrock:|([a-z]{2,6}\.)?[a-z0-9-]+\.[a-z0-9-]+[\w.:-]*$)/;

/**
 * A call that may hand a request (or part of one) to a function of the project: it may call one, and passes an
 * object, a parameter of its own function, what it spreads in, or a string that looks like a model ID. Calls that pass
 * nothing of the kind cannot decide a request, and are not kept whole.
 */
export function mayCarryRequest(call: CallFact, facts: FileFacts): boolean {
  if (!mayCallProjectFunction(call, facts)) return false;
  if (call.args.spreads?.length) return true;
  const values = [...call.positional, ...[...call.args.props.values()].map((p) => p.value)];
  return values.some((v) => v.kind === 'object' || v.kind === 'array' || (v.kind === 'unknown' && v.parameter !== undefined) || (v.kind === 'string' && MODEL_ID.test(v.value)));
}

/** Functions as a workspace keeps them: parameters and their defaults, no returned values. */
export function keptFunctions(functions: readonly FunctionFact[] | undefined): FunctionFact[] | undefined {
  const copies = new Map<Value, Value>();
  return functions?.map((fn) => ({ ...fn, returns: [], params: fn.params.map((p) => (p.default ? { ...p, default: withoutOrigins(p.default, copies) } : p)) }));
}

/** A call with its arguments whole, but without the origins of its values. */
export function wholeCall(call: CallFact): CallFact {
  const copies = new Map<Value, Value>();
  const args = withoutOrigins(call.args, copies) as ObjectValue;
  return { ...call, args, positional: call.positional.map((p) => withoutOrigins(p, copies)) };
}

/** A copy without origins. Values share parts (a dict bound to a name and used in many places): each is copied once. */
function withoutOrigins(value: Value, copies = new Map<Value, Value>()): Value {
  const known = copies.get(value);
  if (known) return known;
  let copy: Value;
  switch (value.kind) {
    case 'unknown': {
      const { origins: _origins, ...rest } = value;
      copy = rest.fallback ? { ...rest, fallback: withoutOrigins(rest.fallback, copies) } : rest;
      break;
    }
    case 'object': {
      const props = new Map([...value.props].map(([k, p]) => [k, { ...p, value: withoutOrigins(p.value, copies) }]));
      const spreads = value.spreads?.map((s) => withoutOrigins(s, copies) as UnknownValue);
      copy = { ...value, props, ...(spreads ? { spreads } : {}) };
      break;
    }
    case 'array':
      copy = { ...value, items: value.items.map((item) => withoutOrigins(item, copies)) };
      break;
    default:
      copy = value;
  }
  copies.set(value, copy);
  return copy;
}
