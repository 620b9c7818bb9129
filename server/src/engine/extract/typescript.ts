import type { Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { lineStartOf, StatementSnapshots, walkNamed, type SyntaxNode } from '../parsers/syntax';
import { syntaxErrors } from '../parsers/walk';
import type { ArrayValue, CallFact, ExitFact, FileFacts, FunctionFact, InsertPoint, Language, ObjectValue, ParameterFact, Reference, ResourceFact, Span, UnknownValue, Value } from '../types';
import { RESULT_KIND_KEYS } from '../apis/modelKinds';
import { latestBefore } from './originSupport';
import { TsOriginTracker } from './typescriptFlow';
import { applyWrites, merge, opened, spreadItems, withWritesOnUnknown, type ValueWrite } from './valueWrites';
import { cdkAddress, cfnResourceType } from '../apis/cdk';
import { tsExitValueNode, typescriptExits, type TsExitNode } from './typescriptExits';
import { push } from '../multimap';

const MAX_RESOLVE_DEPTH = 8;
/** Longer callee texts are kept by their tail: a chain of thousands of calls would otherwise cost quadratic time. */
const MAX_CALLEE_LENGTH = 512;
const SCOPES = new Set(['program', 'statement_block', 'function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function', 'arrow_function', 'method_definition', 'class_body']);
const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'await_expression']);

/** `aws-cdk-lib/aws-sagemaker.CfnModel`, `aws-cdk-lib.aws_sagemaker.CfnModel`, `@aws-cdk/aws-sagemaker.CfnModel`. */
/** Numbers written as names: `maxIterations: Infinity`. */
const NAMED_NUMBERS: Record<string, number> = {
  Infinity: Infinity,
  'Number.POSITIVE_INFINITY': Infinity,
  'Number.MAX_SAFE_INTEGER': Number.MAX_SAFE_INTEGER,
  'Number.MAX_VALUE': Number.MAX_VALUE,
};
/** Methods that return the same LangChain model, configured. */
const RUNNABLE_WRAPPERS = new Set(['bind', 'bindTools', 'withStructuredOutput', 'withConfig', 'withRetry', 'withFallbacks']);
/** LangChain JS factories that build an agent, whose `invoke` result is model output. */
const LANGCHAIN_AGENT_FACTORIES = new Set(['@langchain/langgraph/prebuilt.createReactAgent', 'langchain.createAgent']);
const LANGCHAIN_MODULE = /^(@langchain\/[\w-]+|langchain)(\/[\w/-]+)?\.\w+$/;
const CDK_L1 = /^(?:aws-cdk-lib\/aws-|aws-cdk-lib\.aws_|@aws-cdk\/aws-)([a-z0-9]+)\.Cfn([A-Za-z0-9]+)$/;

/** Functions whose arguments are read, not changed: passing an object to them keeps it known. */
const READ_ONLY_FUNCTIONS = new Set(['JSON.stringify', 'String', 'Object.keys', 'Object.values', 'Object.entries', 'Array.isArray', 'structuredClone', 'Object.freeze']);
const READ_ONLY_METHODS = new Set(['log', 'debug', 'info', 'warn', 'error', 'trace', 'send', 'includes', 'indexOf', 'has', 'get', 'stringify']);
/** Methods that change the object or array they are called on. */
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'delete', 'clear', 'sort', 'reverse', 'fill']);
/** Longer names are not kept on unknown values. */
const MAX_NAME_LENGTH = 120;
const FUNCTION_NODES = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function', 'arrow_function', 'method_definition']);

/** A binding of a name, in effect from `at`: a declaration or assignment, or a parameter (in effect from the function's start). */
interface Binding {
  at: number;
  value: SyntaxNode | null;
  param?: { default: SyntaxNode | null };
}

/** A write to the value a name holds (`o.k = v`), evaluated when the name is read. */
interface NameWrite {
  at: number;
  /** The function (or program) the write is made in. */
  fn: SyntaxNode;
  make: (depth: number, keyCase?: 'pascal') => ValueWrite;
  removes: boolean;
}

type Scope = {
  parent?: Scope;
  /** Every binding of each name declared in this block, in order. */
  assigned: Map<string, Binding[]>;
  writes: Map<string, NameWrite[]>;
  /** The function (or program) the block belongs to. */
  fn: SyntaxNode;
  /** Set on function scopes: the function's own node. */
  own?: SyntaxNode;
};

/**
 * TypeScript/JavaScript source → facts: calls and `new` expressions with their first object argument as values
 * (AWS SDK v3 commands, OpenAI SDK calls), CDK L1 constructs (`new CfnEndpointConfig(this, 'Id', { … })`) as
 * CloudFormation resources with PascalCase keys, imports, comments and syntax problems.
 * `snapshots`, kept for one file, makes reading it again after an edit copy from the tree only the statements that
 * changed; `statements` (`typescriptStatements.ts`), kept for one file, makes it evaluate only those and what reads them.
 */
export function extractTypeScript(
  tree: Tree,
  text: string,
  language: Language,
  deadline = Deadline.never(),
  snapshots = new StatementSnapshots(),
  statements?: { extract(program: SyntaxNode, tree: Tree, text: string, language: Language, deadline: Deadline): FileFacts },
): FileFacts {
  const program = snapshots.snapshot(tree, text, deadline);
  if (statements) return statements.extract(program, tree, text, language, deadline);
  const all = program.namedChildren;
  const facts = evaluateStatements(all, { text, deadline, emit: new Set(all), keptCall: () => undefined });
  return combineStatementFacts(facts.values(), { tree, text, language, deadline });
}

/** The facts one top-level statement makes, before they are combined into the file's (`combineStatementFacts`). */
export interface StatementFacts {
  calls: CallFact[];
  resources: ResourceFact[];
  comments: FileFacts['comments'];
  functions: FunctionFact[];
  /** Per function: whether it is the default export by its own declaration (`export default function`). */
  ownDefault: boolean[];
  literals: Value[];
  exits: ExitFact[];
  imports: string[];
  aliases: [string, string][];
  /** `export default name`: the name. */
  defaultExport?: string;
  /** Keys read from a call's result here, in order, on the call they are read from (which may be another statement's). */
  resultKeys: [CallFact, string][];
}

/**
 * What one evaluation covers: `statements` (top-level, in document order) are read for their bindings, and those in
 * `emit` also for their facts. `keptCall` gives the call facts of the statements not emitted, that origins point to.
 */
export interface EvaluationPlan {
  text: string;
  deadline: Deadline;
  emit: ReadonlySet<SyntaxNode>;
  keptCall(node: SyntaxNode): CallFact | undefined;
}

