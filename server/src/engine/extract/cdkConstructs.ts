// Higher-level CDK constructs (`new bedrock.Agent(this, "Agent", {…})`, `HuggingFaceSageMakerEndpoint(self, …)`) as the
// CloudFormation resources they synthesize, by the models in `apis/cdkConstructs.ts`: each resource's properties come
// from the construct's own (at their place in the code), from its defaults (at the construct's name, marked so that a
// fix sets the construct's property), or are unknown. Rules keyed on CloudFormation types read them like any other
// resource; their fixes are written as the construct's properties (`cdkConstructFixes.ts`).
import { cdkAddress, pascalToSnake } from '../apis/cdk';
import { CONSTRUCT_LIBRARIES, CONSTRUCT_MODELS, type ConstructFix, type ConstructLibrary, type ConstructModel, type ConstructVersion, type Method, type Source } from '../apis/cdkConstructs';
import { compareVersionStrings, declaredVersion, type ProjectContext } from '../manifests';
import type { CallFact, FileFacts, ObjectValue, Property, ResourceFact, Span, Value } from '../types';
import { calleeSpan } from '../values';
import { bindingBefore, type Receiver } from './cdkBindings';
import { writeConstructDefault, writeConstructItems, writeConstructProperties, type ConstructSite } from './cdkConstructFixes';
import { constructProps, methodArgument, readValue, structCalls, type ReadContext } from './cdkConstructValues';

/** A construct call found in the file, with what its synthesis needs. */
interface Construct {
  call: CallFact;
  model: ConstructModel;
  site: ConstructSite;
  /** Its props, camelCase, after the methods called on it. */
  props: ObjectValue;
  binding?: string;
  /** Where findings about it point: `new bedrock.Agent`, `bedrock.Agent`. */
  nameSpan: Span;
  /** Addresses of the resources it synthesizes, by role. */
  addresses: Map<string, string>;
}

/** Adds the resources of the file's higher-level constructs to `facts.resources`; returns them. */
export function addConstructResources(facts: FileFacts, text: string, project: () => ProjectContext): ResourceFact[] {
  const python = facts.language === 'python';
  const libraries = CONSTRUCT_LIBRARIES.filter((l) => usesLibrary(facts, l, python));
  if (libraries.length === 0) return [];
  const receiver: Receiver = python ? 'self' : 'this';
  const constructs: Construct[] = [];
  for (const library of libraries) {
    const models = CONSTRUCT_MODELS.filter((m) => m.library === library);
    const context: ReadContext = {
      facts,
      text,
      python,
      library,
      enums: new Set(models.flatMap((m) => m.enums ?? [])),
      structs: python ? structCalls(facts, library, new Set(models.map((m) => m.className))) : new Map(),
    };
    for (const call of facts.calls) {
      const found = modelOf(call, library, models, python);
      if (found) constructs.push(construct(call, found.model, found.namespace, context, receiver));
    }
    addCreatedConstructs(constructs, models, context, receiver);
    for (const c of constructs) if (c.site.model.library === library) applyMethods(c, context);
  }
  const added: ResourceFact[] = [];
  for (const c of constructs) added.push(...synthesize(c, versionsOf(c, project), python));
  added.push(...scalingTargets(constructs, facts, text, python));
  facts.resources.push(...added);
  return added;
}

/** A quick test before the calls are looked at: Python's imports are top-level packages, TypeScript's whole specifiers. */
function usesLibrary(facts: FileFacts, library: ConstructLibrary, python: boolean): boolean {
  return python ? facts.imports.has(library.python.split('.')[0]) : facts.imports.has(library.typescript);
}

/** The model of a call's class, when it constructs one of the library's modelled classes (at its top or in a namespace). */
function modelOf(call: CallFact, library: ConstructLibrary, models: readonly ConstructModel[], python: boolean): { model: ConstructModel; namespace?: string } | undefined {
  const module = python ? library.python : library.typescript;
  const qualified = call.qualifiedName;
  if (!qualified?.startsWith(module + '.')) return undefined;
  const path = qualified.slice(module.length + 1).split('.');
  const className = path.pop()!;
  if (path.length > 1 || (path.length === 1 && !library.namespaces.includes(path[0]))) return undefined;
  const model = models.find((m) => m.className === className);
  if (!model) return undefined;
  const callee = call.callee;
  return { model, namespace: callee.includes('.') ? callee.slice(0, callee.lastIndexOf('.')) : undefined };
}

