// What the status item says about an open file: being checked, waiting for a pause in typing (a large file), checked
// (with the findings it does not show, or why it was not checked). Sent as `aiLens/documentStatus`; the client shows
// the status of the file in the active editor. Tests and the fuzzer read `checked` to know a version's analysis ended.
import type { Connection } from 'vscode-languageserver/node';
import { isLargeFile, type ServerBounds } from './bounds';

export const DOCUMENT_STATUS_NOTIFICATION = 'aiLens/documentStatus';

export interface DocumentStatus {
  uri: string;
  /** The version the state is about. */
  version: number;
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

export interface StatusHost {
  bounds(): ServerBounds;
  /** The delay between an edit and the next check of a file that is not large. */
  debounceMs(): number;
  /** The size of an open document (a notebook: of all its cells); undefined when it is not open. */
  size(uri: string): { lines: number; characters: number } | undefined;
}

/** Sends each open document's status when it changes (`checked` every time, with its version), and times large files. */
export class DocumentStatuses {
  private readonly last = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly host: StatusHost,
  ) {}

  /** How long after an edit the document is checked again: a large file after a pause in typing, which it says. */
  delayAfterEdit(uri: string, version: number): number {
    const large = this.large(uri);
    if (large) this.send({ uri, version, state: 'waiting', ...large });
    return large?.large.delayMs ?? this.host.debounceMs();
  }

  checking(uri: string, version: number): void {
    this.send({ uri, version, state: 'checking', ...this.large(uri) });
  }

  /** `findings`: shown and hidden, when some are hidden; `skipped`: why the file was not checked. */
  checked(uri: string, version: number, findings: { shown: number; hidden: number } | undefined, notChecked?: string): void {
    this.send({ uri, version, state: 'checked', ...this.large(uri), ...(findings?.hidden ? { findings } : {}), ...(notChecked ? { notChecked } : {}) });
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }

  private large(uri: string): { large: { lines: number; delayMs: number } } | undefined {
    const size = this.host.size(uri);
    const bounds = this.host.bounds();
    if (!size || !isLargeFile(size.lines, size.characters, bounds)) return undefined;
    return { large: { lines: size.lines, delayMs: Math.max(this.host.debounceMs(), bounds.largeFileDelayMs) } };
  }

  private send(status: DocumentStatus): void {
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
}
