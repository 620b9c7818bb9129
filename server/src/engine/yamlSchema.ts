import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Span } from './types';

/**
 * The part of JSON Schema (draft-07) that the shipped configuration schema uses, checked against a YAML syntax tree
 * so that every problem points at the node it is about. Anything else in a schema is refused, so that the schema
 * editors read and the checks the tools run cannot drift apart.
 */
export interface Schema {
  type?: JsonType | JsonType[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  minLength?: number;
  minItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  $ref?: string;
  [annotation: string]: unknown;
}

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

const CHECKED = new Set(['type', 'properties', 'additionalProperties', 'required', 'items', 'enum', 'minLength', 'minItems', 'uniqueItems', 'minimum', 'maximum', 'pattern', '$ref']);
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'markdownDescription', 'default', 'examples', 'definitions', 'defaultSnippets', 'patternErrorMessage']);

export interface SchemaProblem {
  span: Span;
  message: string;
}

/** Throws when a schema uses a keyword this checker does not implement (a bug in the repository, caught by tests). */
export function assertSupported(schema: Schema, where = '#'): void {
  for (const [key, value] of Object.entries(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key)) throw new Error(`schema keyword "${key}" at ${where} is not supported`);
    if (key === 'properties' || key === 'definitions') for (const [name, sub] of Object.entries(value as Record<string, Schema>)) assertSupported(sub, `${where}/${key}/${name}`);
    if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object') assertSupported(value as Schema, `${where}/${key}`);
  }
}

/** Where a checked mapping starts in the text, kept on the plain object it becomes (for "see line N" references). */
export const OFFSET: unique symbol = Symbol('offset');

/** Marks a value that failed its schema; its parent leaves it out. */
export const INVALID: unique symbol = Symbol('invalid');

/**
 * Checks `node` against `schema` and returns its plain value with every invalid part left out (an unknown key, a
 * wrong item), so that the valid rest can still be used; `problems` receives one message per invalid part.
 */