function construct(call: CallFact, model: ConstructModel, namespace: string | undefined, context: ReadContext, receiver: Receiver): Construct {
  const id = call.positional[1];
  const { props, written } = constructProps(call, context);
  const scope = call.positional[0];
  const site: ConstructSite = {
    model,
    fixes: model.fixes ?? {},
    facts: context.facts,
    text: context.text,
    python: context.python,
    id: id?.kind === 'string' ? id.value : model.className,
    scope: scope ? context.text.slice(scope.span.start, scope.span.end) : receiver,
    namespace,
    written: written?.insert ? written : undefined,
  };
  return { call, model, site, props, binding: bindingBefore(context.text, call.span.start, receiver), nameSpan: calleeSpan(call), addresses: new Map() };
}

/** Constructs made by a method of another (`kb.addS3DataSource({…})`): their props are the call's argument. */
function addCreatedConstructs(constructs: Construct[], models: readonly ConstructModel[], context: ReadContext, receiver: Receiver): void {
  for (const parent of [...constructs]) {
    if (!parent.binding || parent.site.model.library !== context.library) continue;
    for (const [name, method] of Object.entries(parent.model.methods ?? {})) {
      if (method.kind !== 'create') continue;
      const model = models.find((m) => m.className === method.construct);
      if (!model) continue;
      for (const call of methodCalls(context.facts, parent.binding, name, context.python)) {
        const argument = methodArgument(call, context);
        const props = argument?.kind === 'object' ? argument : { kind: 'object' as const, props: new Map(), open: true, span: call.span };
        const written = context.python ? call.args : call.positional[0]?.kind === 'object' ? call.positional[0] : undefined;
        constructs.push({
          call,
          model,
          site: { ...parent.site, model, fixes: model.fixes ?? {}, id: createdId(props, parent.site.id, method.construct), written: written?.insert ? written : undefined },
          props,
          binding: bindingBefore(context.text, call.span.start, receiver),
          nameSpan: calleeSpan(call),
          addresses: new Map(),
        });
      }
    }
  }
}

/** A construct made by a method has a generated ID: it is named by its own name property when it has one. */
function createdId(props: ObjectValue, parentId: string, construct: string): string {
  const named = [...props.props.values()].find((p) => /Name$/.test(p.key) && p.value.kind === 'string')?.value;
  return named?.kind === 'string' ? named.value : `${parentId}${construct}`;
}

/** Calls of `method` on the construct bound to `binding` (`agent.addGuardrail(…)`, `agent.add_guardrail(…)`). */
function methodCalls(facts: FileFacts, binding: string, method: string, python: boolean): CallFact[] {
  const callee = `${binding}.${python ? pascalToSnake(method) : method}`;
  return facts.calls.filter((c) => c.callee === callee);
}

/** What the construct's `set` and `append` methods called on its binding add to its props. */
function applyMethods(c: Construct, context: ReadContext): void {
  if (!c.binding) return;
  for (const [name, method] of Object.entries(c.model.methods ?? {})) {
    if (method.kind === 'create') continue;
    for (const call of methodCalls(context.facts, c.binding, name, context.python)) applyMethod(c, method, call, context);
  }
}

function applyMethod(c: Construct, method: Exclude<Method, { kind: 'create' }>, call: CallFact, context: ReadContext): void {
  const argument: Value = (context.python && call.positional.length === 0 ? methodArgument(call, context) : undefined) ?? (call.positional[0] ? readValue(call.positional[0], context, 0) : { kind: 'unknown', span: call.span });
  const current = c.props.props.get(method.prop);
  let value: Value;
  if (method.kind === 'set') value = argument;
  else if (!current) value = { kind: 'array', items: [argument], open: false, span: call.span };
  else if (current.value.kind === 'array') value = { ...current.value, items: [...current.value.items, argument] };
  else value = { kind: 'unknown', span: current.value.span };
  c.props = { ...c.props, props: new Map(c.props.props).set(method.prop, { key: method.prop, keySpan: call.nameSpan, value, span: current?.span ?? call.span }) };
}

