// A scan reads the other files of a Terraform module by name: a sibling is read only when a scope asks for a variable
// or local its text may declare. Values must be what the whole folder gives (unknown is never missing).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { scan } from '../../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import { mayDeclare } from '../../server/src/engine/terraform/siblingDeclarations';
import { TerraformWorkspace, diskHost } from '../../server/src/engine/terraform/workspace';

const engine = Engine.create();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-siblings-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** An endpoint configuration whose data capture is on when `enabled` is (a finding when it is known to be false). */
const CAPTURE = (enabled: string) =>
  `resource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants {\n    model_name = "m"\n  }\n  data_capture_config {\n    enable_capture = ${enabled}\n  }\n}\n`;
const PLAIN = (name: string) => `resource "aws_vpc" "${name}" {\n  cidr_block = "10.0.0.0/16"\n}\n`;

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

type Shown = Record<string, string[]>;

/** The findings of each `.tf` file of `dir`, each file analysed with its whole folder (as the language server does). */
async function withWholeFolder(dir: string): Promise<Shown> {
  const e = await engine;
  const workspace = new TerraformWorkspace(e, diskHost(() => DEFAULT_OPTIONS.maxFileBytes), DEFAULT_OPTIONS);
  const names = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith('.tf')).sort();
  workspace.discoverCallers(names.map((n) => path.join(dir, n)));
  const out: Shown = {};
  for (const name of names) {
    const file = path.join(dir, name);
    const result = e.analyze({ path: file, text: fs.readFileSync(file, 'utf8'), terraform: workspace.contextFor(file) }, DEFAULT_OPTIONS, 'never');
    e.release(file);
    out[name] = result.findings.map(shown);
  }
  return out;
}

async function scanned(dir: string): Promise<Shown> {
  const report = scan(await engine, [dir], DEFAULT_OPTIONS, { reviewSignals: false, fixEdits: false });
  return Object.fromEntries(report.files.map((f) => [f.path, f.result.findings.map(shown)]));
}

const shown = (f: { ruleId: string; range: { start: { line: number } }; message: string; related?: { path: string; message: string }[] }) =>
  `${f.range.start.line + 1} ${f.ruleId} ${f.message} ${JSON.stringify((f.related ?? []).map((r) => [path.basename(r.path), r.message]))}`;

const captureOff = (shownFindings: string[] | undefined) => (shownFindings ?? []).some((f) => f.includes('turns data capture off'));

