import type { Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { lineStartOf, StatementSnapshots, walkNamed, type SyntaxNode } from '../parsers/syntax';
import { syntaxErrors } from '../parsers/walk';
import type { ArrayValue, CallFact, FileFacts, InsertPoint, Language, ObjectValue, Reference, ResourceFact, Span, UnknownValue, Value } from '../types';
import { TsOriginTracker } from './typescriptFlow';
import { cdkAddress, cfnResourceType } from '../apis/cdk';
import { tsExitValueNode, typescriptExits } from './typescriptExits';

const MAX_RESOLVE_DEPTH = 8;
/** Longer callee texts are kept by their tail: a chain of thousands of calls would otherwise cost quadratic time. */
const MAX_CALLEE_LENGTH = 512;
const SCOPES = new Set(['program', 'statement_block', 'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'class_body']);
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

type Scope = { parent?: Scope; assigned: Map<string, (SyntaxNode | null)[]> };

/**
 * TypeScript/JavaScript source → facts: calls and `new` expressions with their first object argument as values
 * (AWS SDK v3 commands, OpenAI SDK calls), CDK L1 constructs (`new CfnEndpointConfig(this, 'Id', { … })`) as
 * CloudFormation resources with PascalCase keys, imports, comments and syntax problems.
 * `snapshots`, kept for one file, makes reading it again after an edit copy from the tree only the statements that changed.
 */
export function extractTypeScript(tree: Tree, text: string, language: Language, deadline = Deadline.never(), snapshots = new StatementSnapshots()): FileFacts {
  const program = snapshots.snapshot(tree, text, deadline);
  const aliases = new Map<string, string>();
  const facts: FileFacts = { language, calls: [], resources: [], imports: new Set(), importedNames: aliases, comments: [], problems: [] };
  const scopeOf = new Map<number, Scope>();
  const callNodes: { node: SyntaxNode; scope: Scope }[] = [];
  const literalNodes: { node: SyntaxNode; scope: Scope }[] = [];
  const exitNodes: { node: SyntaxNode; value: SyntaxNode | null; scope: Scope }[] = [];
  /** `this.llm = new ChatOpenAI(…)` and class fields: what `this.<name>` is bound to, for method-call receivers. */
  const memberBindings = new Map<string, SyntaxNode[]>();
  const tracker = new TsOriginTracker(program);
  const root: Scope = { assigned: new Map() };
  let scope = root;
  scopeOf.set(program.id, root);

  const bind = (name: SyntaxNode | null, value: SyntaxNode | null, target = scope) => {
    if (!name) return;
    if (name.type === 'identifier') push(target.assigned, name.text, value);
    else for (const child of name.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) if (child) push(target.assigned, child.text, null);
  };
  const mutate = (node: SyntaxNode | null) => {
    let base = node;
    while (base && (base.type === 'member_expression' || base.type === 'subscript_expression')) base = base.childForFieldName('object');
    if (base?.type === 'identifier') {
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        if (s.assigned.has(base.text)) {
          push(s.assigned, base.text, null);
          return;
        }
      }
    }
  };

  walkNamed(
    program,
    (node) => {
      tracker.enter(node);
      const exitValue = tsExitValueNode(node);
      if (exitValue !== undefined) exitNodes.push({ node, value: exitValue, scope });
      if (SCOPES.has(node.type) && node.type !== 'program') {
        scope = { parent: scope, assigned: new Map() };
        scopeOf.set(node.id, scope);
        for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) bind(param?.childForFieldName('pattern') ?? param ?? null, null);
        if (node.type === 'arrow_function') bind(node.childForFieldName('parameter'), null);
      }
      switch (node.type) {
        case 'import_statement':
          readImport(node, aliases, facts.imports);
          return false;
        case 'variable_declarator': {
          const name = node.childForFieldName('name');
          const value = node.childForFieldName('value');
          if (name?.type === 'object_pattern' && value && requiredModule(value)) {
            const mod = requiredModule(value)!;
            facts.imports.add(mod);
            for (const p of name.namedChildren) {
              if (p?.type === 'shorthand_property_identifier_pattern') aliases.set(p.text, `${mod}.${p.text}`);
              else if (p?.type === 'pair_pattern') {
                const local = p.childForFieldName('value');
                if (local?.type === 'identifier') aliases.set(local.text, `${mod}.${p.childForFieldName('key')?.text}`);
              }
            }
          } else if (name?.type === 'identifier' && value && requiredModule(value)) {
            facts.imports.add(requiredModule(value)!);
            aliases.set(name.text, requiredModule(value)!);
          }
          // `let` and `var` may be reassigned later; that marks them unknown then.
          bind(name, value);
          break;
        }
        case 'assignment_expression':
        case 'augmented_assignment_expression': {
          const left = node.childForFieldName('left');
          if (left?.type === 'identifier') bind(left, null, scopeHolding(scope, left.text) ?? scope);
          else mutate(left);
          const right = node.childForFieldName('right');
          if (left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' && right) push(memberBindings, left.text.replace(/\s+/g, ''), right);
          break;
        }
        case 'call_expression': {
          const fn = node.childForFieldName('function');
          if (fn?.type === 'member_expression' && ['assign', 'push', 'set'].includes(fn.childForFieldName('property')?.text ?? '')) {
            mutate(node.childForFieldName('arguments')?.namedChildren[0] ?? null);
            mutate(fn.childForFieldName('object'));
          }
          callNodes.push({ node, scope });
          break;
        }
        case 'new_expression':
          callNodes.push({ node, scope });
          break;
        case 'comment':
          facts.comments.push({ text: node.text, span: spanOf(node) });
          break;
        case 'public_field_definition': {
          const name = node.childForFieldName('name');
          const value = node.childForFieldName('value');
          if (name && value) push(memberBindings, `this.${name.text}`, value);
          break;
        }
        case 'object':
        case 'array':
          if (isMessageLiteral(node)) literalNodes.push({ node, scope });
          break;
      }
      return true;
    },
    (node) => {
      tracker.leave(node);
      const own = scopeOf.get(node.id);
      if (own && own === scope && own.parent) scope = own.parent;
    },
    deadline,
  );

  const qualify = (node: SyntaxNode): string | undefined => {
    if (node.endIndex - node.startIndex > MAX_CALLEE_LENGTH) return undefined;
    const text = node.text.replace(/\s+/g, '').replace(/\?\./g, '.');
    if (!/^[\w$.]+$/.test(text)) return undefined;
    const [first, ...rest] = text.split('.');
    const target = aliases.get(first);
    return target ? [target, ...rest].join('.') : undefined;
  };

  const resolve = (name: string, from: Scope): SyntaxNode | null | undefined => {
    for (let s: Scope | undefined = from; s; s = s.parent) {
      const assigned = s.assigned.get(name);
      if (assigned) return assigned.length === 1 ? assigned[0] : null;
    }
    return undefined;
  };

  /** An unknown value, with where its data may come from. */
  const unknownOf = (node: SyntaxNode): UnknownValue => {
    const origins = tracker.originsOf(node);
    return origins.length > 0 ? { kind: 'unknown', span: spanOf(node), origins } : { kind: 'unknown', span: spanOf(node) };
  };

  // Values of names, per scope they are read from, depth and key case: a name read many times is evaluated once.
  const resolved = new Map<Scope, Map<string, Value>>();
  const resolvedValue = (assigned: SyntaxNode, from: Scope, depth: number, keyCase?: 'pascal'): Value => {
    const cache = resolved.get(from) ?? resolved.set(from, new Map()).get(from)!;
    const key = `${assigned.id}:${depth}:${keyCase ?? ''}`;
    let value = cache.get(key);
    if (!value) cache.set(key, (value = toValue(assigned, from, depth + 1, keyCase)));
    return value;
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
          if (item.type === 'spread_element') value.open = true;
          else value.items.push(toValue(item, from, depth + 1, keyCase));
        }
        return value;
      }
      case 'identifier': {
        if (node.text === 'undefined') return { kind: 'null', span };
        const assigned = resolve(node.text, from);
        if (assigned) return resolvedValue(assigned, from, depth, keyCase);
        if (assigned === undefined && node.text in NAMED_NUMBERS) return { kind: 'number', value: NAMED_NUMBERS[node.text], span };
        return unknownOf(node);
      }
      case 'member_expression': {
        const named = NAMED_NUMBERS[node.text.replace(/\s+/g, '')];
        if (named !== undefined && resolve('Number', from) === undefined) return { kind: 'number', value: named, span };
        // `endpoint.attrEndpointName`: unknown, but it names the construct bound to `endpoint` (its CDK address).
        const root = memberRoot(node);
        const unknown = unknownOf(node);
        return root ? { ...unknown, refs: [root] } : unknown;
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        const first = node.childForFieldName('arguments')?.namedChildren[0];
        if (fn?.text.replace(/\s/g, '') === 'JSON.stringify' && first) return toValue(first, from, depth + 1, keyCase);
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
        obj.open = true;
        continue;
      }
      let keyNode: SyntaxNode | null = null;
      let valueNode: SyntaxNode | null = null;
      if (entry.type === 'pair') {
        keyNode = entry.childForFieldName('key');
        valueNode = entry.childForFieldName('value');
      } else if (entry.type === 'shorthand_property_identifier') {
        keyNode = entry;
        const assigned = resolve(entry.text, from);
        const value: Value = assigned ? resolvedValue(assigned, from, depth, keyCase) : unknownOf(entry);
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
  for (const { node, scope: from } of callNodes) {
    deadline.check();
    const fn = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
    const argsNode = node.childForFieldName('arguments');
    if (!fn) continue;
    const args = argsNode?.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') ?? [];
    const qualifiedName = qualify(fn);
    const cdk = node.type === 'new_expression' && qualifiedName ? CDK_L1.exec(qualifiedName) : null;
    if (cdk) {
      const resource = cdkResource(node, fn, args, cdk[1], cdk[2], from);
      if (resource) facts.resources.push(resource);
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
    facts.calls.push(call);
  }
  tracker.ready({ imports: facts.imports, qualify, callAt: (node) => callFacts.get(node.id) });
  for (const { call, args, from } of pending) {
    const first = args[0] ? toValue(args[0], from) : undefined;
    if (first?.kind === 'object') call.args = first;
    call.positional = args.map((a) => toValue(a, from));
  }
  facts.literals = literalNodes.map(({ node, scope: from }) => toValue(node, from));
  facts.exits = typescriptExits(exitNodes.map(({ node, value, scope: from }) => ({ node, value: exitValue(value, from, node.type === 'binary_expression') ?? { kind: 'null', span: spanOf(node) } })));

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

  if (facts.resources.some((r) => r.binding)) {
    facts.references = cdkReferences(facts.resources, text);
    addressReferences(facts);
  }

  for (const error of syntaxErrors(tree, deadline)) {
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

function readImport(node: SyntaxNode, aliases: Map<string, string>, imports: Set<string>): void {
  const source = node.childForFieldName('source');
  if (!source) return;
  const mod = stringContent(source);
  imports.add(mod);
  const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (!part) continue;
    if (part.type === 'identifier') aliases.set(part.text, `${mod}.default`);
    else if (part.type === 'namespace_import') {
      const local = part.namedChildren.find((c) => c?.type === 'identifier');
      if (local) aliases.set(local.text, mod);
    } else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        if (spec?.type !== 'import_specifier') continue;
        const name = spec.childForFieldName('name')?.text;
        const alias = spec.childForFieldName('alias')?.text ?? name;
        if (name && alias) aliases.set(alias, `${mod}.${name}`);
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

function scopeHolding(from: Scope, name: string): Scope | undefined {
  for (let s: Scope | undefined = from; s; s = s.parent) if (s.assigned.has(name)) return s;
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}
