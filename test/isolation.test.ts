// A rule that throws is reported once per rule and file, with its id, and every other rule still runs: in the engine,
// on the CLI's stderr, and in the language server's log (the editor's output channel).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { runCli } from '../server/src/cli/main';
import { Engine } from '../server/src/engine/engine';
import { RULES, type Rule } from '../server/src/engine/rules';
import { startServer } from '../server/src/lsp/server';

const THROWS: Rule = {
  meta: {
    id: 'always-throws',
    title: 'A rule with a bug',
    practices: ['MLSEC05-BP01'],
    severity: 'warning',
    languages: ['python'],
    docs: { description: 'Throws on every file.', bad: '', good: '' },
  },
  check() {
    throw new TypeError("Cannot read properties of undefined (reading 'value')");
  },
};
const RULES_WITH_A_BUG = [...RULES, THROWS];
const CODE = 'import torch\nm = torch.load(p)\n';

describe('a rule that throws', () => {
  it('gives one rule-error problem naming the rule, and the other rules still report', async () => {
    const engine = await Engine.create(RULES_WITH_A_BUG);
    const result = engine.analyze({ path: 'a.py', text: CODE });
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['unsafe-model-deserialization']);
    assert.equal(result.problems.length, 1);
    const [problem] = result.problems;
    assert.equal(problem.kind, 'rule-error');
    assert.equal(problem.ruleId, 'always-throws');
    assert.equal(problem.message, "rule always-throws failed: Cannot read properties of undefined (reading 'value')");
    assert.match(problem.detail!, /at Object\.check/);
  });

  it('is printed once per file on the CLI\'s stderr, with the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-isolation-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.py'), CODE);
      fs.writeFileSync(path.join(dir, 'b.py'), CODE);
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['scan', dir, '--format', 'json'], { out: (s) => out.push(s), err: (s) => err.push(s) }, { rules: RULES_WITH_A_BUG });
      assert.equal(code, 1, 'the other rules still report (warnings fail the default --fail-on warning)');
      assert.deepEqual(err, [
        "ai-lens: a.py: rule always-throws failed: Cannot read properties of undefined (reading 'value')\n",
        "ai-lens: b.py: rule always-throws failed: Cannot read properties of undefined (reading 'value')\n",
      ]);
      const report = JSON.parse(out.join(''));
      assert.deepEqual(report.findings.map((f: { path: string; ruleId: string }) => `${f.path} ${f.ruleId}`), ['a.py unsafe-model-deserialization', 'b.py unsafe-model-deserialization']);
      assert.equal(report.problems.length, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is logged once per file by the language server however often the file is checked', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(server, RULES_WITH_A_BUG);
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const logs: string[] = [];
    const diagnostics = new Map<string, Diagnostic[]>();
    client.onNotification(LogMessageNotification.type, ({ message }) => {
      logs.push(message);
    });
    client.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics: d }) => {
      diagnostics.set(uri, d);
    });
    client.listen();
    try {
      await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      await client.sendNotification(InitializedNotification.type, {});
      const uri = pathToFileURL(path.join(os.tmpdir(), 'isolation.py')).href;
      await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text: CODE } });
      for (let version = 2; version <= 4; version++) {
        await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: CODE + '#'.repeat(version) + '\n' }] });
      }
      await client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
      const failures = logs.filter((l) => l.includes('rule always-throws failed'));
      assert.equal(failures.length, 1, logs.join('\n'));
      assert.ok(failures[0].includes(uri), failures[0]);
      assert.match(failures[0], /at Object\.check/, 'the stack is in the log');
      assert.deepEqual(diagnostics.get(uri)?.map((d) => d.code), ['unsafe-model-deserialization']);
    } finally {
      client.dispose();
      server.dispose();
    }
  });
});
