// The properties of a higher-level CDK construct as the code writes them, with camelCase keys in both languages, and
// the values the extractors leave unknown that can be known: the construct library's enum members
// (`bedrock.ContentFilterStrength.HIGH` is `"HIGH"`), instance types (`SageMakerInstanceType.ML_G5_XLARGE`), and, in
// Python, its structs (`bedrock.ContentFilter(type=…, input_strength=…)`), which are calls there.
import { snakeToCamel } from '../apis/cdk';
import { INSTANCE_TYPE_CLASSES, instanceTypeOfMember, type ConstructLibrary } from '../apis/cdkConstructs';
import { writeThrough } from '../edits';
import type { CallFact, FileFacts, ObjectValue, Property, Span, Value } from '../types';

const MAX_DEPTH = 16;
/** Keyword arguments of every construct that are not its properties. */
const CONSTRUCT_ARGUMENTS = new Set(['scope', 'id']);

export interface ReadContext {
  facts: FileFacts;
  text: string;
  python: boolean;
  library: ConstructLibrary;
  /** The library's enums whose members are their values. */
  enums: ReadonlySet<string>;
  /** Calls of the library's structs (Python), by span. */
  structs: ReadonlyMap<string, CallFact>;
}

/** The props of a construct call: the third argument in TypeScript, the keyword arguments in Python (snake_case → camelCase). */
export function constructProps(call: CallFact, context: ReadContext): { props: ObjectValue; written?: ObjectValue } {
  if (context.python) {
    const props = keywordProps(call.args, context, 0);
    for (const key of CONSTRUCT_ARGUMENTS) props.props.delete(key);
    return { props, written: call.args };
  }
  const third = call.positional[2];
  if (third?.kind === 'object') return { props: readValue(third, context, 0) as ObjectValue, written: third };
  // Props from somewhere else (a variable we cannot read, a spread) may hold anything; no props at all hold nothing.
  return { props: { kind: 'object', props: new Map(), open: third !== undefined, span: third?.span ?? call.span } };
}

/** The arguments of a construct's method call: its first argument as a value (an object in TypeScript, keywords or a struct in Python). */
export function methodArgument(call: CallFact, context: ReadContext): Value | undefined {
  if (context.python && call.positional.length === 0 && call.args.props.size > 0) return keywordProps(call.args, context, 0);
  const first = call.positional[0];
  return first && readValue(first, context, 0);
}

function keywordProps(args: ObjectValue, context: ReadContext, depth: number): ObjectValue {
  const props = new Map<string, Property>();
  for (const p of args.props.values()) {
    const key = snakeToCamel(p.key);
    props.set(key, { ...p, key, value: readValue(p.value, context, depth + 1) });
  }
  return { ...args, props };
}

export function readValue(value: Value, context: ReadContext, depth: number): Value {
  if (depth > MAX_DEPTH) return value;
  switch (value.kind) {
    case 'unknown':
      return knownUnknown(value.span, context, depth) ?? value;
    case 'object': {
      const props = new Map<string, Property>();
      for (const p of value.props.values()) props.set(p.key, { ...p, value: readValue(p.value, context, depth + 1) });
      return { ...value, props };
    }
    case 'array':
      return { ...value, items: value.items.map((v) => readValue(v, context, depth + 1)) };
    default:
      return value;
  }
}

/** What an unknown value at `span` is, when it is one of the library's structs, enum members or instance types. */
function knownUnknown(span: Span, context: ReadContext, depth: number): Value | undefined {
  const struct = context.structs.get(`${span.start}:${span.end}`);
  if (struct) return keywordProps(struct.args, context, depth + 1);
  const source = context.text.slice(span.start, span.end).replace(/\s+/g, '');
  const of = /^([\w.]+)\.of\((['"])([^'"]+)\2\)$/.exec(source);
  if (of) {
    const owner = libraryPath(of[1], context)?.pop();
    return owner && INSTANCE_TYPE_CLASSES.includes(owner) ? { kind: 'string', value: of[3], span } : undefined;
  }
  const path = libraryPath(source, context);
  if (!path || path.length < 2) return undefined;
  const member = path[path.length - 1];
  if (INSTANCE_TYPE_CLASSES.includes(path[path.length - 2])) {
    const type = instanceTypeOfMember(member);
    return type ? { kind: 'string', value: type, span } : undefined;
  }
  if (!path.slice(0, -1).some((p) => context.enums.has(p)) || !/^[A-Z][A-Z0-9_]*$/.test(member)) return undefined;
  // A fix that replaces the member keeps the enum as written: `bedrock.ContentFilterStrength.` + the new member.
  const written: Span = { start: span.start, end: span.end };
  const prefix = source.slice(0, source.lastIndexOf('.'));
  writeThrough(written, { replace: (v) => ({ span: written, newText: `${prefix}.${String(v)}` }) });
  return { kind: 'string', value: member, span: written };
}

/** `bedrock.ContentFilterStrength.HIGH` → [`bedrock`, `ContentFilterStrength`, `HIGH`] when it names something in the library. */
function libraryPath(dotted: string, context: ReadContext): string[] | undefined {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(dotted)) return undefined;
  const [root, ...rest] = dotted.split('.');
  const qualified = context.facts.importedNames?.get(root);
  const module = context.python ? context.library.python : context.library.typescript;
  if (!qualified || !(qualified === module || qualified.startsWith(module + '.'))) return undefined;
  return [...qualified.slice(module.length).split('.').filter(Boolean), ...rest];
}

/** The library's struct calls in a Python file, by span: capitalized names called with keywords only. */
export function structCalls(facts: FileFacts, library: ConstructLibrary, constructNames: ReadonlySet<string>): Map<string, CallFact> {
  const structs = new Map<string, CallFact>();
  for (const call of facts.calls) {
    const qualified = call.qualifiedName;
    if (!qualified?.startsWith(library.python + '.') || call.positional.length > 0) continue;
    const name = qualified.slice(qualified.lastIndexOf('.') + 1);
    if (/^[A-Z]/.test(name) && !constructNames.has(name)) structs.set(`${call.span.start}:${call.span.end}`, call);
  }
  return structs;
}
