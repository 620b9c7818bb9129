// A Terraform file's blocks are moved in place after an edit (`extract/terraform.ts`, `placedInPlace`), and a block's
// resolution in its module is carried into the next scope when it read none of the names whose declarations the edit
// changed (`ModuleScope.readsOf`, `changedNames`). After random edits (declarations edited, lines put in and taken out,
// characters typed), the facts, findings and what is kept for the workspace must be a fresh analysis's, and what the
// language server kept of the previous version (its findings, and the places of the resources kept for the workspace)
// must be as it was.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import type { Finding, ResourceFact } from '../server/src/engine/types';
import type { TerraformFacts } from '../server/src/engine/terraform/declarations';
import { keepForWorkspace } from '../server/src/engine/workspaceFacts';
import { Random } from './fuzz/random';
import { lineOrCharacterEdit, plainFindings } from './randomEdits';

const MODULE = `variable "instance_type" {
  type    = string
  default = "ml.m5.xlarge"
}

variable "capture" {
  type    = bool
  default = false
}

locals {
  name     = "support"
  prefix   = "\${local.name}-ml"
  sampling = var.capture ? 100 : 0
  count    = 1
}

resource "aws_sagemaker_endpoint_configuration" "chat" {
  name = "\${local.prefix}-chat"

  production_variants {
    variant_name           = "primary"
    model_name             = "chat"
    instance_type          = var.instance_type
    initial_instance_count = local.count
  }
}

resource "aws_sagemaker_endpoint_configuration" "scoring" {
  name        = "scoring"
  kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/abc"

  production_variants {
    variant_name           = "primary"
    model_name             = "scoring"
    instance_type          = "ml.m5.large"
    initial_instance_count = 1
  }

  data_capture_config {
    enable_capture              = var.capture
    initial_sampling_percentage = local.sampling
    destination_s3_uri          = "s3://capture/scoring"
  }
}

resource "aws_bedrock_guardrail" "chat" {
  name                      = local.name
  blocked_input_messaging   = "Blocked"
  blocked_outputs_messaging = "Blocked"

  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name                   = "lab"
  role_arn               = "arn:aws:iam::111122223333:role/lab"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name                   = "lab"
  role_arn               = "arn:aws:iam::111122223333:role/lab"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
}
`;

/** Lines an edit may put in: declarations (new, changed, twice, in a cycle) and settings that read them. */
/** What a random edit types. */
const TYPED = ['x', ' ', '\n', '"', '1'];

const LINES = [
  '  name = "other"\n',
  '  count = 0\n',
  '  sampling = 50\n',
  'locals {\n  extra = local.prefix\n}\n',
  'locals {\n  name = local.prefix\n}\n',
  'variable "capture" {\n  default = true\n}\n',
  'variable "extra" {\n  default = "x"\n}\n',
  '  default = "ml.g5.xlarge"\n',
  '  instance_type = local.extra\n',
  '  kms_key_arn = var.extra\n',
  '# a note\n',
  'resource "aws_s3_bucket" "b" {\n  bucket = local.name\n}\n',
];



/** The file's declarations as its module's scope reads them, without their places. */
function declared(facts: TerraformFacts): string {
  return JSON.stringify([facts.variables.map((v) => [v.name, v.type, v.default, v.notNullable]), facts.locals.map((l) => [l.name, l.value])]);
}

interface Counts {
  /** Edits after which a resource's values were the same objects at another place. */
  movedInPlace: number;
  /** Edits that changed the file's declarations and after which a resolved resource was the previous version's. */
  carried: number;
}

async function editedOver(seed: number, steps: number): Promise<Counts> {
  const path = '/work/infra/main.tf';
  const engine = await Engine.create(undefined, ['terraform']);
  const fresh = await Engine.create(undefined, ['terraform']);
  const forWorkspace = keepForWorkspace(engine.rules);
  const random = new Random(seed);
  const counts: Counts = { movedInPlace: 0, carried: 0 };
  let text = MODULE;
  let previous: { findings: Finding[]; copy: Finding[]; places: [ResourceFact, number, number][]; resources: ResourceFact[]; declarations: string; step: number } | undefined;
  for (let step = 0; step <= steps; step++, text = lineOrCharacterEdit(text, LINES, TYPED, random, 5)) {
    const result = engine.analyze({ path, text, language: 'terraform' });
    fresh.release(path);
    const want = fresh.analyze({ path, text, language: 'terraform' });
    assert.deepEqual(result.facts, want.facts, `version ${step}: facts`);
    const findings = plainFindings(result.findings);
    assert.deepEqual(findings, plainFindings(want.findings), `version ${step}: findings`);
    assert.deepEqual(result.problems, want.problems, `version ${step}: problems`);
    const kept = forWorkspace(result.facts!, text);
    assert.deepEqual(kept, keepForWorkspace(fresh.rules)(want.facts!, text), `version ${step}: what is kept for the workspace`);
    if (previous) {
      assert.deepEqual(previous.findings, previous.copy, `the findings of version ${previous.step} changed when version ${step} was analysed`);
      for (const [resource, start, nameStart] of previous.places) {
        assert.deepEqual([resource.span.start, resource.nameSpan.start], [start, nameStart], `a resource kept of version ${previous.step} moved when version ${step} was analysed`);
      }
      const before = new Map(previous.resources.map((r) => [r.props, r.span.start]));
      if (result.facts!.resources.some((r) => before.has(r.props) && before.get(r.props) !== r.span.start)) counts.movedInPlace++;
      const declarations = declared(result.facts!.terraform!);
      if (declarations !== previous.declarations && result.facts!.resources.some((r) => r.sources && previous!.resources.some((p) => p.props === r.props))) counts.carried++;
    }
    const declarations = declared(result.facts!.terraform!);
    previous = {
      findings,
      copy: structuredClone(findings),
      places: kept.resources.map((r) => [r, r.span.start, r.nameSpan.start]),
      resources: result.facts!.resources,
      declarations,
      step,
    };
  }
  return counts;
}

describe('Terraform edits', () => {
  it('give the facts, findings and kept facts of a fresh analysis, and leave the previous version as it was', async () => {
    const total: Counts = { movedInPlace: 0, carried: 0 };
    for (const seed of [1, 7, 23, 42, 57]) {
      const counts = await editedOver(seed, 80);
      total.movedInPlace += counts.movedInPlace;
      total.carried += counts.carried;
    }
    // The comparisons mean something only if values were moved in place and resolutions carried into a new scope.
    assert.ok(total.movedInPlace >= 60, `values moved in place after ${total.movedInPlace} edits`);
    assert.ok(total.carried >= 5, `resolutions carried into a new scope after ${total.carried} edits`);
  });
});
