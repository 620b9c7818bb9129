// What a file's project declares about itself, read from the manifests around it: for now, the Python packages that
// `requirements*.txt` and `pyproject.toml` require. Rules use it to tell, for example, which torch a project runs.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ProjectContext {
  /**
   * Version specifiers by normalized package name (`torch` → [`>=2.6`]): from the nearest folder, walking up from the
   * file to the repository root, whose manifests name the package. An empty string means "any version".
   */
  pythonRequirements: ReadonlyMap<string, readonly string[]>;
}

export const EMPTY_PROJECT: ProjectContext = { pythonRequirements: new Map() };

const MAX_LEVELS = 32;

/** The project of a file on disk; files known only by a URI or a relative name have none. */
export function projectOf(file: string): ProjectContext {
  if (!path.isAbsolute(file)) return EMPTY_PROJECT;
  try {
    return readProjectContext(path.dirname(file));
  } catch {
    return EMPTY_PROJECT;
  }
}

/** Reads the manifests in `dir` and its parents, up to the folder holding `.git` (or the file system root). */
export function readProjectContext(dir: string): ProjectContext {
  const requirements = new Map<string, string[]>();
  let current = path.resolve(dir);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const found = new Map<string, string[]>();
    for (const [file, parse] of manifestsIn(current)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const [name, spec] of parse(text)) push(found, name, spec);
    }
    for (const [name, specs] of found) if (!requirements.has(name)) requirements.set(name, specs);
    const parent = path.dirname(current);
    if (parent === current || fs.existsSync(path.join(current, '.git'))) break;
    current = parent;
  }
  return { pythonRequirements: requirements };
}

type Parser = (text: string) => [string, string][];

function manifestsIn(dir: string): [string, Parser][] {
  const manifests: [string, Parser][] = [];
  const list = (d: string) => {
    try {
      return fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  for (const entry of list(dir)) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    if (/^requirements.*\.(txt|in)$/i.test(entry.name)) manifests.push([path.join(dir, entry.name), parseRequirementsTxt]);
    else if (entry.name === 'pyproject.toml') manifests.push([path.join(dir, entry.name), parsePyproject]);
  }
  // The `requirements/base.txt`, `requirements/prod.txt` layout.
  for (const entry of list(path.join(dir, 'requirements'))) {
    if (entry.isFile() && /\.(txt|in)$/i.test(entry.name)) manifests.push([path.join(dir, 'requirements', entry.name), parseRequirementsTxt]);
  }
  return manifests;
}

/** PEP 503 normalization: `Torch_Vision` → `torch-vision`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PEP 508 requirement: `torch[cuda]>=2.6,<3 ; python_version >= "3.9"` → [`torch`, `>=2.6,<3`]. URLs are skipped. */
export function parseRequirement(line: string): [string, string] | undefined {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(\(?\s*[<>=!~][^;@]*?)?\s*\)?\s*(;.*)?$/.exec(line);
  if (!match) return undefined;
  return [normalizeName(match[1]), (match[3] ?? '').replace(/[\s()]/g, '')];
}

export function parseRequirementsTxt(text: string): [string, string][] {
  const found: [string, string][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').replace(/\\$/, '').trim(); // comments, line continuations
    if (!line || line.startsWith('-')) continue; // options, `-r other.txt`, `-e .`
    const requirement = parseRequirement(line);
    if (requirement) found.push(requirement);
  }
  return found;
}

/**
 * Dependencies in a `pyproject.toml`: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
 * `[dependency-groups]`, and Poetry's `[tool.poetry.dependencies]` and group tables. A small reader for these
 * tables only, not a TOML parser: anything it does not recognise is left out.
 */
export function parsePyproject(text: string): [string, string][] {
  const found: [string, string][] = [];
  let table = '';
  let arrayOpen = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header && !arrayOpen) {
      table = header[1].replace(/\s/g, '');
      continue;
    }
    if (arrayOpen) {
      collectStrings(line, found);
      if (line.includes(']')) arrayOpen = false;
      continue;
    }
    const entry = /^("?[A-Za-z0-9._-]+"?)\s*=\s*(.*)$/.exec(line);
    if (!entry) continue;
    const key = entry[1].replace(/"/g, '');
    const value = entry[2];
    const pep508Array =
      (table === 'project' && key === 'dependencies') || table === 'project.optional-dependencies' || table === 'dependency-groups';
    if (pep508Array && value.startsWith('[')) {
      collectStrings(value, found);
      arrayOpen = !value.includes(']');
    } else if (/^tool\.poetry(\.group\.[^.]+)?\.(dev-)?dependencies$/.test(table) && key !== 'python') {
      const version = /^"([^"]*)"/.exec(value)?.[1] ?? /\bversion\s*=\s*"([^"]*)"/.exec(value)?.[1];
      if (version !== undefined) found.push([normalizeName(key), poetrySpecifier(version)]);
    }
  }
  return found;
}

function collectStrings(text: string, found: [string, string][]): void {
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'/g)) {
    const requirement = parseRequirement(match[1] ?? match[2]);
    if (requirement) found.push(requirement);
  }
}

/** Poetry's `^2.6`, `~2.6` and bare `2.6.0` as PEP 440 lower bounds; other forms are already PEP 440. */
function poetrySpecifier(version: string): string {
  const v = version.trim();
  if (v === '*' || v === '') return '';
  if (/^[\^~]\d/.test(v)) return '>=' + v.slice(1);
  if (/^\d/.test(v)) return '==' + v;
  return v.replace(/\s/g, '');
}

/**
 * True when every requirement the project gives for `name` guarantees at least `minimum`: each specifier has a lower
 * bound (`>=`, `==`, `~=`, `>`, `===`) of that version or more. Absent or unconstrained requirements are false.
 */
export function requiresAtLeast(project: ProjectContext, name: string, minimum: string): boolean {
  const specs = project.pythonRequirements.get(normalizeName(name));
  if (!specs || specs.length === 0) return false;
  const floor = versionParts(minimum);
  return specs.every((spec) => {
    const bound = lowerBound(spec);
    return bound !== undefined && compareVersions(bound, floor) >= 0;
  });
}

function lowerBound(spec: string): number[] | undefined {
  let best: number[] | undefined;
  for (const clause of spec.split(',')) {
    const match = /^(===|==|~=|>=|>)\s*v?(\d+(?:\.\d+)*)/.exec(clause.trim());
    if (!match) continue;
    const version = versionParts(match[2]);
    if (!best || compareVersions(version, best) > 0) best = version;
  }
  return best;
}

function versionParts(version: string): number[] {
  return version.split('.').map((n) => Number.parseInt(n, 10) || 0);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
