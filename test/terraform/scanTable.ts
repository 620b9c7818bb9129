// Table tests over real files: each case is a small workspace written to a temporary folder and scanned as the CLI
// scans it, with some rules only.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/types';

export interface ScanCase {
  name: string;
  /** Files by path relative to the workspace. */
  files: Record<string, string>;
  /** Variables files (relative paths) given as `--var-file`. */
  varFiles?: string[];
  /** `file:line rule` of every finding, in order. */
  expect: string[];
  /** Parts every finding's message must match, by `file:line rule`. */
  messages?: Record<string, RegExp>;
  /** Related locations (`file:line`) of a finding, by `file:line rule`. */
  related?: Record<string, string[]>;
}

const engine = Engine.create();

export function optionsFor(rules: readonly string[], all: Engine): AnalysisOptions {
  return { ...DEFAULT_OPTIONS, rules: Object.fromEntries(all.rules.filter((r) => !rules.includes(r.meta.id)).map((r) => [r.meta.id, 'off' as const])) };
}

/** Writes `files` under a new temporary folder and returns it. */
export function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-tf-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export async function scanFiles(files: Record<string, string>, rules: readonly string[], varFiles: string[] = []): Promise<{ dir: string; findings: (Finding & { file: string })[] }> {
  const e = await engine;
  const dir = workspace(files);
  try {
    const report = scan(e, [dir], optionsFor(rules, e), { reviewSignals: false, varFiles: varFiles.map((f) => path.join(dir, f)) });
    const crashed = report.files.flatMap((f) => f.result.problems.filter((p) => p.kind === 'rule-error'));
    assert.deepEqual(crashed, []);
    return { dir, findings: report.files.flatMap((f) => f.result.findings.filter((x) => !x.suppression).map((x) => ({ ...x, file: f.path }))) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function scanTable(rules: readonly string[], cases: readonly ScanCase[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const { dir, findings } = await scanFiles(c.files, rules, c.varFiles);
      const key = (f: Finding & { file: string }) => `${f.file}:${f.range.start.line + 1} ${f.ruleId}`;
      assert.deepEqual(findings.map(key), c.expect, findings.map((f) => `${key(f)}: ${f.message}`).join('\n'));
      for (const f of findings) {
        const message = c.messages?.[key(f)];
        if (message) assert.match(f.message, message);
        const related = c.related?.[key(f)];
        if (related) assert.deepEqual(f.related?.map((r) => `${path.relative(dir, r.path)}:${r.range.start.line + 1}`), related);
      }
    });
  }
}
