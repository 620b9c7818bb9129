import * as fs from 'node:fs';
import * as path from 'node:path';
import type YAML from 'yaml';
import shippedSchema from '../../../schemas/ai-lens.schema.json';
import type { AnalysisOptions, RuleSetting } from './config';
import { LineIndex } from './text';
import type { LensId, PathIgnore, Range } from './types';
import { parseYamlDocument } from './yamlParse';
import { checkNode, INVALID, OFFSET, type Schema, type SchemaProblem } from './yamlSchema';

/** The workspace configuration file, at the root of a workspace folder or scan. */
export const CONFIG_FILE_NAME = '.ai-lens.yaml';
/** A configuration file is a few hundred bytes; anything this large is a mistake, not a configuration. */
const MAX_CONFIG_BYTES = 256 * 1024;

/** What `.ai-lens.yaml` says, with every invalid part left out. */
export interface ProjectConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its folder: `exclude` and `ignore` patterns are relative to it. */
  dir: string;
  lenses?: LensId[];
  rules: Record<string, RuleSetting>;
  exclude: string[];
  ignores: PathIgnore[];
  maxFileBytes?: number;
  maxAnalysisMs?: number;
}

/** A problem in the configuration file, with the range (0-based, like LSP) of the text it is about. */
export interface ConfigProblem {
  file: string;
  range: Range;
  message: string;
}

/**
 * `trusted`: the file applies in full. `restricted` (an untrusted VS Code workspace): only severities apply; turning
 * rules off, choosing lenses, excluding or ignoring files and changing limits are left out, since a repository could
 * use them to hide findings from whoever opens it.
 */
export type Trust = 'trusted' | 'restricted';

/** The shipped schema with the rule ids the engine actually has, so that a stale schema can never reject a real rule. */
export function configSchema(ruleIds: Iterable<string>): Schema {
  const schema = structuredClone(shippedSchema) as unknown as Schema;
  const ids = [...ruleIds];
  const properties = schema.properties!;
  properties.rules.properties = Object.fromEntries(ids.map((id) => [id, { $ref: '#/definitions/ruleSetting' }]));
  properties.ignore.items!.properties!.rules.items = { enum: ids };
  return schema;
}

/** Parses and checks the text of a configuration file; never throws. */
export function parseProjectConfig(text: string, file: string, ruleIds: Iterable<string>): { config: ProjectConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const config: ProjectConfig = { file, dir: path.dirname(file), rules: {}, exclude: [], ignores: [] };
  const problems: ConfigProblem[] = [];
  const report = (p: SchemaProblem) => problems.push({ file, range: lines.range(p.span), message: p.message });
  if (text.length > MAX_CONFIG_BYTES) {
    report({ span: { start: 0, end: 0 }, message: `the file is larger than ${MAX_CONFIG_BYTES / 1024} KB; it is not read` });
    return { config, problems };
  }
  let doc: YAML.Document.Parsed;
  try {
    const parsed = parseYamlDocument(text, { prettyErrors: false, uniqueKeys: true });
    if ('tooDeep' in parsed) {
      report({ span: { start: parsed.tooDeep, end: parsed.tooDeep + 1 }, message: 'nested too deeply to read' });
      return { config, problems };
    }
    doc = parsed.doc;
  } catch (error) {
    report({ span: { start: 0, end: 0 }, message: `cannot read the file: ${(error as Error).message}` });
    return { config, problems };
  }
  for (const e of [...doc.errors, ...doc.warnings]) report({ span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, message: e.message.split('\n')[0] });
  if (doc.errors.length > 0) return { config, problems };
  if (doc.contents === null) return { config, problems }; // an empty file
  const schema = configSchema(ruleIds);
  const schemaProblems: SchemaProblem[] = [];
  const value = checkNode(doc.contents, schema, schema, schemaProblems, { start: 0, end: 0 }, '');
  schemaProblems.forEach(report);
  if (value === INVALID || typeof value !== 'object' || value === null) return { config, problems };
  const raw = value as Record<string, unknown>;
  if (raw.lenses) config.lenses = raw.lenses as LensId[];
  if (raw.rules) config.rules = raw.rules as Record<string, RuleSetting>;
  if (raw.exclude) config.exclude = raw.exclude as string[];
  if (typeof raw.maxFileBytes === 'number') config.maxFileBytes = raw.maxFileBytes;
  if (typeof raw.maxAnalysisMs === 'number') config.maxAnalysisMs = raw.maxAnalysisMs;
  for (const entry of (raw.ignore ?? []) as (Record<string, unknown> & { [OFFSET]: number })[]) {
    config.ignores.push({
      paths: entry.paths as string[],
      rules: entry.rules as string[],
      reason: (entry.reason as string).trim(),
      source: { path: file, line: lines.position(entry[OFFSET]).line + 1 },
    });
  }
  return { config, problems };
}

/** `dir/.ai-lens.yaml` when it exists. */
export function findProjectConfig(dir: string): string | undefined {
  const file = path.join(dir, CONFIG_FILE_NAME);
  try {
    return fs.statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and checks a configuration file; an unreadable file is one problem, not an exception. */
export function readProjectConfig(file: string, ruleIds: Iterable<string>): { config?: ProjectConfig; problems: ConfigProblem[] } {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_CONFIG_BYTES) return { problems: [{ file, range: zero(), message: `the file is larger than ${MAX_CONFIG_BYTES / 1024} KB; it is not read` }] };
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, range: zero(), message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }
  return parseProjectConfig(text, file, ruleIds);
}

/** `file:line:column: message`, with the file relative to `base` when it is inside it. */
export function formatConfigProblem(problem: ConfigProblem, base = process.cwd()): string {
  const relative = path.relative(base, problem.file);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? problem.file : relative;
  return `${shown.split(path.sep).join('/')}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message}`;
}

/**
 * Options with the configuration file applied. Where the file says something, it wins over editor settings (it is
 * shared with CI, settings are personal): its lenses and limits replace the settings', its rule settings override
 * the settings' per rule, its ignores apply. Exclude patterns are kept separately (see `excludeMatcherFor`).
 */
export function applyProjectConfig(base: AnalysisOptions, config: ProjectConfig | undefined, trust: Trust): AnalysisOptions {
  if (!config) return base;
  if (trust === 'restricted') {
    const severities = Object.fromEntries(Object.entries(config.rules).filter(([, v]) => v !== 'off'));
    return { ...base, rules: { ...base.rules, ...severities } };
  }
  return {
    lenses: config.lenses ?? base.lenses,
    rules: { ...base.rules, ...config.rules },
    maxFileBytes: config.maxFileBytes ?? base.maxFileBytes,
    maxAnalysisMs: config.maxAnalysisMs ?? base.maxAnalysisMs,
    ignores: [...(base.ignores ?? []), ...config.ignores],
  };
}

function zero(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
