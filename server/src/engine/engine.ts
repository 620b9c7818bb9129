import { AnalysisTimeout, Deadline } from './budget';
import { loadCatalog, type Catalog } from './catalog';
import { DEFAULT_OPTIONS, type AnalysisOptions } from './config';
import { extractCloudFormation } from './extract/cloudformation';
import { EVIDENCE_DETECTORS } from './evidence';
import { extractPython } from './extract/python';
import { withCdkConstructs } from './extract/cdk';
import { extractTerraform, TerraformBlocks } from './extract/terraform';
import { extractTypeScript } from './extract/typescript';
import { detectLanguage, extensionOf } from './languages';
import { StatementSnapshots } from './parsers/syntax';
import { TreeCache } from './parsers/treeCache';
import { GRAMMARS, loadParsers, type Grammar, type Parsers } from './parsers/treeSitter';
import { projectOf, type ProjectContext } from './manifests';
import type { Project } from './project';
import { RecentMap } from './recent';
import { originNote, withOrigin } from './origins';
import { collectSignals } from './review/signals';
import { RULES, type Rule } from './rules';
import { INVALID_SUPPRESSION, META_RULES } from './rules/meta';
import type { Report } from './rules/rule';
import { applySuppressions, parseSuppressions, suppressionProblems } from './suppressions';
import { formatBytes, formatDuration, LineIndex } from './text';
import type { AnalysisResult, FileFacts, FileProblem, Finding, Fix, Language } from './types';

export interface SourceFile {
  /** Path or URI; its extension picks the language unless `language` is given. */
  path: string;
  text: string;
  language?: Language;
  /** The file's declared dependencies; when left out they are read from the manifests around `path`, if that is a file on disk. */
  manifests?: ProjectContext;
  /** The path relative to the configuration's folder (forward slashes), for `ignore` entries; none for unsaved files. */
  relativePath?: string;
}

/**
 * When to collect what the lens review reads of a file: `now` (default), `when-read` (on the first read of
 * `result.signals`: an editor re-analysing a file as it is typed needs them only when the review is asked for), or
 * `never` (a scan that reports findings only).
 */
export type SignalCollection = 'now' | 'when-read' | 'never';

/** The problem of an analysis its caller interrupted: the caller knows why, and says so instead. */
export const INTERRUPTED = 'skipped: interrupted';

/** How many files keep their last syntax tree for incremental re-parsing: enough for the files open in an editor. */
const TREE_CACHE_FILES = 16;

