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
 * One alternation of the strings, each once and none that holds another (`invoke_model` makes
 * `invoke_model_with_response_stream` redundant): a regular expression scans a file for a hundred strings at a few
 * milliseconds per megabyte, a hundred `includes` calls at a hundred times that.
 */
function wordPattern(words: ReadonlySet<string>): RegExp | null {
  const kept = [...words].filter((w) => w.length > 0 && ![...words].some((other) => other !== w && other.length > 0 && w.includes(other)));
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
