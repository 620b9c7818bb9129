// Which kept Python statements read what (`pythonKept.ts`), so that after an edit only the statements that read
// something the edit may have changed are checked, not every kept statement.
//
// What a statement reads of the rest of the module (`StatementReads`) is worked out from the module's tables, which
// the walk puts together from every statement's part (`pythonModuleIndex.ts`). When the statements kept from the
// version before are in the same order and the imports are the same, a read can give another answer only if a
// statement that changed (is new or gone) holds part of what it is worked out from:
// - a module-level name's bindings, writes and definitions (`channel`): the changed statement binds, defines or
//   writes the name, or passes it to a call (where a function's write goes depends on whether, and where, the module
//   binds the name: that is the name's bindings too); unless it only writes it as the statement it took the place
//   of did (`WalkChanges.channels`);
// - a name bound once to `functools.partial(…)`: the changed statement assigns the name;
// - a class attribute: the changed statement assigns it or changes it in place;
// - a receiver type (`depth:name`): the changed statement assigns or annotates one of the names the type was worked
//   out from (the extractor lists them: `receiverTypeDependencies`); each such type is worked out again and its
//   readers checked when it is not the same;
// - another statement (a name read from it, its call facts named by origins): that statement is gone.
// Those statements are checked as before (`readsTheSame`); the others read what they read. Anything else (the
// imports changed, statements moved past each other, a version walked but not analysed) checks every statement.
import type { SyntaxNode } from '../parsers/syntax';
import type { WalkChanges } from './pythonModuleIndex';
import type { ModuleEnvironment, StatementReads } from './pythonKept';

const CHANNEL = 'c\0';
const PARTIAL = 'p\0';
const ATTRIBUTE = 'a\0';
const RECEIVER = 'r\0';

/** What a receiver type was in the last version it was worked out in, and what it was worked out from. */
interface Receiver {
  type: string | undefined;
  names: readonly string[];
}

export class ReadIndex {
  /** A read (kind and key) → the kept statements that read it. */
  private readers = new Map<string, Set<SyntaxNode>>();
  /** A statement → the kept statements whose reads name it. */
  private naming = new Map<SyntaxNode, Set<SyntaxNode>>();
  /** The receiver types kept statements read, as of the version the index is of. */
  private receivers = new Map<string, Receiver>();
  /** A name → the receiver types worked out from its assignments. */
  private receiversFrom = new Map<string, Set<string>>();

  clear(): void {
    this.readers = new Map();
    this.naming = new Map();
    this.receivers = new Map();
    this.receiversFrom = new Map();
  }

  /** Adds what `statement` read; its receiver types are worked out in `environment` when no kept statement reads them yet. */
  add(statement: SyntaxNode, reads: StatementReads, environment: ModuleEnvironment): void {
    eachRead(
      reads,
      (key) => {
        addTo(this.readers, key, statement);
        if (key.startsWith(RECEIVER) && !this.receivers.has(key.slice(RECEIVER.length))) this.setReceiver(key.slice(RECEIVER.length), environment);
      },
      (named) => addTo(this.naming, named, statement),
    );
  }

  /** Removes what `statement` read (it is no longer kept). */
  remove(statement: SyntaxNode, reads: StatementReads): void {
    eachRead(
      reads,
      (key) => {
        if (removeFrom(this.readers, key, statement) && key.startsWith(RECEIVER)) this.dropReceiver(key.slice(RECEIVER.length));
      },
      (named) => removeFrom(this.naming, named, statement),
    );
  }

  /**
   * The kept statements that may read differently after the changes the walk found; brings the receiver types read
   * up to the new version on the way.
   */
  suspects({ changed, gone, channels }: WalkChanges, environment: ModuleEnvironment): Set<SyntaxNode> {
    const suspects = new Set<SyntaxNode>();
    const add = (key: string) => this.readers.get(key)?.forEach((s) => suspects.add(s));
    const assigned = new Set<string>();
    for (const name of channels) add(CHANNEL + name);
    for (const index of changed) {
      for (const [name] of index.bindings) assigned.add(name);
      for (const [name] of index.annotated) assigned.add(name);
      for (const [key] of index.attributes) add(ATTRIBUTE + key);
      for (const key of index.attributesWritten) add(ATTRIBUTE + key);
    }
    for (const statement of gone) this.naming.get(statement)?.forEach((s) => suspects.add(s));
    const receivers = new Set<string>();
    for (const name of assigned) {
      add(PARTIAL + name);
      this.receiversFrom.get(name)?.forEach((key) => receivers.add(key));
    }
    for (const key of receivers) {
      const was = this.receivers.get(key)!.type;
      this.dropReceiver(key);
      if (this.setReceiver(key, environment) !== was) add(RECEIVER + key);
    }
    return suspects;
  }

  private setReceiver(key: string, environment: ModuleEnvironment): string | undefined {
    const type = environment.receiverType(key);
    const names = environment.receiverTypeDependencies(key);
    this.receivers.set(key, { type, names });
    for (const name of names) addTo(this.receiversFrom, name, key);
    return type;
  }

  private dropReceiver(key: string): void {
    const receiver = this.receivers.get(key);
    if (!receiver) return;
    this.receivers.delete(key);
    for (const name of receiver.names) removeFrom(this.receiversFrom, name, key);
  }
}

/** Each read's key (its kind and what it reads), and each statement the reads name. */
function eachRead(reads: StatementReads, key: (key: string) => void, named: (statement: SyntaxNode) => void): void {
  for (const { name, reader } of reads.channels.values()) {
    key(CHANNEL + name);
    named(reader);
  }
  for (const statement of reads.calls) named(statement);
  for (const name of reads.partials.keys()) key(PARTIAL + name);
  for (const attribute of reads.attributes.keys()) key(ATTRIBUTE + attribute);
  for (const receiver of reads.receiverTypes.keys()) key(RECEIVER + receiver);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Removes `value` from `key`'s set; whether the set is empty now (and gone). */
function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): boolean {
  const set = map.get(key);
  if (!set) return false;
  set.delete(value);
  if (set.size > 0) return false;
  map.delete(key);
  return true;
}
