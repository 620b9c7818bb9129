// What a file's project declares about itself, read from the manifests around it: for now, the Python packages that
// `requirements*.txt` and `pyproject.toml` require. Rules use it to tell, for example, which torch a project runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { push } from './multimap';

export interface ProjectContext {
  /**
   * Version specifiers by normalized package name (`torch` → [`>=2.6`]): from the nearest folder, walking up from the
   * file to the repository root, whose manifests name the package. An empty string means "any version".
   */
  pythonRequirements: ReadonlyMap<string, readonly string[]>;
  /**
   * The same for npm packages, from the nearest `package.json` that names them (`^0.1.290` read as `>=0.1.290`), or
   * the version its `package-lock.json` resolved (`==0.1.301`), which wins.
   */
  npmPackages?: ReadonlyMap<string, readonly string[]>;
}

export const EMPTY_PROJECT: ProjectContext = { pythonRequirements: new Map(), npmPackages: new Map() };

const MAX_LEVELS = 32;

/** The project of a file on disk; files known only by a URI or a relative name have none. */
export function projectOf(file: string, cache?: ManifestCache): ProjectContext {
  if (!path.isAbsolute(file)) return EMPTY_PROJECT;
  try {
    return cache ? cache.contextOf(path.dirname(file)) : readProjectContext(path.dirname(file));
  } catch {
    return EMPTY_PROJECT;
  }
}

/** What one folder declares, and whether the walk up stops there. */
interface Level {
  requirements: Map<string, string[]>;
  npmPackages: Map<string, string[]>;
  last: boolean;
  /** What was read to know it: the folder, its `requirements` folder, and the manifests in them. */
  read: string[];
}

/**
 * The manifests of every folder read once, for a one-pass scan of many files (manifests do not change during it):
 * otherwise each file that asks reads its folder and every folder above it again. With `revalidate` (the language
 * server, where they may change between two analyses), a folder is read again when it, or a file read of it, has
 * changed since (its modification time): a `stat` per file instead of listing the folders on every edit.
 */
export class ManifestCache {
  private readonly levels = new Map<string, { level: Level; stamp: string }>();
  private readonly contexts = new Map<string, ProjectContext>();

  constructor(private readonly revalidate = false) {}

  contextOf(dir: string): ProjectContext {
    const resolved = path.resolve(dir);
    if (this.revalidate) return readProjectContext(resolved, (d) => this.level(d));
    let context = this.contexts.get(resolved);
    if (!context) this.contexts.set(resolved, (context = readProjectContext(resolved, (d) => this.level(d))));
    return context;
  }

  private level(dir: string): Level {
    const known = this.levels.get(dir);
    if (known && (!this.revalidate || stampOf(known.level.read) === known.stamp)) return known.level;
    const level = readLevel(dir);
    this.levels.set(dir, { level, stamp: this.revalidate ? stampOf(level.read) : '' });
    return level;
  }
}

/** The modification times of `paths` (a folder's changes when an entry is added, removed or renamed). */
function stampOf(paths: readonly string[]): string {
  return paths.map((p) => fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1).join(' ');
}

/** Reads the manifests in `dir` and its parents, up to the folder holding `.git` (or the file system root). */
export function readProjectContext(dir: string, levelOf: (dir: string) => Level = readLevel): ProjectContext {
  const requirements = new Map<string, string[]>();
  const npmPackages = new Map<string, string[]>();
  let current = path.resolve(dir);
  for (let depth = 0; depth < MAX_LEVELS; depth++) {
    const level = levelOf(current);
    for (const [name, specs] of level.requirements) if (!requirements.has(name)) requirements.set(name, specs);
    for (const [name, specs] of level.npmPackages) if (!npmPackages.has(name)) npmPackages.set(name, specs);
    const parent = path.dirname(current);
    if (parent === current || level.last) break;
    current = parent;
  }
  return { pythonRequirements: requirements, npmPackages };
}

function readLevel(dir: string): Level {
  const requirements = new Map<string, string[]>();
  const manifests = manifestsIn(dir);
  for (const [file, parse] of manifests) {
    const text = readText(file);
    if (text !== undefined) for (const [name, spec] of parse(text)) push(requirements, name, spec);
  }
  const read = [dir, path.join(dir, 'requirements'), ...manifests.map(([file]) => file), path.join(dir, 'package.json'), path.join(dir, 'package-lock.json')];
  return { requirements, npmPackages: npmPackagesIn(dir), last: fs.existsSync(path.join(dir, '.git')), read };
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The npm packages a folder's `package.json` names, with the versions its `package-lock.json` resolved instead where it has them. */
function npmPackagesIn(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const manifest = readText(path.join(dir, 'package.json'));
  if (manifest === undefined) return found;
  const locked = parseJsonObject(readText(path.join(dir, 'package-lock.json')) ?? '{}');
  const lockedPackages = typeof locked.packages === 'object' && locked.packages ? (locked.packages as Record<string, { version?: unknown }>) : {};
  for (const [name, spec] of parsePackageJson(manifest)) {
    const version = lockedPackages[`node_modules/${name}`]?.version;
    found.set(name, [typeof version === 'string' ? `==${version}` : spec]);
  }
  return found;
}

/** `dependencies`, `devDependencies` and `peerDependencies` of a `package.json`, with npm ranges as PEP 440 lower bounds. */
export function parsePackageJson(text: string): [string, string][] {
  const manifest = parseJsonObject(text);
  const found: [string, string][] = [];
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = manifest[section];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof range === 'string') found.push([name, npmSpecifier(range)]);
    }
  }
  return found;
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** npm's `^0.1.290`, `~0.1.290` and `>=0.1.290` as lower bounds, `0.1.290` as itself; tags, URLs and `*` as any version. */
function npmSpecifier(range: string): string {
  const v = range.trim();
  const bound = /^(\^|~|>=)\s*v?(\d+(?:\.\d+)*)/.exec(v);
  if (bound) return '>=' + bound[2];
  return /^v?\d+(\.\d+)*$/.test(v) ? '==' + v.replace(/^v/, '') : '';
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

/**
 * What the project's manifests say about a package's version: the version itself when it is pinned (`==`, a lockfile),
 * else the lowest version they allow. Undefined when the package is not named or any version goes.
 */
export function declaredVersion(specs: readonly string[] | undefined): { pinned?: string; floor?: string } | undefined {
  if (!specs || specs.length === 0) return undefined;
  const pinned = specs.map((s) => /^===?\s*v?(\d+(?:\.\d+)*)$/.exec(s.trim())?.[1]).find((v) => v !== undefined);
  if (pinned) return { pinned, floor: pinned };
  const floors = specs.map(lowerBound);
  if (floors.some((f) => f === undefined)) return undefined;
  return { floor: floors.reduce((a, b) => (compareVersions(a!, b!) >= 0 ? a : b))!.join('.') };
}

/** Compares two dotted versions: negative, zero or positive. */
export function compareVersionStrings(a: string, b: string): number {
  return compareVersions(versionParts(a), versionParts(b));
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

