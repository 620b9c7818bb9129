// What a workspace keeps of a file for the flow across files: its flow summary, the functions flows can go through
// (without what they return, which the summary holds), and the calls a rule reads whole: their objects at any depth,
// without the origins of their values (which point at every other call of the file and would keep them all) and
// without the items of their lists (message lists, prompts), which no cross-file rule reads.
import type { CallFact, FunctionFact, ParameterFact, ObjectValue, UnknownValue, Value } from '../types';
import type { KeepInputs } from '../rules/rule';
import type { FlowSummary } from './summary';
import { fieldsOf, sameFields } from '../factFields';
import { Slot } from '../slot';

/** What the workspace does not read of a kept function: where its name and parameters are, what it returns. */
const NO_SPAN = Object.freeze({ start: 0, end: 0 });
const NO_VALUES: Value[] = [];

/** Looks like a Bedrock model ID or inference profile: `anthropic.claude-…`, `us.amazon.nova-…`, an ARN. */
const MODEL_ID = /^(arn:aws[\w-]*:bedrock:|([a-z]{2,6}\.)?[a-z0-9-]+\.[a-z0-9-]+[\w.:-]*$)/;

/**
 * A call that may hand a request (or part of one) to a function of the project: it passes an object, a parameter of
 * its own function, what it spreads in, or a string that looks like a model ID, and it may call one (asked last: it
 * reads the file's names, `KeepInputs`). Calls that pass nothing of the kind cannot decide a request, and are not
 * kept whole.
 */
export function mayCarryRequest(call: CallFact, file: Pick<KeepInputs, 'mayCallProjectFunction'>): boolean {
  return passesRequestParts(call) && file.mayCallProjectFunction(call);
}

function passesRequestParts(call: CallFact): boolean {
  if (call.args.spreads?.length) return true;
  const isPart = (v: Value) => v.kind === 'object' || v.kind === 'array' || (v.kind === 'unknown' && v.parameter !== undefined) || (v.kind === 'string' && MODEL_ID.test(v.value));
  if (call.positional.some(isPart)) return true;
  for (const prop of call.args.props.values()) if (isPart(prop.value)) return true;
  return false;
}

/**
 * The functions flows can go through, as a workspace keeps them (parameters and their defaults, no returned values),
 * with the summary renumbered to match: a function with no call node in it and nothing it returns from one or from
 * its parameters neither sends a request nor passes output on, and calls to it lead nowhere.
 */
export function keptFlow(functions: readonly FunctionFact[] | undefined, flow: FlowSummary): { functions: FunctionFact[]; flow: FlowSummary } {
  const used = new Set<number>();
  for (const node of flow.nodes) if (node.fn !== undefined) used.add(node.fn);
  flow.returns.forEach((sources, i) => {
    if (sources.length) used.add(i);
  });
  const renumbered = new Map<number, number>();
  const kept: FunctionFact[] = [];
  (functions ?? []).forEach((fn, i) => {
    if (!used.has(i)) return;
    renumbered.set(i, kept.length);
    kept.push(keptFunction(fn));
  });
  return {
    functions: kept,
    flow: {
      nodes: flow.nodes.map((node) => (node.fn === undefined ? node : { ...node, fn: renumbered.get(node.fn) })),
      returns: (functions ?? []).flatMap((_, i) => (renumbered.has(i) ? [flow.returns[i]] : [])),
    },
  };
}

/**
 * Kept functions by their list of parameters: the extractors keep an unchanged function's fact (TypeScript) or its
 * parameters (Python, which copies the fact on every analysis) as the same objects.
 */
const keptFunctions = new Slot<readonly ParameterFact[], { fields: unknown[]; kept: FunctionFact }>('function kept for the workspace');

/** A function as the workspace keeps it: the same object while the function's fields are the same values. */
function keptFunction(fn: FunctionFact): FunctionFact {
  const known = keptFunctions.get(fn.params);
  if (known && sameFields(fn, known.fields)) return known.kept;
  const copies = new Map<Value, Value>();
  const params = fn.params.map((p) => ({ ...p, span: NO_SPAN, ...(p.default ? { default: withoutOrigins(p.default, copies) } : {}) }));
  const kept = { ...fn, returns: NO_VALUES, params, nameSpan: NO_SPAN };
  keptFunctions.set(fn.params, { fields: fieldsOf(fn), kept });
  return kept;
}

/** A call with its arguments whole, but without the origins of its values. */
export function wholeCall(call: CallFact): CallFact {
  const copies = new Map<Value, Value>();
  const args = withoutOrigins(call.args, copies) as ObjectValue;
  return { ...call, args, positional: call.positional.map((p) => withoutOrigins(p, copies)) };
}

/** A copy without origins, lists as open outlines. Values share parts (a dict bound to a name and used in many places): each is copied once. */
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
      copy = { ...value, props, ...(spreads ? { spreads } : {}), ...(value.insert ? { insert: { ...value.insert } } : {}) };
      break;
    }
    case 'array':
      copy = { kind: 'array', items: [], open: true, span: value.span };
      break;
    default:
      copy = { ...value }; // a new object all the same: the facts' values move in place after an edit (`extract/pythonShift.ts`)
  }
  copies.set(value, copy);
  return copy;
}
