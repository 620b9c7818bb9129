// The language server reads the files the flow across files can reach (`FlowReach`), from the workspace's text, and
// analyses again a file out of reach that an edit elsewhere brings into reach: a wrapper's caller whose request has no
// guardrail is reported though no trigger occurs in it, first from disk, then once another file starts to import the
// wrapper.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorkspaceServer, type WorkspaceServer } from './lspInProcess';

const HELPERS = 'import boto3\n\nclient = boto3.client("bedrock-runtime")\n\n\ndef chat(**kwargs):\n    return client.converse(**kwargs)\n';
const CALLER = (module: string, fn: string) =>
  `from ${module} import ${fn}\n\n\ndef answer(question):\n    return ${fn}(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": question}]}], inferenceConfig={"maxTokens": 300})\n`;
const MIDDLE = 'def reply(**kwargs):\n    return kwargs\n';
const FORWARDING = 'from helpers import chat\n\n\ndef reply(**kwargs):\n    return chat(**kwargs)\n';

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('language server: files the flow across files reaches', () => {
  let server: WorkspaceServer;
  const guardrail = (name: string) => server.diagnostics(name).filter((d) => d.code === 'bedrock-call-without-guardrail');

  before(async () => {
    server = await startWorkspaceServer({ 'helpers.py': HELPERS, 'service.py': CALLER('helpers', 'chat'), 'middle.py': MIDDLE, 'other.py': CALLER('middle', 'reply') }, [['middle.py', 'python']]);
  });

  after(() => server.close());

  it('reports a request written in a file without triggers that imports the wrapper (read from disk)', () => {
    assert.equal(guardrail('service.py').length, 1);
    assert.equal(guardrail('service.py')[0].range.start.line, 4);
  });

  it('leaves a file out of reach unread, and reads it once an edit of another file brings it into reach', async () => {
    assert.deepEqual(guardrail('other.py'), []);
    await server.edit('middle.py', FORWARDING);
    await until(() => guardrail('other.py').length === 1, 'other.py analysed again with the wrapper reached through middle.py');
    assert.equal(guardrail('other.py')[0].range.start.line, 4);
  });
});
