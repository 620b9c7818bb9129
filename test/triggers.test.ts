// Parse only what can matter: a file in which no running rule's or detector's triggers occur is not parsed (a notebook:
// none in its code cells), unless a rule that follows the flow across files runs and the flow can reach the file from
// one in which that rule's triggers occur (`FlowReach`). Every rule, evidence detector, review target and sign of AI usage must find the same in the
// examples (notebooks included), the labelled corpus, the fixtures, every rule-table case and fuzzed files with and
// without that filter: a trigger a rule needs and does not declare fails here.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { scan, type ScanReport } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../server/src/engine/config';
import { Engine, TERRAFORM_MODULE_CALL } from '../server/src/engine/engine';
import { detectLanguage } from '../server/src/engine/languages';
import { isNotebookPath } from '../server/src/engine/notebook/analyze';
import { notebookModules } from '../server/src/engine/notebook/modules';
import { readNotebook } from '../server/src/engine/notebook/read';
import { EVIDENCE_DETECTORS } from '../server/src/engine/evidence';
import { Project } from '../server/src/engine/project';
import { RULE_TARGETS, TARGET_TRIGGERS } from '../server/src/engine/review/targets';
import { USAGE_TRIGGERS, usageOf } from '../server/src/engine/review/usage';
import { INVALID_SUPPRESSION } from '../server/src/engine/rules/meta';
import type { Rule } from '../server/src/engine/rules/rule';
import { TriggerSet, type Triggers } from '../server/src/engine/triggers';
import { FlowReach } from '../server/src/engine/flow/reach';
import { isOutputFilter, OUTPUT_FILTER_TRIGGERS } from '../server/src/engine/apis/outputFilters';
import type { FileFacts, Finding, Language } from '../server/src/engine/types';
import { excludeMatcher, listFiles } from '../server/src/engine/workspace';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { loadSeeds } from './fuzz/corpus';
import { makeCase } from './fuzz/harness';
import { Random } from './fuzz/random';
import { onlyRule } from './ruleTester';

const ROOT = path.join(__dirname, '..', '..');
const FUZZ_CASES = 400;
const FUZZ_SEED = 20260122;

interface SourceFile {
  path: string;
  text: string;
}

/** A workspace of files, as one folder on disk. */
interface Workspace {
  name: string;
  dir: string;
  files: SourceFile[];
}

interface Analysed extends SourceFile {
  language: Language;
  findings: Finding[];
  facts: FileFacts;
}

function folder(name: string, dir: string): Workspace {
  const files = listFiles(dir, excludeMatcher([]), () => {}).map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
  return { name, dir, files };
}

/** The examples, each workspace of the labelled corpus, the other fixtures; then the rule tables' cases and fuzzed files, each in a folder of its own. */
function workspaces(scratch: string): Workspace[] {
  const labelled = path.join(ROOT, 'test', 'fixtures', 'labelled');
  const found = [
    folder('examples', path.join(ROOT, 'examples')),
    ...fs.readdirSync(labelled).map((name) => folder(`labelled/${name}`, path.join(labelled, name))),
    folder('rai-workspace', path.join(ROOT, 'test', 'fixtures', 'rai-workspace')),
    folder('terraform-plan', path.join(ROOT, 'test', 'fixtures', 'terraform-plan')),
  ];
  const seeds = loadSeeds();
  const rng = new Random(FUZZ_SEED);
  const donors = seeds.map((s) => s.text);
  const generated = [
    ...seeds.filter((s) => s.path.startsWith('rules/')).map((s, i) => ({ name: `seed ${s.path}`, file: { path: `seed-${i}/${path.basename(s.path)}`, text: s.text } })),
    ...Array.from({ length: FUZZ_CASES }, (_, id) => {
      const c = makeCase(id, rng, seeds, donors, 200);
      return { name: `fuzz case ${id} (${c.recipe})`, file: { path: `fuzz-${id}/${path.basename(c.path)}`, text: c.text } };
    }),
  ];
  for (const { name, file } of generated) {
    const full = path.join(scratch, file.path);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, file.text);
    found.push({ name, dir: path.dirname(full), files: [{ path: full, text: file.text }] });
  }
  return found;
}

/** Every file of a workspace analysed in full, every rule on, with its facts kept whole. */
function analyseAll(engine: Engine, workspace: Workspace): Analysed[] {
  const out: Analysed[] = [];
  for (const file of workspace.files) {
    const result = engine.analyze({ path: file.path, text: file.text }, DEFAULT_OPTIONS, 'never');
    engine.release(file.path);
    if (result.language && result.facts) out.push({ ...file, text: checkedText(file), language: result.language, findings: result.findings, facts: result.facts });
  }
  return out;
}

