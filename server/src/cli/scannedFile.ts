import type { DetachedStrings } from '../engine/detached';
import type { Project } from '../engine/project';
import type { LinePlaces } from '../engine/text';
import type { AnalysisResult } from '../engine/types';
import { FlaggedLines } from './fingerprint';

export interface ScannedFile {
  /** Path relative to the scan root, with forward slashes. */
  path: string;
  absolutePath: string;
  result: AnalysisResult;
  /**
   * Where its lines are, for places in it that findings do not have already (SARIF's suppression comments); none for
   * a notebook (its result's `notebook` has them). A scan keeps no file's text to its end.
   */
  lines?: LinePlaces;
  /** The texts of the lines its findings flag, for their fingerprints. */
  flagged: FlaggedLines;
}

/**
 * A file as the report keeps it to the end of the scan: its findings, the lines they flag, where its lines are (those
 * the project keeps), and not its text; `strings` copies the lines out of it. A notebook's findings carry their places in its JSON, which is not kept.
 */
export function scannedFile(relative: string, file: string, text: string, result: AnalysisResult, project: Project, strings?: DetachedStrings): ScannedFile {
  const lines = result.notebook ? undefined : project.get(file)?.lines;
  return { path: relative, absolutePath: file, result, ...(lines ? { lines } : {}), flagged: new FlaggedLines(file, result.notebook ? '' : text, result.findings, strings) };
}
