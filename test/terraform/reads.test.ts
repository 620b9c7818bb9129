// A scan reads each Terraform file's declarations before analysing it; its analysis starts from that read (one parse
// per file) when the text is the same, and the language server keeps no reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import { TerraformWorkspace, type TerraformHost } from '../../server/src/engine/terraform/workspace';

const engine = Engine.create();

const VARIABLES = 'variable "isolate" {\n  default = false\n}\n';
const MODEL = (isolation: string) =>
  `resource "aws_sagemaker_model" "m" {\n  name                     = "m"\n  execution_role_arn       = "arn:aws:iam::111122223333:role/r"\n  enable_network_isolation = ${isolation}\n  primary_container { image = "x" }\n}\n`;

function host(files: Record<string, string>): TerraformHost {
  return { read: (path) => files[path], list: (folder) => Object.keys(files).filter((p) => p.startsWith(`${folder}/`)).map((p) => p.slice(folder.length + 1)) };
}

const findingsOf = (result: { findings: { ruleId: string; range: { start: { line: number } }; message: string }[] }) =>
  result.findings.map((f) => `${f.range.start.line + 1} ${f.ruleId} ${f.message}`);

describe('Terraform reads handed from the declarations to the analysis', () => {
  it('are handed over once each in a scan, and never kept by the language server', async () => {
    const files = { '/w/variables.tf': VARIABLES, '/w/main.tf': MODEL('var.isolate') };
    const scan = new TerraformWorkspace(await engine, host(files), DEFAULT_OPTIONS, { handOverReads: true });
    const first = scan.contextFor('/w/main.tf');
    assert.equal(first.read?.text, files['/w/main.tf']);
    assert.equal(scan.contextFor('/w/main.tf').read, undefined, 'a read serves one analysis');
    assert.equal(scan.contextFor('/w/variables.tf').read?.text, VARIABLES);
    const server = new TerraformWorkspace(await engine, host(files), DEFAULT_OPTIONS);
    assert.equal(server.contextFor('/w/main.tf').read, undefined);
  });

  it('give the findings a parse of the same text gives, variables of the module included', async () => {
    const e = await engine;
    const files = { '/w/variables.tf': VARIABLES, '/w/main.tf': MODEL('var.isolate') };
    const fresh = e.analyze({ path: '/w/main.tf', text: files['/w/main.tf'], terraform: new TerraformWorkspace(e, host(files), DEFAULT_OPTIONS).contextFor('/w/main.tf') }, DEFAULT_OPTIONS, 'never');
    e.release('/w/main.tf');
    const context = new TerraformWorkspace(e, host(files), DEFAULT_OPTIONS, { handOverReads: true }).contextFor('/w/main.tf');
    assert.ok(context.read);
    e.release('/w/main.tf');
    const handed = e.analyze({ path: '/w/main.tf', text: files['/w/main.tf'], terraform: context }, DEFAULT_OPTIONS, 'never');
    assert.ok(findingsOf(fresh).some((f) => f.includes('sagemaker-model-without-network-isolation')));
    assert.deepEqual(findingsOf(handed), findingsOf(fresh));
  });

  it('of an older text are not used: the analysis reads the text it is given', async () => {
    const e = await engine;
    const files = { '/w/variables.tf': VARIABLES, '/w/main.tf': MODEL('var.isolate') };
    const context = new TerraformWorkspace(e, host(files), DEFAULT_OPTIONS, { handOverReads: true }).contextFor('/w/main.tf');
    e.release('/w/main.tf');
    const changed = e.analyze({ path: '/w/main.tf', text: MODEL('true'), terraform: context }, DEFAULT_OPTIONS, 'never');
    assert.deepEqual(
      changed.findings.filter((f) => f.ruleId === 'sagemaker-model-without-network-isolation'),
      [],
    );
  });

  it('of a folder a scan is done with are forgotten, unless a module call reads the folder', async () => {
    const files = {
      '/w/plain/main.tf': MODEL('false'),
      '/w/app/main.tf': 'module "m" {\n  source = "../mod"\n  isolate = true\n}\n',
      '/w/mod/variables.tf': VARIABLES,
      '/w/mod/main.tf': MODEL('var.isolate'),
    };
    const reads = new Map<string, number>();
    const counting: TerraformHost = { ...host(files), read: (path) => (reads.set(path, (reads.get(path) ?? 0) + 1), files[path as keyof typeof files]) };
    const scan = new TerraformWorkspace(await engine, counting, DEFAULT_OPTIONS, { handOverReads: true });
    scan.discoverCallers(Object.keys(files));
    const readAgain = (folder: string) => {
      scan.contextFor(`${folder}/main.tf`);
      const before = reads.get(`${folder}/main.tf`);
      scan.forget(folder);
      scan.contextFor(`${folder}/main.tf`);
      return reads.get(`${folder}/main.tf`) !== before;
    };
    assert.equal(readAgain('/w/plain'), true, 'a folder nothing else reads is read again after it was forgotten');
    assert.equal(readAgain('/w/app'), false, 'a module caller is kept: the module reads its arguments');
    assert.equal(readAgain('/w/mod'), false, 'a module its callers read is kept');
  });
});
