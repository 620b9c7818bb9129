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
  '.tfvars': 'terraform',
  // A Jupyter notebook: its Python cells (see notebook/).
  '.ipynb': 'python',
};
const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);
/**
 * Files that may hold ML or generative-AI code but are not checked, by what they are: counted in the summary so that
 * a scan says what it did not look at. A kind that becomes checked (listed above) is no longer counted here.
 */
const NOT_CHECKED: Record<string, string> = {
  '.java': 'Java file',
  '.kt': 'Kotlin file',
  '.go': 'Go file',
  '.cs': 'C# file',
  '.rs': 'Rust file',
  '.rb': 'Ruby file',
  '.php': 'PHP file',
  '.scala': 'Scala file',
  '.r': 'R file',
};

/** Extensions worth reading to find out whether a file is one we check. */
export function isCandidatePath(filePath: string): boolean {
  const ext = extensionOf(filePath);
  return ext in BY_EXTENSION || TEMPLATE_EXTENSIONS.has(ext);
}

/** What a file is when it is code AI Lens does not check (`notebook`, `Java file`); undefined for everything else. */
export function notCheckedKind(filePath: string): string | undefined {
  if (isCandidatePath(filePath)) return undefined;
  return NOT_CHECKED[extensionOf(filePath)];
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
