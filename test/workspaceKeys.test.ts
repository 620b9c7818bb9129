// What cross-file rules read of the calls a workspace keeps one level deep is declared (`WorkspaceReads.callKeys`),
// and a scan keeps only those arguments of them. Over the examples, the labelled corpus, the fixtures and the rule
// tables' cases: no key a rule reads of a kept call may be left out of its declaration (each rule alone, its kept calls
// watched), and no cross-file finding may change when the keys are left out (each rule alone, then every rule).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { CallChoice } from '../server/src/engine/keptCalls';
import { Project } from '../server/src/engine/project';
import type { Rule } from '../server/src/engine/rules/rule';
import type { CallFact, FileFacts, Language, Property } from '../server/src/engine/types';
import { excludeMatcher, listFiles } from '../server/src/engine/workspace';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { loadSeeds } from './fuzz/corpus';
import { onlyRule } from './ruleTester';

const ROOT = path.join(__dirname, '..', '..');

/** A model package registered as approved with boto3, which no other fixture does. */
const REGISTRY = `import boto3

sm = boto3.client("sagemaker")
sm.create_model_package(ModelPackageGroupName="churn", ModelApprovalStatus="Approved", InferenceSpecification=spec)
`;

interface Analysed {
  path: string;
  text: string;
  language: Language;
  facts: FileFacts;
}

/**
 * The examples, each workspace of the labelled corpus, the other fixtures, and each rule table's case on its own. The
 * rule tables are loaded as the suite is defined: the few tests their files define beside their tables run here too.
 */
