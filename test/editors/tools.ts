// Where scripts/setup-editors.mjs put the editors: it records their paths in tools.json in its cache.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface EditorTools {
  /** Node 24, which code-server needs. */
  node?: string;
  /** code-server's entry script, run with `node`. */
  codeServer?: string;
  /** The playwright-core package folder, loaded with require. */
  playwrightCore?: string;
  chromium?: string;
  nvim?: string;
  emacs?: string;
}

export const ROOT = path.join(__dirname, '..', '..', '..');

export function editorCache(): string {
  return process.env.AI_LENS_EDITOR_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ai-lens-vscode');
}

/** The tools `keys` names, or an error that says how to install them. */
export function requireTools<K extends keyof EditorTools>(keys: K[], setupFlag: string): Required<Pick<EditorTools, K>> {
  const file = path.join(editorCache(), 'tools.json');
  const tools: EditorTools = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const missing = keys.filter((k) => !tools[k] || !fs.existsSync(tools[k]!));
  if (missing.length) throw new Error(`${missing.join(', ')} not installed: run \`node scripts/setup-editors.mjs ${setupFlag}\``);
  return tools as Required<Pick<EditorTools, K>>;
}

/** A throw-away copy of examples/, so that tests can edit, save and configure it. */
export function copyExamples(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

/** test-results/ in the repository: screenshots and logs a person can look at after a run. */
export function resultsDir(): string {
  const dir = path.join(ROOT, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
