// Follows a TypeScript/JavaScript value back to where its data comes from, within one function: the latest binding
// before the use (`const`, `let`, assignment, `+=`, `for … of`), property and index access (optional chaining too),
// string and array methods, `JSON.parse`, `TextDecoder.decode` and string building (template literals, `+`). Any other
// call ends the path, so a value passed through a function we cannot see (a sanitizer, a validator) has no origin
// beyond that call. The TypeScript counterpart of `pythonFlow.ts`.
import type { SyntaxNode } from '../parsers/syntax';
import { formatted, latestBefore, OriginCache } from './originSupport';
import type { CallFact, Origin, Span } from '../types';
import { push } from '../multimap';

interface Def {
  /** Offset from which the binding is in effect. */
  at: number;
  /** What the name is bound to (data from); null: bound to something not followed. */
  value: SyntaxNode | null;
}

interface Param {
  name: string;
  annotation?: string;
  span: Span;
}

interface FlowScope {
  node: SyntaxNode;
  /** Functions hold parameters and `var`s; blocks hold `let` and `const`. */
  kind: 'function' | 'block';
  parent?: FlowScope;
  defs: Map<string, Def[]>;
  params: Map<string, Param>;
}

export interface TsFlowEnvironment {
  /** Top-level modules the file imports. */
  imports: Set<string>;
  /** The callee or name resolved through imports (`child_process.exec`), if it is imported. */
  qualify(node: SyntaxNode): string | undefined;
  callAt(node: SyntaxNode): CallFact | undefined;
}

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']);
const BLOCKS = new Set(['statement_block', 'for_statement', 'for_in_statement']);
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'spread_element']);

/** Methods whose result carries the receiver's data: `text.trim()`, `res.json()`, `blocks.map(…)`. */
const CARRYING_METHODS = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'split', 'slice',
  'substring', 'substr', 'at', 'charAt', 'padStart', 'padEnd', 'normalize', 'repeat', 'toString', 'valueOf', 'match', 'matchAll',
  'json', 'text', 'transformToString', 'map', 'filter', 'flatMap', 'flat', 'find', 'findLast', 'values', 'entries', 'get', 'pop',
  'shift', 'reverse', 'toReversed', 'sort', 'toSorted',
]);
/** Methods that build a string from their receiver and arguments. */
const FORMATTING_METHODS = new Set(['join', 'concat']);
/** Methods whose result carries the data of their arguments: `new TextDecoder().decode(bytes)`, `re.exec(text)`. */
const ARGUMENT_METHODS = new Set(['decode', 'exec']);
/** Global functions whose result carries the data of their arguments. */
const CARRYING_FUNCTIONS = new Set([
  'JSON.parse', 'String', 'Buffer.from', 'Buffer.concat', 'Array.from', 'Object.values', 'Object.entries', 'structuredClone',
  'decodeURIComponent', 'decodeURI', 'atob',
]);
/** Functions that turn their function argument into a tool the model calls: the model writes its arguments. */
const TOOL_FUNCTIONS = new Set(['@langchain/core/tools.tool', 'langchain/tools.tool']);
/** Tool constructors whose `func`/`execute` option is called with arguments the model wrote. */
const TOOL_CONSTRUCTORS = new Set([
  '@langchain/core/tools.DynamicTool',
  '@langchain/core/tools.DynamicStructuredTool',
  'langchain/tools.DynamicTool',
  'langchain/tools.DynamicStructuredTool',
  'ai.tool',
  '@openai/agents.tool',
]);
const TOOL_HANDLER_KEYS = new Set(['func', 'execute']);
/** MCP servers register tools with `server.tool(name, …, handler)` or `server.registerTool(name, config, handler)`. */
const MCP_MODULE = /^@modelcontextprotocol\/sdk\/server\//;
const MCP_REGISTRATIONS = new Set(['tool', 'registerTool']);
/** Parameter names web frameworks pass the request under. */
const REQUEST_PARAMETERS = new Set(['request', 'req']);
const USER_INPUT_GLOBALS = /^process\.argv\b/;
/** Parameter types that cannot carry text: numbers, booleans, dates, unions of literals. */
const LITERAL = `('[^']*'|"[^"]*"|-?\\d+(\\.\\d+)?|true|false|null|undefined)`;
const NON_TEXT_TYPE = new RegExp(`^((number|boolean|bigint|Date)( *\\| *(null|undefined))?|${LITERAL}( *\\| *${LITERAL})*)$`);

