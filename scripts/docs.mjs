#!/usr/bin/env node
// Writes docs/rules.md and the rule table in README.md from the rules' metadata (after a build: it reads out/).
// test/docs.test.ts fails when either is stale; `npm run docs` brings them up to date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { documents } = require(join(root, 'out', 'server', 'src', 'docs', 'documents.js'));
for (const { file, text } of documents(readFileSync(join(root, 'README.md'), 'utf8'))) {
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}
