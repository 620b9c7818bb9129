// ESLint-RuleTester-style tables: every `valid` case gives no finding for the rule; every `invalid` case gives exactly
// the listed findings, and applying the first fix of each produces `output`, which the rule then accepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, sortFindings } from '../server/src/engine/engine';
import { Project } from '../server/src/engine/project';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../server/src/engine/config';
import { severityDocs } from '../server/src/engine/rules/rule';
import type { Finding, Severity, TextEdit } from '../server/src/engine/types';
import { notebookVariants } from './notebook/ruleVariants';

export interface ValidCase {
  name?: string;
  filename: string;
  code: string;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  message?: RegExp;
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The file after applying each finding's first fix; `null` when the finding has no fix. */
  output?: string | null;
}

const engine = Engine.create();

export function onlyRule(ruleId: string, all: Engine): AnalysisOptions {
  return { ...DEFAULT_OPTIONS, rules: Object.fromEntries(all.rules.filter((r) => r.meta.id !== ruleId).map((r) => [r.meta.id, 'off' as const])) };
}

/**
 * The rule's findings in a file, as a scan of a workspace holding only that file reports them: a rule that also
 * checks across files (`checkWorkspace`) runs over the one-file project, which keeps what a scan keeps.
 */
export async function findingsFor(ruleId: string, filename: string, code: string): Promise<Finding[]> {
  const e = await engine;
  const options = onlyRule(ruleId, e);
  const result = e.analyze({ path: filename, text: code }, options);
  const crashed = result.problems.find((p) => p.kind === 'rule-error');
  assert.equal(crashed, undefined, crashed?.message);
  const findings = [...result.findings];
  if (e.rule(ruleId)?.checkWorkspace && result.facts && result.language) {
    const project = new Project();
    project.set(filename, result.language, keepForWorkspace(e.activeRules(options))(result.facts, code), code);
    const { findings: crossFile, errors } = e.analyzeProject(project, options);
    assert.deepEqual(errors, []);
    findings.push(...(crossFile.get(filename) ?? []));
    sortFindings(findings);
  }
  return findings.filter((f) => !f.suppression);
}

async function syntaxProblems(filename: string, code: string): Promise<string[]> {
  const e = await engine;
  return e.analyze({ path: filename, text: code }).problems.filter((p) => p.kind === 'parse').map((p) => p.message);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  for (const edit of sorted) text = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  return text;
}

export interface RuleTable {
  ruleId: string;
  cases: { valid: ValidCase[]; invalid: InvalidCase[] };
}

/** Every table defined so far, for tools that reuse the cases: the fuzzer seeds its corpus with them. */
export const ruleTables: RuleTable[] = [];
let collectOnly = false;

