import { normalizeOptions, type AnalysisOptions } from '../engine/config';
import { parseBounds, type ServerBounds } from './bounds';

/** The `aiLens.*` settings the server honours. */
export interface ServerSettings {
  enable: boolean;
  exclude: string[];
  options: AnalysisOptions;
  bounds: ServerBounds;
  warnings: string[];
}

export function parseSettings(raw: unknown): ServerSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  // The editor setting is in megabytes; the engine counts bytes.
  const maxFileBytes = typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? Math.round(value.maxFileSize * 1024 * 1024) : undefined;
  const { options, warnings } = normalizeOptions({ ...value, maxFileBytes });
  const exclude = Array.isArray(value.exclude) ? value.exclude.filter((p): p is string => typeof p === 'string') : [];
  const bounds = parseBounds(value);
  return { enable: value.enable !== false, exclude, options, bounds: bounds.bounds, warnings: [...warnings, ...bounds.warnings] };
}
