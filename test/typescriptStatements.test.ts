// TypeScript/JavaScript facts kept per top-level statement (`extract/typescriptStatements.ts`): after long random edit
// sequences (characters and lines typed, deleted and replaced, syntax broken and mended, imports changed, bindings
// renamed, functions and classes added and removed, analyses cut short by the deadline), the file's facts are those of
// a fresh analysis of the same text, deep-equal on the whole `FileFacts`; and the engine gives the same facts and
// findings as a fresh one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { AnalysisTimeout, Deadline } from '../server/src/engine/budget';
import { Engine } from '../server/src/engine/engine';
import { extractTypeScript } from '../server/src/engine/extract/typescript';
import { NameTables, summarize, TypeScriptStatements } from '../server/src/engine/extract/typescriptStatements';
import { StatementSnapshots } from '../server/src/engine/parsers/syntax';
import { loadParsers, type Grammar } from '../server/src/engine/parsers/treeSitter';
import { Random } from './fuzz/random';
import type { Language } from '../server/src/engine/types';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}
/** The TypeScript and JavaScript of the fixtures, the labelled corpus and the examples. */
const CORPUS = [...sourceFiles(path.join(ROOT, 'test', 'fixtures')), ...sourceFiles(path.join(ROOT, 'examples'))].sort();

/** A module whose statements read each other in every way the extractor follows across statements. */
const CROSS_STATEMENT = `import { BedrockRuntimeClient, InvokeModelCommand, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import OpenAI from "openai";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const { ChatOpenAI } = require("@langchain/openai");

const MODEL_ID = process.env.MODEL_ID ?? "anthropic.claude-3-haiku-20240307-v1:0";
const client = new BedrockRuntimeClient({ region: "us-east-1" });
const openai = new OpenAI({ timeout: 30_000 });
const GUARDRAIL = { guardrailIdentifier: "g-1", guardrailVersion: "1" };
const settings = { maxTokens: 512 };
settings.temperature = 0.2;
let counter = 0;
const server = new McpServer({ name: "tools", version: "1.0.0" });

export function configure(extra) {
  Object.assign(settings, extra);
  GUARDRAIL.trace = "enabled";
  counter += 1;
  audit(settings);
}

const request = { modelId: MODEL_ID, messages: [{ role: "user", content: [{ text: "hi" }] }], guardrailConfig: GUARDRAIL, inferenceConfig: settings };

export async function ask(prompt: string, history = []) {
  const response = await client.send(new ConverseCommand({ ...request, messages: [...history, { role: "user", content: [{ text: prompt }] }] }));
  return response.output?.message?.content?.[0]?.text ?? "";
}

const embedded = client.send(new InvokeModelCommand({ modelId: "amazon.titan-embed-text-v2:0", body: JSON.stringify({ inputText: "x" }) }));

async function vectors() {
  const result = await embedded;
  return JSON.parse(new TextDecoder().decode(result.body)).embedding;
}

class Assistant {
  llm = new ChatOpenAI({ model: "gpt-4o", maxTokens: 100 });
  constructor(modelId = MODEL_ID) {
    this.modelId = modelId;
    this.client = new BedrockRuntimeClient({});
  }
  async chat(text) {
    const answer = await this.client.send(new ConverseCommand({ modelId: this.modelId, messages: [{ role: "user", content: [{ text }] }] }));
    if (answer === MODEL_ID) return this.llm.invoke(text);
    return answer;
  }
}

class Other {
  constructor() {
    this.client = openai;
  }
  complete(q) {
    return this.client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: q }] });
  }
}

server.tool("search", { query: "string" }, async ({ query }) => {
  return openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: query }] });
});

const items = [];
items.push({ role: "user", content: "a" });
for (const item of items) counter = counter + item.content.length;
try { counter = 1; } catch (failure) { counter = failure; }

export default ask;
`;

/** Lines a person may type in, each touching what other statements read. */
const LINES = [
  'import { writeFileSync } from "node:fs";',
  'import { tool } from "@langchain/core/tools";',
  'const MODEL_ID = "other-model";',
  'settings.maxTokens = 4096;',
  'delete GUARDRAIL.guardrailVersion;',
  'items.push(request);',
  'function deepen() { Object.assign(request.inferenceConfig, { topP: 0.9 }); }',
  'function extend() { request.messages.push(items); }',
  'configure(request);',
  'let client = openai;',
  'export default configure;',
  'export default function main() { return ask("x"); }',
  'function helper(value) { counter = value; return client.send(new ConverseCommand(request)); }',
  'class Extra { constructor() { this.client = new OpenAI(); this.modelId = "m"; } }',
  'class Broken { constructor() { this.modelId = } }',
  'class Typed { llm = new ChatOpenAI({ maxTokens: 5 }); client = openai; }',
  'const reply = await openai.chat.completions.create({ model: MODEL_ID, messages: items });',
  'const vector = (await embedded).embedding;',
  'const answer = reply.choices[0].message.content; eval(answer);',
  'GUARDRAIL = { guardrailIdentifier: "other" };',
  'const { ConverseCommand: Converse } = require("@aws-sdk/client-bedrock-runtime");',
  '/* a comment */ // another',
  '}',
  '{',
  'function (',
];
const CHARACTERS = ['x', 'y', '(', ')', '{', '}', '"', '`', ';', '\n', ' ', '=', ',', '.', '/', '*', '[', ']', '<', '>'];

