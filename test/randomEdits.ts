// Random edits for the tests that compare what an edit keeps with a fresh analysis, and the findings as the language
// server hands them over.
import type { Finding } from '../server/src/engine/types';
import type { Random } from './fuzz/random';

/**
 * A line of `lines` put in, a line taken out, a character of `typed` typed or one removed. `cases` (4 or more) weighs
 * the removal: it takes every case from 4 up.
 */
export function lineOrCharacterEdit(text: string, lines: readonly string[], typed: readonly string[], random: Random, cases = 4): string {
  const at = random.int(0, text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', lineStart) + 1 || text.length;
  switch (random.int(0, cases)) {
    case 0:
    case 1:
      return text.slice(0, lineStart) + random.pick(lines) + text.slice(lineStart);
    case 2:
      return text.slice(0, lineStart) + text.slice(lineEnd);
    case 3:
      return text.slice(0, at) + random.pick(typed) + text.slice(at);
    default:
      return text.slice(0, at) + text.slice(at + 1);
  }
}

/** The findings as the language server hands them over: plain objects, their fixes worked out. */
export function plainFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({ ...f, fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e })) })) }));
}
