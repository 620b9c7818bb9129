import { AnalysisTimeout, Deadline } from './budget';
import { loadCatalog, type Catalog } from './catalog';
import { DEFAULT_OPTIONS, type AnalysisOptions } from './config';
import { extractCloudFormation } from './extract/cloudformation';
import { EVIDENCE_DETECTORS } from './evidence';
import { extractPython } from './extract/python';
import { withCdkConstructs } from './extract/cdk';
import { readDeclarations, readTerraform, TerraformBlocks, terraformDeclarations, terraformFacts, topLevelSpansOf, type TerraformRead } from './extract/terraform';
import { extractTypeScript } from './extract/typescript';
import { TypeScriptStatements } from './extract/typescriptStatements';
import { generatedFileReason } from './generated';
import { detectLanguage, extensionOf } from './languages';
import { alignTerraformFix } from './hclLayout';
import type { Parser, Tree } from 'web-tree-sitter';
import { errorCount, withJsxAmpersandsAsText } from './parsers/jsxText';
import { StatementSnapshots } from './parsers/syntax';
import { KeptPythonFacts } from './extract/pythonKept';
import { syntaxErrors } from './parsers/walk';
import { TreeCache } from './parsers/treeCache';
import { GRAMMARS, loadParsers, type Grammar, type Parsers } from './parsers/treeSitter';
import { whenRead } from './lazy';
import { analyzeNotebook, isNotebookPath, notebookMaxBytes } from './notebook/analyze';
import { CellReads } from './notebook/modules';
import { rememberOrigin } from './notebook/origins';
import type { CellText, ReadResult } from './notebook/read';
import { projectOf, type ManifestCache, type ProjectContext } from './manifests';
import type { Project, ProjectFile } from './project';
import { RecentMap } from './recent';
import { isSynthesized, originNote, withOrigin } from './origins';
import { collectSignals } from './review/signals';
import { TARGET_TRIGGERS } from './review/targets';
import { USAGE_TRIGGERS } from './review/usage';
import { RULES, type Rule } from './rules';
import type { TerraformContext } from './terraform/context';
import type { TerraformFacts } from './terraform/declarations';
import { explainFindings } from './terraform/explain';
import { moduleCallFindings } from './terraform/modules';
import { folderOf } from './terraform/paths';
import { scopeOptions } from './terraform/scope';
import { INVALID_SUPPRESSION, META_RULES } from './rules/meta';
import { FileRuleContext, type Report } from './rules/rule';
import { applySuppressions, parseSuppressions, suppressionProblems } from './suppressions';
import { formatBytes, formatDuration, LineIndex, type LinePlaces } from './text';
import { TriggerIndex, TriggerSet, type Triggers } from './triggers';
import { FlowReach } from './flow/reach';
import { OUTPUT_FILTER_TRIGGERS } from './apis/outputFilters';
import type { AnalysisResult, CellRange, FileFacts, FileProblem, Finding, Fix, Language, Range, RelatedLocation, Span } from './types';

export interface SourceFile {
  /** Path or URI; its extension picks the language unless `language` is given. */
  path: string;
  text: string;
  language?: Language;
  /** The file's declared dependencies; when left out they are read from the manifests around `path`, if that is a file on disk. */
  manifests?: ProjectContext;
  /** The path relative to the configuration's folder (forward slashes), for `ignore` entries; none for unsaved files. */
  relativePath?: string;
  /** Where the manifests around `path` are read from when they are needed, for a scan of many files: read once each. */
  manifestCache?: ManifestCache;
  /** Check the file even if it is minified or generated (it was named explicitly); such files are skipped otherwise. */
  checkGenerated?: boolean;
  /** Terraform: the rest of the file's module (other files of its folder, variables files); without it, the file alone. */
  terraform?: TerraformContext;
  /**
   * A notebook as an editor holds it, cell by cell (`text` is then unused): it is analysed as the notebook file would
   * be, and its places are those in its cells.
   */
  cells?: readonly CellText[];
  /** A notebook file's JSON as `readNotebook` read this very text, when the caller read it already (a scan's flow reach). */
  notebookRead?: ReadResult;
  /**
   * Whether the flow across files can reach the file from one in which the triggers of a rule that follows it occur
   * (`FlowReach`, from every file's text): false, such rules read it only if their own triggers occur in it. Left out
   * (the project is not known), they read it whenever they run.
   */
  flowReach?: boolean;
}

/** How `extract` reads a file (see there). */
interface ExtractOptions {
  manifests?: () => ProjectContext;
  /** Terraform: values as written, not evaluated in the module (a plan reads its configuration's places). */
  asWritten?: boolean;
  cacheKey?: string;
}