/** The model's versions the project may use: the one its props or manifests show, else all of them. */
function versionsOf(c: Construct, project: () => ProjectContext): ConstructVersion[] {
  const versions = c.model.versions;
  if (versions.length === 1) return versions;
  const marked = versions.filter((v) => v.marks?.some((m) => c.props.props.has(m)));
  if (marked.length === 1) return marked;
  const context = project();
  const library = c.model.library;
  const declared = c.site.python
    ? declaredVersion(context.pythonRequirements.get(library.pypi))
    : declaredVersion(context.npmPackages?.get(library.npm));
  if (!declared) return versions;
  const possible = versions.filter(
    (v) =>
      (!v.below || (declared.pinned !== undefined && compareVersionStrings(declared.pinned, v.below) < 0)) &&
      (!v.from || compareVersionStrings(declared.floor!, v.from) >= 0),
  );
  return possible.length > 0 ? possible : versions;
}

/** The resources of every possible version; a property that differs between versions is unknown. */
function synthesize(c: Construct, versions: ConstructVersion[], python: boolean): ResourceFact[] {
  c.site.fixes = commonFixes(versions.map((v) => v.fixes ?? c.model.fixes ?? {}));
  for (const version of versions) {
    for (const r of version.resources) c.addresses.set(r.role, cdkAddress(r.type, c.site.id, c.binding ? `${c.binding}${r.role === c.model.primary ? '' : `.${r.role}`}` : r.role));
  }
  const byRole = new Map<string, { type: string; props: ObjectValue }>();
  for (const version of versions) {
    for (const spec of version.resources) {
      const props = evaluateObject(spec.props, c, c.props, c.site.written, spec.open);
      const known = byRole.get(spec.role);
      byRole.set(spec.role, { type: spec.type, props: known ? mergeObjects(known.props, props) : props });
    }
  }
  return [...byRole].map(([role, { type, props }]) => resource(c, type, role, props, python));
}

/** The fixes all the versions write alike: a property that only some versions have gets none. */
function commonFixes(all: Record<string, ConstructFix>[]): Record<string, ConstructFix> {
  const [first, ...rest] = all;
  return Object.fromEntries(Object.entries(first).filter(([key, fix]) => rest.every((r) => r[key]?.prop === fix.prop && r[key]?.value === fix.value)));
}

function resource(c: Construct, type: string, role: string, props: ObjectValue, python: boolean): ResourceFact {
  const primary = role === c.model.primary;
  // Fixes that add a CloudFormation property to it set the construct's property instead.
  const synthesized: ObjectValue = { ...props, insert: c.site.written?.insert };
  writeConstructProperties(synthesized, c.site);
  return {
    kind: 'resource',
    resourceType: type,
    name: c.site.id,
    props: synthesized,
    span: c.call.span,
    nameSpan: c.nameSpan,
    address: c.addresses.get(role),
    binding: primary ? c.binding : undefined,
    keyStyle: python ? 'snake' : 'camel',
    construct: {
      className: c.model.className,
      library: c.model.library.repository,
      source: c.model.source,
      properties: Object.fromEntries(Object.entries(c.site.fixes).map(([k, f]) => [k, python ? pascalToSnake(f.prop) : f.prop])),
    },
  };
}

function evaluateObject(specs: Record<string, Source>, c: Construct, input: ObjectValue, container: ObjectValue | undefined, open = false): ObjectValue {
  const props = new Map<string, Property>();
  for (const [key, spec] of Object.entries(specs)) {
    const value = evaluate(spec, c, input, container);
    if (value !== 'absent') props.set(key, { key, keySpan: value.span, value, span: value.span });
  }
  return { kind: 'object', props, open, span: input.span };
}

