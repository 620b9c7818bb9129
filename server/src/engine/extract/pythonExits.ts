// Where values leave a Python function: `return` and `yield`, with the function they leave (its name, decorators,
// parameters, class). Rules read them to tell what a model call's output is used for (`rules/support/callUse.ts`): a
// web route or a model tool hands it on, a helper returns it to callers in the same file.
import type { SyntaxNode } from '../parsers/syntax';
import type { ExitFact, FunctionInfo, Span, Value } from '../types';

export interface ExitNode {
  /** A `return_statement`, a `yield`, an `assignment` to an attribute or an item, or a test (`isTest`). */
  node: SyntaxNode;
  /** Its value, read by the extractor (`None` when there is none). */
  value: Value;
}

/** The exits of the file's functions, with each function described once. */
export function pythonExits(nodes: readonly ExitNode[], qualify: (node: SyntaxNode) => string | undefined): ExitFact[] {
  const functions = new Map<number, FunctionInfo>();
  const exits: ExitFact[] = [];
  for (const { node, value } of nodes) {
    const fn = enclosingFunction(node);
    if (!fn && (node.type === 'return_statement' || node.type === 'yield')) continue; // a syntax error at module level
    let info = fn && functions.get(fn.id);
    if (fn && !info) functions.set(fn.id, (info = describe(fn, qualify)));
    const kind = node.type === 'assignment' ? 'store' : node.type === 'yield' ? 'yield' : node.type === 'return_statement' ? 'return' : 'compare';
    const target = kind === 'store' ? node.childForFieldName('left')?.text.replace(/\s+/g, '') : kind === 'compare' ? testName(node) : undefined;
    exits.push({ kind, span: spanOf(node), value, ...(target ? { target } : {}), ...(info ? { function: info } : {}) });
  }
  return exits;
}

/** String methods that test their receiver: `text.startswith("yes")`. */
const TEST_METHODS = new Set(['startswith', 'endswith', 'isdigit', 'isnumeric', 'isdecimal', 'isalpha', 'isupper', 'islower', 'count', 'find', 'index', '__contains__']);

/** True for a node that only tests a value: a comparison (`==`, `in`, `>=`), or a string method that tests its receiver. */
export function isTest(node: SyntaxNode): boolean {
  if (node.type === 'comparison_operator') return true;
  const fn = node.type === 'call' ? node.childForFieldName('function') : null;
  return fn?.type === 'attribute' && TEST_METHODS.has(fn.childForFieldName('attribute')?.text ?? '');
}

/** How a test is written: its operator (`==`, `not in`) or method (`startswith`). */
function testName(node: SyntaxNode): string {
  if (node.type === 'call') return node.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';
  return node.childrenForFieldName('operators').map((c) => c.text).join(' ');
}

/**
 * The value node of a `return x` or `yield x` (`yield from x` included), of a store, or of a test (its receiver, or
 * the comparison itself, whose operands the extractor reads as a tuple); null when there is none.
 */
export function exitValueNode(node: SyntaxNode): SyntaxNode | null {
  if (node.type === 'assignment') return node.childForFieldName('right');
  if (node.type === 'call') return node.childForFieldName('function')?.childForFieldName('object') ?? null;
  if (node.type === 'comparison_operator') return node;
  return node.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
}

/** True for an assignment to an attribute or an item (`self.answer = …`, `d["k"] = …`): a store that is an exit. */
export function isStore(assignment: SyntaxNode): boolean {
  const left = assignment.childForFieldName('left');
  return left?.type === 'attribute' || left?.type === 'subscript';
}

function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return n;
    if (n.type === 'lambda' || n.type === 'class_definition') return undefined;
  }
  return undefined;
}

function describe(fn: SyntaxNode, qualify: (node: SyntaxNode) => string | undefined): FunctionInfo {
  const decorators: string[] = [];
  const qualifiedDecorators: string[] = [];
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  for (const d of decorated?.namedChildren ?? []) {
    if (d?.type !== 'decorator') continue;
    const expression = d.namedChildren[0];
    if (!expression) continue;
    decorators.push(expression.text.replace(/\s+/g, ''));
    const callee = expression.type === 'call' ? expression.childForFieldName('function') : expression;
    const qualified = callee && qualify(callee);
    if (qualified) qualifiedDecorators.push(qualified);
  }
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p) => {
    if (!p) return [];
    const name = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
    return name ? [name.text] : [];
  });
  const owner = (decorated ?? fn).parent?.parent;
  const className = owner?.type === 'class_definition' ? owner.childForFieldName('name')?.text : undefined;
  return {
    name: fn.childForFieldName('name')?.text ?? '',
    span: spanOf(decorated ?? fn),
    decorators,
    qualifiedDecorators,
    params,
    ...(className ? { className } : {}),
  };
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}
