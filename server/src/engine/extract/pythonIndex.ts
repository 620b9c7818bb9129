// The walk over one top-level statement of a Python module, which finds what the extractor evaluates (`python.ts`):
// the scopes and what each binds, writes and defines, imports, class attributes, assignments by target text, and the
// statement's calls, dict and tuple literals, exits, functions and reads of call results by key (`Unit`). It evaluates
// nothing, and what it finds depends only on the statement's syntax, so that it is kept with the statement's snapshot
// from one version of the file to the next; `pythonModuleIndex.ts` puts the statements' parts together.
import { Deadline } from '../budget';
import { walkNamed, type SyntaxNode } from '../parsers/syntax';
import type { Comment, FunctionFact, ParameterFact, Span, StringList } from '../types';
import { RESULT_KIND_KEYS } from '../apis/modelKinds';
import type { Def, Param } from './pythonFlow';
import type { ValueWrite } from './valueWrites';
import { isStore, isTest } from './pythonExits';
import { push } from '../multimap';

/** mypy-boto3 client type names, for parameters annotated with them. */
const BOTO3_TYPE_ANNOTATIONS: Record<string, string> = {
  BedrockRuntimeClient: 'bedrock-runtime',
  AgentsforBedrockRuntimeClient: 'bedrock-agent-runtime',
  SageMakerClient: 'sagemaker',
  SageMakerRuntimeClient: 'sagemaker-runtime',
};
/** Assignment targets that bind each of their names: `a, b = …`, `(a, *rest) = …`, `with … as (a, b)`. */
const TARGET_GROUPS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'as_pattern_target', 'list_splat_pattern', 'parenthesized_expression']);
/** Longer callee texts are kept by their tail: a chain of thousands of calls would otherwise cost quadratic time. */
export const MAX_CALLEE_LENGTH = 512;
/** Methods that change the dict or list they are called on. */
const MUTATORS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__', 'append', 'extend', 'insert', 'remove', '__delitem__']);
/** Functions and methods that read their arguments without changing them: passing a dict to them keeps it known. */
const READ_ONLY_FUNCTIONS = new Set([
  'builtins.print', 'builtins.len', 'builtins.str', 'builtins.repr', 'builtins.bool', 'builtins.isinstance', 'builtins.type', 'builtins.id',
  'builtins.sorted', 'builtins.list', 'builtins.tuple', 'builtins.set', 'builtins.dict', 'builtins.iter', 'builtins.enumerate', 'builtins.any',
  'builtins.all', 'json.dumps', 'json.dump', 'copy.copy', 'copy.deepcopy', 'pprint.pprint', 'pprint.pformat',
]);
const READ_ONLY_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'format', 'dumps', 'get', 'keys', 'values', 'items', 'copy']);

/** A binding of a name in a scope, in effect from `at`: an assignment, or a parameter (in effect from the start). */
export interface Binding {
  at: number;
  value: SyntaxNode | null;
  param?: { node: SyntaxNode; default: SyntaxNode | null };
}

/** A write to the value a name holds (`d["k"] = v`), evaluated when the name is read (`makeWrite` in `python.ts`). */
export interface NameWrite {
  at: number;
  /** The node that makes it: the write is the same as long as its statement is. */
  node: SyntaxNode;
  /** The scope the write is made in. */
  scope: Scope;
  /** The literal keys it writes under (`d["a"]["b"]`: `a`, `b`), and the last one's node. */
  path: string[];
  lastKey?: SyntaxNode;
  /** What it writes, evaluated in `scope`; */
  spec?: WriteSpec;
  /** …or what it does, when that needs nothing evaluated (`del d["k"]`, a dict passed to a call): the same wherever it is made. */
  fixed?: ValueWrite;
  /** Writes that only remove (`del`, `pop`, `clear`) apply only in the scope they are made in, before the read. */
  removes: boolean;
}

/** What a write writes, by the nodes it is evaluated from. */
export type WriteSpec =
  /** `d["k"] = value` (`span`: the assignment). */
  | { kind: 'set'; value: SyntaxNode | null; span: SyntaxNode }
  /** `l.append(v)`, `l.extend(vs)`, `l += [...]`. */
  | { kind: 'append'; value: SyntaxNode; each: boolean }
  /** `d |= {...}`. */
  | { kind: 'merge'; value: SyntaxNode }
  /** `d.update(other, k=v)`. */
  | { kind: 'update'; args: SyntaxNode }
  /** `d.setdefault("k", v)`. */
  | { kind: 'default'; key: SyntaxNode; value: SyntaxNode; call: SyntaxNode };

