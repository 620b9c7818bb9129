// Test code: what deploys is checked, not the tests that exercise it.
import type { FileFacts } from '../../types';

/** Test frameworks, by the module a test file imports (pytest, unittest; Jest, Vitest, Mocha, node:test, Playwright). */
const TEST_MODULES = ['pytest', 'unittest', 'vitest', 'jest', '@jest/globals', 'mocha', 'chai', 'node:test', '@playwright/test', 'ava', 'tap'];

/** True when the file imports a test framework, or uses Jest's and Mocha's global `describe` with `it`/`test`. */
export function isTestCode(facts: FileFacts): boolean {
  if (TEST_MODULES.some((m) => facts.imports.has(m))) return true;
  return facts.language !== 'python' && facts.calls.some((c) => c.callee === 'describe') && facts.calls.some((c) => c.callee === 'it' || c.callee === 'test');
}
