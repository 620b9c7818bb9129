// One file's analysis as the language server asks for it, and what comes back: the same in the analysis worker and,
// for tests with their own rules, on the server's own thread. What comes back is plain data (it crosses threads) and
// holds only what the server keeps of a file: findings (without their fixes), problems, review signals, and what the
// cross-file rules read. The whole facts stay behind. The fixes of an open document's findings are worked out only
// when a code action asks for them (`JobContext.fixes`): laying a fix out can cost more than the rest of an edit.
// The Terraform modules of the workspace are read where files are analysed (`JobContext`): a Terraform file is
// analysed with the rest of its module.
import type { AnalysisOptions } from '../engine/config';
import { INTERRUPTED, type Engine } from '../engine/engine';
import { ManifestCache } from '../engine/manifests';
import { ModuleLocator } from '../engine/notebook/analyze';
import { CellPositions, ModuleMap } from '../engine/notebook/positions';
import { SourcePieces, type CellText } from '../engine/notebook/read';
import { diskHost, TerraformWorkspace } from '../engine/terraform/workspace';
import type { AnalysisResult, FileFacts, FileProblem, Finding, Fix, Language, ReviewSignals } from '../engine/types';
import { byImportance } from './bounds';
import { keptFrom, type KeptDelta } from './handover';
import { crossFileSignature, signatureDigest, type CrossFileSignature } from './signature';

export interface AnalysisJob {
  id: number;
  /** The document's URI: what the engine keeps a file's syntax tree under between edits, and what jobs supersede by. */
  key: string;
  /** Path (or URI, for an unsaved document) the engine sees. */
  path: string;
  text: string;
  language?: Language;
  relativePath?: string;
  /** The file on disk the document is (none for an unsaved one): a Terraform file is analysed with its folder's module. */
  localPath?: string;
  /** True for a document the editor holds: its text, not the disk's, is what the other files of its module read. */
  open: boolean;
  /** A notebook as the editor holds it, cell by cell (`text` is then unused). */
  cells?: CellText[];
  options: AnalysisOptions;
  /**
   * `now` for files from disk; `idle` for open documents, whose review signals are collected once no newer job for
   * the file waits (typing needs diagnostics, the review reads signals later).
   */
  signals: 'now' | 'idle';
  /**
   * How many findings can have their fixes worked out when a code action asks (`JobContext.fixes`): those the editor
   * can show of an open document (`aiLens.maxFindingsPerFile`); none for a file from disk, which is analysed again
   * when it is opened.
   */
  fixesFor: number;
  /** Whether the flow across files may reach the file (`SourceFile.flowReach`); left out until the workspace is known. */
  flowReach?: boolean;
}

export interface AnalysisOutcome {
  id: number;
  key: string;
  /**
   * Its `facts` (and those of a notebook's modules) are what the project keeps of the file for the cross-file rules
   * (`keepForWorkspace`); `signals` when they were collected with it.
   */
  result: AnalysisResult;
  /** The signature of what the cross-file rules read of the file, as its digest (`signatureDigest`). */
  signature?: CrossFileSignature;
  /**
   * Set by the analysis worker on an open document's outcome: the server's thread keeps its kept facts' lists for the
   * next one, and `delta` says how they are written against the previous one's (`handover.ts`).
   */
  handover?: { delta?: KeptDelta };
  /** Terraform files whose module's declarations this analysis changed: they are analysed again. */
  terraformStale?: string[];
  /** Milliseconds the analysis took. */
  ms: number;
}

/** Review signals collected after the outcome they belong to, with the problems collecting them added. */
export interface LateSignals {
  id: number;
  key: string;
  signals: ReviewSignals;
  problems: FileProblem[];
}

/** Why an analysis was interrupted, when it was. */
export type Interruption = 'superseded' | 'memory' | undefined;

/** A text this long makes a syntax tree of hundreds of megabytes in the parser's memory (about 160 bytes a character). */
const LARGE_TREE_CHARACTERS = 512 * 1024;

/**
 * What stays where jobs run, between them: the engine (with the syntax trees kept for the next edit of a file), the
 * Terraform modules of the workspace, and the editor's copies of the open files they read instead of the disk's.
 */