/** The text the filter reads: a notebook's code cells (the modules they make), never its outputs. */
function checkedText(file: SourceFile): string {
  if (!isNotebookPath(file.path)) return file.text;
  const read = readNotebook(file.text);
  return 'notebook' in read ? notebookModules(read.notebook, detectLanguage).modules.map((m) => m.text).join('\n') : '';
}

const occurs = (triggers: readonly (Triggers | undefined)[], text: string) => TriggerSet.of(triggers)?.occursIn(text) ?? true;
const json = (value: unknown) => JSON.stringify(value, (_, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));

interface Prepared {
  engine: Engine;
  /** Parses every file. */
  everything: Engine;
  scratch: string;
  all: Workspace[];
  analysed: Map<Workspace, Analysed[]>;
}

let prepared: Promise<Prepared> | undefined;

/** Made in the first test that needs it: the rule tables load inside a test, as they do for the fuzzer. */
function prepare(): Promise<Prepared> {
  return (prepared ??= (async () => {
    const engine = await Engine.create();
    const everything = await Engine.create();
    everything.skipByTriggers = false;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-triggers-'));
    const all = workspaces(scratch);
    return { engine, everything, scratch, all, analysed: new Map(all.map((w) => [w, analyseAll(everything, w)])) };
  })());
}

/**
 * The files of a workspace a rule reads: those where its triggers occur and, for a rule that follows the flow across
 * files, those the flow reaches from them (`FlowReach`, as the scan works it out).
 */
function readBy(rule: Rule, workspace: Workspace): (file: SourceFile) => boolean {
  if (!rule.triggersReach) return (file) => occurs([rule.triggers], checkedText(file));
  const reach = new FlowReach(TriggerSet.of([rule.triggers])!, rule.triggersReach === 'output' ? TriggerSet.of([OUTPUT_FILTER_TRIGGERS]) : undefined);
  for (const file of workspace.files) reach.set(file.path, file.text);
  return (file) => reach.has(file.path);
}

