// Hovers and code actions answer at once, from the last analysis of a file, although the file may have been edited
// since (an analysis is running, or a large file waits for a pause in typing). Its findings are placed in the current
// text: those before the edited region stay, those after it move with it, those in it are left out (what they were
// about may be gone), and so are fixes that would edit it.
import type { Finding, Fix, Position, Span } from '../engine/types';
import { changedRegion, type ChangedRegion } from '../engine/text';

/**
 * `findings` of an analysis of `before`, as they fall in `after`. `positionAt` gives positions in `after`. The same
 * array when the text did not change.
 */
export function followEdits(findings: readonly Finding[], before: string, after: string, positionAt: (offset: number) => Position): readonly Finding[] {
  if (before === after) return findings;
  const region = changedRegion(before, after);
  const delta = region.newEnd - region.oldEnd;
  const out: Finding[] = [];
  for (const finding of findings) {
    const span = follow(finding.span, region, delta);
    if (!span) continue;
    if (span === finding.span) {
      out.push({ ...finding, fixes: finding.fixes.filter((fix) => followFix(fix, region, delta) === fix) });
      continue;
    }
    const fixes = finding.fixes.map((fix) => followFix(fix, region, delta)).filter((fix): fix is Fix => fix !== undefined);
    out.push({ ...finding, span, range: { start: positionAt(span.start), end: positionAt(span.end) }, fixes });
  }
  return out;
}

/** The span in the new text: the same one before the region, moved after it, none when it touches the region. */
function follow(span: Span, region: ChangedRegion, delta: number): Span | undefined {
  if (span.end <= region.start) return span;
  if (span.start >= region.oldEnd) return delta === 0 ? span : { start: span.start + delta, end: span.end + delta };
  return undefined;
}

function followFix(fix: Fix, region: ChangedRegion, delta: number): Fix | undefined {
  const edits = [];
  for (const edit of fix.edits) {
    const span = follow(edit.span, region, delta);
    if (!span) return undefined;
    edits.push(span === edit.span ? edit : { ...edit, span });
  }
  return edits.every((e, i) => e === fix.edits[i]) ? fix : { ...fix, edits };
}
