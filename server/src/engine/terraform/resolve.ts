// A resource's values as the module knows them: each unknown value whose expression the extractor kept is evaluated in
// the module's scope. The resolved values take the places of the expressions they came from, and the resource keeps
// where each came from (`sources`), so rules read them like any other value and need not know about variables or
// locals. Resolved values have the shapes extracted values have (no `from` on them): the code that moves and reads
// values on every edit sees one shape per kind.
import { cloudFormationName } from '../apis/awscc';
import type { ArrayValue, ObjectValue, Property, ResourceFact, Span, Value, ValueSource } from '../types';
import type { Expr } from './expr';
import type { ModuleScope } from './scope';

/** A value's place in its resource, relative to the resource's start: what `expressions` and `sources` are keyed by. */
export function spanKey(span: Span, base: number): string {
  return `${span.start - base}:${span.end - base}`;
}

interface Resolution {
  expressions: ReadonlyMap<string, Expr>;
  base: number;
  scope: ModuleScope;
  sources: Map<string, ValueSource[]>;
  /** The name a resolved object's key takes: an awscc resource's are read as CloudFormation's, like its written ones (`extract/awscc.ts`). */
  keyName: (key: string) => string;
}

const asWritten = (key: string): string => key;

/** The resource with its values resolved; itself when nothing changed; undefined when it is known not to exist. */
export function resolveResource(resource: ResourceFact, scope: ModuleScope): ResourceFact | undefined {
  const expressions = resource.expressions;
  if (!expressions?.size) return isOff(resource.props) ? undefined : resource;
  const resolution: Resolution = { expressions, base: resource.span.start, scope, sources: new Map(), keyName: resource.keyStyle === 'awscc' ? cloudFormationName : asWritten };
  const props = resolveObject(resource.props, resolution, 0);
  if (isOff(props)) return undefined;
  return props === resource.props ? resource : { ...resource, props, sources: resolution.sources };
}

/** True when the resource has values its module may know. */
export function hasExpressions(resource: ResourceFact): boolean {
  return (resource.expressions?.size ?? 0) > 0;
}

/**
 * `count = 0`, or `for_each` over an empty list, set or map: Terraform creates no instance, so the resource is not
 * there to report and is no evidence of anything.
 */
export function isOff(props: ObjectValue): boolean {
  const count = props.props.get('count')?.value;
  if (count?.kind === 'number') return count.value === 0;
  const forEach = props.props.get('for_each')?.value;
  return isEmptyCollection(forEach);
}

function isEmptyCollection(value: Value | undefined): boolean {
  if (value?.kind === 'array') return !value.open && value.items.length === 0;
  if (value?.kind === 'object') return !value.open && value.props.size === 0;
  return false;
}

function resolveValue(value: Value, resolution: Resolution, depth: number): Value {
  if (depth > 64) return value;
  switch (value.kind) {
    case 'unknown': {
      const expr = resolution.expressions.get(spanKey(value.span, resolution.base));
      if (!expr || expr.t === 'dynamic') return value;
      const resolved = resolution.scope.evaluate(expr, value.span);
      // Nothing learned: keep the extracted value (its references as the extractor saw them).
      if (resolved.kind === 'unknown' && !resolved.from) return value;
      return settled(resolved, resolution, 0);
    }
    case 'object':
      return resolveObject(value, resolution, depth);
    case 'array': {
      let changed = false;
      const items = value.items.map((item) => {
        const resolved = resolveValue(item, resolution, depth + 1);
        changed ||= resolved !== item;
        return resolved;
      });
      return changed ? ({ ...value, items } satisfies ArrayValue) : value;
    }
    default:
      return value;
  }
}

function resolveObject(value: ObjectValue, resolution: Resolution, depth: number): ObjectValue {
  let props: Map<string, Property> | undefined;
  for (const [key, prop] of value.props) {
    const expr = prop.value.kind === 'unknown' ? resolution.expressions.get(spanKey(prop.value.span, resolution.base)) : undefined;
    if (expr?.t === 'dynamic') {
      // A `dynamic "x"` block stands for as many `x` blocks as its `for_each` has items: only none at all is known.
      if (isEmptyCollection(resolution.scope.evaluate(expr.forEach, prop.value.span))) (props ??= new Map(value.props)).delete(key);
      continue;
    }
    const resolved = resolveValue(prop.value, resolution, depth + 1);
    if (resolved === prop.value) continue;
    (props ??= new Map(value.props)).set(key, { key: prop.key, keySpan: prop.keySpan, value: resolved, span: prop.span });
  }
  return props ? { ...value, props } : value;
}

/** An evaluated value in an extracted value's shape, its sources (and those of what it holds) kept by place. */
function settled(value: Value, resolution: Resolution, depth: number): Value {
  if (value.from) {
    const key = spanKey(value.span, resolution.base);
    if (!resolution.sources.has(key)) resolution.sources.set(key, value.from);
  }
  const span = value.span;
  switch (value.kind) {
    case 'object': {
      const props = new Map<string, Property>();
      for (const [written, prop] of value.props) {
        const key = resolution.keyName(written);
        props.set(key, { key, keySpan: prop.keySpan, value: depth > 64 ? prop.value : settled(prop.value, resolution, depth + 1), span: prop.span });
      }
      return { kind: 'object', props, open: value.open, span };
    }
    case 'array':
      return { kind: 'array', items: value.items.map((item) => (depth > 64 ? item : settled(item, resolution, depth + 1))), open: value.open, span };
    case 'unknown':
      return value.refs ? { kind: 'unknown', span, refs: value.refs } : { kind: 'unknown', span };
    case 'null':
      return { kind: 'null', span };
    default:
      return { kind: value.kind, value: value.value, span } as Value;
  }
}
