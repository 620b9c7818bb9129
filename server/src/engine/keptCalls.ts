// Which calls of a file the cross-file rules read, and how much of each (`WorkspaceReads.calls`), kept by call across
// edits. A rule's choice sees the file beyond the call only through `KeepInputs`; what it read there is noted with its
// answer, and the answer is worked out again only when the call, or what it read, changed. The language server's
// extractors keep the facts of unchanged statements as the same objects (setting a few fields again, always as new
// values), so a call that is the same object with the same fields holds the same arguments. No rule's choice reads
// where a call is (but through `KeepInputs.isNonTextModel`, which notes the function it is in): a call an edit only
// moved keeps its answer.
import { isNonTextModel } from './apis/bedrock';
import { enclosingFunction } from './enclosing';
import { mayCallProjectFunction } from './flow/summary';
import { localFate } from './rules/support/callers';
import type { CallRead, KeepInputs, WorkspaceReads } from './rules/rule';
import { fieldsOf, PLACES, sameFields } from './factFields';
import { Slot } from './slot';
import type { OutputFate } from './flow/project';
import type { CallFact, FileFacts } from './types';

/** What the cross-file rules read of one call. */
export interface CallReads {
  /** Each rule's answer (`WorkspaceReads.calls`), in the order of the rules given to `CallChoice`. */
  readonly answers: readonly (CallRead | undefined)[];
  /**
   * The flow may follow the call into a function of the project (`mayCallProjectFunction`), so reads its every
   * argument (what each parameter holds there), whichever keys the rules that read it one level deep declare. Asked
   * only of calls a rule that declares its keys reads one level deep.
   */
  readonly flowEveryKey: boolean;
}

/** An answer with what it read: the call's fields, and what `KeepInputs` answered of it (read again to compare). */
interface Noted extends CallReads {
  readonly fields: unknown[];
  /** Some rule reads the call. */
  read: boolean;
  /** Whether the call may call a function of the project, when the answer read it. */
  mayCall?: boolean;
  /** The name of the function the call is in, when the answer read it. */
  enclosing?: { name: string | undefined };
  /** The call's local fate, when the answer read it. */
  fate?: OutputFate;
}

/** The rules' choice of calls, kept by call (`Slot`) from one analysis of a file to the next. */
export class CallChoice {
  private readonly noted = new Slot<CallFact, Noted>('calls read across files');
  private readonly tests: readonly WorkspaceReads['calls'][];
  private readonly firstOnly: readonly number[];
  private readonly declaring: readonly boolean[];

  constructor(
    readers: readonly (WorkspaceReads | undefined)[],
    private readonly readsFlow: boolean,
  ) {
    this.tests = readers.map((r) => r?.calls ?? (() => undefined));
    this.firstOnly = readers.flatMap((r, i) => (r?.firstCallOnly ? [i] : []));
    this.declaring = readers.map((r) => r?.callKeys !== undefined);
  }

  /** The calls of `facts` some rule reads, in file order, with what each rule reads of them (`firstCallOnly` applied). */
  of(facts: FileFacts): (CallReads & { call: CallFact })[] {
    const inputs = new FileInputs(facts);
    const read: (CallReads & { call: CallFact })[] = [];
    const taken = new Set<number>();
    for (const call of facts.calls) {
      let noted = this.noted.get(call);
      if (!noted || !inputs.holds(noted, call)) this.noted.set(call, (noted = this.decide(call, inputs)));
      if (!noted.read) continue;
      let answers = noted.answers;
      for (const i of this.firstOnly) {
        if (answers[i] === undefined) continue;
        if (!taken.has(i)) {
          taken.add(i);
          continue;
        }
        const after = [...answers];
        after[i] = undefined;
        answers = after;
      }
      read.push({ call, answers, flowEveryKey: noted.flowEveryKey });
    }
    return read;
  }

  private decide(call: CallFact, inputs: FileInputs): Noted {
    const noted: Noted = { fields: fieldsOf(call), answers: [], flowEveryKey: false, read: false };
    inputs.noting = noted;
    const answers = this.tests.map((test) => test(call, inputs));
    const flowEveryKey = this.readsFlow && answers.some((a, i) => a === 'outline' && this.declaring[i]) && inputs.mayCallProjectFunction(call);
    inputs.noting = undefined;
    return Object.assign(noted, { answers, flowEveryKey, read: answers.some((a) => a !== undefined) });
  }
}

/** A file as the rules' choice of calls sees it, noting what each answer reads. */
class FileInputs implements KeepInputs {
  noting: Noted | undefined;

  constructor(private readonly facts: FileFacts) {}

  mayCallProjectFunction(call: CallFact): boolean {
    // Several rules ask of the call being decided: answered once.
    if (this.noting?.mayCall !== undefined) return this.noting.mayCall;
    const may = mayCallProjectFunction(call, this.facts);
    if (this.noting) this.noting.mayCall = may;
    return may;
  }

  isNonTextModel(call: CallFact): boolean {
    if (this.noting) this.noting.enclosing = { name: this.enclosingName(call) };
    return isNonTextModel(call, this.facts);
  }

  localFate(call: CallFact): OutputFate {
    const fate = localFate(this.facts, call);
    if (this.noting) this.noting.fate = fate;
    return fate;
  }

  /** The answer noted still holds: the call and what the answer read of the file are as they were. */
  holds(noted: Noted, call: CallFact): boolean {
    if (!sameFields(call, noted.fields, PLACES)) return false;
    if (noted.mayCall !== undefined && noted.mayCall !== mayCallProjectFunction(call, this.facts)) return false;
    if (noted.enclosing && noted.enclosing.name !== this.enclosingName(call)) return false;
    return noted.fate === undefined || noted.fate === localFate(this.facts, call);
  }

  private enclosingName(call: CallFact): string | undefined {
    return enclosingFunction(call.span, this.facts)?.name;
  }
}