/**
 * When to collect what the lens review reads of a file: `now` (default), `when-read` (on the first read of
 * `result.signals`: an editor re-analysing a file as it is typed needs them only when the review is asked for), or
 * `never` (a scan that reports findings only).
 */
export type SignalCollection = 'now' | 'when-read' | 'never';

/** The problem of an analysis its caller interrupted: the caller knows why, and says so instead. */
export const INTERRUPTED = 'skipped: interrupted';

/** Rounds of reading bare `&` in JSX text as text (`parsers/jsxText.ts`). */
const MAX_JSX_ROUNDS = 4;

/** How many files keep their last syntax tree for incremental re-parsing: enough for the files open in an editor. */
const TREE_CACHE_FILES = 16;

/** parse → facts → rules → findings, for one file at a time. Holds the parsers, the rules and the lens catalog. */
export class Engine {
  /** Files analysed again (an editor's edits) re-parse only what changed since their last analysis. */
  private readonly trees = new TreeCache(TREE_CACHE_FILES);
  /** …and read again only the Terraform blocks that changed. */
  private readonly terraformBlocks = new RecentMap<string, TerraformBlocks>(TREE_CACHE_FILES);
  /** …and copy from the tree only the Python statements that changed, and evaluate only those whose facts may have. */
  private readonly pythonStatements = new RecentMap<string, StatementSnapshots | KeptPythonFacts>(TREE_CACHE_FILES);
  /** …and copy and evaluate only the TypeScript and JavaScript statements that changed or read what changed. */
  private readonly typescriptStatements = new RecentMap<string, TypeScriptStatements>(TREE_CACHE_FILES);
  /** The keys the files a notebook's cells write are kept under, by notebook. */
  private readonly notebookKeys = new Map<string, string[]>();
  /** An editor's notebooks: what their cells made, for the next edit (`CellReads`). */
  private readonly cellReads = new Map<string, CellReads>();
  /** What must occur in a file for it to be parsed, by language, signals and the rules that run (`mayFindAnything`). */
  private readonly triggerSets = new Map<string, TriggerSet | null>();
  /** Off, every file is parsed whatever the rules' triggers: for comparing the two. */
  skipByTriggers = true;
  /**
   * Keep each Python file's facts by statement for its next analysis (an editor's edits). Off for a scan, which reads
   * each file once: it then does not record what each statement reads.
   */
  keepFactsForEdits = true;

  private constructor(
    private readonly parsers: Parsers,
    readonly catalog: Catalog,
    readonly rules: readonly Rule[],
  ) {}

  /** `grammars`: those to load now (all by default); the others load with `loadGrammarsFor` before their files are analysed. */
  static async create(rules: readonly Rule[] = RULES, grammars: readonly Grammar[] = GRAMMARS): Promise<Engine> {
    const catalog = loadCatalog();
    const problems = catalog.validate(rules.map((r) => r.meta), EVIDENCE_DETECTORS);
    if (problems.length > 0) throw new Error(`lens catalog and rules disagree:\n  ${problems.join('\n  ')}`);
    return new Engine(await loadParsers(grammars), catalog, rules);
  }

  /** The grammar `analyze` needs for a file, when it is not loaded yet; undefined when it is, or none is needed. */
  missingGrammar(file: SourceFile): Grammar | undefined {
    const language = file.language ?? detectLanguage(file.path, file.text);
    if (!language || language === 'cloudformation') return undefined;
    const grammar = grammarFor(language, extensionOf(file.path));
    return this.parsers.has(grammar) ? undefined : grammar;
  }

  loadGrammars(grammars: readonly Grammar[] = GRAMMARS): Promise<void> {
    return this.parsers.load(grammars);
  }

  rule(id: string): Rule | undefined {
    return this.rules.find((r) => r.meta.id === id);
  }

  /**
   * Forgets what is kept of `path` for analysing it again after an edit (its syntax tree, its Terraform blocks, its
   * Python or TypeScript statements): a one-pass scan has no next edit, and keeping large trees only holds memory.
   */
  release(path: string): void {
    for (const key of [path, ...(this.notebookKeys.get(path) ?? [])]) {
      this.trees.delete(key);
      this.terraformBlocks.delete(key);
      this.pythonStatements.delete(key);
      this.typescriptStatements.delete(key);
    }
    this.terraformBlocks.delete(instanceKey(path));
    this.notebookKeys.delete(path);
    this.cellReads.delete(path);
  }

  /**
   * What a Terraform file declares for its module (variables, locals, module calls, tfvars entries), without checking
   * it: for the files around it. Its syntax tree and blocks are kept as for `analyze`, which reuses them. Undefined
   * for a file that cannot be read as Terraform (too large, binary, too slow, not parsed).
   */
  terraformDeclarations(file: SourceFile, options: AnalysisOptions = DEFAULT_OPTIONS): TerraformFacts | undefined {
    const read = this.readTerraform(file, options);
    return read && terraformDeclarations(read, file.path);
  }

