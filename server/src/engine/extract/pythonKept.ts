// Python facts kept per top-level statement from one analysis of a file to the next (the language server's edits).
//
// A statement's facts (its calls with their arguments, dict and tuple literals, what its functions return, its exits)
// are worked out from its own syntax and from what it reads of the rest of the module, which the extractor records
// while it evaluates the statement (`StatementReads`):
// - the imports a name is looked up in (`json` → `json`), anywhere in the module;
// - the module-level names it reads, from the statement it reads them in: each name's bindings, the writes to its
//   value (`d["k"] = v`, a dict passed to a call) and its definitions, by the node that makes each and whether that is
//   before, after or where in the reading statement (`channelFingerprint` in `python.ts`); following a name into
//   another statement's value records that statement's reads too;
// - the receiver types of names and attributes, worked out over the whole module (`client` → `boto3:bedrock-runtime`);
// - names bound once to `functools.partial(…)`; what class attributes (`self.x`) are assigned;
// - the statements whose call facts its origins name;
// - the module's flags: an action-group handler, MCP imported, the functions registered as tools.
// After an edit a statement's facts are kept when its syntax snapshot is the same object (`StatementSnapshots`: the
// same text) and each thing it read reads the same in the new version, and every statement whose call facts they
// name is kept too; they are moved in place to the statements' new places (`pythonShift.ts`). The others are
// evaluated again. Nothing new is kept from an analysis that did not finish (a deadline): `keep` runs last; what was
// kept and moved stays kept, as the facts of the version they were moved to.
import { Deadline } from '../budget';
import { StatementSnapshots, type SyntaxNode } from '../parsers/syntax';
import type { CallFact, ExitFact, Value } from '../types';
import { FactShifter, GoneStatement, maxOffsetOf, placesOf, type Moves } from './pythonShift';
import { PlaceRegistry, type Places } from './places';
import { KeptWalk } from './pythonModuleIndex';
import { ReadIndex } from './pythonReadIndex';

/** What the extractor worked out for one top-level statement. */
export interface StatementFacts {
  /** Its call facts, by the call's node (origins in other statements find them by it). */
  calls: { node: SyntaxNode; fact: CallFact }[];
  literals: Value[];
  /** For each function it defines (in the walk's order): what it returns, and its parameters' defaults. */
  functions: { returns: Value[]; defaults: (Value | undefined)[] }[];
  exits: ExitFact[];
  /** Keys its code reads the results of calls by (any statement's calls). */
  resultKeys: { call: CallFact; key: string }[];
}

/** What a statement's evaluation read beyond its own syntax, with what it found. */
export class StatementReads {
  /** Import lookups: name → qualified name (undefined: not imported). */
  readonly aliases = new Map<string, string | undefined>();
  /** Module-level names read, by reading statement and name. */
  readonly channels = new Map<string, { name: string; reader: SyntaxNode; fingerprint: string }>();
  /** `depth:name` → receiver type. */
  readonly receiverTypes = new Map<string, string | undefined>();
  /** Name → the id of the only expression it is bound to anywhere (0: none, or several). */
  readonly partials = new Map<string, number>();
  /** `C.x` → what is known of it. */
  readonly attributes = new Map<string, string>();
  /** Top-level statements whose call facts this statement's facts name. */
  readonly calls = new Set<SyntaxNode>();
}

/** The new version of the module, as the kept facts ask it what their statements read. */
export interface ModuleEnvironment {
  statements: readonly SyntaxNode[];
  /** Everything every statement may read about the whole module, as one string. */
  flags: string;
  alias(root: string): string | undefined;
  channel(name: string, reader: number): string;
  receiverType(key: string): string | undefined;
  /** The names whose assignments and annotations a receiver type is worked out from. */
  receiverTypeDependencies(key: string): readonly string[];
  partial(name: string): number;
  attribute(key: string): string;
}

/** A binding (`t`), a write (`w`) or a definition (`d`) of a module-level name, where it is made and what it is. */
export interface ChannelEntry {
  list: 't' | 'w' | 'd';
  at: number;
  /** What it binds or writes: a node's id, or a write that needs nothing evaluated, as written. */
  what: string;
  /** A write that needs nothing evaluated: making it twice in a row is making it once. */
  fixed?: boolean;
}

/**
 * What a read of a module-level name from statement `reader` can see of its bindings, writes and definitions, as a
 * string that is the same whenever the read would see the same. Each is named by its node (the same node: the same
 * statement text), or by the write itself when it needs nothing evaluated (a dict passed to a call), and placed by its
 * statement: before or after the reader, in statement order, each list in its order; its offset in its statement
 * matters only in the reader and in statements that bind the name too. Writes that need nothing evaluated, made in a
 * row in statements with no binding, count once: a function more or less that passes `MODEL_ID` to a call does not
 * change what the others read.
 */
