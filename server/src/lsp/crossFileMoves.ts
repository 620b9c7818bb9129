import { withRelated } from '../engine/notebook/origins';
import { applySuppressions, type Suppression } from '../engine/suppressions';
import { changedRegion, type ChangedRegion, type LineIndex } from '../engine/text';
import type { Finding, PathIgnore, Range, Span } from '../engine/types';

/** What an edit to one file that changed none of its cross-file facts means for the cross-file findings. */
export interface UnchangedFacts {
  /** The file's project key (a URI in the server). */
  path: string;
  /** The file before the edit and after it. */
  before: LineIndex;
  after: LineIndex;
  /** The file's suppressions after the edit, and the path ignores that apply to it. */
  suppressions: readonly Suppression[];
  ignores?: readonly PathIgnore[];
  relativePath: string | undefined;
}

/**
 * Moves the cross-file findings in and pointing into an edited file whose cross-file facts the edit left unchanged, so
 * that the cross-file rules need not run again: the findings are the same, only their places moved (and the file's
 * suppressions may have changed). Returns the paths whose findings changed, or undefined when a finding's place
 * cannot be followed (an edge of it is inside the replaced text) or the edit moved lines: then the rules must run again.
 */
export function moveCrossFileFindings(findings: Map<string, Finding[]>, edited: UnchangedFacts): string[] | undefined {
  const { path, before, after } = edited;
  const affected = affectedBy(findings, path);
  if (affected.size === 0) return [];
  // A finding's message may name the line of a place in the file ("`chat` (which sends `converse`, helpers.py line 7)"),
  // which moving does not rewrite: an edit that moves lines runs the rules again.
  if (before.lineCount !== after.lineCount) return undefined;
  const region = changedRegion(before.text, after.text);
  const moveRange = (range: Range): Range | undefined => {
    const span = moveSpan({ start: before.offset(range.start), end: before.offset(range.end) }, region);
    return span && after.range(span);
  };
  const moved = new Map<string, Finding[]>();
  for (const [uri, list] of affected) {
    const next: Finding[] = [];
    for (const finding of list) {
      let copy = finding;
      if (uri === path) {
        const own = movedFinding(finding, region, after);
        if (!own) return undefined;
        copy = own;
      }
      if (finding.related?.some((r) => r.path === path)) {
        const related = finding.related.map((r) => (r.path === path ? { ...r, range: moveRange(r.range)! } : r));
        if (related.some((r) => !r.range)) return undefined;
        copy = uri === path ? { ...copy, related } : withRelated(finding, related);
      }
      next.push(copy);
    }
    moved.set(uri, next);
  }
  const own = moved.get(path);
  if (own) applySuppressions(own, edited.suppressions, edited.ignores, edited.relativePath);
  const changed: string[] = [];
  for (const [uri, list] of moved) {
    if (JSON.stringify(list) !== JSON.stringify(findings.get(uri))) changed.push(uri);
    findings.set(uri, list);
  }
  return changed;
}

/** The findings in `path` and those with a related place in it, by path. */
export function affectedBy(findings: ReadonlyMap<string, Finding[]>, path: string): Map<string, Finding[]> {
  const affected = new Map<string, Finding[]>();
  for (const [uri, list] of findings) {
    if (uri === path ? list.length > 0 : list.some((f) => f.related?.some((r) => r.path === path))) affected.set(uri, list);
  }
  return affected;
}

/**
 * A finding of the edited text with its span and its fixes' edits moved, and without its suppression (the caller
 * applies the suppressions again); undefined when an edge of one was inside the replaced text.
 */
export function movedFinding(finding: Finding, region: ChangedRegion, after: LineIndex): Finding | undefined {
  const span = moveSpan(finding.span, region);
  const fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, span: moveSpan(e.span, region)! })) }));
  if (!span || fixes.some((fix) => fix.edits.some((e) => !e.span))) return undefined;
  const { suppression: _, ...unsuppressed } = finding;
  return { ...unsuppressed, span, range: after.range(span), fixes };
}

/** Where a span is after the edit; undefined when one of its edges was inside the replaced text. */
export function moveSpan(span: Span, edit: ChangedRegion): Span | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  // Text inserted where a span ends (or where an empty span is, an insertion point) goes after it; text inserted
  // where a span starts goes before it.
  const end = span.end <= edit.start ? span.end : span.end >= edit.oldEnd ? span.end + delta : undefined;
  if (span.start === span.end) return end === undefined ? undefined : { start: end, end };
  const start = span.start < edit.start ? span.start : span.start >= edit.oldEnd ? span.start + delta : undefined;
  return start === undefined || end === undefined ? undefined : { start, end };
}
