// Which files of the workspace the flow across files can reach (`FlowReach`), as the language server knows them: read
// from every file's text when the workspace is scanned, then kept up to date with each analysis. A file analysed out
// of reach is analysed again when a change brings it into reach (an import of a wrapper typed in another file).
import { flowFamily, type FlowReach } from '../engine/flow/reach';
import type { CellText } from '../engine/notebook/read';

/** A file of the workspace as the server holds it: an open document's text or notebook's cells, else the disk's. */
export interface ReachSource {
  uri: string;
  read(): { text: string; cells?: readonly CellText[] } | undefined;
}

export class WorkspaceReach {
  private reach: FlowReach | undefined;
  /** The reach being read by a scan of the workspace. */
  private pending: FlowReach | undefined;
  private generation = 0;
  /** Files last analysed out of the flow's reach (URIs). */
  private readonly outOfReach = new Set<string>();

  /** `reanalyse`: analyses a file again, later (it is called in the middle of another file's analysis). */
  constructor(private readonly reanalyse: (uri: string) => void) {}

  /** Starts again from the workspace's files (a new scan): until `ready`, no file's reach is known. */
  begin(reach: FlowReach | undefined): void {
    this.outOfReach.clear();
    this.reach = undefined;
    this.pending = reach;
  }

  /** Reads a file of the workspace, between `begin` and `ready`. */
  add(file: ReachSource): void {
    if (!this.pending || !flowFamily(file.uri)) return;
    const source = file.read();
    if (source) this.pending.set(file.uri, source.text, source.cells);
  }

  /** Every file of the workspace is read: from now on, files are analysed with their reach. */
  ready(): void {
    this.reach = this.pending;
    this.pending = undefined;
    if (this.reach) this.generation = (this.reach.selection(), this.reach.generation);
  }

  /**
   * The reach of a file about to be analysed with this text (`SourceFile.flowReach`): undefined while the workspace
   * is not read yet, and for a document no other file can import (an unsaved one). Files out of reach that the text
   * brings into reach are analysed again.
   */
  of(uri: string, text: string, cells?: readonly CellText[]): boolean | undefined {
    if (!this.reach || !flowFamily(uri)) return undefined;
    this.reach.set(uri, text, cells);
    const reached = this.reach.has(uri);
    if (reached) this.outOfReach.delete(uri);
    else this.outOfReach.add(uri);
    this.followChanges();
    return reached;
  }

  /** The file is no longer part of the workspace. */
  delete(uri: string): void {
    if (!this.reach) return;
    this.reach.delete(uri);
    this.outOfReach.delete(uri);
    this.followChanges();
  }

  private followChanges(): void {
    const reach = this.reach!;
    reach.selection();
    if (reach.generation === this.generation) return;
    this.generation = reach.generation;
    for (const uri of [...this.outOfReach]) {
      if (!reach.has(uri)) continue;
      this.outOfReach.delete(uri);
      this.reanalyse(uri);
    }
  }
}