export function describeChannel(groups: readonly ChannelGroup[], reader: number, starts: readonly number[]): string {
  const parts: string[] = [];
  for (const { statement: i, entries } of groups) {
    const where = i < reader ? 'b' : i > reader ? 'a' : 'r';
    const placed = i === reader || entries.some((e) => e.list !== 'w');
    for (const e of entries) {
      const part = `${where}${e.list}${placed ? `@${e.at - starts[i]}` : ''}:${e.what}`;
      if (e.fixed && !placed && parts[parts.length - 1] === part) continue;
      parts.push(part);
    }
  }
  return parts.join(' ');
}

/** A name's bindings, writes and definitions made in one statement, in their lists' order. */
export interface ChannelGroup {
  statement: number;
  entries: ChannelEntry[];
}

/** The entries by statement, in statement order. */
export function groupChannel(entries: readonly ChannelEntry[], statementAt: (offset: number) => number): ChannelGroup[] {
  const byStatement = new Map<number, ChannelEntry[]>();
  for (const e of entries) {
    const i = statementAt(e.at);
    const group = byStatement.get(i);
    if (group) group.push(e);
    else byStatement.set(i, [e]);
  }
  return [...byStatement.keys()].sort((a, b) => a - b).map((statement) => ({ statement, entries: byStatement.get(statement)! }));
}

/**
 * Where a reader is among the groups, for remembering descriptions: readers between the same two groups see the
 * same; a reader with a group of its own sees its own.
 */
export function readerPlace(groups: readonly ChannelGroup[], reader: number): string {
  let low = 0;
  let high = groups.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (groups[mid].statement < reader) low = mid + 1;
    else high = mid;
  }
  return groups[low]?.statement === reader ? `r${reader}` : `k${low}`;
}

interface Kept {
  facts: StatementFacts;
  reads: StatementReads;
  /** The greatest offset its facts hold. */
  maxOffset: number;
  /** The objects of its facts that hold places, listed when they were first moved. */
  places?: Places;
}

/** One file's Python facts by top-level statement, kept for its next analysis (an editor's open document). */
export class KeptPythonFacts {
  readonly snapshots = new StatementSnapshots();
  /** What the walk found in each statement (`pythonModuleIndex.ts`). */
  readonly walk = new KeptWalk();
  private kept = new Map<SyntaxNode, Kept>();
  private flags?: string;
  /** The statements, and where they started, in the version the kept facts were made from. */
  private statements: readonly SyntaxNode[] = [];
  private starts: readonly number[] = [];
  /** How many statements' facts the last analysis reused (moved or as they were), and evaluated. */
  readonly last = { reused: 0, moved: 0, evaluated: 0 };
  /** What `reuse` kept for the analysis under way, for `keep` when it completes. */
  private reused = new Map<SyntaxNode, Kept>();
  private readonly registry = new PlaceRegistry();
  /** Which kept statements read what, as of the walk's version `indexed` (-1: none). */
  private readonly readIndex = new ReadIndex();
  private indexed = -1;
  /** How many kept statements the last analysis checked, and whether it checked them all. */
  readonly checked = { statements: 0, all: false };

  /** Forgets every statement's facts (something changed them after extraction). */
  forget(): void {
    this.kept = new Map();
    this.flags = undefined;
    this.readIndex.clear();
    this.indexed = -1;
  }

  /**
   * The facts that hold in the new version, moved in place to their statements' new places, by statement. The
   * previous version's facts are those objects: nothing may read them any more.
   */
  reuse(environment: ModuleEnvironment, deadline: Deadline): Map<SyntaxNode, StatementFacts> {
    this.reused = new Map();
    if (environment.flags !== this.flags || this.kept.size === 0) return new Map();
    const index = new Map<SyntaxNode, number>();
    environment.statements.forEach((s, i) => index.set(s, i));
    const valid = this.validFacts(environment, index, deadline);
    const moves = this.movesTo(index);
    let firstMoved = Infinity;
    moves.deltas.forEach((delta, i) => {
      if (delta !== 0 && !Number.isNaN(delta)) firstMoved = Math.min(firstMoved, this.starts[i]);
    });
    // Facts entirely before the first statement that moved are kept as they are (call facts they name are the same objects).
    const asIs = new Set([...valid].filter(([, k]) => k.maxOffset < firstMoved).map(([statement]) => statement));
    const reused = new Map<SyntaxNode, Kept>();
    const shifter = new FactShifter(moves);
    if (this.registry.full) {
      this.registry.reset();
      for (const kept of this.kept.values()) kept.places = undefined;
    }
    this.registry.startMoving();
    let moved = 0;
    try {
      for (const [statement, kept] of valid) {
        if (asIs.has(statement)) {
          reused.set(statement, kept);
          continue;
        }
        const places = kept.places ?? placesOf(kept.facts, this.registry);
        const maxOffset = this.registry.move(places, shifter);
        // A new span object even where the call did not move: its arguments may have (a value read from a statement
        // after it), and what is kept of it by identity (`KeptItems` in `workspaceFacts.ts`) must be made again.
        for (const { fact } of kept.facts.calls) fact.span = { start: fact.span.start, end: fact.span.end };
        reused.set(statement, { facts: kept.facts, reads: kept.reads, maxOffset, places });
        moved++;
      }
    } catch (error) {
      // Some facts were moved and others not: none is kept.
      this.forget();
      if (error instanceof GoneStatement) return new Map();
      throw error;
    }
    this.last.moved = moved;
    // The facts moved in place are the new version's now: an analysis cut short after this starts the next from them.
    for (const [statement, kept] of this.kept) if (!reused.has(statement)) this.readIndex.remove(statement, kept.reads);
    this.indexed = this.walk.changes.version;
    this.kept = reused;
    this.statements = environment.statements;
    this.starts = environment.statements.map((s) => s.startIndex);
    this.reused = reused;
    return new Map([...reused].map(([statement, kept]) => [statement, kept.facts]));
  }

