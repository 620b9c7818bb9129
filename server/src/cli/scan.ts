import * as path from 'node:path';
import * as fs from 'node:fs';
import type { AnalysisOptions } from '../engine/config';
import { grammarFor, sortFindings, type Engine, type SignalCollection, type SourceFile } from '../engine/engine';
import type { Grammar } from '../engine/parsers/treeSitter';
import { Project } from '../engine/project';
import type { ProjectConfig } from '../engine/projectConfig';
import type { AnalysisResult, FileFacts, Finding } from '../engine/types';
import { detectLanguage, extensionOf, notCheckedKind } from '../engine/languages';
import { excludeMatcher, listFiles, readSource, toPosix, type NotChecked, type Skipped } from '../engine/workspace';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { DetachedStrings } from '../engine/detached';
import { scannedFile, type ScannedFile } from './scannedFile';
import { flowFamily, type FlowReach } from '../engine/flow/reach';
import { isNotebookPath } from '../engine/notebook/analyze';
import { readNotebook, type ReadResult } from '../engine/notebook/read';
import { ManifestCache } from '../engine/manifests';
import { relateToSource } from '../engine/synthesized';
import { cloudAssembliesOf, isCloudAssembly, isNewerThanSources, synthesizedTemplates } from './synth';
import { UsageError } from './options';

export { UsageError };
export type { ScannedFile };
import { diskHost, TerraformWorkspace } from '../engine/terraform/workspace';
import { isTerraformPlan } from '../engine/terraform/plan';
import { folderOf } from '../engine/terraform/paths';
import { MAX_PLAN_BYTES, scanPlan } from './plan';

export interface ScanReport {
  root: string;
  files: ScannedFile[];
  skipped: Skipped[];
  /** Files of kinds AI Lens does not check (other languages, notebooks of other kernels), for the summary. */
  notChecked: NotChecked[];
  /** Number of files analysed (including ones with no findings; not those skipped). */
  scanned: number;
  /** Things the summary says besides counts: synthesized CDK templates that were not checked. */
  notes?: string[];
  /** Findings left out because the baseline (`--baseline`) holds them. */
  baselined?: number;
}

/** The folder a scan of `targets` reports paths relative to: the folder given when there is one, else the current one. */
export function scanRoot(targets: readonly string[]): string {
  const absolute = (targets.length ? targets : ['.']).map((t) => path.resolve(t));
  return absolute.length === 1 && fs.existsSync(absolute[0]) && fs.statSync(absolute[0]).isDirectory() ? absolute[0] : process.cwd();
}

export interface ScanSettings {
  /** Exclude patterns on top of the defaults (and the configuration's). */
  exclude?: readonly string[];
  config?: ProjectConfig;
  onProgress?: (done: number, total: number) => void;
  /** Keep each file's review signals, which the lens review reads (default); the scan's own formats do not. */
  reviewSignals?: boolean;
  /** Check the templates of the CDK apps' `cdk.out` folders too (`--include-synth`). */
  includeSynth?: boolean;
  /** Terraform variables files (`--var-file`), in order: their values win over defaults and tfvars files. */
  varFiles?: readonly string[];
  /**
   * Keep each fix's edits (default). Off for a report that shows only fixes' titles and safety (JSON): each fix then
   * keeps those alone, its `edits` empty. A scan holds every finding to its end, and edits are most of their size.
   */
  fixEdits?: boolean;
  /** The files to scan, listed already (`listScan`) with these targets and settings. */
  listing?: ScanListing;
}

/**
 * The files a scan of `targets` checks, listed before any is read, with what the scan reports of the others: `scan`
 * lists them itself unless given them (`ScanSettings.listing`, from `listScan` with the same targets and settings).
 */
export interface ScanListing {
  root: string;
  paths: Set<string>;
  /** Files named explicitly, and the templates of a cloud assembly asked for: checked even when minified or generated. */
  explicit: Set<string>;
  skipped: Skipped[];
  notChecked: NotChecked[];
  notes: string[];
}

