import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { AnalysisTimeout, Deadline } from '../budget';
import { parseYamlDocument } from '../yamlParse';
import { repairQuotedScalars } from '../yamlLenient';
import type { FileFacts, InsertPoint, ObjectValue, Reference, Span, UnknownValue, Value } from '../types';

/** Deeper values are unknown: no real template nests this deep, and recursion needs a bound. */
const MAX_NESTING = 64;

/**
 * True when a YAML or JSON file looks like a CloudFormation template: it has `AWSTemplateFormatVersion`, or a resource
 * `Type: AWS::…` at the start of a line, or (JSON written on one line, as `cdk synth` may write it) a `"Resources"`
 * object with a `"Type": "AWS::…"` entry.
 */
export function isCloudFormation(text: string): boolean {
  const head = text.slice(0, 200_000);
  // `[ \t]*`, not `\s*`: with the m flag, `^\s*` rescans every following blank line from each line start (quadratic).
  if (/AWSTemplateFormatVersion/.test(head) || /^[ \t]*["']?Type["']?[ \t]*:[ \t]*["']?AWS::[A-Za-z0-9]+::/m.test(head)) return true;
  return /"Resources"[ \t\r\n]*:[ \t\r\n]*\{/.test(head) && /"Type"[ \t\r\n]*:[ \t\r\n]*"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+"/.test(head);
}

/**
 * A CloudFormation template (YAML or JSON, both read by the `yaml` package with source ranges) → facts: every
 * resource under `Resources` with its `Properties` as values. Intrinsic functions (`!Ref`, `!Sub`, `{"Fn::If": …}`)
 * and aliases are unknown. YAML is read as leniently as PyYAML and CloudFormation read it (`yamlLenient.ts`); a file
 * that is still broken gets one problem, at its first error, and keeps what comes before it.
 */
export function extractCloudFormation(text: string, json: boolean, deadline = Deadline.never()): FileFacts {
  const facts: FileFacts = { language: 'cloudformation', calls: [], resources: [], imports: new Set(), comments: [], problems: [] };
  const read = readTemplate(text, json, deadline);
  if ('problem' in read) {
    facts.problems.push(read.problem);
    return facts;
  }
  const { doc, repaired } = read;
  deadline.check();
  const firstError = doc.errors[0];
  /** Everything from the first error on may be misread: it is left out. */
  const readable = firstError ? firstError.pos[0] : Infinity;
  if (firstError) {
    const message = /Maximum call stack size exceeded/.test(firstError.message) ? 'the template is nested too deeply to read' : firstLine(firstError.message);
    facts.problems.push({ message, span: { start: firstError.pos[0], end: Math.max(firstError.pos[1], firstError.pos[0] + 1) } });
  }
  if (!json) facts.comments.push(...yamlComments(repaired?.text ?? text));

  const reader = new ValueReader(text, deadline, repaired?.values);
  const resources = isMap(doc.contents) ? doc.contents.items.find((p) => scalarKey(p) === 'Resources')?.value : undefined;
  facts.references = [];
  if (isMap(doc.contents)) {
    for (const section of doc.contents.items) {
      const sectionName = scalarKey(section);
      if (sectionName === 'Resources' && isMap(section.value)) {
        for (const pair of section.value.items) collectRefs(pair.value as YamlNode, facts.references, scalarKey(pair));
      } else if (sectionName !== 'Parameters') {
        collectRefs(section.value as YamlNode, facts.references, undefined);
      }
    }
    facts.references = facts.references.filter((r) => r.span.end <= readable);
  }
  if (!isMap(resources)) return facts;
  const sections = isMap(doc.contents) ? doc.contents.items : [];
  const resourcesEnd = sectionStart(sections[sections.findIndex((p) => p.value === resources) + 1]) ?? text.length;
  for (const [i, pair] of resources.items.entries()) {
    const name = scalarKey(pair);
    const body = pair.value;
    // A resource's text runs to the next one: an error there may have cut its properties short.
    const regionEnd = sectionStart(resources.items[i + 1]) ?? resourcesEnd;
    if (name === undefined || !isMap(body) || !isScalar(pair.key) || regionEnd >= readable) continue;
    const type = body.items.find((p) => scalarKey(p) === 'Type')?.value;
    if (!isScalar(type) || typeof type.value !== 'string') continue;
    const properties = body.items.find((p) => scalarKey(p) === 'Properties');
    const props = properties ? reader.value(properties.value as YamlNode | null, rangeOf(properties)) : undefined;
    const cdkPath = cdkPathOf(body.items.find((p) => scalarKey(p) === 'Metadata')?.value);
    facts.resources.push({
      ...(cdkPath ? { cdkPath } : {}),
      kind: 'resource',
      resourceType: type.value,
      name,
      props:
        props?.kind === 'object'
          ? props
          : { kind: 'object', props: new Map(), open: props !== undefined && props.kind !== 'null', span: spanOfNode(body) },
      address: name,
      span: { start: pair.key.range![0], end: body.range![1] },
      nameSpan: spanOfNode(pair.key),
    });
  }
  return facts;
}

/** The construct path `cdk synth` writes into a resource's metadata (`aws:cdk:path`). */
function cdkPathOf(metadata: unknown): string | undefined {
  if (!isMap(metadata)) return undefined;
  const path = metadata.items.find((p) => scalarKey(p) === 'aws:cdk:path')?.value;
  return isScalar(path) && typeof path.value === 'string' ? path.value : undefined;
}

/** The template's document, read from the text with its multi-line quoted scalars repaired when that reads better. */
function readTemplate(
  text: string,
  json: boolean,
  deadline: Deadline,
): { doc: Document.Parsed; repaired?: ReturnType<typeof repairQuotedScalars> } | { problem: { message: string; span: Span } } {
  const parse = (source: string) => parseYamlDocument(source, { uniqueKeys: false, prettyErrors: false }, deadline);
  try {
    const parsed = parse(text);
    if ('tooDeep' in parsed) return { problem: { message: 'the template is nested too deeply to read', span: { start: parsed.tooDeep, end: parsed.tooDeep + 1 } } };
    if (json || !parsed.doc.errors.some((e) => e.code === 'MISSING_CHAR')) return { doc: parsed.doc };
    const repaired = repairQuotedScalars(text);
    const again = repaired && parse(repaired.text);
    if (!again || 'tooDeep' in again || again.doc.errors.length >= parsed.doc.errors.length) return { doc: parsed.doc };
    return { doc: again.doc, repaired };
  } catch (error) {
    if (error instanceof AnalysisTimeout) throw error;
    const reason = error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message;
    return { problem: { message: `could not parse template: ${reason}`, span: { start: 0, end: 0 } } };
  }
}

class ValueReader {
  constructor(
    private readonly text: string,
    private readonly deadline: Deadline,
    /** Values of repaired multi-line quoted scalars, by offset (`yamlLenient.ts`). */
    private readonly repairedValues?: ReadonlyMap<number, string>,
  ) {}

  value(node: YamlNode | null | undefined, fallback: Span, depth = 0): Value {
    if (!node) return { kind: 'null', span: fallback };
    this.deadline.check();
    const span = spanOfNode(node);
    // Aliases stay unknown, never expanded: an alias bomb costs nothing.
    if (isAlias(node) || depth > MAX_NESTING) return { kind: 'unknown', span };
    if (node.tag?.startsWith('!')) return withRefs({ kind: 'unknown', span }, node);
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string') return { kind: 'string', value: this.repairedValues?.get(span.start) ?? v, span };
      if (typeof v === 'number') return { kind: 'number', value: v, span };
      if (typeof v === 'boolean') return { kind: 'boolean', value: v, span };
      if (v === null) return { kind: 'null', span };
      return { kind: 'unknown', span };
    }
    if (isSeq(node)) {
      return { kind: 'array', items: node.items.map((item) => this.value(item as YamlNode, span, depth + 1)), open: false, span };
    }
    if (isMap(node)) {
      const first = node.items.length === 1 ? scalarKey(node.items[0]) : undefined;
      if (first === 'Ref' || first?.startsWith('Fn::')) return withRefs({ kind: 'unknown', span }, node);
      const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span, insert: this.insertPoint(node.items, node.flow ?? false, span) };
      for (const pair of node.items) {
        const key = scalarKey(pair);
        if (key === undefined || key === '<<') {
          obj.open = true;
          continue;
        }
        obj.props.set(key, { key, keySpan: spanOfNode(pair.key as YamlNode), value: this.value(pair.value as YamlNode | null, rangeOf(pair), depth + 1), span: rangeOf(pair) });
      }
      return obj;
    }
    return { kind: 'unknown', span };
  }

  /** The end of an entry's text: before trailing blank lines, after a trailing `# comment` on its last line. */
  private entryEnd(offset: number): number {
    let end = offset;
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    const lineEnd = this.text.indexOf('\n', end);
    const rest = this.text.slice(end, lineEnd === -1 ? this.text.length : lineEnd);
    return /^\s*#/.test(rest) ? end + rest.replace(/\r$/, '').length : end;
  }

  private insertPoint(items: Pair[], flow: boolean, span: Span): InsertPoint | undefined {
    const last = items[items.length - 1];
    if (!last) {
      // An empty flow map `{}` can take an inline entry; an empty block map has no text to anchor to.
      return flow ? { syntax: 'json', offset: span.start + 1, indent: '', multiline: false, needsSeparatorBefore: false } : undefined;
    }
    const keyStart = (last.key as YamlNode | null)?.range?.[0];
    if (keyStart === undefined) return undefined;
    const lineStart = this.text.lastIndexOf('\n', keyStart - 1) + 1;
    const indent = ' '.repeat(keyStart - lineStart);
    const end = this.entryEnd(rangeOf(last).end);
    const multiline = !flow || this.text.slice(span.start, keyStart).includes('\n');
    return { syntax: flow ? 'json' : 'yaml', offset: end, indent: multiline ? indent : '', multiline, needsSeparatorBefore: true };
  }
}

