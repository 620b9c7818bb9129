// Which file of the project a module name points at: Python dotted and relative module names, TypeScript/JavaScript
// relative specifiers and the `@/`, `~/` source-root aliases. Paths may be file paths or `file://` URIs (the language
// server's), compared as forward-slash paths.

/** A project file's path as a comparable key: `file://` URIs decoded, backslashes as slashes. */
export function pathKey(path: string): string {
  let key = path;
  if (key.startsWith('file://')) {
    key = key.slice('file://'.length);
    try {
      key = decodeURIComponent(key);
    } catch {
      // keep it encoded
    }
  }
  return key.replace(/\\/g, '/');
}

export function dirname(key: string): string {
  const at = key.lastIndexOf('/');
  return at <= 0 ? '' : key.slice(0, at);
}

/** `a/b/../c/./d` → `a/c/d`. */
export function normalize(key: string): string {
  const out: string[] = [];
  for (const part of key.split('/')) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

const PYTHON_FILES = (module: string) => [`${module}.py`, `${module}/__init__.py`];
const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SCRIPT_FILES = (module: string) => [
  module,
  ...SCRIPT_EXTENSIONS.map((e) => module + e),
  ...SCRIPT_EXTENSIONS.map((e) => `${module}/index${e}`),
  // ESM TypeScript imports name the compiled file: `./client.js` is `client.ts`.
  ...(/\.(m|c)?js$/.test(module) ? ['.ts', '.tsx', '.mts', '.cts'].map((e) => module.replace(/\.(m|c)?js$/, e)) : []),
];

/** Finds files by key, and by the end of their key (`app/llm.py` for an absolute Python module name). */
export class FileKeys<T> {
  private readonly byKey = new Map<string, T>();
  /** Keys by their last segment (`llm.py`), so a suffix is looked for among few. */
  private readonly byBase = new Map<string, string[]>();

  add(key: string, file: T): void {
    this.byKey.set(key, file);
    const base = key.slice(key.lastIndexOf('/') + 1);
    const list = this.byBase.get(base);
    if (list) list.push(key);
    else this.byBase.set(base, [key]);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  /** The file whose key ends with `/suffix`, nearest to `near` when several do. */
  bySuffix(suffix: string, near: string): T | undefined {
    let best: string | undefined;
    let bestShared = -1;
    for (const key of this.byBase.get(suffix.slice(suffix.lastIndexOf('/') + 1)) ?? []) {
      if (key !== suffix && !key.endsWith(`/${suffix}`)) continue;
      const shared = sharedPrefix(key, near);
      if (shared > bestShared) {
        best = key;
        bestShared = shared;
      }
    }
    return best === undefined ? undefined : this.byKey.get(best);
  }
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The file a Python qualified name's module is in, and the rest of the name: `app.llm.generate` →
 * (`…/app/llm.py`, `generate`); `.helpers.chat` (relative) is looked up beside `from`.
 */
export function pythonTarget<T>(qualified: string, from: string, files: FileKeys<T>): { file: T; name: string } | undefined {
  const dots = /^\.*/.exec(qualified)![0].length;
  const parts = qualified.slice(dots).split('.').filter(Boolean);
  let base = dirname(from);
  for (let i = 1; i < dots; i++) base = dirname(base);
  for (let k = parts.length - 1; k >= 1; k--) {
    const module = parts.slice(0, k).join('/');
    const name = parts.slice(k).join('.');
    for (const candidate of PYTHON_FILES(module)) {
      const file = dots > 0 ? files.get(normalize(`${base}/${candidate}`)) : files.bySuffix(candidate, from);
      if (file) return { file, name };
    }
  }
  // `from . import helpers` then `helpers.chat()`: `.helpers.chat`, the module being the first part.
  return undefined;
}

/**
 * The file a TypeScript/JavaScript qualified name's module is in, and the exported name: `./helpers.chat` →
 * (`…/helpers.ts`, `chat`); `../lib/bedrock.default.invoke` → (`…/lib/bedrock.ts`, `default.invoke`).
 */
export function scriptTarget<T>(qualified: string, from: string, files: FileKeys<T>): { file: T; name: string } | undefined {
  const alias = /^[@~]\//.exec(qualified);
  if (!qualified.startsWith('.') && !alias) return undefined;
  // The specifier may hold dots itself (`./bedrock.client`): try each split, longest module first.
  for (let at = qualified.lastIndexOf('.'); at > 0; at = qualified.lastIndexOf('.', at - 1)) {
    const specifier = qualified.slice(0, at);
    const name = qualified.slice(at + 1);
    if (!name || specifier.endsWith('/') || specifier.endsWith('.')) continue;
    for (const candidate of SCRIPT_FILES(specifier)) {
      const file = alias ? files.bySuffix(candidate.slice(2), from) : files.get(normalize(`${dirname(from)}/${candidate}`));
      if (file) return { file, name };
    }
  }
  return undefined;
}
