import type { Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
// Blocks are read from plain-JavaScript snapshots (parsers/syntax.ts), each when it is first met.
import { snapshotOf, type SyntaxNode as Node } from '../parsers/syntax';
import { syntaxErrors } from '../parsers/walk';
import type { ArrayValue, Comment, FileFacts, InsertPoint, ObjectValue, Reference, ResourceFact, Span, Value } from '../types';
import { shiftReference, shiftResource, shiftSpan } from './shift';

/** Deeper blocks and expressions are unknown: no real configuration nests this deep, and recursion needs a bound. */
const MAX_NESTING = 64;

/**
 * Terraform (HCL) source → facts: every `resource` block with its attributes and nested blocks as values.
 * A nested block given once is an object; given several times, a list of objects. A `dynamic "x"` block makes
 * `x` unknown. References (`var.x`, `aws_s3_bucket.b.arn`), function calls and interpolated strings are unknown.
 */
/**
 * The facts of each top-level block of one file by the block's source (from the start of its line), kept from one
 * analysis of the file to the next: a block an edit did not touch is not read again, only moved. A block's facts
 * depend on its own source alone.
 */
export class TerraformBlocks {
  blocks = new Map<string, BlockFacts>();
}

interface BlockFacts {
  start: number;
  resource?: ResourceFact;
  references: Reference[];
  comments: Comment[];
}

/**
 * Terraform (HCL) source → facts: every `resource` block with its attributes and nested blocks as values.
 * A nested block given once is an object; given several times, a list of objects. A `dynamic "x"` block makes
 * `x` unknown. References (`var.x`, `aws_s3_bucket.b.arn`), function calls and interpolated strings are unknown.
 * `cache`, kept for one file, makes analysing it again after an edit cost about as much as the blocks that changed.
 */
export function extractTerraform(tree: Tree, text: string, deadline = Deadline.never(), cache = new TerraformBlocks()): FileFacts {
  const facts: FileFacts = { language: 'terraform', calls: [], resources: [], imports: new Set(), comments: [], problems: [] };
  const references: Reference[] = [];
  const known = cache.blocks;
  const seen = new Map<string, BlockFacts>();
  // Comments are found top-level node by top-level node, so that a block's come with its cached facts.
  for (const top of tree.rootNode.namedChildren) {
    if (!top) continue;
    if (top.type !== 'body') {
      facts.comments.push(...commentsIn(snapshotOf(top, text, deadline)));
      continue;
    }
    for (const node of top.namedChildren) {
      if (node?.type !== 'block') {
        if (node) facts.comments.push(...commentsIn(snapshotOf(node, text, deadline)));
        continue;
      }
      deadline.check();
      const start = node.startIndex;
      const key = text.slice(text.lastIndexOf('\n', start - 1) + 1, node.endIndex);
      const before = seen.get(key) ?? known.get(key);
      const found = before ? moved(before, start) : blockFacts(snapshotOf(node, text, deadline), text, deadline);
      seen.set(key, found);
      if (found.resource) facts.resources.push(found.resource);
      references.push(...found.references);
      facts.comments.push(...found.comments);
    }
  }
  cache.blocks = seen;
  facts.references = references;
  for (const error of syntaxErrors(tree, deadline)) {
    facts.problems.push({ message: error.missing ? 'syntax error: something is missing here' : 'syntax error', span: error });
  }
  return facts;
}

function blockFacts(block: Node, text: string, deadline: Deadline): BlockFacts {
  const labels = block.namedChildren.filter((c): c is Node => c?.type === 'string_lit');
  const isResource = block.namedChildren[0]?.text === 'resource' && labels.length >= 2;
  const address = isResource ? `${literalText(labels[0])}.${literalText(labels[1])}` : undefined;
  const references: Reference[] = [];
  for (const variable of block.descendantsOfType('variable_expr')) {
    const to = variable && referenceAddress(variable, text);
    if (to) references.push({ from: address, to, span: spanOf(variable) });
  }
  const comments = commentsIn(block);
  if (!isResource) return { start: block.startIndex, references, comments };
  const resource: ResourceFact = {
    kind: 'resource',
    resourceType: literalText(labels[0]),
    name: literalText(labels[1]),
    address,
    props: blockValue(block, text, deadline),
    span: spanOf(block),
    nameSpan: spanOf(labels[1]),
  };
  return { start: block.startIndex, resource, references, comments };
}

/** The facts of a block now at `start`, from those it had at its previous place. */
function moved(facts: BlockFacts, start: number): BlockFacts {
  const delta = start - facts.start;
  if (delta === 0) return facts;
  return {
    start,
    resource: facts.resource && shiftResource(facts.resource, delta),
    references: facts.references.map((r) => shiftReference(r, delta)),
    comments: facts.comments.map((c) => ({ text: c.text, span: shiftSpan(c.span, delta) })),
  };
}

function commentsIn(node: Node): Comment[] {
  if (node.type === 'comment') return [{ text: node.text, span: spanOf(node) }];
  return node.descendantsOfType('comment').flatMap((c) => (c ? [{ text: c.text, span: spanOf(c) }] : []));
}

function blockValue(block: Node, text: string, deadline: Deadline, depth = 0): ObjectValue {
  deadline.check();
  const body = block.namedChildren.find((c) => c?.type === 'body');
  const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span: spanOf(block), insert: insertPoint(block, body, text) };
  const nested = new Map<string, { values: Value[]; first: Node }>();
  for (const child of body?.namedChildren ?? []) {
    if (!child) continue;
    if (child.type === 'attribute') {
      const key = child.namedChildren[0]!;
      const expr = child.namedChildren.find((c) => c?.type === 'expression') ?? null;
      obj.props.set(key.text, { key: key.text, keySpan: spanOf(key), value: expressionValue(expr, { deadline, text }), span: spanOf(child) });
    } else if (child.type === 'block') {
      const type = child.namedChildren[0]!;
      if (type.text === 'dynamic') {
        const label = child.namedChildren.find((c) => c?.type === 'string_lit');
        if (label) obj.props.set(literalText(label), { key: literalText(label), keySpan: spanOf(label), value: { kind: 'unknown', span: spanOf(child) }, span: spanOf(child) });
        continue;
      }
      const entry = nested.get(type.text) ?? { values: [], first: child };
      entry.values.push(depth < MAX_NESTING ? blockValue(child, text, deadline, depth + 1) : { kind: 'unknown', span: spanOf(child) });
      nested.set(type.text, entry);
    }
  }
  for (const [key, { values, first }] of nested) {
    if (obj.props.get(key)?.value.kind === 'unknown') continue; // a dynamic block of the same type adds unknown items
    const keyNode = first.namedChildren[0]!;
    const value: Value = values.length === 1 ? values[0] : ({ kind: 'array', items: values, open: false, span: spanOf(first) } satisfies ArrayValue);
    obj.props.set(key, { key, keySpan: spanOf(keyNode), value, span: spanOf(first) });
  }
  return obj;
}

