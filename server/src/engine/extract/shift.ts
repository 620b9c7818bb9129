// Facts moved by an edit elsewhere in the file: the same facts with every offset shifted, as new objects (the cached
// ones may still be referenced by the previous analysis), or (`movePlaces`, Terraform blocks) the same objects moved
// in place. A shifted object has the same own properties as the one it comes from; each kind is built with its
// properties spelled out (a spread is several times slower once the facts have survived a few edits), so a property
// added to a value type must be added here too.
import type { ArrayValue, InsertPoint, ObjectValue, Property, Reference, ResourceFact, Span, UnknownValue, Value } from '../types';

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

export function shiftValue(value: Value, delta: number): Value {
  switch (value.kind) {
    case 'object':
      return shiftObject(value, delta);
    case 'array': {
      const items: Value[] = new Array(value.items.length);
      for (let i = 0; i < items.length; i++) items[i] = shiftValue(value.items[i], delta);
      return { kind: 'array', items, open: value.open, span: shiftSpan(value.span, delta) } satisfies ArrayValue;
    }
    case 'unknown': {
      // Origins point at call facts of their own file; the extractors that make them (Python) are not shifted.
      if (value.origins) throw new Error('values with origins cannot be shifted');
      const shifted: UnknownValue = { kind: 'unknown', span: shiftSpan(value.span, delta) };
      if ('refs' in value) shifted.refs = value.refs;
      if ('origins' in value) shifted.origins = value.origins;
      return shifted;
    }
    case 'null':
      return { kind: 'null', span: shiftSpan(value.span, delta) };
    default:
      return { kind: value.kind, value: value.value, span: shiftSpan(value.span, delta) } as Value;
  }
}

function shiftObject(value: ObjectValue, delta: number): ObjectValue {
  const props = new Map<string, Property>();
  value.props.forEach((p, key) => props.set(key, { key: p.key, keySpan: shiftSpan(p.keySpan, delta), value: shiftValue(p.value, delta), span: shiftSpan(p.span, delta) }));
  const shifted: ObjectValue = { kind: 'object', props, open: value.open, span: shiftSpan(value.span, delta) };
  if ('insert' in value) shifted.insert = value.insert && shiftInsert(value.insert, delta);
  return shifted;
}

function shiftInsert(insert: InsertPoint, delta: number): InsertPoint {
  return { ...insert, offset: insert.offset + delta };
}

/**
 * Each shifted resource's original: the one first extracted, which it equals in everything but offsets. A `WeakMap`
 * although its keys are made on every edit (`engine/slot.ts`): its values are the originals, whose values are the
 * moved resources' own (alive anyway), and setting a `Slot` on each new resource (`defineProperty`) cost several
 * times more.
 */
const originals = new WeakMap<ResourceFact, ResourceFact>();

export function shiftResource(resource: ResourceFact, delta: number): ResourceFact {
  const shifted = { ...resource, props: shiftObject(resource.props, delta), span: shiftSpan(resource.span, delta), nameSpan: shiftSpan(resource.nameSpan, delta) };
  originals.set(shifted, originalOf(resource));
  return shifted;
}

/**
 * The resource `resource` was shifted from, through any number of edits, or itself: what depends on a resource's
 * contents but not on its place (the cross-file signature) can be kept for the original and reused.
 */
export function originalOf(resource: ResourceFact): ResourceFact {
  return originals.get(resource) ?? resource;
}

export function shiftReference(reference: Reference, delta: number): Reference {
  return { ...reference, span: shiftSpan(reference.span, delta) };
}

/** The objects of some values that hold a place (values and their properties), each listed once: what `movePlaces` moves. */
export interface Places {
  values: Value[];
  properties: Property[];
}

/** The places in `roots` (values that may share parts, such as a resource as written and as resolved). */
export function placesOf(roots: readonly Value[]): Places {
  const places: Places = { values: [], properties: [] };
  const seen = new Set<object>();
  for (const root of roots) listPlaces(root, places, seen);
  return places;
}

function listPlaces(value: Value, places: Places, seen: Set<object>): void {
  if (seen.has(value)) return;
  seen.add(value);
  // Origins point at call facts of their own file; the extractors that make them (Python) move their own facts.
  if (value.kind === 'unknown' && value.origins) throw new Error('values with origins cannot be moved here');
  places.values.push(value);
  if (value.kind === 'array') for (const item of value.items) listPlaces(item, places, seen);
  if (value.kind !== 'object') return;
  for (const prop of value.props.values()) {
    if (!seen.has(prop)) {
      seen.add(prop);
      places.properties.push(prop);
    }
    listPlaces(prop.value, places, seen);
  }
}

/**
 * Moves the listed places by `delta`, in place: each value and property gets a new span (and an object a new insert
 * point). A span or insert point is never changed, so whatever holds an old one (a finding) still reads the old place.
 */
export function movePlaces(places: Places, delta: number): void {
  for (const value of places.values) {
    value.span = shiftSpan(value.span, delta);
    if (value.kind === 'object' && value.insert) value.insert = shiftInsert(value.insert, delta);
  }
  for (const prop of places.properties) {
    prop.keySpan = shiftSpan(prop.keySpan, delta);
    prop.span = shiftSpan(prop.span, delta);
  }
}

/**
 * A resource whose values were moved in place by `delta` (`movePlaces`): a new object with the same values, at its new
 * place. A new object, so that what was kept of the previous one (by identity: `KeptItems`, the language server's
 * handover) is not taken for it, and the previous one's own places stay.
 */
export function movedResource(resource: ResourceFact, delta: number): ResourceFact {
  // A Terraform resource's own properties, in the order the extractor sets them (a spread costs several times more).
  const { resourceType, name, address, props, keyStyle, expressions, sources } = resource;
  const moved: ResourceFact = { kind: 'resource', resourceType, name, address, props, span: shiftSpan(resource.span, delta), nameSpan: shiftSpan(resource.nameSpan, delta) };
  if (keyStyle !== undefined) moved.keyStyle = keyStyle;
  if (expressions !== undefined) moved.expressions = expressions;
  if (sources !== undefined) moved.sources = sources;
  originals.set(moved, originalOf(resource));
  return moved;
}