/** The facts of each emitted statement, by statement. */
export function evaluateStatements(statements: readonly SyntaxNode[], plan: EvaluationPlan): Map<SyntaxNode, StatementFacts> {
  const { text, deadline, emit } = plan;
  const program = statements[0]?.parent;
  const byStatement = new Map<SyntaxNode, StatementFacts>();
  for (const statement of statements) if (emit.has(statement)) byStatement.set(statement, emptyStatementFacts());
  if (!program) return byStatement;
  const aliases = new Map<string, string>();
  const imports = new Set<string>();
  /** The facts of the statement being walked, undefined when it is not emitted. */
  let here: StatementFacts | undefined;
  const addImport = (mod: string) => {
    imports.add(mod);
    here?.imports.push(mod);
  };
  const addAlias = (name: string, target: string) => {
    aliases.set(name, target);
    here?.aliases.push([name, target]);
  };
  const scopeOf = new Map<number, Scope>();
  /** Every call and `new` of the statements walked (a call anywhere may change what a name holds); `into`: emitted. */
  const callNodes: { node: SyntaxNode; scope: Scope; into?: StatementFacts }[] = [];
  const literalNodes: { node: SyntaxNode; scope: Scope; into: StatementFacts }[] = [];
  const exitNodes: { node: SyntaxNode; value: SyntaxNode | null; scope: Scope; into: StatementFacts }[] = [];
  /** `this.llm = new ChatOpenAI(…)` and class fields: what `this.<name>` is bound to, for method-call receivers. */
  const memberBindings = new Map<string, SyntaxNode[]>();
  /** Where each `this.<name>` binding is made, for its value. */
  const memberScopes = new Map<SyntaxNode, Scope>();
  /** Functions, with their return expressions and parameter defaults. */
  const functions: { fact: FunctionFact; node: SyntaxNode; returns: SyntaxNode[]; defaults: (SyntaxNode | null)[] }[] = [];
  const functionByNode = new Map<number, (typeof functions)[number]>();
  /** Where the result of a call is read by a key that tells its kind (`.embedding`). */
  const resultKeyReads: { object: SyntaxNode; key: string; into: StatementFacts }[] = [];
  const tracker = new TsOriginTracker(program);
  const root: Scope = { assigned: new Map(), writes: new Map(), fn: program, own: program };
  let scope = root;
  scopeOf.set(program.id, root);

  const bind = (name: SyntaxNode | null, value: SyntaxNode | null, at: number, target = scope, param?: Binding['param']) => {
    if (!name) return;
    if (name.type === 'identifier') push(target.assigned, name.text, { at, value, ...(param ? { param } : {}) });
    else for (const child of name.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) if (child) push(target.assigned, child.text, { at, value: null });
  };
  /** A parameter: `x`, `x = 1`, `x: T = 1`, `...rest`, `{ a, b }`. */
  const bindParameter = (param: SyntaxNode, at: number) => {
    const pattern = param.type === 'assignment_pattern' ? param.childForFieldName('left') : (param.childForFieldName('pattern') ?? param);
    const fallback = param.type === 'assignment_pattern' ? param.childForFieldName('right') : param.childForFieldName('value');
    if (pattern?.type === 'identifier') return bind(pattern, null, at, scope, { default: fallback });
    if (pattern?.type !== 'object_pattern') return bind(pattern, null, at);
    // `{ modelId, body = {} }`: each name is the argument's entry of that key.
    for (const entry of pattern.namedChildren) {
      if (entry?.type === 'shorthand_property_identifier_pattern') push(scope.assigned, entry.text, { at, value: null, param: { default: null } });
      else if (entry?.type === 'object_assignment_pattern' && entry.childForFieldName('left')?.type === 'shorthand_property_identifier_pattern') {
        push(scope.assigned, entry.childForFieldName('left')!.text, { at, value: null, param: { default: entry.childForFieldName('right') } });
      } else if (entry) bind(entry, null, at);
    }
  };
  /** The scope that binds `name`, as seen from `from`. */
  const holderOf = (name: string, from = scope): Scope => {
    for (let s: Scope | undefined = from; s; s = s.parent) if (s.assigned.has(name)) return s;
    return from;
  };
  /**
   * Records a write to what `target` (`o`, `o.a.b`, `o["a"]`) holds, made by the expression ending at `at`. A key that
   * is not written out makes it a write that cannot be read, at the keys before it.
   */
  const write = (
    target: SyntaxNode | null,
    at: number,
    make: (path: string[], last: SyntaxNode | undefined, from: Scope, depth: number, keyCase?: 'pascal') => ValueWrite,
    removes = false,
  ) => {
    const keys: SyntaxNode[] = [];
    let node = target;
    let literal = true;
    while (node && (node.type === 'member_expression' || node.type === 'subscript_expression')) {
      const key = node.type === 'member_expression' ? node.childForFieldName('property') : node.childForFieldName('index');
      if (!key || (node.type === 'subscript_expression' && key.type !== 'string')) {
        literal = false;
        keys.length = 0;
      } else keys.unshift(key);
      node = node.childForFieldName('object');
    }
    if (node?.type !== 'identifier') return;
    const written = keys.map((k) => (k.type === 'string' ? stringContent(k) : k.text));
    const from = scope;
    const cased = (keyCase?: 'pascal') => (keyCase === 'pascal' ? written.map(pascal) : written);
    const made = (depth: number, keyCase?: 'pascal'): ValueWrite => (literal ? make(cased(keyCase), keys[keys.length - 1], from, depth, keyCase) : { kind: 'open', path: cased(keyCase) });
    push(holderOf(node.text).writes, node.text, { at, fn: from.fn, make: made, removes: literal && removes });
  };
  const valueAt = (node: SyntaxNode | null | undefined, from: Scope, depth: number, keyCase?: 'pascal'): Value =>
    node ? toValue(node, from, depth + 1, keyCase) : { kind: 'unknown', span: { start: 0, end: 0 } };
  /** `Object.assign(o, …)`, `o.push(…)`: what the call does to the value its target holds. */
  const mutation = (call: SyntaxNode, fn: SyntaxNode) => {
    const method = fn.childForFieldName('property')?.text ?? '';
    const receiver = fn.childForFieldName('object');
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    const at = call.endIndex;
    if (receiver?.text === 'Object' && method === 'assign' && args[0]) {
      for (const source of args.slice(1)) {
        write(args[0], at, (path, _last, from, depth, keyCase) => (source.type === 'spread_element' ? { kind: 'open', path } : { kind: 'merge', path, value: valueAt(source, from, depth, keyCase) }));
      }
      return;
    }
    if (!receiver || !MUTATING_METHODS.has(method)) return;
    if (method === 'push' || method === 'unshift') {
      for (const item of args) {
        write(receiver, at, (path, _last, from, depth, keyCase) =>
          item.type === 'spread_element'
            ? { kind: 'append', path, value: valueAt(item.namedChildren[0], from, depth, keyCase), each: true }
            : { kind: 'append', path, value: valueAt(item, from, depth, keyCase), each: false },
        );
      }
      return;
    }
    write(receiver, at, (path) => ({ kind: 'open', path }));
  };

  const enter = (node: SyntaxNode) => {
    tracker.enter(node);
    const exitValue = tsExitValueNode(node);
    if (exitValue !== undefined && here) exitNodes.push({ node, value: exitValue, scope, into: here });
    if (SCOPES.has(node.type) && node.type !== 'program') {
      const isFunction = FUNCTION_NODES.has(node.type);
      scope = { parent: scope, assigned: new Map(), writes: new Map(), fn: isFunction ? node : scope.fn, ...(isFunction ? { own: node } : {}) };
      scopeOf.set(node.id, scope);
      for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) if (param && param.type !== 'comment') bindParameter(param, node.startIndex);
      if (node.type === 'arrow_function' && node.childForFieldName('parameter')) bindParameter(node.childForFieldName('parameter')!, node.startIndex);
    }
    if (FUNCTION_NODES.has(node.type) && here) functionFact(node, here);
    switch (node.type) {
      case 'import_statement':
        readImport(node, addAlias, addImport);
        return false;
      case 'variable_declarator': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name?.type === 'object_pattern' && value && requiredModule(value)) {
          const mod = requiredModule(value)!;
          addImport(mod);
          for (const p of name.namedChildren) {
            if (p?.type === 'shorthand_property_identifier_pattern') addAlias(p.text, `${mod}.${p.text}`);
            else if (p?.type === 'pair_pattern') {
              const local = p.childForFieldName('value');
              if (local?.type === 'identifier') addAlias(local.text, `${mod}.${p.childForFieldName('key')?.text}`);
            }
          }
        } else if (name?.type === 'identifier' && value && requiredModule(value)) {
          addImport(requiredModule(value)!);
          addAlias(name.text, requiredModule(value)!);
        }
        bind(name, value, node.endIndex);
        break;
      }
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'identifier') bind(left, node.type === 'assignment_expression' ? right : null, node.endIndex, holderOf(left.text));
        else if (node.type === 'assignment_expression' && right) {
          write(left, node.endIndex, (path, last, from, depth, keyCase) => ({ kind: 'set', path, value: valueAt(right, from, depth, keyCase), keySpan: last ? spanOf(last) : spanOf(node), span: spanOf(node) }));
        } else write(left, node.endIndex, (path) => ({ kind: 'open', path }));
        if (left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' && right) {
          push(memberBindings, left.text.replace(/\s+/g, ''), right);
          memberScopes.set(right, scope);
        }
        break;
      }
      case 'unary_expression':
        if (node.childForFieldName('operator')?.text === 'delete') write(node.childForFieldName('argument'), node.endIndex, (path) => ({ kind: 'delete', path }), true);
        break;
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        if (fn?.type === 'member_expression') mutation(node, fn);
        callNodes.push({ node, scope, into: here });
        break;
      }
      case 'member_expression': {
        const key = node.childForFieldName('property')?.text;
        if (key && RESULT_KIND_KEYS.has(key) && here) resultKeyReads.push({ object: node.childForFieldName('object')!, key, into: here });
        break;
      }
      case 'subscript_expression': {
        const index = node.childForFieldName('index');
        const key = index?.type === 'string' ? stringContent(index) : undefined;
        if (key && RESULT_KIND_KEYS.has(key) && here) resultKeyReads.push({ object: node.childForFieldName('object')!, key, into: here });
        break;
      }
      case 'return_statement': {
        const value = node.namedChildren.find((c) => c && c.type !== 'comment');
        const owner = value && enclosingFunctionNode(node);
        if (owner) functionByNode.get(owner.id)?.returns.push(value);
        break;
      }
      case 'export_statement': {
        const value = node.childForFieldName('value');
        if (value?.type === 'identifier' && /^export\s+default\b/.test(node.text) && here) here.defaultExport = value.text;
        break;
      }
      case 'new_expression':
        callNodes.push({ node, scope, into: here });
        break;
      case 'comment':
        here?.comments.push({ text: node.text, span: spanOf(node) });
        break;
      case 'public_field_definition': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name && value) {
          push(memberBindings, `this.${name.text}`, value);
          memberScopes.set(value, scope);
        }
        break;
      }
      case 'object':
      case 'array':
        if (here && isMessageLiteral(node)) literalNodes.push({ node, scope, into: here });
        break;
    }
    return true;
  };
  const leave = (node: SyntaxNode) => {
    tracker.leave(node);
    const own = scopeOf.get(node.id);
    if (own && own === scope && own.parent) scope = own.parent;
  };
  for (const statement of statements) {
    here = byStatement.get(statement);
    walkNamed(statement, enter, leave, deadline);
  }
  here = undefined;

  /** Records a function, method or arrow function bound to a name, with the name it is called by. */
  function functionFact(node: SyntaxNode, into: StatementFacts): void {
    const named = functionName(node);
    if (!named) return;
    const params = node.childForFieldName('parameters')?.namedChildren.filter((p): p is SyntaxNode => !!p && p.type !== 'comment') ?? [];
    const single = node.type === 'arrow_function' ? node.childForFieldName('parameter') : null;
    const all = single ? [single] : params;
    const fact: FunctionFact = {
      name: named.name,
      ...(named.container ? { container: named.container } : {}),
      ...(named.method ? { method: true } : {}),
      ...(named.exportDefault ? { exportDefault: true } : {}),
      params: all.map(tsParameter),
      returns: [],
      span: spanOf(node),
      nameSpan: spanOf(named.node),
    };
    const body = node.childForFieldName('body');
    const entry = { fact, node, returns: body && body.type !== 'statement_block' ? [body] : [], defaults: all.map(parameterDefault) };
    functions.push(entry);
    functionByNode.set(node.id, entry);
    into.functions.push(fact);
    into.ownDefault.push(named.exportDefault === true);
  }

  const qualify = (node: SyntaxNode): string | undefined => {
    if (node.endIndex - node.startIndex > MAX_CALLEE_LENGTH) return undefined;
    const text = node.text.replace(/\s+/g, '').replace(/\?\./g, '.');
    if (!/^[\w$.]+$/.test(text)) return undefined;
    const [first, ...rest] = text.split('.');
    const target = aliases.get(first);
    return target ? [target, ...rest].join('.') : undefined;
  };

  /**
   * The binding of `name` in effect where it is read at `position`: in the reading function, the latest one before the
   * read; from a nested function, the only one (it may run after any of several). Null when it cannot be told;
   * undefined when the file binds no such name.
   */
  const resolveBinding = (name: string, from: Scope, position: number): { binding: Binding; holder: Scope } | null | undefined => {
    for (let s: Scope | undefined = from; s; s = s.parent) {
      const list = s.assigned.get(name);
      if (!list) continue;
      const latest = s.fn === from.fn ? latestBefore(list, position) : undefined;
      if (latest) return { binding: latest, holder: s };
      return list.length === 1 ? { binding: list[0], holder: s } : null;
    }
    return undefined;
  };
  /** What `name` is bound to where it is read (the expression), null when that is not one thing or not followed. */
  const resolve = (name: string, from: Scope, position = Infinity): SyntaxNode | null | undefined => {
    const found = resolveBinding(name, from, position);
    return found === undefined ? undefined : (found?.binding.value ?? null);
  };

  /** The writes to the value a name holds that have happened when it is read at `position` in `from`. */
  const writesSeen = (writes: readonly NameWrite[], binding: Binding, holder: Scope, from: Scope, position: number): NameWrite[] =>
    writes.filter((w) => {
      if (w.at <= binding.at) return false;
      if (w.fn === from.fn && holder.fn === from.fn) return w.at <= position;
      return w.fn === holder.fn || !w.removes;
    });

  /** An unknown value, with where its data may come from, and the name the code reads it from when it is one. */
  const unknownOf = (node: SyntaxNode, name?: string): UnknownValue => {
    const origins = tracker.originsOf(node);
    const value: UnknownValue = origins.length > 0 ? { kind: 'unknown', span: spanOf(node), origins } : { kind: 'unknown', span: spanOf(node) };
    const named = name ?? ((node.type === 'identifier' || node.type === 'shorthand_property_identifier' || node.type === 'member_expression') && node.endIndex - node.startIndex <= MAX_NAME_LENGTH ? node.text.replace(/\s+/g, '') : undefined);
    if (named) value.name = named;
    return value;
  };

  /** A parameter read in its own function: the caller decides it; its default is its fallback. */
  const parameterValue = (node: SyntaxNode, param: NonNullable<Binding['param']>, holder: Scope, from: Scope, depth: number): UnknownValue => {
    const value = unknownOf(node);
    if (holder.fn === from.fn) value.parameter = node.text;
    const fallback = param.default ? toValue(param.default, holder.parent ?? root, depth + 1) : undefined;
    const known = fallback?.kind === 'unknown' ? fallback.fallback : fallback;
    if (known && known.kind !== 'null') value.fallback = known;
    return value;
  };

  // Values of bindings, per scope that holds them, depth and key case: a name read many times is evaluated once.
  const resolved = new Map<Scope, Map<string, Value>>();
  const resolvedValue = (assigned: SyntaxNode, from: Scope, depth: number, keyCase?: 'pascal'): Value => {
    const cache = resolved.get(from) ?? resolved.set(from, new Map()).get(from)!;
    const key = `${assigned.id}:${depth}:${keyCase ?? ''}`;
    let value = cache.get(key);
    if (!value) cache.set(key, (value = toValue(assigned, from, depth + 1, keyCase)));
    return value;
  };

  /** The value of a name where it is read, with the writes made to it before. */
  const nameValue = (node: SyntaxNode, from: Scope, depth: number, keyCase?: 'pascal'): Value | undefined => {
    const found = resolveBinding(node.text, from, node.startIndex);
    if (!found) return found === null ? unknownOf(node) : undefined;
    const { binding, holder } = found;
    const writes = holder.writes.get(node.text);
    const seen = writes ? writesSeen(writes, binding, holder, from, node.startIndex).map((w) => w.make(depth, keyCase)) : [];
    if (binding.param) {
      const param = parameterValue(node, binding.param, holder, from, depth);
      return seen.length ? withWritesOnUnknown(param, seen) : param;
    }
    if (!binding.value) return unknownOf(node);
    const value = resolvedValue(binding.value, holder, depth, keyCase);
    return seen.length ? applyWrites(value, seen) : value;
  };

  /** `this.modelId`: what the class assigns to it (in its constructor, or as a field), when that is one thing. */
  const memberValue = (node: SyntaxNode, depth: number, keyCase?: 'pascal'): Value | undefined => {
    const bound = memberBindings.get(node.text.replace(/\s+/g, ''));
    if (bound?.length !== 1) return undefined;
    const value = toValue(bound[0], memberScopes.get(bound[0]) ?? root, depth + 1, keyCase);
    if (value.kind !== 'unknown') return value;
    const { parameter: _parameter, ...rest } = value; // a constructor's parameter, not one of the method reading it
    return { ...rest, name: value.name ?? node.text.replace(/\s+/g, '') };
  };

  /** `process.env.X ?? "default"`, `a || b`: the left value when it is known to be set, else unknown with the right as its fallback. */
  const fallbackValue = (node: SyntaxNode, from: Scope, depth: number, keyCase?: 'pascal'): Value => {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return unknownOf(node);
    const first = toValue(left, from, depth + 1, keyCase);
    if (first.kind === 'null' || (node.childForFieldName('operator')?.text === '||' && ((first.kind === 'string' && first.value === '') || (first.kind === 'boolean' && !first.value)))) {
      return toValue(right, from, depth + 1, keyCase);
    }
    if (first.kind !== 'unknown') return first;
    const second = toValue(right, from, depth + 1, keyCase);
    const value = unknownOf(node, first.name);
    const fallback = second.kind === 'unknown' ? second.fallback : second;
    if (fallback && fallback.kind !== 'null') value.fallback = fallback;
    return value;
  };

  /** `config.models.embed`, `MODELS["embed"]`: the entry, when the object is one the code shows. */
  const entryValue = (object: SyntaxNode | null, key: string | undefined, from: Scope, depth: number, keyCase?: 'pascal'): Value | undefined => {
    if (!object || key === undefined || (object.type !== 'identifier' && object.type !== 'member_expression' && object.type !== 'subscript_expression')) return undefined;
    const container = toValue(object, from, depth + 1, keyCase);
    if (container.kind !== 'object') return undefined;
    return container.props.get(keyCase === 'pascal' ? pascal(key) : key)?.value;
  };

  const toValue = (node: SyntaxNode | null, from: Scope, depth = 0, keyCase?: 'pascal'): Value => {
    if (!node) return { kind: 'unknown', span: { start: 0, end: 0 } };
    const span = spanOf(node);
    if (depth > MAX_RESOLVE_DEPTH) return unknownOf(node);
    deadline.check();
    if (WRAPPERS.has(node.type)) return toValue(node.namedChildren.find((c) => c && !c.type.endsWith('type') && c.type !== 'type_identifier') ?? null, from, depth + 1, keyCase);
    switch (node.type) {
      case 'string':
        return { kind: 'string', value: stringContent(node), span };
      case 'template_string': {
        const substitutions = node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'template_substitution');
        if (substitutions.length === 0) return { kind: 'string', value: stringContent(node), span };
        const refs = substitutions.map((c) => c.namedChildren[0]).map((e) => (e?.type === 'identifier' ? e.text : e?.type === 'member_expression' ? memberRoot(e) : undefined));
        const unknown = unknownOf(node);
        return refs.some((r) => r !== undefined) ? { ...unknown, refs: refs.filter((r): r is string => r !== undefined) } : unknown;
      }
      case 'number': {
        const value = Number(node.text.replace(/_/g, ''));
        return Number.isNaN(value) ? unknownOf(node) : { kind: 'number', value, span };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', span };
      case 'null':
        return { kind: 'null', span };
      case 'object':
        return objectValue(node, from, depth, keyCase);
      case 'array': {
        const value: ArrayValue = { kind: 'array', items: [], open: false, span };
        for (const item of node.namedChildren) {
          if (!item || item.type === 'comment') continue;
          if (item.type === 'spread_element') spreadItems(value, toValue(item.namedChildren[0] ?? null, from, depth + 1, keyCase));
          else value.items.push(toValue(item, from, depth + 1, keyCase));
        }
        return value;
      }
      case 'identifier': {
        if (node.text === 'undefined') return { kind: 'null', span };
        const value = nameValue(node, from, depth, keyCase);
        if (value) return value;
        if (node.text in NAMED_NUMBERS) return { kind: 'number', value: NAMED_NUMBERS[node.text], span };
        return unknownOf(node);
      }
      case 'member_expression': {
        const text = node.text.replace(/\s+/g, '').replace(/\?\./g, '.');
        const named = NAMED_NUMBERS[text];
        if (named !== undefined && resolve('Number', from) === undefined) return { kind: 'number', value: named, span };
        const env = /^process\.env\.(\w+)$/.exec(text);
        if (env) return unknownOf(node, env[1]);
        const object = node.childForFieldName('object');
        const property = node.childForFieldName('property')?.text;
        const known = object?.type === 'this' ? memberValue(node, depth, keyCase) : entryValue(object, property, from, depth, keyCase);
        if (known) return known;
        // `endpoint.attrEndpointName`: unknown, but it names the construct bound to `endpoint` (its CDK address).
        const root = memberRoot(node);
        const unknown = unknownOf(node);
        return root ? { ...unknown, refs: [root] } : unknown;
      }
      case 'subscript_expression': {
        const index = node.childForFieldName('index');
        const object = node.childForFieldName('object');
        if (index?.type === 'string' && object?.text.replace(/\s+/g, '') === 'process.env') return unknownOf(node, stringContent(index));
        return (index?.type === 'string' ? entryValue(object, stringContent(index), from, depth, keyCase) : undefined) ?? unknownOf(node);
      }
      case 'binary_expression': {
        const operator = node.childForFieldName('operator')?.text;
        return operator === '??' || operator === '||' ? fallbackValue(node, from, depth, keyCase) : unknownOf(node);
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
        const callee = fn?.text.replace(/\s/g, '');
        if ((callee === 'JSON.stringify' || callee === 'structuredClone') && args[0]) return toValue(args[0], from, depth + 1, keyCase);
        if (callee === 'Object.assign' && args[0]) {
          let value = toValue(args[0], from, depth + 1, keyCase);
          for (const source of args.slice(1)) value = source.type === 'spread_element' ? opened(value.kind === 'object' ? value : emptyObject(span)) : merge(value, toValue(source, from, depth + 1, keyCase));
          return value;
        }
        return unknownOf(node);
      }
      default:
        return unknownOf(node);
    }
  };

  const objectValue = (node: SyntaxNode, from: Scope, depth: number, keyCase?: 'pascal'): ObjectValue => {
    const entries = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span: spanOf(node), insert: insertPoint(node, entries, text, keyCase) };
    for (const entry of entries) {
      if (entry.type === 'spread_element') {
        // `{ ...base, k: v }`: the entries of `base` when it can be read; later entries win.
        const spread = toValue(entry.namedChildren[0] ?? null, from, depth + 1, keyCase);
        if (spread.kind === 'object') {
          for (const [key, prop] of spread.props) obj.props.set(key, prop);
          if (spread.open) {
            obj.open = true;
            if (spread.spreads) obj.spreads = [...(obj.spreads ?? []), ...spread.spreads];
          }
        } else if (spread.kind !== 'null') {
          obj.open = true;
          if (spread.kind === 'unknown') (obj.spreads ??= []).push(spread);
        }
        continue;
      }
      let keyNode: SyntaxNode | null = null;
      let valueNode: SyntaxNode | null = null;
      if (entry.type === 'pair') {
        keyNode = entry.childForFieldName('key');
        valueNode = entry.childForFieldName('value');
      } else if (entry.type === 'shorthand_property_identifier') {
        keyNode = entry;
        const value: Value = nameValue(entry, from, depth, keyCase) ?? unknownOf(entry);
        setProp(obj, entry.text, keyNode, value, entry, keyCase);
        continue;
      } else {
        continue; // methods and getters are not data
      }
      const key = keyNode ? propertyKey(keyNode) : undefined;
      if (key === undefined) {
        obj.open = true; // a computed key may be anything
        continue;
      }
      if (valueNode?.type === 'undefined' || (valueNode?.type === 'identifier' && valueNode.text === 'undefined')) continue;
      setProp(obj, key, keyNode!, toValue(valueNode, from, depth + 1, keyCase), entry, keyCase);
    }
    return obj;
  };

  // Call facts are made first and their arguments filled in after, so that a value can name the call it comes from.
  const callFacts = new Map<number, CallFact>();
  const pending: { call: CallFact; args: SyntaxNode[]; from: Scope }[] = [];
  for (const { node, scope: from, into } of callNodes) {
    deadline.check();
    if (!into) continue;
    const fn = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
    const argsNode = node.childForFieldName('arguments');
    if (!fn) continue;
    const args = argsNode?.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') ?? [];
    const qualifiedName = qualify(fn);
    const cdk = node.type === 'new_expression' && qualifiedName ? CDK_L1.exec(qualifiedName) : null;
    if (cdk) {
      const resource = cdkResource(node, fn, args, cdk[1], cdk[2], from);
      if (resource) into.resources.push(resource);
      continue;
    }
    const nameNode = fn.type === 'member_expression' ? fn.childForFieldName('property') : fn;
    if (!nameNode) continue;
    const object = fn.type === 'member_expression' ? fn.childForFieldName('object') : null;
    const call: CallFact = {
      kind: 'call',
      callee: (fn.text.length > MAX_CALLEE_LENGTH ? fn.text.slice(-MAX_CALLEE_LENGTH) : fn.text).replace(/\s+/g, ''),
      name: nameNode.text,
      qualifiedName,
      receiverType: object ? receiverType(object, from) : undefined,
      args: { kind: 'object', props: new Map(), open: args.length > 0, span: argsNode ? spanOf(argsNode) : spanOf(node) },
      positional: [],
      span: spanOf(node),
      nameSpan: spanOf(nameNode),
    };
    callFacts.set(node.id, call);
    pending.push({ call, args, from });
    into.calls.push(call);
  }
  tracker.ready({ imports, qualify, callAt: (node) => callFacts.get(node.id) ?? plan.keptCall(node) });
  recordEscapes();
  for (const { call, args, from } of pending) {
    call.positional = args.map((a) => toValue(a, from));
    const first = call.positional[0];
    if (first?.kind === 'object') call.args = first;
    // `new ConverseCommand(input)`: the properties are whatever `input` holds.
    else if (first?.kind === 'unknown') call.args.spreads = [first];
  }
  for (const { node, scope: from, into } of literalNodes) into.literals.push(toValue(node, from));
  for (const { fact, node, returns, defaults } of functions) {
    const own = scopeOf.get(node.id) ?? root;
    // What a function returns is followed as data (where it comes from), not evaluated as a value.
    fact.returns = returns.map((r) => unknownOf(r));
    defaults.forEach((d, i) => {
      if (d) fact.params[i].default = toValue(d, own.parent ?? root);
    });
  }
  for (const { object, key, into } of resultKeyReads) {
    for (const origin of tracker.originsOf(object)) {
      if (origin.kind !== 'call' || !origin.call) continue;
      // `client.send(new InvokeModelCommand(…))`: the keys read are the command's result's.
      const commands = origin.call.name === 'send' ? (origin.call.positional[0]?.kind === 'unknown' ? (origin.call.positional[0].origins ?? []) : []) : [];
      for (const target of [origin.call, ...commands.map((o) => o.call).filter((c): c is CallFact => c !== undefined)]) into.resultKeys.push([target, key]);
    }
  }

  /**
   * An object or array passed to a call that may change it (any call but those known to only read, and constructors)
   * holds something not known from there on: `addGuardrail(input)` may add to `input`. Ordered with the other writes.
   */
  function recordEscapes(): void {
    const touched = new Set<NameWrite[]>();
    for (const { node, scope: from } of callNodes) {
      if (node.type !== 'call_expression') continue;
      const fn = node.childForFieldName('function');
      if (!fn || readsOnly(fn)) continue;
      for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg?.type !== 'identifier') continue;
        const holder = holderOf(arg.text, from);
        const list = holder.writes.get(arg.text) ?? holder.writes.set(arg.text, []).get(arg.text)!;
        list.push({ at: node.endIndex, fn: from.fn, make: () => ({ kind: 'open', path: [] }), removes: false });
        touched.add(list);
      }
    }
    for (const list of touched) list.sort((a, b) => a.at - b.at);
  }

  function readsOnly(fn: SyntaxNode): boolean {
    const callee = fn.text.replace(/\s+/g, '');
    if (READ_ONLY_FUNCTIONS.has(callee)) return true;
    const method = fn.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
    return method !== undefined && (READ_ONLY_METHODS.has(method) || MUTATING_METHODS.has(method) || (fn.childForFieldName('object')?.text === 'Object' && method === 'assign'));
  }

  const exitsOf = new Map<StatementFacts, TsExitNode[]>();
  for (const { node, value, scope: from, into } of exitNodes) {
    const exit = { node, value: exitValue(value, from, node.type === 'binary_expression') ?? { kind: 'null', span: spanOf(node) } };
    push(exitsOf, into, exit);
  }
  for (const [into, nodes] of exitsOf) into.exits = typescriptExits(nodes);

  /** What leaves at an exit: its value, or a comparison's operands as a list. */
  function exitValue(node: SyntaxNode | null, from: Scope, comparison: boolean): Value | undefined {
    if (!node) return undefined;
    if (!comparison) return toValue(node, from);
    const operands = [node.childForFieldName('left'), node.childForFieldName('right')].map((o) => toValue(o, from));
    return { kind: 'array', items: operands, open: false, span: spanOf(node) };
  }

  function cdkResource(node: SyntaxNode, fn: SyntaxNode, args: SyntaxNode[], module: string, resource: string, from: Scope): ResourceFact | undefined {
    const resourceType = cfnResourceType(module, resource);
    const idNode = args[1];
    const id = idNode ? toValue(idNode, from) : undefined;
    const props = args[2] ? toValue(args[2], from, 0, 'pascal') : undefined;
    const name = id?.kind === 'string' ? id.value : (idNode?.text ?? resource);
    const binding = bindingOf(node);
    return {
      kind: 'resource',
      resourceType,
      name,
      props: props?.kind === 'object' ? props : { kind: 'object', props: new Map(), open: props !== undefined, span: spanOf(node) },
      span: spanOf(node),
      nameSpan: idNode ? spanOf(idNode) : spanOf(fn),
      // Unique enough across the workspace: the same type, construct ID and variable in two files is one construct, twice.
      address: cdkAddress(resourceType, name, binding),
      binding,
      keyStyle: 'camel',
    };
  }

  /**
   * What the receiver of a method call is: the class of a `new` expression bound to its name
   * (`@aws-sdk/client-bedrock-runtime.BedrockRuntime`), a LangChain model configured with `bindTools(…)` and the like,
   * `langchain:chain` for a `.pipe(…)` sequence with a LangChain model in it, `langchain:agent` for a prebuilt agent.
   */
  function receiverType(object: SyntaxNode, from: Scope, depth = 0): string | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    let node: SyntaxNode | null | undefined = object;
    if (object.type === 'identifier') node = resolve(object.text, from);
    else if (object.type === 'member_expression' && object.childForFieldName('object')?.type === 'this') {
      const bound = memberBindings.get(object.text.replace(/\s+/g, ''));
      node = bound?.length === 1 ? bound[0] : undefined;
    }
    while (node && WRAPPERS.has(node.type)) node = node.namedChildren[0];
    if (!node) return undefined;
    if (node.type === 'new_expression') {
      const ctor = node.childForFieldName('constructor');
      return ctor ? qualify(ctor) : undefined;
    }
    if (node.type !== 'call_expression') return undefined;
    const fn = node.childForFieldName('function');
    if (!fn) return undefined;
    const qualified = qualify(fn);
    if (qualified && LANGCHAIN_AGENT_FACTORIES.has(qualified)) return 'langchain:agent';
    if (fn.type !== 'member_expression') return undefined;
    const method = fn.childForFieldName('property')?.text ?? '';
    const inner = fn.childForFieldName('object');
    const innerType = inner ? receiverType(inner, from, depth + 1) : undefined;
    if (RUNNABLE_WRAPPERS.has(method) && innerType && LANGCHAIN_MODULE.test(innerType)) return innerType;
    if (method === 'pipe') {
      const stages = [innerType, ...(node.childForFieldName('arguments')?.namedChildren ?? []).map((a) => (a ? receiverType(a, from, depth + 1) : undefined))];
      if (stages.some((t) => t && (t.startsWith('langchain:') || LANGCHAIN_MODULE.test(t)))) return 'langchain:chain';
    }
    return undefined;
  }

  return byStatement;
}

