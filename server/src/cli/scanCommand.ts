import { Engine } from '../engine/engine';
import { CONFIG_FILE_NAME } from '../engine/projectConfig';
import { META_RULES } from '../engine/rules/meta';
import { SEVERITIES, type Severity } from '../engine/types';
import { version } from '../version';
import { applyBaseline, readBaseline } from './baseline';
import { openFindings } from './format/finding';
import { formatGitlab } from './format/gitlab';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif } from './format/sarif';
import { formatConcise, formatSummary, formatText, type Glossary } from './format/text';
import type { CliHooks, CliIO } from './main';
import { parseCommand, type CommandSpec } from './options';
import { writeReport } from './output';
import { checkConfigFlags, cliOptions, lensList, loadConfig } from './projectOptions';
import { SCAN_GRAMMARS, scanFiles, scanRoot, type ScanReport } from './scan';

export const SCAN_FORMATS = ['text', 'concise', 'json', 'sarif', 'gitlab', 'junit'] as const;
type ScanFormat = (typeof SCAN_FORMATS)[number];

export const SCAN_COMMAND: CommandSpec = {
  name: 'scan',
  summary: 'Check files and folders; print findings or write a report for CI.',
  positionals: '[paths...]',
  description:
    'Checks Python (Jupyter notebooks too), TypeScript/JavaScript, Terraform and CloudFormation files (the current\n' +
    'folder when no path is given) and prints the findings.\n' +
    `Reads ${CONFIG_FILE_NAME} from the scanned folder (or the current one).\n` +
    'A Terraform plan (`terraform show -json` output) named as a path is read with its planned values.',
  options: [
    { name: 'format', type: 'string', values: SCAN_FORMATS, default: 'text', help: 'Output format: text; concise (one line per finding, path:line:col); json; sarif (code scanning); gitlab (Code Quality); junit.' },
    { name: 'output', short: 'o', type: 'string', arg: 'FILE', help: 'Write the report to FILE instead of standard output.' },
    { name: 'fail-on', type: 'string', values: [...SEVERITIES, 'never'], default: 'warning', help: 'Exit 1 when an open finding has this severity or a higher one.' },
    { name: 'baseline', type: 'string', arg: 'FILE', help: 'Report only findings not in FILE (a SARIF or JSON report of an earlier scan).' },
    { name: 'write-baseline', type: 'string', arg: 'FILE', help: "Write this scan's open findings to FILE as a baseline, and exit 0." },
    { name: 'allow-empty', type: 'boolean', default: false, help: 'Exit 0 when no file was checked (default: exit 2).' },
    { name: 'lens', type: 'string', arg: 'genai,ml,rai', help: 'Run only the rules of these lenses.' },
    { name: 'exclude', type: 'string', multiple: true, default: [], arg: 'GLOB', help: 'Leave out files matching GLOB.' },
    { name: 'config', type: 'string', arg: 'FILE', help: `Read this configuration file instead of ${CONFIG_FILE_NAME}.` },
    { name: 'no-config', type: 'boolean', default: false, help: `Read no ${CONFIG_FILE_NAME}.` },
    { name: 'var-file', type: 'string', multiple: true, default: [], arg: 'FILE', help: 'A Terraform variables file whose values win over defaults and tfvars files (repeatable).' },
    { name: 'include-synth', type: 'boolean', default: false, help: 'Also check the templates in the CDK apps\' cdk.out folders.' },
    { name: 'quiet', short: 'q', type: 'boolean', default: false, help: 'Print the findings only: no summaries, no progress.' },
    { name: 'statistics', type: 'boolean', default: false, help: 'Print counts by rule and by lens practice instead of the findings.' },
  ],
  epilog: [
    'Exit codes: 0 no open finding at or above --fail-on; 1 there is one; 2 usage, configuration or I/O error,',
    'or no file was checked (unless --allow-empty).',
    '',
    'Examples:',
    '  ai-lens scan .',
    '  ai-lens scan . --format sarif --output ai-lens.sarif',
    '  ai-lens scan . --write-baseline .ai-lens-baseline.json      # accept what is there today',
    '  ai-lens scan . --baseline .ai-lens-baseline.json            # then fail only on new findings',
    '  cdk synth && ai-lens scan cdk.out                           # the templates the CDK synthesized',
    '  terraform show -json plan.out > plan.json && ai-lens scan plan.json',
  ].join('\n'),
};