/** `!Ref X`, `!GetAtt X.Attr`, `${X}` in `!Sub`, and their `Ref`/`Fn::*` long forms, anywhere under `node`. */
function refTargets(node: YamlNode | null | undefined, out: { to: string; span: Span }[] = []): { to: string; span: Span }[] {
  if (!node) return out;
  const add = (to: string) => {
    if (to && !to.startsWith('AWS::')) out.push({ to, span: spanOfNode(node) });
  };
  const scalar = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  if (node.tag === '!Ref' && scalar !== undefined) add(scalar);
  else if (node.tag === '!GetAtt' && scalar !== undefined) add(scalar.split('.')[0]);
  else if (node.tag === '!Sub' && scalar !== undefined) for (const m of scalar.matchAll(/\$\{([^}!]+)\}/g)) add(m[1].split('.')[0]);
  if (isSeq(node)) {
    if (node.tag === '!GetAtt' && isScalar(node.items[0])) add(String((node.items[0] as { value: unknown }).value));
    for (const item of node.items) refTargets(item as YamlNode, out);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = scalarKey(pair);
      const value = pair.value as YamlNode | null;
      if (key === 'Ref' && isScalar(value) && typeof value.value === 'string') add(value.value);
      else if (key === 'Fn::GetAtt') {
        const target = isSeq(value) ? value.items[0] : value;
        if (isScalar(target) && typeof target.value === 'string') add(target.value.split('.')[0]);
      } else if (key === 'Fn::Sub') {
        const template = isSeq(value) ? value.items[0] : value;
        if (isScalar(template) && typeof template.value === 'string') for (const m of template.value.matchAll(/\$\{([^}!]+)\}/g)) add(m[1].split('.')[0]);
      }
      refTargets(value, out);
    }
  }
  return out;
}

