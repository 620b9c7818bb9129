// Runs an extension test suite inside a real VS Code: code-server (VS Code's server and web workbench) on loopback,
// opened in headless Chromium through playwright-core. The workbench takes the extension under development and the
// suite from the `payload` URL parameter (honoured with VS Code's `enable-smoke-test-driver` option); the extension
// host then calls the suite's run() with the real `vscode` API and reports its exit code to the page, which hands it
// to us through `codeAutomationExit`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { LINE_PREFIX, SCREENSHOT_READY } from '../integration/harness';
import { requireTools } from './tools';

export interface ExtensionTestRun {
  /** Folder of the extension to load as under development (package.json there). */
  extensionDevelopmentPath: string;
  /** The compiled suite module exporting run(). */
  extensionTestsPath: string;
  /** The folder the window opens. */
  workspace: string;
  /** Installed extensions for this run (default: an empty folder). */
  extensionsDir?: string;
  /** Extra environment for the extension host (it inherits code-server's). */
  env?: Record<string, string>;
  /** Where to save a screenshot when the suite says it is ready for one. */
  screenshot?: string;
  /** The full browser and extension host log. */
  logFile: string;
  timeoutMs?: number;
}

export interface ExtensionTestResult {
  exitCode: number;
  /** The suite's own lines. */
  output: string[];
  screenshotTaken: boolean;
}

/** Minimal shapes of the playwright-core API we use; the package lives in the editor cache, not in node_modules. */
interface Page {
  exposeFunction(name: string, fn: (...args: unknown[]) => unknown): Promise<void>;
  on(event: 'console' | 'pageerror', listener: (message: { type?: () => string; text?: () => string; message?: string }) => void): void;
  goto(url: string, options: { waitUntil: 'commit'; timeout: number }): Promise<unknown>;
  screenshot(options: { path: string }): Promise<unknown>;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

/** Chromium flags for a machine with no network but loopback: no background connections, no sandbox as root. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings that keep the window quiet and offline. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
  'git.enabled': false,
  'window.commandCenter': false,
  'editor.stickyScroll.enabled': false,
};

export function installExtension(vsix: string, extensionsDir: string): string {
  const tools = requireTools(['node', 'codeServer'], '--vscode');
  const home = scratch('ai-lens-cs-install-');
  const result = spawnSync(
    tools.node,
    [tools.codeServer, ...isolation(home), '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  fs.rmSync(home, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout + result.stderr;
}

export async function runExtensionTests(run: ExtensionTestRun): Promise<ExtensionTestResult> {
  const tools = requireTools(['node', 'codeServer', 'playwrightCore', 'chromium'], '--vscode');
  const { chromium } = require(tools.playwrightCore) as Playwright;
  const home = scratch('ai-lens-cs-');
  const extensionsDir = run.extensionsDir ?? path.join(home, 'extensions');
  fs.mkdirSync(path.join(home, 'user-data', 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(home, 'user-data', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const log = fs.createWriteStream(run.logFile);
  const output: string[] = [];
  const screenshotSignal = path.join(home, 'screenshot-taken');
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;

  const server = spawn(
    tools.node,
    [
      tools.codeServer,
      ...isolation(home),
      '--bind-addr', authority,
      '--extensions-dir', extensionsDir,
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    {
      env: { ...process.env, ...run.env, AI_LENS_SCREENSHOT_SIGNAL: run.screenshot ? screenshotSignal : '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout!.on('data', (d) => log.write(`[code-server] ${d}`));
  server.stderr!.on('data', (d) => log.write(`[code-server] ${d}`));
  let browser: Browser | undefined;
  let screenshotTaken = false;
  try {
    await waitForServer(server, `http://${authority}/healthz`);
    browser = await chromium.launch({ executablePath: tools.chromium, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    let exit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));
    await page.exposeFunction('codeAutomationLog', async (level, message) => {
      const text = Array.isArray(message) ? message.map(String).join(' ') : String(message);
      log.write(`[${level}] ${text}\n`);
      for (const line of text.split('\n')) {
        const at = line.indexOf(LINE_PREFIX);
        if (at < 0) continue;
        const own = line.slice(at + LINE_PREFIX.length);
        output.push(own);
        process.stdout.write(`  ${own}\n`);
        if (own === SCREENSHOT_READY && run.screenshot) {
          await page.screenshot({ path: run.screenshot });
          screenshotTaken = true;
          fs.writeFileSync(screenshotSignal, '');
        }
      }
    });
    page.on('pageerror', (error) => log.write(`[page error] ${error.message}\n`));
    const remote = (p: string) => `vscode-remote://${authority}${toPosix(path.resolve(p))}`;
    const payload = [
      ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(run.extensionTestsPath)],
    ];
    const url = `http://${authority}/?folder=${encodeURIComponent(toPosix(run.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    // The suite's exit is what we wait for; a loaded machine may take long to load the workbench itself.
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    const timeoutMs = run.timeoutMs ?? 10 * 60_000;
    let timer: NodeJS.Timeout | undefined;
    const exitCode = await Promise.race([
      exited,
      new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`the suite did not finish in ${timeoutMs / 1000} s; log: ${run.logFile}`)), timeoutMs))),
      new Promise<number>((_, reject) => server.once('exit', (code) => reject(new Error(`code-server exited (${code}); log: ${run.logFile}`)))),
    ]).finally(() => clearTimeout(timer));
    return { exitCode, output, screenshotTaken };
  } finally {
    await browser?.close().catch(() => undefined);
    await stop(server);
    log.end();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Keeps code-server's configuration, data and state out of the user's home. */
function isolation(home: string): string[] {
  fs.writeFileSync(path.join(home, 'config.yaml'), '');
  return [
    '--config', path.join(home, 'config.yaml'),
    '--user-data-dir', path.join(home, 'user-data'),
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(server: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url} within a minute`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
