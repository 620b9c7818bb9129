// Every form of Terraform value the evaluator knows, and the ones it must leave unknown (never reported as missing).
import { describe } from 'node:test';
import { scanTable } from './scanTable';

const ISOLATION = 'sagemaker-model-without-network-isolation';
const INTERNET = 'sagemaker-notebook-direct-internet';
const KMS = 'sagemaker-notebook-without-kms-key';

/** A model whose isolation setting is `value`. */
const model = (value: string, name = 'ranker') =>
  `resource "aws_sagemaker_model" "${name}" {\n  name                     = "${name}"\n  execution_role_arn       = var.role\n  enable_network_isolation = ${value}\n  primary_container { image = "x" }\n}\n`;

/** A notebook whose internet access is `access` and KMS key `kms`. */
const notebook = (access: string, kms = '"arn:aws:kms:eu-west-1:111122223333:key/k"') =>
  `resource "aws_sagemaker_notebook_instance" "lab" {\n  name                   = "lab"\n  role_arn               = var.role\n  instance_type          = "ml.t3.medium"\n` +
  `  direct_internet_access = ${access}\n  kms_key_id             = ${kms}\n}\n`;

const variable = (name: string, body: string) => `variable "${name}" {\n${body}\n}\n`;

describe('Terraform values: variables, tfvars and variables files', () => {
  scanTable(
    [ISOLATION, INTERNET],
    [
      {
        name: 'a default of false is reported, at the use, saying where it comes from',
        files: { 'variables.tf': variable('isolate', '  type    = bool\n  default = false'), 'main.tf': model('var.isolate') },
        expect: [`main.tf:4 ${ISOLATION}`],
        messages: { [`main.tf:4 ${ISOLATION}`]: /turns network isolation off.*\(`var\.isolate` defaults to false in variables\.tf\)$/ },
        related: { [`main.tf:4 ${ISOLATION}`]: ['variables.tf:3'] },
      },
      { name: 'a default of true is not', files: { 'variables.tf': variable('isolate', '  default = true'), 'main.tf': model('var.isolate') }, expect: [] },
      { name: 'a variable without a default is unknown: never reported', files: { 'variables.tf': variable('isolate', '  type = bool'), 'main.tf': model('var.isolate') }, expect: [] },
      { name: 'an undeclared variable is unknown', files: { 'main.tf': model('var.isolate') }, expect: [] },
      {
        name: 'a variable declared twice is unknown',
        files: { 'a.tf': variable('isolate', '  default = false'), 'b.tf': variable('isolate', '  default = false'), 'main.tf': model('var.isolate') },
        expect: [],
      },
      {
        name: 'the same file: a variable and its use',
        files: { 'main.tf': variable('access', '  default = "Enabled"') + notebook('var.access') },
        expect: [`main.tf:8 ${INTERNET}`],
        messages: { [`main.tf:8 ${INTERNET}`]: /\(`var\.access` defaults to "Enabled"\)$/ },
        related: { [`main.tf:8 ${INTERNET}`]: ['main.tf:2'] },
      },
      {
        name: 'terraform.tfvars wins over the default',
        files: { 'variables.tf': variable('access', '  default = "Disabled"'), 'terraform.tfvars': 'access = "Enabled"\n', 'main.tf': notebook('var.access') },
        expect: [`main.tf:5 ${INTERNET}`],
        messages: { [`main.tf:5 ${INTERNET}`]: /`var\.access` is "Enabled" in terraform\.tfvars/ },
        related: { [`main.tf:5 ${INTERNET}`]: ['terraform.tfvars:1'] },
      },
      {
        name: 'terraform.tfvars can make an unsafe default safe',
        files: { 'variables.tf': variable('access', '  default = "Enabled"'), 'terraform.tfvars': 'access = "Disabled"\n', 'main.tf': notebook('var.access') },
        expect: [],
      },
      {
        name: 'a variable with no default set in terraform.tfvars',
        files: { 'variables.tf': variable('isolate', '  type = bool'), 'terraform.tfvars': 'isolate = false\n', 'main.tf': model('var.isolate') },
        expect: [`main.tf:4 ${ISOLATION}`],
      },
      {
        name: '*.auto.tfvars wins over terraform.tfvars, the last by name over the others',
        files: {
          'variables.tf': variable('access', '  default = "Disabled"'),
          'terraform.tfvars': 'access = "Disabled"\n',
          'a.auto.tfvars': 'access = "Disabled"\n',
          'b.auto.tfvars': 'access = "Enabled"\n',
          'main.tf': notebook('var.access'),
        },
        expect: [`main.tf:5 ${INTERNET}`],
        messages: { [`main.tf:5 ${INTERNET}`]: /in b\.auto\.tfvars/ },
      },
      {
        name: 'terraform.tfvars.json is read',
        files: { 'variables.tf': variable('isolate', '  default = true'), 'terraform.tfvars.json': '{ "isolate": false }\n', 'main.tf': model('var.isolate') },
        expect: [`main.tf:4 ${ISOLATION}`],
        messages: { [`main.tf:4 ${ISOLATION}`]: /`var\.isolate` is false in terraform\.tfvars\.json/ },
      },
      {
        name: 'a tfvars file Terraform does not read unless told is not read',
        files: { 'variables.tf': variable('access', '  default = "Disabled"'), 'prod.tfvars': 'access = "Enabled"\n', 'main.tf': notebook('var.access') },
        expect: [],
      },
      {
        name: '--var-file wins over everything, in the order given',
        files: {
          'variables.tf': variable('access', '  default = "Disabled"'),
          'a.auto.tfvars': 'access = "Disabled"\n',
          'env/prod.tfvars': 'access = "Enabled"\n',
          'env/other.tfvars': 'access = "Disabled"\n',
          'main.tf': notebook('var.access'),
        },
        varFiles: ['env/other.tfvars', 'env/prod.tfvars'],
        expect: [`main.tf:5 ${INTERNET}`],
        messages: { [`main.tf:5 ${INTERNET}`]: /in prod\.tfvars/ },
      },
      {
        name: 'a type constraint converts the value: "false" for a bool',
        files: { 'variables.tf': variable('isolate', '  type    = bool\n  default = "false"'), 'main.tf': model('var.isolate') },
        expect: [`main.tf:4 ${ISOLATION}`],
      },
      {
        name: 'optional() defaults of an object type fill in attributes the value leaves out',
        files: {
          'variables.tf': variable('notebook', '  type = object({\n    access = optional(string, "Enabled")\n    name   = string\n  })\n  default = { name = "lab" }'),
          'main.tf': notebook('var.notebook.access'),
        },
        expect: [`main.tf:5 ${INTERNET}`],
        messages: { [`main.tf:5 ${INTERNET}`]: /`var\.notebook\.access` defaults to "Enabled"/ },
      },
      {
        name: 'an object type drops attributes it does not declare: lookup then takes its default',
        files: {
          'variables.tf': variable('cfg', '  type    = object({ name = string })\n  default = { name = "x", access = "Disabled" }'),
          'main.tf': notebook('lookup(var.cfg, "access", "Enabled")'),
        },
        expect: [`main.tf:5 ${INTERNET}`],
      },
      {
        name: 'a type constraint we do not read leaves the variable unknown',
        files: { 'variables.tf': variable('isolate', '  type    = custom_type\n  default = false'), 'main.tf': model('var.isolate') },
        expect: [],
      },
      {
        name: 'nullable = false: a null value takes the default',
        files: { 'variables.tf': variable('access', '  nullable = false\n  default  = "Enabled"'), 'terraform.tfvars': 'access = null\n', 'main.tf': notebook('var.access') },
        expect: [`main.tf:5 ${INTERNET}`],
      },
    ],
  );
});

