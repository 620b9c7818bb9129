// Emacs with eglot as the LSP client, configured with the snippet of docs/editors.md (its `npx ai-lens` replaced by this
// repository's CLI): the findings arrive through Flymake, the workspace configuration takes effect and the code
// actions are offered. Needs `node scripts/setup-editors.mjs --emacs` (npm run test:emacs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyExamples, requireTools, ROOT } from './tools';

interface Seen {
  errors: string[];
  diagnostics?: { line: number; type: string; text: string }[];
  actions?: string[];
}

const FILE = 'chat-service/app.py';
const LINE = 32;
const README_COMMAND = '("npx" "ai-lens" "server" "--stdio")';

/** The Emacs configuration of docs/editors.md, running the server from this repository. */
function readmeConfiguration(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'docs', 'editors.md'), 'utf8');
  const block = /\*\*Emacs\*\*[\s\S]*?```elisp\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'docs/editors.md has no Emacs configuration');
  assert.ok(block.includes(README_COMMAND), `the README's Emacs configuration does not run ${README_COMMAND}`);
  return block.replace(README_COMMAND, `(${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'bin', 'ai-lens.js'))} "server" "--stdio")`);
}

describe('Emacs (eglot) as the LSP client', () => {
  let seen: Seen;
  let scratch: string;
  let workspace: string;

  before(() => {
    const { emacs } = requireTools(['emacs'], '--emacs');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-emacs-'));
    workspace = copyExamples('ai-lens-emacs-ws-');
    fs.writeFileSync(path.join(scratch, 'config.el'), readmeConfiguration());
    const resultFile = path.join(scratch, 'result.json');
    const run = spawnSync(emacs, ['--batch', '-l', path.join(ROOT, 'test', 'editors', 'emacs', 'check.el')], {
      // HOME: no personal init files or packages; the site's (Debian's eglot) still load.
      env: { ...process.env, HOME: scratch, AI_LENS_CONFIG: path.join(scratch, 'config.el'), AI_LENS_FILE: path.join(workspace, FILE), AI_LENS_LINE: String(LINE), AI_LENS_RESULT: resultFile },
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.ok(fs.existsSync(resultFile), `Emacs wrote no result (exit ${run.status}, ${run.signal ?? 'no signal'}):\n${run.stdout}\n${run.stderr}`);
    seen = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    assert.deepEqual(seen.errors, []);
  });

  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('shows the findings through Flymake, with the rule raised to error by eglot-workspace-configuration', () => {
    const found = (seen.diagnostics ?? []).map((d) => `${d.line}:${d.type}:${/\[([a-z-]+)\]/.exec(d.text)?.[1]}`);
    for (const expected of ['32:eglot-warning:bedrock-call-without-guardrail', '32:eglot-error:llm-call-without-max-tokens', '47:eglot-warning:bedrock-call-without-guardrail', '49:eglot-error:llm-call-without-max-tokens']) {
      assert.ok(found.includes(expected), `${expected} missing from ${JSON.stringify(found)}`);
    }
  });

  it('offers the quick fixes, the suppressions and the practice links as code actions', () => {
    const actions = seen.actions ?? [];
    for (const title of ['Add `inferenceConfig`', 'Add `guardrailConfig`', 'Suppress llm-call-without-max-tokens here', 'Suppress bedrock-call-without-guardrail here', 'Open lens practice GENSEC02-BP01']) {
      assert.ok(actions.some((a) => a.startsWith(title)), `no "${title}…" in ${JSON.stringify(actions)}`);
    }
  });
});