/** Makes `ruleTester` record its table without defining tests, so a tool can load the rule test files for their cases. */
export function collectRuleTablesOnly(): void {
  collectOnly = true;
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  ruleTables.push({ ruleId, cases });
  if (collectOnly) return;
  describe(ruleId, () => {
    const severities = new Set<Severity>();
    it('has complete metadata', async () => {
      const rule = (await engine).rule(ruleId);
      assert.ok(rule, `rule ${ruleId} is registered`);
      assert.match(rule.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(rule.meta.title && rule.meta.docs.description.length > 80 && rule.meta.docs.bad && rule.meta.docs.good);
      for (const p of rule.meta.practices) assert.ok((await engine).catalog.practice(p), `practice ${p} exists`);
    });
    for (const [i, c] of cases.valid.entries()) {
      it(`valid ${i + 1}: ${c.name ?? lastLine(c.code)}`, async () => {
        const findings = await findingsFor(ruleId, c.filename, c.code);
        assert.deepEqual(findings.map(describeFinding), []);
      });
    }
    for (const [i, c] of cases.invalid.entries()) {
      it(`invalid ${i + 1}: ${c.name ?? lastLine(c.code)}`, async () => {
        const findings = await findingsFor(ruleId, c.filename, c.code);
        for (const f of findings) severities.add(f.severity);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map(describeFinding).join('\n')}`);
        for (const [j, expected] of c.errors.entries()) {
          const actual = findings[j];
          assert.equal(actual.range.start.line + 1, expected.line, `finding ${j + 1} line`);
          if (expected.column !== undefined) assert.equal(actual.range.start.character + 1, expected.column, `finding ${j + 1} column`);
          if (expected.message) assert.match(actual.message, expected.message);
          if (expected.severity) assert.equal(actual.severity, expected.severity);
        }
        if (c.output === null) {
          assert.deepEqual(findings.flatMap((f) => f.fixes), [], 'no fix expected');
          return;
        }
        const edits = findings.flatMap((f) => f.fixes[0]?.edits ?? []);
        if (c.output === undefined && edits.length === 0) return;
        assert.ok(edits.length > 0, 'a fix is offered');
        const fixed = applyEdits(c.code, edits);
        if (c.output !== undefined) assert.equal(fixed, c.output);
        assert.deepEqual(await syntaxProblems(c.filename, fixed), await syntaxProblems(c.filename, c.code), 'the fixed file parses as well as before');
        const after = await findingsFor(ruleId, c.filename, fixed);
        assert.deepEqual(after.map(describeFinding), [], 'the fixed file passes the rule');
        if (edits.some((e) => PLACEHOLDER_TEXT.test(e.newText))) await assertPlaceholderReported(ruleId, c, fixed);
        const parseProblems = (await engine).analyze({ path: c.filename, text: fixed }).problems.filter((p) => p.kind === 'parse');
        assert.deepEqual(parseProblems, [], 'the fixed file parses');
      });
      it(`invalid ${i + 1}: every fix alone keeps the file parseable and removes its finding`, async () => {
        // (the severities reported are collected by the case above, which runs first)
        const findings = await findingsFor(ruleId, c.filename, c.code);
        const parseProblemsBefore = await parseProblems(c.filename, c.code);
        for (const [j, finding] of findings.entries()) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(c.code, fix.edits);
            assert.deepEqual(await parseProblems(c.filename, fixed), parseProblemsBefore, `"${fix.title}" (finding ${j + 1}) leaves a file that parses:\n${fixed}`);
            const after = await findingsFor(ruleId, c.filename, fixed);
            assert.equal(after.length, findings.length - 1, `"${fix.title}" (finding ${j + 1}) removes exactly its finding:\n${after.map(describeFinding).join('\n')}`);
          }
        }
      });
    }
    it('its docs say which contexts it reports at which severity', async () => {
      const meta = (await engine).rule(ruleId)!.meta;
      const docs = severityDocs(meta);
      for (const severity of severities) assert.match(docs, new RegExp(`\\b${severity}\\b`), `the docs name the ${severity}s this table reports`);
      if (severities.size > 1) assert.ok(meta.docs.severity, 'a rule that reports at several severities says in which contexts');
    });
    notebookVariants(cases, (filename, code) => findingsFor(ruleId, filename, code));
  });
}

/** Text a fix writes for a value only the user knows: `<kms-key-arn>`, `s3://<bucket>/…`, `:<version>`. */
const PLACEHOLDER_TEXT = /<[a-z-]+>/;
const PLACEHOLDER_RULE = 'placeholder-not-filled-in';

/** A placeholder a fix writes is never compliance: the fixed file has a new placeholder finding, with the rule's practices. */
async function assertPlaceholderReported(ruleId: string, c: InvalidCase, fixed: string): Promise<void> {
  if (ruleId === PLACEHOLDER_RULE) return;
  const before = await findingsFor(PLACEHOLDER_RULE, c.filename, c.code);
  const after = await findingsFor(PLACEHOLDER_RULE, c.filename, fixed);
  assert.ok(after.length > before.length, `the placeholder the fix writes is reported by ${PLACEHOLDER_RULE}:\n${fixed}`);
  const practices = (await engine).rule(ruleId)!.meta.practices;
  for (const f of after) assert.ok(practices.every((p) => f.practices.includes(p)), `${describeFinding(f)} serves ${practices.join(', ')}`);
}

async function parseProblems(filename: string, code: string): Promise<string[]> {
  const result = (await engine).analyze({ path: filename, text: code });
  return result.problems.filter((p) => p.kind === 'parse').map((p) => p.message);
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}: ${f.message}`;
}

function lastLine(code: string): string {
  const line = code.split('\n').filter((l) => l.trim()).pop() ?? '';
  return line.trim().length > 70 ? line.trim().slice(0, 67) + '...' : line.trim();
}
