import { isCloudFormation } from './extract/cloudformation';
import type { Language } from './types';

const BY_EXTENSION: Record<string, Language> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescript',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.tf': 'terraform',
  // A Jupyter notebook: its Python cells (see notebook/).
  '.ipynb': 'python',
};
const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);

/** Extensions worth reading to find out whether a file is one we check. */
export function isCandidatePath(filePath: string): boolean {
  const ext = extensionOf(filePath);
  return ext in BY_EXTENSION || TEMPLATE_EXTENSIONS.has(ext);
}

/** The language a file is checked as, or undefined when it is not one we check (a YAML file that is not a template). */
export function detectLanguage(filePath: string, text: string): Language | undefined {
  const ext = extensionOf(filePath);
  if (ext in BY_EXTENSION) return BY_EXTENSION[ext];
  if (TEMPLATE_EXTENSIONS.has(ext) && isCloudFormation(text)) return 'cloudformation';
  return undefined;
}

export function extensionOf(filePath: string): string {
  const base = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
