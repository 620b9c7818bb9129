// `cdk synth` output (a cloud assembly, `cdk.out`): scanned for its templates only when asked (`ai-lens scan cdk.out`,
// or `--include-synth` on a project), and otherwise named in the summary when it is newer than the sources.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ASSEMBLY_FOLDER = 'cdk.out';

/** True for a cloud assembly folder: `cdk.out`, or a folder with a `manifest.json` and templates (`cdk synth -o dir`). */
export function isCloudAssembly(dir: string): boolean {
  if (path.basename(dir) === ASSEMBLY_FOLDER) return true;
  try {
    const names = fs.readdirSync(dir);
    return names.includes('manifest.json') && names.some((n) => n.endsWith('.template.json'));
  } catch {
    return false;
  }
}

/** The templates of a cloud assembly, nested assemblies (CDK stages) included; assets (bundled code) are not checked. */
export function synthesizedTemplates(dir: string): string[] {
  const found: string[] = [];
  const visit = (folder: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && entry.name.startsWith('assembly-') && depth < 8) visit(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.template.json')) found.push(full);
    }
  };
  visit(dir, 0);
  return found;
}

/** The `cdk.out` folders of the CDK apps among `files` (next to their `cdk.json`) and at `root`. */
export function cloudAssembliesOf(root: string, files: Iterable<string>): string[] {
  const folders = new Set<string>();
  for (const file of files) if (path.basename(file) === 'cdk.json') folders.add(path.join(path.dirname(file), ASSEMBLY_FOLDER));
  folders.add(path.join(root, ASSEMBLY_FOLDER));
  return [...folders].filter((f) => fs.existsSync(f) && fs.statSync(f).isDirectory()).sort();
}

/**
 * True when the assembly's templates were written after every source file of its app (`sources`: the scanned files
 * in the app's folder): they show the current code, including constructs AI Lens does not model.
 */
export function isNewerThanSources(assembly: string, sources: readonly string[]): boolean {
  const templates = synthesizedTemplates(assembly);
  if (templates.length === 0) return false;
  const app = path.dirname(assembly) + path.sep;
  const newestSource = Math.max(0, ...sources.filter((s) => s.startsWith(app)).map(modified));
  return Math.max(...templates.map(modified)) > newestSource;
}

function modified(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
