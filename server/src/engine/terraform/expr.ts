import type { Node } from 'web-tree-sitter';

/**
 * A Terraform expression as plain data, for the evaluator (`evaluate.ts`): what an extracted value could not know
 * without the module around it (`var.x`, `local.y`, `lookup(...)`, `a ? b : c`, `"${x}-y"`). Expressions hold no
 * positions: a value evaluated from one takes the place of the expression it came from, so a block moved by an edit
 * keeps its expressions as they are. What the evaluator does not read (`for` expressions, splats, heredocs, template
 * directives) is `opaque`: its value stays unknown.
 */
export type Expr =
  | { t: 'lit'; v: string | number | boolean | null }
  /** A root name: `var`, `local`, `count`, `each`, `path`, `module`, `data`, a resource type, an iterator. */
  | { t: 'ref'; name: string }
  /** `of.key` (a string) or `of[key]` (an expression). */
  | { t: 'get'; of: Expr; key: string | Expr }
  | { t: 'call'; fn: string; args: Expr[]; expand: boolean }
  | { t: 'cond'; test: Expr; then: Expr; else: Expr }
  /** A string template: literal parts and interpolations, concatenated. */
  | { t: 'tmpl'; parts: Expr[] }
  | { t: 'tuple'; items: Expr[] }
  | { t: 'object'; entries: { key: Expr; value: Expr }[] }
  | { t: 'op'; op: string; args: Expr[] }
  /** A `dynamic` block: as many blocks as `forEach` has items (the evaluator knows only when that is none). */
  | { t: 'dynamic'; forEach: Expr }
  | { t: 'opaque' };

const OPAQUE: Expr = { t: 'opaque' };

/** Deeper expressions are opaque: none is written this deep, and the conversion recurses. */
const MAX_DEPTH = 64;

/** The expression of an `expression` node. */
export function exprOf(node: Node | null | undefined, depth = 0): Expr {
  if (!node || depth > MAX_DEPTH) return OPAQUE;
  const conditional = node.namedChildren.length === 1 ? node.namedChildren[0] : null;
  if (conditional?.type === 'conditional') {
    const [test, then, otherwise] = conditional.namedChildren.filter((c): c is Node => c?.type === 'expression');
    return { t: 'cond', test: exprOf(test, depth + 1), then: exprOf(then, depth + 1), else: exprOf(otherwise, depth + 1) };
  }
  return termOf(node.children.filter((c): c is Node => c !== null && c.type !== 'comment'), depth + 1);
}

/** One term written as a run of sibling nodes: a primary (or a parenthesized expression), then attributes and indexes. */
function termOf(nodes: Node[], depth: number): Expr {
  if (nodes.length === 0 || depth > MAX_DEPTH) return OPAQUE;
  let i = 0;
  let expr: Expr;
  if (nodes[0].type === '(') {
    const close = nodes.findIndex((n) => n.type === ')');
    if (close < 0) return OPAQUE;
    expr = exprOf(nodes[1], depth + 1);
    i = close + 1;
  } else {
    expr = primaryOf(nodes[0], depth + 1);
    i = 1;
  }
  for (; i < nodes.length && expr.t !== 'opaque'; i++) {
    const postfix = nodes[i];
    if (postfix.type === 'get_attr') {
      const name = postfix.namedChildren.find((c) => c?.type === 'identifier');
      expr = name ? { t: 'get', of: expr, key: name.text } : OPAQUE;
    } else if (postfix.type === 'index') {
      const index = postfix.namedChildren[0];
      if (index?.type === 'new_index') expr = { t: 'get', of: expr, key: exprOf(index.namedChildren.find((c) => c?.type === 'expression'), depth + 1) };
      else if (index?.type === 'legacy_index') expr = { t: 'get', of: expr, key: { t: 'lit', v: Number(index.text.slice(1)) } };
      else expr = OPAQUE;
    } else {
      return OPAQUE; // splats, and anything the grammar recovered from an error
    }
  }
  return expr;
}

function primaryOf(node: Node, depth: number): Expr {
  switch (node.type) {
    case 'literal_value':
      return literalOf(node);
    case 'variable_expr':
      return { t: 'ref', name: node.text };
    case 'template_expr':
      return templateOf(node.namedChildren[0], depth);
    case 'collection_value':
      return collectionOf(node.namedChildren[0], depth);
    case 'function_call':
      return callOf(node, depth);
    case 'operation':
      return operationOf(node.namedChildren[0], depth);
    default:
      return OPAQUE; // `for` expressions, errors
  }
}

function literalOf(node: Node): Expr {
  const lit = node.namedChildren[0];
  switch (lit?.type) {
    case 'string_lit':
      return { t: 'lit', v: stringLiteralText(lit) ?? '' };
    case 'numeric_lit':
      return Number.isFinite(Number(lit.text)) ? { t: 'lit', v: Number(lit.text) } : OPAQUE;
    case 'bool_lit':
      return { t: 'lit', v: lit.text === 'true' };
    case 'null_lit':
      return { t: 'lit', v: null };
    default:
      return OPAQUE;
  }
}

