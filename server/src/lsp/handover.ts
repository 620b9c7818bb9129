// What the analysis worker hands the server's thread of an open document's outcome: only what changed since the
// document's previous outcome. An outcome crosses threads as a structured clone, whose cost grows with the objects it
// holds (300–375 KB for a 3,000-line file, most of it what the project keeps for the cross-file rules, the same from
// one keystroke to the next but for the statement typed in). So, of the findings and of the kept facts' calls,
// resources, references, functions and flow nodes, those the previous outcome held are handed over as their place in
// it, and those an edit only moved as that place and how far they moved; the server's thread takes them from the
// previous outcome it received.
import { originalOf, shiftResource } from '../engine/extract/shift';
import type { FlowSummary } from '../engine/flow/summary';
import type { AnalysisResult, CallFact, FileFacts, Finding, FunctionFact, Reference, ResourceFact } from '../engine/types';
import type { AnalysisOutcome } from './analysisJob';

/**
 * An item of a kept list as handed over: the item, the index of the same item in the previous outcome's list, or the
 * index of an item it equals but for its offsets, all moved by `delta`.
 */
export type Slot = object | number | readonly [index: number, delta: number];

/** The outcome's lists that are handed over item by item (its findings, its kept facts'), how to read and set them, and how an item moves. */
const LISTS = {
  findings: { of: (r: AnalysisResult) => r.findings, set: (r: AnalysisResult, items: unknown[]) => (r.findings = items as Finding[]), move: moved },
  calls: { of: (r: AnalysisResult) => r.facts?.calls, set: (r: AnalysisResult, items: unknown[]) => (r.facts!.calls = items as CallFact[]), move: moved },
  resources: { of: (r: AnalysisResult) => r.facts?.resources, set: (r: AnalysisResult, items: unknown[]) => (r.facts!.resources = items as ResourceFact[]), move: shiftResource },
  references: { of: (r: AnalysisResult) => r.facts?.references, set: (r: AnalysisResult, items: unknown[]) => (r.facts!.references = items as Reference[]), move: moved },
  functions: { of: (r: AnalysisResult) => r.facts?.functions, set: (r: AnalysisResult, items: unknown[]) => (r.facts!.functions = items as FunctionFact[]), move: moved },
  flowNodes: { of: (r: AnalysisResult) => r.facts?.flow?.nodes, set: (r: AnalysisResult, items: unknown[]) => (r.facts!.flow = { ...r.facts!.flow!, nodes: items as FlowSummary['nodes'] }), move: moved },
} satisfies Record<string, { of(result: AnalysisResult): readonly object[] | undefined; set(result: AnalysisResult, items: unknown[]): unknown; move(item: never, delta: number): unknown }>;

type ListName = keyof typeof LISTS;
const LIST_NAMES = Object.keys(LISTS) as ListName[];

type Lists<T> = Partial<Record<ListName, T[]>>;

/**
 * The outcome's lists, written against the outcome of job `base` (of the same document): a file's in `lists`; a
 * notebook's findings in `lists` and each module's kept facts in `modules`, by the module's key.
 */
export interface KeptDelta {
  base: number;
  lists: Lists<Slot>;
  modules?: Record<string, Lists<Slot>>;
}

/** The kept lists of an outcome, as both threads hold them, by part (`partsOf`). */
interface KeptLists {
  jobId: number;
  parts: Map<string, Lists<object>>;
}

/**
 * The parts of a result whose lists are handed over, each as a result of its own: a file whole (`''`), or a notebook's
 * findings (`''`) and each of its modules' kept facts (by module key, with no findings). Setting a part's lists sets
 * the result's. Undefined for a result without facts.
 */
function partsOf(result: AnalysisResult): Map<string, AnalysisResult> | undefined {
  if (result.facts) return new Map([['', result]]);
  const modules = result.notebook?.modules.filter((m) => m.facts);
  if (!modules?.length) return undefined;
  const parts = new Map<string, AnalysisResult>([['', { findings: result.findings, problems: [] }]]);
  for (const module of modules) parts.set(module.key, { findings: [], problems: [], facts: module.facts });
  const whole = parts.get('')!;
  // The notebook's findings are set on the result itself.
  Object.defineProperty(whole, 'findings', { get: () => result.findings, set: (items: Finding[]) => (result.findings = items) });
  return parts;
}

