import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeOptions, type AnalysisOptions } from '../engine/config';
import type { Engine } from '../engine/engine';
import { LENS_IDS, type LensId } from '../engine/types';
import { applyProjectConfig, findProjectConfig, formatConfigProblem, readProjectConfig, type ProjectConfig } from '../engine/projectConfig';
import { UsageError } from './options';

/**
 * The `.ai-lens.yaml` a command uses: `explicit` (`--config`), else the one found from `root` upwards, none with
 * `root === false` (`--no-config`). Problems are written to `err` and give `'invalid'`: nothing runs on a bad file.
 */
export function loadConfig(explicit: string | undefined, root: string | false, engine: Engine, io: { err: (s: string) => void }): ProjectConfig | undefined | 'invalid' {
  const file = explicit ? path.resolve(explicit) : root === false ? undefined : findProjectConfig(root);
  if (!file) return undefined;
  if (explicit && !fs.existsSync(file)) throw new UsageError(`no such configuration file: ${explicit}`);
  const { config, problems } = readProjectConfig(file, engine.ruleIds);
  if (problems.length === 0) return config;
  for (const p of problems) io.err(`ai-lens: ${formatConfigProblem(p)}\n`);
  io.err(`ai-lens: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${path.relative(process.cwd(), file) || file}; nothing was scanned\n`);
  return 'invalid';
}

/** The configuration file's options; command-line flags are explicit for this run, so `--lens` wins over its lenses. */
export function cliOptions(config: ProjectConfig | undefined, lenses: readonly string[] | undefined): AnalysisOptions {
  const fromFile = applyProjectConfig(normalizeOptions({}).options, config, 'trusted');
  return lenses ? { ...fromFile, lenses: normalizeOptions({ lenses }).options.lenses } : fromFile;
}

/** `--lens genai,ml`: the lenses named, each checked; undefined without the option. */
export function lensList(value: string | undefined, command: string): string[] | undefined {
  const lenses = value?.split(',').map((l) => l.trim()).filter(Boolean);
  for (const l of lenses ?? []) if (!LENS_IDS.includes(l as LensId)) throw new UsageError(`--lens must be one of ${LENS_IDS.join(', ')} (got "${l}")`, command);
  return lenses;
}

/** `--config` and `--no-config` contradict each other. */
export function checkConfigFlags(values: { config?: string; 'no-config'?: boolean }, command: string): void {
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together', command);
}
