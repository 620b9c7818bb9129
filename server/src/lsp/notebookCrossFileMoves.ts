import { relatedIn, sortFindings } from '../engine/engine';
import { push } from '../engine/multimap';
import { originOf, rememberOrigin, withRelated } from '../engine/notebook/origins';
import type { ProjectFile } from '../engine/project';
import { applySuppressions } from '../engine/suppressions';
import { changedRegion, LineIndex, type ChangedRegion } from '../engine/text';
import type { Finding, PathIgnore, RelatedLocation } from '../engine/types';
import { affectedBy, movedFinding, moveSpan } from './crossFileMoves';

/** An edit to a notebook that changed none of its modules' cross-file facts (see `moveCrossFileFindings`). */
export interface EditedNotebook {
  /** The notebook's project key (its URI in the server). */
  path: string;
  /** Its modules before the edit and after it, by module path (`ProjectFile.path`). */
  before: ReadonlyMap<string, ProjectFile>;
  after: ReadonlyMap<string, ProjectFile>;
  /** The path ignores that apply to the notebook, and its path relative to the configuration's folder. */
  ignores?: readonly PathIgnore[];
  relativePath: string | undefined;
}

/** How one module of the notebook changed. */
interface ModuleEdit {
  after: ProjectFile;
  lines: LineIndex;
  region: ChangedRegion;
}

/**
 * The notebook counterpart of `moveCrossFileFindings`: moves the cross-file findings in the notebook and the related
 * places pointing into it, each in the module it was found in (`engine/notebook/origins.ts`), and places them in the
 * notebook's cells as they are now. Returns the paths whose findings changed, or undefined when one cannot be followed
 * (an edge of it inside the replaced text of its module, or its module gone): then the rules must run again.
 */
export function moveNotebookCrossFileFindings(findings: Map<string, Finding[]>, edited: EditedNotebook): string[] | undefined {
  const { path } = edited;
  const affected = affectedBy(findings, path);
  if (affected.size === 0) return [];
  if (movesLines(edited)) return undefined;
  const edits = new Map<string, ModuleEdit | undefined>();
  const editOf = (module: string) => {
    if (!edits.has(module)) edits.set(module, moduleEdit(edited.before.get(module), edited.after.get(module)));
    return edits.get(module);
  };
  const moveRelated = (related: readonly RelatedLocation[]) => {
    const out: RelatedLocation[] = [];
    for (const r of related) {
      if (r.path !== path) {
        out.push(r);
        continue;
      }
      const origin = originOf(r);
      const edit = origin && editOf(origin.module);
      const span = edit && moveSpan(origin.span, edit.region);
      if (!span) return undefined;
      out.push(relatedIn(edit.after, span, r.message));
    }
    return out;
  };
  const moved = new Map<string, Finding[]>();
  for (const [uri, list] of affected) {
    if (uri === path) {
      const own = movedOwnFindings(list, editOf, moveRelated, edited);
      if (!own) return undefined;
      moved.set(uri, own);
      continue;
    }
    const next: Finding[] = [];
    for (const finding of list) {
      const related = finding.related?.some((r) => r.path === path) ? moveRelated(finding.related) : undefined;
      if (finding.related?.some((r) => r.path === path) && !related) return undefined;
      next.push(related ? withRelated(finding, related) : finding);
    }
    moved.set(uri, next);
  }
  const changed: string[] = [];
  for (const [uri, list] of moved) {
    if (!sameShown(list, findings.get(uri)!)) changed.push(uri);
    findings.set(uri, list);
  }
  return changed;
}

/**
 * Whether two lists of findings show the same: all but their fixes, which a placed finding works out when read (as a
 * code action does), and which nothing shown holds.
 */
function sameShown(a: readonly Finding[], b: readonly Finding[]): boolean {
  const shown = (f: Finding) => JSON.stringify([f.ruleId, f.severity, f.message, f.practices, f.span, f.range, f.cell, f.suppression, f.related]);
  return a.length === b.length && a.every((f, i) => shown(f) === shown(b[i]));
}

/**
 * Whether the edit moved lines of a module (a line break typed or deleted, a cell added): a finding's message may name
 * the line of a place in it ("`chat` (which sends `converse`, helpers.py line 7)"), which moving does not rewrite.
 */
function movesLines(edited: EditedNotebook): boolean {
  if (edited.before.size !== edited.after.size) return true;
  for (const [module, after] of edited.after) {
    const before = edited.before.get(module)?.lines;
    if (!(before instanceof LineIndex) || !(after.lines instanceof LineIndex) || before.lineCount !== after.lines.lineCount) return true;
  }
  return false;
}

/** Where a module of the notebook was changed; undefined when it is not both before and after the edit with its text. */
function moduleEdit(before: ProjectFile | undefined, after: ProjectFile | undefined): ModuleEdit | undefined {
  if (!before || !after?.notebook || !(before.lines instanceof LineIndex) || !(after.lines instanceof LineIndex)) return undefined;
  return { after, lines: after.lines, region: changedRegion(before.lines.text, after.lines.text) };
}

/**
 * The notebook's own cross-file findings moved in their modules, each module's suppressions applied again, and placed
 * in the cells: as `Engine.analyzeProject` places them, in the order it gives them.
 */
function movedOwnFindings(
  list: readonly Finding[],
  editOf: (module: string) => ModuleEdit | undefined,
  moveRelated: (related: readonly RelatedLocation[]) => RelatedLocation[] | undefined,
  edited: EditedNotebook,
): Finding[] | undefined {
  const byModule = new Map<string, Finding[]>();
  const inModule: { module: string; finding: Finding }[] = [];
  for (const placed of list) {
    const origin = originOf(placed);
    const edit = origin?.finding && editOf(origin.module);
    if (!edit) return undefined;
    const finding = origin!.finding!;
    const moved = movedFinding(finding, edit.region, edit.lines); // the module's suppressions are applied again below
    const related = finding.related && moveRelated(finding.related);
    if (!moved || (finding.related && !related)) return undefined;
    const copy: Finding = related ? { ...moved, related } : moved;
    inModule.push({ module: origin!.module, finding: copy });
    push(byModule, origin!.module, copy);
  }
  for (const [module, findings] of byModule) applySuppressions(findings, editOf(module)!.after.suppressions(), edited.ignores, edited.relativePath);
  const placed = inModule.map(({ module, finding }) => rememberOrigin(editOf(module)!.after.notebook!.locator.finding(finding), { module, span: finding.span, finding }));
  // Findings of more than one module are sorted by cell, as the engine sorts them when it puts them together.
  return byModule.size > 1 ? sortFindings(placed) : placed;
}