export async function scanCommand(args: string[], io: CliIO, hooks: CliHooks): Promise<number> {
  const { values, positionals } = parseCommand(SCAN_COMMAND, args);
  const v = values as { format: ScanFormat; output?: string; 'fail-on': string; baseline?: string; 'write-baseline'?: string; 'allow-empty': boolean; lens?: string; exclude: string[]; config?: string; 'no-config': boolean; 'include-synth': boolean; 'var-file': string[]; quiet: boolean; statistics: boolean };
  checkConfigFlags(v, 'scan');
  const lenses = lensList(v.lens, 'scan');
  const baseline = v.baseline ? readBaseline(v.baseline) : undefined;

  const engine = await Engine.create(hooks.rules, SCAN_GRAMMARS);
  const config = loadConfig(v.config, v['no-config'] ? false : scanRoot(positionals), engine, io);
  if (config === 'invalid') return 2;
  const options = cliOptions(config, lenses);
  // A progress line on an interactive terminal only, and never with --quiet.
  const progress = io.progress && !v.quiet ? io.progress : undefined;
  const onProgress = progress && ((done: number, total: number) => done % 50 === 0 && progress(`checking ${done}/${total} files`));
  const report = await scanFiles(engine, positionals, options, { exclude: v.exclude, config, onProgress, reviewSignals: false, includeSynth: v['include-synth'], varFiles: v['var-file'], fixEdits: v.format === 'sarif' });
  progress?.('');
  for (const file of report.files) {
    for (const p of file.result.problems) if (p.kind === 'rule-error') io.err(`ai-lens: ${file.path}: ${p.message}\n`);
  }
  for (const s of report.skipped) if (/internal error/.test(s.reason)) io.err(`ai-lens: ${s.path}: ${s.reason}\n`);
  if (report.scanned === 0 && !v['allow-empty']) {
    const skipped = report.skipped.length ? ` (${report.skipped.length} skipped: see --format json)` : '';
    io.err(`ai-lens: no file was checked in ${positionals.join(', ') || '.'}${skipped}: AI Lens checks Python, TypeScript/JavaScript, Terraform and CloudFormation files; pass --allow-empty to accept an empty scan\n`);
    return 2;
  }
  if (baseline) report.baselined = applyBaseline(report, baseline);
  if (v['write-baseline']) {
    write(v['write-baseline'], formatJson(report, version));
    io.err(`ai-lens: baseline of ${openFindings(report).length} open findings written to ${v['write-baseline']}\n`);
    return 0;
  }

  const rendered = render(v.format, report, engine, options, {
    color: !v.output && !!io.isTTY && !process.env.NO_COLOR,
    quiet: v.quiet,
    statistics: v.statistics,
  });
  if (v.output) {
    write(v.output, rendered);
    if (v.format !== 'text' && !v.quiet) io.err(`${formatSummary(report)}; report written to ${v.output}\n`);
  } else {
    io.out(rendered);
  }
  return exitCode(report, v['fail-on']);
}

function render(format: ScanFormat, report: ScanReport, engine: Engine, options: ReturnType<typeof cliOptions>, text: { color: boolean; quiet: boolean; statistics: boolean }): string {
  const helpUrl = (id: string) => engine.catalog.practice(id)?.url;
  const active = engine.activeRules(options);
  switch (format) {
    case 'json':
      return formatJson(report, version);
    case 'sarif':
      return formatSarif(report, active, engine.catalog, version, META_RULES.filter((r) => options.rules[r.id] !== 'off'));
    case 'gitlab':
      return formatGitlab(report, helpUrl);
    case 'junit':
      return formatJunit(report, active.map((r) => ({ id: r.meta.id, title: r.meta.title, practices: r.meta.practices })), helpUrl);
    case 'text':
      return formatText(report, glossary(engine), text);
    case 'concise':
      return formatConcise(report, text);
  }
}

export function glossary(engine: Engine): Glossary {
  return {
    ruleTitle: (id) => engine.rule(id)?.meta.title ?? META_RULES.find((m) => m.id === id)?.title,
    practice: (id) => engine.catalog.practice(id),
  };
}

function write(file: string, text: string): void {
  try {
    writeReport(file, text);
  } catch (error) {
    throw new Error(`cannot write ${file}: ${(error as Error).message}`);
  }
}

/** 0 when no open finding reaches `failOn`, else 1. */
function exitCode(report: ScanReport, failOn: string): number {
  if (failOn === 'never') return 0;
  const threshold = SEVERITIES.indexOf(failOn as Severity);
  return openFindings(report).some(({ finding }) => SEVERITIES.indexOf(finding.severity) <= threshold) ? 1 : 0;
}
