// Each machine-readable scan format against the schema its consumers read it with: SARIF 2.1.0 (OASIS's JSON Schema,
// test/fixtures/schemas/sarif-schema-2.1.0.json), GitLab Code Quality (written from GitLab's documentation) and JUnit
// XML (the Jenkins xUnit plugin's junit-10.xsd, checked by libxml2's xmllint compiled to WebAssembly).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { validateXML } from 'xmllint-wasm';
import { scratchDir } from './scratch';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMAS = path.join(ROOT, 'test', 'fixtures', 'schemas');

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-lens.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A workspace with an open finding, a suppressed one, a note and a message with characters XML must escape. */
function workspace(): string {
  const dir = scratchDir('formats');
  fs.writeFileSync(path.join(dir, 'load.py'), 'import pickle, torch\nm = pickle.load(f)\n# ai-lens: ignore[unsafe-model-deserialization] -- built & signed by "our" <pipeline>\nn = pickle.load(g)\nw = torch.load(p)\n');
  fs.copyFileSync(path.join(ROOT, 'examples', 'infra', 'terraform', 'main.tf'), path.join(dir, 'main.tf'));
  return dir;
}

function schemaErrors(validate: { (data: unknown): boolean; errors?: unknown[] | null }, data: unknown): string {
  return validate(data) ? '' : JSON.stringify(validate.errors, null, 2).slice(0, 3000);
}

describe('scan formats against their schemas', () => {
  const dir = workspace();

  it('sarif is valid SARIF 2.1.0, with suppressions and baseline states', () => {
    const dir = workspace();
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8'));
    // The schema's formats (uri, date-time) are not checked: Ajv needs a plug-in for them.
    const validate = new AjvDraft04({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
    for (const args of [['examples'], [dir]]) {
      const { stdout, code } = cli(['scan', ...args, '--format', 'sarif', '--fail-on', 'never']);
      assert.equal(code, 0);
      const sarif = JSON.parse(stdout);
      assert.equal(schemaErrors(validate, sarif), '');
      assert.ok(sarif.runs[0].results.length > 0);
    }
    const sarif = JSON.parse(cli(['scan', dir, '--format', 'sarif']).stdout);
    assert.ok(sarif.runs[0].results.some((r: { suppressions?: unknown[] }) => r.suppressions?.length), 'a suppressed result');
    const baseline = path.join(scratchDir('formats-baseline'), 'baseline.sarif'); // outside the scanned folder
    fs.writeFileSync(baseline, JSON.stringify(sarif));
    fs.appendFileSync(path.join(dir, 'load.py'), 'x = pickle.loads(blob)\n');
    const compared = JSON.parse(cli(['scan', dir, '--format', 'sarif', '--baseline', baseline]).stdout);
    assert.equal(schemaErrors(validate, compared), '');
    const open = compared.runs[0].results.filter((r: { suppressions?: unknown[] }) => !r.suppressions);
    assert.deepEqual(open.map((r: { baselineState: string; locations: any[] }) => [r.baselineState, r.locations[0].physicalLocation.region.startLine]), [['new', 6]]);
  });

  it('gitlab is a valid Code Quality report with unique fingerprints and repository paths', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'gitlab-code-quality.schema.json'), 'utf8')));
    const { stdout, code } = cli(['scan', 'examples', '--format', 'gitlab']);
    assert.equal(code, 1, 'warnings fail the default --fail-on warning');
    const issues = JSON.parse(stdout);
    assert.equal(schemaErrors(validate, issues), '');
    const json = JSON.parse(cli(['scan', 'examples', '--format', 'json']).stdout);
    const open = json.findings.filter((f: { suppressed?: unknown }) => !f.suppressed);
    assert.equal(issues.length, open.length);
    assert.equal(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
    for (const issue of issues) assert.ok(fs.existsSync(path.join(ROOT, issue.location.path)), issue.location.path);
    const first = issues.find((i: { check_name: string; location: { path: string } }) => i.check_name === 'bedrock-call-without-guardrail' && i.location.path === 'examples/chat-service/app.py');
    assert.deepEqual(first.location, { path: 'examples/chat-service/app.py', lines: { begin: 32, end: 32 } });
    assert.equal(first.severity, 'major');
    assert.match(first.content.body, /gensec02-bp01\.html$/);
    // The suppressed finding is left out.
    const fromDir = JSON.parse(cli(['scan', '.', '--format', 'gitlab', '--fail-on', 'never'], dir).stdout);
    assert.equal(schemaErrors(validate, fromDir), '');
    assert.equal(fromDir.filter((i: { check_name: string }) => i.check_name === 'unsafe-model-deserialization').length, 2);
  });

  it('junit is valid against junit-10.xsd: a suite per rule, failures for findings, skipped for suppressions', async () => {
    const xsd = fs.readFileSync(path.join(SCHEMAS, 'junit-10.xsd'), 'utf8');
    const { stdout, code } = cli(['scan', dir, '--format', 'junit']);
    assert.equal(code, 1);
    const result = await validateXML({ xml: { fileName: 'ai-lens.xml', contents: stdout }, schema: { fileName: 'junit-10.xsd', contents: xsd } });
    assert.equal(result.valid, true, result.rawOutput);
    const suite = /<testsuite name="unsafe-model-deserialization" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)">/.exec(stdout);
    assert.deepEqual(suite?.slice(1), ['3', '2', '1']);
    assert.match(stdout, /<skipped message="suppressed: built &amp; signed by &quot;our&quot; &lt;pipeline&gt;"\/>/);
    assert.match(stdout, /<testcase name="no finding in 2 checked files" classname="llm-call-without-max-tokens"\/>/, 'rules without findings pass');
    const totals = /<testsuites name="AI Lens" tests="(\d+)" failures="(\d+)"/.exec(stdout)!;
    const open = JSON.parse(cli(['scan', dir, '--format', 'json']).stdout).findings.filter((f: { suppressed?: unknown }) => !f.suppressed).length;
    assert.equal(Number(totals[2]), open);
    // A broken document is refused: the validator is not a rubber stamp.
    const broken = await validateXML({ xml: { fileName: 'broken.xml', contents: stdout.replace(/(<testsuite [^>]*?) failures="\d+"/, '$1') }, schema: { fileName: 'junit-10.xsd', contents: xsd } });
    assert.equal(broken.valid, false);
  });
});
