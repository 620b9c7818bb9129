import type { Node } from 'web-tree-sitter';
import type { Span } from '../types';
import { exprOf, stringLiteralText, type Expr } from './expr';

/** `variable "name" { type = …, default = … }`. */
export interface VariableDeclaration {
  name: string;
  nameSpan: Span;
  /** The type constraint as written; none means `any`. */
  type?: Expr;
  default?: Expr;
  defaultSpan?: Span;
  /** `nullable = false`: a null argument takes the default. */
  notNullable: boolean;
}

/** One entry of a `locals` block. */
export interface LocalDeclaration {
  name: string;
  value: Expr;
  span: Span;
  valueSpan: Span;
}

/** A module call's argument: an input variable of the module. */
export interface ModuleArgument {
  name: string;
  value: Expr;
  span: Span;
  valueSpan: Span;
}

/** `module "name" { source = "./x" … }`. */
export interface ModuleCall {
  name: string;
  nameSpan: Span;
  source?: string;
  /** `count` and `for_each`, when written: a module whose count is known to be 0 (or `for_each` empty) is off. */
  count?: Expr;
  forEach?: Expr;
  args: ModuleArgument[];
}

/** A top-level `name = value` (a `.tfvars` file). */
export interface Assignment {
  name: string;
  value: Expr;
  span: Span;
  valueSpan: Span;
}

/**
 * What one file declares for the module (the folder) it belongs to. Values are evaluated against the declarations of
 * every file of the folder (`scope.ts`).
 */
export interface TerraformFacts {
  variables: VariableDeclaration[];
  locals: LocalDeclaration[];
  modules: ModuleCall[];
  assignments: Assignment[];
  /** `provider` blocks: a folder that configures a provider is a root module. */
  providers: number;
  /** A `backend` or `cloud` block in `terraform { … }`: the folder is a root module. */
  backend: boolean;
  /** The folder the file is in (set by the engine from the file's path): a module is a folder. */
  folder?: string;
}

/** The declarations of one top-level block, or undefined for a block that declares nothing (a resource, an output). */
export type BlockDeclarations = Partial<Omit<TerraformFacts, 'folder'>>;

const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export function declarationsOf(block: Node, type: string, labels: Node[]): BlockDeclarations | undefined {
  switch (type) {
    case 'variable':
      return labels[0] ? { variables: [variableOf(block, labels[0])] } : undefined;
    case 'locals':
      return { locals: attributesOf(block).map(({ name, value, span, valueSpan }) => ({ name, value: exprOf(value), span, valueSpan })) };
    case 'module':
      return labels[0] ? { modules: [moduleOf(block, labels[0])] } : undefined;
    case 'provider':
      return { providers: 1 };
    case 'terraform':
      return bodyOf(block).some((c) => c.type === 'block' && ['backend', 'cloud'].includes(c.namedChildren[0]?.text ?? '')) ? { backend: true } : undefined;
    default:
      return undefined;
  }
}

/** A top-level attribute (`.tfvars`). */
export function assignmentOf(attribute: Node): Assignment | undefined {
  const [entry] = attributesIn([attribute]);
  return entry && { name: entry.name, value: exprOf(entry.value), span: entry.span, valueSpan: entry.valueSpan };
}

function variableOf(block: Node, label: Node): VariableDeclaration {
  const declaration: VariableDeclaration = { name: labelText(label), nameSpan: spanOf(label), notNullable: false };
  for (const { name, value, valueSpan } of attributesOf(block)) {
    if (name === 'type') declaration.type = exprOf(value);
    else if (name === 'default') {
      declaration.default = exprOf(value);
      declaration.defaultSpan = valueSpan;
    } else if (name === 'nullable') declaration.notNullable = value.text.trim() === 'false';
  }
  return declaration;
}

function moduleOf(block: Node, label: Node): ModuleCall {
  const call: ModuleCall = { name: labelText(label), nameSpan: spanOf(label), args: [] };
  for (const { name, value, span, valueSpan } of attributesOf(block)) {
    if (name === 'source') {
      const source = exprOf(value);
      if (source.t === 'lit' && typeof source.v === 'string') call.source = source.v;
    } else if (name === 'count') call.count = exprOf(value);
    else if (name === 'for_each') call.forEach = exprOf(value);
    else if (!MODULE_META_ARGUMENTS.has(name)) call.args.push({ name, value: exprOf(value), span, valueSpan });
  }
  return call;
}

interface RawAttribute {
  name: string;
  value: Node;
  span: Span;
  valueSpan: Span;
}

function bodyOf(block: Node): Node[] {
  return (block.namedChildren.find((c) => c?.type === 'body')?.namedChildren ?? []).filter((c): c is Node => c !== null);
}

function attributesOf(block: Node): RawAttribute[] {
  return attributesIn(bodyOf(block));
}

function attributesIn(nodes: Node[]): RawAttribute[] {
  const out: RawAttribute[] = [];
  for (const node of nodes) {
    if (node.type !== 'attribute') continue;
    const key = node.namedChildren[0];
    const value = node.namedChildren.find((c) => c?.type === 'expression');
    if (key && value) out.push({ name: key.text, value, span: spanOf(node), valueSpan: spanOf(value) });
  }
  return out;
}

function labelText(label: Node): string {
  return label.type === 'string_lit' ? (stringLiteralText(label) ?? label.text) : label.text;
}

function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** The declarations of a file, from those of its blocks. */
export function mergeDeclarations(parts: readonly BlockDeclarations[]): TerraformFacts {
  const facts: TerraformFacts = { variables: [], locals: [], modules: [], assignments: [], providers: 0, backend: false };
  for (const part of parts) {
    if (part.variables) facts.variables.push(...part.variables);
    if (part.locals) facts.locals.push(...part.locals);
    if (part.modules) facts.modules.push(...part.modules);
    if (part.assignments) facts.assignments.push(...part.assignments);
    facts.providers += part.providers ?? 0;
    facts.backend ||= part.backend ?? false;
  }
  return facts;
}

export function shiftDeclarations(part: BlockDeclarations, delta: number): BlockDeclarations {
  const span = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
  const shifted: BlockDeclarations = {};
  if (part.variables) {
    // With the fields a declaration read from its block has (`variableOf`), and no others.
    shifted.variables = part.variables.map((v) => {
      const moved: VariableDeclaration = { name: v.name, nameSpan: span(v.nameSpan), notNullable: v.notNullable };
      if ('type' in v) moved.type = v.type;
      if ('default' in v) moved.default = v.default;
      if ('defaultSpan' in v) moved.defaultSpan = v.defaultSpan && span(v.defaultSpan);
      return moved;
    });
  }
  if (part.locals) shifted.locals = part.locals.map((l) => ({ name: l.name, value: l.value, span: span(l.span), valueSpan: span(l.valueSpan) }));
  if (part.modules) {
    shifted.modules = part.modules.map((m) => {
      const moved: ModuleCall = { name: m.name, nameSpan: span(m.nameSpan), args: m.args.map((a) => ({ name: a.name, value: a.value, span: span(a.span), valueSpan: span(a.valueSpan) })) };
      if ('source' in m) moved.source = m.source;
      if ('count' in m) moved.count = m.count;
      if ('forEach' in m) moved.forEach = m.forEach;
      return moved;
    });
  }
  if (part.assignments) shifted.assignments = part.assignments;
  if (part.providers) shifted.providers = part.providers;
  if (part.backend) shifted.backend = part.backend;
  return shifted;
}
