// A TypeScript/JavaScript file's facts kept per top-level statement from one analysis to the next (an editor's
// edits), so that an edit evaluates only the statements it changed and those that read what they bind.
//
// A statement's facts depend on its own syntax and on the module-level names it reads: what other statements bind
// to them (declarations, assignments, imports, `this.<name>` in classes) and write into them (`o.k = v`, `o.push(…)`,
// passing `o` to a call). Each statement is summarized once (`summarize`: the names it may bind or write at module
// level, and every name it reads), over-approximated where the extractor's own scoping is subtle. After an edit:
//
// - the statements that are new (their text changed) are dirty, and so, transitively, is every statement that reads
//   a name a dirty, new or removed statement binds (which statements bind and read each name is kept with the
//   analysis and updated by the statements that came and went: `NameTables`);
// - the dirty statements are evaluated again, together with the statements that bind what they read (transitively:
//   their environment), which are walked for their bindings only (`evaluateStatements`);
// - the other statements' facts are those of the last analysis: as they were when nothing they point into moved,
//   else moved in place to their new offsets (`Relocation`);
// - what crosses statements after evaluation (the keys read from a call's result, the default export) is set when the
//   statements' facts are combined (`combineStatementFacts`).
//
// When unsure it evaluates more: a statement now before another it came after counts as new; an offset outside every
// kept statement, or a file that uses the CDK (its constructs are read across the whole file afterwards), makes it
// evaluate the whole file. The objects of facts used as they were are the last analysis's: combining sets their
// `resultKeys` (a new array) and `exportDefault` anew.
import type { Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { CONSTRUCT_LIBRARIES } from '../apis/cdkConstructs';
import { StatementSnapshots, walkNamed, type SyntaxNode } from '../parsers/syntax';
import type { CallFact, FileFacts, Language } from '../types';
import { maxOffsetOf, placesIn, Relocation, RelocationMiss, type Move } from './relocate';
import { PlaceRegistry, type Places } from './places';
import { combineStatementFacts, evaluateStatements, type StatementFacts } from './typescript';
import { PartsByKey } from './partTable';

/** Files that may hold CDK constructs: their resources are read across statements (`cdkReferences`, `withCdkConstructs`). */
const CDK_SPECIFIERS = ['aws-cdk', ...CONSTRUCT_LIBRARIES.map((l) => l.typescript)];

/** Each statement's facts, and the greatest offset they hold (-1: not known yet). */
interface Evaluated {
  facts: StatementFacts[];
  maxOffsets: number[];
  /** The places each kept statement's facts hold, once listed. */
  places: (Places | undefined)[];
}

/** What the last analysis left for the next: its statements in order, where each was, and its facts. */
interface Analysis {
  statements: readonly SyntaxNode[];
  index: Map<SyntaxNode, number>;
  starts: number[];
  ends: number[];
  facts: StatementFacts[];
  /** The greatest offset each statement's facts hold. */
  maxOffsets: number[];
  /** The places each statement's facts hold, once listed (`places.ts`). */
  places: (Places | undefined)[];
  /** Which of its statements bind and read each name, once an incremental analysis worked it out (`NameTables`). */
  names?: NameTables;
}

/** The per-statement facts of one file, kept between analyses. The first analysis keeps nothing (a scan reads a file once). */
export class TypeScriptStatements {
  /** The statements' syntax, copied from the tree only where it changed. */
  readonly snapshots = new StatementSnapshots();
  private last?: Analysis;
  private analysed = false;
  private readonly summaries = new WeakMap<SyntaxNode, StatementSummary>();
  private readonly registry = new PlaceRegistry();
  /** Which statements bind and read each name, as of the analysis under way. */
  private current?: NameTables;
  /** How the last analysis went, for tests and benches: statements evaluated, walked, and all. */
  lastRun = { evaluated: 0, walked: 0, statements: 0, moved: 0 };

  /** The name tables the next analysis starts from, with the statements they are of (none: it works them out); for tests. */
  get nameTables(): { tables: NameTables; statements: readonly SyntaxNode[] } | undefined {
    return this.last?.names && { tables: this.last.names, statements: this.last.statements };
  }

  /** Whether the last analysis is kept for the next. */
  get keeps(): boolean {
    return this.last !== undefined;
  }

  extract(program: SyntaxNode, tree: Tree, text: string, language: Language, deadline: Deadline): FileFacts {
    const statements = program.namedChildren;
    const usesCdk = CDK_SPECIFIERS.some((s) => text.includes(s));
    const kept = this.last && !usesCdk ? this.incremental(statements, text, deadline) : undefined;
    const { facts, maxOffsets, places } = kept ?? this.whole(statements, text, deadline);
    const combined = combineStatementFacts(facts, { tree, text, language, deadline });
    const keep = this.analysed && !usesCdk;
    this.analysed = true;
    this.last = undefined;
    if (keep) {
      const index = new Map(statements.map((s, i) => [s, i]));
      const offsets = maxOffsets.map((max, i) => (max >= 0 ? max : maxOffsetOf(facts[i])));
      this.last = { statements, index, starts: statements.map((s) => s.startIndex), ends: statements.map((s) => s.endIndex), facts, maxOffsets: offsets, places, names: kept ? this.current : undefined };
    }
    return combined;
  }

  private whole(statements: readonly SyntaxNode[], text: string, deadline: Deadline): Evaluated {
    const byStatement = evaluateStatements(statements, { text, deadline, emit: new Set(statements), keptCall: () => undefined });
    this.lastRun = { evaluated: statements.length, walked: statements.length, statements: statements.length, moved: 0 };
    return { facts: statements.map((s) => byStatement.get(s)!), maxOffsets: statements.map(() => -1), places: [] };
  }

  /**
   * The statements' facts, evaluating only the dirty ones; undefined when the whole file must be evaluated. A clean
   * statement's facts are used as they were when nothing they point into moved, else moved in place to the new places.
   */
  private incremental(statements: readonly SyntaxNode[], text: string, deadline: Deadline): Evaluated | undefined {
    const last = this.last!;
    // Its facts are moved in place below: an analysis cut short from here keeps nothing for the next.
    this.last = undefined;
    const was = keptInOrder(statements.map((s) => last.index.get(s) ?? -1));
    const summaryOf = (s: SyntaxNode) => this.summaryOf(s, deadline);
    const summaries = statements.map(summaryOf);
    // The last analysis's tables, updated to this one by the statements that came and went.
    const names = last.names ?? NameTables.of(last.statements.map(summaryOf));
    const before = names.update(was, summaries);
    this.current = names;
    const dirty = dirtyStatements(was, summaries, removedBinds(last, statements, summaryOf), names, (name) => !names.manyBinders(name, before));
    if (this.registry.full) {
      this.registry.reset();
      last.places = [];
    }
    const kept = keptFacts(last, statements, was, dirty, this.registry);
    if (!kept) return undefined;
    const walked = environmentOf(dirty, summaries, names);
    const calls = new Map<string, CallFact>();
    for (const i of walked) for (const call of kept.facts[i]?.calls ?? []) calls.set(spanKey(call.span.start, call.span.end), call);
    const emit = new Set([...dirty].map((i) => statements[i]));
    const fresh = evaluateStatements(
      walked.map((i) => statements[i]),
      { text, deadline, emit, keptCall: (node) => calls.get(spanKey(node.startIndex, node.endIndex)) },
    );
    this.lastRun = { evaluated: dirty.size, walked: walked.length, statements: statements.length, moved: kept.moved };
    return { facts: statements.map((s, i) => kept.facts[i] ?? fresh.get(s)!), maxOffsets: kept.maxOffsets, places: kept.places };
  }

  private summaryOf(statement: SyntaxNode, deadline: Deadline): StatementSummary {
    let summary = this.summaries.get(statement);
    if (!summary) this.summaries.set(statement, (summary = summarize(statement, deadline)));
    return summary;
  }
}

/**
 * The facts of the clean statements (`was`: their index in the last analysis; -1 for new ones): as they were when
 * nothing they point into moved (every offset they hold is before the first statement that moved), else moved in place
 * to the new places. Undefined when an offset is in no kept statement (some facts are moved then: none is kept).
 */
function keptFacts(last: Analysis, statements: readonly SyntaxNode[], was: readonly number[], dirty: ReadonlySet<number>, registry: PlaceRegistry): { facts: (StatementFacts | undefined)[]; maxOffsets: number[]; places: (Places | undefined)[]; moved: number } | undefined {
  const moves: Move[] = [];
  let firstMoved = Infinity;
  was.forEach((j, i) => {
    if (j < 0) return;
    const delta = statements[i].startIndex - last.starts[j];
    moves.push({ start: last.starts[j], end: last.ends[j], delta });
    if (delta !== 0) firstMoved = Math.min(firstMoved, last.starts[j]);
  });
  const relocation = new Relocation(moves);
  const facts: (StatementFacts | undefined)[] = new Array(statements.length);
  const maxOffsets = statements.map(() => -1);
  const places: (Places | undefined)[] = new Array(statements.length);
  let moved = 0;
  registry.startMoving();
  try {
    was.forEach((j, i) => {
      if (j < 0 || dirty.has(i)) return;
      facts[i] = last.facts[j];
      places[i] = last.places[j];
      if (last.maxOffsets[j] < firstMoved) {
        maxOffsets[i] = last.maxOffsets[j];
        return;
      }
      places[i] ??= placesIn(last.facts[j], registry);
      maxOffsets[i] = registry.move(places[i]!, relocation);
      // A new span object even where the call did not move: its arguments may have (a value read from a statement
      // after it), and what is kept of it by identity (`KeptItems` in `workspaceFacts.ts`) must be made again.
      for (const call of last.facts[j].calls) call.span = { start: call.span.start, end: call.span.end };
      moved++;
    });
  } catch (error) {
    if (error instanceof RelocationMiss) return undefined;
    throw error;
  }
  return { facts, maxOffsets, places, moved };
}

function spanKey(start: number, end: number): string {
  return `${start}:${end}`;
}

/**
 * The kept statements' indexes in the last analysis (-1 for new ones), where one that came before another it now
 * follows (a statement's text met twice, the first one edited, gives its snapshot to the second) counts as new.
 */
function keptInOrder(was: number[]): number[] {
  let previous = -1;
  return was.map((j) => {
    if (j <= previous) return -1;
    previous = j;
    return j;
  });
}

/** The names bound by the last analysis's statements that are gone (their snapshots still read as they were). */
function removedBinds(last: Analysis, statements: readonly SyntaxNode[], summaryOf: (s: SyntaxNode) => StatementSummary): Set<string> {
  const present = new Set(statements);
  const names = new Set<string>();
  for (const s of last.statements) if (!present.has(s)) for (const name of summaryOf(s).binds) names.add(name);
  return names;
}

/**
 * The statements to evaluate again: the new ones (`was` -1), those reading a name bound by a removed statement, and,
 * transitively, those reading a name a dirty statement binds.
 */
function dirtyStatements(was: readonly number[], summaries: readonly StatementSummary[], removed: ReadonlySet<string>, names: NameTables, matters: (name: string) => boolean): Set<number> {
  const dirty = new Set<number>();
  const queue: number[] = [];
  const readersOf = (name: string) => {
    if (matters(name)) for (const reader of names.readers.partsHolding(name)) queue.push(reader.order);
  };
  removed.forEach(readersOf);
  was.forEach((j, i) => {
    if (j < 0) queue.push(i);
  });
  while (queue.length > 0) {
    const i = queue.pop()!;
    if (dirty.has(i)) continue;
    dirty.add(i);
    summaries[i].binds.forEach(readersOf);
  }
  return dirty;
}

/**
 * The dirty statements and, transitively, those that bind a name they read, in document order. Of a `this.<name>`
 * bound in several statements two are enough: the extractor reads such a member only when one statement binds it.
 */
function environmentOf(dirty: ReadonlySet<number>, summaries: readonly StatementSummary[], names: NameTables): number[] {
  const walked = new Set<number>();
  const queue = [...dirty];
  const bindersOf = (name: string) => {
    const all = names.binders.partsHolding(name);
    return isMember(name) ? all.slice(0, 2) : all;
  };
  while (queue.length > 0) {
    const i = queue.pop()!;
    if (walked.has(i)) continue;
    walked.add(i);
    summaries[i].reads.forEach((name) => {
      for (const binder of bindersOf(name)) queue.push(binder.order);
    });
  }
  return [...walked].sort((a, b) => a - b);
}

/** A statement's place among the statements of an analysis, and its summary. */
interface NamePart {
  order: number;
  summary: StatementSummary;
}

/**
 * Which statements bind and read each name (`StatementSummary`), kept from one analysis to the next and updated by
 * the statements that came and went (`PartsByKey`), so that an edit does not list every name every statement reads.
 */
export class NameTables {
  readonly binders = new PartsByKey<NamePart, string>();
  readonly readers = new PartsByKey<NamePart, string>();
  /** One per statement of the version the tables are of, in order. */
  private parts: NamePart[] = [];

  static of(summaries: readonly StatementSummary[]): NameTables {
    const tables = new NameTables();
    tables.update(
      summaries.map(() => -1),
      summaries,
    );
    return tables;
  }

  /**
   * Updates the tables to the statements summarized by `summaries`, of which those with an index `was` (≥ 0) are the
   * kept statements of the version the tables are of, in the same order. Returns how many statements bound each
   * `this.<name>` the statements that came or went bind, before.
   */
  update(was: readonly number[], summaries: readonly StatementSummary[]): Map<string, number> {
    const kept = new Set<number>();
    const next: NamePart[] = summaries.map((summary, i) => {
      const j = was[i];
      if (j < 0) return { order: i, summary };
      kept.add(j);
      const part = this.parts[j];
      part.order = i;
      return part;
    });
    const gone = this.parts.filter((_, j) => !kept.has(j));
    const added = next.filter((_, i) => was[i] < 0);
    const before = new Map<string, number>();
    for (const { summary } of [...gone, ...added]) {
      for (const name of summary.binds) if (isMember(name) && !before.has(name)) before.set(name, this.binders.partsHolding(name).length);
    }
    for (const part of gone) {
      this.binders.remove(part, part.summary.binds);
      this.readers.remove(part, part.summary.reads);
    }
    for (const part of added) {
      this.binders.add(part, part.summary.binds);
      this.readers.add(part, part.summary.reads);
    }
    this.binders.update();
    this.readers.update();
    this.parts = next;
    return before;
  }

  /** Each name with the statements (their places) that bind it and that read it, in name order; for tests. */
  describe(): { binders: [string, number[]][]; readers: [string, number[]][] } {
    const listed = (by: PartsByKey<NamePart, string>): [string, number[]][] =>
      [...by.keys()].sort().map((name) => [name, by.partsHolding(name).map((p) => p.order)]);
    return { binders: listed(this.binders), readers: listed(this.readers) };
  }

  /**
   * Whether `name` is a `this.<name>` bound in several statements now and before (`before`, else now): what reads it
   * does not depend on what any of them binds (the extractor follows a member only when one statement binds it).
   */
  manyBinders(name: string, before: ReadonlyMap<string, number>): boolean {
    if (!isMember(name)) return false;
    const now = this.binders.partsHolding(name).length;
    return now >= 2 && (before.get(name) ?? now) >= 2;
  }
}

function isMember(name: string): boolean {
  return name.startsWith('this.');
}


/** The names a top-level statement may bind or write at module level, and every name it reads. */
export interface StatementSummary {
  binds: ReadonlySet<string>;
  reads: ReadonlySet<string>;
}

/** Stands for the file's imports as a whole (read by tool registrations, which look for an MCP server import). */
const IMPORTS = '#imports';
const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function', 'arrow_function', 'method_definition']);
/** Every node either the extractor or its origin tracker opens a scope at. */
const SCOPES = new Set([...FUNCTIONS, 'statement_block', 'class_body', 'for_statement', 'for_in_statement']);
/** Methods the extractor takes to change their receiver (`typescript.ts`'s `MUTATING_METHODS`). */
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'delete', 'clear', 'sort', 'reverse', 'fill']);
const TOOL_REGISTRATIONS = new Set(['tool', 'registerTool']);
const NAMES = ['identifier', 'shorthand_property_identifier_pattern'];