function emptyStatementFacts(): StatementFacts {
  return { calls: [], resources: [], comments: [], functions: [], ownDefault: [], literals: [], exits: [], imports: [], aliases: [], resultKeys: [] };
}

/**
 * The file's facts from its statements' (in document order): what a statement's facts depend on in others (the
 * default export, the keys read from a call's result elsewhere, CDK references, syntax errors) is set here. Sets
 * `resultKeys` and `exportDefault` anew on the statements' own call and function facts.
 */
export function combineStatementFacts(statements: Iterable<StatementFacts>, file: { tree: Tree; text: string; language: Language; deadline: Deadline }): FileFacts {
  const aliases = new Map<string, string>();
  const facts: FileFacts = { language: file.language, calls: [], resources: [], imports: new Set(), importedNames: aliases, comments: [], problems: [], functions: [] };
  const literals: Value[] = [];
  const exits: ExitFact[] = [];
  let defaultExport: string | undefined;
  const list = [...statements];
  for (const s of list) {
    for (const call of s.calls) {
      delete call.resultKeys;
      facts.calls.push(call);
    }
    facts.resources.push(...s.resources);
    for (const mod of s.imports) facts.imports.add(mod);
    for (const [name, target] of s.aliases) aliases.set(name, target);
    facts.comments.push(...s.comments);
    facts.functions!.push(...s.functions);
    literals.push(...s.literals);
    exits.push(...s.exits);
    if (s.defaultExport !== undefined) defaultExport = s.defaultExport;
  }
  for (const s of list) {
    s.functions.forEach((fn, i) => {
      if (!s.ownDefault[i]) delete fn.exportDefault;
      if (defaultExport && (fn.name === defaultExport || fn.name.startsWith(`${defaultExport}.`))) fn.exportDefault = true;
    });
    for (const [call, key] of s.resultKeys) {
      const keys = (call.resultKeys ??= []);
      if (!keys.includes(key)) keys.push(key);
    }
  }
  facts.literals = literals;
  facts.exits = exits;
  if (facts.resources.some((r) => r.binding)) {
    facts.references = cdkReferences(facts.resources, file.text);
    addressReferences(facts);
  }
  for (const error of syntaxErrors(file.tree, file.deadline)) {
    facts.problems.push({ message: error.missing ? 'syntax error: something is missing here' : 'syntax error', span: error });
  }
  return facts;
}

