#!/usr/bin/env node
// Runs every compiled test file under out/test with node's test runner, so a new test file needs no registration.
// The editor suites (out/test/editors) install and drive real editors and run through their own npm scripts.
// Usage: node scripts/run-tests.mjs [substring …]  — only test files whose path contains one of the substrings.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = 'out/test';
const EXCLUDED = new Set([join(ROOT, 'editors'), join(ROOT, 'integration'), join(ROOT, 'fixtures')]);

function sourceOf(compiled) {
  return join('test', relative(ROOT, compiled)).replace(/\.js$/, '.ts');
}

function testFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!EXCLUDED.has(path)) files.push(...testFiles(path));
    } else if (entry.name.endsWith('.test.js') && existsSync(sourceOf(path))) {
      files.push(path); // a compiled test whose source was deleted is left behind in out/: not run
    }
  }
  return files;
}

const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = testFiles(ROOT)
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort((a, b) => relative(ROOT, a).split(sep).length - relative(ROOT, b).split(sep).length || a.localeCompare(b));
if (files.length === 0) {
  console.error(`no test files under ${ROOT}${filters.length ? ` matching ${filters.join(', ')}` : ''}: run \`npm run build\` first`);
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...flags, ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