  /** Keeps the facts of the version just analysed; `reads` is undefined for the statements whose facts were reused. */
  keep(environment: ModuleEnvironment, statements: readonly { statement: SyntaxNode; facts: StatementFacts; reads?: StatementReads }[]): void {
    const kept = new Map<SyntaxNode, Kept>();
    // The index is of the version the reused facts were checked in, this one, or it is made again.
    const rebuild = this.reused.size === 0 || this.indexed !== this.walk.changes.version;
    if (rebuild) this.readIndex.clear();
    for (const { statement, facts, reads } of statements) {
      const reused = reads ? undefined : this.reused.get(statement);
      if (reads) kept.set(statement, { facts, reads, maxOffset: maxOffsetOf(facts) });
      else if (reused) kept.set(statement, reused);
      else continue;
      if (reads || rebuild) this.readIndex.add(statement, kept.get(statement)!.reads, environment);
    }
    this.indexed = this.walk.changes.version;
    this.kept = kept;
    this.last.reused = this.reused.size;
    this.last.evaluated = statements.length - this.reused.size;
    this.reused = new Map();
    this.flags = environment.flags;
    this.statements = environment.statements;
    this.starts = environment.statements.map((s) => s.startIndex);
  }

  /**
   * The kept facts whose statements read the same in the new version, and every statement whose call facts they name
   * is kept too. Only the statements that read something the edit changed are checked (`ReadIndex`) when the index is
   * of the version before this one and the walk says which statements changed; else every kept statement is, and the
   * index is made again.
   */
  private validFacts(environment: ModuleEnvironment, index: ReadonlyMap<SyntaxNode, number>, deadline: Deadline): Map<SyntaxNode, Kept> {
    const changes = this.walk.changes;
    const valid = new Map<SyntaxNode, Kept>();
    const incremental = this.indexed === changes.version - 1 && changes.inOrder && !changes.importsChanged;
    const suspects = incremental ? this.readIndex.suspects(changes, environment) : undefined;
    let checked = 0;
    for (const statement of environment.statements) {
      const kept = this.kept.get(statement);
      if (!kept) continue;
      if (!suspects || suspects.has(statement)) {
        deadline.check();
        checked++;
        if (!readsTheSame(kept.reads, environment, index)) continue;
      }
      valid.set(statement, kept);
    }
    dropWhileNamingDropped(valid);
    this.checked.statements = checked;
    this.checked.all = !incremental;
    if (!incremental) {
      // Made again for the new version: the statements that are not valid are removed from it after (`reuse`).
      this.readIndex.clear();
      for (const [statement, kept] of this.kept) if (valid.has(statement)) this.readIndex.add(statement, kept.reads, environment);
    }
    return valid;
  }

  /** How far each statement of the kept version has moved in the new one (NaN: it is not there). */
  private movesTo(index: ReadonlyMap<SyntaxNode, number>): Moves {
    const deltas = this.statements.map((s, i) => (index.has(s) ? s.startIndex - this.starts[i] : NaN));
    return { starts: this.starts, deltas };
  }
}

function readsTheSame(reads: StatementReads, environment: ModuleEnvironment, index: ReadonlyMap<SyntaxNode, number>): boolean {
  for (const [root, qualified] of reads.aliases) if (environment.alias(root) !== qualified) return false;
  for (const { name, reader, fingerprint } of reads.channels.values()) {
    const at = index.get(reader);
    if (at === undefined || environment.channel(name, at) !== fingerprint) return false;
  }
  for (const [key, type] of reads.receiverTypes) if (environment.receiverType(key) !== type) return false;
  for (const [name, id] of reads.partials) if (environment.partial(name) !== id) return false;
  for (const [key, known] of reads.attributes) if (environment.attribute(key) !== known) return false;
  for (const statement of reads.calls) if (!index.has(statement)) return false;
  return true;
}

/** Drops the statements whose facts name call facts of statements not kept, until none do. */
function dropWhileNamingDropped(kept: Map<SyntaxNode, Kept>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const [statement, { reads }] of kept) {
      for (const named of reads.calls) {
        if (named === statement || kept.has(named)) continue;
        kept.delete(statement);
        changed = true;
        break;
      }
    }
  }
}