  /**
   * What `terraformDeclarations` reads of a file, for an analysis of the same text that follows (`TerraformContext.read`)
   * to start from instead of parsing the file again. Holds no syntax tree.
   */
  readTerraform(file: SourceFile, options: AnalysisOptions = DEFAULT_OPTIONS): TerraformRead | undefined {
    return this.withTerraformTree(file, options, (tree, deadline) => readTerraform(tree, file.text, deadline, this.terraformBlocks.get(file.path, () => new TerraformBlocks())));
  }

  /**
   * `terraformDeclarations` for a file whose analysis will not read them (a scan that does not parse the file for
   * itself, `parsesAlone`): its resources are not read, and nothing of it is kept.
   */
  terraformDeclarationsAlone(file: SourceFile, options: AnalysisOptions = DEFAULT_OPTIONS): TerraformFacts | undefined {
    try {
      return this.withTerraformTree(file, options, (tree, deadline) => ({ ...readDeclarations(tree, deadline), folder: folderOf(file.path) }));
    } finally {
      this.trees.delete(file.path);
    }
  }

  /** `read` of a Terraform file's tree; undefined for a file too large, binary, too slow to parse or that fails to read. */
  private withTerraformTree<T>(file: SourceFile, options: AnalysisOptions, read: (tree: Tree, deadline: Deadline) => T): T | undefined {
    if (file.text.length > options.maxFileBytes || file.text.slice(0, 8192).includes('\0') || !this.parsers.has('terraform')) return undefined;
    const deadline = Deadline.after(options.maxAnalysisMs);
    try {
      const tree = this.trees.parse(file.path, 'terraform', this.parsers.parser('terraform'), file.text, () => deadline.expired);
      if (!tree) {
        this.parsers.parser('terraform').reset();
        return undefined;
      }
      return read(tree, deadline);
    } catch {
      return undefined;
    }
  }

  /**
   * Whether `analyze` parses a file of `language` with this text when nothing more is known of it (no Terraform module,
   * no flow reach): some running rule's triggers occur in it, or it calls a Terraform module.
   */
  parsesAlone(text: string, language: Language, options: AnalysisOptions = DEFAULT_OPTIONS, signals: SignalCollection = 'now'): boolean {
    return this.mayFindAnything(text, language, options, signals);
  }

  /**
   * What `SourceFile.flowReach` is worked out with: the files of a project, by their text, that the flow across files
   * can reach from one in which the triggers of a rule that follows it occur. Undefined when no such rule runs under
   * `options` (by default: any of the engine's rules).
   */
  flowReach(options?: AnalysisOptions): FlowReach | undefined {
    const rules = (options ? this.activeRules(options) : this.rules).filter((rule) => rule.triggersReach);
    const seeds = rules.length ? TriggerSet.of(rules.map((rule) => rule.triggers)) : undefined;
    return seeds && new FlowReach(seeds, rules.some((rule) => rule.triggersReach === 'output') ? TriggerSet.of([OUTPUT_FILTER_TRIGGERS]) : undefined);
  }

  /** Every id a suppression or setting may name: the rules and the meta rules. */
  get ruleIds(): ReadonlySet<string> {
    return new Set([...this.rules.map((r) => r.meta.id), ...META_RULES.map((r) => r.id)]);
  }

  /** Rules that run under `options`: not turned off, and serving at least one enabled lens. */
  activeRules(options: AnalysisOptions = DEFAULT_OPTIONS): Rule[] {
    // Asked several times per file: kept for the settings objects last asked about (they are not changed in place).
    const known = this.activeRulesBySettings.get(options.rules);
    if (known?.lenses === options.lenses) return known.rules;
    const rules = this.rules.filter(
      (rule) =>
        options.rules[rule.meta.id] !== 'off' &&
        rule.meta.practices.some((p) => {
          const lens = this.catalog.practice(p)?.lens.id;
          return lens !== undefined && options.lenses.includes(lens);
        }),
    );
    this.activeRulesBySettings.set(options.rules, { lenses: options.lenses, rules });
    return rules;
  }

  private readonly activeRulesBySettings = new WeakMap<AnalysisOptions['rules'], { lenses: AnalysisOptions['lenses']; rules: Rule[] }>();

