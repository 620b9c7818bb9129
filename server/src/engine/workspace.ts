import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globMatcher } from './globs';
import { formatBytes } from './text';
import { isCandidatePath } from './languages';
import { isNotebookPath, notebookMaxBytes } from './notebook/analyze';

/** Folders never worth checking: dependencies, build output, tool caches (Jupyter's checkpoints are copies of notebooks). */
export const DEFAULT_EXCLUDES = ['node_modules', '.git', '.venv', 'venv', '.terraform', 'cdk.out', 'dist', 'build', '__pycache__', '.vscode-test', '.ipynb_checkpoints'];

export interface Skipped {
  path: string;
  reason: string;
}

/** A matcher for paths relative to `root` (forward slashes), built from the defaults plus the user's patterns. */
export function excludeMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  return globMatcher([...DEFAULT_EXCLUDES, ...patterns]);
}

/**
 * Files under `root` that may be checked, in a stable order: not excluded, not ignored by a `.gitignore`. Unreadable
 * folders are reported through `skip`, not thrown; symbolic links to folders are not followed (they can loop).
 */
export function listFiles(root: string, exclude: (relativePath: string) => boolean, skip: (s: Skipped) => void): string[] {
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
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isCandidatePath(entry.name) && !exclude(relative) && !isGitIgnored(here, full, false)) {
        files.push(full);
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
