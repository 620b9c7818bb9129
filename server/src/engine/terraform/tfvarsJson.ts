import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parseYamlDocument } from '../yamlParse';
import type { Assignment, TerraformFacts } from './declarations';
import type { Expr } from './expr';

/** The entries of a `terraform.tfvars.json` / `*.auto.tfvars.json` file (JSON values are taken as written). */
export function tfvarsJsonFacts(text: string): TerraformFacts | undefined {
  const parsed = parseYamlDocument(text, { keepSourceTokens: false, prettyErrors: false });
  if (!('doc' in parsed) || parsed.doc.errors.length || !isMap(parsed.doc.contents)) return undefined;
  const assignments: Assignment[] = [];
  for (const pair of parsed.doc.contents.items) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range || !isNode(pair.value) || !pair.value.range) continue;
    const [start, , end] = pair.value.range;
    assignments.push({ name: key.value, value: exprOfJson(pair.value, 0), span: { start: key.range[0], end }, valueSpan: { start, end } });
  }
  return { variables: [], locals: [], modules: [], assignments, providers: 0, backend: false };
}

function isNode(value: unknown): value is YamlNode {
  return isScalar(value) || isMap(value) || isSeq(value);
}

function exprOfJson(node: unknown, depth: number): Expr {
  if (depth > 64) return { t: 'opaque' };
  if (isScalar(node)) {
    const v = node.value;
    return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? { t: 'lit', v } : { t: 'opaque' };
  }
  if (isSeq(node)) return { t: 'tuple', items: node.items.map((item) => exprOfJson(item, depth + 1)) };
  if (isMap(node)) {
    return {
      t: 'object',
      entries: node.items.map((pair) => ({ key: isScalar(pair.key) && typeof pair.key.value === 'string' ? { t: 'lit' as const, v: pair.key.value } : { t: 'opaque' as const }, value: exprOfJson(pair.value, depth + 1) })),
    };
  }
  return { t: 'opaque' };
}
