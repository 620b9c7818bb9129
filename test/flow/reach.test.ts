// The files the flow across files can reach (`FlowReach`): the guardrail and max-tokens rules read a file where their
// triggers do not occur when imports connect it to one where they do. Each workspace here is scanned three ways: as
// the scan does (the reach worked out from the text), with every file parsed, and with the rules' own triggers alone
// (no file reached): the first two must agree, and the third must not, or the case would not need the reach.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import type { FlowReach } from '../../server/src/engine/flow/reach';

const GUARDRAIL = 'bedrock-call-without-guardrail';
const MAX_TOKENS = 'llm-call-without-max-tokens';

const engines = (async () => {
  const [reach, whole, plain] = await Promise.all([Engine.create(), Engine.create(), Engine.create()]);
  whole.skipByTriggers = false;
  // The rules' own triggers alone: the flow reaches no file.
  plain.flowReach = () => ({ set() {}, has: () => false }) as unknown as FlowReach;
  return { reach, whole, plain };
})();

/** The two rules' findings (`path:line rule`, with their related places) in a scan of `files` with every rule on. */
async function scanned(files: Record<string, string>): Promise<{ reach: string[]; whole: string[]; plain: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-reach-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const labels = (engine: Engine) =>
      scan(engine, [dir], DEFAULT_OPTIONS)
        .files.flatMap((f) =>
          f.result.findings
            .filter((x) => x.ruleId === GUARDRAIL || x.ruleId === MAX_TOKENS)
            .map((x) => `${f.path}:${x.range.start.line + 1} ${x.ruleId}${(x.related ?? []).map((r) => ` <${path.relative(dir, r.path)}:${r.range.start.line + 1}>`).join('')}`),
        )
        .sort();
    const { reach, whole, plain } = await engines;
    return { reach: labels(reach), whole: labels(whole), plain: labels(plain) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Scans three ways: the reach gives what parsing every file gives, `expected`, and the triggers alone do not. */
async function needsReach(files: Record<string, string>, expected: string[]): Promise<void> {
  const { reach, whole, plain } = await scanned(files);
  assert.deepEqual(whole, expected, 'every file parsed');
  assert.deepEqual(reach, expected, 'the files the flow reaches parsed');
  assert.notDeepEqual(plain, expected, 'the case needs the reach: the triggers alone miss it');
}

const pythonWrapper = (name = 'chat') =>
  ['import boto3', '', 'client = boto3.client("bedrock-runtime")', '', '', `def ${name}(**kwargs):`, '    return client.converse(**kwargs)', ''].join('\n');

/** A request with neither a guardrail nor a token limit, written where no trigger occurs. */
const pythonCaller = (imports: string, call: string) =>
  [imports, '', '', 'def handle(question):', `    return ${call}(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])`, ''].join('\n');

describe('the flow across files reaches, by their text', () => {
  it('a wrapper caller in another module of its package (relative import): the request written there is judged', async () => {
    await needsReach({ 'app/llm.py': pythonWrapper(), 'app/routes.py': pythonCaller('from .llm import chat', 'chat') }, [
      `app/routes.py:5 ${GUARDRAIL} <app/llm.py:7>`,
      `app/routes.py:5 ${MAX_TOKENS} <app/llm.py:7>`,
    ]);
  });

  it('a caller that imports the module by its absolute name, or `from package import module`', async () => {
    const files = { 'svc/llm.py': pythonWrapper(), 'web/a.py': pythonCaller('from svc.llm import chat', 'chat'), 'web/b.py': pythonCaller('from svc import llm', 'llm.chat') };
    await needsReach(files, [
      `web/a.py:5 ${GUARDRAIL} <svc/llm.py:7>`,
      `web/a.py:5 ${MAX_TOKENS} <svc/llm.py:7>`,
      `web/b.py:5 ${GUARDRAIL} <svc/llm.py:7>`,
      `web/b.py:5 ${MAX_TOKENS} <svc/llm.py:7>`,
    ]);
  });

  it('a caller that imports the wrapper from its package (`from pkg import ask`, defined in pkg/__init__.py)', async () => {
    await needsReach({ 'pkg/__init__.py': pythonWrapper('ask'), 'main.py': pythonCaller('from pkg import ask', 'ask') }, [
      `main.py:5 ${GUARDRAIL} <pkg/__init__.py:7>`,
      `main.py:5 ${MAX_TOKENS} <pkg/__init__.py:7>`,
    ]);
  });

  it('a chain A → B → C where only A names Bedrock: B passes the request on, C writes it', async () => {
    const files = {
      'svc/llm.py': pythonWrapper('complete'),
      'svc/chat.py': ['from svc.llm import complete', '', '', 'def reply(**kwargs):', '    return complete(**kwargs)', ''].join('\n'),
      'web/handler.py': pythonCaller('from svc.chat import reply', 'reply'),
      'web/unrelated.py': 'def add(a, b):\n    return a + b\n',
    };
    await needsReach(files, [`web/handler.py:5 ${GUARDRAIL} <svc/llm.py:7> <svc/chat.py:5>`, `web/handler.py:5 ${MAX_TOKENS} <svc/llm.py:7> <svc/chat.py:5>`]);
  });

  it('two callers through a middle module, one writing a guardrail: only the other is reported', async () => {
    const files = {
      'svc/llm.py': ['import boto3', '', 'client = boto3.client("bedrock-runtime")', '', '', 'def complete(**kwargs):', '    return client.converse(inferenceConfig={"maxTokens": 300}, **kwargs)', ''].join('\n'),
      'svc/chat.py': ['from .llm import complete', '', '', 'def reply(**kwargs):', '    return complete(**kwargs)', ''].join('\n'),
      'web/handler.py': [
        'from svc.chat import reply',
        '',
        'GUARD = {"guardrailIdentifier": "gr-1", "guardrailVersion": "1"}',
        '',
        '',
        'def handle(question):',
        '    return reply(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": question}]}], guardrailConfig=GUARD)',
        '',
      ].join('\n'),
      'web/cli.py': pythonCaller('from svc.chat import reply', 'reply'),
    };
    await needsReach(files, [`web/cli.py:5 ${GUARDRAIL} <svc/llm.py:7> <svc/chat.py:5>`]);
  });

  it('output filtered in a module C that a middle module B passes it to: only A names Bedrock', async () => {
    const files = {
      'app/llm.py': pythonWrapper('ask').replace('return client.converse(**kwargs)', 'reply = client.converse(inferenceConfig={"maxTokens": 400}, **kwargs)\n    return reply["output"]["message"]["content"][0]["text"]') + '\n\ndef generate(question):\n    return ask(modelId="amazon.nova-pro-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])\n',
      'app/service.py': ['from app.llm import generate', 'from app.checks import screened', '', '', 'def answer(question):', '    return screened(generate(question))', ''].join('\n'),
      'app/checks.py': ['from guardrails import Guard', '', 'guard = Guard()', '', '', 'def screened(text):', '    return guard.validate(text)', ''].join('\n'),
      'app/api.py': ['from app.service import answer', '', '', 'def handler(event, context):', '    return {"statusCode": 200, "body": answer(event["q"])}', ''].join('\n'),
    };
    const { reach, whole, plain } = await scanned(files);
    assert.deepEqual(whole, []);
    assert.deepEqual(reach, []);
    assert.deepEqual(plain, [`app/llm.py:12 ${GUARDRAIL} <app/llm.py:7>`], 'without the reach, the filtered output looks unfiltered');
  });

  const tsWrapper = [
    'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";',
    '',
    'const client = new BedrockRuntimeClient({});',
    '',
    'export async function chat(input) {',
    '  return client.send(new ConverseCommand(input));',
    '}',
    '',
  ].join('\n');
  const tsCaller = (specifier: string) =>
    [
      `import { chat } from "${specifier}";`,
      '',
      'export async function handle(question: string) {',
      '  return chat({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user", content: [{ text: question }] }] });',
      '}',
      '',
    ].join('\n');

  it('TypeScript: a caller importing the wrapper by relative path, and one through a folder\'s index file', async () => {
    const files = { 'src/lib/model.ts': tsWrapper, 'src/routes/ask.ts': tsCaller('../lib/model'), 'src/api/index.ts': tsWrapper, 'src/pages/home.tsx': tsCaller('../api') };
    await needsReach(files, [
      `src/pages/home.tsx:4 ${GUARDRAIL} <src/api/index.ts:6>`,
      `src/pages/home.tsx:4 ${MAX_TOKENS} <src/api/index.ts:6>`,
      `src/routes/ask.ts:4 ${GUARDRAIL} <src/lib/model.ts:6>`,
      `src/routes/ask.ts:4 ${MAX_TOKENS} <src/lib/model.ts:6>`,
    ]);
  });

  it('TypeScript: output filtered in another module the caller passes it to', async () => {
    const files = {
      'src/llm.ts': [
        'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";',
        '',
        'const client = new BedrockRuntimeClient({});',
        '',
        'export async function generate(question: string) {',
        '  const res = await client.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user", content: [{ text: question }] }], inferenceConfig: { maxTokens: 300 } }));',
        '  return res.output?.message?.content?.[0]?.text ?? "";',
        '}',
        '',
      ].join('\n'),
      'src/handler.ts': ['import { generate } from "./llm";', 'import { screen } from "./moderation";', '', 'export async function handler(q: string) {', '  return screen(await generate(q));', '}', ''].join('\n'),
      'src/moderation.ts': ['import { Guard } from "guardrails";', '', 'export function screen(text: string) {', '  return new Guard().validate(text);', '}', ''].join('\n'),
    };
    const { reach, whole, plain } = await scanned(files);
    assert.deepEqual(whole, []);
    assert.deepEqual(reach, []);
    assert.deepEqual(plain, [`src/llm.ts:6 ${GUARDRAIL}`], 'without the reach, the handler that passes the output on is not read');
  });
});

describe('FlowReach', () => {
  const seeds = async () => (await engines).reach.flowReach(DEFAULT_OPTIONS)!;
  const reached = async (files: Record<string, string>) => {
    const reach = await seeds();
    for (const [name, text] of Object.entries(files)) reach.set(`/w/${name}`, text);
    return Object.keys(files).filter((name) => reach.has(`/w/${name}`)).sort();
  };
  const notebook = (...cells: string[]) =>
    JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((source) => ({ cell_type: 'code', metadata: {}, execution_count: null, source: [source], outputs: [] })) });

  it('selects the files that import one with a trigger, to a fixpoint, and no other', async () => {
    const files = {
      'app/llm.py': pythonWrapper(),
      'app/service.py': 'from app.llm import chat\nfrom app.util import tidy\n',
      'app/api.py': 'from app import service\n',
      'app/util.py': 'def tidy(text):\n    return text.strip()\n',
      'app/report.py': 'from app.util import tidy\n',
      'app/other.py': 'import os\nfrom botocore import util\n',
      'web/app.ts': 'import { tidy } from "./tidy";\n',
      'web/tidy.ts': 'export const tidy = (s) => s;\n',
    };
    assert.deepEqual(await reached(files), ['app/api.py', 'app/llm.py', 'app/service.py']);
    // An output filter among the files connected by imports: output may reach it through any of them.
    assert.deepEqual(await reached({ ...files, 'app/report.py': 'from app.util import tidy\nfrom guardrails import Guard\n' }), [
      'app/api.py',
      'app/llm.py',
      'app/report.py',
      'app/service.py',
      'app/util.py',
    ]);
  });

  it('follows re-exports through a package, and relative imports of dots alone', async () => {
    assert.deepEqual(
      await reached({
        'pkg/impl.py': pythonWrapper('ask'),
        'pkg/__init__.py': 'from .impl import ask\n',
        'main.py': 'from pkg import ask\n',
        'pkg/sub/views.py': 'from .. import ask\n',
        'pkg/sub/__init__.py': '',
        'lonely.py': 'print(1)\n',
      }),
      ['main.py', 'pkg/__init__.py', 'pkg/impl.py', 'pkg/sub/views.py'],
    );
    assert.deepEqual(
      await reached({
        'src/api/index.ts': 'import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\n',
        'src/api/users.ts': 'import { chat } from ".";\n',
        'src/api/nested/page.tsx': 'import * as api from "../index.js";\n',
        'src/my-helpers.ts': 'export const x = 1;\n',
        'src/api/send.ts': 'import { x } from "../my-helpers";\nimport "./index";\n',
        'src/unrelated.ts': 'import { x } from "./my";\nexport const helpers = 2;\n',
        'src/my.ts': 'export const x = 1;\n',
      }),
      ['src/api/index.ts', 'src/api/nested/page.tsx', 'src/api/send.ts', 'src/api/users.ts'],
    );
  });

  it('reads Python imports across lines, and not those of libraries nor other mentions', async () => {
    assert.deepEqual(
      await reached({
        'svc/llm.py': pythonWrapper(),
        'a.py': 'from svc import (\n    os_tools,  # (old\n    llm,\n)\n',
        'b.py': 'import json, \\\n    llm\n',
        'c.py': 'import json  # see (notes\nfrom .svc.llm import chat\n',
        'd.py': 'from botocore import llm\nimport numpy.llm as np\n',
        'e.py': 'name = "llm"\nLlm = 1\n',
      }),
      ['a.py', 'b.py', 'c.py', 'svc/llm.py'],
    );
  });

  it('reads a notebook\'s code cells, and the modules its %%writefile cells write can be imported', async () => {
    assert.deepEqual(
      await reached({
        'nb/analysis.ipynb': notebook('%%writefile helpers.py\nimport boto3\nclient = boto3.client("bedrock-runtime")\n', 'import pandas'),
        'nb/run.py': 'from helpers import client\n',
        'nb/quiet.ipynb': JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', metadata: {}, source: ['bedrock converse'] }] }),
        'nb/caller.ipynb': notebook('from nb.run import client'),
      }),
      ['nb/analysis.ipynb', 'nb/caller.ipynb', 'nb/run.py'],
    );
  });

  it('changes with the files, and says when its selection did', async () => {
    const reach = await seeds();
    reach.set('/w/llm.py', pythonWrapper());
    reach.set('/w/routes.py', 'import os\n');
    assert.equal(reach.has('/w/routes.py'), false);
    const before = reach.generation;
    reach.set('/w/routes.py', 'import os\n# a comment\n');
    assert.equal(reach.has('/w/routes.py'), false);
    assert.equal(reach.generation, before, 'an edit that links nothing changes nothing');
    reach.set('/w/routes.py', 'from llm import chat\n');
    assert.equal(reach.has('/w/routes.py'), true);
    assert.equal(reach.generation, before + 1);
    reach.delete('/w/llm.py');
    assert.equal(reach.has('/w/routes.py'), false);
    assert.deepEqual(reach.counts, { files: 1, reached: 0 });
  });
});

describe('the flow across files reaches notebooks', () => {
  it('a notebook cell that calls a wrapper of a module', async () => {
    const cell = 'from app.llm import chat\n\nanswer = chat(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": "hi"}]}])\n';
    const nb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', metadata: {}, execution_count: null, source: [cell], outputs: [] }] });
    const { reach, whole, plain } = await scanned({ 'app/llm.py': pythonWrapper(), 'notebooks/try.ipynb': nb });
    assert.deepEqual(reach, whole);
    assert.ok(whole.some((label) => label.startsWith('notebooks/try.ipynb')), whole.join('\n'));
    assert.deepEqual(plain, []);
  });
});
