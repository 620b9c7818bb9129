// A small sequential test runner for suites that run inside VS Code's extension host. VS Code loads a suite with
// require() and calls its run(); node:test cannot report from there, so tests register here and run() runs them.
// Each line goes to the extension host's console with a prefix the runners pick out (test/editors/codeServer.ts).

export const LINE_PREFIX = '[ai-lens-suite] ';
/** Said when the window shows what a screenshot should show; the runner then takes one (see screenshotMoment). */
export const SCREENSHOT_READY = 'ai-lens:screenshot-ready';

interface TestCase {
  name: string;
  fn: () => Promise<void> | void;
  timeoutMs: number;
}

const registered: TestCase[] = [];

export function test(name: string, fn: () => Promise<void> | void, timeoutMs = 60_000): void {
  registered.push({ name, fn, timeoutMs });
}

export function say(line: string): void {
  console.log(`${LINE_PREFIX}${line}`);
}

/** Runs the registered tests in order; a failure is reported and the rest still run. */
export async function runRegistered(): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const testCase of registered) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(testCase.fn), testCase.timeoutMs);
      passed++;
      say(`✔ ${testCase.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      say(`✖ ${testCase.name} (${Date.now() - started} ms)`);
      for (const line of String((error as Error)?.stack ?? error).split('\n')) say(`    ${line}`);
    }
  }
  say(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

/**
 * Lets a runner that drives the browser take a screenshot now: it says so with a file, whose path it passes in
 * AI_LENS_SCREENSHOT_SIGNAL. Without one (VS Code desktop through test-electron) there is nothing to wait for.
 */
export async function screenshotMoment(): Promise<void> {
  const signal = process.env.AI_LENS_SCREENSHOT_SIGNAL;
  if (!signal) return;
  const fs = await import('node:fs');
  say(SCREENSHOT_READY);
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(signal) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
