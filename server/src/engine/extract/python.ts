import type { Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { lineStartOf, StatementSnapshots, walkNamed, type SyntaxNode } from '../parsers/syntax';
import { syntaxErrors } from '../parsers/walk';
import type { ArrayValue, CallFact, FileFacts, FunctionFact, InsertPoint, ObjectValue, ParameterFact, Property, Span, UnknownValue, Value } from '../types';
import { RESULT_KIND_KEYS } from '../apis/modelKinds';
import { latestBefore } from './originSupport';
import { OriginTracker, type Def, type Param } from './pythonFlow';
import { applyWrites, merge, opened, spreadItems, withWritesOnUnknown, type ValueWrite } from './valueWrites';
import { ACTION_GROUP_MARKER, MCP_MODULES, TOOL_REGISTRATIONS } from '../apis/tools';
import { CALLABLE_RECEIVERS, FRAMEWORK_RECEIVERS } from '../apis/frameworks/outputs';
import { exitValueNode, isStore, isTest, pythonExits } from './pythonExits';
import { markModelInputs, type StringListNode } from './pythonFeatureUse';
import { describeChannel, groupChannel, KeptPythonFacts, readerPlace, StatementReads, type ChannelEntry, type ChannelGroup, type ModuleEnvironment, type StatementFacts } from './pythonKept';

const ANTHROPIC_CLIENTS = new Set([
  'anthropic.Anthropic',
  'anthropic.AsyncAnthropic',
  'anthropic.AnthropicBedrock',
  'anthropic.AsyncAnthropicBedrock',
  'anthropic.AnthropicVertex',
  'anthropic.AsyncAnthropicVertex',
]);
const CLIENT_FACTORIES = new Set(['boto3.client', 'boto3.session.Session.client', 'aioboto3.client']);
const OPENAI_CLIENTS = new Set(['openai.OpenAI', 'openai.AsyncOpenAI', 'openai.AzureOpenAI', 'openai.AsyncAzureOpenAI']);
/** mypy-boto3 client type names, for parameters annotated with them. */
const BOTO3_TYPE_ANNOTATIONS: Record<string, string> = {
  BedrockRuntimeClient: 'bedrock-runtime',
  AgentsforBedrockRuntimeClient: 'bedrock-agent-runtime',
  SageMakerClient: 'sagemaker',
  SageMakerRuntimeClient: 'sagemaker-runtime',
};
const MAX_RESOLVE_DEPTH = 8;
/** Longer names are not kept on unknown values. */
const MAX_NAME_LENGTH = 120;
/** More than the depths a value is resolved at (0 to MAX_RESOLVE_DEPTH + 1), for keys made of a node id and a depth. */
const RESOLVE_DEPTHS = 16;
/** Methods that return the same LangChain model or chain, configured. */
const RUNNABLE_WRAPPERS = new Set(['bind', 'bind_tools', 'with_structured_output', 'with_config', 'with_retry', 'with_fallbacks', 'with_types', 'configurable_fields', 'configurable_alternatives']);
const LANGCHAIN_PACKAGE = /^(langchain|langchain_[a-z0-9_]+|langgraph)$/;
/** LangChain text-completion (non-chat) model classes. */
const LANGCHAIN_LLMS = new Set([
  'BedrockLLM', 'Bedrock', 'OpenAI', 'AzureOpenAI', 'Anthropic', 'Ollama', 'OllamaLLM', 'VertexAI', 'Cohere', 'SagemakerEndpoint',
  'HuggingFaceEndpoint', 'HuggingFaceHub', 'HuggingFacePipeline', 'LlamaCpp', 'GPT4All', 'Replicate', 'Together', 'Fireworks',
]);
const LANGCHAIN_AGENTS = new Set(['AgentExecutor', 'initialize_agent', 'create_react_agent', 'create_agent']);
const LANGCHAIN_CHAINS = new Set([
  'LLMChain', 'ConversationChain', 'RetrievalQA', 'RetrievalQAWithSourcesChain', 'ConversationalRetrievalChain', 'SQLDatabaseChain',
  'create_retrieval_chain', 'create_stuff_documents_chain', 'create_history_aware_retriever', 'load_qa_chain', 'load_summarize_chain',
  'RunnableWithMessageHistory',
]);
/** `Chat…` classes that are not chat models. */
const NOT_A_CHAT_MODEL = /Prompt|Message|History|Template|Generation|Result|Session|Loader|Value|Memory/;
/** Assignment targets that bind each of their names: `a, b = …`, `(a, *rest) = …`, `with … as (a, b)`. */
const TARGET_GROUPS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'as_pattern_target', 'list_splat_pattern', 'parenthesized_expression']);
/** Longer callee texts are kept by their tail: a chain of thousands of calls would otherwise cost quadratic time. */
const MAX_CALLEE_LENGTH = 512;
/** Methods that change the dict or list they are called on. */
const MUTATORS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__', 'append', 'extend', 'insert', 'remove', '__delitem__']);
/** Functions and methods that read their arguments without changing them: passing a dict to them keeps it known. */
const READ_ONLY_FUNCTIONS = new Set([
  'builtins.print', 'builtins.len', 'builtins.str', 'builtins.repr', 'builtins.bool', 'builtins.isinstance', 'builtins.type', 'builtins.id',
  'builtins.sorted', 'builtins.list', 'builtins.tuple', 'builtins.set', 'builtins.dict', 'builtins.iter', 'builtins.enumerate', 'builtins.any',
  'builtins.all', 'json.dumps', 'json.dump', 'copy.copy', 'copy.deepcopy', 'pprint.pprint', 'pprint.pformat',
]);
const READ_ONLY_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'format', 'dumps', 'get', 'keys', 'values', 'items', 'copy']);
/** Environment lookups whose second argument is the value when the variable is not set. */
const ENVIRONMENT_GETTERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);

/** A binding of a name in a scope, in effect from `at`: an assignment, or a parameter (in effect from the start). */
interface Binding {
  at: number;
  value: SyntaxNode | null;
  param?: { node: SyntaxNode; default: SyntaxNode | null };
}

/** A write to the value a name holds (`d["k"] = v`), evaluated when the name is read. */
interface NameWrite {
  at: number;
  /** The node that makes it: the write is the same as long as its statement is. */
  node: SyntaxNode;
  /** What it does, when that needs nothing evaluated (`del d["k"]`, a dict passed to a call): the same wherever it is made. */
  fixed?: ValueWrite;
  /** The scope the write is made in. */
  scope: Scope;
  make: (depth: number) => ValueWrite;
  /** Writes that only remove (`del`, `pop`, `clear`) apply only in the scope they are made in, before the read. */
  removes: boolean;
}