/**
 * Reads every identifier a statement mentions and `this.<name>` members; binds what a declaration outside functions,
 * an import or `require`, an assignment, a write into a value (`o.k = v`, `delete o.k`, `o.push(…)`,
 * `Object.assign(o, …)`) or passing a name to a call may bind or change at module level. A name declared in an
 * enclosing function or block of the statement (a simple `const x`, a simple parameter) before it is assigned there
 * is local, as the extractor and the origin tracker both find it; anything else assigned counts as module-level.
 */
export function summarize(statement: SyntaxNode, deadline = Deadline.never()): StatementSummary {
  const binds = new Set<string>();
  const reads = new Set<string>();
  const locals: { node: SyntaxNode; names: Set<string> }[] = [];
  let functions = 0;
  const isLocal = (name: string) => locals.some((l) => l.names.has(name));
  const declareLocal = (name: SyntaxNode | null | undefined) => {
    if (name?.type === 'identifier' && locals.length > 0) locals[locals.length - 1].names.add(name.text);
  };
  const write = (target: SyntaxNode | null | undefined) => {
    const root = rootIdentifier(target);
    if (root && !isLocal(root.text)) binds.add(root.text);
  };
  const bindAll = (node: SyntaxNode | null) => {
    if (node?.type === 'identifier') binds.add(node.text);
    else for (const n of node?.descendantsOfType(NAMES) ?? []) if (n) binds.add(n.text);
  };
  const enter = (node: SyntaxNode): boolean => {
    if (SCOPES.has(node.type)) {
      locals.push({ node, names: new Set() });
      if (FUNCTIONS.has(node.type)) {
        functions++;
        for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) if (param) declareLocal(parameterName(param));
        declareLocal(node.childForFieldName('parameter'));
      }
    }
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        reads.add(node.text);
        break;
      case 'member_expression':
        if (node.childForFieldName('object')?.type === 'this') reads.add(node.text.replace(/\s+/g, ''));
        break;
      case 'import_statement':
        binds.add(IMPORTS);
        bindAll(node);
        break;
      case 'variable_declarator': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'require') {
          binds.add(IMPORTS);
          bindAll(name);
        }
        if (functions === 0) bindAll(name);
        else declareLocal(name);
        break;
      }
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left');
        write(left);
        // As the extractor counts `this.<name>` bindings: with a value (a statement that binds none must not count).
        if (left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' && node.childForFieldName('right')) binds.add(left.text.replace(/\s+/g, ''));
        break;
      }
      case 'public_field_definition': {
        const name = node.childForFieldName('name');
        if (name && node.childForFieldName('value')) binds.add(`this.${name.text}`);
        break;
      }
      case 'unary_expression':
        if (node.childForFieldName('operator')?.text === 'delete') write(node.childForFieldName('argument'));
        break;
      case 'call_expression':
        callWrites(node, write, reads);
        break;
      case 'for_in_statement':
        for (const n of descendantNames(node.childForFieldName('left'))) write(n);
        break;
      case 'catch_clause':
        for (const n of descendantNames(node.childForFieldName('parameter'))) write(n);
        break;
    }
    return true;
  };
  const leave = (node: SyntaxNode) => {
    if (locals.length > 0 && locals[locals.length - 1].node === node) {
      locals.pop();
      if (FUNCTIONS.has(node.type)) functions--;
    }
  };
  walkNamed(statement, enter, leave, deadline);
  return { binds, reads };
}