/** One random edit of `text`, as a person makes them. */
function edit(text: string, r: Random, original: string): string {
  const at = r.int(0, text.length);
  const lines = text.split('\n');
  const line = r.int(0, lines.length - 1);
  switch (r.int(0, 9)) {
    case 0:
    case 1:
      return text.slice(0, at) + r.pick(CHARACTERS) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + r.int(0, 2));
    case 3:
      return text.slice(0, at) + r.pick(CHARACTERS) + text.slice(at + 1);
    case 4:
      return [...lines.slice(0, line), r.pick(LINES), ...lines.slice(line)].join('\n');
    case 5:
      return [...lines.slice(0, line), ...lines.slice(line + 1 + r.int(0, 2))].join('\n');
    case 6: {
      // A binding renamed, everywhere or in one place.
      const names = [...new Set(text.match(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g) ?? [])].map((m) => m.split(/\s+/)[1]);
      if (names.length === 0) return text;
      const name = r.pick(names);
      const pattern = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, r.chance(0.5) ? 'g' : '');
      return text.replace(pattern, `${name}${r.pick(['2', 'X', ''])}`);
    }
    case 7: {
      // A line moved (cut and pasted elsewhere).
      const [moved] = lines.splice(line, 1);
      lines.splice(r.int(0, lines.length), 0, moved);
      return lines.join('\n');
    }
    case 8:
      // A line as it was in the original: syntax mended, more or less.
      return r.chance(0.25) ? original : [...lines.slice(0, line), original.split('\n')[line] ?? '', ...lines.slice(line + 1)].join('\n');
    default:
      return text.slice(0, at) + r.pick(LINES) + '\n' + text.slice(at);
  }
}

function grammarOf(file: string): Grammar {
  return file.endsWith('.ts') || file.endsWith('.mts') || file.endsWith('.cts') ? 'typescript' : 'tsx';
}

function languageOf(file: string): Language {
  return /\.(ts|tsx|mts|cts)$/.test(file) ? 'typescript' : 'javascript';
}

