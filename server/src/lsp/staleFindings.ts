// Hovers and code actions answer at once, from the last analysis of a file, although the file may have been edited
// since (an analysis is running, or a large file waits for a pause in typing). Its findings are placed in the current
// text: those before the edited region stay, those after it move with it, those in it are left out (what they were
// about may be gone), and so are fixes that would edit it.
import type { Finding, Fix, Position, Span } from '../engine/types';
import { changedRegion, type ChangedRegion } from '../engine/text';

/** An open document as far as following its edits goes. */
export interface EditedText {
  version: number;
  getText(): string;
  positionAt(offset: number): Position;
}

/**
 * Follows the edits of open documents, finding each version's edited region once (a hover and the code actions asked
 * for at the same keystroke share it: in a 2 MB file, finding it takes milliseconds).
 */
export class EditFollower {
  private readonly regions = new Map<string, { before: string; version: number; region: ChangedRegion }>();

  /** `findings` of an analysis of `before`, as they fall in the current text of `document`. */
  follow(uri: string, findings: readonly Finding[], before: string, document: EditedText): readonly Finding[] {
    const after = document.getText();
    if (before === after) return findings;
    let known = this.regions.get(uri);
    if (known?.before !== before || known.version !== document.version) {
      known = { before, version: document.version, region: changedRegion(before, after) };
      this.regions.set(uri, known);
    }
    return followRegion(findings, known.region, (offset) => document.positionAt(offset));
  }

  forget(uri: string): void {
    this.regions.delete(uri);
  }
}

/**
 * `findings` of an analysis of `before`, as they fall in `after`. `positionAt` gives positions in `after`. The same
 * array when the text did not change.
 */
export function followEdits(findings: readonly Finding[], before: string, after: string, positionAt: (offset: number) => Position): readonly Finding[] {
  return before === after ? findings : followRegion(findings, changedRegion(before, after), positionAt);
}

function followRegion(findings: readonly Finding[], region: ChangedRegion, positionAt: (offset: number) => Position): readonly Finding[] {
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

/**
 * The fix in the new text; none when an edit of it touches the region, even at one of its ends: an insertion where the
 * text was edited may be the very edit the user made (a fix applied), and would then be made twice.
 */
function followFix(fix: Fix, region: ChangedRegion, delta: number): Fix | undefined {
  const edits = [];
  for (const edit of fix.edits) {
    if (edit.span.end >= region.start && edit.span.start <= region.oldEnd) return undefined;
    const span = follow(edit.span, region, delta);
    if (!span) return undefined;
    edits.push(span === edit.span ? edit : { ...edit, span });
  }
  return edits.every((e, i) => e === fix.edits[i]) ? fix : { ...fix, edits };
}
