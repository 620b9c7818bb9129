// How the code of a CDK stack refers to its constructs: by the name each one is bound to (`endpoint = …`,
// `self.guardrail = …`, `const agent = new …`, `this.agent = …`). Shared by Python L1 constructs and by the
// higher-level constructs of both languages; read from the text around the facts, so it works on any extractor's facts.
import type { FileFacts, Reference, ResourceFact, Value } from '../types';

/** `self.` in Python, `this.` in TypeScript/JavaScript: a construct kept there is visible outside the file's code. */
export type Receiver = 'self' | 'this';

const PYTHON_BINDING = /(?:^|[\n;])[ \t]*((?:self\.)?[A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*\(?[ \t\r\n]*$/;
const TS_BINDING = /(?:^|[\n;{}(])[ \t]*(?:(?:export[ \t]+)?(?:const|let|var)[ \t]+)?((?:this\.)?[A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]+)?=[ \t\r\n]*$/;

/** The name the expression starting at `start` is assigned to, when it is the whole right-hand side of an assignment. */
export function bindingBefore(text: string, start: number, receiver: Receiver): string | undefined {
  const before = text.slice(Math.max(0, start - 300), start);
  const match = (receiver === 'self' ? PYTHON_BINDING : TS_BINDING).exec(before);
  return match?.[1];
}

/**
 * Where the file uses each bound construct: inside another construct's span (`from` that construct), or anywhere
 * else (no `from`: an output, a function argument or a stack attribute hands it on). A construct kept on `self`/`this`
 * is visible to other stacks, so it counts as handed on.
 */
export function constructReferences(resources: readonly ResourceFact[], text: string, receiver: Receiver): Reference[] {
  const bound = new Map<string, ResourceFact>();
  for (const r of resources) if (r.binding && r.address && !bound.has(r.binding)) bound.set(r.binding, r);
  if (bound.size === 0) return [];
  const references: Reference[] = [];
  for (const [binding, r] of bound) if (binding.startsWith(`${receiver}.`)) references.push({ to: r.address!, span: r.nameSpan });
  const names = [...bound.keys()].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.$]/g, '\\$&'));
  for (const match of text.matchAll(new RegExp(`(?<![\\w$.])(?:${names.join('|')})(?![\\w$])`, 'g'))) {
    const target = bound.get(match[0])!;
    const at = match.index;
    if (at < target.span.start && /^[ \t]*(?::[^=\n]+)?=[ \t\r\n(]*$/.test(text.slice(at + match[0].length, target.span.start))) continue; // its binding
    const holder = resources.find((r) => r.address !== target.address && r.span.start <= at && at < r.span.end);
    if (holder === undefined && target.span.start <= at && at < target.span.end) continue;
    references.push({ from: holder?.address, to: target.address!, span: { start: at, end: at + match[0].length } });
  }
  return references;
}

/**
 * Unknown values written as a bound construct's attribute (`endpoint.attr_endpoint_name`, `agent.agentArn`) refer to
 * it: they get its address, as the TypeScript extractor gives its L1 constructs' attributes (in place, as it does).
 * `addressOf` maps bindings, and the spans of bound constructs (`start:end`: a name resolved to its construct), to addresses.
 */
export function addConstructRefs(value: Value, text: string, addressOf: ReadonlyMap<string, string>, receiver: Receiver, depth = 0): void {
  if (depth > 64) return;
  if (value.kind === 'object') for (const p of value.props.values()) addConstructRefs(p.value, text, addressOf, receiver, depth + 1);
  else if (value.kind === 'array') for (const item of value.items) addConstructRefs(item, text, addressOf, receiver, depth + 1);
  else if (value.kind === 'unknown') {
    const refs = new Set((value.refs ?? []).map((r) => addressOf.get(r) ?? r));
    const root = addressOf.get(rootName(text.slice(value.span.start, value.span.end), receiver) ?? '') ?? addressOf.get(`${value.span.start}:${value.span.end}`);
    if (root) refs.add(root);
    if (refs.size > 0) value.refs = [...refs];
  }
}

/** `endpoint` in `endpoint.attr_endpoint_name`, `self.model` in `self.model.model_name`; none for other expressions. */
function rootName(source: string, receiver: Receiver): string | undefined {
  const compact = source.replace(/\s+/g, '');
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(compact)) return undefined;
  const parts = compact.split('.');
  return parts[0] === receiver && parts.length > 1 ? `${parts[0]}.${parts[1]}` : parts[0];
}

/** Adds the references of the file's bound constructs to those it has (the extractor's own, which are kept). */
export function addConstructReferences(facts: FileFacts, text: string, receiver: Receiver, added: readonly ResourceFact[]): void {
  if (!added.some((r) => r.binding)) return;
  const addresses = new Set(added.map((r) => r.address));
  const kept = (facts.references ?? []).filter((ref) => !addresses.has(ref.to));
  facts.references = [...kept, ...constructReferences(facts.resources, text, receiver).filter((ref) => addresses.has(ref.to))];
}
