// The documents made from the rules' metadata are up to date, and the README stays a short user README.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { documents } from '../server/src/docs/documents';
import { RULES } from '../server/src/engine/rules';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('documentation', () => {
  for (const { file, text } of documents(README)) {
    it(`${file} is what npm run docs writes from the rules' metadata`, () => {
      assert.ok(fs.readFileSync(path.join(ROOT, file), 'utf8') === text, `${file} is stale: run \`npm run docs\` and commit the result`);
    });
  }

  it('docs/rules.md has a section for every rule, which the README table links to', () => {
    const reference = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
    for (const rule of RULES) {
      assert.ok(reference.includes(`\n## \`${rule.meta.id}\`\n`), rule.meta.id);
      assert.ok(README.includes(`| [\`${rule.meta.id}\`](docs/rules.md#${rule.meta.id}) |`), rule.meta.id);
    }
  });

  it('the README starts with the two set-up commands, has a quick start with a screenshot, and stays under 250 lines', () => {
    assert.ok(README.startsWith('```sh\nnpm install && npm start'), README.slice(0, 100));
    assert.match(README.split('\n').slice(0, 4).join('\n'), /npm install && npm test/);
    assert.ok(README.split('\n').length < 250, `${README.split('\n').length} lines`);
    const quickStart = README.indexOf('## Quick start');
    assert.ok(quickStart > 0 && quickStart < README.indexOf('## What it checks'));
    for (const heading of ['## What it checks', '## Limits']) assert.ok(README.includes(`\n${heading}\n`), heading);
    for (const [, image] of README.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(fs.existsSync(path.join(ROOT, image)), image);
  });

  it('every relative link in the README and docs/ points at a file that exists', () => {
    const files = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\((?!https?:|#|command:|mailto:)([^)\s#]+)(?:#[^)]*)?\)/g)) {
        assert.ok(fs.existsSync(path.join(ROOT, path.dirname(file), target)), `${file} links to ${target}, which does not exist`);
      }
    }
  });
});
