// Local modules: a finding the caller's argument causes is reported at that argument, one the module's own default
// causes in the module; registry and git modules are not followed.
import { describe } from 'node:test';
import { scanTable } from './scanTable';

const ISOLATION = 'sagemaker-model-without-network-isolation';
const INTERNET = 'sagemaker-notebook-direct-internet';

const MODULE_VARIABLES = 'variable "enable_isolation" {\n  type    = bool\n  default = true\n}\n\nvariable "access" {\n  type = string\n}\n';
const MODULE_MAIN =
  'resource "aws_sagemaker_model" "this" {\n  name                     = "m"\n  execution_role_arn       = "arn:aws:iam::111122223333:role/r"\n  enable_network_isolation = var.enable_isolation\n  primary_container { image = "x" }\n}\n\n' +
  'resource "aws_sagemaker_notebook_instance" "this" {\n  name                   = "n"\n  role_arn               = "arn:aws:iam::111122223333:role/r"\n  instance_type          = "ml.t3.medium"\n  direct_internet_access = var.access\n}\n';

const withModule = (files: Record<string, string> = {}) => ({ 'modules/sm/variables.tf': MODULE_VARIABLES, 'modules/sm/main.tf': MODULE_MAIN, ...files });
const call = (args: string, source = './modules/sm', name = 'sm') => `module "${name}" {\n  source = "${source}"\n${args}}\n`;