const MESSAGE_ROLES = new Set(['system', 'developer', 'human', 'user', 'ai', 'assistant', 'placeholder']);

/** An object with a `role` (a chat message) or a `["system", …]` pair, wherever it is: message lists built outside calls. */
function isMessageLiteral(node: SyntaxNode): boolean {
  if (node.type === 'object') return node.namedChildren.some((c) => c?.type === 'pair' && c.childForFieldName('key')?.text.replace(/['"]/g, '') === 'role');
  const first = node.namedChildren[0];
  return node.namedChildren.length === 2 && first?.type === 'string' && MESSAGE_ROLES.has(stringContent(first));
}

/** The variable (or `this.` property) a chain of member accesses starts from: `endpoint` in `endpoint.attrEndpointName`. */
function memberRoot(node: SyntaxNode): string | undefined {
  let object: SyntaxNode | null = node;
  for (let steps = 0; object?.type === 'member_expression' && steps < 32; steps++) {
    const inner: SyntaxNode | null = object.childForFieldName('object');
    if (inner?.type === 'this') return object.text.replace(/\s/g, '').split('.').slice(0, 2).join('.');
    object = inner;
  }
  return object?.type === 'identifier' ? object.text : undefined;
}

/**
 * The name a CDK construct is bound to (`const guardrail = new CfnGuardrail(…)`, `this.guardrail = …`): the code refers
 * to the construct by it, so it is the construct's address. Unbound constructs keep their construct ID.
 */
function bindingOf(node: SyntaxNode): string | undefined {
  const parent = node.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === node.id) {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : undefined;
  }
  if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === node.id) {
    const left = parent.childForFieldName('left');
    return left && (left.type === 'identifier' || (left.type === 'member_expression' && left.text.startsWith('this.'))) ? left.text : undefined;
  }
  return undefined;
}

/**
 * Where the file uses each bound construct: inside another construct's props (`from` that construct), or anywhere
 * else (no `from`: an output, a function argument or a stack property hands it on). A construct kept on `this` is
 * visible to other stacks, so it counts as handed on.
 */
function cdkReferences(resources: ResourceFact[], text: string): Reference[] {
  const references: Reference[] = [];
  const bound = new Map<string, ResourceFact>();
  for (const r of resources) if (r.binding) bound.set(r.binding, r);
  for (const [binding, r] of bound) if (binding.startsWith('this.')) references.push({ to: r.address!, span: r.nameSpan });
  const names = [...bound.keys()].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.$]/g, '\\$&'));
  for (const match of text.matchAll(new RegExp(`(?<![\\w$.])(?:${names.join('|')})(?![\\w$])`, 'g'))) {
    const target = bound.get(match[0])!;
    const at = match.index;
    if (at < target.span.start && text.slice(at + match[0].length, target.span.start).trim() === '=') continue; // its declaration
    const holder = resources.find((r) => r !== target && r.span.start <= at && at < r.span.end);
    if (holder === undefined && target.span.start <= at && at < target.span.end) continue;
    references.push({ from: holder?.address, to: target.address!, span: { start: at, end: at + match[0].length } });
  }
  return references;
}