/** Builds the scopes and bindings of a file during the extractor's walk, then follows values through them. */
export class TsOriginTracker {
  private readonly module: FlowScope;
  private scope: FlowScope;
  private readonly scopeOf = new Map<number, FlowScope>();
  private readonly origins = new OriginCache();
  private env?: TsFlowEnvironment;

  constructor(root: SyntaxNode) {
    this.module = { node: root, kind: 'function', defs: new Map(), params: new Map() };
    this.scope = this.module;
    this.scopeOf.set(root.id, this.module);
  }

  /** Call on entering each node of the walk. */
  enter(node: SyntaxNode): void {
    if (FUNCTIONS.has(node.type)) {
      this.open(node, 'function');
      for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) if (param) this.param(param);
      const single = node.type === 'arrow_function' ? node.childForFieldName('parameter') : null;
      if (single) this.param(single);
      return;
    }
    // A function's own body block belongs to the function scope.
    if (BLOCKS.has(node.type) && !isFunctionBody(node)) this.open(node, 'block');
    switch (node.type) {
      case 'variable_declarator': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        // `var` (not `let` or `const`) binds in the function.
        const target = node.parent?.type === 'variable_declaration' ? this.functionScope() : this.scope;
        if (name) this.define(target, name, value, node.endIndex);
        break;
      }
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left');
        if (left?.type !== 'identifier') break;
        const holder = this.holding(left.text) ?? this.module;
        const value = node.type === 'assignment_expression' ? node.childForFieldName('right') : node;
        push(holder.defs, left.text, { at: node.endIndex, value });
        break;
      }
      case 'for_in_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left) break;
        // `const`, `let` and `var` fill the `kind` field, `of` and `in` the `operator` field.
        const declared = node.childForFieldName('kind') !== null;
        const target = declared ? this.scope : (this.holding(left.text) ?? this.module);
        // `for (const k in obj)` iterates keys, which carry no data.
        const over = node.childForFieldName('operator')?.type === 'of';
        this.define(target, left, over ? right : null, right?.endIndex ?? node.endIndex);
        break;
      }
      case 'catch_clause': {
        const param = node.childForFieldName('parameter');
        if (param) this.define(this.scope, param, null, node.startIndex);
        break;
      }
    }
  }

  /** Call on leaving each node of the walk. */
  leave(node: SyntaxNode): void {
    if (this.scope.node.id === node.id && this.scope.parent) this.scope = this.scope.parent;
  }

  /** Call once the walk is over, before asking for origins. */
  ready(env: TsFlowEnvironment): void {
    this.env = env;
  }

  /** Where the data of the expression at `node` may come from; empty when nothing is known. */
  originsOf(node: SyntaxNode | null | undefined): Origin[] {
    if (!node || !this.env) return [];
    return this.origins.get(node.id, () => this.compute(node));
  }

  private open(node: SyntaxNode, kind: FlowScope['kind']): void {
    this.scope = { node, kind, parent: this.scope, defs: new Map(), params: new Map() };
    this.scopeOf.set(node.id, this.scope);
  }

  private functionScope(): FlowScope {
    let s = this.scope;
    while (s.kind !== 'function' && s.parent) s = s.parent;
    return s;
  }

  private holding(name: string): FlowScope | undefined {
    for (let s: FlowScope | undefined = this.scope; s; s = s.parent) if (s.defs.has(name) || s.params.has(name)) return s;
    return undefined;
  }

  /** Binds each name a declaration target introduces (`x`, `{ a, b: c }`, `[first]`) to data from `value`. */
  private define(scope: FlowScope, target: SyntaxNode, value: SyntaxNode | null, at: number): void {
    for (const name of boundNames(target)) push(scope.defs, name.text, { at, value });
  }

  private param(node: SyntaxNode): void {
    const pattern = node.childForFieldName('pattern') ?? node;
    const annotation = node.childForFieldName('type')?.text.replace(/^:\s*/, '');
    const names = boundNames(pattern);
    for (const name of names) {
      this.scope.params.set(name.text, { name: name.text, annotation: names.length === 1 && pattern.type === 'identifier' ? annotation : undefined, span: spanOf(name) });
    }
  }

  private compute(node: SyntaxNode): Origin[] {
    if (WRAPPERS.has(node.type)) return this.originsOf(node.namedChildren.find((c) => c && !c.type.endsWith('type') && c.type !== 'type_identifier' && c.type !== 'type_arguments'));
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return node.text === 'undefined' ? [] : this.resolve(node);
      case 'member_expression':
        return this.userInput(node) ?? this.originsOf(node.childForFieldName('object'));
      case 'subscript_expression':
        return this.originsOf(node.childForFieldName('object'));
      case 'call_expression':
        return this.callOrigins(node);
      case 'new_expression': {
        const fact = this.env!.callAt(node);
        return fact ? [{ kind: 'call', call: fact, name: fact.callee, span: fact.span, formatted: false }] : [];
      }
      case 'template_string':
        return formatted(node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'template_substitution').flatMap((c) => this.originsOf(c.namedChildren[0])));
      case 'binary_expression': {
        const operator = node.childForFieldName('operator')?.text;
        const both = [...this.originsOf(node.childForFieldName('left')), ...this.originsOf(node.childForFieldName('right'))];
        if (operator === '+') return formatted(both);
        return operator === '??' || operator === '||' || operator === '&&' ? both : [];
      }
      case 'augmented_assignment_expression': {
        const operator = node.childForFieldName('operator')?.text;
        if (operator !== '+=') return [];
        return formatted([...this.originsOf(node.childForFieldName('left')), ...this.originsOf(node.childForFieldName('right'))]);
      }
      case 'assignment_expression':
        return this.originsOf(node.childForFieldName('right'));
      case 'ternary_expression':
        return [...this.originsOf(node.childForFieldName('consequence')), ...this.originsOf(node.childForFieldName('alternative'))];
      case 'array':
        return node.namedChildren.flatMap((c) => (c && c.type !== 'comment' ? this.originsOf(c) : []));
      case 'object':
        return node.namedChildren.flatMap((c) => {
          if (!c) return [];
          if (c.type === 'pair') return this.originsOf(c.childForFieldName('value'));
          return c.type === 'shorthand_property_identifier' || c.type === 'spread_element' ? this.originsOf(c) : [];
        });
      case 'sequence_expression':
        return this.originsOf(node.namedChildren[node.namedChildren.length - 1]);
      default:
        return [];
    }
  }

  private callOrigins(node: SyntaxNode): Origin[] {
    const out: Origin[] = [];
    const fact = this.env!.callAt(node);
    if (fact) out.push({ kind: 'call', call: fact, name: fact.callee, span: fact.span, formatted: false });
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn) return out;
    const callee = fn.text.replace(/\s+/g, '').replace(/\?\./g, '.');
    if (CARRYING_FUNCTIONS.has(callee)) out.push(...this.argumentOrigins(args));
    if (fn.type === 'member_expression') {
      const method = fn.childForFieldName('property')?.text ?? '';
      const receiver = fn.childForFieldName('object');
      if (CARRYING_METHODS.has(method)) out.push(...this.originsOf(receiver));
      if (ARGUMENT_METHODS.has(method)) out.push(...this.argumentOrigins(args));
      // `template.replace("{name}", name)`: the text keeps the receiver's data, and has the replacement built in.
      if (method === 'replace' || method === 'replaceAll') out.push(...this.originsOf(receiver), ...formatted(this.argumentOrigins(args)));
      if (FORMATTING_METHODS.has(method)) out.push(...formatted([...this.originsOf(receiver), ...this.argumentOrigins(args)]));
    }
    return out;
  }

  private argumentOrigins(args: SyntaxNode | null): Origin[] {
    if (!args || args.type !== 'arguments') return [];
    return args.namedChildren.flatMap((arg) => (arg && arg.type !== 'comment' ? this.originsOf(arg) : []));
  }

  private userInput(node: SyntaxNode): Origin[] | undefined {
    const text = node.text.replace(/\s+/g, '').replace(/\?\./g, '.');
    if (!USER_INPUT_GLOBALS.test(text)) return undefined;
    return [{ kind: 'user-input', name: text, span: spanOf(node), formatted: false }];
  }

  /** The latest binding of the name before its use, in the scopes that enclose it. */
  private resolve(node: SyntaxNode): Origin[] {
    const name = node.text;
    let scope: FlowScope | undefined = this.scopeAt(node);
    let position = node.startIndex;
    let crossedFunction = false;
    while (scope) {
      const defs = scope.defs.get(name) ?? [];
      // A binding outside a function may be made after the function is defined and before it runs.
      const def = latestBefore(defs, position) ?? (crossedFunction ? defs[defs.length - 1] : undefined);
      if (def) return def.value ? this.originsOf(def.value) : [];
      const param = scope.params.get(name);
      if (param) return parameterOrigins(param, this.isTool(scope));
      if (defs.length > 0) return []; // bound only later in this scope (a loop): not followed
      if (scope.kind === 'function') {
        position = scope.node.startIndex;
        crossedFunction = true;
      }
      scope = scope.parent;
    }
    return [];
  }

  private scopeAt(node: SyntaxNode): FlowScope {
    for (let n = node.parent; n; n = n.parent) {
      const scope = this.scopeOf.get(n.id);
      if (scope) return scope;
    }
    return this.module;
  }

  /** Whether the scope is a function the model calls as a tool: its arguments are model output. */
  private isTool(scope: FlowScope): boolean {
    const fn = scope.node;
    if (fn.type === 'program') return false;
    const parent = fn.parent;
    if (parent?.type === 'arguments') {
      const call = parent.parent;
      const callee = call?.childForFieldName('function');
      if (!callee) return false;
      const qualified = this.env!.qualify(callee);
      if (qualified && TOOL_FUNCTIONS.has(qualified) && parent.namedChildren[0]?.id === fn.id) return true;
      const registration = callee.type === 'member_expression' && MCP_REGISTRATIONS.has(callee.childForFieldName('property')?.text ?? '');
      return registration && [...this.env!.imports].some((m) => MCP_MODULE.test(m)) && parent.namedChildren[parent.namedChildren.length - 1]?.id === fn.id;
    }
    // `{ func: async (input) => … }` or `{ async execute(args) { … } }` given to a tool constructor.
    const entry = parent?.type === 'pair' ? parent : fn.type === 'method_definition' ? fn : null;
    const key = entry?.type === 'pair' ? entry.childForFieldName('key')?.text : fn.childForFieldName('name')?.text;
    if (!entry || !key || !TOOL_HANDLER_KEYS.has(key)) return false;
    const object = entry.parent;
    const call = object?.parent?.type === 'arguments' ? object.parent.parent : null;
    const callee = call?.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
    const qualified = callee ? this.env!.qualify(callee) : undefined;
    return qualified !== undefined && TOOL_CONSTRUCTORS.has(qualified);
  }
}

