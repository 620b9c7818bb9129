// Scans a small workspace written to a temporary folder, for tests of what is followed across functions and files.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits, onlyRule } from '../ruleTester';

const engine = Engine.create();

export interface Scanned {
  /** `path:line rule` for each finding (paths relative to the workspace, forward slashes). */
  labels: string[];
  findings: { path: string; finding: Finding }[];
  /** The workspace's files after applying the first fix of every finding. */
  fixed: Record<string, string>;
}

/** Scans `files` (relative path → text) as one workspace, with only `ruleId` on (or every rule, keeping its findings). */
export async function scanWorkspace(ruleId: string, files: Record<string, string>, everyRule = false): Promise<Scanned> {
  const e = await engine;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-flow-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const report = scan(e, [dir], everyRule ? DEFAULT_OPTIONS : onlyRule(ruleId, e));
    const findings = report.files.flatMap((f) => f.result.findings.filter((x) => x.ruleId === ruleId).map((finding) => ({ path: f.path, finding })));
    const fixed: Record<string, string> = { ...files };
    for (const f of report.files) {
      const edits = f.result.findings.filter((x) => x.ruleId === ruleId).flatMap((x) => x.fixes[0]?.edits ?? []);
      if (edits.length) fixed[f.path] = applyEdits(fs.readFileSync(f.absolutePath, 'utf8'), edits);
    }
    return { labels: findings.map(({ path: p, finding }) => `${p}:${finding.range.start.line + 1} ${ruleId}`).sort(), findings, fixed };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The related places of a finding, as `file:line message`. */
export function relatedOf(finding: Finding): string[] {
  return (finding.related ?? []).map((r) => `${path.basename(r.path)}:${r.range.start.line + 1} ${r.message}`);
}
