// IPython syntax in notebook cells, made into Python that parses without moving anything: every IPython-only line is
// replaced by Python of the same length, so an offset in the cell is the same offset in the masked text.
//
// IPython recognises its escapes only where a logical line starts (not inside brackets, strings or after a
// backslash), as its own transformers do on Python's tokens (IPython/core/inputtransformer2.py); `logicalLineStarts`
// follows strings, brackets and continuations for that, and nothing more.
import type { Span } from '../types';

/** What a code cell holds, decided by its cell magic (`%%name` on its first non-blank line). */
export type CellRole =
  /** Python, perhaps with line magics and shell escapes. */
  | { kind: 'python' }
  /** A cell magic that runs its body as Python (`%%time`, `%%capture`): the body is analysed. */
  | { kind: 'wrapped'; magic: string }
  /** `%%writefile path`: the body is the file at `path`, analysed as that file, not as part of the notebook's module. */
  | { kind: 'writefile'; magic: string; path: string; append: boolean }
  /** Any other cell magic (`%%bash`, `%%html`, `%%sql`, …): the body is not Python. */
  | { kind: 'other'; magic: string };

/** Cell magics whose body IPython runs as Python (as ruff's notebook support treats them). */
const WRAPPING_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'python', 'python3', 'pypy']);
const WRITEFILE_CELL_MAGICS = new Set(['writefile', 'file']);

/**
 * IPython's line magics, which run without `%` when no variable has the name (automagic): `pip install x` in a cell
 * is `%pip install x`. Only lines that cannot be Python are read so (a name followed by a word).
 */
const AUTOMAGICS = new Set([
  'alias', 'autoreload', 'aimport', 'bookmark', 'cat', 'cd', 'conda', 'config', 'cp', 'dhist', 'dirs', 'env', 'history',
  'load', 'load_ext', 'ls', 'lsmagic', 'mamba', 'matplotlib', 'micromamba', 'mkdir', 'mv', 'pip', 'popd', 'pushd',
  'pwd', 'pylab', 'reload_ext', 'reset', 'rm', 'rmdir', 'run', 'set_env', 'store', 'sx', 'system', 'unalias',
  'unload_ext', 'who', 'whos', 'xmode',
]);
/** Words that may follow a name in Python: `pip in packages` is a comparison, not a magic. */
const PYTHON_INFIX_WORDS = new Set(['in', 'is', 'and', 'or', 'not', 'if', 'else', 'for', 'as']);
/** Statements that cannot follow `if 1:` on one line, so `%time for …` is masked instead. */
const COMPOUND_STATEMENT = /^(?:async|class|def|for|if|try|while|with|match|@)\b/;

const CELL_MAGIC = /^%%([A-Za-z_][\w.-]*)[ \t]*(.*)$/;

/**
 * A quick test for cells that hold nothing IPython could read as its own (most cells): no line that starts with an
 * escape (`%`, `!`, `?`, …) or an automagic's name and a blank, or ends with `?`, and no `= !` or `= %`. A cell that
 * passes is scanned line by line.
 */
const MAY_HOLD_IPYTHON = new RegExp(`^[ \\t]*(?:[%!?/,;]|(?:${[...AUTOMAGICS].join('|')})[ \\t])|=[ \\t]*[!%]|\\?[ \\t]*$`, 'm');

/** The role of a code cell, from its cell magic. */
export function cellRole(text: string): CellRole {
  const first = firstNonBlankLine(text);
  const match = first === undefined ? null : CELL_MAGIC.exec(first.trimEnd());
  if (!match) return { kind: 'python' };
  const [, magic, args] = match;
  if (WRAPPING_CELL_MAGICS.has(magic)) return { kind: 'wrapped', magic };
  if (WRITEFILE_CELL_MAGICS.has(magic)) {
    const words = args.split(/\s+/).filter(Boolean);
    const append = words.some((w) => w === '-a' || w === '--append');
    const path = unquote(words.filter((w) => !w.startsWith('-')).join(' '));
    return path ? { kind: 'writefile', magic, path, append } : { kind: 'other', magic };
  }
  return { kind: 'other', magic };
}