  /**
   * Never throws: a file too large, binary, too slow to analyse or that trips an internal error gives one `skipped`
   * problem saying why; a rule that throws gives one `rule-error` problem and the other rules still run. `interrupted`
   * is asked as often as the clock: once it says true, the analysis stops with the problem `INTERRUPTED`.
   */
  analyze(file: SourceFile, options: AnalysisOptions = DEFAULT_OPTIONS, signals: SignalCollection = 'now', interrupted?: () => boolean): AnalysisResult {
    const unread = notRead(file, options);
    if (unread) return unread;
    const notebook = isNotebook(file);
    const language = notebook ? 'python' : (file.language ?? detectLanguage(file.path, file.text));
    if (!language) return { findings: [], problems: [] };
    const generated = file.checkGenerated || notebook ? undefined : generatedFileReason(file.path, file.text, language);
    if (generated) return { language, ...skipped(generated) };
    // A notebook is filtered module by module (its code cells' text, never its outputs), in `analyzeNotebook`.
    if (!notebook && !this.mayFindAnything(file.text, language, options, signals, file.terraform, file.flowReach)) {
      return this.notParsed(language, signals, () => this.analyze(file, options, 'now'));
    }
    const deadline = Deadline.after(options.maxAnalysisMs, interrupted);
    try {
      if (notebook) return this.analyzeNotebook(file, options, deadline, signals);
      return this.analyzeAs(file, language, options, deadline, signals);
    } catch (error) {
      if (error instanceof AnalysisTimeout && interrupted?.()) return { language, findings: [], problems: [{ kind: 'skipped', message: INTERRUPTED }] };
      if (error instanceof AnalysisTimeout) return { language, ...skipped(`analysis did not finish within the ${formatDuration(options.maxAnalysisMs)} time limit`) };
      const problem = skipped(`internal error while reading the file (${(error as Error).message}); please report it`);
      problem.problems[0].detail = (error as Error).stack;
      return { language, ...problem };
    }
  }

  /**
   * False when nothing that runs can find anything in `text`: no running rule's triggers occur in it (`Rule.triggers`),
   * nor those of an invalid suppression, nor, when review signals are collected now, those of the evidence detectors,
   * the targets the review counts as checked and the signs of AI usage. Such a file is not parsed. A Terraform file is
   * parsed all the same when it is read with its module (`terraform`: its declarations give values to the other files,
   * theirs to its own, and the language server keeps them from its facts) or calls a module (the module's findings are
   * reported at the call). A file the flow across files may reach (`flowReach` true, or not known) is parsed while a
   * rule that follows the flow runs (`Rule.triggersReach`). Always true when `skipByTriggers` is off.
   */
  private mayFindAnything(text: string, language: Language, options: AnalysisOptions, signals: SignalCollection, terraform?: TerraformContext, flowReach?: boolean): boolean {
    if (!this.skipByTriggers) return true;
    if (language === 'terraform' && (terraform !== undefined || TERRAFORM_MODULE_CALL.test(text))) return true;
    const rules = this.activeRules(options);
    if (flowReach !== false && rules.some((rule) => rule.triggersReach && rule.meta.languages.includes(language))) return true;
    const withSignals = signals === 'now';
    const suppressions = options.rules[INVALID_SUPPRESSION.id] !== 'off';
    const key = `${language} ${withSignals} ${suppressions} ${rules.map((r) => r.meta.id).join(' ')}`;
    let triggers = this.triggerSets.get(key);
    if (triggers === undefined) {
      const lists: (Triggers | undefined)[] = [];
      for (const rule of rules) {
        const checksFile = rule.check !== undefined && rule.meta.languages.includes(language);
        // A cross-file rule may read any file of the workspace.
        if (checksFile || rule.checkWorkspace) lists.push(rule.triggers);
        if (checksFile && withSignals && TARGET_TRIGGERS[rule.meta.id]) lists.push(TARGET_TRIGGERS[rule.meta.id]);
      }
      if (suppressions) lists.push(INVALID_SUPPRESSION.triggers);
      if (withSignals) lists.push(...EVIDENCE_DETECTORS.map((d) => d.triggers), USAGE_TRIGGERS);
      triggers = TriggerSet.of(lists) ?? null;
      this.triggerSets.set(key, triggers);
    }
    return triggers === null || triggers.occursIn(text);
  }

  /**
   * The result for a file `mayFindAnything` ruled out: checked, with no findings, no facts and no signals. Signals
   * collected `when-read` are those of `full` (a full analysis: its triggers were not asked), made when first read.
   */
  private notParsed(language: Language, signals: SignalCollection, full: () => AnalysisResult): AnalysisResult {
    const result: AnalysisResult = { language, findings: [], problems: [], facts: { language, calls: [], resources: [], imports: new Set(), comments: [], problems: [] } };
    if (signals === 'now') result.signals = { evidence: [], checked: [], usage: [] };
    else if (signals === 'when-read') whenRead(result, 'signals', () => full().signals);
    return result;
  }

