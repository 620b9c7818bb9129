// Follows a Python value back to where its data comes from, within one function: the latest assignment before the
// use, item and attribute access, string methods, `json.loads` and string building. Any other call ends the path,
// so a value passed through a function we cannot see (a sanitizer, a validator) has no origin beyond that call.
import type { SyntaxNode } from '../parsers/syntax';
import { formatted, latestBefore, OriginCache } from './originSupport';
import type { CallFact, Origin, Span } from '../types';
import { ACTION_GROUP_INPUTS, MCP_MODULES, MCP_TOOL_DECORATOR, TOOL_DECORATORS } from '../apis/tools';

/** A binding of a name to (data from) `value`, in effect from offset `at`. `value` null: bound to something not followed. */
export interface Def {
  at: number;
  value: SyntaxNode | null;
}

export interface Param {
  name: string;
  annotation?: string;
  span: Span;
}

export interface FlowScope {
  node: SyntaxNode;
  parent?: FlowScope;
  defs: Map<string, Def[]>;
  params: Map<string, Param>;
}

export interface FlowEnvironment {
  module: FlowScope;
  /** Top-level modules the file imports. */
  imports: Set<string>;
  scopeOf: Map<number, FlowScope>;
  /** The callee or name resolved through imports (`flask.request`, `json.loads`), if it is imported. */
  qualify(node: SyntaxNode): string | undefined;
  callAt(node: SyntaxNode): CallFact | undefined;
  /** Names of functions the file registers as tools (`FunctionTool.from_defaults(fn=search)`, `tools=[search]`). */
  registeredTools?: ReadonlySet<string>;
  /** True when the file is a Bedrock Agents action-group Lambda (`apis/tools.ts`). */
  actionGroup?: boolean;
  /** Told of each read of a module-level name (`node` the name read), for the extractor to know what a statement depends on. */
  moduleRead?(name: string, node: SyntaxNode): void;
}