/** parse → facts → rules → findings, for one file at a time. Holds the parsers, the rules and the lens catalog. */
export class Engine {
  /** Files analysed again (an editor's edits) re-parse only what changed since their last analysis. */
  private readonly trees = new TreeCache(TREE_CACHE_FILES);
  /** …and read again only the Terraform blocks that changed. */
  private readonly terraformBlocks = new RecentMap<string, TerraformBlocks>(TREE_CACHE_FILES);
  /** …and copy from the tree only the Python statements that changed. */
  private readonly pythonStatements = new RecentMap<string, StatementSnapshots>(TREE_CACHE_FILES);
  /** …and the TypeScript and JavaScript statements. */
  private readonly typescriptStatements = new RecentMap<string, StatementSnapshots>(TREE_CACHE_FILES);

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
    this.trees.delete(path);
    this.terraformBlocks.delete(path);
    this.pythonStatements.delete(path);
    this.typescriptStatements.delete(path);
  }

  /** Every id a suppression or setting may name: the rules and the meta rules. */
  get ruleIds(): ReadonlySet<string> {
    return new Set([...this.rules.map((r) => r.meta.id), ...META_RULES.map((r) => r.id)]);
  }

  /** Rules that run under `options`: not turned off, and serving at least one enabled lens. */
  activeRules(options: AnalysisOptions = DEFAULT_OPTIONS): Rule[] {
    return this.rules.filter(
      (rule) =>
        options.rules[rule.meta.id] !== 'off' &&
        rule.meta.practices.some((p) => {
          const lens = this.catalog.practice(p)?.lens.id;
          return lens !== undefined && options.lenses.includes(lens);
        }),
    );
  }

  /**
   * Never throws: a file too large, binary, too slow to analyse or that trips an internal error gives one `skipped`
   * problem saying why; a rule that throws gives one `rule-error` problem and the other rules still run. `interrupted`
   * is asked as often as the clock: once it says true, the analysis stops with the problem `INTERRUPTED`.
   */
  analyze(file: SourceFile, options: AnalysisOptions = DEFAULT_OPTIONS, signals: SignalCollection = 'now', interrupted?: () => boolean): AnalysisResult {
    const unread = notRead(file.text, options);
    if (unread) return unread;
    const language = file.language ?? detectLanguage(file.path, file.text);
    if (!language) return { findings: [], problems: [] };
    const deadline = Deadline.after(options.maxAnalysisMs, interrupted);
    try {
      return this.analyzeAs(file, language, options, deadline, signals);
    } catch (error) {
      if (error instanceof AnalysisTimeout && interrupted?.()) return { language, findings: [], problems: [{ kind: 'skipped', message: INTERRUPTED }] };
      if (error instanceof AnalysisTimeout) return { language, ...skipped(`analysis did not finish within the ${formatDuration(options.maxAnalysisMs)} time limit`) };
      const problem = skipped(`internal error while reading the file (${(error as Error).message}); please report it`);
      problem.problems[0].detail = (error as Error).stack;
      return { language, ...problem };
    }
  }

  private analyzeAs(file: SourceFile, language: Language, options: AnalysisOptions, deadline: Deadline, signals: SignalCollection): AnalysisResult {
    const lines = new LineIndex(file.text);
    let manifests = file.manifests;
    const projectContext = () => (manifests ??= projectOf(file.path));
    const facts = this.extract(file, language, deadline, projectContext);
    const result: AnalysisResult = {
      language,
      findings: [],
      problems: facts.problems.map((p) => ({ kind: 'parse', message: p.message, range: lines.range(p.span) })),
    };
    const rulesRun: string[] = [];
    for (const rule of this.activeRules(options)) {
      if (!rule.check || !rule.meta.languages.includes(language)) continue;
      if (deadline.expired) throw new AnalysisTimeout();
      rulesRun.push(rule.meta.id);
      try {
        rule.check({
          facts,
          text: file.text,
          get manifests() {
            return projectContext();
          },
          report: (report) => result.findings.push(toFinding(rule, options, { ...report, message: withOrigin(report.message, originNote(facts.resources, report.span)) }, lines)),
        });
      } catch (error) {
        result.problems.push({ kind: 'rule-error', ruleId: rule.meta.id, message: `rule ${rule.meta.id} failed: ${(error as Error).message}`, detail: (error as Error).stack });
      }
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
    const findings = new Map<string, Finding[]>();
    const errors: string[] = [];
    for (const rule of this.activeRules(options)) {
      if (!rule.checkWorkspace) continue;
      try {
        rule.checkWorkspace({
          project,
          report: (report) => {
            const message = withOrigin(report.message, originNote(report.file.facts.resources, report.span));
            const finding = toFinding(rule, options, { ...report, message }, report.file.lines);
            finding.related = report.related?.map((r) => ({ path: r.file.path, range: r.file.lines.range(r.span), message: r.message }));
            const list = findings.get(report.file.path) ?? [];
            list.push(finding);
            findings.set(report.file.path, list);
          },
        });
      } catch (error) {
        errors.push(`rule ${rule.meta.id} failed: ${(error as Error).message}`);
      }
    }
    for (const [path, list] of findings) {
      const file = project.get(path)!;
      sortFindings(list);
      applySuppressions(list, parseSuppressions(file.facts.comments, file.lines), options.ignores, relativePath(path));
    }
    return { findings, errors };
  }

  /** `project`: the file's declared dependencies, read when something needs them (a CDK construct's version). */
  private extract(file: SourceFile, language: Language, deadline: Deadline, project: () => ProjectContext): FileFacts {
    if (language === 'cloudformation') return extractCloudFormation(file.text, extensionOf(file.path) === '.json' || /^\s*[{[]/.test(file.text), deadline);
    const grammar = grammarFor(language, extensionOf(file.path));
    const parser = this.parsers.parser(grammar);
    // The cache owns the tree; facts keep no reference to its nodes.
    const tree = this.trees.parse(file.path, grammar, parser, file.text, () => deadline.expired);
    if (!tree) {
      // A cancelled parse would otherwise resume on the next call, with the next file's text.
      parser.reset();
      if (deadline.expired) throw new AnalysisTimeout();
      throw new Error(`the ${grammar} parser returned no tree`);
    }
    switch (language) {
      case 'python':
        return withCdkConstructs(extractPython(tree, file.text, deadline, this.pythonStatements.get(file.path, () => new StatementSnapshots())), file.text, project);
      case 'terraform':
        return extractTerraform(tree, file.text, deadline, this.terraformBlocks.get(file.path, () => new TerraformBlocks()));
      default:
        return withCdkConstructs(extractTypeScript(tree, file.text, language, deadline, this.typescriptStatements.get(file.path, () => new StatementSnapshots())), file.text, project);
    }
  }
}

/** Makes `object[key]` a property computed the first time it is read, then held (or set). */
function whenRead<T extends object, K extends keyof T>(object: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) => {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(object, key, { get: () => settle(compute()), set: settle, enumerable: true, configurable: true });
}

function toFinding(rule: Rule, options: AnalysisOptions, report: Report, lines: LineIndex): Finding {
  const setting = options.rules[rule.meta.id];
  const finding = {
    ruleId: rule.meta.id,
    severity: setting && setting !== 'off' ? setting : (report.severity ?? rule.meta.severity),
    message: report.message,
    practices: rule.meta.practices,
    span: report.span,
    range: lines.range(report.span),
  } as Finding;
  const fixes = report.fixes ?? [];
  if (typeof fixes === 'function') whenRead(finding, 'fixes', () => withAllEdits(fixes()));
  else finding.fixes = withAllEdits(fixes);
  return finding;
}

/** Each fix with the edits its edits need besides them (`TextEdit.also`: an import) listed as its own. */
function withAllEdits(fixes: Fix[]): Fix[] {
  if (!fixes.some((f) => f.edits.some((e) => e.also))) return fixes;
  return fixes.map((fix) => ({ ...fix, edits: fix.edits.flatMap(({ also, ...edit }) => [edit, ...(also ?? [])]) }));
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/** The result for a text too large or binary to read at all; undefined when it can be read. */
export function notRead(text: string, options: AnalysisOptions): AnalysisResult | undefined {
  if (text.length > options.maxFileBytes) return skipped(`larger than ${formatBytes(options.maxFileBytes)}`);
  if (text.slice(0, 8192).includes('\0')) return skipped('binary file');
  return undefined;
}

function skipped(reason: string): { findings: Finding[]; problems: FileProblem[] } {
  return { findings: [], problems: [{ kind: 'skipped', message: `skipped: ${reason}` }] };
}

function grammarFor(language: Language, extension: string): Grammar {
  if (language === 'python' || language === 'terraform') return language;
  return extension === '.ts' || extension === '.mts' || extension === '.cts' ? 'typescript' : 'tsx';
}
