import { keptFlow, wholeCall } from './flow/keep';
import { CallChoice } from './keptCalls';
import { fieldsOf, PLACES, sameFields } from './factFields';
import { flowOf } from './flow/summary';
import { Slot } from './slot';
import type { CallRead, Rule, WorkspaceReads } from './rules/rule';
import type { CallFact, FileFacts, ObjectValue, Property, ResourceFact, Value } from './types';

/**
 * What the cross-file rules among `rules` read of an analysed file (`Rule.workspaceReads`), for a project model that
 * holds every file of a workspace: the calls they read, with their arguments one level deep (only the keys they
 * declare reading, `WorkspaceReads.callKeys`, when every rule that reads the call declares them); every resource, with
 * the properties of the types they read; and the rest of the facts but the literals and exits, which only the file's
 * own rules read. Most of a large workspace's facts concern no cross-file rule. When a cross-file rule does not say what it
 * reads, the facts are kept whole.
 */
export function keepForWorkspace(rules: readonly Rule[]): (facts: FileFacts, text: string) => FileFacts {
  const readers = rules.filter((r) => r.checkWorkspace);
  const reads = readers.map((r) => r.workspaceReads);
  const readsFlow = reads.some((r) => r?.flow);
  const choice = new CallChoice(reads, readsFlow);
  const rememberedOf = remembered(reads, readers);
  if (reads.some((r) => r === undefined)) {
    return (facts, text) => {
      const { literals: _literals, exits: _exits, ...kept } = facts;
      // Copies of the calls and functions, whose values the file's next analysis moves in place (`extract/pythonShift.ts`).
      const memories = new Map(choice.of(facts).map(({ call, answers }) => [call, rememberedOf(call, answers, facts, text)]));
      const calls = kept.calls.map((call) => withMemory(call, memories.get(call)));
      if (!kept.functions) return { ...kept, calls: structuredClone(calls), trimmed: true };
      const copied = structuredClone({ calls, functions: kept.functions });
      const whole = { ...kept, ...copied, trimmed: true };
      return { ...whole, flow: flowOf(whole) };
    };
  }
  const keys = new Set(reads.flatMap((r) => r!.callKeys ?? []));
  const declaring = reads.map((r) => r!.callKeys !== undefined);
  const modeOf = (answers: readonly (CallRead | undefined)[], flowEveryKey: boolean): CallMode | undefined => {
    let declared = false;
    let every = false;
    for (let i = 0; i < answers.length; i++) {
      if (answers[i] === 'whole') return 'whole';
      if (answers[i] === 'outline') (declaring[i] ? (declared = true) : (every = true));
    }
    if (every || (declared && readsFlow && flowEveryKey)) return 'every key';
    return declared ? 'declared keys' : undefined;
  };
  const withProperties = new Set(reads.flatMap((r) => r!.resourceProperties));
  const keptCalls = new KeptItems<CallFact>();
  const keptResources = new KeptItems<ResourceFact>();
  return (facts, text) => {
    const { literals: _literals, exits: _exits, functions, flow: _flow, ...kept } = facts;
    const calls: CallFact[] = [];
    for (const { call, answers, flowEveryKey } of choice.of(facts)) {
      const mode = modeOf(answers, flowEveryKey);
      if (!mode) continue;
      const memory = rememberedOf(call, answers, facts, text);
      calls.push(keptCalls.get(call, mode, memory, () => withMemory(mode === 'whole' ? wholeCall(call) : shallowCall(call, mode === 'declared keys' ? keys : undefined), memory)));
    }
    return {
      ...kept,
      calls,
      trimmed: true,
      resources: kept.resources.map((r) => keptResources.get(r, withProperties.has(r.resourceType), undefined, () => (withProperties.has(r.resourceType) ? withoutEvaluation(r) : withoutProperties(r)))),
      ...(readsFlow ? keptFlow(functions, flowOf(facts)) : {}),
    };
  };
}

/**
 * What was kept of each call or resource, by the fact it was kept of: a fact kept from one edit to the next (the
 * extractors keep those of unchanged statements and blocks) is kept as the same object, which costs nothing to make
 * again and which the language server's worker hands over as such (`lsp/handover.ts`). The extractors set a few
 * fields of a kept fact again after an edit (`resultKeys`), always as new values: a fact whose own fields are not all
 * the same values as when it was kept, or that cross-file rules remember differently, is kept anew.
 */
