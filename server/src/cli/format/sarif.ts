import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalog } from '../../engine/catalog';
import type { Rule } from '../../engine/rules';
import type { MetaRule } from '../../engine/rules/meta';
import type { Finding, Range, Severity, Span, SuppressionInfo } from '../../engine/types';
import { FINGERPRINT_KEY, fingerprintOf } from '../fingerprint';
import { cellEntry } from './json';
import type { ScanReport, ScannedFile } from '../scan';
import { locationOf, messageWithPractice, severityOf } from './finding';
import { severityDocs } from '../../engine/rules/rule';

const LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'note' };

/**
 * SARIF 2.1.0 for code-scanning services: one run, the rules that ran (the lens rules, then the meta rules such as
 * `invalid-suppression`), results relative to the scan root. Suppressed findings are results with `suppressions`:
 * `inSource` for comments, `external` for `.ai-lens.yaml` entries, each with its justification and location.
 */
export function formatSarif(report: ScanReport, rules: readonly Rule[], catalog: Catalog, version: string, metaRules: readonly MetaRule[] = []): string {
  const ruleIndex = new Map([...rules.map((r) => r.meta.id), ...metaRules.map((r) => r.id)].map((id, i) => [id, i]));
  const results = report.files.flatMap((file) => resultsOf(report, file, ruleIndex));
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
            rules: [...rules.map((rule) => lensRule(rule, catalog)), ...metaRules.map(metaRule)],
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

function lensRule(rule: Rule, catalog: Catalog) {
  const practice = catalog.practice(rule.meta.practices[0]);
  return {
    id: rule.meta.id,
    name: pascal(rule.meta.id),
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.docs.description },
    helpUri: practice?.url,
    help: { text: `${rule.meta.docs.description}\n\n${severityDocs(rule.meta)}\n\nLens practice ${practice?.id}: ${practice?.title}` },
    defaultConfiguration: { level: LEVELS[rule.meta.severity] },
    properties: {
      practices: rule.meta.practices,
      tags: [...new Set(rule.meta.practices.map((p) => catalog.practice(p)?.lens.id).filter(Boolean))],
    },
  };
}

/** A rule about AI Lens's own directives: no lens practice, no help page. */
function metaRule(rule: MetaRule) {
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.description },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { practices: [], tags: ['ai-lens'] },
  };
}

function resultsOf(report: ScanReport, file: ScannedFile, ruleIndex: Map<string, number>) {
  const source = sourceOf(file);
  return file.result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: LEVELS[severityOf(f)],
    message: { text: messageWithPractice(f) },
    locations: [location(file.path, f.range)],
    ...(f.related?.length ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(relativeTo(report.root, r.path), r.range), message: { text: r.message } })) } : {}),
    // Stable across edits elsewhere in the file: the rule, the file and the flagged line's text, not its number.
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(file, f) },
    // Compared with a baseline, every result left is new: those the baseline holds are not reported.
    ...(report.baselined !== undefined && !f.suppression ? { baselineState: 'new' } : {}),
    properties: { practices: f.practices, ...(f.cell ? { cell: cellEntry(f.cell) } : {}) },
    ...(f.suppression ? { suppressions: [sarifSuppression(report, file, source, f.suppression)] } : {}),
    ...(f.fixes.length ? { fixes: sarifFixes(file.path, f) } : {}),
  }));
}

/** Where a span of the analysed code is in the file (a suppression comment): in a notebook, in its JSON. */
interface SourceLines {
  range(span: Span): Range | undefined;
}

function sourceOf(file: ScannedFile): SourceLines {
  const notebook = file.result.notebook;
  if (notebook) return { range: (span) => notebook.positions?.fileRange(span) };
  const lines = file.lines;
  return { range: (span) => lines?.range(span) };
}

function sarifSuppression(report: ScanReport, file: ScannedFile, source: SourceLines, suppression: SuppressionInfo) {
  if (suppression.kind === 'config' && suppression.source) {
    const relative = path.relative(report.root, suppression.source.path);
    const artifactLocation = relative.startsWith('..') || path.isAbsolute(relative)
      ? { uri: pathToFileURL(suppression.source.path).href }
      : { uri: encodeURI(relative.split(path.sep).join('/')), uriBaseId: 'ROOT' };
    return { kind: 'external', status: 'accepted', justification: suppression.reason, location: { physicalLocation: { artifactLocation, region: { startLine: suppression.source.line } } } };
  }
  const range = suppression.span && source.range(suppression.span);
  return {
    kind: suppression.kind === 'config' ? 'external' : 'inSource',
    status: 'accepted',
    justification: suppression.reason,
    ...(range ? { location: location(file.path, range) } : {}),
  };
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

/** A related location's path as the results' paths are written: relative to the scan root, with forward slashes. */
function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function location(path: string, range: Finding['range']) {
  const { line, column, endLine, endColumn } = locationOf({ range });
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(path), uriBaseId: 'ROOT' },
      region: { startLine: line, startColumn: column, endLine, endColumn },
    },
  };
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
