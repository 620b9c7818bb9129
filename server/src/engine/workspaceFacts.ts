import { keptFlow, wholeCall } from './flow/keep';
import { flowOf } from './flow/summary';
import type { Rule } from './rules/rule';
import type { CallFact, FileFacts, ObjectValue, Property, ResourceFact, Value } from './types';

/**
 * What the cross-file rules among `rules` read of an analysed file (`Rule.workspaceReads`), for a project model that
 * holds every file of a workspace: the calls they read, with their arguments one level deep; every resource, with
 * the properties of the types they read; and the rest of the facts but the literals and exits, which only the file's
 * own rules read. Most of a large workspace's facts concern no cross-file rule. When a cross-file rule does not say what it
 * reads, the facts are kept whole.
 */
export function keepForWorkspace(rules: readonly Rule[]): (facts: FileFacts, text: string) => FileFacts {
  const readers = rules.filter((r) => r.checkWorkspace);
  const reads = readers.map((r) => r.workspaceReads);
  const remember = remembered(readers);
  if (reads.some((r) => r === undefined)) {
    return (facts, text) => {
      const { literals: _literals, exits: _exits, ...kept } = facts;
      const calls = kept.calls.map((call) => remember(call, facts, text, call));
      return { ...kept, calls, trimmed: true, ...(kept.functions ? { flow: flowOf(kept) } : {}) };
    };
  }
  const callsRead = reads.map((r) => r!.calls);
  const callsReadWhole = reads.flatMap((r) => (r!.wholeCalls ? [r!.wholeCalls] : []));
  const withProperties = new Set(reads.flatMap((r) => r!.resourceProperties));
  const readsFlow = reads.some((r) => r!.flow);
  return (facts, text) => {
    const { literals: _literals, exits: _exits, functions, flow: _flow, ...kept } = facts;
    const read = new Set(callsRead.flatMap((calls) => calls(facts)));
    const whole = new Set(callsReadWhole.flatMap((calls) => calls(facts)));
    return {
      ...kept,
      calls: kept.calls
        .filter((call) => read.has(call) || whole.has(call))
        .map((call) => remember(call, facts, text, whole.has(call) ? wholeCall(call) : shallowCall(call))),
      trimmed: true,
      resources: kept.resources.map((r) => (withProperties.has(r.resourceType) ? withoutEvaluation(r) : withoutProperties(r))),
      ...(readsFlow ? keptFlow(functions, flowOf(facts)) : {}),
    };
  };
}

/** Keeps on a kept call what cross-file rules remember of it from the whole file (`WorkspaceReads.remember`). */
function remembered(readers: readonly Rule[]): (call: CallFact, facts: FileFacts, text: string, kept: CallFact) => CallFact {
  const remembering = readers.filter((r) => r.workspaceReads?.remember);
  return (call, facts, text, kept) => {
    let memory: Record<string, unknown> | undefined;
    for (const rule of remembering) {
      const value = rule.workspaceReads!.remember!(call, facts, text);
      if (value !== undefined) (memory ??= {})[rule.meta.id] = value;
    }
    return memory ? { ...kept, remembered: memory } : kept;
  };
}

function shallowCall(call: CallFact): CallFact {
  const props = new Map<string, Property>();
  for (const [key, prop] of call.args.props) props.set(key, { ...prop, value: outline(prop.value) });
  // The insert point stays: a fix adds an argument to the call.
  const args: ObjectValue = { kind: 'object', props, open: call.args.open, span: call.args.span, ...(call.args.insert ? { insert: call.args.insert } : {}) };
  return { ...call, args, positional: call.positional.map(outline) };
}

function withoutProperties(resource: ResourceFact): ResourceFact {
  return { ...withoutEvaluation(resource), props: { kind: 'object', props: new Map(), open: true, span: resource.props.span } };
}

/** A Terraform resource without the expressions its file's analysis evaluated (its values are kept evaluated). */
function withoutEvaluation(resource: ResourceFact): ResourceFact {
  if (!resource.expressions) return resource;
  const { expressions: _expressions, ...rest } = resource;
  return rest;
}

/** A value without what it holds: a literal as is, a reference without where its value comes from, a container open and empty. */
function outline(value: Value): Value {
  switch (value.kind) {
    case 'object':
      return { kind: 'object', props: new Map(), open: true, span: value.span };
    case 'array':
      return { kind: 'array', items: [], open: true, span: value.span };
    case 'unknown':
      return value.origins ? { kind: 'unknown', span: value.span, ...(value.refs ? { refs: value.refs } : {}) } : value;
    default:
      return value;
  }
}
