import type { LineIndex } from './text';
import type { Comment, Finding, Language, Span } from './types';

/** `ai-lens: ignore[rule-id, other-rule] -- reason` inside a comment. */
const DIRECTIVE = /ai-lens:\s*ignore\[([^\]]*)\](?:\s*(?:--|:)\s*(.*?))?\s*(?:\*\/|-->)?\s*$/;

export interface Suppression {
  rules: Set<string>;
  reason: string;
  span: Span;
  /** Lines (0-based) whose findings it silences: its own line, and the next when it stands alone on its line. */
  lines: number[];
}

export function parseSuppressions(comments: readonly Comment[], lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const line = lines.position(comment.span.start).line;
    const before = lines.text.slice(lines.lineStart(line), comment.span.start);
    const alone = /^\s*$/.test(before);
    out.push({
      rules: new Set(match[1].split(',').map((r) => r.trim()).filter(Boolean)),
      reason: (match[2] ?? '').trim(),
      span: comment.span,
      lines: alone ? [line, line + 1] : [line],
    });
  }
  return out;
}

/** Marks findings that a suppression comment covers; returns them all, suppressed ones included. */
export function applySuppressions(findings: Finding[], suppressions: readonly Suppression[]): Finding[] {
  if (suppressions.length === 0) return findings;
  for (const finding of findings) {
    const line = finding.range.start.line;
    const match = suppressions.find((s) => s.lines.includes(line) && s.rules.has(finding.ruleId));
    if (match) finding.suppression = { reason: match.reason, span: match.span };
  }
  return findings;
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
export function suppressionComment(language: Language, isJson: boolean, ruleId: string, indent: string, reason = '<reason>'): string | undefined {
  const prefix = COMMENT_PREFIX[language];
  if (!prefix || isJson) return undefined;
  return `${indent}${prefix} ai-lens: ignore[${ruleId}] -- ${reason}\n`;
}