/** The cell's text as the file a `%%writefile` cell writes: the magic's line blanked, the body as it is. */
export function writtenFileText(text: string): string {
  const start = text.search(/\S/);
  if (start < 0) return text;
  const end = lineEndAt(text, start);
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

export interface MaskedCell {
  /** The cell as Python: the same length as the cell, with IPython-only text replaced. */
  text: string;
  /** The replaced regions (offsets in the cell). */
  masked: Span[];
}

/**
 * A Python (or `wrapped`) cell as Python of the same length. A line that is all IPython (`%pip …`, `!ls`, `x?`,
 * `pip install x`, a cell magic's line) becomes `_#…`: an expression statement and a comment, so a block whose only
 * statement was a magic still parses and a secret typed into `%env` is still read; the right-hand side of `x = !ls`
 * becomes `_#…`, a name whose value is unknown; `%time stmt` becomes `if 1: stmt`. A magic continued with a trailing
 * backslash continues as comments.
 */
export function maskIPython(text: string): MaskedCell {
  if (!MAY_HOLD_IPYTHON.test(text)) return { text, masked: [] };
  const masked: Span[] = [];
  let out = '';
  let copied = 0;
  const replace = (start: number, end: number, replacement: string) => {
    out += text.slice(copied, start) + replacement;
    copied = end;
    masked.push({ start, end });
  };
  let magicContinues = false;
  for (const line of logicalLines(text)) {
    const { start, end, logicalStart } = line;
    const body = text.slice(start, end);
    const indent = /^[ \t]*/.exec(body)![0].length;
    const content = body.slice(indent).trimEnd();
    if (magicContinues) {
      // The rest of a magic continued with `\`: a comment (its indentation does not count).
      if (content) replace(start + indent, start + indent + 1, '#');
      magicContinues = content.endsWith('\\');
      continue;
    }
    if (!logicalStart || !content || content.startsWith('#')) continue;
    const from = start + indent;
    const masking = maskedLine(content);
    if (!masking) continue;
    const { offset, replacement } = masking;
    replace(from + offset, from + offset + replacement.length, replacement);
    magicContinues = masking.continues;
  }
  out += text.slice(copied);
  return { text: out, masked };
}

interface LineMasking {
  /** Where the replacement starts, from the line's first non-blank character. */
  offset: number;
  replacement: string;
  /** The magic goes on to the next line (a trailing backslash). */
  continues: boolean;
}

/** How a logical line's content (indentation and trailing blanks removed) is masked, or undefined when it is Python. */
function maskedLine(content: string): LineMasking | undefined {
  const continues = content.endsWith('\\');
  const whole = (): LineMasking => ({ offset: 0, replacement: filler(content), continues });
  // A cell magic's own line (of a cell whose body is Python), or one out of place, which IPython refuses.
  if (content.startsWith('%%')) return whole();
  const timed = /^%(time|timeit)([ \t]+)(?=\S)/.exec(content);
  if (timed && !continues) {
    const statement = content.slice(timed[0].length);
    if (!statement.startsWith('-') && !COMPOUND_STATEMENT.test(statement)) {
      return { offset: 0, replacement: 'if 1:'.padEnd(timed[0].length), continues: false };
    }
  }
  if (/^[%!?]/.test(content) || /^[/,;][A-Za-z_]/.test(content)) return whole();
  if (isHelpLine(content)) return whole();
  const assigned = /^[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*(?=[!%])/.exec(content);
  if (assigned) return { offset: assigned[0].length, replacement: filler(content.slice(assigned[0].length)), continues };
  if (isAutomagic(content)) return whole();
  return undefined;
}

/** `_#` and the rest of the text: as long as `text`, a valid statement or expression followed by a comment. */
function filler(text: string): string {
  return text.length <= 1 ? '_' : '_#' + text.slice(2);
}

/** `x?`, `x.method??`, `%magic?`: help requests, never valid Python. */
function isHelpLine(content: string): boolean {
  return /^[%]{0,2}[A-Za-z_][\w.*]*\?{1,2}$/.test(content);
}

function isAutomagic(content: string): boolean {
  const match = /^([A-Za-z_]\w*)[ \t]+(\S+)/.exec(content);
  if (!match || !AUTOMAGICS.has(match[1]) || PYTHON_INFIX_WORDS.has(match[2])) return false;
  // A word, a path, an option or a quoted name after the name: `pip install`, `cd ..`, `ls -la`, `env X=1`.
  return /^(?:[\w"'~$/-]|\.\.?(?:\/|$))/.test(match[2]);
}

interface Line {
  start: number;
  /** End of the line's text, before its line break. */
  end: number;
  /** True when a new Python logical line starts here (not inside brackets, a string or a continued line). */
  logicalStart: boolean;
}

/** The lines of a cell, each marked where a logical line starts. */
export function* logicalLines(text: string): Generator<Line> {
  const state: ScanState = { depth: 0, quote: undefined, continued: false };
  for (let start = 0; start <= text.length; ) {
    const end = lineEndAt(text, start);
    const logicalStart = state.depth === 0 && state.quote === undefined && !state.continued;
    yield { start, end, logicalStart };
    scanLine(text, start, end, state);
    if (end >= text.length) break;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
}

interface ScanState {
  /** Open brackets. */
  depth: number;
  /** The quote of the string the line ends in (`"`, `'''`, …), when it continues onto the next line. */
  quote: string | undefined;
  /** The line ended with a backslash outside a string. */
  continued: boolean;
}

/**
 * Follows strings, comments, brackets and backslash continuations through one line: enough to know where the next
 * logical line starts. String prefixes change nothing here; an escaped quote never ends a string, raw or not.
 */
function scanLine(text: string, start: number, end: number, state: ScanState): void {
  state.continued = false;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (state.quote !== undefined) {
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (text.startsWith(state.quote, i)) {
        i += state.quote.length;
        state.quote = undefined;
        continue;
      }
      i++;
      continue;
    }
    if (c === '#') break;
    if (c === '"' || c === "'") {
      state.quote = text.startsWith(c + c + c, i) ? c + c + c : c;
      i += state.quote.length;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') state.depth++;
    else if (c === ')' || c === ']' || c === '}') state.depth = Math.max(0, state.depth - 1);
    else if (c === '\\' && i === end - 1) state.continued = true;
    i++;
  }
  // A one-quote string ends with its line unless a backslash continues it (an unclosed one is an error: let it go).
  if (state.quote !== undefined && state.quote.length === 1 && !(i > end && text[end - 1] === '\\')) state.quote = undefined;
}

function lineEndAt(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  let end = n < 0 ? text.length : n;
  if (end > from && text[end - 1] === '\r') end--;
  const cr = text.indexOf('\r', from);
  return cr >= 0 && cr < end ? cr : end;
}

function firstNonBlankLine(text: string): string | undefined {
  for (const line of logicalLines(text)) {
    const body = text.slice(line.start, line.end);
    if (body.trim()) return body.trimStart();
  }
  return undefined;
}

function unquote(word: string): string {
  const match = /^(["'])(.*)\1$/.exec(word);
  return match ? match[2] : word;
}