export function checkNode(node: YamlNode | null | undefined, schema: Schema, root: Schema, problems: SchemaProblem[], fallback: Span, where: string): unknown {
  const resolved = resolve(schema, root);
  const span = node?.range ? { start: node.range[0], end: Math.max(node.range[1], node.range[0] + 1) } : fallback;
  const problem = (message: string) => {
    problems.push({ span, message: at(where, message) });
    return INVALID;
  };
  if (node && isAlias(node)) return problem('anchors and aliases (`*name`) are not supported here; write the value out');
  if (node?.tag && !node.tag.startsWith('tag:yaml.org,2002:')) return problem(`the tag \`${node.tag}\` is not supported`);
  const actual = typeOf(node);
  const allowed = resolved.type === undefined ? undefined : Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (allowed && !allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'))) {
    return problem(`expected ${allowed.map(article).join(' or ')}, found ${article(actual)}`);
  }

  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    Object.defineProperty(out, OFFSET, { value: span.start, enumerable: false });
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const keySpan = keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : span;
      if (key === undefined) {
        problems.push({ span: keySpan, message: at(where, 'keys must be plain names') });
        continue;
      }
      const propertySchema = resolved.properties?.[key] ?? (typeof resolved.additionalProperties === 'object' ? resolved.additionalProperties : undefined);
      if (!propertySchema) {
        if (resolved.additionalProperties === false || resolved.properties) {
          const known = Object.keys(resolved.properties ?? {});
          const suggestion = closest(key, known);
          problems.push({ span: keySpan, message: at(where, `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : known.length ? ` (expected one of: ${known.join(', ')})` : ''}`) });
          continue;
        }
        out[key] = plain(pair.value as YamlNode | null);
        continue;
      }
      const value = checkNode(pair.value as YamlNode | null, propertySchema, root, problems, keySpan, `${where === '' ? '' : where + '.'}${key}`);
      if (value !== INVALID) out[key] = value;
    }
    const required = resolved.required ?? [];
    const missing = required.filter((k) => !node.items.some((p) => isScalar(p.key) && String(p.key.value) === k));
    if (missing.length > 0) return problem(`missing ${missing.map((k) => `"${k}"`).join(', ')}`);
    // A required entry that is present but invalid has been reported; without it the whole mapping is unusable.
    if (required.some((k) => !(k in out))) return INVALID;
    return out;
  }

  if (isSeq(node)) {
    const out: unknown[] = [];
    node.items.forEach((item, i) => {
      const value = resolved.items ? checkNode(item as YamlNode, resolved.items, root, problems, span, `${where}[${i}]`) : plain(item as YamlNode);
      if (value === INVALID) return;
      if (resolved.uniqueItems && out.some((o) => JSON.stringify(o) === JSON.stringify(value))) {
        const itemNode = item as YamlNode;
        problems.push({ span: itemNode.range ? { start: itemNode.range[0], end: itemNode.range[1] } : span, message: at(`${where}[${i}]`, `${JSON.stringify(value)} is listed twice`) });
        return;
      }
      out.push(value);
    });
    if (resolved.minItems !== undefined && node.items.length < resolved.minItems) return problem(`needs at least ${resolved.minItems} item${resolved.minItems === 1 ? '' : 's'}`);
    return out;
  }

  const value = plain(node);
  if (resolved.enum && !resolved.enum.includes(value)) {
    const suggestion = typeof value === 'string' ? closest(value, resolved.enum.filter((e): e is string => typeof e === 'string')) : undefined;
    return problem(`${JSON.stringify(value)} is not one of ${resolved.enum.map((e) => JSON.stringify(e)).join(', ')}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
  }
  if (typeof value === 'string') {
    if (resolved.minLength !== undefined && value.length < resolved.minLength) return problem(value.length === 0 ? 'must not be empty' : `must be at least ${resolved.minLength} characters`);
    if (resolved.pattern !== undefined && !new RegExp(resolved.pattern, 'u').test(value)) {
      return problem(typeof resolved.patternErrorMessage === 'string' ? resolved.patternErrorMessage : `${JSON.stringify(value)} does not match ${resolved.pattern}`);
    }
  }
  if (typeof value === 'number') {
    if (resolved.minimum !== undefined && value < resolved.minimum) return problem(`must be at least ${resolved.minimum}`);
    if (resolved.maximum !== undefined && value > resolved.maximum) return problem(`must be at most ${resolved.maximum}`);
  }
  return value;
}

/** `where: message`, or the message alone at the top level. */
function at(where: string, message: string): string {
  return where ? `${where}: ${message}` : message;
}

function resolve(schema: Schema, root: Schema): Schema {
  if (!schema.$ref) return schema;
  const match = /^#\/definitions\/([\w-]+)$/.exec(schema.$ref);
  const target = match && (root.definitions as Record<string, Schema> | undefined)?.[match[1]];
  if (!target) throw new Error(`schema reference ${schema.$ref} cannot be resolved`);
  return resolve(target, root);
}

function typeOf(node: YamlNode | null | undefined): JsonType {
  if (!node) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  const value = isScalar(node) ? node.value : undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** A scalar's value, or a plain copy of a collection nobody checks (never expanding aliases). */
function plain(node: YamlNode | null | undefined): unknown {
  if (!node || isAlias(node)) return null;
  if (isScalar(node)) return node.value ?? null;
  if (isSeq(node)) return node.items.map((i) => plain(i as YamlNode));
  if (isMap(node)) return Object.fromEntries(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : ''), plain(p.value as YamlNode)]));
  return null;
}

function article(type: JsonType): string {
  return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : type === 'integer' ? 'a whole number' : type === 'null' ? 'nothing' : `a ${type}`;
}

/** The candidate within two edits of `word`, for "did you mean" hints. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