/** Unknown values name the variables they read (`endpoint.attrEndpointName`); those bound to a construct become its address. */
function addressReferences(facts: FileFacts): void {
  const addressOf = new Map<string, string>();
  for (const r of facts.resources) if (r.binding && r.address) addressOf.set(r.binding, r.address);
  const seen = new Set<Value>();
  const visit = (value: Value) => {
    if (seen.has(value)) return;
    seen.add(value);
    if (value.kind === 'unknown' && value.refs) value.refs = value.refs.map((r) => addressOf.get(r) ?? r);
    else if (value.kind === 'object') for (const p of value.props.values()) visit(p.value);
    else if (value.kind === 'array') value.items.forEach(visit);
  };
  for (const r of facts.resources) visit(r.props);
  for (const c of facts.calls) {
    visit(c.args);
    c.positional.forEach(visit);
  }
}

function setProp(obj: ObjectValue, key: string, keyNode: SyntaxNode, value: Value, entry: SyntaxNode, keyCase?: 'pascal'): void {
  const name = keyCase === 'pascal' ? key.charAt(0).toUpperCase() + key.slice(1) : key;
  obj.props.set(name, { key: name, keySpan: spanOf(keyNode), value, span: spanOf(entry) });
}

function readImport(node: SyntaxNode, setAlias: (name: string, target: string) => void, addImport: (mod: string) => void): void {
  const source = node.childForFieldName('source');
  if (!source) return;
  const mod = stringContent(source);
  addImport(mod);
  const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (!part) continue;
    if (part.type === 'identifier') setAlias(part.text, `${mod}.default`);
    else if (part.type === 'namespace_import') {
      const local = part.namedChildren.find((c) => c?.type === 'identifier');
      if (local) setAlias(local.text, mod);
    } else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        if (spec?.type !== 'import_specifier') continue;
        const name = spec.childForFieldName('name')?.text;
        const alias = spec.childForFieldName('alias')?.text ?? name;
        if (name && alias) setAlias(alias, `${mod}.${name}`);
      }
    }
  }
}