  /**
   * The facts of a file, without checking them (a Terraform plan reads its configuration's blocks for their places).
   * Undefined when the file cannot be read in time.
   */
  extractFacts(file: SourceFile, options: AnalysisOptions = DEFAULT_OPTIONS, asWritten = false): FileFacts | undefined {
    const language = file.language ?? detectLanguage(file.path, file.text);
    if (!language || file.text.length > options.maxFileBytes) return undefined;
    try {
      return this.extract(file, language, Deadline.after(options.maxAnalysisMs), { asWritten });
    } catch {
      return undefined;
    }
  }

  /** Runs the file rules on facts made elsewhere (a Terraform plan's), as `analyze` runs them on a file's own. */
  checkFacts(file: SourceFile & { language: Language }, facts: FileFacts, options: AnalysisOptions = DEFAULT_OPTIONS, signals: SignalCollection = 'never'): AnalysisResult {
    const deadline = Deadline.after(options.maxAnalysisMs);
    try {
      return this.check(file, file.language, facts, options, deadline, signals);
    } catch (error) {
      if (error instanceof AnalysisTimeout) return { language: file.language, ...skipped(`analysis did not finish within the ${formatDuration(options.maxAnalysisMs)} time limit`) };
      throw error;
    }
  }

  /** A notebook: each module it holds analysed as a file (see `notebook/analyze.ts`). */
  private analyzeNotebook(file: SourceFile, options: AnalysisOptions, deadline: Deadline, signals: SignalCollection): AnalysisResult {
    if (file.cells && !this.cellReads.has(file.path)) this.cellReads.set(file.path, new CellReads());
    const result = analyzeNotebook(file, options, signals, {
      cellReads: this.cellReads.get(file.path),
      analyzeModule: (module) => {
        const source: SourceFile = { path: module.path, text: module.text, language: module.language, manifests: file.manifests, manifestCache: file.manifestCache, relativePath: file.relativePath };
        if (!this.mayFindAnything(module.text, module.language, options, signals, undefined, file.flowReach)) {
          return this.notParsed(module.language, signals, () => this.analyzeAs(source, module.language, options, Deadline.after(options.maxAnalysisMs), 'now', module.cacheKey));
        }
        return this.analyzeAs(source, module.language, options, deadline, signals, module.cacheKey);
      },
      detect: detectLanguage,
      firstSyntaxError: (text) => {
        const tree = this.parsers.parser('python').parse(text);
        if (!tree) return 0;
        const [first] = syntaxErrors(tree, deadline, 1);
        tree.delete();
        return first?.start;
      },
    });
    const keys = result.notebook?.modules.map((m) => m.key).filter((key) => key !== file.path) ?? [];
    if (keys.length) this.notebookKeys.set(file.path, keys);
    else this.notebookKeys.delete(file.path);
    return result;
  }

  private analyzeAs(file: SourceFile, language: Language, options: AnalysisOptions, deadline: Deadline, signals: SignalCollection, cacheKey = file.path): AnalysisResult {
    const manifests = lazyManifests(file);
    return this.check(file, language, this.extract(file, language, deadline, { manifests, cacheKey }), options, deadline, signals, manifests);
  }

  private check(file: SourceFile, language: Language, facts: FileFacts, options: AnalysisOptions, deadline: Deadline, signals: SignalCollection, manifests = lazyManifests(file)): AnalysisResult {
    const lines = new LineIndex(file.text);
    const result: AnalysisResult = {
      language,
      findings: [],
      problems: facts.problems.map((p) => ({ kind: 'parse', message: p.message, range: lines.range(p.span) })),
    };
    const rulesRun = this.runRules(file, language, facts, options, lines, deadline, result, manifests);
    if (language === 'terraform') {
      explainFindings(result.findings, facts, file.path, lines, file.terraform?.locate);
      result.findings.push(...this.moduleFindings(file, facts, options, lines, deadline));
    }
    const suppressions = parseSuppressions(facts.comments, lines);
    const setting = options.rules[INVALID_SUPPRESSION.id];
    if (setting !== 'off') {
      for (const problem of suppressionProblems(suppressions, this.ruleIds)) {
        result.findings.push({
          ruleId: INVALID_SUPPRESSION.id,
          severity: setting ?? INVALID_SUPPRESSION.severity,
          message: problem.message,
          practices: [],
          span: problem.span,
          range: lines.range(problem.span),
          fixes: [],
        });
      }
    }
    sortFindings(result.findings);
    applySuppressions(result.findings, suppressions, options.ignores, file.relativePath);
    result.facts = facts;
    const collect = () => collectSignals(facts, lines, rulesRun, result.problems);
    if (signals === 'now') result.signals = collect();
    else if (signals === 'when-read') whenRead(result, 'signals', collect);
    return result;
  }