export class JobContext {
  readonly terraform: TerraformWorkspace;
  /** Path on disk → the text of the open document last analysed. */
  private readonly openTexts = new Map<string, string>();
  /** Job key → the path the engine keeps its syntax tree under, and its path on disk. */
  private readonly paths = new Map<string, { path: string; localPath?: string }>();
  /** Job key → the findings of its last outcome whose fixes a code action may ask for (`fixes`). */
  private readonly fixable = new Map<string, FixableFindings>();
  private maxFileBytes: number | undefined;
  /** The manifests around the files (`requirements.txt`, `package.json`), read again only when they change. */
  private readonly manifests = new ManifestCache(true);

  constructor(
    readonly engine: Engine,
    readonly forWorkspace: (facts: FileFacts, text: string) => FileFacts,
  ) {
    this.terraform = new TerraformWorkspace(
      engine,
      diskHost(
        () => this.maxFileBytes ?? Number.MAX_SAFE_INTEGER,
        (file) => this.openTexts.get(file),
      ),
    );
  }

  /**
   * Runs `job` and shapes its outcome. `interruption` is asked as often as the clock; when it names a reason the
   * analysis stops, and `undefined` is returned for a superseded job, a `skipped` problem saying so for one that
   * needed too much memory (`overMemory`). `later` receives the collection of an open document's review signals.
   */
  run(job: AnalysisJob, interruption: () => Interruption, overMemory: string, later: (collect: () => LateSignals) => void): AnalysisOutcome | undefined {
    const started = performance.now();
    // Fixes read the facts, which this analysis moves in place (`engine/extract/places.ts`).
    this.fixable.delete(job.key);
    this.maxFileBytes = job.options.maxFileBytes;
    this.paths.set(job.key, { path: job.path, localPath: job.localPath });
    if (job.localPath && job.open) this.openTexts.set(job.localPath, job.text);
    const terraform = job.localPath && job.language === 'terraform' ? this.terraform.contextFor(job.localPath) : undefined;
    const result = this.engine.analyze(
      { path: job.path, text: job.text, language: job.language, relativePath: job.relativePath, terraform, cells: job.cells, manifestCache: this.manifests, flowReach: job.flowReach },
      job.options,
      job.signals === 'now' ? 'now' : 'when-read',
      () => interruption() !== undefined,
    );
    if (result.problems.some((p) => p.message === INTERRUPTED)) {
      const why = interruption();
      if (why === 'superseded') return undefined;
      result.problems = [{ kind: 'skipped', message: overMemory }];
    }
    // Working out a Terraform file's fixes parses it again (to keep `=` aligned): a large file's kept syntax tree goes
    // first, so that the parser's memory holds one tree of it, not two (its next edit parses it whole).
    if (result.language === 'terraform' && job.text.length > LARGE_TREE_CHARACTERS) this.engine.release(job.path);
    const outcome = shaped(job, result, this.forWorkspace);
    const fixable = fixableFindings(result.findings, job.fixesFor);
    if (fixable) this.fixable.set(job.key, { jobId: job.id, ...fixable });
    if (job.localPath && result.language === 'terraform') outcome.terraformStale = this.terraform.update(job.localPath, result.facts?.terraform, job.text);
    outcome.ms = performance.now() - started;
    if (job.signals === 'now') outcome.result.signals = result.signals;
    else if (result.facts || result.notebook) {
      // Reads this version's facts, which the file's next analysis moves in place (`engine/extract/places.ts`): the
      // runners drop a collection not made yet before the file's next job starts.
      later(() => {
        const before = result.problems.length;
        const signals = result.signals!; // collected on this first read
        return { id: job.id, key: job.key, signals, problems: result.problems.slice(before) };
      });
    }
    return outcome;
  }

  /**
   * The fixes of the findings of job `jobId`'s outcome, in their order (as plain data: they cross threads), worked out
   * now; undefined when that outcome is no longer the file's last one or the file's next analysis has started.
   */
  fixes(key: string, jobId: number): Fix[][] | undefined {
    const fixable = this.fixable.get(key);
    if (fixable?.jobId !== jobId) return undefined;
    return fixable.findings.map((finding) => (fixable.withFixes.has(finding) ? plainFixes(finding) : []));
  }