function isFunctionBody(node: SyntaxNode): boolean {
  const parent = node.parent;
  return !!parent && FUNCTIONS.has(parent.type) && parent.childForFieldName('body') === node;
}

/** The identifiers a binding target introduces. */
function boundNames(target: SyntaxNode): SyntaxNode[] {
  if (target.type === 'identifier') return [target];
  const names: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    switch (n.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        names.push(n);
        return;
      case 'pair_pattern':
        if (n.childForFieldName('value')) visit(n.childForFieldName('value')!);
        return;
      case 'assignment_pattern':
      case 'object_assignment_pattern':
        if (n.childForFieldName('left')) visit(n.childForFieldName('left')!);
        return;
      default:
        for (const c of n.namedChildren) if (c && !c.type.endsWith('type') && c.type !== 'type_annotation') visit(c);
    }
  };
  visit(target);
  return names;
}

function parameterOrigins(param: Param, isTool: boolean): Origin[] {
  if (param.annotation && NON_TEXT_TYPE.test(param.annotation.replace(/\s+/g, ' ').trim())) return [];
  const kind = isTool ? 'tool-argument' : REQUEST_PARAMETERS.has(param.name) ? 'user-input' : 'parameter';
  return [{ kind, name: param.name, span: param.span, formatted: false }];
}


function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}
