// Facts moved by an edit elsewhere in the file: the same facts with every offset shifted, as new objects (the cached
// ones may still be referenced by the previous analysis).
import type { InsertPoint, Property, Reference, ResourceFact, Span, Value } from '../types';

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

export function shiftValue(value: Value, delta: number): Value {
  switch (value.kind) {
    case 'object': {
      const props = new Map<string, Property>();
      for (const [key, p] of value.props) props.set(key, { key: p.key, keySpan: shiftSpan(p.keySpan, delta), value: shiftValue(p.value, delta), span: shiftSpan(p.span, delta) });
      const shifted = { ...value, props, span: shiftSpan(value.span, delta) };
      if (value.insert) shifted.insert = shiftInsert(value.insert, delta);
      return shifted;
    }
    case 'array':
      return { ...value, items: value.items.map((item) => shiftValue(item, delta)), span: shiftSpan(value.span, delta) };
    case 'unknown':
      // Origins point at call facts of their own file; the extractors that make them (Python) are not shifted.
      if (value.origins) throw new Error('values with origins cannot be shifted');
      return { ...value, span: shiftSpan(value.span, delta) };
    default:
      return { ...value, span: shiftSpan(value.span, delta) };
  }
}

function shiftInsert(insert: InsertPoint, delta: number): InsertPoint {
  return { ...insert, offset: insert.offset + delta };
}

export function shiftResource(resource: ResourceFact, delta: number): ResourceFact {
  return { ...resource, props: shiftValue(resource.props, delta) as ResourceFact['props'], span: shiftSpan(resource.span, delta), nameSpan: shiftSpan(resource.nameSpan, delta) };
}

export function shiftReference(reference: Reference, delta: number): Reference {
  return { ...reference, span: shiftSpan(reference.span, delta) };
}
