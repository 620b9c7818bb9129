import { normalizeOptions, type AnalysisOptions } from '../engine/config';

/** The `aiLens.*` settings the server honours. */
export interface ServerSettings {
  enable: boolean;
  exclude: string[];
  /** `aiLens.terraform.varFiles`: Terraform variables files whose values win over defaults (paths relative to the workspace folder). */
  terraformVarFiles: string[];
  options: AnalysisOptions;
  warnings: string[];
}

export function parseSettings(raw: unknown): ServerSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  // The editor setting is in megabytes; the engine counts bytes.
  const maxFileBytes = typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? Math.round(value.maxFileSize * 1024 * 1024) : undefined;
  const { options, warnings } = normalizeOptions({ ...value, maxFileBytes });
  const exclude = Array.isArray(value.exclude) ? value.exclude.filter((p): p is string => typeof p === 'string') : [];
  const terraform = (typeof value.terraform === 'object' && value.terraform !== null ? value.terraform : {}) as Record<string, unknown>;
  const terraformVarFiles = Array.isArray(terraform.varFiles) ? terraform.varFiles.filter((p): p is string => typeof p === 'string') : [];
  return { enable: value.enable !== false, exclude, terraformVarFiles, options, warnings };
}