/** The module of `require("mod")`. */
function requiredModule(node: SyntaxNode): string | undefined {
  if (node.type !== 'call_expression' || node.childForFieldName('function')?.text !== 'require') return undefined;
  const arg = node.childForFieldName('arguments')?.namedChildren[0];
  return arg?.type === 'string' ? stringContent(arg) : undefined;
}

function propertyKey(node: SyntaxNode): string | undefined {
  if (node.type === 'property_identifier' || node.type === 'identifier') return node.text;
  if (node.type === 'string') return stringContent(node);
  if (node.type === 'number') return String(Number(node.text));
  return undefined;
}

function insertPoint(container: SyntaxNode, entries: SyntaxNode[], text: string, keyCase?: 'pascal'): InsertPoint {
  const camel = keyCase === 'pascal' ? { keyCase: 'camel' as const } : {};
  const last = entries[entries.length - 1];
  if (!last) return { syntax: 'ts-object', offset: container.startIndex + 1, indent: '', multiline: false, needsSeparatorBefore: false, ...camel };
  const lineStart = lineStartOf(text, last.startIndex);
  const before = text.slice(lineStart, last.startIndex);
  const ownLine = /^\s*$/.test(before);
  return {
    syntax: 'ts-object',
    offset: last.endIndex,
    indent: ownLine ? before : '',
    multiline: ownLine && lineStart > container.startIndex,
    needsSeparatorBefore: true,
    ...camel,
  };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', '0': '\0' };

function stringContent(node: SyntaxNode): string {
  let out = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'string_fragment') out += child.text;
    else if (child?.type === 'escape_sequence') out += ESCAPES[child.text[1]] ?? child.text.slice(1);
  }
  return out;
}