export type Scope = {
  node: SyntaxNode;
  parent?: Scope;
  /** Every binding of each name, in order. */
  timeline: Map<string, Binding[]>;
  /** Bindings with where they take effect, for following values to their origins. */
  defs: Map<string, Def[]>;
  params: Map<string, Param>;
  /** Writes to the values of the names bound in this scope. */
  writes: Map<string, NameWrite[]>;
  /** The class a method belongs to. */
  className?: string;
};

export interface FunctionEntry {
  fact: FunctionFact;
  scope: Scope;
  /** Its return and yield expressions. */
  returns: SyntaxNode[];
  defaults: (SyntaxNode | null)[];
}

/** What a top-level statement holds that is evaluated, found by the walk. */
export interface Unit {
  statement: SyntaxNode;
  calls: { node: SyntaxNode; scope: Scope }[];
  /** Dict and tuple literals. */
  literals: { node: SyntaxNode; scope: Scope }[];
  exits: { node: SyntaxNode; scope: Scope }[];
  functions: FunctionEntry[];
  /** Where the result of a call is read by a key that tells its kind (`body["embedding"]`). */
  resultKeyReads: { object: SyntaxNode; key: string }[];
}

function newUnit(statement: SyntaxNode): Unit {
  return { statement, calls: [], literals: [], exits: [], functions: [], resultKeyReads: [] };
}

/**
 * The scope that holds a name a write or a call reaches, as far as the statement tells: one of its own scopes, the
 * module, or `undefined` when that depends on the rest of the module (a function writing to a name no scope of the
 * statement binds: the module's value if the module binds the name, else the function's own).
 */
export type Holder = Scope | undefined;

/** A write the walk found (`d["k"] = v`, `d.update(…)`), to the value of `name` held by `holder`. */
export interface FoundWrite {
  name: string;
  write: NameWrite;
  /** Undefined: the module when a statement before this one binds the name at module level, else `write.scope`. */
  holder: Holder;
}

/** A call that may change what it is passed (`validate(request)`), unless its callee only reads (`READ_ONLY_FUNCTIONS`). */
export interface EscapeCall {
  /** The callee as `qualifiedName` reads it (`json.dumps`: root `json`, rest `.dumps`), and as a builtin when it is a name. */
  root?: string;
  rest: string;
  builtin?: string;
  /** The names passed, each with the write it makes (a value not known from there on) and where that value is held. */
  passed: { name: string; write: NameWrite; holder: Holder }[];
}

/**
 * What the walk finds in one top-level statement. Its offsets are those of the statement at `base` (`at` of bindings,
 * definitions and writes; parameters' spans), moved with it by `moveStatementIndex`; the facts it makes (functions,
 * comments, string lists) are kept relative to the statement's start and copied for each version.
 */
export interface StatementIndex {
  statement: SyntaxNode;
  base: number;
  unit: Unit;
  /** Its function and lambda scopes. */
  scopes: Scope[];
  /** What it binds and defines at module level (the module scope's `timeline` and `defs`), in order. */
  moduleTimeline: [string, Binding][];
  moduleDefs: [string, Def][];
  /** Assignment target text → assigned expression, in order. */
  bindings: [string, SyntaxNode | null][];
  /** Parameter name → receiver type. */
  annotated: [string, string][];
  /** `self.x = …` in a method of class C, and `x = …` in the body of C: `C.x` → what is assigned, where. */
  attributes: [string, { value: SyntaxNode; scope: Scope }][];
  /** Attributes whose value is changed in place (`self.config["k"] = v`): not followed. */
  attributesWritten: string[];
  /** Top-level modules imported, and local name → qualified name, in order. */
  imports: string[];
  aliases: [string, string][];
  /** Relative to the statement's start: */
  functions: FunctionFact[];
  comments: Comment[];
  stringLists: { list: StringList; node: SyntaxNode }[];
  writes: FoundWrite[];
  escapes: EscapeCall[];
  /** Everything with an `at` that moves with the statement. */
  offsets: { at: number }[];
  params: Param[];
}

