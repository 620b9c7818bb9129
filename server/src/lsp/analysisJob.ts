// One file's analysis as the language server asks for it, and what comes back: the same in the analysis worker and,
// for tests with their own rules, on the server's own thread. What comes back is plain data (it crosses threads) and
// holds only what the server keeps of a file: findings (with fixes for those the editor can show), problems, review
// signals, and what the cross-file rules read. The whole facts stay behind.
import type { AnalysisOptions } from '../engine/config';
import { INTERRUPTED, type Engine } from '../engine/engine';
import type { AnalysisResult, FileFacts, FileProblem, Finding, Language, ReviewSignals } from '../engine/types';
import { byImportance } from './bounds';
import { crossFileSignature, type CrossFileSignature } from './signature';

export interface AnalysisJob {
  id: number;
  /** The document's URI: what the engine keeps a file's syntax tree under between edits, and what jobs supersede by. */
  key: string;
  /** Path (or URI, for an unsaved document) the engine sees. */
  path: string;
  text: string;
  language?: Language;
  relativePath?: string;
  options: AnalysisOptions;
  /**
   * `now` for files from disk; `idle` for open documents, whose review signals are collected once no newer job for
   * the file waits (typing needs diagnostics, the review reads signals later).
   */
  signals: 'now' | 'idle';
  /**
   * How many findings get their fixes worked out: those the editor can show of an open document
   * (`aiLens.maxFindingsPerFile`); none for a file from disk, which is analysed again when it is opened.
   */
  fixesFor: number;
}

export interface AnalysisOutcome {
  id: number;
  key: string;
  /** Without `facts`; `signals` when they were collected with it. */
  result: AnalysisResult;
  /** What the project keeps of the file for the cross-file rules (`keepForWorkspace`), and its signature. */
  kept?: FileFacts;
  signature?: CrossFileSignature;
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

/**
 * Runs `job` and shapes its outcome. `interruption` is asked as often as the clock; when it names a reason the
 * analysis stops, and `undefined` is returned for a superseded job, a `skipped` problem saying so for one that needed
 * too much memory (`overMemory`). `later` receives the collection of an open document's review signals.
 */
export function runAnalysisJob(
  engine: Engine,
  job: AnalysisJob,
  forWorkspace: (facts: FileFacts) => FileFacts,
  interruption: () => Interruption,
  overMemory: string,
  later: (collect: () => LateSignals) => void,
): AnalysisOutcome | undefined {
  const started = performance.now();
  const result = engine.analyze(
    { path: job.path, text: job.text, language: job.language, relativePath: job.relativePath },
    job.options,
    job.signals === 'now' ? 'now' : 'when-read',
    () => interruption() !== undefined,
  );
  if (result.problems.some((p) => p.message === INTERRUPTED)) {
    const why = interruption();
    if (why === 'superseded') return undefined;
    result.problems = [{ kind: 'skipped', message: overMemory }];
  }
  const facts = result.facts;
  const kept = facts && forWorkspace(facts);
  const outcome: AnalysisOutcome = {
    id: job.id,
    key: job.key,
    result: { language: result.language, findings: withFixesFor(result.findings, job.fixesFor), problems: [...result.problems] },
    kept,
    signature: kept && crossFileSignature(facts!, kept),
    ms: performance.now() - started,
  };
  if (job.signals === 'now') outcome.result.signals = result.signals;
  else if (facts) {
    later(() => {
      const before = result.problems.length;
      const signals = result.signals!; // collected on this first read
      return { id: job.id, key: job.key, signals, problems: result.problems.slice(before) };
    });
  }
  return outcome;
}

/**
 * The findings as plain objects: the `fixesFor` most important unsuppressed ones with their fixes worked out (a rule
 * may compute them only when read), the others with none, since the editor does not show them.
 */
function withFixesFor(findings: readonly Finding[], fixesFor: number): Finding[] {
  const withFixes = new Set(fixesFor > 0 ? findings.filter((f) => !f.suppression).sort(byImportance).slice(0, fixesFor) : []);
  return findings.map((finding) => {
    const plain = {} as Record<string, unknown>;
    for (const key of Object.keys(finding)) if (key !== 'fixes') plain[key] = finding[key as keyof Finding];
    plain.fixes = withFixes.has(finding) ? finding.fixes : [];
    return plain as unknown as Finding;
  });
}