class KeptItems<T extends object> {
  /** Held by each fact (`Slot`), not a `WeakMap`: its fields reach the whole fact, which a `WeakMap` kept alive longer. */
  private readonly known = new Slot<T, { fields: unknown[]; mode: unknown; memory: unknown; kept: T; content: object }>('kept for the workspace');

  get(item: T, mode: unknown, memory: unknown, keep: () => T): T {
    const known = this.known.get(item);
    const same = known !== undefined && known.mode === mode && sameData(known.memory, memory);
    if (same && sameFields(item, known.fields)) return known.kept;
    // Only moved (new places, the same values moved in place: `extract/places.ts`): kept anew, with the same content.
    const content = same && sameFields(item, known.fields, PLACES) ? known.content : {};
    const kept = keep();
    keptContents.set(kept, content);
    this.known.set(item, { fields: fieldsOf(item), mode, memory, kept, content });
    return kept;
  }
}

/** A `WeakMap`: its values are empty objects, which reach no fact. */
const keptContents = new WeakMap<object, object>();

/**
 * What a kept call or resource holds but for places: an object that stays the same as long as what is kept of the same
 * fact differs only in where it is (for what is worked out from kept facts without their places: `lsp/signature.ts`).
 * Undefined for facts `keepForWorkspace` did not keep.
 */
export function keptContent(kept: object): object | undefined {
  return keptContents.get(kept);
}

/** Equal plain data (what cross-file rules remember: JSON-like objects); anything else only when the same object. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What cross-file rules remember of a call they read from the whole file (`WorkspaceReads.remember`), by rule. */
function remembered(reads: readonly (WorkspaceReads | undefined)[], readers: readonly Rule[]): (call: CallFact, answers: readonly (CallRead | undefined)[], facts: FileFacts, text: string) => Record<string, unknown> | undefined {
  const remembering = reads.flatMap((r, i) => (r?.remember ? [i] : []));
  return (call, answers, facts, text) => {
    let memory: Record<string, unknown> | undefined;
    for (const i of remembering) {
      if (answers[i] === undefined) continue;
      const value = reads[i]!.remember!(call, facts, text);
      if (value !== undefined) (memory ??= {})[readers[i].meta.id] = value;
    }
    return memory;
  };
}

/** A kept call with what cross-file rules remember of it. */
function withMemory(kept: CallFact, memory: Record<string, unknown> | undefined): CallFact {
  return memory ? { ...kept, remembered: memory } : kept;
}

/**
 * How much of a call the workspace keeps: its arguments at any depth (`wholeCall`), or one level deep with every key,
 * or with only the keys the cross-file rules that read it declare (`WorkspaceReads.callKeys`).
 */
type CallMode = 'whole' | 'every key' | 'declared keys';

/** A call one level deep: with the arguments of `keys` only, when given. */
function shallowCall(call: CallFact, keys?: ReadonlySet<string>): CallFact {
  const props = new Map<string, Property>();
  for (const [key, prop] of call.args.props) if (!keys || keys.has(key)) props.set(key, { ...prop, value: outline(prop.value) });
  // The insert point stays: a fix adds an argument to the call.
  const args: ObjectValue = { kind: 'object', props, open: call.args.open, span: call.args.span, ...(call.args.insert ? { insert: { ...call.args.insert } } : {}) };
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

/**
 * A value without what it holds: a literal as is, a reference without where its value comes from, a container open
 * and empty. Always a new object: the facts' values are moved in place after the next edit (`extract/pythonShift.ts`),
 * and what is kept must still say where they were.
 */
function outline(value: Value): Value {
  switch (value.kind) {
    case 'object':
      return { kind: 'object', props: new Map(), open: true, span: value.span };
    case 'array':
      return { kind: 'array', items: [], open: true, span: value.span };
    case 'unknown':
      return value.origins ? { kind: 'unknown', span: value.span, ...(value.refs ? { refs: value.refs } : {}) } : { ...value };
    default:
      return { ...value };
  }
}
