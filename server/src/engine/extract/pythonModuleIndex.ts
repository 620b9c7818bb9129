// The walk's tables for a whole Python module, put together from what it found in each top-level statement
// (`indexStatement` in `pythonIndex.ts`). A statement's part depends only on its syntax, so the language server keeps it
// with the statement's snapshot (`StatementSnapshots`: the same text, the same object) and after an edit walks only
// the statements that changed; the others' parts are moved to where their statements are now.
//
// What a part cannot tell by itself is worked out here: the module scope's bindings, definitions and writes (from every
// statement, in order); where a write in a function goes when no scope of its statement binds the name (the module's
// value when a statement before binds it at module level, else the function's own); which calls only read what they
// are passed (through the module's imports); which functions are registered as tools. These tables are kept from one
// version to the next too (`ModuleTables`), and updated by the parts of the statements that came and went.
import type { Deadline } from '../budget';
import type { SyntaxNode } from '../parsers/syntax';
import type { FileFacts, FunctionFact, Span } from '../types';
import { TOOL_REGISTRATIONS } from '../apis/tools';
import { isModelInputCall, type StringListNode } from './pythonFeatureUse';
import {
  indexStatement,
  moveStatementIndex,
  readsOnly,
  type Binding,
  type EscapeCall,
  type FoundWrite,
  type NameWrite,
  type Scope,
  type StatementIndex,
  type Unit,
} from './pythonIndex';
import type { Def } from './pythonFlow';
import { push } from '../multimap';
import { PartTable } from './partTable';

/** What the walk found: the module scope and its inner ones, and what the file binds and writes where. */
export interface ModuleIndex {
  module: Scope;
  scopeOf: Map<number, Scope>;
  /** Assignment target text → assigned expressions. */
  bindings: Map<string, (SyntaxNode | null)[]>;
  /** Parameter name → receiver type. */
  annotated: Map<string, string>;
  /** `self.x = …` in a method of class C, and `x = …` in the body of C: `C.x` → what is assigned, where. */
  attributes: Map<string, { value: SyntaxNode; scope: Scope }[]>;
  /** Attributes whose value is changed in place (`self.config["k"] = v`): not followed. */
  attributesWritten: Set<string>;
  stringListNodes: StringListNode[];
  /** One per top-level statement, in order. */
  units: Unit[];
  /** Names of functions passed to calls that register tools (`apis/tools.ts`): `FunctionTool.from_defaults(fn=search)`. */
  registeredTools: Set<string>;
  /** Whether a call trains or runs a model (`markModelInputs`). */
  modelInputCall: boolean;
}

/** A statement's part, with what was worked out for it from the rest of the module in the last version. */
interface Part {
  index: StatementIndex;
  /** The imports (`aliasesKey`) its escaping calls' `readsOnly` and its registered tools were worked out with. */
  aliasesKey?: string;
  readsOnly: boolean[];
  tools: string[];
  /** Where its writes that depend on the rest of the module went, when its scopes' writes were last filled. */
  holdersKey?: string;
  /** Whether a call in it trains or runs a model (`isModelInputCall`), once asked. */
  modelInputCall?: boolean;
  /** Its statement's place among the statements of the version it was last in. */
  order: number;
  /** Its writes, and the names its calls may change, that go to module-level values, as last resolved (`ModuleTables.resolve`). */
  moduleWrites: [string, NameWrite][];
  modulePasses: [string, NameWrite][];
}

/** What changed from the version walked before the last to the last (`KeptWalk.changes`). */
export interface WalkChanges {
  /** Counts the versions walked: changes are against the version numbered one less. */
  version: number;
  /** The parts of the statements that are new (walked) or gone: a statement whose text changed is both. */
  changed: StatementIndex[];
  /** The statements that are gone. */
  gone: SyntaxNode[];
  /** Whether the statements kept from the version before are in the same order. */
  inOrder: boolean;
  /** Whether the imports changed (the local names' qualified names, the modules imported). */
  importsChanged: boolean;
  /**
   * The module-level names whose bindings, definitions or writes may differ (`describeChannel` in `pythonKept.ts`):
   * those the changed statements bind, define or write, or pass to a call that may change them; except, where one
   * statement took the place of one other between the same kept statements, a name both only write in the same ways
   * that need nothing evaluated (`validate(MODEL_ID)` in a function typed into).
   */
  channels: Set<string>;
}