describe('TypeScript facts kept per statement', () => {
  let parsers: Record<Grammar, Parser>;
  before(async () => {
    const loaded = await loadParsers(['typescript', 'tsx']);
    parsers = { typescript: loaded.parser('typescript'), tsx: loaded.parser('tsx') } as Record<Grammar, Parser>;
  });

  /** Extracts each version with kept statements and afresh, and requires the same facts; returns how much was evaluated. */
  function compare(file: string, versions: Iterable<string>, interrupt?: Random): { statements: number; evaluated: number; versions: number; tables: number } {
    const kept = new TypeScriptStatements();
    const parser = parsers[grammarOf(file)];
    const language = languageOf(file);
    const totals = { statements: 0, evaluated: 0, versions: 0, tables: 0 };
    for (const text of versions) {
      const tree = parser.parse(text)!;
      try {
        if (interrupt && interrupt.chance(1 / 6)) {
          // Cut short somewhere: what is kept must still be right for the next version.
          let checks = interrupt.int(0, 3999);
          const deadline = Deadline.after(1e9, () => checks-- < 0);
          try {
            extractTypeScript(tree, text, language, deadline, kept.snapshots, kept);
          } catch (error) {
            if (!(error instanceof AnalysisTimeout)) throw error;
          }
        }
        const got = extractTypeScript(tree, text, language, Deadline.never(), kept.snapshots, kept);
        const want = extractTypeScript(tree, text, language, Deadline.never(), new StatementSnapshots());
        assert.deepStrictEqual(got, want, `${path.relative(ROOT, file)}, version ${totals.versions}:\n${text}`);
        // The tables of which statements bind and read each name, updated by difference, are those made afresh.
        const names = kept.nameTables;
        if (names) {
          assert.deepStrictEqual(names.tables.describe(), NameTables.of(names.statements.map((s) => summarize(s))).describe(), `${path.relative(ROOT, file)}, version ${totals.versions}: names`);
          totals.tables++;
        }
        totals.statements += kept.lastRun.statements;
        totals.evaluated += kept.lastRun.evaluated;
        totals.versions++;
      } finally {
        tree.delete();
      }
    }
    return totals;
  }

  function* randomEdits(original: string, seed: number, count: number): Generator<string> {
    const r = new Random(seed);
    let text = original;
    yield text;
    for (let i = 0; i < count; i++) yield (text = edit(text, r, original));
  }

  it('are those of a fresh analysis after long random edit sequences of a module that reads across statements', () => {
    for (const seed of [1, 2, 3, 4]) {
      const totals = compare('/cross.ts', randomEdits(CROSS_STATEMENT, seed, 200));
      assert.equal(totals.versions, 201);
      assert.ok(totals.tables > 100, `seed ${seed}: name tables compared on ${totals.tables} versions`);
      // Most edits evaluate a part of the module: the comparison is not between two whole evaluations.
      assert.ok(totals.evaluated < totals.statements * 0.6, `seed ${seed}: ${totals.evaluated} of ${totals.statements} statements evaluated`);
    }
  });

  it('are those of a fresh analysis after random edits of the fixtures, the labelled corpus and the examples', () => {
    assert.ok(CORPUS.length >= 20, `${CORPUS.length} files`);
    for (const [i, file] of CORPUS.entries()) compare(file, randomEdits(fs.readFileSync(file, 'utf8'), 100 + i, 60));
  });

  it('are those of a fresh analysis as each line that reads across statements is added and removed, in several places', () => {
    const lines = CROSS_STATEMENT.split('\n');
    function* versions(): Generator<string> {
      yield CROSS_STATEMENT;
      for (const line of LINES) {
        for (const at of [lines.length - 1, lines.indexOf('class Assistant {'), lines.indexOf('const items = [];')]) {
          yield [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
          yield CROSS_STATEMENT;
        }
      }
    }
    assert.equal(compare('/cross.ts', versions()).versions, 1 + LINES.length * 6);
  });

  it('are those of a fresh analysis when analyses are cut short by the deadline', () => {
    for (const seed of [5, 6]) compare('/cross.ts', randomEdits(CROSS_STATEMENT, seed, 150), new Random(seed * 7));
  });

  it('keep nothing from a file analysed once (a scan)', () => {
    const kept = new TypeScriptStatements();
    const text = CROSS_STATEMENT;
    const tree = parsers.typescript.parse(text)!;
    try {
      extractTypeScript(tree, text, 'typescript', Deadline.never(), kept.snapshots, kept);
      assert.equal(kept.keeps, false);
      extractTypeScript(tree, text, 'typescript', Deadline.never(), kept.snapshots, kept);
      assert.equal(kept.keeps, true);
    } finally {
      tree.delete();
    }
  });

  it('re-evaluate an edited function alone, and every reader of a changed module-level name', () => {
    const kept = new TypeScriptStatements();
    const edited = CROSS_STATEMENT.replace('return answer;', 'return answer + 1;');
    const versions = [CROSS_STATEMENT, CROSS_STATEMENT, edited, edited.replace('maxTokens: 512', 'maxTokens: 1024')];
    const evaluated = versions.map((text) => {
      const tree = parsers.typescript.parse(text)!;
      try {
        extractTypeScript(tree, text, 'typescript', Deadline.never(), kept.snapshots, kept);
        return kept.lastRun.evaluated;
      } finally {
        tree.delete();
      }
    });
    // The class edited; then `settings`, what reads it (`settings.temperature = …`, `configure`, `request`) and,
    // transitively, what reads what those bind or write: `request` (`ask`), `GUARDRAIL` (its declaration), `counter`
    // (its declaration, the loop and the `try`).
    assert.deepEqual(evaluated.slice(2), [1, 9]);
  });

  it('summarize what a statement binds at module level and reads', () => {
    const tree = parsers.typescript.parse('function f(a) { let b = 1; b = 2; a.k = 1; c = 3; d.push(1); g(e, a); this.h = 4; }')!;
    try {
      const program = new StatementSnapshots().snapshot(tree, tree.rootNode.text);
      const { binds, reads } = summarize(program.namedChildren[0]);
      assert.deepEqual([...binds].sort(), ['c', 'd', 'e', 'this.h']);
      assert.ok(['a', 'b', 'c', 'd', 'e', 'g', 'f', 'this.h'].every((n) => reads.has(n)));
    } finally {
      tree.delete();
    }
  });
});

describe('TypeScript facts kept per statement, in the engine', () => {
  it('give the facts and findings of a fresh analysis after each edit', async () => {
    const incremental = await Engine.create(undefined, ['typescript', 'tsx']);
    const fresh = await Engine.create(undefined, ['typescript', 'tsx']);
    const files = CORPUS.filter((f) => fs.statSync(f).size > 1500).slice(0, 6);
    let findings = 0;
    for (const [i, file] of ['/work/cross.ts', ...files].entries()) {
      const original = i === 0 ? CROSS_STATEMENT : fs.readFileSync(file, 'utf8');
      const r = new Random(40 + i);
      let text = original;
      for (let version = 0; version < 40; version++, text = edit(text, r, original)) {
        const got = incremental.analyze({ path: file, text });
        fresh.release(file);
        const want = fresh.analyze({ path: file, text });
        assert.deepStrictEqual(got.facts, want.facts, `${file}, version ${version}`);
        assert.deepStrictEqual(got.findings, want.findings, `${file}, version ${version}`);
        findings += got.findings.length;
      }
    }
    assert.ok(findings > 0);
  });
});