function workspaces(seeds: readonly { path: string; text: string }[]): { name: string; files: { path: string; text: string }[] }[] {
  const folder = (name: string, dir: string) => ({ name, files: listFiles(dir, excludeMatcher([]), () => {}).map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') })) });
  const labelled = path.join(ROOT, 'test', 'fixtures', 'labelled');
  return [
    folder('examples', path.join(ROOT, 'examples')),
    ...fs.readdirSync(labelled).map((name) => folder(`labelled/${name}`, path.join(labelled, name))),
    folder('rai-workspace', path.join(ROOT, 'test', 'fixtures', 'rai-workspace')),
    { name: 'boto3 model registry', files: [{ path: '/registry/register.py', text: REGISTRY }] },
    ...seeds
      .filter((s) => s.path.startsWith('rules/'))
      .map((s, i) => ({ name: `seed ${s.path}`, files: [{ path: `/seed-${i}/${path.basename(s.path)}`, text: s.text }] })),
  ];
}

let prepared: Promise<{ engine: Engine; analysed: { name: string; files: Analysed[] }[] }> | undefined;

function prepare(seeds: ReturnType<typeof loadSeeds>) {
  return (prepared ??= (async () => {
    const engine = await Engine.create();
    engine.skipByTriggers = false;
    engine.keepFactsForEdits = false;
    const analysed = workspaces(seeds).map(({ name, files }) => ({
      name,
      files: files.flatMap((file) => {
        const result = engine.analyze({ path: file.path, text: file.text }, DEFAULT_OPTIONS, 'never');
        engine.release(file.path);
        return result.language && result.facts ? [{ ...file, language: result.language, facts: result.facts }] : [];
      }),
    }));
    return { engine, analysed };
  })());
}

/** The rules as if none declared the keys it reads: every key of every call kept one level deep is kept. */
function undeclared(rules: readonly Rule[]): Rule[] {
  return rules.map((r) => (r.workspaceReads?.callKeys ? { ...r, workspaceReads: { ...r.workspaceReads, callKeys: undefined } } : r));
}

function findingsOf(engine: Engine, files: readonly Analysed[], options: AnalysisOptions, keep: (facts: FileFacts, text: string) => FileFacts, watch?: (kept: FileFacts, facts: FileFacts) => void): string {
  const project = new Project();
  for (const file of files) {
    const kept = keep(file.facts, file.text);
    watch?.(kept, file.facts);
    project.set(file.path, file.language, kept, file.text);
  }
  const { findings, errors } = engine.analyzeProject(project, options);
  assert.deepEqual(errors, []);
  return JSON.stringify([...findings].map(([file, list]) => [file, list.map((f) => [f.ruleId, f.range, f.message, f.severity, f.related, f.fixes.map((x) => x.edits)])]));
}

/** Arguments that note every key read of them; reading them all (iterating, `size`) notes `*`. */
class WatchedArguments extends Map<string, Property> {
  constructor(
    entries: Iterable<[string, Property]>,
    private readonly read: Set<string>,
  ) {
    super(entries);
  }
  override get(key: string) {
    this.read.add(key);
    return super.get(key);
  }
  override has(key: string) {
    this.read.add(key);
    return super.has(key);
  }
  override get size() {
    this.read.add('*');
    return super.size;
  }
  override forEach(...args: Parameters<Map<string, Property>['forEach']>) {
    this.read.add('*');
    return super.forEach(...args);
  }
  override entries() {
    this.read.add('*');
    return super.entries();
  }
  override keys() {
    this.read.add('*');
    return super.keys();
  }
  override values() {
    this.read.add('*');
    return super.values();
  }
  override [Symbol.iterator]() {
    this.read.add('*');
    return super[Symbol.iterator]();
  }
}

/** The kept calls a rule reads one level deep with its declared keys: not whole, nor read whole by the flow. */
function declaredCalls(rule: Rule, kept: FileFacts, facts: FileFacts): CallFact[] {
  const reads = rule.workspaceReads!;
  const notDeclared = new CallChoice([reads], reads.flow === true).of(facts).filter(({ answers, flowEveryKey }) => answers[0] === 'whole' || flowEveryKey);
  const at = new Set(notDeclared.map(({ call }) => call.span.start));
  return kept.calls.filter((c) => !at.has(c.span.start));
}

describe('the argument keys cross-file rules read of kept calls', () => {
  const seeds = loadSeeds();
  it('are declared by each rule that declares any: none other is read', async () => {
    const { engine, analysed } = await prepare(seeds);
    const declaring = engine.rules.filter((r) => r.checkWorkspace && r.workspaceReads?.callKeys);
    assert.ok(declaring.length >= 6, `${declaring.length} rules declare the keys they read`);
    let watched = 0;
    for (const rule of declaring) {
      const options = onlyRule(rule.meta.id, engine);
      const keep = keepForWorkspace(engine.activeRules(options));
      const declared = new Set(rule.workspaceReads!.callKeys);
      for (const { name, files } of analysed) {
        const read = new Set<string>();
        findingsOf(engine, files, options, keep, (kept, facts) => {
          for (const call of declaredCalls(rule, kept, facts)) {
            call.args = { ...call.args, props: new WatchedArguments(call.args.props, read) };
            watched++;
          }
        });
        assert.deepEqual([...read].filter((key) => !declared.has(key)), [], `${rule.meta.id} in ${name}: add the keys it reads to its callKeys`);
      }
    }
    assert.ok(watched > 100, `${watched} kept calls watched`);
  });

  it('are all that is kept of them, and no cross-file finding changes (each rule alone, then every rule)', async () => {
    const { engine, analysed } = await prepare(seeds);
    const crossFile = engine.rules.filter((r) => r.checkWorkspace);
    let fewer = 0;
    for (const options of [...crossFile.map((r) => onlyRule(r.meta.id, engine)), DEFAULT_OPTIONS]) {
      const rules = engine.activeRules(options);
      const [keep, keepEvery] = [keepForWorkspace(rules), keepForWorkspace(undeclared(rules))];
      for (const { name, files } of analysed) {
        let keys = 0;
        let everyKey = 0;
        const declared = findingsOf(engine, files, options, keep, (kept) => (keys += kept.calls.reduce((n, c) => n + c.args.props.size, 0)));
        const every = findingsOf(engine, files, options, keepEvery, (kept) => (everyKey += kept.calls.reduce((n, c) => n + c.args.props.size, 0)));
        assert.equal(declared, every, `${name}, ${options === DEFAULT_OPTIONS ? 'every rule' : crossFile.find((r) => options.rules?.[r.meta.id] !== 'off')?.meta.id}`);
        if (keys < everyKey) fewer++;
      }
    }
    assert.ok(fewer > 10, `${fewer} workspaces keep fewer arguments`);
  });
});