describe('files in which no trigger occurs', () => {
  after(async () => {
    if (prepared) fs.rmSync((await prepared).scratch, { recursive: true, force: true });
  });

  const files = async () => [...(await prepare()).analysed.values()].flat();
  const perFileRules = async () => (await prepare()).everything.rules.filter((r) => r.check);

  it('hold no finding of any rule that checks files, nor any suppression problem', async () => {
    let checked = 0;
    for (const file of await files()) {
      for (const rule of await perFileRules()) {
        if (!rule.meta.languages.includes(file.language) || occurs([rule.triggers], file.text)) continue;
        checked++;
        assert.deepEqual(file.findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.message), [], `${rule.meta.id} in ${file.path}: add what it needs to the rule's triggers`);
      }
      if (!occurs([INVALID_SUPPRESSION.triggers], file.text)) assert.deepEqual(file.findings.filter((f) => f.ruleId === INVALID_SUPPRESSION.id), [], file.path);
    }
    assert.ok(checked > 10_000, `${checked} (file, rule) pairs without triggers`);
  });

  it('hold nothing a rule counts as checked for the review', async () => {
    for (const file of await files()) {
      for (const rule of await perFileRules()) {
        const targets = RULE_TARGETS[rule.meta.id];
        if (!targets || !rule.meta.languages.includes(file.language) || occurs([rule.triggers, TARGET_TRIGGERS[rule.meta.id] ?? []], file.text)) continue;
        assert.deepEqual(targets(file.facts).map((t) => t.label), [], `targets of ${rule.meta.id} in ${file.path}: add what they need to TARGET_TRIGGERS`);
      }
    }
  });

  it('call no Terraform module where a scan would not see a module block', async () => {
    for (const file of await files()) {
      if (file.language === 'terraform' && file.facts.terraform?.modules.length) assert.match(file.text, TERRAFORM_MODULE_CALL, file.path);
    }
  });

  it('hold no output filter the flow across files would reach', async () => {
    for (const file of await files()) {
      if (occurs([OUTPUT_FILTER_TRIGGERS], file.text)) continue;
      assert.deepEqual(file.facts.calls.filter((c) => isOutputFilter(c, file.facts)).map((c) => c.callee), [], `${file.path}: add it to OUTPUT_FILTER_TRIGGERS`);
    }
  });

  it('hold no evidence and no sign of AI usage', async () => {
    for (const file of await files()) {
      for (const detector of EVIDENCE_DETECTORS) {
        if (occurs([detector.triggers], file.text)) continue;
        assert.deepEqual(detector.detect(file.facts).map((e) => e.message), [], `evidence ${detector.id} in ${file.path}: add what it needs to the detector's triggers`);
      }
      if (!occurs([USAGE_TRIGGERS], file.text)) assert.deepEqual(usageOf(file.facts), [], `AI usage in ${file.path}: add it to USAGE_SIGNS`);
    }
  });

  it('change no cross-file finding when their facts are left out (those the flow reaches kept, for the rules that follow it)', async () => {
    const { everything, analysed } = await prepare();
    const crossFile = everything.rules.filter((r) => r.checkWorkspace);
    assert.ok(crossFile.length >= 8);
    for (const [workspace, list] of analysed) {
      for (const rule of crossFile) {
        const options = onlyRule(rule.meta.id, everything);
        const keep = keepForWorkspace(everything.activeRules(options));
        const reads = readBy(rule, workspace);
        const findings = (skip: boolean) => {
          const project = new Project();
          for (const file of list) {
            // As a scan does: a Terraform file is parsed for a module call, else its facts are read only when asked for.
            const unread = skip && !reads(file) && !(file.language === 'terraform' && TERRAFORM_MODULE_CALL.test(file.text));
            project.set(file.path, file.language, keep(unread ? noFacts(file.language) : file.facts, file.text), file.text);
            if (unread && file.language === 'terraform') project.setUnparsed(file.path, () => keep(file.facts, file.text));
          }
          return json([...everything.analyzeProject(project, options).findings]);
        };
        assert.equal(findings(true), findings(false), `${rule.meta.id} in ${workspace.name}: add what it reads to the rule's triggers`);
      }
    }
  });

  it('leave a scan with every rule on as it is, findings and review signals alike', async () => {
    const { engine, everything, all, scratch } = await prepare();
    const dirs = [...new Set([...all.filter((w) => w.files.length > 1).map((w) => w.dir), scratch])];
    for (const dir of dirs) {
      const [filtered, whole] = [engine, everything].map((e) => scan(e, [dir], DEFAULT_OPTIONS));
      assert.equal(filtered.scanned, whole.scanned, `${dir}: every file still counts as checked`);
      const [a, b] = [outcome(filtered), outcome(whole)];
      for (let i = 0; i < Math.max(a.length, b.length); i++) assert.equal(json(a[i]), json(b[i]), `${dir}: ${b[i]?.path ?? a[i]?.path}`);
    }
  });

  it('are not parsed, and their review signals are read in full when the review asks for them', async () => {
    const { engine, everything } = await prepare();
    const text = 'import mlflow\n\nwith mlflow.start_run():\n    train(\n';
    const options = DEFAULT_OPTIONS;
    const skipped = engine.analyze({ path: 'train.py', text, flowReach: false }, options, 'when-read');
    assert.deepEqual(skipped.problems, [], 'not parsed: no syntax error found');
    assert.deepEqual(skipped.facts?.calls, []);
    const parsed = everything.analyze({ path: 'train.py', text }, options, 'now');
    assert.ok(parsed.problems.some((p) => p.kind === 'parse'));
    assert.deepEqual(skipped.signals, parsed.signals);
    assert.deepEqual(parsed.signals?.usage, ['ml']);
    assert.ok(parsed.signals?.evidence.some((e) => e.detector === 'experiment-tracking'));
  });

  it('in Terraform are read in a scan for their module\'s declarations alone, not parsed for themselves', async () => {
    const { engine, everything, scratch } = await prepare();
    const dir = path.join(scratch, 'terraform-unparsed');
    fs.mkdirSync(dir);
    const variables = 'variable "sampling" {\n  type    = number\n  default = 0\n}\n\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n';
    assert.ok(!engine.parsesAlone(variables, 'terraform', DEFAULT_OPTIONS, 'never'), 'no rule looks for anything in variables.tf');
    fs.writeFileSync(path.join(dir, 'variables.tf'), variables);
    fs.writeFileSync(path.join(dir, 'main.tf'), 'provider "aws" {}\n\nresource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants {\n    model_name = "m"\n  }\n  data_capture_config {\n    initial_sampling_percentage = var.sampling\n  }\n}\n');
    const [filtered, whole] = [engine, everything].map((e) => scan(e, [dir], DEFAULT_OPTIONS, { reviewSignals: false }));
    const problems = (report: ScanReport) => report.files.find((f) => f.path === 'variables.tf')!.result.problems.map((p) => p.kind);
    assert.deepEqual(problems(filtered), [], 'not parsed: its syntax error is not found');
    assert.deepEqual(problems(whole), ['parse']);
    assert.equal(json(outcome(filtered)), json(outcome(whole)));
    assert.ok(outcome(filtered).some((f) => f.findings.length > 0), 'main.tf has findings, its values read from variables.tf');
  });

  it('in a notebook are those of its code cells, never of its outputs or markdown', async () => {
    const { engine, everything } = await prepare();
    const notebook = (code: string, output: string) =>
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'python3', language: 'python' } },
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['We call bedrock.invoke_model with sagemaker here.'] },
          { cell_type: 'code', metadata: {}, execution_count: 1, source: [code], outputs: [{ output_type: 'stream', name: 'stdout', text: [output] }] },
        ],
      });
    const broken = 'def f(:\n';
    const quiet = engine.analyze({ path: 'n.ipynb', text: notebook(broken, 'import boto3; boto3.client("bedrock-runtime").invoke_model()'), flowReach: false });
    assert.deepEqual(quiet.problems, [], 'not parsed: outputs and markdown are not code');
    assert.ok(everything.analyze({ path: 'n.ipynb', text: notebook(broken, '') }).problems.some((p) => p.kind === 'parse'));
    const code = engine.analyze({ path: 'n.ipynb', text: notebook(`import boto3  # bedrock\n${broken}`, ''), flowReach: false });
    assert.ok(code.problems.some((p) => p.kind === 'parse'), 'parsed: a trigger in a code cell');
    const written = engine.analyze({ path: 'n.ipynb', text: notebook('%%writefile main.tf\nresource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants {\n    model_name = "m"\n  }\n}\n', '') });
    assert.ok(written.findings.some((f) => f.ruleId.startsWith('sagemaker-')), 'a %%writefile cell is filtered, and checked, as the file it writes');
  });

  it('are parsed after all while a rule without triggers runs; the rules and detectors without them are named', async (t) => {
    const { engine } = await prepare();
    const alwaysRuns: Rule = { ...engine.rules[0], triggers: undefined };
    const open = await Engine.create([alwaysRuns, ...engine.rules.slice(1)]);
    const text = 'def f(:\n';
    assert.deepEqual(engine.analyze({ path: 'a.py', text, flowReach: false }).problems, []);
    assert.ok(open.analyze({ path: 'a.py', text, flowReach: false }).problems.some((p) => p.kind === 'parse'));
    // Each of these makes every file be parsed while it runs: give it triggers.
    const without = [...engine.rules.filter((r) => !r.triggers).map((r) => `rule ${r.meta.id}`), ...EVIDENCE_DETECTORS.filter((d) => !d.triggers).map((d) => `detector ${d.id}`)];
    t.diagnostic(without.length ? `without triggers (every file is parsed while they run): ${without.join(', ')}` : 'every rule and detector declares its triggers');
  });

  it('are parsed while a rule that follows the flow runs, when the flow may reach them or their project is not known', async () => {
    const { engine } = await prepare();
    const text = 'def f(:\n';
    const followers = engine.rules.filter((r) => r.triggersReach).map((r) => r.meta.id).sort();
    assert.deepEqual(followers, ['bedrock-call-without-guardrail', 'llm-call-without-max-tokens']);
    const parsed = (flowReach: boolean | undefined, options: AnalysisOptions = DEFAULT_OPTIONS) => engine.analyze({ path: 'a.py', text, flowReach }, options).problems.some((p) => p.kind === 'parse');
    assert.ok(parsed(true), 'reached by the flow');
    assert.ok(parsed(undefined), 'project not known');
    assert.ok(!parsed(false), 'out of reach');
    const withoutFollowers: AnalysisOptions = { ...DEFAULT_OPTIONS, rules: { ...DEFAULT_OPTIONS.rules, ...Object.fromEntries(followers.map((id) => [id, 'off' as const])) } };
    assert.ok(!parsed(true, withoutFollowers), 'no rule that follows the flow runs');
    assert.ok(!engine.analyze({ path: 'a.tf', text: 'foo {\n', flowReach: true }).problems.some((p) => p.kind === 'parse'), 'not a language the flow follows');
  });
});

function noFacts(language: Language): FileFacts {
  return { language, calls: [], resources: [], imports: new Set(), comments: [], problems: [] };
}

/** What a scan says of each file but its syntax errors, which a file that is not parsed does not have. */
function outcome(report: ScanReport) {
  return report.files.map((f) => ({ path: f.path, findings: f.result.findings, signals: f.result.signals }));
}