/** A synthesized property's value, or `absent` when the construct leaves it out. */
function evaluate(spec: Source, c: Construct, input: ObjectValue, container: ObjectValue | undefined): Value | 'absent' {
  switch (spec.kind) {
    case 'constant':
      return scalar(spec.value, { ...c.nameSpan });
    case 'generated':
      return { kind: 'unknown', span: { ...c.nameSpan } };
    case 'ref':
      return { kind: 'unknown', span: { ...c.nameSpan }, refs: [c.addresses.get(spec.role)!] };
    case 'object': {
      const object = evaluateObject(spec.props, c, input, container);
      if (!spec.always && object.props.size === 0 && !object.open) return 'absent';
      writeConstructProperties(object, c.site);
      return object;
    }
    case 'list': {
      const items = spec.items.map((s) => evaluate(s, c, input, container)).filter((v): v is Value => v !== 'absent');
      return items.length > 0 ? { kind: 'array', items, open: false, span: items[0].span } : 'absent';
    }
    case 'first':
      return spec.of.map((s) => evaluate(s, c, input, container)).find((v) => v !== 'absent') ?? 'absent';
    case 'prop':
      return propValue(spec, c, input, container);
  }
}

function propValue(spec: Extract<Source, { kind: 'prop' }>, c: Construct, input: ObjectValue, container: ObjectValue | undefined): Value | 'absent' {
  const [name, ...path] = spec.name.split('.');
  if (path.length > 0) {
    // A property of one of the construct's structs (`guardrailConfiguration.guardrailId`).
    const struct = input.props.get(name)?.value;
    if (!struct || struct.kind === 'null') return input.open && !struct ? { kind: 'unknown', span: input.span } : 'absent';
    if (struct.kind !== 'object') return { kind: 'unknown', span: struct.span };
    return propValue({ ...spec, name: path.join('.') }, c, struct, struct.insert ? struct : undefined);
  }
  const written = input.props.get(spec.name);
  if (!written) {
    if (input.open) return { kind: 'unknown', span: input.span };
    if (spec.default === undefined || !container?.insert) return 'absent';
    // A default is reported at the construct's name; a fix sets the property there.
    const span = { ...c.nameSpan };
    writeConstructDefault(span, spec.name, container, c.site);
    return scalar(spec.default, span);
  }
  let value = written.value;
  if (value.kind === 'null') return 'absent';
  if (spec.omitEmpty && value.kind === 'array' && !value.open && value.items.length === 0) return 'absent';
  if (spec.item && value.kind === 'array') {
    value = { ...value, items: value.items.map((i) => (i.kind === 'object' ? evaluateObject(spec.item!, c, i, i.insert ? i : undefined) : i)) };
  } else {
    value = pascalKeys(value);
  }
  if (value.kind === 'array') writeConstructItems(value, spec.name, c.site);
  if (spec.itemWrap && value.kind === 'array') value = { ...value, items: value.items.map((i) => wrapped(spec.itemWrap!, i)) };
  return spec.wrap ? wrapped(spec.wrap, value) : value;
}

function wrapped(key: string, value: Value): ObjectValue {
  return { kind: 'object', props: new Map([[key, { key, keySpan: value.span, value, span: value.span }]]), open: false, span: value.span };
}

/** The construct's own structs with CloudFormation's keys: `inputStrength` → `InputStrength`, at every level. */
function pascalKeys(value: Value): Value {
  if (value.kind === 'array') return { ...value, items: value.items.map(pascalKeys) };
  if (value.kind !== 'object') return value;
  const props = new Map<string, Property>();
  for (const p of value.props.values()) {
    const key = p.key.charAt(0).toUpperCase() + p.key.slice(1);
    props.set(key, { ...p, key, value: pascalKeys(p.value) });
  }
  return { ...value, props };
}

function scalar(value: string | number | boolean, span: Span): Value {
  if (typeof value === 'string') return { kind: 'string', value, span };
  if (typeof value === 'number') return { kind: 'number', value, span };
  return { kind: 'boolean', value, span };
}

