import { AnalysisTimeout, Deadline } from './budget';
import { loadCatalog, type Catalog } from './catalog';
import { DEFAULT_OPTIONS, type AnalysisOptions } from './config';
import { extractCloudFormation } from './extract/cloudformation';
import { extractPython } from './extract/python';
import { extractTerraform } from './extract/terraform';
import { extractTypeScript } from './extract/typescript';
import { detectLanguage, extensionOf } from './languages';
import { loadParsers, type Grammar, type Parsers } from './parsers/treeSitter';
import { RULES, type Rule } from './rules';
import { INVALID_SUPPRESSION, META_RULES } from './rules/meta';
import { applySuppressions, parseSuppressions, suppressionProblems } from './suppressions';
import { formatBytes, formatDuration, LineIndex } from './text';
import type { AnalysisResult, FileFacts, FileProblem, Finding, Language } from './types';

export interface SourceFile {
  /** Path or URI; its extension picks the language unless `language` is given. */
  path: string;
  text: string;
  language?: Language;
  /** The path relative to the configuration's folder (forward slashes), for `ignore` entries; none for unsaved files. */
  relativePath?: string;
}

/** parse → facts → rules → findings, for one file at a time. Holds the parsers, the rules and the lens catalog. */
export class Engine {
  private constructor(
    private readonly parsers: Parsers,
    readonly catalog: Catalog,
    readonly rules: readonly Rule[],
  ) {}

  static async create(rules: readonly Rule[] = RULES): Promise<Engine> {
    const catalog = loadCatalog();
    const problems = catalog.validate(rules.map((r) => r.meta));
    if (problems.length > 0) throw new Error(`lens catalog and rules disagree:\n  ${problems.join('\n  ')}`);
    return new Engine(await loadParsers(), catalog, rules);
  }

  rule(id: string): Rule | undefined {
    return this.rules.find((r) => r.meta.id === id);
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
   * problem saying why; a rule that throws gives one `rule-error` problem and the other rules still run.
   */
  analyze(file: SourceFile, options: AnalysisOptions = DEFAULT_OPTIONS): AnalysisResult {
    if (file.text.length > options.maxFileBytes) {
      return skipped(`larger than ${formatBytes(options.maxFileBytes)}`);
    }
    if (file.text.slice(0, 8192).includes('\0')) return skipped('binary file');
    const language = file.language ?? detectLanguage(file.path, file.text);
    if (!language) return { findings: [], problems: [] };
    const deadline = Deadline.after(options.maxAnalysisMs);
    try {
      return { language, ...this.analyzeAs(file, language, options, deadline) };
    } catch (error) {
      if (error instanceof AnalysisTimeout) return { language, ...skipped(`analysis did not finish within the ${formatDuration(options.maxAnalysisMs)} time limit`) };
      const problem = skipped(`internal error while reading the file (${(error as Error).message}); please report it`);
      problem.problems[0].detail = (error as Error).stack;
      return { language, ...problem };
    }
  }

  private analyzeAs(file: SourceFile, language: Language, options: AnalysisOptions, deadline: Deadline): AnalysisResult {
    const lines = new LineIndex(file.text);
    const facts = this.extract(file, language, deadline);
    const result: AnalysisResult = {
      language,
      findings: [],
      problems: facts.problems.map((p) => ({ kind: 'parse', message: p.message, range: lines.range(p.span) })),
    };
    for (const rule of this.activeRules(options)) {
      if (!rule.meta.languages.includes(language)) continue;
      if (deadline.expired) throw new AnalysisTimeout();
      const setting = options.rules[rule.meta.id];
      try {
        rule.check({
          facts,
          text: file.text,
          report: (report) => {
            const finding: Finding = {
              ruleId: rule.meta.id,
              severity: setting && setting !== 'off' ? setting : (report.severity ?? rule.meta.severity),
              message: report.message,
              practices: rule.meta.practices,
              span: report.span,
              range: lines.range(report.span),
              fixes: report.fixes ?? [],
            };
            result.findings.push(finding);
          },
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
    result.findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
    applySuppressions(result.findings, suppressions, options.ignores, file.relativePath);
    return result;
  }

  private extract(file: SourceFile, language: Language, deadline: Deadline): FileFacts {
    if (language === 'cloudformation') return extractCloudFormation(file.text, extensionOf(file.path) === '.json' || /^\s*[{[]/.test(file.text), deadline);
    const grammar = grammarFor(language, extensionOf(file.path));
    const parser = this.parsers.parser(grammar);
    const tree = parser.parse(file.text, null, { progressCallback: () => deadline.expired });
    if (!tree) {
      // A cancelled parse would otherwise resume on the next call, with the next file's text.
      parser.reset();
      if (deadline.expired) throw new AnalysisTimeout();
      throw new Error(`the ${grammar} parser returned no tree`);
    }
    try {
      switch (language) {
        case 'python':
          return extractPython(tree, file.text, deadline);
        case 'terraform':
          return extractTerraform(tree, file.text, deadline);
        default:
          return extractTypeScript(tree, file.text, language, deadline);
      }
    } finally {
      tree.delete();
    }
  }
}

function skipped(reason: string): { findings: Finding[]; problems: FileProblem[] } {
  return { findings: [], problems: [{ kind: 'skipped', message: `skipped: ${reason}` }] };
}

function grammarFor(language: Language, extension: string): Grammar {
  if (language === 'python' || language === 'terraform') return language;
  return extension === '.ts' || extension === '.mts' || extension === '.cts' ? 'typescript' : 'tsx';
}
