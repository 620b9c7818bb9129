// The language server and findings that depend on other files' functions (issue 16, items 3 and 4): a request written
// in one file and sent by a wrapper in another is reported where it is written, with the wrapper in the diagnostic's
// relatedInformation; editing either file updates it; typing in a prompt does not run the cross-file rules again.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorkspaceServer, type WorkspaceServer } from './lspInProcess';

const HELPERS = 'import boto3\n\nclient = boto3.client("bedrock-runtime")\n\n\ndef chat(**kwargs):\n    return client.converse(**kwargs)\n';
const SERVICE = (extra = '', prompt = 'Answer briefly.') =>
  'from helpers import chat\n\n\ndef answer(question):\n' +
  `    return chat(modelId="amazon.nova-lite-v1:0", system=[{"text": "${prompt}"}], messages=[{"role": "user", "content": [{"text": question}]}], inferenceConfig={"maxTokens": 300}${extra})\n`;
const GUARDED = ', guardrailConfig={"guardrailIdentifier": "gr-1", "guardrailVersion": "1"}';

describe('language server: requests sent through a wrapper in another file', () => {
  let server: WorkspaceServer;
  const guardrail = (name: string) => server.diagnostics(name).filter((d) => d.code === 'bedrock-call-without-guardrail');

  before(async () => {
    server = await startWorkspaceServer({ 'helpers.py': HELPERS, 'service.py': SERVICE() }, [['helpers.py', 'python'], ['service.py', 'python']], {
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    });
  });

  after(() => server.close());

  it('reports the request where it is written, with the wrapper as related information', () => {
    const [finding, ...more] = guardrail('service.py');
    assert.deepEqual(more, []);
    assert.equal(finding.range.start.line, 4);
    assert.deepEqual(guardrail('helpers.py'), []);
    assert.deepEqual(
      finding.relatedInformation?.map((r) => [path.basename(new URL(r.location.uri).pathname), r.location.range.start.line, r.message]),
      [['helpers.py', 6, 'the request is sent here by `client.converse`']],
    );
  });

  it('does not run the cross-file rules again while a prompt is typed', async () => {
    const before = server.runs();
    for (const prompt of ['Answer briefly', 'Answer briefly, in', 'Answer briefly, in English.']) await server.edit('service.py', SERVICE('', prompt));
    assert.equal(server.runs(), before);
    assert.equal(guardrail('service.py').length, 1, 'the finding follows the edits');
  });

  it('runs them again when a line put in the wrapper\'s file moves the line the message names', async () => {
    const before = server.runs();
    await server.edit('helpers.py', HELPERS.replace('def chat', '# The wrapper\ndef chat'));
    assert.equal(server.runs(), before + 1);
    assert.match(String(guardrail('service.py')[0].message), /helpers\.py line 8\b/);
    await server.edit('helpers.py', HELPERS);
    assert.match(String(guardrail('service.py')[0].message), /helpers\.py line 7\b/);
  });

  it('drops the finding when the caller adds a guardrail, and brings it back when it is removed', async () => {
    await server.edit('service.py', SERVICE(GUARDED));
    assert.deepEqual(guardrail('service.py'), []);
    await server.edit('service.py', SERVICE());
    assert.equal(guardrail('service.py').length, 1);
  });

  it('drops the finding when the wrapper adds the guardrail itself', async () => {
    await server.edit('helpers.py', HELPERS.replace('converse(**kwargs)', 'converse(**kwargs, guardrailConfig=GUARDRAIL)'));
    assert.deepEqual(guardrail('service.py'), []);
    assert.deepEqual(guardrail('helpers.py'), []);
  });
});
