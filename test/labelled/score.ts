// Scores the rules against the labelled corpus in test/fixtures/labelled/. Each top-level folder there is one workspace
// (cross-file rules see only it). A finding is expected on a line that carries `expect: rule-id[, rule-id…]` in a
// comment (`#` or `//`); a JSON file, which has no comments, lists its expectations in `<file>.expect.json`:
// `{ "<line>": ["rule-id", …] }`. Everything reported must be expected, and everything expected must be reported. A
// label may give the severity expected, where it depends on the context: `expect: bedrock-call-without-guardrail(note)`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';

export const CORPUS = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'labelled');
const LABEL = '[a-z0-9-]+(?:\\((?:error|warning|note)\\))?';
const MARKER = new RegExp(`(?:#|\\/\\/)\\s*expect:\\s*(${LABEL}(?:\\s*,\\s*${LABEL})*)`);
const SEVERITY = /^(.*)\((error|warning|note)\)$/;
const SIDECAR = '.expect.json';

/** `workspace/path/to/file:line rule-id` */
export type Label = string;

export interface Outcome {
  expected: Set<Label>;
  reported: Set<Label>;
  /** Severities labelled (where a label gives one), and reported, by label. */
  expectedSeverity: Map<Label, string>;
  reportedSeverity: Map<Label, string>;
  /** Files the engine could not analyse, with why. */
  problems: string[];
}

export interface FixCheck {
  label: Label;
  fix: string;
  /** Parse problems after the fix, or the finding still being there. */
  failures: string[];
}

/** Applies every quick fix of every finding in the corpus to its file: the file must still parse and lose that finding. */
export async function checkFixes(root = CORPUS): Promise<FixCheck[]> {
  const engine = await Engine.create();
  const checks: FixCheck[] = [];
  for (const workspace of workspaces(root)) {
    for (const file of scan(engine, [path.join(root, workspace)], DEFAULT_OPTIONS).files) {
      for (const finding of file.result.findings) {
        for (const fix of finding.fixes) {
          let text = fs.readFileSync(file.absolutePath, 'utf8'); // a scan keeps no file's text
          for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
          const after = engine.analyze({ path: file.absolutePath, text }, DEFAULT_OPTIONS);
          const failures = after.problems.map((p) => `parse: ${p.message}`);
          const line = finding.range.start.line;
          if (after.findings.some((f) => f.ruleId === finding.ruleId && f.range.start.line === line)) failures.push('finding remains');
          checks.push({ label: `${workspace}/${file.path}:${line + 1} ${finding.ruleId}`, fix: fix.title, failures });
        }
      }
    }
  }
  return checks;
}

function workspaces(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export async function runCorpus(root = CORPUS): Promise<Outcome> {
  const engine = await Engine.create();
  const expected = new Set<Label>();
  const reported = new Set<Label>();
  const expectedSeverity = new Map<Label, string>();
  const reportedSeverity = new Map<Label, string>();
  const problems: string[] = [];
  for (const workspace of workspaces(root)) {
    const dir = path.join(root, workspace);
    for (const file of listAll(dir)) {
      for (const written of labelsOf(dir, file)) {
        const [, label, severity] = SEVERITY.exec(written) ?? [written, written];
        expected.add(`${workspace}/${label}`);
        if (severity) expectedSeverity.set(`${workspace}/${label}`, severity);
      }
    }
    const report = scan(engine, [dir], DEFAULT_OPTIONS);
    for (const file of report.files) {
      for (const finding of file.result.findings) {
        const label = `${workspace}/${file.path}:${finding.range.start.line + 1} ${finding.ruleId}`;
        reported.add(label);
        reportedSeverity.set(label, finding.severity);
      }
      for (const problem of file.result.problems) problems.push(`${workspace}/${file.path}: ${problem.message}`);
    }
    for (const skip of report.skipped) problems.push(`${workspace}/${skip.path}: skipped (${skip.reason})`);
  }
  return { expected, reported, expectedSeverity, reportedSeverity, problems };
}

function listAll(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const child = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? listAll(dir, child) : [child];
  });
}

function labelsOf(dir: string, file: string): Label[] {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  if (file.endsWith(SIDECAR)) {
    const target = file.slice(0, -SIDECAR.length) + '.json';
    const lines = JSON.parse(text) as Record<string, string[]>;
    return Object.entries(lines).flatMap(([line, rules]) => rules.map((rule) => `${target}:${line} ${rule}`));
  }
  if (file.endsWith('.json') || file.endsWith('.md')) return [];
  return text.split('\n').flatMap((line, i) => {
    const match = MARKER.exec(line);
    return match ? match[1].split(',').map((rule) => `${file}:${i + 1} ${rule.trim()}`) : [];
  });
}

export interface RuleScore {
  rule: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export function scoreByRule(outcome: Outcome, rules: readonly string[]): RuleScore[] {
  const ruleOf = (label: Label) => label.slice(label.lastIndexOf(' ') + 1);
  return rules.map((rule) => {
    const expected = [...outcome.expected].filter((l) => ruleOf(l) === rule);
    const reported = [...outcome.reported].filter((l) => ruleOf(l) === rule);
    const truePositives = reported.filter((l) => outcome.expected.has(l)).length;
    const falsePositives = reported.length - truePositives;
    const falseNegatives = expected.filter((l) => !outcome.reported.has(l)).length;
    return {
      rule,
      truePositives,
      falsePositives,
      falseNegatives,
      precision: reported.length ? truePositives / reported.length : 1,
      recall: expected.length ? truePositives / expected.length : 1,
    };
  });
}

export function missed(outcome: Outcome): Label[] {
  return [...outcome.expected].filter((l) => !outcome.reported.has(l)).sort();
}

/** Labels whose finding is reported at another severity than the label gives, with both. */
export function wrongSeverity(outcome: Outcome): string[] {
  return [...outcome.expectedSeverity]
    .filter(([label, severity]) => outcome.reportedSeverity.has(label) && outcome.reportedSeverity.get(label) !== severity)
    .map(([label, severity]) => `${label}: expected ${severity}, reported ${outcome.reportedSeverity.get(label)}`)
    .sort();
}

export function unexpected(outcome: Outcome): Label[] {
  return [...outcome.reported].filter((l) => !outcome.expected.has(l)).sort();
}
