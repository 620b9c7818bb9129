// Root modules and reusable modules among the Terraform folders of a workspace. Settings that are one per account and
// Region (Bedrock model invocation logging) belong to the root module that deploys; a reusable module cannot own them.
import type { Located, Project, ProjectFile } from '../project';
import type { FileFacts, ResourceFact, Span } from '../types';
import type { ModuleCall } from './declarations';
import { moduleFolder } from './modules';
import { baseName, folderOf } from './paths';

/**
 * One folder's Terraform files. A file a scan did not parse (`ProjectFile.unparsed`) holds nothing a rule's triggers
 * stand for (a Bedrock resource) and no module call; it is read, when first needed, only for what the folder's layout
 * depends on: whether it configures a provider or backend, has resources, and which file comes first.
 */
export class TerraformFolder {
  /** The files that were parsed, in path order. */
  readonly files: ProjectFile[] = [];
  /** Local modules its files call: the folder each call resolves to. */
  readonly calls: { file: ProjectFile; call: ModuleCall; folder: string }[] = [];
  /** Every file, those not parsed included, in path order. */
  private readonly all: ProjectFile[] = [];
  private isConfigured: boolean | undefined;

  constructor(readonly folder: string) {}

  add(file: ProjectFile): void {
    this.all.push(file);
    const facts = file.facts.terraform;
    if (!facts) return;
    this.files.push(file);
    for (const call of facts.modules) {
      const called = moduleFolder(this.folder, call.source);
      if (called) this.calls.push({ file, call, folder: called });
    }
  }

  /** A `provider` block or a `backend`/`cloud` block: the folder is run as a root module. */
  get configured(): boolean {
    this.isConfigured ??= this.some((facts) => facts.terraform!.providers > 0 || facts.terraform!.backend);
    return this.isConfigured;
  }

  hasResources(): boolean {
    return this.some((facts) => facts.resources.length > 0);
  }

  /** The folder's first file, with its facts. */
  first(): { file: ProjectFile; facts: FileFacts } | undefined {
    for (const file of this.all) {
      const facts = factsOf(file);
      if (facts) return { file, facts };
    }
    return undefined;
  }

  /** Whether a file's facts pass `test`: the parsed files first, the others read only while none does. */
  private some(test: (facts: FileFacts) => boolean): boolean {
    if (this.files.some((file) => test(file.facts))) return true;
    return this.all.some((file) => !file.facts.terraform && test(factsOf(file) ?? NO_FACTS));
  }
}

/** The Terraform folders of the project, by folder, files in path order. */
export function terraformFolders(project: Project): Map<string, TerraformFolder> {
  const folders = new Map<string, TerraformFolder>();
  const files = project.files.filter((f) => f.language === 'terraform' && (f.facts.terraform?.folder || f.unparsed)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) {
    const folder = file.facts.terraform?.folder ?? folderOf(file.path);
    const entry = folders.get(folder) ?? new TerraformFolder(folder);
    entry.add(file);
    folders.set(folder, entry);
  }
  return folders;
}

/** A file's facts as its analysis made them: those of a file that was not parsed read now; undefined when they cannot be. */
function factsOf(file: ProjectFile): FileFacts | undefined {
  if (file.facts.terraform) return file.facts;
  const facts = file.unparsed?.();
  return facts?.terraform ? facts : undefined;
}

const NO_FACTS: FileFacts = { language: 'terraform', calls: [], resources: [], imports: new Set(), comments: [], problems: [], terraform: { variables: [], locals: [], modules: [], assignments: [], providers: 0, backend: false } };

/**
 * A reusable module: a folder that configures no provider and no backend, and that another folder calls or that is laid
 * out to be published (a `modules/<name>` folder, or a folder named `terraform-<provider>-<name>` as the registry
 * requires). Such a folder is never run on its own, so what only a root module can own is not its to own.
 */
export function isReusableModule(folder: TerraformFolder, folders: ReadonlyMap<string, TerraformFolder>): boolean {
  const called = [...folders.values()].some((other) => other.folder !== folder.folder && other.calls.some((c) => c.folder === folder.folder));
  const parts = folder.folder.split(/[\\/]/);
  return (called || parts[parts.length - 2] === 'modules' || /^terraform-[a-z0-9]+-.+/.test(baseName(folder.folder))) && !folder.configured;
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
  return [...folders.values()].filter((f) => !isReusableModule(f, folders) && (f.calls.length > 0 || f.hasResources()));
}

function usesThrough(folder: string, folders: ReadonlyMap<string, TerraformFolder>, matches: (r: ResourceFact) => boolean, seen: Set<string>): boolean {
  const called = folders.get(folder);
  if (!called || seen.has(folder) || seen.size > 16) return false;
  seen.add(folder);
  return called.files.some((f) => f.facts.resources.some(matches)) || called.calls.some((c) => usesThrough(c.folder, folders, matches, seen));
}