/** Moves the offsets of a statement's index to where the statement starts now. Spans are replaced, not changed: facts may hold them. */
export function moveStatementIndex(index: StatementIndex): void {
  const delta = index.statement.startIndex - index.base;
  if (delta === 0) return;
  for (const o of index.offsets) o.at += delta;
  for (const p of index.params) p.span = { start: p.span.start + delta, end: p.span.end + delta };
  index.base += delta;
}

/** Walks one top-level statement of a module whose scope is `module` (only compared with, never changed). */
export function indexStatement(statement: SyntaxNode, module: Scope, deadline: Deadline): StatementIndex {
  const start = statement.startIndex;
  const unit = newUnit(statement);
  const index: StatementIndex = {
    statement,
    base: start,
    unit,
    scopes: [],
    moduleTimeline: [],
    moduleDefs: [],
    bindings: [],
    annotated: [],
    attributes: [],
    attributesWritten: [],
    imports: [],
    aliases: [],
    functions: [],
    comments: [],
    stringLists: [],
    writes: [],
    escapes: [],
    offsets: [],
    params: [],
  };
  const relative = (node: SyntaxNode): Span => ({ start: node.startIndex - start, end: node.endIndex - start });
  /** Functions, and the return and yield expressions of each (by scope). */
  const functionOf = new Map<Scope, { returns: SyntaxNode[] }>();
  /** Classes and functions around the node being walked, innermost last. */
  const containers: { kind: 'class' | 'function'; name: string; node: SyntaxNode }[] = [];
  /** Names this statement has bound at module level so far. */
  const boundHere = new Set<string>();
  let scope = module;
  const bind = (name: string, binding: Binding) => {
    if (scope === module) {
      index.moduleTimeline.push([name, binding]);
      boundHere.add(name);
    } else push(scope.timeline, name, binding);
    index.offsets.push(binding);
  };
  /** Records where `target` is bound to (data from) `value`; `at` is where the binding takes effect. */
  const define = (target: SyntaxNode, value: SyntaxNode | null, at: number) => {
    if (target.type === 'identifier') {
      const def = { at, value };
      if (scope === module) index.moduleDefs.push([target.text, def]);
      else push(scope.defs, target.text, def);
      index.offsets.push(def);
    } else if (TARGET_GROUPS.has(target.type)) for (const t of target.namedChildren) if (t) define(t, value, at);
  };
  /** The class whose body or method the walk is in. */
  const currentClass = (): string | undefined => {
    const top = containers[containers.length - 1];
    if (top?.kind === 'class') return top.name;
    const outer = containers[containers.length - 2];
    return top?.kind === 'function' && outer?.kind === 'class' ? outer.name : undefined;
  };
  const assign = (target: SyntaxNode, value: SyntaxNode | null, at: number) => {
    if (target.type === 'identifier') {
      bind(target.text, { at, value });
      const top = containers[containers.length - 1];
      if (top?.kind === 'class' && value) index.attributes.push([`${top.name}.${target.text}`, { value, scope }]);
    } else if (target.type === 'subscript') {
      write(target, at, { kind: 'set', value, span: target.parent ?? target });
    } else if (target.type === 'attribute') {
      const attribute = selfAttribute(target);
      if (attribute && value) index.attributes.push([attribute, { value, scope }]);
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      for (const t of target.namedChildren) if (t) assign(t, null, at);
    }
    if (target.type === 'identifier' || target.type === 'attribute') index.bindings.push([compact(target.text), value]);
  };
  /** `self.x` in a method of class C: `C.x`. */
  const selfAttribute = (node: SyntaxNode): string | undefined => {
    const object = node.childForFieldName('object');
    const className = currentClass();
    if (!className || object?.type !== 'identifier' || (object.text !== 'self' && object.text !== 'cls')) return undefined;
    return `${className}.${node.childForFieldName('attribute')?.text}`;
  };
  /**
   * The scope that holds `name` as seen from the walk's scope: the innermost of the statement's scopes that binds it
   * (so far), else the module when the walk is at module level or the statement has bound it there; else undefined.
   */
  const holderOf = (name: string): Holder => {
    for (let s = scope; s !== module; s = s.parent!) if (s.timeline.has(name)) return s;
    return scope === module || boundHere.has(name) ? module : undefined;
  };
  /**
   * Records a write to what `target` (`d`, `d["a"]["b"]`) holds, made by the statement ending at `at`. A key that is
   * not a literal makes it a write that cannot be read, at the keys before it. Writes under an attribute
   * (`self.config["k"] = v`) mark the attribute as changed.
   */
  const write = (target: SyntaxNode, at: number, what: WriteSpec | ((path: string[]) => ValueWrite), removes = false) => {
    const keys: SyntaxNode[] = [];
    let node: SyntaxNode | null = target;
    let literal = true;
    while (node?.type === 'subscript') {
      const key = node.childForFieldName('subscript');
      if (!key || key.type !== 'string' || hasInterpolation(key) || node.childrenForFieldName('subscript').length !== 1) {
        literal = false;
        keys.length = 0;
      } else keys.unshift(key);
      node = node.childForFieldName('value');
    }
    if (node?.type === 'attribute') {
      const attribute = selfAttribute(node);
      if (attribute) index.attributesWritten.push(attribute);
      return;
    }
    if (node?.type !== 'identifier') return;
    const path = keys.map(stringContent);
    // A write whose effect needs nothing evaluated (`del d["k"]`, `d.clear()`) is given as a function of its path.
    const fixed: ValueWrite | undefined = !literal ? { kind: 'open', path } : typeof what === 'function' ? what(path) : undefined;
    const spec = fixed ? undefined : (what as WriteSpec);
    const found: NameWrite = { at, node: target, scope, path, lastKey: keys[keys.length - 1], spec, fixed, removes: literal && removes };
    index.writes.push({ name: node.text, write: found, holder: holderOf(node.text) });
    index.offsets.push(found);
  };
  walkNamed(
    statement,
    (node) => {
      const type = node.type;
      switch (type) {
        case 'identifier':
          return false;
        case 'string':
          return hasInterpolation(node); // only the `{…}` parts of an f-string hold anything read here
        case 'integer':
        case 'float':
        case 'true':
        case 'false':
        case 'none':
          return false;
        case 'class_definition': {
          const name = node.childForFieldName('name')?.text;
          if (name) containers.push({ kind: 'class', name, node });
          break;
        }
        case 'function_definition':
        case 'lambda': {
          const className = type === 'function_definition' ? currentClass() : undefined;
          const outer = containers[containers.length - 1];
          scope = { node, parent: scope, timeline: new Map(), defs: new Map(), params: new Map(), writes: new Map(), className };
          index.scopes.push(scope);
          const params = node.childForFieldName('parameters');
          for (const p of params?.namedChildren ?? []) {
            if (!p) continue;
            const name = parameterName(p);
            if (name) bind(name.text, { at: node.startIndex, value: null, param: { node: p, default: p.childForFieldName('value') } });
            const annotation = p.childForFieldName('type')?.text;
            if (name) {
              const param: Param = { name: name.text, annotation, span: spanOf(p) };
              scope.params.set(name.text, param);
              index.params.push(param);
            }
            const service = annotation && BOTO3_TYPE_ANNOTATIONS[annotation.replace(/^.*\./, '').replace(/^["']|["']$/g, '')];
            if (name && service) index.annotated.push([name.text, `boto3:${service}`]);
          }
          const nameNode = node.childForFieldName('name');
          if (type === 'function_definition' && nameNode) {
            const decorators = node.parent?.type === 'decorated_definition' ? node.parent.namedChildren.filter((d) => d?.type === 'decorator').map((d) => d!.text) : [];
            const isStatic = decorators.some((d) => /^@\s*staticmethod\b/.test(d));
            const parameters = parametersOf(params, relative);
            const fact: FunctionFact = {
              name: outer ? `${outer.name}.${nameNode.text}` : nameNode.text,
              ...(outer ? { container: outer.name } : {}),
              ...(outer?.kind === 'class' && !isStatic ? { method: true } : {}),
              params: parameters.map((p) => p.fact),
              returns: [],
              span: relative(node),
              nameSpan: relative(nameNode),
            };
            const entry: FunctionEntry = { fact, scope, returns: [], defaults: parameters.map((p) => p.default) };
            unit.functions.push(entry);
            functionOf.set(scope, entry);
            index.functions.push(fact);
            containers.push({ kind: 'function', name: fact.name, node });
          }
          if (type === 'lambda') {
            const body = node.childForFieldName('body');
            functionOf.set(scope, { returns: body ? [body] : [] });
          }
          break;
        }
        case 'return_statement':
        case 'yield': {
          const value = node.namedChildren.find((c) => c && c.type !== 'comment');
          if (value) functionOf.get(scope)?.returns.push(value);
          unit.exits.push({ node, scope });
          break;
        }
        case 'import_statement':
          for (const child of node.namedChildren) {
            if (!child) continue;
            if (child.type === 'dotted_name') {
              const root = child.text.split('.')[0];
              index.aliases.push([root, root]);
              index.imports.push(root);
            } else if (child.type === 'aliased_import') {
              const name = child.childForFieldName('name')!.text;
              index.aliases.push([child.childForFieldName('alias')!.text, name]);
              index.imports.push(name.split('.')[0]);
            }
          }
          return false;
        case 'import_from_statement': {
          const moduleName = node.childForFieldName('module_name')?.text.replace(/\s/g, '') ?? '';
          // `from .helpers import chat`: a module of this project, `.helpers.chat`, found by function summaries.
          const relativeImport = moduleName.startsWith('.');
          if (!relativeImport) index.imports.push(moduleName.split('.')[0]);
          const prefix = relativeImport && moduleName.endsWith('.') ? moduleName : `${moduleName}.`;
          for (const child of node.childrenForFieldName('name')) {
            if (!child) continue;
            if (child.type === 'dotted_name') index.aliases.push([child.text, `${prefix}${child.text}`]);
            else if (child.type === 'aliased_import') index.aliases.push([child.childForFieldName('alias')!.text, `${prefix}${child.childForFieldName('name')!.text}`]);
          }
          return false;
        }
        case 'assignment': {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left) assign(left, right, node.endIndex);
          if (left && right) define(left, right, node.endIndex);
          if (isStore(node)) unit.exits.push({ node, scope });
          break;
        }
        case 'augmented_assignment': {
          const target = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          const operator = node.childForFieldName('operator')?.text;
          // `filters += [...]` and `request |= {...}` add what they add; anything else makes a value not followed.
          if (target?.type === 'identifier' && right && ((operator === '+=' && right.type === 'list') || (operator === '|=' && right.type === 'dictionary'))) {
            write(target, node.endIndex, operator === '+=' ? { kind: 'append', value: right, each: true } : { kind: 'merge', value: right });
          } else if (target) assign(target, null, node.endIndex);
          if (target) define(target, node, node.endIndex);
          break;
        }
        case 'for_statement':
        case 'with_item':
        case 'named_expression': {
          const target = node.childForFieldName('left') ?? node.childForFieldName('name') ?? node.childForFieldName('alias');
          if (target) assign(target, null, node.endIndex);
          if (target && type === 'named_expression') define(target, node.childForFieldName('value'), node.endIndex);
          const iterable = type === 'for_statement' ? node.childForFieldName('right') : null;
          if (target && iterable) define(target, iterable, iterable.endIndex);
          break;
        }
        case 'as_pattern': {
          const alias = node.childForFieldName('alias');
          if (alias) for (const t of alias.namedChildren) if (t) assign(t, null, node.endIndex);
          if (alias) define(alias, node.namedChildren[0], node.endIndex);
          break;
        }
        case 'delete_statement':
          for (const target of node.namedChildren[0]?.type === 'expression_list' ? node.namedChildren[0].namedChildren : node.namedChildren) {
            if (target?.type === 'subscript') write(target, node.endIndex, (path) => ({ kind: 'delete', path }), true);
          }
          break;
        case 'subscript': {
          const key = node.childForFieldName('subscript');
          const object = node.childForFieldName('value');
          if (object && key?.type === 'string' && !hasInterpolation(key) && RESULT_KIND_KEYS.has(stringContent(key))) unit.resultKeyReads.push({ object, key: stringContent(key) });
          break;
        }
        case 'dictionary':
          unit.literals.push({ node, scope });
          break;
        case 'comparison_operator':
          unit.exits.push({ node, scope });
          break;
        case 'call': {
          unit.calls.push({ node, scope });
          if (isTest(node)) unit.exits.push({ node, scope });
          const fn = node.childForFieldName('function');
          const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : '';
          if (MUTATORS.has(method)) mutation(node, fn!);
          const key = method === 'get' ? node.childForFieldName('arguments')?.namedChildren[0] : undefined;
          if (key?.type === 'string' && !hasInterpolation(key) && RESULT_KIND_KEYS.has(stringContent(key))) unit.resultKeyReads.push({ object: fn!.childForFieldName('object')!, key: stringContent(key) });
          break;
        }
        case 'comment':
          index.comments.push({ text: node.text, span: relative(node) });
          return false;
        case 'list':
        case 'tuple': {
          if (type === 'tuple') unit.literals.push({ node, scope });
          const items = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
          if (items.length > 0 && items.every((c) => c.type === 'string' && !hasInterpolation(c))) {
            index.stringLists.push({ list: { items: items.map((c) => ({ value: stringContent(c), span: relative(c) })), span: relative(node) }, node });
          }
          break;
        }
      }
      return true;
    },
    (node) => {
      if (scope.node === node) scope = scope.parent ?? module;
      if (containers[containers.length - 1]?.node === node) containers.pop();
    },
    deadline,
  );

  /** `d.update(...)`, `l.append(v)`, `d.pop("k")`: what the method call does to the value its receiver holds. */
  function mutation(call: SyntaxNode, fn: SyntaxNode): void {
    const method = fn.childForFieldName('attribute')!.text;
    const receiver = fn.childForFieldName('object')!;
    const args = call.childForFieldName('arguments');
    const items = (args?.type === 'argument_list' ? args.namedChildren : []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    const positional = items.filter((c) => c.type !== 'keyword_argument' && c.type !== 'dictionary_splat' && c.type !== 'list_splat');
    const literalKey = positional[0]?.type === 'string' && !hasInterpolation(positional[0]) ? positional[0] : undefined;
    const at = call.endIndex;
    switch (method) {
      case 'update':
        if (!args) return;
        return write(receiver, at, { kind: 'update', args });
      case 'setdefault':
        if (literalKey && positional[1]) {
          const item = positional[1];
          return write(receiver, at, { kind: 'default', key: literalKey, value: item, call });
        }
        return write(receiver, at, (path) => ({ kind: 'open', path }));
      case 'pop':
      case '__delitem__':
        if (literalKey) return write(receiver, at, (path) => ({ kind: 'delete', path: [...path, stringContent(literalKey)] }), true);
        return write(receiver, at, (path) => ({ kind: 'open', path }));
      case 'clear':
        return write(receiver, at, (path) => ({ kind: 'clear', path }), true);
      case 'append':
      case 'insert': {
        const item = method === 'append' ? positional[0] : positional[1];
        if (item) return write(receiver, at, { kind: 'append', value: item, each: false });
        return write(receiver, at, (path) => ({ kind: 'open', path }));
      }
      case 'extend':
        if (positional[0]) return write(receiver, at, { kind: 'append', value: positional[0], each: true });
        return write(receiver, at, (path) => ({ kind: 'open', path }));
      default:
        return write(receiver, at, (path) => ({ kind: 'open', path }));
    }
  }

  findEscapes(index, module);
  return index;
}

/**
 * A dict or list passed to a call that may change it (any call but those known to only read) holds something not
 * known from there on: `validate(request)` may add to `request`. Ordered with the other writes (`pythonModuleIndex.ts`).
 */
function findEscapes(index: StatementIndex, module: Scope): void {
  for (const { node, scope: from } of index.unit.calls) {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn || args?.type !== 'argument_list') continue;
    if (fn.type === 'attribute' && READ_ONLY_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) continue;
    const passed: EscapeCall['passed'] = [];
    for (const arg of args.namedChildren) {
      const passedNode = arg?.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
      if (passedNode?.type !== 'identifier') continue;
      const name = passedNode.text;
      let holder: Holder = from === module ? module : undefined;
      for (let s = from; s !== module; s = s.parent!) {
        if (s.timeline.has(name)) {
          holder = s;
          break;
        }
      }
      const write: NameWrite = { at: node.endIndex, node, scope: from, path: [], fixed: { kind: 'open', path: [] }, removes: false };
      passed.push({ name, write, holder });
      index.offsets.push(write);
    }
    if (passed.length === 0) continue;
    const callee: EscapeCall = { rest: '', passed, ...(fn.type === 'identifier' ? { builtin: `builtins.${fn.text}` } : {}) };
    if (fn.endIndex - fn.startIndex <= MAX_CALLEE_LENGTH) {
      const text = compact(fn.text);
      if (/^[\w.]+$/.test(text)) {
        const dot = text.indexOf('.');
        callee.root = dot < 0 ? text : text.slice(0, dot);
        callee.rest = dot < 0 ? '' : text.slice(dot);
      }
    }
    index.escapes.push(callee);
  }
}

/** Whether an escaping call only reads what it is passed, its callee resolved through the module's imports. */
export function readsOnly(call: EscapeCall, aliases: ReadonlyMap<string, string>): boolean {
  const target = call.root === undefined ? undefined : aliases.get(call.root);
  const name = target ? target + call.rest : call.builtin;
  return name !== undefined && READ_ONLY_FUNCTIONS.has(name);
}

/** A callee or name resolved through the file's imports (`json.loads`), and the name looked up in them (`json`). */
export function qualifiedName(node: SyntaxNode, aliases: ReadonlyMap<string, string>): { name?: string; root?: string } {
  if (node.endIndex - node.startIndex > MAX_CALLEE_LENGTH) return {};
  const text = compact(node.text);
  if (!/^[\w.]+$/.test(text)) return {};
  const dot = text.indexOf('.');
  const root = dot < 0 ? text : text.slice(0, dot);
  const target = aliases.get(root);
  return { name: target ? (dot < 0 ? target : target + text.slice(dot)) : undefined, root };
}

/** The name a parameter binds: `x`, `x=1`, `x: int`, `*args`, `**kwargs`. */
export function parameterName(p: SyntaxNode): SyntaxNode | undefined {
  if (p.type === 'identifier') return p;
  const named = p.childForFieldName('name');
  if (named?.type === 'identifier') return named;
  for (const child of p.namedChildren) {
    if (child?.type === 'identifier') return child;
    if (child?.type === 'list_splat_pattern' || child?.type === 'dictionary_splat_pattern') return child.namedChildren.find((c) => c?.type === 'identifier') ?? undefined;
  }
  return undefined;
}

/** The parameters of a function, in order, with how each takes its argument, and the default's expression. */
export function parametersOf(params: SyntaxNode | null, span: (node: SyntaxNode) => Span = spanOf): { fact: ParameterFact; default: SyntaxNode | null }[] {
  const out: { fact: ParameterFact; default: SyntaxNode | null }[] = [];
  let keywordOnly = false;
  for (const p of params?.namedChildren ?? []) {
    if (!p || p.type === 'comment' || p.type === 'positional_separator') continue;
    if (p.type === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    const name = parameterName(p);
    if (!name) continue;
    const splat = p.type === 'list_splat_pattern' || p.namedChildren.some((c) => c?.type === 'list_splat_pattern');
    const keywords = p.type === 'dictionary_splat_pattern' || p.namedChildren.some((c) => c?.type === 'dictionary_splat_pattern');
    if (splat) keywordOnly = true;
    const kind = keywords ? 'keywords' : splat ? 'rest' : keywordOnly ? 'keyword' : 'positional';
    out.push({ fact: { name: name.text, kind, span: span(p) }, default: p.childForFieldName('value') });
  }
  return out;
}


export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** Whether an f-string has `{…}` parts: they are children of the string itself (nested ones are inside those). */
export function hasInterpolation(string: SyntaxNode): boolean {
  for (const child of string.namedChildren) if (child.type === 'interpolation') return true;
  return false;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The value of a string literal without interpolation; raw strings keep their backslashes. */
export function stringContent(node: SyntaxNode): string {
  const start = node.namedChildren[0];
  const raw = start?.type === 'string_start' && /r/i.test(start.text);
  let out = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') out += child.text;
    else if (child.type === 'escape_sequence') out += raw ? child.text : (ESCAPES[child.text[1]] ?? child.text);
  }
  return out;
}

