// Terraform fixes come out `terraform fmt`-clean. There is no terraform binary here, so fmt's alignment rule (hclwrite's
// formatter: consecutive single-line attributes align their `=`) is encoded in engine/hclLayout.ts, checked first
// against outputs written as `terraform fmt` writes them, then applied to every Terraform fix of every rule table.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import { alignedEverywhere } from '../server/src/engine/hclLayout';
import { loadParsers } from '../server/src/engine/parsers/treeSitter';
import { applyEdits, collectRuleTablesOnly, findingsFor, ruleTables } from './ruleTester';

const ROOT = path.join(__dirname, '..', '..');

/** Inputs and what `terraform fmt` makes of their alignment. */
const FMT_CASES: { name: string; input: string; fmt: string }[] = [
  {
    name: 'consecutive attributes align their `=` one column after the longest name',
    input: 'resource "a" "b" {\n  name = "x"\n  instance_type = "y"\n  id     = 1\n}\n',
    fmt: 'resource "a" "b" {\n  name          = "x"\n  instance_type = "y"\n  id            = 1\n}\n',
  },
  {
    name: 'a blank line, a comment line and a nested block each start a new group',
    input: 'resource "a" "b" {\n  n = 1\n  longer = 2\n\n  x = 3\n  # note\n  yy = 4\n  block {\n    k = 1\n    kk = 2\n  }\n  zzz = 5\n}\n',
    fmt: 'resource "a" "b" {\n  n      = 1\n  longer = 2\n\n  x = 3\n  # note\n  yy = 4\n  block {\n    k  = 1\n    kk = 2\n  }\n  zzz = 5\n}\n',
  },
  {
    name: 'a value spread over lines ends the group; a one-line object or interpolation does not',
    input: 'locals {\n  a = 1\n  tags = {\n    team = "ml"\n    o = "x"\n  }\n  bb = { k = 1 }\n  name = "${var.p}-x"\n}\n',
    fmt: 'locals {\n  a = 1\n  tags = {\n    team = "ml"\n    o    = "x"\n  }\n  bb   = { k = 1 }\n  name = "${var.p}-x"\n}\n',
  },
  {
    name: 'one space after `=`; a heredoc value ends the group',
    input: 'locals {\n  a =    1\n  policy = <<EOT\nx = 1\nEOT\n  b = 2\n}\n',
    fmt: 'locals {\n  a      = 1\n  policy = <<EOT\nx = 1\nEOT\n  b = 2\n}\n',
  },
];

describe('terraform fmt alignment', () => {
  let parser: Awaited<ReturnType<typeof loadParsers>>;
  before(async () => {
    parser = await loadParsers(['terraform']);
  });

  for (const c of FMT_CASES) {
    it(c.name, () => {
      assert.equal(alignedEverywhere(parser.parser('terraform'), c.input), c.fmt);
      assert.equal(alignedEverywhere(parser.parser('terraform'), c.fmt), c.fmt, 'fmt output is a fixed point');
    });
  }

  it('every Terraform quick fix of every rule leaves an fmt-aligned file fmt-aligned', async () => {
    collectRuleTablesOnly();
    for (const file of fs.readdirSync(path.join(__dirname, 'rules')).filter((f) => f.endsWith('.test.js'))) require(path.join(__dirname, 'rules', file));
    const tf = parser.parser('terraform');
    let checked = 0;
    const inputs = ruleTables.flatMap((t) => t.cases.invalid.filter((c) => c.filename.endsWith('.tf')).map((c) => ({ ruleId: t.ruleId, code: c.code })));
    for (const dir of ['examples/infra/terraform']) {
      for (const name of fs.readdirSync(path.join(ROOT, dir))) inputs.push({ ruleId: '', code: fs.readFileSync(path.join(ROOT, dir, name), 'utf8') });
    }
    const engine = await Engine.create();
    for (const { ruleId, code } of inputs) {
      const clean = alignedEverywhere(tf, code);
      const findings = ruleId ? await findingsFor(ruleId, 'main.tf', clean) : engine.analyze({ path: 'main.tf', text: clean }).findings;
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          const fixed = applyEdits(clean, fix.edits);
          assert.equal(fixed, alignedEverywhere(tf, fixed), `${finding.ruleId}: "${fix.title}" leaves the file unaligned:\n${fixed}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 40, `${checked} fixes checked`);
  });

  it('leaves a file that was not fmt-aligned as its author wrote it, apart from the fix', async () => {
    const code = 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  instance_type = "ml.t3.medium"\n}\n';
    const [finding] = await findingsFor('sagemaker-notebook-direct-internet', 'main.tf', code);
    assert.equal(
      applyEdits(code, finding.fixes[0].edits),
      'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  instance_type = "ml.t3.medium"\n  direct_internet_access = "Disabled"\n}\n',
    );
  });
});