/** A copy of a result to send in which the lists can be replaced: its facts (a notebook's modules' facts) copied. */
function sendable(result: AnalysisResult): AnalysisResult {
  if (result.facts) return { ...result, facts: { ...result.facts } };
  const notebook = result.notebook!;
  const modules = notebook.modules.map((m) => ({ ...m, facts: m.facts && { ...m.facts } }));
  return { ...result, notebook: { ...notebook, modules } as unknown as typeof notebook };
}

/** The lists of a result with facts. */
function listsOf(result: AnalysisResult): Lists<object> {
  const lists: Lists<object> = {};
  for (const name of LIST_NAMES) {
    const items = LISTS[name].of(result);
    if (items) lists[name] = items;
  }
  return lists;
}

/** The lists of each part of a result. */
function partLists(parts: Map<string, AnalysisResult>): Map<string, Lists<object>> {
  return new Map([...parts].map(([name, part]) => [name, listsOf(part)]));
}

/** The facts each outcome's kept facts were kept of (in the worker): which resources an edit only moved. */
const sources = new WeakMap<FileFacts, FileFacts>();

export function keptFrom(kept: FileFacts, facts: FileFacts): void {
  sources.set(kept, facts);
}

/** In the worker: writes each open document's outcome against the previous one it handed over. */
export class HandoverWriter {
  private readonly last = new Map<string, KeptLists & { originals: Map<string, readonly ResourceFact[]> }>();

  /**
   * The outcome to send: with `handover` set when the server's thread keeps its lists for the document's next outcome
   * (an open document's or notebook's), and its kept facts' lists written against the previous one when there is one.
   */
  write(outcome: AnalysisOutcome, open: boolean): AnalysisOutcome {
    const previous = this.last.get(outcome.key);
    this.last.delete(outcome.key);
    const parts = open ? partsOf(outcome.result) : undefined;
    if (!parts) return outcome;
    const originals = new Map([...parts].map(([name, part]) => [name, ((part.facts && sources.get(part.facts)?.resources) ?? []).map(originalOf)]));
    const lists = partLists(parts);
    this.last.set(outcome.key, { jobId: outcome.id, parts: lists, originals });
    if (!previous) return { ...outcome, handover: {} };
    const delta: KeptDelta = { base: previous.jobId, lists: {} };
    const sent = sendable(outcome.result);
    const sentParts = partsOf(sent)!;
    for (const [part, partLists] of lists) {
      const slots: Lists<Slot> = {};
      if (part === '') delta.lists = slots;
      else (delta.modules ??= {})[part] = slots;
      const before = previous.parts.get(part) ?? {};
      const partOriginals = originals.get(part)!;
      for (const name of LIST_NAMES) {
        const items = partLists[name];
        if (!items) continue;
        slots[name] =
          name === 'resources'
            ? movedResources(items as ResourceFact[], partOriginals.length === items.length ? partOriginals : undefined, (before[name] ?? []) as ResourceFact[], previous.originals.get(part) ?? [])
            : movedItems(items, before[name] ?? []);
        LISTS[name].set(sentParts.get(part)!, []);
      }
    }
    return { ...outcome, result: sent, handover: { delta } };
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}

/** Resources the previous list held, and those only moved since (shifted copies of the same original). */
function movedResources(resources: readonly ResourceFact[], originals: readonly ResourceFact[] | undefined, previous: readonly ResourceFact[], previousOriginals: readonly ResourceFact[]): Slot[] {
  const same = new Map<ResourceFact, number>();
  previous.forEach((r, i) => same.set(r, i));
  const moved = new Map<ResourceFact, number>();
  if (previousOriginals.length === previous.length) previousOriginals.forEach((o, i) => moved.has(o) || moved.set(o, i));
  return resources.map((resource, i) => {
    const index = same.get(resource);
    if (index !== undefined) return index;
    const from = originals && moved.get(originals[i]);
    if (from === undefined) return resource;
    const delta = resource.span.start - previous[from].span.start;
    return delta === 0 ? from : [from, delta];
  });
}

/**
 * Items the previous list held, and those only moved since: the one as many places from the end of the list (an edit
 * before it added or removed as many), equal to it in all but its offsets, which all moved by as much (`movedBy`).
 */
function movedItems(items: readonly object[], previous: readonly object[]): Slot[] {
  const same = new Map<object, number>();
  previous.forEach((item, i) => same.set(item, i));
  const offset = previous.length - items.length;
  return items.map((item, i) => {
    const index = same.get(item);
    if (index !== undefined) return index;
    const from = i + offset;
    const delta = from >= 0 && from < previous.length ? movedBy(item, previous[from]) : undefined;
    return delta === undefined ? item : delta === 0 ? from : [from, delta];
  });
}

/** A span that stands for no place (a kept function's parameters): it does not move. */
function placeless(value: object): boolean {
  const span = value as { start?: unknown; end?: unknown };
  return span.start === 0 && span.end === 0 && Object.keys(value).length === 2;
}

/**
 * How many values `movedBy` compares at most: an item with more (values shared many times over, which a structured
 * clone sends once) is handed over whole.
 */
const MAX_VALUES = 4000;

/** What `movedBy` found so far: the delta, and how many values it compared. */
const walk = { delta: undefined as number | undefined, values: 0 };

/**
 * How far `before` moved to become `item`, if it did: equal plain data (objects, arrays, maps) but for the offsets
 * (numbers under `start`, `end` and `offset`, outside placeless spans), each `delta` more. What `moved` makes of
 * `before` with it equals `item`.
 */
export function movedBy(item: unknown, before: unknown): number | undefined {
  walk.delta = undefined;
  walk.values = 0;
  return sameMoved(item, before, false) ? (walk.delta ?? 0) : undefined;
}

function sameMoved(a: unknown, b: unknown, offset: boolean): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    if (!offset || typeof a !== 'number' || typeof b !== 'number') return a === b;
    walk.delta ??= a - b;
    return a - b === walk.delta;
  }
  if (++walk.values > MAX_VALUES) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMoved(a[i], b[i], false)) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !sameMoved(value, b.get(key), false)) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const moves = !placeless(b);
  let keys = 0;
  for (const key in a) {
    keys++;
    if (!Object.hasOwn(b, key)) return false;
    if (!sameMoved((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], moves && (key === 'start' || key === 'end' || key === 'offset'))) return false;
  }
  for (const _key in b) keys--;
  return keys === 0;
}