type Scope = {
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

interface FunctionEntry {
  fact: FunctionFact;
  scope: Scope;
  /** Its return and yield expressions. */
  returns: SyntaxNode[];
  defaults: (SyntaxNode | null)[];
}

/** What a top-level statement holds that is evaluated, found by the walk. */
interface Unit {
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

/** A call fact whose arguments are yet to be read. */
interface PendingCall {
  node: SyntaxNode;
  call: CallFact;
  argsNode: SyntaxNode;
  scope: Scope;
  /** The arguments `functools.partial` binds, when the call is of a partial. */
  boundArgs?: SyntaxNode;
}

/**
 * Python source → facts: calls with their keyword arguments as values, imports, comments, syntax problems.
 * `snapshots`, kept for one file, makes reading it again after an edit copy from the tree only the statements that changed.
 */
export function extractPython(tree: Tree, text: string, deadline = Deadline.never(), keep: StatementSnapshots | KeptPythonFacts = new StatementSnapshots()): FileFacts {
  const keptFacts = keep instanceof KeptPythonFacts ? keep : undefined;
  const root = (keptFacts?.snapshots ?? (keep as StatementSnapshots)).snapshot(tree, text, deadline);
  const statements = root.namedChildren;
  const starts = statements.map((s) => s.startIndex);
  /** What the statement being evaluated reads beyond itself, when its facts are kept for the next edit. */
  let reads: StatementReads | undefined;
  const aliases = new Map<string, string>(); // local name → qualified name
  const facts: FileFacts = { language: 'python', calls: [], resources: [], imports: new Set(), importedNames: aliases, comments: [], problems: [], functions: [], literals: [], exits: [] };
  facts.importAnchor = importAnchor(root);
  const bindings = new Map<string, (SyntaxNode | null)[]>(); // assignment target text → assigned expressions
  const annotated = new Map<string, string>(); // parameter name → receiver type
  const scopeOf = new Map<number, Scope>();
  const callNodes: { node: SyntaxNode; scope: Scope }[] = [];
  /** `self.x = …` in a method of class C, and `x = …` in the body of C: `C.x` → what is assigned, where. */
  const attributes = new Map<string, { value: SyntaxNode; scope: Scope }[]>();
  /** Attributes whose value is changed in place (`self.config["k"] = v`): not followed. */
  const attributesWritten = new Set<string>();
  /** Functions, and the return and yield expressions of each (by scope). */
  const functionOf = new Map<Scope, { returns: SyntaxNode[] }>();
  /** Classes and functions around the node being walked, innermost last. */
  const containers: { kind: 'class' | 'function'; name: string; node: SyntaxNode }[] = [];
  const stringListNodes: StringListNode[] = [];
  /** What each top-level statement holds that is evaluated: its facts depend on it and on what it reads (`Unit`). */
  const units: Unit[] = [];
  let unit = newUnit(root);

  const module: Scope = { node: root, timeline: new Map(), defs: new Map(), params: new Map(), writes: new Map() };
  let scope = module;
  /** Records where `target` is bound to (data from) `value`; `at` is where the binding takes effect. */
  const define = (target: SyntaxNode, value: SyntaxNode | null, at: number) => {
    if (target.type === 'identifier') push(scope.defs, target.text, { at, value });
    else if (TARGET_GROUPS.has(target.type)) for (const t of target.namedChildren) if (t) define(t, value, at);
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
      push(scope.timeline, target.text, { at, value });
      const top = containers[containers.length - 1];
      if (top?.kind === 'class' && value) push(attributes, `${top.name}.${target.text}`, { value, scope });
    } else if (target.type === 'subscript') {
      write(target, at, (path, keys, from, depth) => ({ kind: 'set', path, value: valueAt(value, from, depth), keySpan: spanOf(keys[keys.length - 1]), span: spanOf(target.parent ?? target) }));
    } else if (target.type === 'attribute') {
      const attribute = selfAttribute(target);
      if (attribute && value) push(attributes, attribute, { value, scope });
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      for (const t of target.namedChildren) if (t) assign(t, null, at);
    }
    if (target.type === 'identifier' || target.type === 'attribute') push(bindings, compact(target.text), value);
  };
  /** `self.x` in a method of class C: `C.x`. */
  const selfAttribute = (node: SyntaxNode): string | undefined => {
    const object = node.childForFieldName('object');
    const className = currentClass();
    if (!className || object?.type !== 'identifier' || (object.text !== 'self' && object.text !== 'cls')) return undefined;
    return `${className}.${node.childForFieldName('attribute')?.text}`;
  };
  /** The scope that binds `name`, as seen from the walk's scope; the walk's scope when none does (yet). */
  const holderOf = (name: string): Scope => {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.timeline.has(name)) return s;
    return scope;
  };
  /**
   * Records a write to what `target` (`d`, `d["a"]["b"]`) holds, made by the statement ending at `at`. A key that is
   * not a literal makes it a write that cannot be read, at the keys before it. Writes under an attribute
   * (`self.config["k"] = v`) mark the attribute as changed.
   */
  const write = (target: SyntaxNode, at: number, make: (path: string[], keys: SyntaxNode[], from: Scope, depth: number) => ValueWrite, removes = false, fixed = false) => {
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
      if (attribute) attributesWritten.add(attribute);
      return;
    }
    if (node?.type !== 'identifier') return;
    const path = keys.map(stringContent);
    const from = scope;
    const known: ValueWrite | undefined = !literal ? { kind: 'open', path } : fixed ? make(path, keys, from, 0) : undefined;
    const op: (depth: number) => ValueWrite = known ? () => known : (depth) => make(path, keys, from, depth);
    push(holderOf(node.text).writes, node.text, { at, node: target, fixed: known, scope: from, make: op, removes: literal && removes });
  };
  /** A write whose effect is known without evaluating anything: `del d["k"]`, `d.clear()`, `d.pop(k)`. */
  const writeFixed = (target: SyntaxNode, at: number, make: (path: string[]) => ValueWrite, removes = false) => {
    write(target, at, make, removes, true);
  };
  /** The value a write writes, read when the write is applied (after the walk) in the scope the write is made in. */
  const valueAt = (node: SyntaxNode | null, from: Scope, depth: number): Value => (node ? toValue(node, from, depth + 1) : { kind: 'unknown', span: { start: 0, end: 0 } });

  walkNamed(
    root,
    (node) => {
      const type = node.type;
      if (node.parent === root) units.push((unit = newUnit(node)));
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
          scopeOf.set(node.id, scope);
          const params = node.childForFieldName('parameters');
          for (const p of params?.namedChildren ?? []) {
            if (!p) continue;
            const name = parameterName(p);
            if (name) push(scope.timeline, name.text, { at: node.startIndex, value: null, param: { node: p, default: p.childForFieldName('value') } });
            const annotation = p.childForFieldName('type')?.text;
            if (name) scope.params.set(name.text, { name: name.text, annotation, span: spanOf(p) });
            const service = annotation && BOTO3_TYPE_ANNOTATIONS[annotation.replace(/^.*\./, '').replace(/^["']|["']$/g, '')];
            if (name && service) annotated.set(name.text, `boto3:${service}`);
          }
          const nameNode = node.childForFieldName('name');
          if (type === 'function_definition' && nameNode) {
            const decorators = node.parent?.type === 'decorated_definition' ? node.parent.namedChildren.filter((d) => d?.type === 'decorator').map((d) => d!.text) : [];
            const isStatic = decorators.some((d) => /^@\s*staticmethod\b/.test(d));
            const parameters = parametersOf(params);
            const fact: FunctionFact = {
              name: outer ? `${outer.name}.${nameNode.text}` : nameNode.text,
              ...(outer ? { container: outer.name } : {}),
              ...(outer?.kind === 'class' && !isStatic ? { method: true } : {}),
              params: parameters.map((p) => p.fact),
              returns: [],
              span: spanOf(node),
              nameSpan: spanOf(nameNode),
            };
            const entry: FunctionEntry = { fact, scope, returns: [], defaults: parameters.map((p) => p.default) };
            unit.functions.push(entry);
            functionOf.set(scope, entry);
            facts.functions!.push(fact);
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
              aliases.set(root, root);
              facts.imports.add(root);
            } else if (child.type === 'aliased_import') {
              const name = child.childForFieldName('name')!.text;
              aliases.set(child.childForFieldName('alias')!.text, name);
              facts.imports.add(name.split('.')[0]);
            }
          }
          return false;
        case 'import_from_statement': {
          const moduleName = node.childForFieldName('module_name')?.text.replace(/\s/g, '') ?? '';
          // `from .helpers import chat`: a module of this project, `.helpers.chat`, found by function summaries.
          const relative = moduleName.startsWith('.');
          if (!relative) facts.imports.add(moduleName.split('.')[0]);
          const prefix = relative && moduleName.endsWith('.') ? moduleName : `${moduleName}.`;
          for (const child of node.childrenForFieldName('name')) {
            if (!child) continue;
            if (child.type === 'dotted_name') aliases.set(child.text, `${prefix}${child.text}`);
            else if (child.type === 'aliased_import') aliases.set(child.childForFieldName('alias')!.text, `${prefix}${child.childForFieldName('name')!.text}`);
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
            write(target, node.endIndex, (path, _keys, from, depth) =>
              operator === '+=' ? { kind: 'append', path, value: valueAt(right, from, depth), each: true } : { kind: 'merge', path, value: valueAt(right, from, depth) },
            );
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
            if (target?.type === 'subscript') writeFixed(target, node.endIndex, (path) => ({ kind: 'delete', path }), true);
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
          callNodes.push({ node, scope });
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
          facts.comments.push({ text: node.text, span: spanOf(node) });
          return false;
        case 'list':
        case 'tuple': {
          if (type === 'tuple') unit.literals.push({ node, scope });
          const items = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
          if (items.length > 0 && items.every((c) => c.type === 'string' && !hasInterpolation(c))) {
            const list = { items: items.map((c) => ({ value: stringContent(c), span: spanOf(c) })), span: spanOf(node) };
            (facts.stringLists ??= []).push(list);
            stringListNodes.push({ list, node });
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
    const span = spanOf(call);
    switch (method) {
      case 'update':
        if (!args) return;
        return write(receiver, at, (path, _keys, from, depth) => ({ kind: 'merge', path, value: updateValue(args, from, depth) }));
      case 'setdefault':
        if (literalKey && positional[1]) {
          const item = positional[1];
          return write(receiver, at, (path, _keys, from, depth) => ({ kind: 'default', path: [...path, stringContent(literalKey)], value: valueAt(item, from, depth), keySpan: spanOf(literalKey), span }));
        }
        return writeFixed(receiver, at, (path) => ({ kind: 'open', path }));
      case 'pop':
      case '__delitem__':
        if (literalKey) return writeFixed(receiver, at, (path) => ({ kind: 'delete', path: [...path, stringContent(literalKey)] }), true);
        return writeFixed(receiver, at, (path) => ({ kind: 'open', path }));
      case 'clear':
        return writeFixed(receiver, at, (path) => ({ kind: 'clear', path }), true);
      case 'append':
      case 'insert': {
        const item = method === 'append' ? positional[0] : positional[1];
        if (item) return write(receiver, at, (path, _keys, from, depth) => ({ kind: 'append', path, value: valueAt(item, from, depth), each: false }));
        return writeFixed(receiver, at, (path) => ({ kind: 'open', path }));
      }
      case 'extend':
        if (positional[0]) return write(receiver, at, (path, _keys, from, depth) => ({ kind: 'append', path, value: valueAt(positional[0], from, depth), each: true }));
        return writeFixed(receiver, at, (path) => ({ kind: 'open', path }));
      default:
        return writeFixed(receiver, at, (path) => ({ kind: 'open', path }));
    }
  }

  /** The top-level statement at an offset: the last one starting at or before it. */
  const statementIndexAt = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  /** Records that the statement being evaluated read the module's name `name` at `position` (of some statement). */
  const channelRead = (name: string, position: number): void => {
    const reader = statementIndexAt(position);
    reads!.channels.set(`${reader}\0${name}`, { name, reader: statements[reader], fingerprint: channelFingerprint(name, reader) });
  };
  const fingerprints = new Map<string, string>();
  /**
   * What a read of the module's name `name` from the statement at `reader` sees: its bindings, writes and
   * definitions, each by the node that makes it and where it is made (before, after, or where in the reader).
   */
  function channelFingerprint(name: string, reader: number): string {
    let groups = channelGroups.get(name);
    if (!groups) channelGroups.set(name, (groups = groupChannel(channelEntries(name), statementIndexAt)));
    const key = `${readerPlace(groups, reader)}\0${name}`;
    let known = fingerprints.get(key);
    if (known === undefined) fingerprints.set(key, (known = describeChannel(groups, reader, starts)));
    return known;
  }
  const channelGroups = new Map<string, ChannelGroup[]>();
  /** The module-level bindings, writes and definitions of a name. */
  function channelEntries(name: string): ChannelEntry[] {
    const entries: ChannelEntry[] = [];
    for (const b of module.timeline.get(name) ?? []) entries.push({ list: 't', at: b.at, what: `${b.value?.id ?? (b.param ? 'p' : '-')}` });
    for (const w of module.writes.get(name) ?? []) {
      const flags = `${w.removes ? 'r' : ''}${w.scope === module ? 'm' : ''}`;
      entries.push({ list: 'w', at: w.at, what: w.fixed ? `${JSON.stringify(w.fixed)}${flags}` : `${w.node.id}${flags}`, fixed: !!w.fixed });
    }
    for (const d of module.defs.get(name) ?? []) entries.push({ list: 'd', at: d.at, what: `${d.value?.id ?? '-'}` });
    return entries;
  }
  /** What is known of an attribute `C.x` from everywhere in the file: whether it is changed in place, what is assigned to it. */
  function attributeFingerprint(key: string): string {
    return `${attributesWritten.has(key)} ${(attributes.get(key) ?? []).map((a) => a.value.id).join(' ')}`;
  }

  const qualified = new Map<number, string | undefined>(); // by node id: a callee is qualified several times
  const qualifiedRoots = new Map<number, string>(); // by node id: the name looked up in the imports
  const qualify = (node: SyntaxNode): string | undefined => {
    if (qualified.has(node.id)) {
      const root = qualifiedRoots.get(node.id);
      if (reads && root !== undefined) reads.aliases.set(root, aliases.get(root));
      return qualified.get(node.id);
    }
    let name: string | undefined;
    if (node.endIndex - node.startIndex <= MAX_CALLEE_LENGTH) {
      const text = compact(node.text);
      if (/^[\w.]+$/.test(text)) {
        const [root, ...rest] = text.split('.');
        const target = aliases.get(root);
        qualifiedRoots.set(node.id, root);
        reads?.aliases.set(root, target);
        name = target ? [target, ...rest].join('.') : undefined;
      }
    }
    qualified.set(node.id, name);
    return name;
  };

  /**
   * The binding of `name` in effect where it is read at `position`: in the reading scope, the latest one before the
   * read; in an enclosing scope (a function reading a module's name), the only one, since the function may run after
   * any of several. Null when it cannot be told; undefined when the file binds no such name.
   */
  const resolveBinding = (name: string, from: Scope, position: number): { binding: Binding; holder: Scope } | null | undefined => {
    for (let s: Scope | undefined = from; s; s = s.parent) {
      if (s === module && reads) channelRead(name, position);
      const list = s.timeline.get(name);
      if (!list) continue;
      const latest = s === from ? latestBefore(list, position) : undefined;
      if (latest) return { binding: latest, holder: s };
      return list.length === 1 ? { binding: list[0], holder: s } : null;
    }
    return undefined;
  };

  /** The writes to the value a name holds that have happened when it is read at `position` in `from`. */
  const writesSeen = (writes: readonly NameWrite[], binding: Binding, holder: Scope, from: Scope, position: number): NameWrite[] =>
    writes.filter((w) => {
      if (w.at <= binding.at) return false; // made to an earlier value of the name
      if (w.scope === from && holder === from) return w.at <= position;
      // Made in another function, which may run at any time: it may add, and what it removes may be back.
      return w.scope === holder || !w.removes;
    });

  // A name assigned many times from names assigned many times fans out exponentially: remember each answer.
  const receiverTypes = new Map<string, string | undefined>();
  const receiverTypeOf = (node: SyntaxNode, depth = 0): string | undefined => {
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    deadline.check();
    const kind = node.type;
    if (kind === 'call') {
      const fn = node.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      // `llm.bind_tools(...)`, `llm.with_structured_output(...)`: still the same model, configured.
      if (object && RUNNABLE_WRAPPERS.has(fn!.childForFieldName('attribute')?.text ?? '')) {
        const inner = receiverTypeOf(object, depth + 1);
        if (inner?.startsWith('langchain:')) return inner;
      }
      return constructedType(node);
    }
    if (kind === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
      // An LCEL pipeline (`prompt | llm | parser`) produces model output when any stage is a model, chain or agent.
      const stages = [node.childForFieldName('left'), node.childForFieldName('right')];
      return stages.some((s) => s && receiverTypeOf(s, depth + 1)?.startsWith('langchain:')) ? 'langchain:chain' : undefined;
    }
    if (kind === 'parenthesized_expression') {
      const inner = node.namedChildren[0];
      return inner ? receiverTypeOf(inner, depth + 1) : undefined;
    }
    if (kind !== 'identifier' && kind !== 'attribute') return undefined;
    const key = `${depth}:${compact(node.text)}`;
    const receiver = keyType(key);
    reads?.receiverTypes.set(key, receiver);
    return receiver;
  };
  /**
   * The type of what a name or attribute (`client`, `self.llm`), read at a depth (`depth:name`), is bound to: its
   * annotation's, else the one type all its assignments anywhere in the file have. Depends on nothing but the file.
   */
  const keyType = (key: string): string | undefined => {
    if (receiverTypes.has(key)) return receiverTypes.get(key);
    const colon = key.indexOf(':');
    const depth = Number(key.slice(0, colon));
    const name = key.slice(colon + 1);
    let receiver: string | undefined;
    if (annotated.has(name)) receiver = annotated.get(name);
    else {
      const found = new Set((bindings.get(name) ?? []).map((v) => (v ? receiverTypeOf(v, depth + 1) : undefined)));
      receiver = found.size === 1 ? [...found][0] : undefined;
    }
    receiverTypes.set(key, receiver);
    return receiver;
  };
  /** The expression a name is bound to anywhere in the file, when it is bound once. */
  const onlyBinding = (name: string): SyntaxNode | null => {
    const values = bindings.get(name);
    return values?.length === 1 ? values[0] : null;
  };

  /** `agent("…")` on a name bound to an object that is called directly (a Strands agent): its type. */
  const callableType = (fn: SyntaxNode): string | undefined => {
    if (fn.type !== 'identifier') return undefined;
    const type = receiverTypeOf(fn);
    return type && CALLABLE_RECEIVERS.has(type) ? type : undefined;
  };

  const constructedType = (call: SyntaxNode): string | undefined => {
    const fn = call.childForFieldName('function');
    if (!fn) return undefined;
    const qualified = qualify(fn);
    if (qualified && OPENAI_CLIENTS.has(qualified)) return 'openai:client';
    if (qualified && ANTHROPIC_CLIENTS.has(qualified)) return 'anthropic:client';
    const langchain = qualified && langchainType(qualified);
    if (langchain) return langchain;
    if (qualified && FRAMEWORK_RECEIVERS[qualified]) return FRAMEWORK_RECEIVERS[qualified];
    const isClientFactory =
      (qualified && CLIENT_FACTORIES.has(qualified)) || (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'client');
    if (!isClientFactory) return undefined;
    const args = call.childForFieldName('arguments');
    const first = args?.namedChildren.find((c) => c && c.type !== 'keyword_argument' && c.type !== 'comment');
    const named = args?.namedChildren.find((c) => c?.type === 'keyword_argument' && c.childForFieldName('name')?.text === 'service_name');
    const service = first ?? named?.childForFieldName('value');
    if (service?.type !== 'string' || hasInterpolation(service)) return undefined;
    return `boto3:${stringContent(service)}`;
  };

  /** An unknown value, with where its data may come from, and the name the code reads it from when it is one. */
  const unknownOf = (node: SyntaxNode, name?: string): UnknownValue => {
    const origins = tracker.originsOf(node);
    const value: UnknownValue = origins.length > 0 ? { kind: 'unknown', span: spanOf(node), origins } : { kind: 'unknown', span: spanOf(node) };
    const named = name ?? nameOf(node);
    if (named) value.name = named;
    return value;
  };

  /** A parameter read in its own function: the caller decides it; its default is its fallback. */
  const parameterValue = (node: SyntaxNode, param: NonNullable<Binding['param']>, holder: Scope, from: Scope, depth: number): UnknownValue => {
    const value = unknownOf(node);
    if (holder === from) value.parameter = node.text;
    if (param.default) {
      const fallback = toValue(param.default, holder.parent ?? module, depth + 1);
      value.fallback = fallback.kind === 'unknown' ? fallback.fallback : fallback;
      if (!value.fallback) delete value.fallback;
    }
    return value;
  };

  /** `self.x` in a method of class C, or `C.x`: what the class's methods (or body) assign to it, when that is one thing. */
  const attributeValue = (node: SyntaxNode, from: Scope, depth: number): Value | undefined => {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || !attribute) return undefined;
    const owner = object.text === 'self' || object.text === 'cls' ? scopeClass(from) : resolveBinding(object.text, from, node.startIndex) === undefined ? object.text : undefined;
    const key = owner && `${owner}.${attribute}`;
    if (key && reads) reads.attributes.set(key, attributeFingerprint(key));
    const assigned = key && !attributesWritten.has(key) ? attributes.get(key) : undefined;
    if (!assigned) return undefined;
    const values = assigned.map((a) => toValue(a.value, a.scope, depth + 1));
    const first = values[0];
    if (values.length > 1 && !(first.kind === 'string' && values.every((v) => v.kind === 'string' && v.value === first.value))) return undefined;
    if (first.kind !== 'unknown') return first;
    // A parameter of `__init__` is not one of the method reading it.
    const { parameter: _parameter, ...rest } = first;
    return { ...rest, name: first.name ?? compact(node.text) };
  };
  const scopeClass = (from: Scope): string | undefined => {
    for (let s: Scope | undefined = from; s; s = s.parent) if (s.className) return s.className;
    return undefined;
  };

  /** `d.update(other, k=v)`: the entries it adds. */
  const updateValue = (args: SyntaxNode, from: Scope, depth: number): Value => {
    const { args: keywords, positional } = argumentsValue(args, from, depth + 1);
    const base = positional[0];
    if (!base) return keywords;
    if (base.kind === 'object') return merge(base, keywords);
    return opened(keywords, base.kind === 'unknown' ? base : undefined);
  };

  // Values of bindings, per scope that holds them and depth: a name read many times is evaluated once.
  let resolved = new Map<Scope, Map<number, Value>>();
  const toValue = (node: SyntaxNode | null, from: Scope, depth = 0): Value => {
    if (!node) return { kind: 'unknown', span: { start: 0, end: 0 } };
    if (depth > MAX_RESOLVE_DEPTH) return unknownOf(node);
    deadline.check();
    const type = node.type;
    switch (type) {
      case 'string':
        if (hasInterpolation(node)) return unknownOf(node);
        return { kind: 'string', value: stringContent(node), span: spanOf(node) };
      case 'integer':
      case 'float': {
        const value = Number(node.text.replace(/_/g, ''));
        return Number.isNaN(value) ? unknownOf(node) : { kind: 'number', value, span: spanOf(node) };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: type === 'true', span: spanOf(node) };
      case 'none':
        return { kind: 'null', span: spanOf(node) };
      case 'parenthesized_expression':
        return toValue(node.namedChildren[0] ?? null, from, depth + 1);
      case 'dictionary':
        return dictionaryValue(node, from, depth);
      case 'list':
      case 'tuple': {
        const value: ArrayValue = { kind: 'array', items: [], open: false, span: spanOf(node) };
        for (const item of node.namedChildren) {
          const itemType = item?.type;
          if (!item || itemType === 'comment') continue;
          if (itemType === 'list_splat') spreadItems(value, toValue(item.namedChildren[0] ?? null, from, depth + 1));
          else value.items.push(toValue(item, from, depth + 1));
        }
        return value;
      }
      case 'identifier': {
        const found = resolveBinding(node.text, from, node.startIndex);
        if (!found) return unknownOf(node);
        const { binding, holder } = found;
        const writes = holder.writes.get(node.text);
        const seen = writes ? writesSeen(writes, binding, holder, from, node.startIndex).map((w) => w.make(depth)) : [];
        if (binding.param) {
          const param = parameterValue(node, binding.param, holder, from, depth);
          return seen.length ? withWritesOnUnknown(param, seen) : param;
        }
        if (!binding.value) return unknownOf(node);
        const cache = resolved.get(holder) ?? resolved.set(holder, new Map()).get(holder)!;
        const key = binding.value.id * RESOLVE_DEPTHS + depth;
        let value = cache.get(key);
        if (!value) cache.set(key, (value = toValue(binding.value, holder, depth + 1)));
        return seen.length ? applyWrites(value, seen) : value;
      }
      case 'attribute':
        return attributeValue(node, from, depth) ?? unknownOf(node);
      case 'subscript':
        return subscriptValue(node, from, depth);
      case 'boolean_operator':
        return orValue(node, from, depth);
      case 'call':
        return callValue(node, from, depth);
      default:
        return unknownOf(node);
    }
  };

  /** `d["k"]`, `items[0]`: the entry, when the container and the key are known; `os.environ["X"]` is named `X`. */
  const subscriptValue = (node: SyntaxNode, from: Scope, depth: number): Value => {
    const keyNode = node.childForFieldName('subscript');
    const object = node.childForFieldName('value');
    if (!object || !keyNode || node.childrenForFieldName('subscript').length !== 1) return unknownOf(node);
    const key = keyNode.type === 'string' && !hasInterpolation(keyNode) ? stringContent(keyNode) : keyNode.type === 'integer' ? Number(keyNode.text) : undefined;
    if (key === undefined) return unknownOf(node);
    if (typeof key === 'string' && qualify(object) === 'os.environ') return unknownOf(node, key);
    const container = toValue(object, from, depth + 1);
    const found = typeof key === 'string' ? (container.kind === 'object' ? container.props.get(key)?.value : undefined) : container.kind === 'array' && !container.open ? container.items[key] : undefined;
    return found ?? unknownOf(node);
  };

  /** `os.environ.get("X") or "default"`: the left value when it is known to be set; else unknown, with the right as its fallback. */
  const orValue = (node: SyntaxNode, from: Scope, depth: number): Value => {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (node.childForFieldName('operator')?.text !== 'or' || !left || !right) return unknownOf(node);
    const first = toValue(left, from, depth + 1);
    if (first.kind === 'null' || (first.kind === 'string' && first.value === '') || (first.kind === 'boolean' && !first.value)) return toValue(right, from, depth + 1);
    if (first.kind === 'string' || first.kind === 'number' || first.kind === 'boolean') return first;
    const second = toValue(right, from, depth + 1);
    const value = unknownOf(node, first.kind === 'unknown' ? first.name : undefined);
    const fallback = second.kind === 'unknown' ? second.fallback : second;
    if (fallback) value.fallback = fallback;
    return value;
  };

  const callValue = (node: SyntaxNode, from: Scope, depth: number): Value => {
    const fn = node.childForFieldName('function');
    const qualified = fn && (qualify(fn) ?? (fn.type === 'identifier' ? `builtins.${fn.text}` : undefined));
    const args = node.childForFieldName('arguments');
    const items = (args?.type === 'argument_list' ? args.namedChildren : []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    const first = items[0]?.type === 'keyword_argument' ? undefined : items[0];
    if (qualified === 'builtins.dict' && args) {
      const built = argumentsValue(args, from, depth + 1);
      return built.positional[0] ? merge(built.positional[0], built.args) : built.args;
    }
    if ((qualified === 'json.dumps' || qualified === 'copy.deepcopy' || qualified === 'copy.copy') && first) return toValue(first, from, depth + 1);
    if (qualified && ENVIRONMENT_GETTERS.has(qualified)) return environmentValue(node, items, from, depth);
    if (fn?.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text;
      const receiver = fn.childForFieldName('object');
      if (method === 'copy' && receiver && items.length === 0) return toValue(receiver, from, depth + 1);
      if (method === 'get' && receiver && first?.type === 'string' && !hasInterpolation(first)) return getValue(node, receiver, stringContent(first), items[1], from, depth);
    }
    return unknownOf(node);
  };

  /** `os.getenv("X", "default")`: unknown, named `X`, with the default as its fallback. */
  const environmentValue = (node: SyntaxNode, items: SyntaxNode[], from: Scope, depth: number): Value => {
    const nameNode = items[0]?.type === 'string' ? items[0] : undefined;
    const value = unknownOf(node, nameNode && !hasInterpolation(nameNode) ? stringContent(nameNode) : undefined);
    const defaultNode = items[1]?.type === 'keyword_argument' ? items[1].childForFieldName('value') : (items[1] ?? items.find((i) => i.type === 'keyword_argument' && i.childForFieldName('name')?.text === 'default')?.childForFieldName('value'));
    const fallback = defaultNode ? toValue(defaultNode, from, depth + 1) : undefined;
    if (fallback && fallback.kind !== 'unknown' && fallback.kind !== 'null') value.fallback = fallback;
    return value;
  };

  /** `d.get("k", default)` on a dict the code shows: the entry, or the default when the key is certainly absent. */
  const getValue = (node: SyntaxNode, receiver: SyntaxNode, key: string, defaultNode: SyntaxNode | undefined, from: Scope, depth: number): Value => {
    const container = toValue(receiver, from, depth + 1);
    if (container.kind !== 'object') return unknownOf(node);
    const entry = container.props.get(key);
    if (entry) return entry.value;
    const fallback = defaultNode && defaultNode.type !== 'keyword_argument' ? toValue(defaultNode, from, depth + 1) : ({ kind: 'null', span: spanOf(node) } as Value);
    if (!container.open) return fallback;
    const value = unknownOf(node);
    if (fallback.kind !== 'unknown' && fallback.kind !== 'null') value.fallback = fallback;
    return value;
  };

  const dictionaryValue = (node: SyntaxNode, from: Scope, depth: number): ObjectValue => {
    const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span: spanOf(node), insert: insertPoint(node, 'python-dict') };
    for (const entry of node.namedChildren) {
      const type = entry.type;
      if (type === 'dictionary_splat') {
        // `{**base, "k": v}`: the entries of `base` when it can be read; later entries win.
        const spread = toValue(entry.namedChildren[0] ?? null, from, depth + 1);
        if (spread.kind === 'object') {
          for (const [key, prop] of spread.props) obj.props.set(key, prop);
          if (spread.open) {
            obj.open = true;
            if (spread.spreads) obj.spreads = [...(obj.spreads ?? []), ...spread.spreads];
          }
        } else {
          obj.open = true;
          if (spread.kind === 'unknown') (obj.spreads ??= []).push(spread);
        }
        continue;
      }
      if (type !== 'pair') continue;
      const keyNode = entry.childForFieldName('key');
      const key = keyNode ? toValue(keyNode, from, depth + 1) : undefined;
      if (key?.kind !== 'string') {
        obj.open = true;
        continue;
      }
      obj.props.set(key.value, { key: key.value, keySpan: spanOf(keyNode!), value: toValue(entry.childForFieldName('value'), from, depth + 1), span: spanOf(entry) });
    }
    return obj;
  };

  const argumentsValue = (node: SyntaxNode, from: Scope, depth: number): { args: ObjectValue; positional: Value[] } => {
    const args: ObjectValue = { kind: 'object', props: new Map(), open: false, span: spanOf(node), insert: insertPoint(node, 'python-kwargs') };
    const positional: Value[] = [];
    if (node.type !== 'argument_list') {
      args.open = true; // a bare generator expression
      return { args, positional };
    }
    for (const entry of node.namedChildren) {
      const type = entry.type;
      if (type === 'comment') continue;
      if (type === 'keyword_argument') {
        const name = entry.childForFieldName('name')!;
        const prop: Property = { key: name.text, keySpan: spanOf(name), value: toValue(entry.childForFieldName('value'), from, depth + 1), span: spanOf(entry) };
        args.props.set(name.text, prop);
      } else if (type === 'dictionary_splat') {
        // `**options` built from a dict we can read: its keys are keyword arguments like the others.
        const spread = toValue(entry.namedChildren[0] ?? null, from, depth + 1);
        if (spread.kind !== 'object') {
          args.open = true;
          if (spread.kind === 'unknown') (args.spreads ??= []).push(spread);
        } else {
          if (spread.open) {
            args.open = true;
            if (spread.spreads) args.spreads = [...(args.spreads ?? []), ...spread.spreads];
          }
          for (const [key, prop] of spread.props) if (!args.props.has(key)) args.props.set(key, prop);
        }
      } else if (type === 'list_splat') {
        positional.push({ kind: 'unknown', span: spanOf(entry) });
      } else {
        positional.push(toValue(entry, from, depth + 1));
      }
    }
    return { args, positional };
  };

  /** Where a new entry goes: after the last one (comments aside). */
  const insertPoint = (container: SyntaxNode, syntax: 'python-kwargs' | 'python-dict'): InsertPoint => {
    const children = container.namedChildren;
    let at = children.length - 1;
    while (at >= 0 && children[at].type === 'comment') at--;
    const last = at >= 0 ? children[at] : undefined;
    if (!last) {
      return { syntax, offset: container.startIndex + 1, indent: '', multiline: false, needsSeparatorBefore: false };
    }
    const lineStart = lineStartOf(text, last.startIndex);
    const multiline = lineStart > container.startIndex;
    const before = text.slice(lineStart, last.startIndex);
    return { syntax, offset: last.endIndex, indent: /^\s*$/.test(before) ? before : '', multiline: multiline && /^\s*$/.test(before), needsSeparatorBefore: true };
  };

  // Call facts are made first and their arguments filled in after, so that a value can name the call it comes from.
  const callFacts = new Map<number, CallFact>();
  /**
   * `ask = functools.partial(client.converse, guardrailConfig=G)` then `ask(messages=m)`: the call is
   * `client.converse(guardrailConfig=G, messages=m)`, reported where `ask` is called. Only a name bound once is followed.
   */
  const partialOf = (fn: SyntaxNode | null): { target: SyntaxNode; args: SyntaxNode } | undefined => {
    if (fn?.type !== 'identifier') return undefined;
    const value = onlyBinding(fn.text);
    reads?.partials.set(fn.text, value?.id ?? 0);
    if (value?.type !== 'call') return undefined;
    const callee = value.childForFieldName('function');
    const args = value.childForFieldName('arguments');
    if (!callee || !args || qualify(callee) !== 'functools.partial') return undefined;
    const target = args.namedChildren.find((c) => c && c.type !== 'comment');
    if (!target || target.type === 'keyword_argument' || target.type === 'list_splat' || target.type === 'dictionary_splat') return undefined;
    return target.type === 'identifier' || target.type === 'attribute' ? { target, args } : undefined;
  };
  /** The call facts of a statement, arguments not filled in yet. */
  const makeCalls = (of: Unit): PendingCall[] => {
    const pending: PendingCall[] = [];
    for (const { node, scope: from } of of.calls) {
      deadline.check();
      const bound = partialOf(node.childForFieldName('function'));
      const fn = bound?.target ?? node.childForFieldName('function');
      const argsNode = node.childForFieldName('arguments');
      if (!fn || !argsNode) continue;
      const nameNode = fn.type === 'attribute' ? fn.childForFieldName('attribute') : fn;
      if (!nameNode) continue;
      const object = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
      const call: CallFact = {
        kind: 'call',
        callee: compact(fn.text.length > MAX_CALLEE_LENGTH ? fn.text.slice(-MAX_CALLEE_LENGTH) : fn.text),
        name: nameNode.text,
        qualifiedName: qualify(fn),
        receiverType: object ? receiverTypeOf(object) : callableType(fn),
        args: { kind: 'object', props: new Map(), open: true, span: spanOf(argsNode) },
        positional: [],
        span: spanOf(node),
        nameSpan: spanOf(bound ? node.childForFieldName('function')! : nameNode),
      };
      callFacts.set(node.id, call);
      pending.push({ node, call, argsNode, scope: from, boundArgs: bound?.args });
    }
    return pending;
  };
  const flowEnvironment = {
    module,
    imports: facts.imports,
    scopeOf,
    qualify,
    callAt: (node: SyntaxNode) => {
      const call = callFacts.get(node.id);
      if (call && reads) reads.calls.add(statements[statementIndexAt(node.startIndex)]);
      return call;
    },
    moduleRead: (name: string, node: SyntaxNode) => reads && channelRead(name, node.startIndex),
    registeredTools: registeredTools(callNodes.map((c) => c.node), qualify),
    actionGroup: ACTION_GROUP_MARKER.test(text),
  };
  let tracker = new OriginTracker(flowEnvironment);
  recordEscapes();

  /** A statement's facts, its call facts made already: everything it evaluates, with fresh memos of its own. */
  const evaluate = (of: Unit, pending: readonly PendingCall[]): StatementFacts => {
    tracker = new OriginTracker(flowEnvironment);
    resolved = new Map();
    for (const { call, argsNode, scope: from, boundArgs } of pending) {
      const own = argumentsValue(argsNode, from, 0);
      if (!boundArgs) {
        Object.assign(call, own);
        continue;
      }
      const preset = argumentsValue(boundArgs, from, 0);
      for (const [key, prop] of own.args.props) preset.args.props.set(key, prop);
      preset.args.open = preset.args.open || own.args.open;
      Object.assign(call, { args: { ...own.args, props: preset.args.props, open: preset.args.open }, positional: [...preset.positional.slice(1), ...own.positional] });
    }
    const literals = of.literals.map(({ node, scope: from }) => toValue(node, from));
    // What a function returns is followed as data (where it comes from), not evaluated as a value.
    const functions = of.functions.map(({ scope: from, returns, defaults }) => ({
      returns: returns.map((r) => unknownOf(r)),
      defaults: defaults.map((d) => (d ? toValue(d, from.parent ?? module) : undefined)),
    }));
    const resultKeys: StatementFacts['resultKeys'] = [];
    for (const { object, key } of of.resultKeyReads) {
      for (const origin of tracker.originsOf(object)) if (origin.kind === 'call' && origin.call) resultKeys.push({ call: origin.call, key });
    }
    const exits = pythonExits(
      of.exits.map(({ node, scope: from }) => {
        const value = exitValueNode(node);
        if (!value) return { node, value: { kind: 'null', span: spanOf(node) } };
        if (node.type !== 'comparison_operator') return { node, value: toValue(value, from) };
        const operands = value.namedChildren.filter((c) => c && c.type !== 'comment').map((c) => toValue(c, from));
        return { node, value: { kind: 'array', items: operands, open: false, span: spanOf(value) } };
      }),
      qualify,
    );
    return { calls: pending.map((p) => ({ node: p.node, fact: p.call })), literals, functions, exits, resultKeys };
  };

  const environment: ModuleEnvironment = {
    statements,
    flags: `${flowEnvironment.actionGroup} ${MCP_MODULES.some((m) => facts.imports.has(m))} ${[...flowEnvironment.registeredTools].sort().join(' ')}`,
    alias: (root) => aliases.get(root),
    channel: channelFingerprint,
    receiverType: keyType,
    partial: (name) => onlyBinding(name)?.id ?? 0,
    attribute: attributeFingerprint,
  };
  const kept = keptFacts ? keptFacts.reuse(environment, deadline) : new Map<SyntaxNode, StatementFacts>();
  for (const facts of kept.values()) for (const { node, fact } of facts.calls) callFacts.set(node.id, fact);
  const evaluated: (StatementFacts | undefined)[] = units.map((u) => kept.get(u.statement));
  const fresh = new Map<Unit, { pending: PendingCall[]; reads?: StatementReads }>();
  for (const u of units) {
    if (kept.has(u.statement)) continue;
    reads = keptFacts ? new StatementReads() : undefined;
    fresh.set(u, { pending: makeCalls(u), reads });
  }
  units.forEach((u, i) => {
    const made = fresh.get(u);
    if (!made) return;
    reads = made.reads;
    evaluated[i] = evaluate(u, made.pending);
  });
  reads = undefined;
  units.forEach((u, i) => {
    const done = evaluated[i]!;
    for (const { fact } of done.calls) facts.calls.push(fact);
    facts.literals!.push(...done.literals);
    (facts.exits ??= []).push(...done.exits);
    u.functions.forEach(({ fact }, j) => {
      fact.returns = done.functions[j].returns;
      done.functions[j].defaults.forEach((d, k) => {
        if (d) fact.params[k].default = d;
      });
    });
  });
  applyResultKeys(evaluated as StatementFacts[]);
  keptFacts?.keep(
    environment,
    units.map((u, i) => ({ statement: u.statement, facts: evaluated[i]!, reads: fresh.get(u)?.reads })),
  );

  /**
   * A dict or list passed to a call that may change it (any call but those known to only read) holds something not
   * known from there on: `validate(request)` may add to `request`. Ordered with the other writes.
   */
  function recordEscapes(): void {
    const touched = new Set<NameWrite[]>();
    for (const { node, scope: from } of callNodes) {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (!fn || args?.type !== 'argument_list' || readsOnly(fn)) continue;
      for (const arg of args.namedChildren) {
        const passed = arg?.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
        if (passed?.type !== 'identifier') continue;
        let holder = from;
        for (let s: Scope | undefined = from; s; s = s.parent) if (s.timeline.has(passed.text)) { holder = s; break; }
        const list = holder.writes.get(passed.text) ?? holder.writes.set(passed.text, []).get(passed.text)!;
        const fixed: ValueWrite = { kind: 'open', path: [] };
        list.push({ at: node.endIndex, node, fixed, scope: from, make: () => fixed, removes: false });
        touched.add(list);
      }
    }
    for (const list of touched) list.sort((a, b) => a.at - b.at);
  }

  function readsOnly(fn: SyntaxNode): boolean {
    const qualified = qualify(fn) ?? (fn.type === 'identifier' ? `builtins.${fn.text}` : undefined);
    if (qualified && READ_ONLY_FUNCTIONS.has(qualified)) return true;
    return fn.type === 'attribute' && READ_ONLY_METHODS.has(fn.childForFieldName('attribute')?.text ?? '');
  }
  markModelInputs(stringListNodes, callNodes.map((c) => c.node), root);

  for (const error of syntaxErrors(tree, deadline)) {
    facts.problems.push({ message: error.missing ? 'syntax error: something is missing here' : 'syntax error', span: error });
  }
  return facts;
}

/**
 * What a LangChain constructor or factory builds, by its qualified name: `langchain:model` (chat and text models),
 * `langchain:chain` or `langchain:agent`, whose `invoke`/`predict`/`run` results are model output.
 */
function langchainType(qualified: string): string | undefined {
  const parts = qualified.split('.');
  if (!LANGCHAIN_PACKAGE.test(parts[0])) return undefined;
  let name = parts[parts.length - 1];
  // Class-method constructors: `RetrievalQA.from_chain_type`, `AgentExecutor.from_agent_and_tools`.
  if (/^from_/.test(name) && parts.length > 2) name = parts[parts.length - 2];
  if (name === 'init_chat_model') return 'langchain:model';
  if (name === 'SQLDatabase') return 'langchain:sql-database';
  if (LANGCHAIN_AGENTS.has(name)) return 'langchain:agent';
  if (LANGCHAIN_CHAINS.has(name)) return 'langchain:chain';
  if (LANGCHAIN_LLMS.has(name) || (/^(Azure)?Chat[A-Z]/.test(name) && !NOT_A_CHAT_MODEL.test(name))) return 'langchain:model';
  return undefined;
}

/** The name a parameter binds: `x`, `x=1`, `x: int`, `*args`, `**kwargs`. */
function parameterName(p: SyntaxNode): SyntaxNode | undefined {
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
function parametersOf(params: SyntaxNode | null): { fact: ParameterFact; default: SyntaxNode | null }[] {
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
    out.push({ fact: { name: name.text, kind, span: spanOf(p) }, default: p.childForFieldName('value') });
  }
  return out;
}

/** Names of functions passed to calls that register tools (`apis/tools.ts`): `FunctionTool.from_defaults(fn=search)`. */
function registeredTools(calls: readonly SyntaxNode[], qualify: (node: SyntaxNode) => string | undefined): Set<string> {
  const names = new Set<string>();
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    const registration = fn ? TOOL_REGISTRATIONS[qualify(fn) ?? ''] : undefined;
    const args = call.childForFieldName('arguments');
    if (!registration || args?.type !== 'argument_list') continue;
    const positional = args.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const keyword = (key: string | number) =>
      typeof key === 'number' ? positional[key] : args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === key)?.childForFieldName('value');
    const add = (node: SyntaxNode | null | undefined) => {
      if (node?.type === 'identifier') names.add(node.text);
    };
    for (const key of [...(registration.positions ?? []), ...(registration.keywords ?? [])]) add(keyword(key));
    for (const key of registration.lists ?? []) {
      const list = keyword(key);
      if (list?.type === 'list' || list?.type === 'tuple') list.namedChildren.forEach(add);
    }
  }
  return names;
}

/** End of the last top-level import (or `from __future__`), else of the module docstring, else the file start. */
function importAnchor(root: SyntaxNode): number {
  let anchor = 0;
  for (const node of root.namedChildren) {
    if (!node) continue;
    if (node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement') anchor = node.endIndex;
    else if (anchor === 0 && node.type === 'expression_statement' && node.namedChildren[0]?.type === 'string') anchor = node.endIndex;
    else if (node.type !== 'comment' && node.type !== 'expression_statement') break;
  }
  return anchor;
}

/** The name an identifier or attribute reads (`EMBED_MODEL_ID`, `self.model_id`), when it is written on one line. */
function nameOf(node: SyntaxNode): string | undefined {
  if (node.type !== 'identifier' && node.type !== 'attribute') return undefined;
  if (node.endIndex - node.startIndex > MAX_NAME_LENGTH) return undefined;
  const text = node.text;
  return /\s/.test(text) ? undefined : text;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** Whether an f-string has `{…}` parts: they are children of the string itself (nested ones are inside those). */
function hasInterpolation(string: SyntaxNode): boolean {
  for (const child of string.namedChildren) if (child.type === 'interpolation') return true;
  return false;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The value of a string literal without interpolation; raw strings keep their backslashes. */
function stringContent(node: SyntaxNode): string {
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

/** The keys each call's result is read by (`CallFact.resultKeys`), from every statement's reads, in order. */
function applyResultKeys(statements: readonly StatementFacts[]): void {
  for (const { calls } of statements) for (const { fact } of calls) delete fact.resultKeys;
  for (const { resultKeys } of statements) {
    for (const { call, key } of resultKeys) {
      const keys = (call.resultKeys ??= []);
      if (!keys.includes(key)) keys.push(key);
    }
  }
}
