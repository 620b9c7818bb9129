// A resource's values as the module knows them: each unknown value that has an expression is evaluated in the
// module's scope. The resolved values take the places of the expressions they came from, and keep where they came
// from (`from`), so rules read them like any other value and need not know about variables or locals.
import type { ArrayValue, ObjectValue, Property, ResourceFact, Value } from '../types';
import type { ModuleScope } from './scope';

/** The resource with its values resolved; itself when nothing changed; undefined when it is known not to exist. */
export function resolveResource(resource: ResourceFact, scope: ModuleScope): ResourceFact | undefined {
  const props = resolveObject(resource.props, scope, 0);
  if (isOff(props)) return undefined;
  return props === resource.props ? resource : { ...resource, props };
}

/** True when the resource has values its module may know. */
export function hasExpressions(value: Value, depth = 0): boolean {
  if (depth > 64) return false;
  if (value.kind === 'unknown') return value.expr !== undefined;
  if (value.kind === 'object') for (const p of value.props.values()) if (hasExpressions(p.value, depth + 1)) return true;
  if (value.kind === 'array') for (const item of value.items) if (hasExpressions(item, depth + 1)) return true;
  return false;
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

function resolveValue(value: Value, scope: ModuleScope, depth: number): Value {
  if (depth > 64) return value;
  switch (value.kind) {
    case 'unknown': {
      if (!value.expr) return value;
      const resolved = scope.evaluate(value.expr, value.span);
      // Nothing learned: keep the extracted value (its references as the extractor saw them).
      if (resolved.kind === 'unknown' && !resolved.from) return value;
      return resolved;
    }
    case 'object':
      return resolveObject(value, scope, depth);
    case 'array': {
      let changed = false;
      const items = value.items.map((item) => {
        const resolved = resolveValue(item, scope, depth + 1);
        changed ||= resolved !== item;
        return resolved;
      });
      return changed ? ({ ...value, items } satisfies ArrayValue) : value;
    }
    default:
      return value;
  }
}

function resolveObject(value: ObjectValue, scope: ModuleScope, depth: number): ObjectValue {
  let props: Map<string, Property> | undefined;
  for (const [key, prop] of value.props) {
    const dynamic = prop.value.kind === 'unknown' && prop.value.expr?.t === 'dynamic' ? prop.value.expr : undefined;
    if (dynamic) {
      // A `dynamic "x"` block stands for as many `x` blocks as its `for_each` has items: only none at all is known.
      if (isEmptyCollection(scope.evaluate(dynamic.forEach, prop.value.span))) (props ??= new Map(value.props)).delete(key);
      continue;
    }
    const resolved = resolveValue(prop.value, scope, depth + 1);
    if (resolved === prop.value) continue;
    (props ??= new Map(value.props)).set(key, { ...prop, value: resolved });
  }
  return props ? { ...value, props } : value;
}