function insertPoint(block: Node, body: Node | undefined, text: string): InsertPoint | undefined {
  const start = block.namedChildren.find((c) => c?.type === 'block_start');
  const end = block.namedChildren.find((c) => c?.type === 'block_end');
  if (!start || !end) return undefined;
  const blockIndent = lineIndent(text, block.startIndex);
  const last = body?.namedChildren.filter((c) => c?.type === 'attribute' || c?.type === 'block').pop();
  if (last) {
    return { syntax: 'hcl', offset: last.endIndex, indent: lineIndent(text, last.startIndex), multiline: true, needsSeparatorBefore: true };
  }
  const sameLine = end.startPosition.row === start.startPosition.row;
  return {
    syntax: 'hcl',
    offset: start.endIndex,
    indent: blockIndent + '  ',
    multiline: true,
    needsSeparatorBefore: false,
    closingIndent: sameLine ? blockIndent : undefined,
  };
}

/** What reading values needs beside the node: the time limit, and the file's text. */
interface Read {
  deadline: Deadline;
  text: string;
}

function expressionValue(expr: Node | null, read: Read, depth = 0): Value {
  if (!expr) return { kind: 'unknown', span: { start: 0, end: 0 } };
  const value = literalValue(expr, read, depth);
  if (value.kind !== 'unknown') return value;
  const refs = [...new Set(expr.descendantsOfType('variable_expr').map((v) => v && referenceAddress(v, read.text)).filter((r): r is string => !!r))];
  return refs.length ? { ...value, refs } : value;
}

