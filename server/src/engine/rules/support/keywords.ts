// Fixes that set Python keyword arguments. A keyword's value may have come from elsewhere (a constant, a dict
// splatted into the call), so an entry that exists is rewritten where it is written, keeping its key as written.
import { addProperties, renderValue } from '../../edits';
import type { CallFact, Fix, FixValue, ObjectValue, Property, Span, TextEdit, Value } from '../../types';
import { calleeSpan } from '../rule';

/** Absent or `None`: the library then uses its default. */
export function isUnset(value: Value | undefined): boolean {
  return value === undefined || value.kind === 'null';
}

/** An edit giving an existing `key=value` or `"key": value` entry a new value, written as Python source. */
export function rewriteEntryValue(text: string, prop: Property, newValue: string): TextEdit {
  const entry = text.slice(prop.span.start, prop.span.end);
  const separator = /^\s*[=:]\s*/.exec(entry.slice(prop.keySpan.end - prop.span.start));
  const valueStart = prop.keySpan.end - prop.span.start + (separator?.[0].length ?? 0);
  return { span: prop.span, newText: entry.slice(0, valueStart) + newValue };
}

/** A fix that writes each keyword argument: rewriting the entry when it is there, adding it to the call when not. */
export function keywordsFix(text: string, args: ObjectValue, entries: Record<string, FixValue>, title: string): Fix[] {
  const edits: TextEdit[] = [];
  const toAdd: Record<string, FixValue> = {};
  for (const [key, value] of Object.entries(entries)) {
    const prop = args.props.get(key);
    if (prop) edits.push(rewriteEntryValue(text, prop, renderValue('python-kwargs', value, '')));
    else toAdd[key] = value;
  }
  if (Object.keys(toAdd).length > 0) {
    const add = addProperties(args, toAdd);
    if (!add) return [];
    edits.push(add);
  }
  return [{ title, safety: 'unsafe', edits }];
}

/** Where to report a keyword that is off or missing (the entry, else the callee), and a fix that sets it to `value`. */
export function setKeyword(text: string, call: CallFact, key: string, value: FixValue, title: string): { span: Span; fixes: Fix[] } {
  const prop = call.args.props.get(key);
  return { span: prop ? prop.span : calleeSpan(call), fixes: keywordsFix(text, call.args, { [key]: value }, title) };
}
