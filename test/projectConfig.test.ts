// .ai-lens.yaml: checked against the shipped JSON Schema with line-accurate messages, applied with a documented
// precedence, and restricted in untrusted workspaces.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { globMatcher } from '../server/src/engine/globs';
import { applyProjectConfig, formatConfigProblem, parseProjectConfig, type ProjectConfig } from '../server/src/engine/projectConfig';
import { excludeMatcher } from '../server/src/engine/workspace';
import { assertSupported, type Schema } from '../server/src/engine/yamlSchema';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'schemas', 'ai-lens.schema.json');
const FILE = '/work/repo/.ai-lens.yaml';
const engine = Engine.create();

async function check(text: string) {
  const { config, problems } = parseProjectConfig(text, FILE, (await engine).ruleIds);
  return { config, messages: problems.map((p) => formatConfigProblem(p, '/work/repo')) };
}

describe('the shipped schema', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Schema;

  it('uses only what the checker implements, so editors and tools agree', () => {
    assertSupported(schema);
    assert.throws(() => assertSupported({ type: 'object', oneOf: [] } as Schema), /"oneOf" at # is not supported/);
  });

  it('lists every rule id (run `node scripts/sync-automation.mjs` after adding a rule)', async () => {
    const ids = [...(await engine).ruleIds].sort();
    const properties = schema.properties!;
    assert.deepEqual(Object.keys(properties.rules.properties!).sort(), ids);
    assert.deepEqual([...(properties.ignore.items!.properties!.rules.items!.enum as string[])].sort(), ids);
  });

  it('is contributed to VS Code for .ai-lens.yaml and shipped in the package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: '.ai-lens.yaml', url: './schemas/ai-lens.schema.json' }]);
    assert.ok(pkg.files.includes('schemas/ai-lens.schema.json'), 'package.json files (the npm package and the .vsix) lists the schema');
  });
});

describe('reading .ai-lens.yaml', () => {
  it('reads every section', async () => {
    const { config, messages } = await check(
      [
        'lenses: [genai, ml]',
        'rules:',
        '  llm-call-without-max-tokens: error',
        '  unsafe-model-deserialization: off',
        'exclude:',
        '  - generated/**',
        'ignore:',
        '  - paths: [legacy/**, "*.ipynb.py"]',
        '    rules: [unsafe-model-deserialization]',
        '    reason: Legacy models are built and signed by our pipeline (SEC-123)',
        'maxFileBytes: 4194304',
        'maxAnalysisMs: 10000',
        '',
      ].join('\n'),
    );
    assert.deepEqual(messages, []);
    assert.deepEqual({ ...config }, {
      file: FILE,
      dir: '/work/repo',
      lenses: ['genai', 'ml'],
      rules: { 'llm-call-without-max-tokens': 'error', 'unsafe-model-deserialization': 'off' },
      exclude: ['generated/**'],
      ignores: [
        {
          paths: ['legacy/**', '*.ipynb.py'],
          rules: ['unsafe-model-deserialization'],
          reason: 'Legacy models are built and signed by our pipeline (SEC-123)',
          source: { path: FILE, line: 8 },
        },
      ],
      maxFileBytes: 4194304,
      maxAnalysisMs: 10000,
    });
  });

  it('an empty file or one with only comments is an empty configuration', async () => {
    assert.deepEqual((await check('')).messages, []);
    assert.deepEqual((await check('# nothing yet\n')).messages, []);
  });

  it('names the line and column of every problem, and keeps the valid rest', async () => {
    const { config, messages } = await check(
      [
        'lenses: [genai, finance]', // 1
        'rulez: {}', // 2
        'rules:', // 3
        '  llm-call-without-max-tokens: erorr', // 4
        '  no-such-rule: error', // 5
        '  unsafe-model-deserialization: off', // 6
        'exclude: [gen/**, 3]', // 7
        'ignore:', // 8
        '  - paths: [legacy/**]', // 9
        '    rules: [unsafe-model-deserialization]', // 10
        '  - paths: [old/**]', // 11
        '    rules: [unsafe-model-deserialization]', // 12
        '    reason: "  "', // 13
        'maxFileBytes: 12', // 14
        'maxAnalysisMs: fast', // 15
        '',
      ].join('\n'),
    );
    assert.deepEqual(messages, [
      '.ai-lens.yaml:1:17: lenses[1]: "finance" is not one of "genai", "ml", "rai"',
      '.ai-lens.yaml:2:1: unknown key "rulez" (did you mean "rules"?)',
      '.ai-lens.yaml:4:32: rules.llm-call-without-max-tokens: "erorr" is not one of "off", "error", "warning", "note" (did you mean "error"?)',
      `.ai-lens.yaml:5:3: rules: unknown key "no-such-rule" (expected one of: ${[...(await engine).ruleIds].join(', ')})`,
      '.ai-lens.yaml:7:19: exclude[1]: expected a string, found a whole number',
      '.ai-lens.yaml:9:5: ignore[0]: missing "reason"',
      '.ai-lens.yaml:13:13: ignore[1].reason: give the reason the findings are acceptable',
      '.ai-lens.yaml:14:15: maxFileBytes: must be at least 1024',
      '.ai-lens.yaml:15:16: maxAnalysisMs: expected a whole number, found a string',
    ]);
    assert.deepEqual(config.lenses, ['genai']);
    assert.deepEqual(config.rules, { 'unsafe-model-deserialization': 'off' });
    assert.deepEqual(config.exclude, ['gen/**']);
    assert.deepEqual(config.ignores, [], 'an ignore entry without a valid reason is not used');
    assert.equal(config.maxFileBytes, undefined);
  });

  it('reports YAML syntax errors, duplicate keys, several documents and a top level that is not a mapping', async () => {
    assert.deepEqual((await check('rules:\n  a: [\n')).messages.length, 1);
    assert.match((await check('rules:\n  a: [\n')).messages[0], /^\.ai-lens\.yaml:3:1: /);
    assert.deepEqual((await check('lenses: [ml]\nlenses: [rai]\n')).messages, ['.ai-lens.yaml:2:1: Map keys must be unique']);
    assert.match((await check('lenses: [ml]\n---\nlenses: [rai]\n')).messages[0], /^\.ai-lens\.yaml:2:1: .*multiple documents/i);
    assert.deepEqual((await check('- genai\n')).messages, ['.ai-lens.yaml:1:1: expected a mapping, found a list']);
  });

  it('refuses aliases, so an alias bomb costs nothing', async () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 20; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const started = performance.now();
    const { messages } = await check(bomb + 'exclude: *a19\n');
    assert.ok(performance.now() - started < 2000);
    assert.ok(messages.includes('.ai-lens.yaml:21:10: exclude: anchors and aliases (`*name`) are not supported here; write the value out'), messages.join('\n'));
  });

  it('refuses nesting too deep to read, naming where', async () => {
    assert.deepEqual((await check('lenses: [genai]\nexclude: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n')).messages, ['.ai-lens.yaml:2:209: nested too deeply to read']);
  });

  it('refuses tags: nothing in the file is ever turned into code', async () => {
    const { messages } = await check('exclude: !!js/function "function () { return 1 }"\n');
    assert.equal(messages[0], '.ai-lens.yaml:1:10: Unresolved tag: tag:yaml.org,2002:js/function');
    assert.deepEqual((await check('exclude: !custom [a]\n')).messages, ['.ai-lens.yaml:1:10: Unresolved tag: !custom', '.ai-lens.yaml:1:18: exclude: the tag `!custom` is not supported']);
  });

  it('refuses a file that is far too large to be a configuration', async () => {
    assert.match((await check('# ' + 'x'.repeat(300_000) + '\n')).messages[0], /larger than 256 KB/);
  });
});