describe('Terraform values: locals', () => {
  scanTable(
    [INTERNET, KMS],
    [
      {
        name: 'a local set to "Enabled" in another file',
        files: { 'locals.tf': 'locals {\n  access = "Enabled"\n}\n', 'main.tf': notebook('local.access') },
        expect: [`main.tf:5 ${INTERNET}`],
        messages: { [`main.tf:5 ${INTERNET}`]: /\(`local\.access` is "Enabled" in locals\.tf\)$/ },
        related: { [`main.tf:5 ${INTERNET}`]: ['locals.tf:2'] },
      },
      {
        name: 'a nested object in a local, read by attribute and by index',
        files: { 'main.tf': 'locals {\n  nb = { settings = { access = "Enabled", kms = null } }\n}\n' + notebook('local.nb.settings["access"]', 'local.nb["settings"].kms') },
        expect: [`main.tf:8 ${INTERNET}`, `main.tf:9 ${KMS}`],
        messages: { [`main.tf:9 ${KMS}`]: /`local\.nb\["settings"\]\.kms` is null/ },
      },
      {
        name: 'locals that refer to locals and variables',
        files: {
          'main.tf':
            'variable "public" {\n  default = true\n}\nlocals {\n  mode   = var.public ? "Enabled" : "Disabled"\n  access = local.mode\n}\n' + notebook('local.access'),
        },
        expect: [`main.tf:12 ${INTERNET}`],
        messages: { [`main.tf:12 ${INTERNET}`]: /`local\.access` is "Enabled"; `local\.mode` is "Enabled"; `var\.public` defaults to true/ },
      },
      {
        name: 'a local built from a variable without a default is unknown',
        files: { 'main.tf': 'variable "public" {}\nlocals {\n  access = var.public ? "Enabled" : "Disabled"\n}\n' + notebook('local.access') },
        expect: [],
      },
      {
        name: 'locals that refer to each other in a cycle are unknown',
        files: { 'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\n' + notebook('local.a') },
        expect: [],
      },
      { name: 'a missing local is unknown', files: { 'main.tf': notebook('local.nothing') }, expect: [] },
      {
        name: 'a resource attribute in a local stays unknown',
        files: { 'main.tf': 'locals {\n  kms = aws_kms_key.k.arn\n}\n' + notebook('"Disabled"', 'local.kms') },
        expect: [],
      },
    ],
  );
});