describe('Terraform siblings read by name in a scan', () => {
  it('follow a local through three files to a variable default in a file without any trigger', async () => {
    const dir = folder('chain', {
      'main.tf': CAPTURE('local.sampling'),
      'a_locals.tf': `${PLAIN('a')}locals {\n  sampling = local.base\n}\n`,
      'b_locals.tf': `locals {\n  base = var.rate\n}\n${PLAIN('b')}`,
      'c_variables.tf': 'variable "rate" {\n  type    = bool\n  default = false\n}\n',
      'd_other.tf': `${PLAIN('d')}variable "unrelated" {\n  default = 1\n}\n`,
    });
    const whole = await withWholeFolder(dir);
    assert.ok(captureOff(whole['main.tf']), 'the whole folder knows capture is off');
    assert.deepEqual(await scanned(dir), whole);
  });

  it('find a second declaration however it is written, so that a name declared twice stays unknown', async () => {
    for (const [name, duplicate] of [
      ['line-comment', 'variable # the rate\n  "rate" {\n  default = true\n}\n'],
      ['block-comment', 'variable /* the rate */ "rate" {\n  default = true\n}\n'],
      ['escaped', 'variable "r\\u0061te" {\n  default = true\n}\n'],
      ['local-comment', 'locals {\n  sampling # the rate\n  = true\n}\n'],
    ]) {
      const dir = folder(`twice-${name}`, {
        'main.tf': CAPTURE('local.sampling'),
        'a_locals.tf': 'locals {\n  sampling = var.rate\n}\n',
        'b_variables.tf': 'variable "rate" {\n  default = false\n}\n',
        'c_duplicate.tf': duplicate,
      });
      const whole = await withWholeFolder(dir);
      assert.ok(!captureOff(whole['main.tf']), `${name}: declared twice, the whole folder does not know the value`);
      assert.deepEqual(await scanned(dir), whole, name);
    }
  });

  it("give a module's instances the module's other files, whose defaults its callers do not set", async () => {
    const dir = folder('instances', {
      'main.tf': CAPTURE('var.capture').replace('resource "aws_sagemaker_endpoint_configuration" "c" {', 'resource "aws_sagemaker_endpoint_configuration" "c" {\n  count = var.create ? 1 : 0'),
      'variables.tf': 'variable "create" {\n  type    = bool\n  default = false\n}\n\nvariable "capture" {\n  type    = bool\n  default = false\n}\n',
      'examples/app/main.tf': 'module "endpoint" {\n  source = "../.."\n  create = true\n}\n',
    });
    const whole = await withWholeFolder(dir);
    assert.ok(whole['main.tf'].some((f) => f.includes('turns data capture off') && f.includes('created by `module.endpoint`')), 'an instance shows the default of the module');
    assert.deepEqual(await scanned(dir), whole);
  });

  it('are not read when no scope asks for what they may declare', async () => {
    const e = await engine;
    const files: Record<string, string> = {
      '/w/main.tf': CAPTURE('var.rate'),
      '/w/variables.tf': 'variable "rate" {\n  default = false\n}\n',
      '/w/other.tf': `${PLAIN('o')}variable "other" {\n  default = 1\n}\nlocals {\n  rating = 2\n}\n`,
    };
    const read: string[] = [];
    const counting = Object.create(e) as Engine;
    counting.terraformDeclarationsAlone = (file, options) => (read.push(file.path), e.terraformDeclarationsAlone(file, options));
    const host = { read: (p: string) => files[p], list: () => Object.keys(files).map((p) => p.slice(3)) };
    const workspace = new TerraformWorkspace(counting, host, DEFAULT_OPTIONS, { handOverReads: true, analysed: (p) => p === '/w/main.tf', byName: true });
    const result = e.analyze({ path: '/w/main.tf', text: files['/w/main.tf'], terraform: workspace.contextFor('/w/main.tf') }, DEFAULT_OPTIONS, 'never');
    assert.ok(captureOff(result.findings.map(shown)), 'the variable is read');
    assert.deepEqual(read, ['/w/variables.tf']);
  });

  it('tell from the text which names a file may declare', () => {
    const may = mayDeclare('variable "a" {}\nvariable b {}\nvariable # c\n "c-d" {}\nlocals {\n  e = 1\n  f // g\n  = 2\n  h == 3\n}\n');
    assert.deepEqual([...(may.variables as Set<string>)].sort(), ['a', 'b', 'c-d']);
    assert.ok((may.attributes as Set<string>).has('e') && (may.attributes as Set<string>).has('f'));
    assert.ok(!(may.attributes as Set<string>).has('h'));
    assert.deepEqual(mayDeclare('/* */ variable "x" {}'), { variables: 'any', attributes: 'any' });
    assert.equal(mayDeclare('variable "\\u0078" {}').variables, 'any');
  });

  it('read a banner of `#` or a long word in linear time (each would backtrack without end if a gap could match it in many ways)', () => {
    const banner = `# ${'#'.repeat(100)}\nlocals ${'#'.repeat(100)}\n{\n  a = 1\n}\nvariable ${'/'.repeat(100)}\n`;
    assert.deepEqual([...(mayDeclare(banner).attributes as Set<string>)], ['a']);
    assert.equal((mayDeclare(`x = "${'A'.repeat(1_000_000)}"`).attributes as Set<string>).size, 1);
  });
});
