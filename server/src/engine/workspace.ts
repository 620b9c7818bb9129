import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globMatcher } from './globs';
import { formatBytes } from './text';
import { isCandidatePath, notCheckedKind } from './languages';
import { isNotebookPath, notebookMaxBytes } from './notebook/analyze';

/** Folders never worth checking: dependencies, build output, tool caches (Jupyter's checkpoints are copies of notebooks). */
export const DEFAULT_EXCLUDES = ['node_modules', '.git', '.venv', 'venv', '.terraform', 'cdk.out', 'dist', 'build', '__pycache__', '.vscode-test', '.ipynb_checkpoints'];

export interface Skipped {
  path: string;
  reason: string;
}

/** A file of a kind AI Lens does not check (a notebook, a Java file): `kind` says which. */
export interface NotChecked {
  path: string;
  kind: string;
}

/** A matcher for paths relative to `root` (forward slashes), built from the defaults plus the user's patterns. */
export function excludeMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  return globMatcher([...DEFAULT_EXCLUDES, ...patterns]);
}

/**
 * Files under `root` that may be checked, in a stable order: not excluded, not ignored by a `.gitignore`. Unreadable
 * folders are reported through `skip`, not thrown; symbolic links to folders are not followed (they can loop). Files of
 * kinds that are not checked (notebooks, other languages), not excluded or ignored either, go to `notChecked`.
 */
export function listFiles(root: string, exclude: (relativePath: string) => boolean, skip: (s: Skipped) => void, notChecked?: (n: NotChecked) => void): string[] {
  const files: string[] = [];
  const visit = (dir: string, ignores: GitIgnore[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skip({ path: dir, reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    const here = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? [...ignores, readGitIgnore(dir)] : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = toPosix(path.relative(root, full));
      if (entry.isDirectory()) {
        if (!exclude(relative + '/') && !isGitIgnored(here, full, true)) visit(full, here);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const candidate = isCandidatePath(entry.name);
        const kind = candidate || !notChecked ? undefined : notCheckedKind(entry.name);
        if ((!candidate && !kind) || exclude(relative) || isGitIgnored(here, full, false)) continue;
        if (candidate) files.push(full);
        else notChecked!({ path: full, kind: kind! });
      }
    }
  };
  visit(root, []);
  return files;
}

interface GitIgnore {
  base: string;
  rules: Ignore;
}

function readGitIgnore(dir: string): GitIgnore {
  try {
    return { base: dir, rules: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return { base: dir, rules: ignore() };
  }
}

/** `.gitignore` files apply to their own folder and below, the deepest one last (it can re-include with `!`). */
function isGitIgnored(ignores: readonly GitIgnore[], full: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, rules } of ignores) {
    const relative = toPosix(path.relative(base, full)) + (isDirectory ? '/' : '');
    const result = rules.test(relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

export type ReadResult = { text: string } | { skipped: string };

/**
 * Reads a file to check it, or says why it was not read: too large, binary, not UTF-8 text, unreadable. A notebook may
 * be larger than `maxBytes` (its outputs are not read); its code may not.
 */
export function readSource(file: string, maxFileBytes: number): ReadResult {
  const maxBytes = isNotebookPath(file) ? notebookMaxBytes(maxFileBytes) : maxFileBytes;
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { skipped: 'not a regular file' };
    size = stat.size;
  } catch (error) {
    return { skipped: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (size > maxBytes) return { skipped: `larger than ${formatBytes(maxBytes)} (${formatBytes(size)})` };
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { skipped: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (buffer.subarray(0, 8192).includes(0)) return { skipped: 'binary file' };
  const text = buffer.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * What a scan left out, in words for a summary: `3 minified files skipped`, `1 skipped (larger than 2 MB)`,
 * `2 notebooks and 1 Java file not checked`.
 */
export function skippedSummary(skipped: readonly Skipped[], notChecked: readonly NotChecked[] = []): string[] {
  const parts: string[] = [];
  for (const [reason, count] of countBy(skipped.map((s) => s.reason.replace(/ \(.*$|: .*$/s, '')))) {
    parts.push(/^\w+ file$/.test(reason) ? `${count} ${plural(count, reason)} skipped` : `${count} skipped (${reason})`);
  }
  const kinds = [...countBy(notChecked.map((n) => n.kind))].map(([kind, count]) => `${count} ${plural(count, kind)}`);
  if (kinds.length > 0) parts.push(`${kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}` : kinds[0]} not checked`);
  return parts;
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
