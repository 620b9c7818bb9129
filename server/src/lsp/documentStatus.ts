// What the status item says about an open file: being checked, waiting for a pause in typing (a large file), checked
// (with the findings it does not show, or why it was not checked). Sent as `aiLens/documentStatus`; the client shows
// the status of the file in the active editor. Tests and the fuzzer read `checked` to know a version's analysis ended.
import type { Connection } from 'vscode-languageserver/node';

export const DOCUMENT_STATUS_NOTIFICATION = 'aiLens/documentStatus';

export interface DocumentStatus {
  uri: string;
  /** The version the state is about (none for files read from disk). */
  version?: number;
  /**
   * `waiting`: a large file waits for a pause in typing; `checking`: its analysis waits or runs; `checked`: the
   * diagnostics of this version are published (or it was not checked: `notChecked` says why).
   */
  state: 'waiting' | 'checking' | 'checked';
  /** Set for a large file: its lines, and how long it waits after an edit (aiLens.largeFileLines, aiLens.largeFileDelayMs). */
  large?: { lines: number; delayMs: number };
  /** Findings the file does not show (aiLens.maxFindingsPerFile), and how many it has. */
  findings?: { shown: number; hidden: number };
  notChecked?: string;
}

/** Sends each open document's status when it changes; `checked` every time, with its version. */
export class DocumentStatuses {
  private readonly last = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  send(status: DocumentStatus): void {
    const { version: _version, ...rest } = status;
    const key = JSON.stringify(rest);
    if (status.state !== 'checked' && this.last.get(status.uri) === key) return;
    this.last.set(status.uri, key);
    try {
      void this.connection.sendNotification(DOCUMENT_STATUS_NOTIFICATION, status).catch(() => undefined);
    } catch {
      // the connection is closed
    }
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