describe('Terraform values: functions, conditionals and templates', () => {
  scanTable(
    [INTERNET, KMS],
    [
      { name: 'lookup of a key that is there', files: { 'main.tf': notebook('lookup({ a = "Enabled" }, "a", "Disabled")') }, expect: [`main.tf:5 ${INTERNET}`] },
      { name: 'lookup of a key that is not: the default', files: { 'main.tf': notebook('lookup({ a = "Disabled" }, "b", "Enabled")') }, expect: [`main.tf:5 ${INTERNET}`] },
      { name: 'lookup in a map from a variable without default is unknown', files: { 'main.tf': 'variable "m" {}\n' + notebook('lookup(var.m, "access", "Enabled")') }, expect: [] },
      { name: 'lookup with an unknown key is unknown', files: { 'main.tf': notebook('lookup({ a = "Enabled" }, var.k, "Enabled")') }, expect: [] },
      { name: 'try: the first argument that does not fail', files: { 'main.tf': 'locals {\n  o = { x = 1 }\n}\n' + notebook('try(local.o.access, "Enabled")') }, expect: [`main.tf:8 ${INTERNET}`] },
      { name: 'try: a first argument that is unknown makes it unknown', files: { 'main.tf': notebook('try(var.cfg.access, "Enabled")') }, expect: [] },
      { name: 'try: a first argument that works', files: { 'main.tf': notebook('try("Disabled", "Enabled")') }, expect: [] },
      { name: 'coalesce skips null and ""', files: { 'main.tf': notebook('coalesce(null, "", "Enabled")') }, expect: [`main.tf:5 ${INTERNET}`] },
      { name: 'coalesce with an unknown value first is unknown', files: { 'main.tf': notebook('coalesce(var.access, "Enabled")') }, expect: [] },
      { name: 'coalesce with a known value first ignores later unknown ones', files: { 'main.tf': notebook('coalesce("Enabled", var.access)') }, expect: [`main.tf:5 ${INTERNET}`] },
      { name: 'a conditional with a known condition', files: { 'main.tf': 'variable "private" {\n  default = false\n}\n' + notebook('var.private ? "Disabled" : "Enabled"') }, expect: [`main.tf:8 ${INTERNET}`] },
      { name: 'a conditional with an unknown condition is unknown', files: { 'main.tf': 'variable "private" {}\n' + notebook('var.private ? "Disabled" : "Enabled"') }, expect: [] },
      { name: 'a comparison decides a conditional', files: { 'main.tf': 'variable "env" {\n  default = "dev"\n}\n' + notebook('var.env == "prod" ? "Disabled" : "Enabled"') }, expect: [`main.tf:8 ${INTERNET}`] },
      { name: 'a template of known parts', files: { 'main.tf': 'locals {\n  state = "abled"\n}\n' + notebook('"En${local.state}"') }, expect: [`main.tf:8 ${INTERNET}`] },
      { name: 'a template with an unknown part is unknown', files: { 'main.tf': notebook('"En${var.state}"') }, expect: [] },
      { name: 'a function we do not evaluate is unknown', files: { 'main.tf': notebook('format("%sabled", "En")') }, expect: [] },
      { name: 'a null KMS key from a conditional on a default', files: { 'main.tf': 'variable "encrypt" {\n  default = false\n}\n' + notebook('"Disabled"', 'var.encrypt ? "arn:k" : null') }, expect: [`main.tf:9 ${KMS}`] },
      { name: 'upper/lower of known strings', files: { 'main.tf': notebook('title("x") == "X" ? "Disabled" : upper("enabled") == "ENABLED" ? "Enabled" : "Disabled"') }, expect: [] },
    ],
  );
});

describe('Terraform values: bounds', () => {
  const chain = (n: number) => 'locals {\n' + Array.from({ length: n }, (_, i) => `  l${i} = local.l${i + 1}\n`).join('') + `  l${n} = "Enabled"\n}\n`;
  scanTable(
    [INTERNET],
    [
      {
        name: 'a long chain of locals is followed',
        files: { 'main.tf': notebook('local.l0') + chain(40) },
        expect: [`main.tf:5 ${INTERNET}`],
      },
      {
        name: 'a deeply nested expression is bounded and unknown',
        files: { 'main.tf': notebook(`${'('.repeat(300)}"Enabled"${')'.repeat(300)}`) },
        expect: [],
      },
      {
        // d0 has 2^40 strings in it: the deep ones are unknown, but d0 still holds two items.
        name: 'a local that doubles at each step stays bounded',
        files: {
          'main.tf':
            'locals {\n' + Array.from({ length: 40 }, (_, i) => `  d${i} = [local.d${i + 1}, local.d${i + 1}]\n`).join('') + '  d40 = "x"\n  access = length(local.d0) == 2 ? "Enabled" : "Disabled"\n}\n' + notebook('local.access'),
        },
        expect: [`main.tf:49 ${INTERNET}`],
      },
    ],
  );
});
