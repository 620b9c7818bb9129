import YAML from 'yaml';
import { awsccName } from './apis/awscc';
import { pascalToSnake } from './apis/cdk';
import { Block, Code, type ArrayValue, type EntrySyntax, type FixValue, type InsertPoint, type ObjectValue, type Span, type TextEdit } from './types';

const COMMA_SEPARATED: ReadonlySet<EntrySyntax> = new Set(['python-kwargs', 'python-dict', 'ts-object', 'json']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * How fixes are written into a value that stands for other source text: the CloudFormation properties a CDK construct
 * synthesizes, whose fixes set the construct's own properties. Registered by the extractor that builds such values,
 * per object (`addProperties`), list (`appendItem`) or value span (`replaceWith`), and read before the value's syntax.
 */
export interface ValueWriter {
  properties?(entries: { [key: string]: FixValue }): TextEdit | undefined;
  item?(value: FixValue): TextEdit | undefined;
  replace?(value: FixValue): TextEdit | undefined;
}

const writers = new WeakMap<object, ValueWriter>();

export function writeThrough(target: ObjectValue | ArrayValue | Span, writer: ValueWriter): void {
  writers.set(target, writer);
}

/** An edit adding `key` with `value` to an object, call or block, in its own syntax and layout. */
export function addProperty(obj: ObjectValue, key: string, value: FixValue): TextEdit | undefined {
  return addProperties(obj, { [key]: value });
}

/** An edit adding several entries at once, in order. */
export function addProperties(obj: ObjectValue, entries: { [key: string]: FixValue }): TextEdit | undefined {
  const writer = writers.get(obj);
  if (writer) return writer.properties?.(entries);
  const at = obj.insert;
  if (!at) return undefined;
  const comma = COMMA_SEPARATED.has(at.syntax) ? ',' : '';
  let newText = '';
  let separate = at.needsSeparatorBefore;
  for (const [key, value] of Object.entries(keysIn(entries, at.keyCase))) {
    const lead = at.multiline ? '\n' + at.indent : separate ? ' ' : '';
    newText += (separate ? comma : '') + lead + renderEntry(at.syntax, key, value, at.indent);
    separate = true;
  }
  const tail = at.closingIndent !== undefined ? '\n' + at.closingIndent : '';
  return { span: { start: at.offset, end: at.offset }, newText: newText + tail };
}

/**
 * An edit replacing the text at `span` with `value` written in `syntax`; `keyCase` is that of the container the value
 * sits in (see `InsertPoint.keyCase`), by which the value's PascalCase keys are spelled.
 */
export function replaceWith(span: Span, value: FixValue, syntax: EntrySyntax, indent = '', keyCase?: InsertPoint['keyCase']): TextEdit {
  const written = writers.get(span)?.replace?.(value);
  return written ?? { span, newText: renderValue(syntax, keysIn(value, valueCase(keyCase)), indent) };
}

/**
 * An edit appending `value` to a list in its own layout: a `- item` in a YAML block sequence, `, item` in a flow
 * sequence or JSON array (on its own line when the items are). `syntax` is the file's (`yaml`, `json`, `ts-object`);
 * `text` is the document the list's spans point into. `keyCase` is that of the container the list sits in; when left
 * out, the list's own object items tell how keys are spelled.
 */
export function appendItem(list: ArrayValue, given: FixValue, syntax: EntrySyntax, text: string, keyCase?: InsertPoint['keyCase']): TextEdit | undefined {
  const writer = writers.get(list);
  if (writer) return writer.item?.(given);
  if (list.open) return undefined;
  const opening = text[list.span.start];
  const last = list.items[list.items.length - 1];
  const itemCase = keyCase ?? list.items.find((i): i is ObjectValue => i.kind === 'object')?.insert?.keyCase;
  const value = keysIn(given, valueCase(itemCase));
  if (syntax === 'yaml' && opening === '-' && last) {
    let dash = last.span.start - 1;
    while (dash > list.span.start && text[dash] !== '-') dash--;
    const indent = text.slice(text.lastIndexOf('\n', dash - 1) + 1, dash);
    if (!/^[ \t]*$/.test(indent)) return undefined;
    const item = indentLines(YAML.stringify(toPlain(value), { lineWidth: 0 }).trimEnd(), indent + '  ');
    const end = last.kind === 'object' && last.insert ? last.insert.offset : trimmedEnd(text, last.span);
    return { span: { start: end, end }, newText: `\n${indent}- ${item}` };
  }
  if (opening !== '[') return undefined;
  const flow: EntrySyntax = syntax === 'ts-object' || syntax === 'python-dict' || syntax === 'hcl' ? syntax : syntax === 'python-kwargs' ? 'python-dict' : 'json';
  const inline = () => (flow === 'json' ? inlineJson(toPlain(value)) : renderValue(flow, value, ''));
  if (!last) return { span: { start: list.span.start + 1, end: list.span.start + 1 }, newText: inline() };
  const multiline = text.slice(list.span.start, list.items[0].span.start).includes('\n');
  if (!multiline) return { span: { start: last.span.end, end: last.span.end }, newText: ', ' + inline() };
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', last.span.start - 1) + 1))![0];
  // Items written one per line stay that way; each new item is as compact as the last one.
  const compact = !text.slice(last.span.start, last.span.end).includes('\n');
  const item = compact ? inline() : renderValue(flow, value, indent);
  return { span: { start: last.span.end, end: last.span.end }, newText: `,\n${indent}${item}` };
}

function trimmedEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return end;
}