function withRefs(value: UnknownValue, node: YamlNode): UnknownValue {
  const refs = [...new Set(refTargets(node).map((r) => r.to))];
  return refs.length ? { ...value, refs } : value;
}

function collectRefs(node: YamlNode | null | undefined, into: Reference[], from: string | undefined): void {
  for (const { to, span } of refTargets(node)) into.push({ from, to, span });
}

function sectionStart(pair: Pair | undefined): number | undefined {
  return (pair?.key as YamlNode | null | undefined)?.range?.[0];
}

function scalarKey(pair: Pair): string | undefined {
  return isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number') ? String(pair.key.value) : undefined;
}

/** The pair from its key to the end of its value (before any trailing comment or blank lines). */
function rangeOf(pair: Pair): Span {
  const key = pair.key as YamlNode | null;
  const value = pair.value as YamlNode | null;
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
  return { start, end: Math.max(start, end) };
}

function spanOfNode(node: YamlNode | Pair): Span {
  if (isPair(node)) return rangeOf(node);
  const range = node.range;
  return range ? { start: range[0], end: Math.max(range[0], range[1]) } : { start: 0, end: 0 };
}

/** `# …` comments: a `#` at the start of a line or after whitespace, outside quotes on that line. */
function yamlComments(text: string): { text: string; span: Span }[] {
  const comments: { text: string; span: Span }[] = [];
  const re = /(^|[ \t])#[^\r\n]*/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[1].length;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    if ((before.split('"').length - 1) % 2 === 1 || (before.split("'").length - 1) % 2 === 1) continue;
    comments.push({ text: text.slice(start, m.index + m[0].length), span: { start, end: m.index + m[0].length } });
  }
  return comments;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