describe('precedence', () => {
  const config: ProjectConfig = {
    file: FILE,
    dir: '/work/repo',
    lenses: ['ml'],
    rules: { 'unsafe-model-deserialization': 'off', 'llm-call-without-max-tokens': 'error' },
    exclude: ['generated'],
    ignores: [{ paths: ['legacy'], rules: ['unsafe-model-deserialization'], reason: 'signed' }],
    maxFileBytes: 4096,
    maxAnalysisMs: 9000,
  };
  const settings = { ...DEFAULT_OPTIONS, lenses: ['genai' as const], rules: { 'llm-call-without-max-tokens': 'note' as const, 'bedrock-call-without-guardrail': 'error' as const } };

  it('the file wins over editor settings where it says something; rule settings merge per rule', () => {
    assert.deepEqual(applyProjectConfig(settings, config, 'trusted'), {
      lenses: ['ml'],
      rules: { 'llm-call-without-max-tokens': 'error', 'bedrock-call-without-guardrail': 'error', 'unsafe-model-deserialization': 'off' },
      maxFileBytes: 4096,
      maxAnalysisMs: 9000,
      ignores: config.ignores,
    });
    assert.deepEqual(applyProjectConfig(settings, { ...config, lenses: undefined, maxFileBytes: undefined }, 'trusted').lenses, ['genai']);
  });

  it('in restricted mode only the file\'s severities apply: nothing is turned off, excluded, ignored or limited', () => {
    assert.deepEqual(applyProjectConfig(settings, config, 'restricted'), {
      ...settings,
      rules: { 'llm-call-without-max-tokens': 'error', 'bedrock-call-without-guardrail': 'error' },
    });
  });
});

describe('glob patterns (exclude and ignore paths)', () => {
  it('a name without a slash matches at any depth, and a folder pattern covers everything in it', () => {
    const match = globMatcher(['legacy', 'gen/**', '*.pyi', './scripts/']);
    for (const yes of ['legacy', 'legacy/', 'legacy/a.py', 'src/legacy/deep/b.tf', 'gen/x.py', 'a.pyi', 'src/b.pyi', 'scripts/run.py']) assert.ok(match(yes), yes);
    for (const no of ['legacy2/a.py', 'src/gen/x.py', 'a.py', 'src/scripts/run.py']) assert.ok(!match(no), no);
  });

  it('user excludes naming a folder skip it (they did not before: `legacy` only matched a file of that name)', () => {
    const excluded = excludeMatcher(['legacy']);
    assert.ok(excluded('legacy/'));
    assert.ok(excluded('a/legacy/x.py'));
    assert.ok(excluded('node_modules/x.py') && excluded('pkg/node_modules/'), 'the defaults still apply');
  });
});
