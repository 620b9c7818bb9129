import type { Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { lineStartOf, StatementSnapshots, type SyntaxNode } from '../parsers/syntax';
import { lastAtOrBefore } from '../text';
import { syntaxErrors } from '../parsers/walk';
import type { ArrayValue, CallFact, FileFacts, InsertPoint, ObjectValue, Property, UnknownValue, Value } from '../types';
import { latestBefore } from './originSupport';
import { OriginTracker } from './pythonFlow';
import { applyWrites, merge, opened, spreadItems, withWritesOnUnknown, type ValueWrite } from './valueWrites';
import { ACTION_GROUP_MARKER, MCP_MODULES } from '../apis/tools';
import { CALLABLE_RECEIVERS, FRAMEWORK_RECEIVERS } from '../apis/frameworks/outputs';
import { exitValueNode, pythonExits } from './pythonExits';
import { markModelInputs } from './pythonFeatureUse';
import { compact, hasInterpolation, MAX_CALLEE_LENGTH, qualifiedName, spanOf, stringContent, type Binding, type NameWrite, type Scope, type Unit } from './pythonIndex';
import { indexModule } from './pythonModuleIndex';
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
/** Environment lookups whose second argument is the value when the variable is not set. */
const ENVIRONMENT_GETTERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);

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
 * `keep`, kept for one file: its statement snapshots, so that reading it again after an edit copies from the tree only
 * the statements that changed; or its facts by statement too (`KeptPythonFacts`), so that only the statements whose
 * facts may have changed are evaluated again, and only the statements that changed are walked (`indexModule`).
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
  const qualified = new Map<number, { name?: string; root?: string }>(); // by node id: a callee is qualified several times
  const qualify = (node: SyntaxNode): string | undefined => {
    let found = qualified.get(node.id);
    if (!found) qualified.set(node.id, (found = qualifiedName(node, aliases)));
    if (reads && found.root !== undefined) reads.aliases.set(found.root, aliases.get(found.root));
    return found.name;
  };
  const { module, scopeOf, bindings, annotated, attributes, attributesWritten, stringListNodes, units, registeredTools, modelInputCall } = indexModule(root, facts, aliases, qualify, deadline, keptFacts?.walk);
  /** The top-level statement at an offset: the last one starting at or before it. */
  const statementIndexAt = (offset: number): number => lastAtOrBefore(starts, offset);
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
    const outer = dependsOn[dependsOn.length - 1];
    if (receiverTypes.has(key)) {
      if (outer) for (const name of receiverDependencies.get(key)!) outer.add(name);
      return receiverTypes.get(key);
    }
    const colon = key.indexOf(':');
    const depth = Number(key.slice(0, colon));
    const name = key.slice(colon + 1);
    const names = new Set([name]);
    let receiver: string | undefined;
    dependsOn.push(names);
    try {
      if (annotated.has(name)) receiver = annotated.get(name);
      else {
        const found = new Set((bindings.get(name) ?? []).map((v) => (v ? receiverTypeOf(v, depth + 1) : undefined)));
        receiver = found.size === 1 ? [...found][0] : undefined;
      }
    } finally {
      dependsOn.pop();
    }
    receiverTypes.set(key, receiver);
    receiverDependencies.set(key, [...names]);
    if (outer) for (const n of names) outer.add(n);
    return receiver;
  };
  /**
   * The names whose assignments and annotations each receiver type was worked out from (`depth:name` → names): the
   * answer is the same in a next version in which no statement that assigns or annotates one of them changed.
   */
  const receiverDependencies = new Map<string, string[]>();
  const dependsOn: Set<string>[] = [];
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
        const seen = writes ? writesSeen(writes, binding, holder, from, node.startIndex).map((w) => makeWrite(w, depth)) : [];
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

  /** The value a write writes, read when the write is applied in the scope the write is made in. */
  const valueAt = (node: SyntaxNode | null, from: Scope, depth: number): Value => (node ? toValue(node, from, depth + 1) : { kind: 'unknown', span: { start: 0, end: 0 } });
  /** What a write does to the value it writes to, its values evaluated where it is made. */
  const makeWrite = (write: NameWrite, depth: number): ValueWrite => {
    if (write.fixed) return write.fixed;
    const { path, scope: from } = write;
    const spec = write.spec!;
    switch (spec.kind) {
      case 'set':
        return { kind: 'set', path, value: valueAt(spec.value, from, depth), keySpan: spanOf(write.lastKey!), span: spanOf(spec.span) };
      case 'append':
        return { kind: 'append', path, value: valueAt(spec.value, from, depth), each: spec.each };
      case 'merge':
        return { kind: 'merge', path, value: valueAt(spec.value, from, depth) };
      case 'update':
        return { kind: 'merge', path, value: updateValue(spec.args, from, depth) };
      case 'default':
        return { kind: 'default', path: [...path, stringContent(spec.key)], value: valueAt(spec.value, from, depth), keySpan: spanOf(spec.key), span: spanOf(spec.call) };
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
      const statement = statements[statementIndexAt(node.startIndex)];
      const call = callFacts.get(node.id) ?? keptCallAt(statement, node);
      if (call && reads) reads.calls.add(statement);
      return call;
    },
    moduleRead: (name: string, node: SyntaxNode) => reads && channelRead(name, node.startIndex),
    registeredTools,
    actionGroup: ACTION_GROUP_MARKER.test(text),
  };
  let tracker = new OriginTracker(flowEnvironment);

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
    receiverTypeDependencies: (key) => {
      keyType(key);
      return receiverDependencies.get(key)!;
    },
    partial: (name) => onlyBinding(name)?.id ?? 0,
    attribute: attributeFingerprint,
  };
  const kept = keptFacts ? keptFacts.reuse(environment, deadline) : new Map<SyntaxNode, StatementFacts>();
  /** The call facts of kept statements by node, listed for a statement when an origin first names one of its calls. */
  const keptCalls = new Map<SyntaxNode, Map<number, CallFact>>();
  const keptCallAt = (statement: SyntaxNode, node: SyntaxNode): CallFact | undefined => {
    let calls = keptCalls.get(statement);
    if (!calls) {
      const facts = kept.get(statement);
      if (!facts) return undefined;
      keptCalls.set(statement, (calls = new Map(facts.calls.map(({ node, fact }) => [node.id, fact]))));
    }
    return calls.get(node.id);
  };
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

  markModelInputs(stringListNodes, modelInputCall, root);

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

/**
 * The keys each call's result is read by (`CallFact.resultKeys`), from every statement's reads, in order. A kept call
 * fact keeps its keys when they are the same: deleting a property would make V8 store the object as a dictionary.
 */
function applyResultKeys(statements: readonly StatementFacts[]): void {
  const keysOf = new Map<CallFact, string[]>();
  for (const { resultKeys } of statements) {
    for (const { call, key } of resultKeys) {
      const keys = keysOf.get(call);
      if (!keys) keysOf.set(call, [key]);
      else if (!keys.includes(key)) keys.push(key);
    }
  }
  for (const { calls } of statements) {
    for (const { fact } of calls) {
      const keys = keysOf.get(fact);
      if (!keys) {
        if (fact.resultKeys) delete fact.resultKeys;
      } else if (!fact.resultKeys || fact.resultKeys.length !== keys.length || fact.resultKeys.some((k, i) => k !== keys[i])) fact.resultKeys = keys;
    }
  }
}
