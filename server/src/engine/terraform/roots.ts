// Root modules and reusable modules among the Terraform folders of a workspace. Settings that are one per account and
// Region (Bedrock model invocation logging) belong to the root module that deploys; a reusable module cannot own them.
import type { Located, Project, ProjectFile } from '../project';
import type { ResourceFact, Span } from '../types';
import type { ModuleCall } from './declarations';
import { moduleFolder } from './modules';
import { baseName } from './paths';

export interface TerraformFolder {
  folder: string;
  files: ProjectFile[];
  /** A `provider` block or a `backend`/`cloud` block: the folder is run as a root module. */
  configured: boolean;
  /** Local modules its files call: the folder each call resolves to. */
  calls: { file: ProjectFile; call: ModuleCall; folder: string }[];
}

/** The Terraform folders of the project, by folder, files in path order. */
export function terraformFolders(project: Project): Map<string, TerraformFolder> {
  const folders = new Map<string, TerraformFolder>();
  const files = project.files.filter((f) => f.language === 'terraform' && f.facts.terraform?.folder).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) {
    const facts = file.facts.terraform!;
    const folder = facts.folder!;
    const entry = folders.get(folder) ?? { folder, files: [], configured: false, calls: [] };
    entry.files.push(file);
    entry.configured ||= facts.providers > 0 || facts.backend;
    for (const call of facts.modules) {
      const called = moduleFolder(folder, call.source);
      if (called) entry.calls.push({ file, call, folder: called });
    }
    folders.set(folder, entry);
  }
  return folders;
}

/**
 * A reusable module: a folder that configures no provider and no backend, and that another folder calls or that is laid
 * out to be published (a `modules/<name>` folder, or a folder named `terraform-<provider>-<name>` as the registry
 * requires). Such a folder is never run on its own, so what only a root module can own is not its to own.
 */
export function isReusableModule(folder: TerraformFolder, folders: ReadonlyMap<string, TerraformFolder>): boolean {
  if (folder.configured) return false;
  const called = [...folders.values()].some((other) => other.folder !== folder.folder && other.calls.some((c) => c.folder === folder.folder));
  const parts = folder.folder.split(/[\\/]/);
  return called || parts[parts.length - 2] === 'modules' || /^terraform-[a-z0-9]+-.+/.test(baseName(folder.folder));
}

/**
 * The first place a root module uses something `matches` picks out: a resource of its own, else a call to a local module
 * that has one (at any depth). Root modules in path order.
 */
export function firstRootUse(folders: ReadonlyMap<string, TerraformFolder>, matches: (r: ResourceFact) => boolean): Located<Span> | undefined {
  const roots = [...folders.values()].filter((f) => !isReusableModule(f, folders));
  for (const root of roots) {
    for (const file of root.files) {
      const resource = file.facts.resources.find(matches);
      if (resource) return { file, item: resource.nameSpan };
    }
  }
  for (const root of roots) {
    for (const { file, call, folder } of root.calls) {
      if (usesThrough(folder, folders, matches, new Set([root.folder]))) return { file, item: call.nameSpan };
    }
  }
  return undefined;
}

/** Root modules that have resources or module calls: the workspace deploys with Terraform. */
export function deployingRoots(folders: ReadonlyMap<string, TerraformFolder>): TerraformFolder[] {
  return [...folders.values()].filter((f) => !isReusableModule(f, folders) && (f.calls.length > 0 || f.files.some((file) => file.facts.resources.length > 0)));
}

function usesThrough(folder: string, folders: ReadonlyMap<string, TerraformFolder>, matches: (r: ResourceFact) => boolean, seen: Set<string>): boolean {
  const called = folders.get(folder);
  if (!called || seen.has(folder) || seen.size > 16) return false;
  seen.add(folder);
  return called.files.some((f) => f.facts.resources.some(matches)) || called.calls.some((c) => usesThrough(c.folder, folders, matches, seen));
}
