import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Catalog } from '../../engine/catalog';
import type { Rule } from '../../engine/rules';
import type { Finding, Severity } from '../../engine/types';
import type { ScanReport, ScannedFile } from '../scan';

const LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'note' };

/** SARIF 2.1.0 for code-scanning services: one run, the rules that ran, results relative to the scan root. */
export function formatSarif(report: ScanReport, rules: readonly Rule[], catalog: Catalog, version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const results = report.files.flatMap((file) => resultsOf(file, ruleIndex));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'AI Lens',
            version,
            semanticVersion: version,
            rules: rules.map((rule) => {
              const practice = catalog.practice(rule.meta.practices[0]);
              return {
                id: rule.meta.id,
                name: pascal(rule.meta.id),
                shortDescription: { text: rule.meta.title },
                fullDescription: { text: rule.meta.docs.description },
                helpUri: practice?.url,
                help: { text: `${rule.meta.docs.description}\n\nLens practice ${practice?.id}: ${practice?.title}` },
                defaultConfiguration: { level: LEVELS[rule.meta.severity] },
                properties: {
                  practices: rule.meta.practices,
                  tags: [...new Set(rule.meta.practices.map((p) => catalog.practice(p)?.lens.id).filter(Boolean))],
                },
              };
            }),
          },
        },
        originalUriBaseIds: { ROOT: { uri: pathToFileURL(report.root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...report.skipped.map((s) => ({ level: 'note', message: { text: `skipped ${s.path}: ${s.reason}` } })),
              ...report.files.flatMap((f) =>
                f.result.problems.map((p) => ({
                  level: p.kind === 'rule-error' ? 'error' : 'warning',
                  message: { text: `${f.path}: ${p.message}` },
                  locations: p.range ? [location(f.path, p.range)] : undefined,
                })),
              ),
            ],
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function resultsOf(file: ScannedFile, ruleIndex: Map<string, number>) {
  const lines = file.text.split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  return file.result.findings.map((f) => {
    const key = `${f.ruleId}\0${file.path}\0${(lines[f.range.start.line] ?? '').trim()}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVELS[f.severity],
      message: { text: `${f.message} (${f.practices[0]})` },
      locations: [location(file.path, f.range)],
      // Stable across edits elsewhere in the file: the rule, the file and the flagged line's text, not its number.
      partialFingerprints: { 'aiLens/v1': createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32) },
      properties: { practices: f.practices },
      ...(f.suppression ? { suppressions: [{ kind: 'inSource', justification: f.suppression.reason || undefined }] } : {}),
      ...(f.fixes.length ? { fixes: sarifFixes(file.path, f) } : {}),
    };
  });
}

function sarifFixes(path: string, finding: Finding) {
  return finding.fixes.map((fix) => ({
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri: encodeURI(path), uriBaseId: 'ROOT' },
        replacements: fix.edits.map((e) => ({ deletedRegion: { charOffset: e.span.start, charLength: e.span.end - e.span.start }, insertedContent: { text: e.newText } })),
      },
    ],
  }));
}

function location(path: string, range: Finding['range']) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(path), uriBaseId: 'ROOT' },
      region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
    },
  };
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
