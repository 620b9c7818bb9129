// Parse only what can matter: which files some rule or evidence detector may find something in, by their text alone.

/**
 * What must occur in a file's text for a rule or evidence detector to find anything in it (or, for a cross-file rule,
 * to read anything of it): any one of these strings, in any case (`sagemaker` matches `aws_sagemaker_`,
 * `AWS::SageMaker::` and `import sagemaker`), or a match of one of these patterns as written (for names too short
 * or too common to look for as text: `/\bai\b/`). A superset is fine: it only costs a parse. A rule or detector that
 * declares none runs on every file.
 */
export type Triggers = readonly (string | RegExp)[];

/**
 * The triggers of the rules and detectors that run, as one test of a file's text. `of` gives none when one of them
 * declares no triggers: every file may matter then.
 */
export class TriggerSet {
  private constructor(
    /** The strings, as one case-insensitive pattern; null when there are none. */
    private readonly words: RegExp | null,
    private readonly patterns: readonly RegExp[],
  ) {}

  static of(lists: readonly (Triggers | undefined)[]): TriggerSet | undefined {
    if (lists.some((list) => list === undefined)) return undefined;
    const words = new Set<string>();
    const patterns = new Map<string, RegExp>();
    for (const trigger of lists.flatMap((list) => list!)) {
      if (typeof trigger === 'string') words.add(trigger.toLowerCase());
      else patterns.set(`${trigger.source}/${trigger.flags}`, withoutState(trigger));
    }
    return new TriggerSet(wordPattern(words), [...patterns.values()]);
  }

  /** True when some trigger occurs in `text`. */
  occursIn(text: string): boolean {
    return (this.words !== null && this.words.test(text)) || this.patterns.some((p) => p.test(text));
  }
}

/**
 * Which of several trigger lists occur in a text (`occurring`), from one pass of one pattern over it: the rules that run
 * on a parsed file are only those whose own triggers occur in it (`Engine.runRules`). A list that is undefined (no
 * triggers declared) always occurs.
 */
export class TriggerIndex {
  /** The strings no other holds (`wordPattern`), as one global pattern; null when there are none. */
  private readonly kept: RegExp | null;
  /** For each list: its strings, each with the kept strings it holds (itself, when kept), and its patterns. */
  private readonly lists: ({ words: { word: string; holds: string[] }[]; patterns: RegExp[] } | undefined)[];

  constructor(lists: readonly (Triggers | undefined)[]) {
    const words = new Set(lists.flatMap((list) => (list ?? []).flatMap((t) => (typeof t === 'string' && asciiWord(t) ? [t.toLowerCase()] : []))));
    const kept = keptWords(words);
    this.kept = kept.length ? new RegExp(kept.sort().map(escape).join('|'), 'gi') : null;
    const patterns = new Map<string, RegExp>();
    const pattern = (trigger: RegExp) => {
      const key = `${trigger.source}/${trigger.flags}`;
      if (!patterns.has(key)) patterns.set(key, withoutState(trigger));
      return patterns.get(key)!;
    };
    this.lists = lists.map((list) => {
      if (!list) return undefined;
      const strings = list.filter((t): t is string => typeof t === 'string' && t.length > 0);
      return {
        words: strings.filter(asciiWord).map((w) => ({ word: w.toLowerCase(), holds: kept.filter((k) => w.toLowerCase().includes(k)) })),
        // A string with other than ASCII letters is matched as `TriggerSet` matches it, by a pattern of its own.
        patterns: [...strings.filter((w) => !asciiWord(w)).map((w) => pattern(new RegExp(escape(w.toLowerCase()), 'i'))), ...list.filter((t): t is RegExp => typeof t !== 'string').map(pattern)],
      };
    });
  }

  /** For each list, in order: whether one of its triggers occurs in `text`. */
  occurring(text: string): boolean[] {
    const found = new Set<string>();
    if (this.kept) {
      // Every place a kept string starts: only one can start at a place (two that did would hold one another).
      this.kept.lastIndex = 0;
      for (let match = this.kept.exec(text); match; match = this.kept.exec(text)) {
        found.add(match[0].toLowerCase());
        this.kept.lastIndex = match.index + 1;
      }
    }
    let lower: string | undefined;
    const tested = new Map<RegExp, boolean>();
    const occurs = ({ word, holds }: { word: string; holds: string[] }) =>
      found.has(word) || (holds.some((k) => found.has(k)) && (lower ??= text.toLowerCase()).includes(word));
    const matches = (pattern: RegExp) => {
      let result = tested.get(pattern);
      if (result === undefined) tested.set(pattern, (result = pattern.test(text)));
      return result;
    };
    return this.lists.map((list) => list === undefined || list.words.some(occurs) || list.patterns.some(matches));
  }
}

/** Letters, digits and ASCII punctuation: lowercased, such a string matches as it does case-insensitively. */
function asciiWord(word: string): boolean {
  return /^[\x20-\x7e]+$/.test(word);
}

/** The strings none of the others holds (`invoke_model` makes `invoke_model_with_response_stream` redundant). */
function keptWords(words: ReadonlySet<string>): string[] {
  return [...words].filter((w) => w.length > 0 && ![...words].some((other) => other !== w && other.length > 0 && w.includes(other)));
}

/**
 * One alternation of the strings, each once and none that holds another (`invoke_model` makes
 * `invoke_model_with_response_stream` redundant): a regular expression scans a file for a hundred strings at a few
 * milliseconds per megabyte, a hundred `includes` calls at a hundred times that.
 */
function wordPattern(words: ReadonlySet<string>): RegExp | null {
  const kept = keptWords(words);
  if (kept.length === 0) return null;
  return new RegExp(kept.sort().map(escape).join('|'), 'i');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `test` on a global or sticky pattern moves its `lastIndex`; a copy without those flags has no state. */
function withoutState(pattern: RegExp): RegExp {
  return pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
}