/** Methods whose result carries the receiver's data: `text.strip()`, `body.read()`, `match.group(1)`. */
const CARRYING_METHODS = new Set([
  'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'title', 'capitalize', 'swapcase', 'split', 'rsplit',
  'splitlines', 'partition', 'rpartition', 'removeprefix', 'removesuffix', 'expandtabs', 'translate', 'zfill', 'center',
  'ljust', 'rjust', 'encode', 'decode', 'read', 'readline', 'readlines', 'getvalue', 'get', 'pop', 'values', 'items',
  'copy', 'group', 'groups', 'groupdict', 'json', 'get_json', 'get_data', 'model_dump', 'model_dump_json', 'dict', 'to_dict',
]);
/** Methods that build a string from their arguments (and receiver): `str.format`, `string.Template`, Jinja. */
const FORMATTING_METHODS = new Set(['format', 'format_map', 'join', 'substitute', 'safe_substitute', 'render']);
/** Functions whose result carries the data of their positional arguments. */
const CARRYING_FUNCTIONS = new Set([
  'builtins.str', 'builtins.bytes', 'builtins.list', 'builtins.tuple', 'builtins.next', 'builtins.reversed', 'builtins.sorted', 'builtins.compile',
  'json.loads', 'ast.literal_eval', 'textwrap.dedent', 'textwrap.indent', 'html.unescape', 'base64.b64decode',
  'codecs.decode', 'urllib.parse.unquote', 'shlex.split', 're.search', 're.match', 're.fullmatch', 're.findall',
  're.finditer', 're.split', 're.sub',
]);
/** Globals that hold what a user sent. */
const USER_INPUT_GLOBALS = ['flask.request', 'quart.request', 'sys.argv'];
const USER_INPUT_CALLS = new Set(['builtins.input']);
/** Parameter names web frameworks pass the request under. */
const REQUEST_PARAMETERS = new Set(['request', 'req']);
/** Parameters that cannot carry text: numbers, booleans, literal choices. */
const NON_TEXT_ANNOTATION =
  /^(int|float|bool|complex|Decimal|date|datetime|time|timedelta|UUID|(datetime|decimal|uuid)\.\w+|(typing\.)?Literal\[.*\]|Optional\[(int|float|bool)\]|(int|float|bool) *\| *None)$/;
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export class OriginTracker {
  private readonly origins = new OriginCache();

  constructor(private readonly env: FlowEnvironment) {}

  /** Where the data of the expression at `node` may come from; empty when nothing is known. */
  originsOf(node: SyntaxNode | null | undefined): Origin[] {
    if (!node) return [];
    return this.origins.get(node.id, () => this.compute(node));
  }

  private compute(node: SyntaxNode): Origin[] {
    switch (node.type) {
      case 'identifier':
        return this.userInput(node) ?? this.resolve(node);
      case 'attribute':
        return this.userInput(node) ?? this.originsOf(node.childForFieldName('object'));
      case 'subscript':
        return this.actionGroupInput(node, node.childForFieldName('value'), node.childForFieldName('subscript')) ?? this.originsOf(node.childForFieldName('value'));
      case 'call':
        return this.callOrigins(node);
      case 'string':
        return formatted(
          node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'interpolation').flatMap((c) => this.originsOf(c.childForFieldName('expression'))),
        );
      case 'binary_operator': {
        const operator = node.childForFieldName('operator')?.text;
        if (operator !== '+' && operator !== '%') return [];
        return formatted([...this.originsOf(node.childForFieldName('left')), ...this.originsOf(node.childForFieldName('right'))]);
      }
      case 'augmented_assignment': {
        const operator = node.childForFieldName('operator')?.text;
        if (operator !== '+=' && operator !== '%=') return [];
        return formatted([...this.originsOf(node.childForFieldName('left')), ...this.originsOf(node.childForFieldName('right'))]);
      }
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = node.namedChildren;
        return [...this.originsOf(whenTrue), ...this.originsOf(whenFalse)];
      }
      case 'concatenated_string':
      case 'boolean_operator':
      case 'parenthesized_expression':
      case 'await':
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return node.namedChildren.flatMap((c) => (c && c.type !== 'comment' ? this.originsOf(c) : []));
      case 'list_splat':
        return this.originsOf(node.namedChildren[0]);
      case 'dictionary':
        return node.namedChildren.flatMap((c) => (c?.type === 'pair' ? this.originsOf(c.childForFieldName('value')) : []));
      case 'named_expression':
        return this.originsOf(node.childForFieldName('value'));
      default:
        if (COMPREHENSIONS.has(node.type)) {
          return node.namedChildren.flatMap((c) => (c?.type === 'for_in_clause' ? this.originsOf(c.childForFieldName('right')) : []));
        }
        return [];
    }
  }

  private callOrigins(node: SyntaxNode): Origin[] {
    const out: Origin[] = [];
    const fact = this.env.callAt(node);
    if (fact) out.push({ kind: 'call', call: fact, name: fact.callee, span: fact.span, formatted: false });
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn) return out;
    const qualified = this.env.qualify(fn) ?? (fn.type === 'identifier' ? `builtins.${fn.text}` : undefined);
    if (qualified && USER_INPUT_CALLS.has(qualified)) out.push({ kind: 'user-input', name: `${fn.text}()`, span: spanOf(node), formatted: false });
    if (qualified && CARRYING_FUNCTIONS.has(qualified)) out.push(...this.argumentOrigins(args, false));
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const receiver = fn.childForFieldName('object');
      const input = method === 'get' ? this.actionGroupInput(node, receiver, args?.namedChildren[0] ?? null) : undefined;
      if (input) return [...out, ...input];
      if (CARRYING_METHODS.has(method)) out.push(...this.originsOf(receiver));
      // `template.replace("{name}", name)`: the text keeps the receiver's data, and has the replacement built in.
      if (method === 'replace') out.push(...this.originsOf(receiver), ...formatted(this.argumentOrigins(args, false)));
      if (FORMATTING_METHODS.has(method)) out.push(...formatted([...this.originsOf(receiver), ...this.argumentOrigins(args, true)]));
    }
    return out;
  }

  private argumentOrigins(args: SyntaxNode | null, withKeywords: boolean): Origin[] {
    if (!args) return [];
    if (args.type !== 'argument_list') return this.originsOf(args); // a bare generator expression
    return args.namedChildren.flatMap((arg) => {
      if (!arg || arg.type === 'comment') return [];
      if (arg.type === 'keyword_argument') return withKeywords ? this.originsOf(arg.childForFieldName('value')) : [];
      if (arg.type === 'dictionary_splat') return withKeywords ? this.originsOf(arg.namedChildren[0]) : [];
      return this.originsOf(arg);
    });
  }

  private userInput(node: SyntaxNode): Origin[] | undefined {
    const qualified = this.env.qualify(node);
    if (!qualified || !USER_INPUT_GLOBALS.some((g) => qualified === g || qualified.startsWith(g + '.'))) return undefined;
    return [{ kind: 'user-input', name: node.text, span: spanOf(node), formatted: false }];
  }

  /** The latest binding of the name before its use, in its own scope, else in the enclosing ones. */
  private resolve(node: SyntaxNode): Origin[] {
    const name = node.text;
    const comprehension = this.comprehensionIterable(node, name);
    if (comprehension) return this.originsOf(comprehension);
    let scope: FlowScope | undefined = this.scopeAt(node);
    let position = node.startIndex;
    let innermost = true;
    while (scope) {
      if (scope === this.env.module) this.env.moduleRead?.(name, node);
      const defs = scope.defs.get(name) ?? [];
      // An enclosing scope's binding may be made after the function is defined and before it runs.
      const def = latestBefore(defs, position) ?? (innermost ? undefined : defs[defs.length - 1]);
      if (def) return def.value ? this.originsOf(def.value) : [];
      const param = scope.params.get(name);
      if (param) return parameterOrigins(param, this.isTool(scope));
      if (defs.length > 0) return []; // bound only later in this scope (a loop): not followed
      position = scope.node.startIndex;
      scope = scope.parent;
      innermost = false;
    }
    return [];
  }

  /**
   * `event["parameters"]` or `event.get("requestBody")` in a Bedrock Agents action-group Lambda: `event` is the first
   * parameter of a two-parameter handler, and what the agent's model chose is in those keys.
   */
  private actionGroupInput(whole: SyntaxNode, object: SyntaxNode | null, key: SyntaxNode | null): Origin[] | undefined {
    if (!this.env.actionGroup || object?.type !== 'identifier' || key?.type !== 'string') return undefined;
    const name = /^["'](\w+)["']$/.exec(key.text)?.[1];
    if (!name || !ACTION_GROUP_INPUTS.has(name)) return undefined;
    const scope = this.scopeAt(object);
    const params = [...scope.params.values()];
    if (params.length !== 2 || params[0].name !== object.text || (scope.defs.get(object.text)?.length ?? 0) > 0) return undefined;
    return [{ kind: 'tool-argument', name: `${object.text}["${name}"]`, span: spanOf(whole), formatted: false }];
  }

  /** Whether the scope is a function decorated as a model tool, or registered as one by name. */
  private isTool(scope: FlowScope): boolean {
    const own = scope.node.type === 'function_definition' ? scope.node.childForFieldName('name')?.text : undefined;
    if (own && this.env.registeredTools?.has(own)) return true;
    const decorated = scope.node.parent;
    if (decorated?.type !== 'decorated_definition') return false;
    return decorated.namedChildren.some((d) => {
      if (d?.type !== 'decorator') return false;
      let expression: SyntaxNode | null = d.namedChildren[0];
      if (expression?.type === 'call') expression = expression.childForFieldName('function');
      if (!expression) return false;
      const qualified = this.env.qualify(expression);
      if (qualified && TOOL_DECORATORS.has(qualified)) return true;
      return MCP_MODULES.some((m) => this.env.imports.has(m)) && MCP_TOOL_DECORATOR.test(expression.text);
    });
  }

  private scopeAt(node: SyntaxNode): FlowScope {
    for (let n = node.parent; n; n = n.parent) {
      const scope = this.env.scopeOf.get(n.id);
      if (scope) return scope;
    }
    return this.env.module;
  }

  /** The comprehensions around `node`, innermost first, up to the function or lambda it is in. */
  private comprehensionsAround(node: SyntaxNode): SyntaxNode[] {
    const around: SyntaxNode[] = [];
    for (let n = node.parent; n; n = n.parent) {
      if (n.type === 'function_definition' || n.type === 'lambda') break;
      if (COMPREHENSIONS.has(n.type)) around.push(n);
    }
    return around;
  }

  /** The iterable a comprehension variable is drawn from: `c` in `[c.text for c in blocks]`. */
  private comprehensionIterable(node: SyntaxNode, name: string): SyntaxNode | undefined {
    for (const n of this.comprehensionsAround(node)) {
      for (const clause of n.namedChildren) {
        if (clause?.type !== 'for_in_clause') continue;
        const right = clause.childForFieldName('right');
        if (right && node.startIndex >= right.startIndex && node.endIndex <= right.endIndex) continue;
        const left = clause.childForFieldName('left');
        if (left && (left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')).some((i) => i?.text === name)) return right ?? undefined;
      }
    }
    return undefined;
  }
}

function parameterOrigins(param: Param, isTool: boolean): Origin[] {
  if (param.name === 'self' || param.name === 'cls') return [];
  if (param.annotation && NON_TEXT_ANNOTATION.test(param.annotation.replace(/\s+/g, ' ').trim())) return [];
  const kind = isTool ? 'tool-argument' : REQUEST_PARAMETERS.has(param.name) ? 'user-input' : 'parameter';
  return [{ kind, name: param.name, span: param.span, formatted: false }];
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}