export function renderEntry(syntax: EntrySyntax, key: string, value: FixValue, indent: string): string {
  switch (syntax) {
    case 'python-kwargs':
      return `${key}=${renderValue(syntax, value, indent)}`;
    case 'python-dict':
    case 'json':
      return `${JSON.stringify(key)}: ${renderValue(syntax, value, indent)}`;
    case 'ts-object':
      return `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${renderValue(syntax, value, indent)}`;
    case 'yaml':
      return indentLines(YAML.stringify({ [key]: toPlain(value) }, { lineWidth: 0 }).trimEnd(), indent);
    case 'hcl':
      return hclEntry(key, value, indent);
  }
}

export function renderValue(syntax: EntrySyntax, value: FixValue, indent: string): string {
  if (value instanceof Code) return value.text;
  switch (syntax) {
    case 'python-kwargs':
    case 'python-dict':
      return python(value);
    case 'ts-object':
      return ts(value);
    case 'json':
      // An inline insertion (no indent) stays on one line, like the object it joins.
      return indent === '' ? inlineJson(toPlain(value)) : indentLines(JSON.stringify(toPlain(value), null, 2), indent);
    case 'yaml': {
      const plain = toPlain(value);
      return typeof plain === 'object' ? indentLines('\n' + YAML.stringify(plain).trimEnd(), indent + '  ') : YAML.stringify(plain).trimEnd();
    }
    case 'hcl':
      return hclValue(value, indent);
  }
}

function python(value: FixValue): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(python).join(', ')}]`;
  const body = value instanceof Block ? value.body : value;
  return `{${Object.entries(body)
    .map(([k, v]) => `${JSON.stringify(k)}: ${python(v)}`)
    .join(', ')}}`;
}

function ts(value: FixValue): string {
  if (value instanceof Code) return value.text;
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(ts).join(', ')}]`;
  const body = value instanceof Block ? value.body : value;
  return `{ ${Object.entries(body)
    .map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${ts(v)}`)
    .join(', ')} }`;
}

function hclEntry(key: string, value: FixValue, indent: string): string {
  if (value instanceof Block) return hclBlock(key, value, indent);
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Block)) {
    return value.map((b) => hclBlock(key, b as Block, indent)).join('\n' + indent);
  }
  return `${key} = ${hclValue(value, indent)}`;
}

function hclBlock(key: string, block: Block, indent: string): string {
  const inner = indent + '  ';
  const lines = Object.entries(block.body).map(([k, v]) => inner + hclEntry(k, v, inner));
  return `${key} {\n${lines.join('\n')}\n${indent}}`;
}

function hclValue(value: FixValue, indent: string): string {
  if (value instanceof Code) return value.text;
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => hclValue(v, indent)).join(', ')}]`;
  const body = value instanceof Block ? value.body : value;
  return `{ ${Object.entries(body)
    .map(([k, v]) => `${k} = ${hclValue(v, indent)}`)
    .join(', ')} }`;
}

/**
 * CloudFormation property names as the source spells them, at all levels: `DataCaptureConfig` → `dataCaptureConfig` in
 * CDK L1 props (`camel`), `data_capture_config` in awscc resources (`awscc`); Python CDK keyword arguments are
 * snake_case with dicts of camelCase keys (what jsii passes on) below them (`snake`).
 */
function keysIn<T extends FixValue>(value: T, keyCase: InsertPoint['keyCase']): T {
  if (!keyCase || value instanceof Code || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => keysIn(v, valueCase(keyCase))) as T;
  const body = value instanceof Block ? value.body : value;
  const spell = keyCase === 'camel' ? (k: string) => k.charAt(0).toLowerCase() + k.slice(1) : keyCase === 'snake' ? pascalToSnake : awsccName;
  const out = Object.fromEntries(Object.entries(body).map(([k, v]) => [spell(k), keysIn(v, valueCase(keyCase))]));
  return (value instanceof Block ? new Block(out) : out) as T;
}

/** How the keys of a value written inside a container with `keyCase` are spelled: Python CDK passes camelCase dicts. */
function valueCase(keyCase: InsertPoint['keyCase']): InsertPoint['keyCase'] {
  return keyCase === 'snake' ? 'camel' : keyCase;
}

function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function toPlain(value: FixValue): unknown {
  if (value instanceof Code) return value.text;
  if (value instanceof Block) return toPlain(value.body);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

function indentLines(text: string, indent: string): string {
  return text.replace(/\n(?=.)/g, '\n' + indent);
}
