// Temporary folders for tests, removed when the test process exits (a test that fails half-way leaves none behind).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder, named `ai-lens-<purpose>-…`. */
export function scratchDir(purpose: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ai-lens-${purpose}-`));
  made.push(dir);
  return dir;
}