/** Two versions' properties: those they agree on, and the others unknown (present in one, absent or different in another). */
function mergeObjects(a: ObjectValue, b: ObjectValue): ObjectValue {
  if (a === b) return a;
  const props = new Map<string, Property>();
  for (const key of new Set([...a.props.keys(), ...b.props.keys()])) {
    const pa = a.props.get(key);
    const pb = b.props.get(key);
    const value = pa && pb ? mergeValues(pa.value, pb.value) : { kind: 'unknown' as const, span: (pa ?? pb)!.value.span };
    props.set(key, { ...(pa ?? pb)!, value });
  }
  return { ...a, props, open: a.open || b.open };
}

function mergeValues(a: Value, b: Value): Value {
  if (a.kind === 'object' && b.kind === 'object') return mergeObjects(a, b);
  if (a.kind === b.kind && 'value' in a && 'value' in b && a.value === b.value) return a;
  if (a.kind === 'array' && b.kind === 'array' && a.items.length === b.items.length) return { ...a, items: a.items.map((item, i) => mergeValues(item, b.items[i])) };
  return a === b ? a : { kind: 'unknown', span: a.span };
}

/**
 * Auto scaling set up through a construct's method chain (`endpoint.findInstanceProductionVariant("main")
 * .autoScaleInstanceCount({ maxCapacity: 4 })`, also through a variable holding the variant): a scalable target for
 * that endpoint, or for any endpoint when the chain cannot be followed to one.
 */
function scalingTargets(constructs: readonly Construct[], facts: FileFacts, text: string, python: boolean): ResourceFact[] {
  const targets: ResourceFact[] = [];
  for (const model of new Set(constructs.map((c) => c.model))) {
    const scaling = model.scaling;
    if (!scaling) continue;
    const method = python ? pascalToSnake(scaling.method) : scaling.method;
    for (const call of facts.calls.filter((c) => c.name === method)) {
      const endpoint = constructs.find((c) => c.model === model && c.binding && scaledThrough(call, c.binding, scaling.via, facts, text, python));
      const args = call.positional[0]?.kind === 'object' ? call.positional[0] : call.args;
      const read = (key: string) => args.props.get(python ? pascalToSnake(key) : key)?.value;
      const props = new Map<string, Property>();
      const set = (key: string, value: Value) => props.set(key, { key, keySpan: value.span, value, span: value.span });
      set('ServiceNamespace', { kind: 'string', value: 'sagemaker', span: call.nameSpan });
      set('ResourceId', { kind: 'unknown', span: call.nameSpan, ...(endpoint ? { refs: [endpoint.addresses.get(model.primary)!] } : {}) });
      set('MinCapacity', read('minCapacity') ?? { kind: 'number', value: scaling.minimum, span: call.nameSpan });
      const max = read('maxCapacity');
      if (max) set('MaxCapacity', max);
      targets.push({
        kind: 'resource',
        resourceType: 'AWS::ApplicationAutoScaling::ScalableTarget',
        name: endpoint ? `${endpoint.site.id} scaling` : 'scaling',
        props: { kind: 'object', props, open: args.open, span: call.span },
        span: call.span,
        nameSpan: calleeSpan(call),
      });
    }
  }
  return targets;
}

/** True when `call` is made on `binding.via(…)`, directly or through a variable assigned from it. */
function scaledThrough(call: CallFact, binding: string, via: string, facts: FileFacts, text: string, python: boolean): boolean {
  const viaName = python ? pascalToSnake(via) : via;
  const receiver = call.callee.slice(0, call.callee.lastIndexOf('.'));
  if (receiver.startsWith(`${binding}.${viaName}(`)) return true;
  if (!/^[\w$]+$/.test(receiver)) return false;
  const receiverKind: Receiver = python ? 'self' : 'this';
  return facts.calls.some((c) => c.callee === `${binding}.${viaName}` && bindingBefore(text, c.span.start, receiverKind) === receiver);
}
