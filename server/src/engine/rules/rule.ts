import type { ProjectContext } from '../project';
import type { CallFact, FileFacts, Fix, Language, ResourceFact, Severity, Span } from '../types';

export interface RuleDocs {
  /** Why the rule exists and what to do about a finding: a short paragraph, shown on hover and in docs. */
  description: string;
  /** A minimal example that is reported, and the same example fixed. */
  bad: string;
  good: string;
}

export interface RuleMeta {
  /** Stable kebab-case id: diagnostic code, suppression key, setting key. Never reuse or rename. */
  id: string;
  title: string;
  /** Lens best-practice IDs the rule serves; the first is the one the diagnostic links to. */
  practices: string[];
  severity: Severity;
  languages: Language[];
  docs: RuleDocs;
  /** What the rule's quick fix does, when it has one. */
  fix?: { title: string; safety: 'safe' | 'unsafe' };
}

export interface Report {
  span: Span;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. an explicit opt-out is worse than a default). */
  severity?: Severity;
  fixes?: Fix[];
}

export interface RuleContext {
  readonly facts: FileFacts;
  readonly text: string;
  /** The file's project (its declared dependencies), read from disk the first time a rule asks. */
  readonly project: ProjectContext;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Resources of the given types, in file order. */
export function resourcesOf(facts: FileFacts, ...types: string[]): ResourceFact[] {
  return facts.resources.filter((r) => types.includes(r.resourceType));
}

/** The callee from its first character to the end of its name: `pickle.load` in `pickle.load(f)`. */
export function calleeSpan(call: CallFact): Span {
  return { start: call.span.start, end: call.nameSpan.end };
}