describe('Terraform local modules', () => {
  scanTable(
    [ISOLATION, INTERNET],
    [
      {
        name: 'values the caller writes are reported at the caller, with the module resource related',
        files: withModule({ 'main.tf': call('  enable_isolation = false\n  access           = "Enabled"\n') }),
        expect: [`main.tf:3 ${ISOLATION}`, `main.tf:4 ${INTERNET}`],
        messages: {
          [`main.tf:3 ${ISOLATION}`]: /SageMaker model `this` turns network isolation off.*\(`module\.sm` is given `enable_isolation = false`\)$/,
          [`main.tf:4 ${INTERNET}`]: /\(`module\.sm` is given `access = "Enabled"`\)$/,
        },
        related: { [`main.tf:3 ${ISOLATION}`]: ['modules/sm/main.tf:4'], [`main.tf:4 ${INTERNET}`]: ['modules/sm/main.tf:12'] },
      },
      {
        name: "the caller's own variable default behind its argument is related too",
        files: withModule({ 'main.tf': 'variable "isolate" {\n  default = false\n}\n\n' + call('  enable_isolation = var.isolate\n  access           = "Disabled"\n') }),
        expect: [`main.tf:7 ${ISOLATION}`],
        messages: { [`main.tf:7 ${ISOLATION}`]: /`module\.sm` is given `enable_isolation = false`; `var\.isolate` defaults to false\)$/ },
        related: { [`main.tf:7 ${ISOLATION}`]: ['modules/sm/main.tf:4', 'main.tf:2'] },
      },
      {
        name: "the module's own default is reported in the module, not at the caller",
        files: withModule({ 'modules/sm/variables.tf': MODULE_VARIABLES.replace('default = true', 'default = false'), 'main.tf': call('  access = "Disabled"\n') }),
        expect: [`modules/sm/main.tf:4 ${ISOLATION}`],
        messages: { [`modules/sm/main.tf:4 ${ISOLATION}`]: /`var\.enable_isolation` defaults to false in variables\.tf/ },
      },
      {
        name: 'a caller that overrides an unsafe default with a safe value adds nothing',
        files: withModule({ 'modules/sm/variables.tf': MODULE_VARIABLES.replace('default = true', 'default = false'), 'main.tf': call('  enable_isolation = true\n  access = "Disabled"\n') }),
        expect: [`modules/sm/main.tf:4 ${ISOLATION}`],
      },
      { name: 'an argument the caller cannot know stays unknown', files: withModule({ 'main.tf': 'variable "access" {}\n' + call('  access = var.access\n') }), expect: [] },
      { name: 'a call with count = 0 has no instance', files: withModule({ 'main.tf': call('  count  = 0\n  access = "Enabled"\n') }), expect: [] },
      { name: 'a call with an empty for_each has no instance', files: withModule({ 'main.tf': call('  for_each = toset([])\n  access   = "Enabled"\n') }), expect: [] },
      { name: 'a registry module is not followed', files: withModule({ 'main.tf': call('  access = "Enabled"\n', 'terraform-aws-modules/sagemaker/aws') }), expect: [] },
      { name: 'a git module is not followed', files: withModule({ 'main.tf': call('  access = "Enabled"\n', 'git::https://example.com/sm.git') }), expect: [] },
      { name: 'a local module that is not there is not followed', files: { 'main.tf': call('  access = "Enabled"\n', './modules/missing') }, expect: [] },
      {
        name: 'the same module called twice: each call for its own arguments',
        files: withModule({ 'main.tf': call('  access = "Enabled"\n', './modules/sm', 'a') + call('  access = "Disabled"\n', './modules/sm', 'b') + call('  access = "Enabled"\n', './modules/sm', 'c') }),
        expect: [`main.tf:3 ${INTERNET}`, `main.tf:11 ${INTERNET}`],
      },
      {
        name: 'a module calling a module: reported at the outermost argument that set the value',
        files: {
          'main.tf': call('  access = "Enabled"\n', './modules/outer', 'outer'),
          'modules/outer/main.tf': 'variable "access" {}\n\n' + call('  access = var.access\n', '../sm', 'inner'),
          'modules/sm/variables.tf': MODULE_VARIABLES,
          'modules/sm/main.tf': MODULE_MAIN,
        },
        expect: [`main.tf:3 ${INTERNET}`],
        messages: { [`main.tf:3 ${INTERNET}`]: /`module\.inner` is given `access = "Enabled"` in main\.tf; `module\.outer` is given `access = "Enabled"`/ },
        related: { [`main.tf:3 ${INTERNET}`]: ['modules/sm/main.tf:12', 'modules/outer/main.tf:5'] },
      },
      {
        name: 'a module that calls itself is followed once',
        files: { 'main.tf': call('  access = "Enabled"\n', '.', 'self') + MODULE_VARIABLES + MODULE_MAIN },
        expect: [],
      },
      {
        name: "a finding suppressed in the module stays suppressed for its callers",
        files: withModule({
          'modules/sm/main.tf': MODULE_MAIN.replace('  direct_internet_access = var.access', '  # ai-lens: ignore[sagemaker-notebook-direct-internet] -- a sandbox module\n  direct_internet_access = var.access'),
          'main.tf': call('  access = "Enabled"\n'),
        }),
        expect: [],
      },
      {
        name: 'a default the module looks up when the caller leaves the key out is the module\'s',
        files: {
          'modules/sm/main.tf': 'variable "lab" {\n  default = {}\n}\nlocals {\n  defaults = { access = "Enabled" }\n}\n' + MODULE_MAIN.slice(MODULE_MAIN.indexOf('resource "aws_sagemaker_notebook_instance"')).replace('var.access', 'lookup(var.lab, "access", local.defaults.access)'),
          'main.tf': call('  lab = {}\n') + call('  lab = { access = "Enabled" }\n', './modules/sm', 'open'),
        },
        expect: [`main.tf:7 ${INTERNET}`, `modules/sm/main.tf:11 ${INTERNET}`],
        messages: { [`modules/sm/main.tf:11 ${INTERNET}`]: /`local\.defaults\.access` is "Enabled"\)$/, [`main.tf:7 ${INTERNET}`]: /`module\.open` is given `lab = \{…\}`/ },
      },
      {
        name: 'a resource the module leaves out by default and a caller creates is checked, in the module',
        files: {
          'modules/sm/main.tf':
            'variable "create_model" {\n  default = false\n}\n' +
            MODULE_MAIN.slice(0, MODULE_MAIN.indexOf('resource "aws_sagemaker_notebook_instance"')).replace('  enable_network_isolation = var.enable_isolation\n', '  count = var.create_model ? 1 : 0\n'),
          'main.tf': call('  create_model = true\n'),
        },
        expect: [`modules/sm/main.tf:4 ${ISOLATION}`],
        messages: { [`modules/sm/main.tf:4 ${ISOLATION}`]: /does not set `enable_network_isolation`.*\(created by `module\.sm` in \.\.\/\.\.\/main\.tf\)$/ },
        related: { [`modules/sm/main.tf:4 ${ISOLATION}`]: ['main.tf:1'] },
      },
      {
        name: 'not when no caller creates it',
        files: {
          'modules/sm/main.tf':
            'variable "create_model" {\n  default = false\n}\n' +
            MODULE_MAIN.slice(0, MODULE_MAIN.indexOf('resource "aws_sagemaker_notebook_instance"')).replace('  enable_network_isolation = var.enable_isolation\n', '  count = var.create_model ? 1 : 0\n'),
          'main.tf': call('  create_model = false\n'),
        },
        expect: [],
      },
      {
        name: 'a suppression at the caller argument silences it there',
        files: withModule({ 'main.tf': call('  # ai-lens: ignore[sagemaker-notebook-direct-internet] -- the lab needs pip\n  access = "Enabled"\n') }),
        expect: [],
      },
    ],
  );
});
