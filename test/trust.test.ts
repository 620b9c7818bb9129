// Nothing from the workspace is executed or loaded as code, and nothing goes over the network: the CLI loads no
// networking module at all, and the language server (whose LSP library brings socket transports it does not use
// with stdio) opens no connection. Checked on the real processes with a preload hook that records what they load.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.join(__dirname, '..', '..');
const NETWORK = ['net', 'http', 'https', 'http2', 'dns', 'tls', 'dgram', 'child_process'];

/**
 * Preloaded with `node -r`: records banned modules required from user code, files loaded from the workspace, and
 * (for the server) every attempt to open a connection or resolve a name; writes them to $REPORT at exit. In `cli`
 * mode it loads nothing itself, so that `process.moduleLoadList` shows every built-in module the CLI loaded.
 */
const HOOK = `
const Module = require('module');
const fs = require('fs');
const report = { requested: [], workspaceFiles: [], builtins: [], connections: [] };
const banned = /^(node:)?(${NETWORK.join('|')})$/;
const workspace = process.env.WORKSPACE;
const load = Module._load;
Module._load = function (request) {
  if (banned.test(request) && process.env.HOOK_MODE === 'cli') report.requested.push(request);
  return load.apply(this, arguments);
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function () {
  const file = resolve.apply(this, arguments);
  if (typeof file === 'string' && file.startsWith(workspace)) report.workspaceFiles.push(file);
  return file;
};
if (process.env.HOOK_MODE === 'server') {
  const record = (what) => function () { report.connections.push(what + ' ' + JSON.stringify([...arguments].filter((a) => typeof a !== 'function')).slice(0, 200)); throw new Error('network access: ' + what); };
  const net = require('net');
  net.connect = net.createConnection = record('net.connect');
  net.Socket.prototype.connect = record('net.Socket.connect');
  for (const name of ['http', 'https']) { const m = require(name); m.request = m.get = record(name + '.request'); }
  const dns = require('dns');
  dns.lookup = dns.resolve = record('dns.lookup');
  require('tls').connect = record('tls.connect');
  globalThis.fetch = record('fetch');
}
process.on('exit', () => {
  report.builtins = process.moduleLoadList.filter((m) => banned.test(m.replace(/^NativeModule /, '')) && m.startsWith('NativeModule '));
  fs.writeFileSync(process.env.REPORT, JSON.stringify(report));
});
`;

interface HookReport {
  requested: string[];
  workspaceFiles: string[];
  builtins: string[];
  connections: string[];
}

describe('trust: nothing executed, no network', () => {
  let dir: string;
  let workspace: string;
  let hook: string;
  let sentinel: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-trust-'));
    workspace = path.join(dir, 'workspace');
    sentinel = path.join(dir, 'EXECUTED');
    hook = path.join(dir, 'hook.js');
    fs.writeFileSync(hook, HOOK);
    const trap = `require('fs').writeFileSync(${JSON.stringify(sentinel)}, __filename);\n`;
    const files: Record<string, string> = {
      'chat.py': 'import boto3\nrt = boto3.client("bedrock-runtime")\nrt.converse(modelId=M, messages=m)\n',
      'evil.py': `import os\nopen(${JSON.stringify(sentinel)}, "w").write("python")\n`,
      'evil.js': trap,
      'evil.ts': `import * as fs from "fs";\n${trap}`,
      '.ai-lens.js': trap,
      'ai-lens.config.js': trap,
      'node_modules/ai-lens/index.js': trap,
      'node_modules/boto3/index.js': trap,
      'package.json': JSON.stringify({ name: 'trap', main: 'evil.js', scripts: { postinstall: 'node evil.js' } }),
      '.ai-lens.yaml': 'rules:\n  llm-call-without-max-tokens: error\n',
      'stack.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  NB:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      Code: !!js/function "function () { require(\'fs\').writeFileSync(\'x\') }"\n',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
      fs.writeFileSync(path.join(workspace, name), text);
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [name, entry] of [
    ['bundled', path.join(ROOT, 'bin', 'ai-lens.js')],
    ['unbundled', path.join(ROOT, 'out', 'server', 'src', 'main.js')],
  ] as const) {
    it(`ai-lens scan (${name}) loads no networking module and nothing from the workspace`, () => {
      const reportFile = path.join(dir, `cli-${name}.json`);
      // Output to files, not pipes: Node opens pipes for stdio with its own socket code.
      const out = fs.openSync(path.join(dir, `cli-${name}.out`), 'w');
      const result = spawnSync(process.execPath, ['-r', hook, entry, 'scan', workspace, '--format', 'sarif', '--fail-on', 'never'], {
        stdio: ['ignore', out, out],
        env: { ...process.env, REPORT: reportFile, WORKSPACE: workspace, HOOK_MODE: 'cli' },
      });
      fs.closeSync(out);
      const output = fs.readFileSync(path.join(dir, `cli-${name}.out`), 'utf8');
      assert.equal(result.status, 0, output);
      assert.equal(JSON.parse(output).runs[0].results.length > 0, true, 'the scan did run');
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as HookReport;
      assert.deepEqual(report.requested, []);
      assert.deepEqual(report.builtins, []);
      assert.deepEqual(report.workspaceFiles, []);
      assert.equal(fs.existsSync(sentinel), false, 'no workspace file was executed');
    });
  }

  it('the language server scans the workspace without opening any connection or loading workspace code', async () => {
    const reportFile = path.join(dir, 'server.json');
    const child = spawn(process.execPath, ['-r', hook, path.join(ROOT, 'bin', 'ai-lens.js'), 'server', '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, REPORT: reportFile, WORKSPACE: workspace, HOOK_MODE: 'server' },
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const scanned = new Promise<{ filesChecked: number }>((resolve) => connection.onNotification('aiLens/status', resolve));
    connection.listen();
    try {
      const uri = pathToFileURL(workspace).href;
      await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'trap' }], capabilities: {} });
      await connection.sendNotification(InitializedNotification.type, {});
      assert.ok((await scanned).filesChecked >= 4);
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await connection.sendNotification(ExitNotification.type);
      await exited;
    } finally {
      connection.dispose();
      child.kill();
    }
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as HookReport;
    assert.deepEqual(report.connections, []);
    assert.deepEqual(report.workspaceFiles, []);
    assert.equal(fs.existsSync(sentinel), false, 'no workspace file was executed');
  });

  it('VS Code runs the extension in restricted mode in untrusted workspaces, with every behaviour-changing setting restricted', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.description.length > 40);
    const settings = Object.keys(pkg.contributes.configuration.properties).filter((s) => s !== 'aiLens.trace.server');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), settings.sort());
  });
});
