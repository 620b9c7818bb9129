// Where values leave a TypeScript/JavaScript function: `return`, an arrow function's expression body and `yield`, with
// the function they leave (its name or the name it is assigned to, parameters, class, whether it is exported). The
// counterpart of `pythonExits.ts`, read by `rules/support/callUse.ts`.
import type { SyntaxNode } from '../parsers/syntax';
import type { ExitFact, FunctionInfo, Span, Value } from '../types';

const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=']);
/** String methods that test their receiver: `text.includes("yes")`. */
const TEST_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'localeCompare']);
const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']);

export interface TsExitNode {
  /** A `return_statement`, a `yield_expression`, the expression body of an arrow function, or a store to a member or item. */
  node: SyntaxNode;
  value: Value;
}

/** The exit a node makes, if it is one: the node whose value leaves, or undefined. */
export function tsExitValueNode(node: SyntaxNode): SyntaxNode | null | undefined {
  if (node.type === 'return_statement' || node.type === 'yield_expression') return node.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
  if (node.type === 'assignment_expression') {
    const left = node.childForFieldName('left');
    return left?.type === 'member_expression' || left?.type === 'subscript_expression' ? node.childForFieldName('right') : undefined;
  }
  if (node.type === 'binary_expression' && COMPARISONS.has(node.childForFieldName('operator')?.text ?? '')) return node;
  const fn = node.type === 'call_expression' ? node.childForFieldName('function') : null;
  if (fn?.type === 'member_expression' && TEST_METHODS.has(fn.childForFieldName('property')?.text ?? '')) return fn.childForFieldName('object');
  if (node.type === 'arrow_function') {
    const body = node.childForFieldName('body');
    return body && body.type !== 'statement_block' ? body : undefined;
  }
  return undefined;
}

export function typescriptExits(nodes: readonly TsExitNode[]): ExitFact[] {
  const functions = new Map<number, FunctionInfo>();
  const exits: ExitFact[] = [];
  for (const { node, value } of nodes) {
    const fn = node.type === 'arrow_function' ? node : enclosingFunction(node);
    const store = node.type === 'assignment_expression';
    if (!fn && (node.type === 'return_statement' || node.type === 'yield_expression')) continue;
    let info = fn && functions.get(fn.id);
    if (fn && !info) functions.set(fn.id, (info = describe(fn)));
    const kind = store ? 'store' : node.type === 'yield_expression' ? 'yield' : node.type === 'return_statement' || node.type === 'arrow_function' ? 'return' : 'compare';
    const target = store
      ? node.childForFieldName('left')?.text.replace(/\s+/g, '')
      : kind === 'compare'
        ? (node.childForFieldName('operator')?.text ?? node.childForFieldName('function')?.childForFieldName('property')?.text)
        : undefined;
    exits.push({ kind, span: spanOf(node), value, ...(target ? { target } : {}), ...(info ? { function: info } : {}) });
  }
  return exits;
}

function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTIONS.has(n.type)) return n;
  return undefined;
}

function describe(fn: SyntaxNode): FunctionInfo {
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? [fn.childForFieldName('parameter')]).flatMap((p) => {
    if (!p) return [];
    const pattern = p.childForFieldName('pattern') ?? p;
    return pattern.type === 'identifier' ? [pattern.text] : [];
  });
  const holder = fn.parent;
  let name = fn.childForFieldName('name')?.text ?? '';
  let exported = holder?.type === 'export_statement';
  if (!name && holder?.type === 'variable_declarator') {
    name = holder.childForFieldName('name')?.text ?? '';
    exported = holder.parent?.parent?.type === 'export_statement';
  } else if (!name && holder?.type === 'pair') {
    name = holder.childForFieldName('key')?.text.replace(/^["']|["']$/g, '') ?? '';
  } else if (!name && holder?.type === 'assignment_expression') {
    name = holder.childForFieldName('left')?.text.replace(/^.*\./, '') ?? '';
  }
  const classBody = fn.type === 'method_definition' ? fn.parent : undefined;
  const className = classBody?.type === 'class_body' ? classBody.parent?.childForFieldName('name')?.text : undefined;
  return { name, span: spanOf(fn), decorators: [], qualifiedDecorators: [], params, ...(className ? { className } : {}), ...(exported ? { exported } : {}) };
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}