export function listScan(targets: readonly string[], settings: ScanSettings = {}): ScanListing {
  const { exclude = [], config, includeSynth = false } = settings;
  const absolute = (targets.length ? targets : ['.']).map((t) => path.resolve(t));
  for (const target of absolute) if (!fs.existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  const root = scanRoot(targets);
  const isExcluded = excludeMatcher(exclude);
  const configExcluded = config ? excludeMatcher(config.exclude) : () => false;
  const relativeToConfig = configRelative(config);
  const listing: ScanListing = { root, paths: new Set(), explicit: new Set(), skipped: [], notChecked: [], notes: [] };
  const { paths, explicit, skipped, notChecked, notes } = listing;
  const addExplicit = (file: string) => {
    paths.add(file);
    explicit.add(file);
  };
  for (const target of absolute) {
    if (!fs.statSync(target).isDirectory()) {
      // A file named explicitly is checked even if a default exclude matches it.
      const kind = notCheckedKind(target);
      if (kind) notChecked.push({ path: target, kind });
      else addExplicit(target);
    } else if (isCloudAssembly(target)) {
      for (const file of synthesizedTemplates(target)) addExplicit(file);
    } else {
      const excluded = (rel: string) => {
        if (isExcluded(rel)) return true;
        const fromConfig = relativeToConfig(path.join(target, rel));
        return fromConfig !== undefined && !fromConfig.startsWith('..') && configExcluded(fromConfig);
      };
      const files = listFiles(target, excluded, (s) => skipped.push(s), (n) => notChecked.push(n));
      for (const file of files) paths.add(file);
      for (const assembly of cloudAssembliesOf(target, files)) {
        if (includeSynth) for (const file of synthesizedTemplates(assembly)) addExplicit(file);
        else if (isNewerThanSources(assembly, files)) notes.push(synthNote(root, assembly));
      }
    }
  }
  return listing;
}

/** A file's path relative to the configuration's folder, which its `ignore` entries match. */
function configRelative(config: ProjectConfig | undefined): (file: string) => string | undefined {
  return (file) => (config ? toPosix(path.relative(config.dir, file)) : undefined);
}

/**
 * The grammars a scan of these files needs: Python and Terraform always (a notebook's cells may write files of either,
 * and a Terraform plan reads its configuration), the TypeScript grammars only for TypeScript and JavaScript files.
 * The TypeScript grammars are about three megabytes of WebAssembly: compiling them is about 150 ms of CPU, a twentieth of
 * the realistic tree's Python scan.
 */
export function scanGrammars(paths: Iterable<string>): Grammar[] {
  const grammars = new Set<Grammar>(SCAN_GRAMMARS);
  for (const file of paths) {
    const language = detectLanguage(file, '');
    if (language === 'typescript' || language === 'javascript') grammars.add(grammarFor(language, extensionOf(file)));
  }
  return [...grammars];
}

/** What a scan's engine is made with (`Engine.create(rules, SCAN_GRAMMARS)`); `scanFiles` loads the others it needs. */
export const SCAN_GRAMMARS: readonly Grammar[] = ['python', 'terraform'];

/** Lists the files of `targets`, loads the grammars they need into `engine`, and scans them. */
export async function scanFiles(engine: Engine, targets: readonly string[], options: AnalysisOptions, settings: ScanSettings = {}): Promise<ScanReport> {
  const listing = settings.listing ?? listScan(targets, settings);
  await engine.loadGrammars(scanGrammars(listing.paths));
  return scan(engine, targets, options, { ...settings, listing });
}

/**
 * Scans files and folders. Paths in the report are relative to `scanRoot(targets)`. Missing paths throw (a usage
 * error); unreadable files are skipped with a reason. `config` adds its exclude patterns and gives each file its path
 * relative to the configuration's folder, which its `ignore` entries match.
 */
export function scan(engine: Engine, targets: readonly string[], options: AnalysisOptions, settings: ScanSettings = {}): ScanReport {
  const { config, reviewSignals = true, varFiles = [], fixEdits = true, onProgress } = settings;
  engine.keepFactsForEdits = false; // each file is read once
  const { root, paths, explicit, ...listed } = settings.listing ?? listScan(targets, settings);
  const skipped = [...listed.skipped];
  const notChecked = [...listed.notChecked];
  const notes = [...listed.notes];
  const relativeToConfig = configRelative(config);
  const report: ScanReport = { root, files: [], skipped: [], notChecked: [], scanned: 0, ...(notes.length ? { notes } : {}) };
  // What the cross-file rules read of each file, kept until they have run; the report keeps findings, not facts.
  // The project and the report keep no file's text: their strings are copied out of the texts (`DetachedStrings`).
  const project = new Project(false);
  const strings = new DetachedStrings();
  const forWorkspace = detachedKeep(keepForWorkspace(engine.activeRules(options)), strings);
  const manifestCache = new ManifestCache();
  const signals: SignalCollection = reviewSignals ? 'now' : 'never';
  // A Terraform file in which nothing can be found is not parsed for itself: only its declarations are read, for its module.
  const parsesTerraform = (text: string) => engine.parsesAlone(text, 'terraform', options, signals);
  const terraform = terraformWorkspace(engine, options, varFiles, parsesTerraform);
  terraform.discoverCallers([...paths]);
  const lastInFolder = lastTerraformFileOfEachFolder(paths);
  const notebooks = new HeldNotebookReads();
  const reach = flowReachOf(engine, options, paths, notebooks);
  let done = 0;
  for (const file of paths) {
    onProgress?.(done++, paths.size);
    const relative = toPosix(path.relative(root, file)) || path.basename(file);
    if (explicit.has(file) && file.endsWith('.json')) {
      const planned = scanPlanFile(engine, file, root, options, project, relativeToConfig, reviewSignals ? 'now' : 'never');
      if (planned) {
        report.scanned++;
        report.files.push(...planned);
        continue;
      }
    }
    const read = readSource(file, options.maxFileBytes);
    if ('skipped' in read) {
      skipped.push({ path: file, reason: read.skipped });
      continue;
    }
    const isTerraform = detectLanguage(file, '') === 'terraform';
    const terraformContext = isTerraform && parsesTerraform(read.text) ? terraform.contextFor(file) : undefined;
    const notebookRead = notebooks.take(file, read.text);
    const source = { path: file, text: read.text, relativePath: relativeToConfig(file), checkGenerated: explicit.has(file), terraform: terraformContext, manifestCache, flowReach: reach?.has(file), notebookRead };
    const result = engine.analyze(source, options, signals);
    engine.release(file);
    if (isTerraform && lastInFolder.get(folderOf(file)) === file) terraform.forget(folderOf(file));
    settleFindings(result, fixEdits, strings);
    if (!result.language) continue;
    if (result.notebook?.otherKernel) {
      notChecked.push({ path: file, kind: `${result.notebook.otherKernel} notebook` });
      continue;
    }
    const skippedProblem = result.problems.find((p) => p.kind === 'skipped');
    if (skippedProblem) {
      skipped.push({ path: file, reason: skippedProblem.message.replace(/^skipped: /, '') });
      continue;
    }
    report.scanned++;
    project.setAnalysed(file, result, read.text, forWorkspace);
    if (isTerraform && !terraformContext) project.setUnparsed(file, () => terraformFactsOf(engine, terraform, { ...source, terraform: undefined }, options, forWorkspace));
    report.files.push(scannedFile(relative, file, read.text, result, project, strings));
  }
  addWorkspaceFindings(engine, project, report, options, relativeToConfig, fixEdits, strings);
  for (const file of report.files) if (file.result.language === 'cloudformation') relateToSource(project, file.absolutePath, file.result.findings);
  report.skipped = skipped.map((s) => ({ path: toPosix(path.relative(root, s.path)) || s.path, reason: s.reason }));
  report.notChecked = notChecked.map((n) => ({ path: toPosix(path.relative(root, n.path)) || n.path, kind: n.kind }));
  return report;
}

/**
 * Renders the findings' fixes now (their titles and safety alone when `edits` is off): a rule that renders them when
 * asked holds what it read of the file (a resource and its settings) until then, and a scan keeps every finding to the
 * end. Edits laid out as `terraform fmt` would stay lazy: they hold only the file's text. The findings' strings are
 * copied out of the file's text (`DetachedStrings`), which the scan does not keep.
 */
function settleFindings(result: Pick<AnalysisResult, 'findings'>, edits: boolean, strings: DetachedStrings): void {
  for (const finding of result.findings) {
    if (edits) void finding.fixes;
    else if (finding.fixes.length) finding.fixes = finding.fixes.map((fix) => ({ title: fix.title, safety: fix.safety, edits: [] }));
    detachFinding(finding, strings);
  }
}

/** A finding's strings copied out of its file's text; edits still to be laid out are left to be, when first read. */
function detachFinding(finding: Finding, strings: DetachedStrings): void {
  finding.message = strings.string(finding.message);
  if (finding.related) strings.all(finding.related);
  if (finding.suppression) strings.all(finding.suppression);
  for (const fix of finding.fixes) {
    fix.title = strings.string(fix.title);
    if (Object.getOwnPropertyDescriptor(fix, 'edits')?.get === undefined) strings.all(fix.edits);
    if (fix.cellEdits) strings.all(fix.cellEdits);
  }
}

/** What the project keeps of a file, its strings copied out of the file's text, which the scan does not keep. */
function detachedKeep(keep: (facts: FileFacts, text: string) => FileFacts, strings: DetachedStrings): (facts: FileFacts, text: string) => FileFacts {
  return (facts, text) => strings.all(keep(facts, text));
}

/** A Terraform plan named on the command line (`terraform show -json` output); undefined for any other JSON file. */
function scanPlanFile(
  engine: Engine,
  file: string,
  root: string,
  options: AnalysisOptions,
  project: Project,
  relativeToConfig: (file: string) => string | undefined,
  signals: SignalCollection,
): ScannedFile[] | undefined {
  const read = readSource(file, Math.max(options.maxFileBytes, MAX_PLAN_BYTES));
  if (!('text' in read) || !isTerraformPlan(read.text)) return undefined;
  return scanPlan(engine, file, read.text, root, options, project, relativeToConfig, signals);
}

/** The last Terraform file of each folder, in scan order: once it is analysed, its module's declarations can go. */
function lastTerraformFileOfEachFolder(paths: Iterable<string>): Map<string, string> {
  const last = new Map<string, string>();
  for (const file of paths) if (detectLanguage(file, '') === 'terraform') last.set(folderOf(file), file);
  return last;
}

/**
 * Which files the flow across files can reach from one in which a rule that follows it finds its triggers, by their
 * text: read once before any is analysed (`FlowReach`). Undefined when no such rule runs.
 */
function flowReachOf(engine: Engine, options: AnalysisOptions, paths: Iterable<string>, notebooks: HeldNotebookReads): FlowReach | undefined {
  const reach = engine.flowReach(options);
  if (!reach) return undefined;
  for (const file of paths) {
    if (!flowFamily(file)) continue;
    const read = readSource(file, options.maxFileBytes);
    if ('text' in read) reach.set(file, read.text, undefined, isNotebookPath(file) ? notebooks.read(file, read.text) : undefined);
  }
  return reach;
}

/**
 * Notebooks' JSON as the flow's reach read it, held for their analysis (which then does not read it again) while the
 * texts held stay within `MAX_HELD_NOTEBOOK_CHARS`: each is used only for the same text, and dropped once used.
 */
class HeldNotebookReads {
  private readonly held = new Map<string, { text: string; read: ReadResult }>();
  private chars = 0;

  read(path: string, text: string): ReadResult {
    const read = readNotebook(text);
    if (this.chars + text.length <= MAX_HELD_NOTEBOOK_CHARS) {
      this.held.set(path, { text, read });
      this.chars += text.length;
    }
    return read;
  }

  take(path: string, text: string): ReadResult | undefined {
    const held = this.held.get(path);
    if (!held) return undefined;
    this.held.delete(path);
    this.chars -= held.text.length;
    return held.text === text ? held.read : undefined;
  }
}

/** How much notebook text (outputs included) the reads held for analyses may cover. */
const MAX_HELD_NOTEBOOK_CHARS = 32 * 1024 * 1024;

/**
 * The facts of a Terraform file the scan did not parse, as its analysis with its module would have made them and the
 * project keeps them (`ProjectFile.unparsed`): its text read again, its module too if it was forgotten.
 */
function terraformFactsOf(engine: Engine, terraform: TerraformWorkspace, file: SourceFile, options: AnalysisOptions, keep: (facts: FileFacts, text: string) => FileFacts): FileFacts | undefined {
  const read = readSource(file.path, options.maxFileBytes);
  if (!('text' in read)) return undefined;
  const result = engine.analyze({ ...file, text: read.text, terraform: terraform.contextFor(file.path) }, options, 'never');
  engine.release(file.path);
  terraform.forget(folderOf(file.path));
  const skipped = result.problems.some((p) => p.kind === 'skipped');
  return result.facts && !skipped ? keep(result.facts, read.text) : undefined;
}

/** Terraform modules read from disk, for analysing each .tf file with the rest of its folder. */
function terraformWorkspace(engine: Engine, options: AnalysisOptions, varFiles: readonly string[], analysed: (text: string) => boolean): TerraformWorkspace {
  const workspace = new TerraformWorkspace(engine, diskHost(() => options.maxFileBytes), options, { handOverReads: true, analysed: (_, text) => analysed(text), byName: true });
  for (const file of varFiles) if (!fs.existsSync(file)) throw new UsageError(`no such variables file: ${file}`);
  workspace.setVarFiles(varFiles.map((f) => path.resolve(f)));
  return workspace;
}

/** Runs the cross-file rules over everything scanned and adds their findings to the files they concern. */
function addWorkspaceFindings(engine: Engine, project: Project, report: ScanReport, options: AnalysisOptions, relativeToConfig: (file: string) => string | undefined, fixEdits: boolean, strings: DetachedStrings): void {
  const { findings, errors } = engine.analyzeProject(project, options, relativeToConfig);
  for (const file of report.files) {
    const extra = findings.get(file.absolutePath);
    if (!extra) continue;
    settleFindings({ findings: extra }, fixEdits, strings);
    if (!file.result.notebook) file.flagged.noteFromDisk(extra);
    file.result.findings.push(...extra);
    sortFindings(file.result.findings);
  }
  if (errors.length && report.files[0]) report.files[0].result.problems.push(...errors.map((message) => ({ kind: 'rule-error' as const, message })));
}

/** What the summary says of a `cdk.out` newer than its app's sources, which a project scan skips. */
function synthNote(root: string, assembly: string): string {
  const shown = toPosix(path.relative(root, assembly)) || assembly;
  return `${shown} holds templates synthesized after the last change to the sources; they were not checked: run \`ai-lens scan ${shown}\` (or add --include-synth) to check them, constructs AI Lens does not model included`;
}
