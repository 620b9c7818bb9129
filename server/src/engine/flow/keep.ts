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
  return functions?.map((fn) => ({ ...fn, returns: [], params: fn.params.map((p) => (p.default ? { ...p, default: withoutOrigins(p.default) } : p)) }));
}

/** A call with its arguments whole, but without the origins of its values. */
export function wholeCall(call: CallFact): CallFact {
  const args = withoutOrigins(call.args) as ObjectValue;
  return { ...call, args, positional: call.positional.map(withoutOrigins) };
}

function withoutOrigins(value: Value): Value {
  switch (value.kind) {
    case 'unknown': {
      if (!value.origins && !value.fallback) return value;
      const { origins: _origins, ...rest } = value;
      return rest.fallback ? { ...rest, fallback: withoutOrigins(rest.fallback) } : rest;
    }
    case 'object': {
      const props = new Map([...value.props].map(([k, p]) => [k, { ...p, value: withoutOrigins(p.value) }]));
      const spreads = value.spreads?.map((s) => withoutOrigins(s) as UnknownValue);
      return { ...value, props, ...(spreads ? { spreads } : {}) };
    }
    case 'array':
      return { ...value, items: value.items.map(withoutOrigins) };
    default:
      return value;
  }
}