/** The walk's parts of one file's statements, kept from one version to the next (an editor's open document). */
export class KeptWalk {
  /** The module scope, one object for every version: the parts' scopes and units point to it. */
  readonly module: Scope = { node: undefined as unknown as SyntaxNode, timeline: new Map(), defs: new Map(), params: new Map(), writes: new Map() };
  private parts = new Map<SyntaxNode, Part>();
  private aliasesKey = '';
  private importsKey = '';
  /** What the last version walked changed (`pythonKept.ts` checks only what kept statements read of it). */
  changes: WalkChanges = { version: 0, changed: [], gone: [], inOrder: true, importsChanged: true, channels: new Set() };
  /** The parts of the last version's changes, each with the number of kept statements before it. */
  private changedParts: { part: Part; slot: number; gone: boolean }[] = [];
  /** The module's tables as of the last version (undefined before the first). */
  private tables?: ModuleTables;

  /** `keepsParts` false: walked once (a scan), so that the tables remember nothing to update them by. */
  constructor(private readonly keepsParts = true) {}

  /** The parts of `root`'s statements: kept ones moved to their places, the others walked. */
  private partsOf(root: SyntaxNode, deadline: Deadline): Part[] {
    const parts: Part[] = [];
    const kept = new Map<SyntaxNode, Part>();
    const changed: StatementIndex[] = [];
    const changedParts: KeptWalk['changedParts'] = [];
    let inOrder = true;
    let lastOrder = -1;
    let slot = 0;
    root.namedChildren.forEach((statement, order) => {
      let part = this.parts.get(statement);
      if (part) {
        moveStatementIndex(part.index);
        if (part.order < lastOrder) inOrder = false;
        lastOrder = part.order;
        slot++;
      } else {
        part = { index: indexStatement(statement, this.module, deadline), readsOnly: [], tools: [], order, moduleWrites: [], modulePasses: [] };
        changed.push(part.index);
        changedParts.push({ part, slot, gone: false });
      }
      kept.set(statement, part);
      parts.push(part);
    });
    const gone: SyntaxNode[] = [];
    slot = 0;
    for (const [statement, part] of this.parts) {
      if (kept.has(statement)) {
        slot++;
        continue;
      }
      gone.push(statement);
      changed.push(part.index);
      changedParts.push({ part, slot, gone: true });
    }
    this.changedParts = changedParts;
    parts.forEach((part, order) => (part.order = order));
    this.parts = kept;
    this.changes = { version: this.changes.version + 1, changed, gone, inOrder, importsChanged: false, channels: new Set() };
    return parts;
  }

  /**
   * The module's tables; fills `aliases` (local name → qualified name) and the facts that need no evaluation
   * (imports, comments, string lists, functions without their returns). `qualify` resolves a callee through `aliases`.
   */
  index(root: SyntaxNode, facts: FileFacts, aliases: Map<string, string>, qualify: (node: SyntaxNode) => string | undefined, deadline: Deadline): ModuleIndex {
    const module = this.module;
    module.node = root;
    const parts = this.partsOf(root, deadline);
    for (const { index } of parts) {
      for (const name of index.imports) facts.imports.add(name);
      for (const [local, name] of index.aliases) aliases.set(local, name);
    }
    // The same string as the last version's when the imports are the same: each part compares it by reference.
    const imports = [...aliases].join('\n');
    const modules = [...facts.imports].join('\n');
    if (imports !== this.aliasesKey || modules !== this.importsKey) this.changes.importsChanged = true;
    this.importsKey = modules;
    const aliasesChanged = imports !== this.aliasesKey;
    const aliasesKey = aliasesChanged ? (this.aliasesKey = imports) : this.aliasesKey;
    const withImports = (part: Part) => {
      if (part.aliasesKey === aliasesKey) return;
      part.readsOnly = part.index.escapes.map((call) => readsOnly(call, aliases));
      part.tools = registeredTools(part.index.unit.calls, qualify);
      part.aliasesKey = aliasesKey;
    };

    // The tables are made again from every part when the parts were reordered or the imports changed (what each
    // part's calls only read, and its registered tools, may change with them); else updated by the parts that changed.
    const rebuild = !this.keepsParts || !this.tables || !this.changes.inOrder || aliasesChanged;
    let added: Part[];
    if (rebuild) {
      this.tables = new ModuleTables(this.keepsParts);
      added = parts;
    } else {
      added = [];
      for (const { part, gone } of this.changedParts) {
        if (gone) this.tables!.remove(part);
        else added.push(part);
      }
    }
    const tables = this.tables!;
    for (const part of added) {
      withImports(part);
      tables.add(part);
    }
    const bound = tables.timeline.update();
    tables.defs.update();
    module.timeline = tables.timeline.lists;
    module.defs = tables.defs.lists;
    // Where a part's writes go depends on the module's bindings of the names no scope of its statement binds.
    const resolving = new Set(added);
    if (!rebuild) for (const name of bound) for (const part of tables.unresolved.partsHolding(name)) resolving.add(part);
    for (const part of resolving) tables.resolve(part, module);
    module.writes = tables.moduleWrites();
    // A first version (a scan's only one) has nothing kept to check.
    if (this.changes.version > 1) this.changes.channels = changedChannels(this.changedParts, module);
    this.changedParts = [];
    tables.updateOthers();

    const stringListNodes: StringListNode[] = [];
    for (const { index } of parts) {
      const start = index.statement.startIndex;
      const at = (span: Span): Span => ({ start: span.start + start, end: span.end + start });
      index.functions.forEach((template, j) => {
        const fact: FunctionFact = { ...template, params: template.params.map((p) => ({ ...p, span: at(p.span) })), returns: [], span: at(template.span), nameSpan: at(template.nameSpan) };
        index.unit.functions[j].fact = fact;
        facts.functions!.push(fact);
      });
      for (const { text, span } of index.comments) facts.comments.push({ text, span: at(span) });
      for (const { list: template, node } of index.stringLists) {
        const list = { items: template.items.map(({ value, span }) => ({ value, span: at(span) })), span: at(template.span) };
        (facts.stringLists ??= []).push(list);
        stringListNodes.push({ list, node });
      }
    }
    // Only a module with string lists asks whether a call trains or runs a model.
    const modelInputCall = stringListNodes.length > 0 && parts.some((part) => (part.modelInputCall ??= part.index.unit.calls.some((c) => isModelInputCall(c.node))));
    return {
      module,
      scopeOf: tables.scopeOf,
      bindings: tables.bindings.lists,
      annotated: tables.annotated,
      attributes: tables.attributes.lists,
      attributesWritten: tables.attributesWritten,
      stringListNodes,
      units: parts.map((p) => p.index.unit),
      registeredTools: tables.tools,
      modelInputCall,
    };
  }
}

