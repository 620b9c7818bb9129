import { globMatcher } from './globs';
import type { LineIndex } from './text';
import type { Comment, Finding, Language, PathIgnore, Span } from './types';

/**
 * `ai-lens: ignore[rule-id, other-rule] -- reason` silences its own line (and the next when alone on its line);
 * `ai-lens: ignore-file[rule-id] -- reason` silences the whole file. Only the directive is matched by a regular
 * expression; the reason is the rest of the comment, so the cost stays linear in the comment's length.
 */
const DIRECTIVE = /ai-lens:[ \t]*(ignore|ignore-file)\[([^\]\r\n]*)\]/;
/** What the "Suppress … here" action writes for the user to replace; it is not a reason. */
export const REASON_PLACEHOLDER = '<reason>';

export interface Suppression {
  scope: 'line' | 'file';
  /** Rule ids as written. */
  rules: string[];
  /** Empty when none was given (or only the placeholder): such a suppression silences nothing. */
  reason: string;
  /** The comment. */
  span: Span;
  /** Lines (0-based) a line suppression covers: its own line, and the next when it stands alone on its line. */
  lines: number[];
}

/** A suppression that cannot be honoured as written, reported as an `invalid-suppression` finding at its comment. */
export interface SuppressionProblem {
  span: Span;
  message: string;
}

export function parseSuppressions(comments: readonly Comment[], lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const line = lines.position(comment.span.start).line;
    const before = lines.text.slice(lines.lineStart(line), comment.span.start);
    out.push({
      scope: match[1] === 'ignore-file' ? 'file' : 'line',
      rules: match[2].split(',').map((r) => r.trim()).filter(Boolean),
      reason: reasonOf(comment.text.slice(match.index + match[0].length)),
      span: comment.span,
      lines: /^\s*$/.test(before) ? [line, line + 1] : [line],
    });
  }
  return out;
}

/** The text after `--` (or `:`), without a block comment's closing `*\/` or `-->`. */
function reasonOf(rest: string): string {
  let text = rest.trim();
  if (text.endsWith('*/')) text = text.slice(0, -2).trimEnd();
  else if (text.endsWith('-->')) text = text.slice(0, -3).trimEnd();
  const separator = /^(?:--|:)/.exec(text);
  if (!separator) return '';
  const reason = text.slice(separator[0].length).trim();
  return reason === REASON_PLACEHOLDER ? '' : reason;
}

/** Suppressions that name no rule or an unknown one, or give no reason. */
export function suppressionProblems(suppressions: readonly Suppression[], knownRules: ReadonlySet<string>): SuppressionProblem[] {
  const problems: SuppressionProblem[] = [];
  const directive = (s: Suppression) => (s.scope === 'file' ? 'ignore-file' : 'ignore');
  for (const s of suppressions) {
    if (s.rules.length === 0) problems.push({ span: s.span, message: `\`ai-lens: ${directive(s)}[…]\` names no rule: list the rule ids it silences` });
    const unknown = s.rules.filter((r) => !knownRules.has(r));
    if (unknown.length > 0) {
      problems.push({ span: s.span, message: `unknown rule ${unknown.map((r) => `\`${r}\``).join(', ')} in suppression: it silences nothing` });
    }
    if (!s.reason) {
      problems.push({
        span: s.span,
        message: `suppression without a reason silences nothing: write \`ai-lens: ${directive(s)}[${s.rules.join(', ')}] -- <why this is acceptable>\``,
      });
    }
  }
  return problems;
}

/**
 * Marks the findings that a suppression covers, most specific first: a line comment, a file comment, then a
 * path ignore from the configuration. A suppression without a reason covers nothing.
 */
export function applySuppressions(findings: Finding[], suppressions: readonly Suppression[], ignores: readonly PathIgnore[] = [], relativePath?: string): Finding[] {
  const valid = suppressions.filter((s) => s.reason);
  const pathIgnores = relativePath === undefined ? [] : ignores.filter((i) => matcherFor(i)(relativePath));
  if (valid.length === 0 && pathIgnores.length === 0) return findings;
  // By line, so that a file with a suppression on each of thousands of lines costs linear time.
  const byLine = new Map<number, Suppression[]>();
  for (const s of valid) if (s.scope === 'line') for (const line of s.lines) byLine.set(line, [...(byLine.get(line) ?? []), s]);
  const fileWide = valid.filter((s) => s.scope === 'file');
  for (const finding of findings) {
    const inline = byLine.get(finding.range.start.line)?.find((s) => s.rules.includes(finding.ruleId));
    const file = inline ?? fileWide.find((s) => s.rules.includes(finding.ruleId));
    if (file) {
      finding.suppression = { kind: file.scope === 'file' ? 'file' : 'inline', reason: file.reason, span: file.span };
      continue;
    }
    const configured = pathIgnores.find((i) => i.rules.includes(finding.ruleId));
    if (configured) finding.suppression = { kind: 'config', reason: configured.reason, source: configured.source };
  }
  return findings;
}

const matchers = new WeakMap<PathIgnore, (path: string) => boolean>();

function matcherFor(ignore: PathIgnore): (path: string) => boolean {
  let match = matchers.get(ignore);
  if (!match) matchers.set(ignore, (match = globMatcher(ignore.paths)));
  return match;
}

const COMMENT_PREFIX: Partial<Record<Language, string>> = {
  python: '#',
  terraform: '#',
  cloudformation: '#',
  typescript: '//',
  javascript: '//',
};

/**
 * The text of a suppression comment for a finding, written on its own line above the finding, in the file's comment
 * syntax; undefined where the format has no comments (JSON).
 */
export function suppressionComment(language: Language, isJson: boolean, ruleId: string, indent: string, reason = REASON_PLACEHOLDER): string | undefined {
  const prefix = COMMENT_PREFIX[language];
  if (!prefix || isJson) return undefined;
  return `${indent}${prefix} ai-lens: ignore[${ruleId}] -- ${reason}\n`;
}