  /** Runs the file rules that apply to `language` on `facts`, into `result`; returns the ids of those that ran. */
  private runRules(
    file: SourceFile,
    language: Language,
    facts: FileFacts,
    options: AnalysisOptions,
    lines: LineIndex,
    deadline: Deadline,
    result: { findings: Finding[]; problems: FileProblem[] },
    manifests = lazyManifests(file),
  ): string[] {
    const rulesRun: string[] = [];
    const layout = language === 'terraform' ? terraformLayout(this.parsers.parser('terraform'), file.text, topLevelSpansOf(facts)) : undefined;
    // The resources a finding's origin note can name (`originNote`): found once, not once per finding.
    const synthesized = facts.resources.filter(isSynthesized);
    const rules = this.activeRules(options);
    const triggered = this.skipByTriggers && OWN_TRIGGERS_LANGUAGES.has(language) ? ownTriggers(rules).occurring(file.text) : undefined;
    for (const [index, rule] of rules.entries()) {
      if (!rule.check || !rule.meta.languages.includes(language)) continue;
      if (deadline.expired) throw new AnalysisTimeout();
      rulesRun.push(rule.meta.id);
      if (triggered?.[index] === false) continue; // it would find nothing (`Rule.triggers`)
      try {
        const report = (report: Report) => result.findings.push(toFinding(rule, options, { ...report, message: withOrigin(report.message, originNote(synthesized, report.span)) }, lines, layout));
        rule.check(new FileRuleContext(facts, file.text, manifests, report));
      } catch (error) {
        result.problems.push({ kind: 'rule-error', ruleId: rule.meta.id, message: `rule ${rule.meta.id} failed: ${(error as Error).message}`, detail: (error as Error).stack });
      }
    }
    return rulesRun;
  }

  /** Findings that module calls show (`terraform/modules.ts`): at the calls' arguments, and in a module's own files. */
  private moduleFindings(file: SourceFile, facts: FileFacts, options: AnalysisOptions, lines: LineIndex, deadline: Deadline): Finding[] {
    const context = file.terraform;
    if (!context?.moduleFiles || context.instance) return [];
    return moduleCallFindings({ path: file.path, text: file.text }, facts, lines, context, {
      declarations: (called) => this.terraformDeclarations(called, options),
      check: (called, instance) => {
        try {
          const source: SourceFile = { path: called.path, text: called.text, language: 'terraform', terraform: instance };
          const calledFacts = this.extract(source, 'terraform', deadline);
          const calledLines = new LineIndex(called.text);
          const checked = { findings: [] as Finding[], problems: [] as FileProblem[] };
          this.runRules(source, 'terraform', calledFacts, options, calledLines, deadline, checked);
          return { facts: calledFacts, findings: checked.findings, lines: calledLines };
        } catch {
          return undefined; // out of time, or unreadable: the call is not followed
        }
      },
    });
  }

  /**
   * Cross-file rules over every file in the project: findings by file path, suppressions applied (`relativePath` gives
   * a file's path relative to the configuration's folder, for `ignore` entries). Rule failures are returned as
   * messages, not thrown.
   */
  analyzeProject(
    project: Project,
    options: AnalysisOptions = DEFAULT_OPTIONS,
    relativePath: (path: string) => string | undefined = () => undefined,
  ): { findings: Map<string, Finding[]>; errors: string[] } {
    const byFile = new Map<ProjectFile, Finding[]>();
    const errors: string[] = [];
    for (const rule of this.activeRules(options)) {
      if (!rule.checkWorkspace) continue;
      try {
        rule.checkWorkspace({
          project,
          report: (report) => {
            const message = withOrigin(report.message, originNote(report.file.facts.resources, report.span));
            const finding = toFinding(rule, options, { ...report, message }, report.file.lines);
            finding.related = report.related?.map((r) => relatedIn(r.file, r.span, r.message));
            const list = byFile.get(report.file) ?? [];
            list.push(finding);
            byFile.set(report.file, list);
          },
        });
      } catch (error) {
        errors.push(`rule ${rule.meta.id} failed: ${(error as Error).message}`);
      }
    }
    // By the file they are shown in: a notebook's, for the findings about its modules.
    const findings = new Map<string, Finding[]>();
    for (const [file, list] of byFile) {
      const shownIn = file.notebook?.path ?? file.path;
      sortFindings(list);
      applySuppressions(list, file.suppressions(), options.ignores, relativePath(shownIn));
      const located = file.notebook ? list.map((f) => rememberOrigin(file.notebook!.locator.finding(f), { module: file.path, span: f.span, finding: f })) : list;
      const shown = findings.get(shownIn);
      findings.set(shownIn, shown ? sortFindings([...shown, ...located]) : located);
    }
    return { findings, errors };
  }