/** `item` with its offsets moved by `delta`, as `movedBy` found them. Parts shared within it are copied apart (equal copies). */
export function moved<T>(item: T, delta: number): T {
  return movedCopy(item, delta, false) as T;
}

function movedCopy(value: unknown, delta: number, offset: boolean): unknown {
  if (typeof value !== 'object' || value === null) return offset && typeof value === 'number' ? value + delta : value;
  if (Array.isArray(value)) {
    const items: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = movedCopy(value[i], delta, false);
    return items;
  }
  if (value instanceof Map) {
    const map = new Map();
    for (const [key, v] of value) map.set(key, movedCopy(v, delta, false));
    return map;
  }
  const moves = !placeless(value);
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = movedCopy((value as Record<string, unknown>)[key], delta, moves && (key === 'start' || key === 'end' || key === 'offset'));
  return out;
}

/** On the server's thread: the outcomes as the worker had them, from what it handed over. */
export class HandoverReader {
  private readonly last = new Map<string, KeptLists>();

  /** The outcome whole, or undefined when it is written against an outcome this thread does not hold. */
  read(outcome: AnalysisOutcome): AnalysisOutcome | undefined {
    const previous = this.last.get(outcome.key);
    this.last.delete(outcome.key);
    const handover = outcome.handover;
    if (!handover) return outcome;
    delete outcome.handover;
    const parts = partsOf(outcome.result);
    if (!parts) return outcome;
    const delta = handover.delta;
    if (delta) {
      if (previous?.jobId !== delta.base) return undefined;
      for (const [part, result] of parts) {
        const slotLists = part === '' ? delta.lists : delta.modules?.[part];
        const beforeLists = previous.parts.get(part) ?? {};
        for (const name of LIST_NAMES) {
          const slots = slotLists?.[name];
          if (!slots) continue;
          const before = beforeLists[name] ?? [];
          const move = LISTS[name].move as (item: object, delta: number) => object;
          LISTS[name].set(result, slots.map((slot) => (typeof slot === 'number' ? before[slot] : Array.isArray(slot) ? move(before[slot[0] as number], slot[1] as number) : slot)));
        }
      }
    }
    this.last.set(outcome.key, { jobId: outcome.id, parts: partLists(parts) });
    return outcome;
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