function literalValue(expr: Node, read: Read, depth: number): Value {
  read.deadline.check();
  const span = spanOf(expr);
  const inner = expr.namedChildren;
  if (inner.length !== 1 || !inner[0] || depth > MAX_NESTING) return { kind: 'unknown', span };
  const node = inner[0];
  switch (node.type) {
    case 'literal_value': {
      const lit = node.namedChildren[0];
      if (!lit) return { kind: 'unknown', span };
      if (lit.type === 'string_lit') return { kind: 'string', value: literalText(lit), span };
      if (lit.type === 'numeric_lit') return { kind: 'number', value: Number(lit.text), span };
      if (lit.type === 'bool_lit') return { kind: 'boolean', value: lit.text === 'true', span };
      if (lit.type === 'null_lit') return { kind: 'null', span };
      return { kind: 'unknown', span };
    }
    case 'template_expr': {
      const quoted = node.namedChildren[0];
      if (quoted?.type !== 'quoted_template' || quoted.namedChildren.some((c) => c?.type !== 'quoted_template_start' && c?.type !== 'quoted_template_end' && c?.type !== 'template_literal'))
        return { kind: 'unknown', span };
      return { kind: 'string', value: literalText(quoted), span };
    }
    case 'collection_value': {
      const collection = node.namedChildren[0];
      if (collection?.type === 'tuple') {
        const items = collection.namedChildren.filter((c): c is Node => c?.type === 'expression').map((item) => expressionValue(item, read, depth + 1));
        return { kind: 'array', items, open: false, span };
      }
      if (collection?.type === 'object') {
        const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span };
        for (const elem of collection.namedChildren) {
          if (elem?.type !== 'object_elem') continue;
          const [keyExpr, valueExpr] = elem.namedChildren.filter((c): c is Node => c?.type === 'expression');
          const key = keyExpr && objectKey(keyExpr, read);
          if (key === undefined) {
            obj.open = true;
            continue;
          }
          obj.props.set(key, { key, keySpan: spanOf(keyExpr), value: expressionValue(valueExpr ?? null, read, depth + 1), span: spanOf(elem) });
        }
        return obj;
      }
      return { kind: 'unknown', span };
    }
    default:
      return { kind: 'unknown', span };
  }
}

/**
 * The address a `variable_expr` (with the `.attr` parts after it) refers to: `aws_s3_bucket.b`, `data.aws_iam_role.r`,
 * `var.name`, `module.m`. Iteration variables of `for` expressions come out as their own names and match nothing.
 */
function referenceAddress(variable: Node, text: string): string | undefined {
  const root = variable.text;
  if (!/^[A-Za-z_][\w-]*$/.test(root)) return undefined;
  const parts = [root];
  const want = root === 'data' ? 3 : 2;
  // The `.attr` parts are read from the text after the name: tree-sitter's sibling steps cost a walk down from the
  // root each, quadratic on deeply nested expressions.
  const attribute = /\s*\.\s*([A-Za-z_][\w-]*)/y;
  attribute.lastIndex = variable.endIndex;
  for (let m = attribute.exec(text); m && parts.length < want; m = attribute.exec(text)) parts.push(m[1]);
  return parts.length === want ? parts.join('.') : undefined;
}

/** An object key written as a bare name (`a = 1`) or a literal string (`"a" = 1`). */
function objectKey(expr: Node, read: Read): string | undefined {
  const inner = expr.namedChildren[0];
  if (inner?.type === 'variable_expr' && expr.namedChildren.length === 1) return inner.text;
  const value = expressionValue(expr, read);
  return value.kind === 'string' ? value.value : undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"' };

function literalText(node: Node): string {
  return node.namedChildren
    .filter((c) => c?.type === 'template_literal')
    .map((c) => c!.text.replace(/\\(.)/g, (m, ch: string) => ESCAPES[ch] ?? m))
    .join('');
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}