/** What a call may change: its receiver (a mutating method, `Object.assign`'s target) and the names passed to it. */
function callWrites(node: SyntaxNode, write: (target: SyntaxNode | null | undefined) => void, reads: Set<string>): void {
  const fn = node.childForFieldName('function');
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is SyntaxNode => !!a);
  for (const arg of args) if (arg.type === 'identifier') write(arg);
  if (fn?.type !== 'member_expression') return;
  const method = fn.childForFieldName('property')?.text ?? '';
  const receiver = fn.childForFieldName('object');
  if (MUTATING_METHODS.has(method)) write(receiver);
  if (receiver?.text === 'Object' && method === 'assign') write(args[0]);
  if (TOOL_REGISTRATIONS.has(method)) reads.add(IMPORTS);
}

/** The identifier a chain of member and index accesses starts from: `o` in `o.a["b"]`. */
function rootIdentifier(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let n = node;
  while (n && (n.type === 'member_expression' || n.type === 'subscript_expression')) n = n.childForFieldName('object');
  return n?.type === 'identifier' ? n : undefined;
}

function descendantNames(node: SyntaxNode | null): SyntaxNode[] {
  if (!node) return [];
  if (node.type === 'identifier') return [node];
  return node.descendantsOfType(NAMES).filter((n): n is SyntaxNode => !!n);
}

/** A parameter's name when it is a plain one (`x`, `x = 1`, `x: T`): both the extractor and the tracker bind it. */
function parameterName(param: SyntaxNode): SyntaxNode | null {
  const pattern = param.type === 'assignment_pattern' ? param.childForFieldName('left') : (param.childForFieldName('pattern') ?? param);
  return pattern?.type === 'identifier' ? pattern : null;
}