/**
 * The module's tables, put together from its parts and kept from one version to the next (`PartTable`): a version
 * removes the parts of the statements that are gone and adds those of the statements walked.
 */
class ModuleTables {
  /** The module scope's bindings and definitions. */
  readonly timeline: PartTable<Part, string, Binding>;
  readonly defs: PartTable<Part, string, Def>;
  /** The writes to module-level values (`d["k"] = v`), and the module-level names calls may change, where resolved there. */
  private readonly writes: PartTable<Part, string, NameWrite>;
  private readonly passes: PartTable<Part, string, NameWrite>;
  /** The parts with writes or passed names no scope of their statement holds, by name (`resolve`). */
  readonly unresolved: PartTable<Part, string, true>;
  readonly bindings: PartTable<Part, string, SyntaxNode | null>;
  readonly attributes: PartTable<Part, string, { value: SyntaxNode; scope: Scope }>;
  private readonly annotatedBy: PartTable<Part, string, string>;
  private readonly attributesWrittenBy: PartTable<Part, string, true>;
  private readonly toolsBy: PartTable<Part, string, true>;
  readonly scopeOf = new Map<number, Scope>();
  /** Parameter name → receiver type: the last statement's that annotates it. */
  readonly annotated = new Map<string, string>();
  readonly attributesWritten = new Set<string>();
  readonly tools = new Set<string>();
  private readonly writesByName = new Map<string, NameWrite[]>();

  constructor(kept: boolean) {
    const table = <V>(entries: (part: Part) => Iterable<readonly [string, V]>) => new PartTable<Part, string, V>(entries, kept);
    this.timeline = table((part) => part.index.moduleTimeline);
    this.defs = table((part) => part.index.moduleDefs);
    this.writes = table((part) => part.moduleWrites);
    this.passes = table((part) => part.modulePasses);
    this.unresolved = table(unresolvedNames);
    this.bindings = table((part) => part.index.bindings);
    this.attributes = table((part) => part.index.attributes);
    this.annotatedBy = table((part) => part.index.annotated);
    this.attributesWrittenBy = table((part) => part.index.attributesWritten.map((key) => [key, true] as const));
    this.toolsBy = table((part) => part.tools.map((name) => [name, true] as const));
  }

  /** Adds a part to every table but those of where its writes go (`resolve`). */
  add(part: Part): void {
    for (const table of [this.timeline, this.defs, this.unresolved, this.bindings, this.attributes, this.annotatedBy, this.attributesWrittenBy, this.toolsBy]) table.add(part);
    for (const scope of part.index.scopes) this.scopeOf.set(scope.node.id, scope);
  }

