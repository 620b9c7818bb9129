import type { Severity } from '../../engine/types';
import type { ScanReport } from '../scan';
import { displayPath, fingerprint, locationOf, messageWithPractice, openFindings, severityOf } from './finding';

/** GitLab's severities (info, minor, major, critical, blocker) for ours. */
const SEVERITIES: Record<Severity, string> = { error: 'critical', warning: 'major', note: 'minor' };

/**
 * A GitLab Code Quality report (`artifacts:reports:codequality`): one issue per open finding, with paths relative to
 * the working directory, which in a GitLab job is the repository root. Suppressed findings are left out: the format
 * has no way to say a finding was accepted.
 */
export function formatGitlab(report: ScanReport, helpUrl: (practiceId: string) => string | undefined): string {
  const issues = openFindings(report).map((located) => {
    const { file, finding } = located;
    const { line, endLine } = locationOf(finding);
    const url = finding.practices[0] ? helpUrl(finding.practices[0]) : undefined;
    return {
      type: 'issue',
      check_name: finding.ruleId,
      description: messageWithPractice(finding),
      ...(url ? { content: { body: `Lens practice ${finding.practices[0]}: ${url}` } } : {}),
      categories: ['Security'],
      severity: SEVERITIES[severityOf(finding)],
      fingerprint: fingerprint(located),
      location: { path: displayPath(file), lines: { begin: line, end: endLine } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