  /**
   * `manifests`: the file's declared dependencies, read when something needs them (a CDK construct's version);
   * `cacheKey`: what the file's tree and snapshots are kept under (a notebook's modules have their own).
   */
  private extract(file: SourceFile, language: Language, deadline: Deadline, how: ExtractOptions = {}): FileFacts {
    const { manifests = lazyManifests(file), asWritten = false, cacheKey = file.path } = how;
    if (language === 'cloudformation') return extractCloudFormation(file.text, extensionOf(file.path) === '.json' || /^\s*[{[]/.test(file.text), deadline);
    const read = language === 'terraform' && !file.terraform?.instance ? file.terraform?.read : undefined;
    if (read && read.text === file.text) return this.terraformFactsOf(file, read, deadline, asWritten, cacheKey);
    const grammar = grammarFor(language, extensionOf(file.path));
    const parser = this.parsers.parser(grammar);
    // The cache owns the tree; facts keep no reference to its nodes.
    const parse = (text: string) => {
      const tree = this.trees.parse(cacheKey, grammar, parser, text, () => deadline.expired);
      if (tree) return tree;
      // A cancelled parse would otherwise resume on the next call, with the next file's text.
      parser.reset();
      if (deadline.expired) throw new AnalysisTimeout();
      throw new Error(`the ${grammar} parser returned no tree`);
    };
    let text = file.text;
    let tree = parse(text);
    // One element's `&` fixed can bring the next one into an error region: a few rounds, each kept only if it helps.
    for (let round = 0; round < MAX_JSX_ROUNDS && grammar === 'tsx'; round++) {
      const lenient = withJsxAmpersandsAsText(tree, text, deadline);
      if (lenient === undefined) break;
      const errors = errorCount(tree, deadline);
      tree = parse(lenient); // the cache frees the tree before
      if (errorCount(tree, deadline) < errors) text = lenient;
      else {
        tree = parse(text);
        break;
      }
    }
    switch (language) {
      case 'python': {
        const kept = this.keepFactsForEdits ? this.pythonStatements.get(cacheKey, () => new KeptPythonFacts()) : new StatementSnapshots(true, false);
        const facts = withCdkConstructs(extractPython(tree, text, deadline, kept), file.text, manifests);
        // CDK constructs write references into the values they read: those are not kept for the next edit.
        if (facts.resources.length > 0 && kept instanceof KeptPythonFacts) kept.forget();
        return facts;
      }
      case 'terraform': {
        return this.terraformFactsOf(file, readTerraform(tree, text, deadline, this.blocksOf(file, cacheKey)), deadline, asWritten, cacheKey);
      }
      default: {
        const statements = this.typescriptStatements.get(cacheKey, () => new TypeScriptStatements());
        return withCdkConstructs(extractTypeScript(tree, text, language, deadline, statements.snapshots, statements), file.text, manifests);
      }
    }
  }

  /** A Terraform file's facts from its read, evaluated in its module (`file.terraform`). */
  private terraformFactsOf(file: SourceFile, read: TerraformRead, deadline: Deadline, asWritten: boolean, cacheKey: string): FileFacts {
    const module = { path: file.path, siblings: file.terraform?.siblings ?? [], options: scopeOptions(file.terraform), asWritten };
    const facts = terraformFacts(read, deadline, this.blocksOf(file, cacheKey), module);
    facts.terraform!.folder = folderOf(file.path);
    return facts;
  }

  /** What is kept of a Terraform file's blocks: a module instance's resolutions apart, not to replace the file's own. */
  private blocksOf(file: SourceFile, cacheKey: string): TerraformBlocks {
    return this.terraformBlocks.get(file.terraform?.instance ? instanceKey(file.path) : cacheKey, () => new TerraformBlocks());
  }
}

/**
 * Lays a Terraform file's fixes out as `terraform fmt` would: each fix's edits are laid out when they are first read
 * (a format that reads only titles never parses for them), and a layout that fails leaves them as the rule wrote them.
 * It holds only the file's text and where its top-level blocks are, not the file's facts: a scan keeps findings to the end.
 */
function terraformLayout(parser: Parser, text: string, topLevel: Span[] | undefined): (fix: Fix) => Fix {
  return (fix) => {
    const laidOut = { ...fix };
    whenRead(laidOut, 'edits', () => {
      try {
        return alignTerraformFix(parser, text, fix, topLevel).edits;
      } catch {
        return fix.edits;
      }
    });
    return laidOut;
  };
}

/** A `module` block: its call's findings are reported in the calling file (`moduleFindings`). */
export const TERRAFORM_MODULE_CALL = /^\s*module\s/m;

/** The file's declared dependencies, read from disk the first time something asks for them. */
function lazyManifests(file: SourceFile): () => ProjectContext {
  let manifests = file.manifests;
  return () => (manifests ??= projectOf(file.path, file.manifestCache));
}

/** Where a span of a project file is shown: in the file, or for a notebook's module, in the notebook and its cell. */
function placeIn(file: ProjectFile, span: Span): { path: string; range: Range; cell?: CellRange } {
  if (!file.notebook) return { path: file.path, range: file.lines.range(span) };
  const { range, cell } = file.notebook.locator.place(span);
  return { path: file.notebook.path, range, cell };
}

/** A related place of a cross-file finding; in a notebook's module, it remembers its place in the module. */
export function relatedIn(file: ProjectFile, span: Span, message: string): RelatedLocation {
  const related = { ...placeIn(file, span), message };
  return file.notebook ? rememberOrigin(related, { module: file.path, span }) : related;
}

/**
 * A rule's report as a finding. Fixes a rule renders when asked (a function) are rendered when the finding's `fixes`
 * are first read; `layout` rewrites each fix to the file's formatting conventions (Terraform: fmt's `=` alignment).
 */
function toFinding(rule: Rule, options: AnalysisOptions, report: Report, lines: LinePlaces, layout?: (fix: Fix) => Fix): Finding {
  const setting = options.rules[rule.meta.id];
  const finding = {
    ruleId: rule.meta.id,
    severity: setting && setting !== 'off' ? setting : (report.severity ?? rule.meta.severity),
    message: report.message,
    practices: report.practices ?? rule.meta.practices,
    span: report.span,
    range: lines.range(report.span),
  } as Finding;
  const fixes = report.fixes ?? [];
  const written = (): Fix[] => {
    const all = withAllEdits(typeof fixes === 'function' ? fixes() : fixes);
    return layout ? all.map(layout) : all;
  };
  if (typeof fixes === 'function') whenRead(finding, 'fixes', written);
  else finding.fixes = written();
  return finding;
}

/** Each fix with the edits its edits need besides them (`TextEdit.also`: an import) listed as its own. */
function withAllEdits(fixes: Fix[]): Fix[] {
  if (!fixes.some((f) => f.edits.some((e) => e.also))) return fixes;
  return fixes.map((fix) => ({ ...fix, edits: fix.edits.flatMap(({ also, ...edit }) => [edit, ...(also ?? [])]) }));
}

/** In file order (a notebook's: by cell, for the places in cells an editor's notebook has), then by rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.cell?.index ?? 0) - (b.cell?.index ?? 0) || a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/** The result for a file too large or binary to read at all; undefined when it can be read. */
export function notRead(file: Pick<SourceFile, 'path' | 'text' | 'language' | 'cells'>, options: AnalysisOptions): AnalysisResult | undefined {
  const maxBytes = isNotebook(file) ? notebookMaxBytes(options.maxFileBytes) : options.maxFileBytes;
  if (file.text.length > maxBytes) return skipped(`larger than ${formatBytes(maxBytes)}`);
  if (file.text.slice(0, 8192).includes('\0')) return skipped('binary file');
  return undefined;
}

/** A notebook: an editor's (its cells) or a `.ipynb` file read as Python. */
function isNotebook(file: Pick<SourceFile, 'path' | 'language' | 'cells'>): boolean {
  return file.cells !== undefined || (isNotebookPath(file.path) && (file.language === undefined || file.language === 'python'));
}

function skipped(reason: string): { findings: Finding[]; problems: FileProblem[] } {
  return { findings: [], problems: [{ kind: 'skipped', message: `skipped: ${reason}` }] };
}

function instanceKey(path: string): string {
  return `${path}\0instance`;
}

/**
 * The languages whose rules run on a parsed file only when their own triggers occur in it: those whose facts come from
 * the file's text alone (a Terraform file's values may come from its module's other files).
 */
const OWN_TRIGGERS_LANGUAGES = new Set<Language>(['python', 'typescript', 'javascript']);
const ownTriggerIndexes = new WeakMap<readonly Rule[], TriggerIndex>();

/**
 * Each rule's own triggers, for `runRules`: none (it always runs) for a rule that follows the flow across files or
 * checks the workspace too, whose check may matter where its triggers do not occur.
 */
function ownTriggers(rules: readonly Rule[]): TriggerIndex {
  let index = ownTriggerIndexes.get(rules);
  if (!index) ownTriggerIndexes.set(rules, (index = new TriggerIndex(rules.map((rule) => (rule.triggersReach || rule.checkWorkspace ? undefined : rule.triggers)))));
  return index;
}

export function grammarFor(language: Language, extension: string): Grammar {
  if (language === 'python' || language === 'terraform') return language;
  return extension === '.ts' || extension === '.mts' || extension === '.cts' ? 'typescript' : 'tsx';
}