  remove(part: Part): void {
    for (const table of [this.timeline, this.defs, this.writes, this.passes, this.unresolved, this.bindings, this.attributes, this.annotatedBy, this.attributesWrittenBy, this.toolsBy]) {
      table.remove(part);
    }
    for (const scope of part.index.scopes) this.scopeOf.delete(scope.node.id);
  }

  /**
   * Works out where a part's writes go, after the module's bindings are updated: a write in a function to a name no
   * scope of its statement binds goes to the module's value when a statement before binds the name at module level,
   * else to the function's own; a name passed to a call is the module's when the module binds it. Fills the part's
   * scopes' writes again when that changed.
   */
  resolve(part: Part, module: Scope): void {
    const { index } = part;
    const writeHolder = (w: FoundWrite): Scope => w.holder ?? ((this.timeline.first(w.name)?.order ?? Infinity) < part.order ? module : w.write.scope);
    const escapeHolder = (p: EscapeCall['passed'][number]): Scope => p.holder ?? (this.timeline.lists.has(p.name) ? module : p.write.scope);
    let key = '';
    for (const w of index.writes) if (!w.holder) key += writeHolder(w) === module ? 'm' : 'l';
    index.escapes.forEach((call, j) => {
      key += part.readsOnly[j] ? 'r' : 'w';
      if (!part.readsOnly[j]) for (const p of call.passed) if (!p.holder) key += escapeHolder(p) === module ? 'm' : 'l';
    });
    // A part just walked has its scopes' writes to fill only if it has writes.
    if (key !== part.holdersKey && (part.holdersKey !== undefined || index.writes.length > 0 || index.escapes.length > 0)) {
      fillScopeWrites(part, module, writeHolder, escapeHolder);
      part.holdersKey = key;
    }
    this.writes.remove(part);
    this.passes.remove(part);
    part.moduleWrites = [];
    for (const w of index.writes) if (writeHolder(w) === module) part.moduleWrites.push([w.name, w.write]);
    part.modulePasses = [];
    index.escapes.forEach((call, j) => {
      if (!part.readsOnly[j]) for (const p of call.passed) if (escapeHolder(p) === module) part.modulePasses.push([p.name, p.write]);
    });
    this.writes.add(part);
    this.passes.add(part);
  }

  /**
   * The module scope's writes, the lists of the names whose writes changed made again: each name's writes in
   * statement order, then what calls may change, after all of them, and then all sorted by offset when there are
   * such (`fillScopeWrites` does the same).
   */
  moduleWrites(): Map<string, NameWrite[]> {
    const names = this.writes.update();
    for (const name of this.passes.update()) names.add(name);
    for (const name of names) {
      const own = this.writes.lists.get(name);
      const passed = this.passes.lists.get(name);
      if (passed) this.writesByName.set(name, [...(own ?? []), ...passed].sort(byOffset));
      else if (own) this.writesByName.set(name, own);
      else this.writesByName.delete(name);
    }
    return this.writesByName;
  }

  /** Updates the tables that depend on nothing but the parts' own entries. */
  updateOthers(): void {
    this.unresolved.update();
    this.bindings.update();
    this.attributes.update();
    for (const name of this.annotatedBy.update()) {
      const types = this.annotatedBy.lists.get(name);
      if (types) this.annotated.set(name, types[types.length - 1]);
      else this.annotated.delete(name);
    }
    updateSet(this.attributesWritten, this.attributesWrittenBy);
    updateSet(this.tools, this.toolsBy);
  }
}

/** The keys a table holds, as a set. */
function updateSet(set: Set<string>, table: PartTable<Part, string, true>): void {
  for (const key of table.update()) {
    if (table.lists.has(key)) set.add(key);
    else set.delete(key);
  }
}

/** The names a part's writes or passed names are made to that no scope of its statement holds. */
function* unresolvedNames(part: Part): Iterable<readonly [string, true]> {
  for (const w of part.index.writes) if (!w.holder) yield [w.name, true];
  for (const call of part.index.escapes) for (const p of call.passed) if (!p.holder) yield [p.name, true];
}

/** Walks the module (`keep`: the parts kept from its last version, if any); see `KeptWalk.index`. */
export function indexModule(
  root: SyntaxNode,
  facts: FileFacts,
  aliases: Map<string, string>,
  qualify: (node: SyntaxNode) => string | undefined,
  deadline: Deadline,
  keep = new KeptWalk(false),
): ModuleIndex {
  return keep.index(root, facts, aliases, qualify, deadline);
}

/**
 * The writes a statement's own scopes hold: its writes and the writes of its calls that may change what they are
 * passed, where `holder` puts them, each list in the walk's order, those that calls write to sorted by offset.
 */