/** The text of a `string_lit` or an interpolation-free `quoted_template`, escapes decoded; undefined when it has other parts. */
export function stringLiteralText(node: Node): string | undefined {
  let text = '';
  for (const part of node.namedChildren) {
    if (!part || part.type === 'quoted_template_start' || part.type === 'quoted_template_end') continue;
    if (part.type !== 'template_literal') return undefined;
    text += unescapeTemplate(part.text);
  }
  return text;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"' };

/** HCL's escapes in a quoted template: `\n`, `\uNNNN`, `\UNNNNNNNN`, and `$${` / `%%{` for a literal `${` / `%{`. */
export function unescapeTemplate(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, escape: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (escape && escape.length > 1) {
      const code = parseInt(escape.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return (escape && ESCAPES[escape]) ?? match;
  });
}

function templateOf(node: Node | null, depth: number): Expr {
  // Heredocs lose their line breaks in the tree, and template directives (`%{ if }`) are not evaluated.
  if (node?.type !== 'quoted_template') return OPAQUE;
  const parts: Expr[] = [];
  for (const part of node.namedChildren) {
    if (!part || part.type === 'quoted_template_start' || part.type === 'quoted_template_end') continue;
    if (part.type === 'template_literal') {
      parts.push({ t: 'lit', v: unescapeTemplate(part.text) });
    } else if (part.type === 'template_interpolation') {
      // `${~ x ~}` strips whitespace around it: not evaluated.
      if (part.namedChildren.some((c) => c?.type === 'strip_marker')) return OPAQUE;
      parts.push(exprOf(part.namedChildren.find((c) => c?.type === 'expression'), depth + 1));
    } else {
      return OPAQUE;
    }
  }
  return { t: 'tmpl', parts };
}

function collectionOf(node: Node | null, depth: number): Expr {
  if (node?.type === 'tuple') {
    return { t: 'tuple', items: node.namedChildren.filter((c): c is Node => c?.type === 'expression').map((item) => exprOf(item, depth + 1)) };
  }
  if (node?.type === 'object') {
    const entries: { key: Expr; value: Expr }[] = [];
    for (const elem of node.namedChildren) {
      if (elem?.type !== 'object_elem') continue;
      const [key, value] = elem.namedChildren.filter((c): c is Node => c?.type === 'expression');
      entries.push({ key: objectKeyOf(key, depth), value: exprOf(value, depth + 1) });
    }
    return { t: 'object', entries };
  }
  return OPAQUE;
}

/** An object key written as a bare name is that name as a string (`{ a = 1 }`); `(a)` or a string is evaluated. */
function objectKeyOf(key: Node | undefined, depth: number): Expr {
  if (!key) return OPAQUE;
  const only = key.namedChildren.length === 1 && key.childCount === 1 ? key.namedChildren[0] : null;
  if (only?.type === 'variable_expr') return { t: 'lit', v: only.text };
  return exprOf(key, depth + 1);
}

function callOf(node: Node, depth: number): Expr {
  const name = node.namedChildren.find((c) => c?.type === 'identifier');
  const args = node.namedChildren.find((c) => c?.type === 'function_arguments');
  if (!name) return OPAQUE;
  return {
    t: 'call',
    fn: name.text,
    args: (args?.namedChildren ?? []).filter((c): c is Node => c?.type === 'expression').map((a) => exprOf(a, depth + 1)),
    expand: args?.namedChildren.some((c) => c?.type === 'ellipsis') ?? false,
  };
}

const BINARY = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

function operationOf(node: Node | null, depth: number): Expr {
  if (!node) return OPAQUE;
  const children = node.children.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (node.type === 'unary_operation') {
    const op = children[0]?.type;
    return op === '-' || op === '!' ? { t: 'op', op, args: [termOf(children.slice(1), depth + 1)] } : OPAQUE;
  }
  if (node.type !== 'binary_operation') return OPAQUE;
  // The operands are runs of sibling nodes; the operator is the one unnamed child between them that is no parenthesis.
  let open = 0;
  for (let i = 0; i < children.length; i++) {
    const type = children[i].type;
    if (type === '(') open++;
    else if (type === ')') open--;
    else if (open === 0 && !children[i].isNamed && BINARY.has(type) && i > 0) {
      return { t: 'op', op: type, args: [termOf(children.slice(0, i), depth + 1), termOf(children.slice(i + 1), depth + 1)] };
    }
  }
  return OPAQUE;
}

/** `var.x`, `local.y.z`, `var.m["k"]`: a reference and its attributes and literal indexes as written, else undefined. */
export function referenceText(expr: Expr): string | undefined {
  if (expr.t === 'ref') return expr.name;
  if (expr.t !== 'get') return undefined;
  const of = referenceText(expr.of);
  if (of === undefined) return undefined;
  if (typeof expr.key === 'string') return `${of}.${expr.key}`;
  if (expr.key.t === 'lit') return `${of}[${JSON.stringify(expr.key.v)}]`;
  return undefined;
}