function pascal(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function emptyObject(span: Span): ObjectValue {
  return { kind: 'object', props: new Map(), open: false, span };
}

/** The function whose body holds `node` (not counting `node` itself). */
function enclosingFunctionNode(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_NODES.has(n.type)) return n;
  return undefined;
}

/** The class or object a method or property belongs to: `class Chat { … }`, `const api = { … }`. */
function ownerName(container: SyntaxNode | null): string | undefined {
  if (!container) return undefined;
  if (container.type === 'class_body') return container.parent?.childForFieldName('name')?.text;
  if (container.type === 'object' && container.parent?.type === 'variable_declarator') {
    const name = container.parent.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : undefined;
  }
  return undefined;
}

/**
 * The name a function is called by: a declaration's name, `Class.method`, `api.method` for an object's method, or the
 * variable an arrow function or function expression is bound to. Undefined for functions passed along unnamed.
 */
function functionName(node: SyntaxNode): { name: string; node: SyntaxNode; container?: string; method?: boolean; exportDefault?: boolean } | undefined {
  const exportDefault = node.parent?.type === 'export_statement' && /^export\s+default\b/.test(node.parent.text);
  if (node.type === 'function_declaration' || node.type === 'generator_function_declaration') {
    const name = node.childForFieldName('name');
    return name ? { name: name.text, node: name, exportDefault } : undefined;
  }
  if (node.type === 'method_definition') {
    const name = node.childForFieldName('name');
    const owner = ownerName(node.parent);
    return name && owner ? { name: `${owner}.${name.text}`, node: name, container: owner } : undefined;
  }
  const parent = node.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === node.id) {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? { name: name.text, node: name } : undefined;
  }
  if ((parent?.type === 'pair' || parent?.type === 'public_field_definition') && parent.childForFieldName('value')?.id === node.id) {
    const key = parent.childForFieldName(parent.type === 'pair' ? 'key' : 'name');
    const owner = ownerName(parent.parent);
    return key && owner ? { name: `${owner}.${key.text.replace(/^['"]|['"]$/g, '')}`, node: key, container: owner } : undefined;
  }
  if (exportDefault) return { name: 'default', node, exportDefault };
  return undefined;
}

/** How a parameter takes its argument: `x`, `x = 1`, `x?: T`, `...rest`, `{ a, b }`. */
function tsParameter(param: SyntaxNode): ParameterFact {
  const pattern = param.type === 'assignment_pattern' ? param.childForFieldName('left') : (param.childForFieldName('pattern') ?? param);
  const span = spanOf(param);
  if (pattern?.type === 'rest_pattern') return { name: pattern.namedChildren[0]?.text ?? '', kind: 'rest', span };
  if (pattern?.type === 'object_pattern') {
    const keys = pattern.namedChildren.flatMap((p) => {
      if (p?.type === 'shorthand_property_identifier_pattern') return [p.text];
      if (p?.type === 'object_assignment_pattern' && p.childForFieldName('left')?.type === 'shorthand_property_identifier_pattern') return [p.childForFieldName('left')!.text];
      return [];
    });
    return { name: pattern.text, kind: 'object', keys, span };
  }
  return { name: pattern?.text ?? param.text, kind: 'positional', span };
}

function parameterDefault(param: SyntaxNode): SyntaxNode | null {
  return param.type === 'assignment_pattern' ? param.childForFieldName('right') : param.childForFieldName('value');
}


function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}