  /** Forgets what was kept for the file's next edit, and its editor copy. */
  release(key: string): void {
    this.fixable.delete(key);
    const known = this.paths.get(key);
    this.paths.delete(key);
    this.engine.release(known?.path ?? key);
    if (known?.localPath) this.openTexts.delete(known.localPath);
  }

  /** A file changed or deleted on disk that no analysis reads (a `.tfvars` file): the Terraform files to analyse again. */
  async terraformFileChanged(path: string, deleted: boolean): Promise<string[]> {
    await this.engine.loadGrammars(['terraform']);
    return deleted ? this.terraform.remove(path) : this.terraform.reload(path);
  }

  async setTerraformVarFiles(paths: readonly string[]): Promise<void> {
    await this.engine.loadGrammars(['terraform']);
    this.terraform.setVarFiles(paths);
  }
}

/**
 * The outcome of an analysis as plain data: findings with the fixes the editor can show, and of the facts (a
 * notebook's: of each of its modules) what the cross-file rules read, with its signature.
 */
function shaped(job: AnalysisJob, result: AnalysisResult, forWorkspace: (facts: FileFacts, text: string) => FileFacts): AnalysisOutcome {
  const plain: AnalysisResult = { language: result.language, findings: result.findings.map(withoutFixes), problems: [...result.problems] };
  const signature: string[] = [];
  const keep = (facts: FileFacts, text: string) => {
    const kept = forWorkspace(facts, text);
    keptFrom(kept, facts);
    signature.push(...crossFileSignature(facts, kept));
    return kept;
  };
  if (result.notebook) {
    const modules = result.notebook.modules.map((m) => ({ ...m, facts: m.facts && keep(m.facts, m.text ?? '') }));
    plain.notebook = { ...result.notebook, positions: undefined, modules } as unknown as AnalysisResult['notebook'];
  } else if (result.facts) plain.facts = keep(result.facts, job.text);
  return { id: job.id, key: job.key, result: plain, signature: plain.facts || plain.notebook?.modules.some((m) => m.facts) ? signatureDigest(signature) : undefined, ms: 0 };
}

/** The findings of an outcome, and those among them whose fixes a code action may ask for. */
interface FixableFindings {
  jobId: number;
  findings: readonly Finding[];
  withFixes: ReadonlySet<Finding>;
}

/**
 * The `fixesFor` most important unsuppressed findings, whose fixes are worked out when asked for (a rule may compute
 * them only when read); the others have none, since the editor does not show them. Undefined when none may have fixes.
 */
function fixableFindings(findings: readonly Finding[], fixesFor: number): Omit<FixableFindings, 'jobId'> | undefined {
  if (fixesFor <= 0 || findings.length === 0) return undefined;
  return { findings, withFixes: new Set(findings.filter((f) => !f.suppression).sort(byImportance).slice(0, fixesFor)) };
}

/** A finding's fixes as plain data; none when working them out fails (a rule's error: the finding still shows). */
function plainFixes(finding: Finding): Fix[] {
  try {
    return structuredClone(finding.fixes);
  } catch {
    return [];
  }
}

/** A finding as a plain object without its fixes (reading them would work them out). */
function withoutFixes(finding: Finding): Finding {
  const plain = {} as Record<string, unknown>;
  for (const key of Object.keys(finding)) if (key !== 'fixes') plain[key] = finding[key as keyof Finding];
  plain.fixes = [];
  return plain as unknown as Finding;
}

/**
 * A notebook's outcome as it arrives from the worker: the places of its modules' findings in its cells (what the
 * cross-file rules need to place theirs) made objects with their methods again.
 */
export function revived(result: AnalysisResult): AnalysisResult {
  for (const module of result.notebook?.modules ?? []) {
    const { module: segments, cells } = module.locator.map;
    for (const cell of cells.cells) Object.setPrototypeOf(cell.pieces, SourcePieces.prototype);
    module.locator = new ModuleLocator(new ModuleMap(segments, new CellPositions(cells.cells, cells.inFile)));
  }
  return result;
}