function fillScopeWrites(
  part: Part,
  module: Scope,
  writeHolder: (write: StatementIndex['writes'][number]) => Scope,
  escapeHolder: (passed: StatementIndex['escapes'][number]['passed'][number]) => Scope,
): void {
  const { index } = part;
  for (const scope of index.scopes) scope.writes = new Map();
  for (const w of index.writes) {
    const holder = writeHolder(w);
    if (holder !== module) push(holder.writes, w.name, w.write);
  }
  const touched = new Set<NameWrite[]>();
  index.escapes.forEach((call, j) => {
    if (part.readsOnly[j]) return;
    for (const p of call.passed) {
      const holder = escapeHolder(p);
      if (holder !== module) touched.add(pushed(holder.writes, p.name, p.write));
    }
  });
  for (const list of touched) list.sort(byOffset);
}

/** `WalkChanges.channels`: the changed parts by the place they took or left among the kept statements. */
function changedChannels(changed: readonly { part: Part; slot: number; gone: boolean }[], module: Scope): Set<string> {
  const bySlot = new Map<number, { part: Part; gone: boolean }[]>();
  for (const { part, slot, gone } of changed) push(bySlot, slot, { part, gone });
  const names = new Set<string>();
  for (const parts of bySlot.values()) {
    const effects = parts.map(({ part }) => channelEffects(part, module));
    const replaced = parts.length === 2 && parts[0].gone !== parts[1].gone;
    for (const [name, effect] of effects.flatMap((e) => [...e])) {
      if (replaced && effect !== null && effects[0].get(name) === effects[1].get(name)) continue;
      names.add(name);
    }
  }
  return names;
}

/**
 * The module-level names a part binds, defines or may write, each with what its writes look like to a reader in
 * another statement when they all need nothing evaluated (in the walk's order and in offset order), else null.
 */
function channelEffects(part: Part, module: Scope): Map<string, string | null> {
  const { index } = part;
  const writes = new Map<string, NameWrite[] | null>();
  const add = (name: string, write: NameWrite) => {
    const list = writes.get(name);
    if (list === null) return;
    if (!write.fixed) writes.set(name, null);
    else if (list) list.push(write);
    else writes.set(name, [write]);
  };
  for (const [name] of index.moduleTimeline) writes.set(name, null);
  for (const [name] of index.moduleDefs) writes.set(name, null);
  // A write or a passed name an own scope of the statement holds is not the module's.
  for (const w of index.writes) if (!w.holder || w.holder === module) add(w.name, w.write);
  index.escapes.forEach((call, j) => {
    if (!part.readsOnly[j]) for (const p of call.passed) if (!p.holder || p.holder === module) add(p.name, p.write);
  });
  const describe = (w: NameWrite) => `${JSON.stringify(w.fixed)}${w.removes ? 'r' : ''}${w.scope === module ? 'm' : ''}`;
  const effects = new Map<string, string | null>();
  for (const [name, list] of writes) effects.set(name, list && `${list.map(describe).join(' ')}|${[...list].sort(byOffset).map(describe).join(' ')}`);
  return effects;
}

/** Adds `write` to the list of `name`, and returns the list. */
function pushed(writes: Map<string, NameWrite[]>, name: string, write: NameWrite): NameWrite[] {
  const list = writes.get(name);
  if (list) {
    list.push(write);
    return list;
  }
  const made = [write];
  writes.set(name, made);
  return made;
}

function byOffset(a: NameWrite, b: NameWrite): number {
  return a.at - b.at;
}

/** Names of functions passed to calls that register tools (`apis/tools.ts`): `FunctionTool.from_defaults(fn=search)`. */
function registeredTools(calls: readonly { node: SyntaxNode }[], qualify: (node: SyntaxNode) => string | undefined): string[] {
  const names: string[] = [];
  for (const { node: call } of calls) {
    const fn = call.childForFieldName('function');
    const registration = fn ? TOOL_REGISTRATIONS[qualify(fn) ?? ''] : undefined;
    const args = call.childForFieldName('arguments');
    if (!registration || args?.type !== 'argument_list') continue;
    const positional = args.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const keyword = (key: string | number) =>
      typeof key === 'number' ? positional[key] : args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === key)?.childForFieldName('value');
    const add = (node: SyntaxNode | null | undefined) => {
      if (node?.type === 'identifier') names.push(node.text);
    };
    for (const key of [...(registration.positions ?? []), ...(registration.keywords ?? [])]) add(keyword(key));
    for (const key of registration.lists ?? []) {
      const list = keyword(key);
      if (list?.type === 'list' || list?.type === 'tuple') list.namedChildren.forEach(add);
    }
  }
  return names;
}
