import type { Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { lineStartOf, StatementSnapshots, walkNamed, type SyntaxNode } from '../parsers/syntax';
import { syntaxErrors } from '../parsers/walk';
import type { ArrayValue, CallFact, FileFacts, InsertPoint, ObjectValue, Property, Span, Value } from '../types';
import { OriginTracker, type Def, type Param } from './pythonFlow';
import { ACTION_GROUP_MARKER, TOOL_REGISTRATIONS } from '../apis/tools';
import { CALLABLE_RECEIVERS, FRAMEWORK_RECEIVERS } from '../apis/frameworks/outputs';
import { exitValueNode, isStore, isTest, pythonExits } from './pythonExits';
import { markModelInputs, type StringListNode } from './pythonFeatureUse';

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
const MUTATORS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__']);

type Scope = {
  node: SyntaxNode;
  parent?: Scope;
  assigned: Map<string, (SyntaxNode | null)[]>;
  /** Bindings with where they take effect, for following values to their origins. */
  defs: Map<string, Def[]>;
  params: Map<string, Param>;
};

/**
 * Python source → facts: calls with their keyword arguments as values, imports, comments, syntax problems.
 * `snapshots`, kept for one file, makes reading it again after an edit copy from the tree only the statements that changed.
 */
export function extractPython(tree: Tree, text: string, deadline = Deadline.never(), snapshots = new StatementSnapshots()): FileFacts {
  const root = snapshots.snapshot(tree, text, deadline);
  const aliases = new Map<string, string>(); // local name → qualified name
  const facts: FileFacts = { language: 'python', calls: [], resources: [], imports: new Set(), importedNames: aliases, comments: [], problems: [] };
  facts.importAnchor = importAnchor(root);
  const bindings = new Map<string, (SyntaxNode | null)[]>(); // assignment target text → assigned expressions
  const annotated = new Map<string, string>(); // parameter name → receiver type
  const scopeOf = new Map<number, Scope>();
  const callNodes: { node: SyntaxNode; scope: Scope }[] = [];
  const literalNodes: { node: SyntaxNode; scope: Scope }[] = [];
  const exitNodes: { node: SyntaxNode; scope: Scope }[] = [];
  const stringListNodes: StringListNode[] = [];

  const module: Scope = { node: root, assigned: new Map(), defs: new Map(), params: new Map() };
  let scope = module;
  /** Records where `target` is bound to (data from) `value`; `at` is where the binding takes effect. */
  const define = (target: SyntaxNode, value: SyntaxNode | null, at: number) => {
    if (target.type === 'identifier') push(scope.defs, target.text, { at, value });
    else if (TARGET_GROUPS.has(target.type)) for (const t of target.namedChildren) if (t) define(t, value, at);
  };
  const assign = (target: SyntaxNode, value: SyntaxNode | null) => {
    if (target.type === 'identifier') push(scope.assigned, target.text, value);
    else if (target.type === 'subscript') mutate(target);
    else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern')
      for (const t of target.namedChildren) if (t) assign(t, null);
    if (target.type === 'identifier' || target.type === 'attribute') push(bindings, compact(target.text), value);
  };

  // `d["k"] = v`, `d.update(...)`: the dict is no longer the literal it was assigned, so its value becomes unknown.
  const mutate = (node: SyntaxNode) => {
    let root: SyntaxNode | null = node;
    while (root && (root.type === 'subscript' || root.type === 'attribute')) root = root.childForFieldName(root.type === 'subscript' ? 'value' : 'object');
    if (root?.type === 'identifier') {
      push(scope.assigned, root.text, null);
      push(bindings, root.text, null);
    }
  };

  walkNamed(
    root,
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
        case 'function_definition':
        case 'lambda': {
          scope = { node, parent: scope, assigned: new Map(), defs: new Map(), params: new Map() };
          scopeOf.set(node.id, scope);
          const params = node.childForFieldName('parameters');
          for (const p of params?.namedChildren ?? []) {
            if (!p) continue;
            const name = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
            if (name) push(scope.assigned, name.text, null);
            const annotation = p.childForFieldName('type')?.text;
            if (name) scope.params.set(name.text, { name: name.text, annotation, span: spanOf(p) });
            const service = annotation && BOTO3_TYPE_ANNOTATIONS[annotation.replace(/^.*\./, '').replace(/^["']|["']$/g, '')];
            if (name && service) annotated.set(name.text, `boto3:${service}`);
          }
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
          if (moduleName.startsWith('.')) return false;
          facts.imports.add(moduleName.split('.')[0]);
          for (const child of node.childrenForFieldName('name')) {
            if (!child) continue;
            if (child.type === 'dotted_name') aliases.set(child.text, `${moduleName}.${child.text}`);
            else if (child.type === 'aliased_import')
              aliases.set(child.childForFieldName('alias')!.text, `${moduleName}.${child.childForFieldName('name')!.text}`);
          }
          return false;
        }
        case 'assignment': {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left) assign(left, right);
          if (left && right) define(left, right, node.endIndex);
          if (isStore(node)) exitNodes.push({ node, scope });
          break;
        }
        case 'augmented_assignment':
        case 'for_statement':
        case 'with_item':
        case 'named_expression': {
          const target = node.childForFieldName('left') ?? node.childForFieldName('name') ?? node.childForFieldName('alias');
          if (target) assign(target, null);
          if (target && type === 'augmented_assignment') define(target, node, node.endIndex);
          if (target && type === 'named_expression') define(target, node.childForFieldName('value'), node.endIndex);
          const iterable = type === 'for_statement' ? node.childForFieldName('right') : null;
          if (target && iterable) define(target, iterable, iterable.endIndex);
          break;
        }
        case 'as_pattern': {
          const alias = node.childForFieldName('alias');
          if (alias) for (const t of alias.namedChildren) if (t) assign(t, null);
          if (alias) define(alias, node.namedChildren[0], node.endIndex);
          break;
        }
        case 'dictionary':
          literalNodes.push({ node, scope });
          break;
        case 'return_statement':
        case 'yield':
        case 'comparison_operator':
          exitNodes.push({ node, scope });
          break;
        case 'call': {
          callNodes.push({ node, scope });
          if (isTest(node)) exitNodes.push({ node, scope });
          const fn = node.childForFieldName('function');
          if (fn?.type === 'attribute' && MUTATORS.has(fn.childForFieldName('attribute')?.text ?? '')) mutate(fn.childForFieldName('object')!);
          break;
        }
        case 'comment':
          facts.comments.push({ text: node.text, span: spanOf(node) });
          return false;
        case 'list':
        case 'tuple': {
          if (type === 'tuple') literalNodes.push({ node, scope });
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
    },
    deadline,
  );

  const qualified = new Map<number, string | undefined>(); // by node id: a callee is qualified several times
  const qualify = (node: SyntaxNode): string | undefined => {
    if (qualified.has(node.id)) return qualified.get(node.id);
    let name: string | undefined;
    if (node.endIndex - node.startIndex <= MAX_CALLEE_LENGTH) {
      const text = compact(node.text);
      if (/^[\w.]+$/.test(text)) {
        const [root, ...rest] = text.split('.');
        const target = aliases.get(root);
        name = target ? [target, ...rest].join('.') : undefined;
      }
    }
    qualified.set(node.id, name);
    return name;
  };

  const resolveName = (name: string, from: Scope): SyntaxNode | null | undefined => {
    for (let s: Scope | undefined = from; s; s = s.parent) {
      const assigned = s.assigned.get(name);
      if (assigned) return assigned.length === 1 ? assigned[0] : null;
    }
    return undefined;
  };

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
    const key = compact(node.text);
    if (annotated.has(key)) return annotated.get(key);
    if (bindingTypes.has(key)) return bindingTypes.get(key);
    const assigned = bindings.get(key);
    if (!assigned) return undefined;
    const memoKey = `${depth}:${key}`;
    if (receiverTypes.has(memoKey)) return receiverTypes.get(memoKey);
    const found = new Set(assigned.map((v) => (v ? receiverTypeOf(v, depth + 1) : undefined)));
    const receiver = found.size === 1 ? [...found][0] : undefined;
    // Kept unless it may be an artefact of the depth limit (no type found below the top level).
    if (depth === 0 || receiver !== undefined) bindingTypes.set(key, receiver);
    receiverTypes.set(memoKey, receiver);
    return receiver;
  };
  const bindingTypes = new Map<string, string | undefined>(); // binding text → receiver type, once worked out

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

  /** An unknown value, with where its data may come from. */
  const unknownOf = (node: SyntaxNode): Value => {
    const origins = tracker.originsOf(node);
    return origins.length > 0 ? { kind: 'unknown', span: spanOf(node), origins } : { kind: 'unknown', span: spanOf(node) };
  };

  // Values of names, per scope they are read from and depth: a name read many times is evaluated once.
  const resolved = new Map<Scope, Map<number, Value>>();
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
          if (itemType === 'list_splat') value.open = true;
          else value.items.push(toValue(item, from, depth + 1));
        }
        return value;
      }
      case 'identifier': {
        const assigned = resolveName(node.text, from);
        if (!assigned) return unknownOf(node);
        const cache = resolved.get(from) ?? resolved.set(from, new Map()).get(from)!;
        const key = assigned.id * RESOLVE_DEPTHS + depth;
        let value = cache.get(key);
        if (!value) cache.set(key, (value = toValue(assigned, from, depth + 1)));
        return value;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        const qualified = fn && (qualify(fn) ?? (fn.type === 'identifier' ? `builtins.${fn.text}` : undefined));
        const args = node.childForFieldName('arguments');
        if (qualified === 'builtins.dict' && args) return argumentsValue(args, from, depth + 1).args;
        if (qualified === 'json.dumps' && args?.namedChildren[0]) return toValue(args.namedChildren[0], from, depth + 1);
        return unknownOf(node);
      }
      default:
        return unknownOf(node);
    }
  };

  const dictionaryValue = (node: SyntaxNode, from: Scope, depth: number): ObjectValue => {
    const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span: spanOf(node), insert: insertPoint(node, 'python-dict') };
    for (const entry of node.namedChildren) {
      const type = entry.type;
      if (type === 'dictionary_splat') {
        obj.open = true;
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
        if (spread.kind !== 'object') args.open = true;
        else {
          if (spread.open) args.open = true;
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
  const pending: { call: CallFact; argsNode: SyntaxNode; scope: Scope; boundArgs?: SyntaxNode }[] = [];
  /**
   * `ask = functools.partial(client.converse, guardrailConfig=G)` then `ask(messages=m)`: the call is
   * `client.converse(guardrailConfig=G, messages=m)`, reported where `ask` is called. Only a name bound once is followed.
   */
  const partialOf = (fn: SyntaxNode | null): { target: SyntaxNode; args: SyntaxNode } | undefined => {
    if (fn?.type !== 'identifier') return undefined;
    const values = bindings.get(fn.text);
    const value = values?.length === 1 ? values[0] : null;
    if (value?.type !== 'call') return undefined;
    const callee = value.childForFieldName('function');
    const args = value.childForFieldName('arguments');
    if (!callee || !args || qualify(callee) !== 'functools.partial') return undefined;
    const target = args.namedChildren.find((c) => c && c.type !== 'comment');
    if (!target || target.type === 'keyword_argument' || target.type === 'list_splat' || target.type === 'dictionary_splat') return undefined;
    return target.type === 'identifier' || target.type === 'attribute' ? { target, args } : undefined;
  };
  for (const { node, scope: from } of callNodes) {
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
    pending.push({ call, argsNode, scope: from, boundArgs: bound?.args });
    facts.calls.push(call);
  }
  const tracker = new OriginTracker({
    module,
    imports: facts.imports,
    scopeOf,
    qualify,
    callAt: (node) => callFacts.get(node.id),
    registeredTools: registeredTools(callNodes.map((c) => c.node), qualify),
    actionGroup: ACTION_GROUP_MARKER.test(text),
  });
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
  facts.literals = literalNodes.map(({ node, scope: from }) => toValue(node, from));
  markModelInputs(stringListNodes, callNodes.map((c) => c.node), root);
  facts.exits = pythonExits(
    exitNodes.map(({ node, scope: from }) => {
      const value = exitValueNode(node);
      if (!value) return { node, value: { kind: 'null', span: spanOf(node) } };
      if (node.type !== 'comparison_operator') return { node, value: toValue(value, from) };
      const operands = value.namedChildren.filter((c) => c && c.type !== 'comment').map((c) => toValue(c, from));
      return { node, value: { kind: 'array', items: operands, open: false, span: spanOf(value) } };
    }),
    qualify,
  );

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
