import type { ScanReport } from '../scan';
import { allFindings, displayPath, locationOf, messageWithPractice, severityOf, type Located } from './finding';

export interface JunitRule {
  id: string;
  title: string;
  practices: readonly string[];
}

/**
 * JUnit XML, as CI services show test results: a test suite per rule that ran, a failing test case per open finding
 * (`path:line:col`), a skipped one per suppressed finding with its reason, and one passing case for a rule with no
 * finding, so that a clean scan still lists what was checked.
 */
export function formatJunit(report: ScanReport, rules: readonly JunitRule[], helpUrl: (practiceId: string) => string | undefined): string {
  const byRule = new Map<string, Located[]>();
  for (const located of allFindings(report)) {
    const list = byRule.get(located.finding.ruleId) ?? [];
    list.push(located);
    byRule.set(located.finding.ruleId, list);
  }
  // Rules with findings that are not in the list (meta rules such as invalid-suppression) get a suite too.
  const known = new Set(rules.map((r) => r.id));
  const suites = [...rules, ...[...byRule.keys()].filter((id) => !known.has(id)).map((id) => ({ id, title: id, practices: [] }))].map((rule) =>
    suite(rule, byRule.get(rule.id) ?? [], report.scanned, helpUrl),
  );
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="AI Lens" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(rule: JunitRule, findings: readonly Located[], checked: number, helpUrl: (practiceId: string) => string | undefined) {
  const cases = findings.map((located) => testCase(rule, located, helpUrl));
  if (cases.length === 0) cases.push(`    <testcase name="no finding in ${checked} checked file${checked === 1 ? '' : 's'}" classname="${xml(rule.id)}"/>`);
  const failures = findings.filter((f) => !f.finding.suppression).length;
  const skipped = findings.length - failures;
  const properties = rule.practices.length
    ? ['    <properties>', `      <property name="title" value="${xml(rule.title)}"/>`, `      <property name="practices" value="${xml(rule.practices.join(', '))}"/>`, '    </properties>']
    : [];
  return {
    tests: cases.length,
    failures,
    xml: [`  <testsuite name="${xml(rule.id)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`, ...properties, ...cases, '  </testsuite>'].join('\n'),
  };
}

function testCase(rule: JunitRule, { file, finding }: Located, helpUrl: (practiceId: string) => string | undefined): string {
  const { line, column } = locationOf(finding);
  const where = `${displayPath(file)}:${line}:${column}`;
  const open = `    <testcase name="${xml(where)}" classname="${xml(rule.id)}">`;
  if (finding.suppression) return `${open}\n      <skipped message="${xml(`suppressed: ${finding.suppression.reason}`)}"/>\n    </testcase>`;
  const url = finding.practices[0] ? helpUrl(finding.practices[0]) : undefined;
  const body = [`${where}: ${messageWithPractice(finding)}`, ...(url ? [`Lens practice: ${url}`] : [])].join('\n');
  return `${open}\n      <failure type="${severityOf(finding)}" message="${xml(finding.message)}">${xml(body)}</failure>\n    </testcase>`;
}

/** Text as XML character data or an attribute value. Characters XML 1.0 cannot hold at all are dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}
