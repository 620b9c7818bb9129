// The awscc provider's resources are the CloudFormation types in snake_case: the checks keyed by CloudFormation types
// run on them, and their fixes write HCL attributes (`= { … }`) with snake_case keys.
import { ruleTester } from '../ruleTester';

const agent = (extra: string) =>
  'resource "awscc_bedrock_agent" "support" {\n  agent_name              = "support"\n  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n' +
  `  agent_resource_role_arn = awscc_iam_role.agent.arn\n${extra}}\n`;

ruleTester('bedrock-agent-without-guardrail', {
  valid: [
    { filename: 'agent.tf', code: agent('  guardrail_configuration = {\n    guardrail_identifier = awscc_bedrock_guardrail.g.guardrail_id\n    guardrail_version    = "1"\n  }\n') },
    { name: 'from a variable', filename: 'agent.tf', code: agent('  guardrail_configuration = var.guardrail\n') },
  ],
  invalid: [
    {
      filename: 'agent.tf',
      code: agent(''),
      errors: [{ line: 1, column: 32, message: /`support` has no `guardrail_configuration`/ }],
      output: agent('  guardrail_configuration = { guardrail_identifier = "<guardrail-id>", guardrail_version = "DRAFT" }\n'),
    },
  ],
});

ruleTester('bedrock-agent-without-kms-key', {
  valid: [{ filename: 'agent.tf', code: agent('  customer_encryption_key_arn = awscc_kms_key.agent.arn\n') }],
  invalid: [
    {
      filename: 'agent.tf',
      code: agent(''),
      errors: [{ line: 1, column: 32, message: /has no `customer_encryption_key_arn`/ }],
      output: 'resource "awscc_bedrock_agent" "support" {\n  agent_name                  = "support"\n  foundation_model            = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n  agent_resource_role_arn     = awscc_iam_role.agent.arn\n  customer_encryption_key_arn = "<kms-key-arn>"\n}\n',
    },
    {
      filename: 'agent.tf',
      code: agent('  customer_encryption_key_arn = ""\n'),
      errors: [{ line: 5, column: 33 }],
      output: agent('  customer_encryption_key_arn = "<kms-key-arn>"\n'),
    },
  ],
});

const guardrail = (policies: string) =>
  'resource "awscc_bedrock_guardrail" "support" {\n  name                      = "support"\n  blocked_input_messaging   = "Sorry."\n' +
  `  blocked_outputs_messaging = "Sorry."\n  kms_key_arn               = awscc_kms_key.guardrail.arn\n${policies}}\n`;
const contentPolicy = (filters: string) => `  content_policy_config = {\n    filters_config = [\n${filters}\n    ]\n  }\n`;
const HATE = '      { type = "HATE", input_strength = "HIGH", output_strength = "HIGH" }';
const promptAttack = (strength: string) => `      { type = "PROMPT_ATTACK", input_strength = "${strength}", output_strength = "NONE" }`;
const knowledgeBase = 'resource "awscc_bedrock_knowledge_base" "docs" {\n  name     = "docs"\n  role_arn = awscc_iam_role.kb.arn\n}\n';

ruleTester('bedrock-guardrail-weak-prompt-attack-filter', {
  valid: [
    { filename: 'guardrail.tf', code: guardrail(contentPolicy(`${HATE},\n${promptAttack('HIGH')}`)) },
    { name: 'filters from a variable', filename: 'guardrail.tf', code: guardrail('  content_policy_config = { filters_config = var.filters }\n') },
  ],
  invalid: [
    {
      name: 'no PROMPT_ATTACK filter: appended to the list as an HCL object',
      filename: 'guardrail.tf',
      code: guardrail(contentPolicy(HATE)),
      errors: [{ line: 6, column: 3, message: /no PROMPT_ATTACK content filter/ }],
      output: guardrail(contentPolicy(`${HATE},\n${promptAttack('HIGH')}`)),
    },
    {
      filename: 'guardrail.tf',
      code: guardrail(contentPolicy(`${HATE},\n${promptAttack('LOW')}`)),
      errors: [{ line: 9, column: 50, message: /LOW input strength/ }],
      output: guardrail(contentPolicy(`${HATE},\n${promptAttack('HIGH')}`)),
    },
    {
      name: 'no content policy: one added with snake_case keys',
      filename: 'guardrail.tf',
      code: guardrail(''),
      errors: [{ line: 1, column: 36, message: /no content policy/ }],
      output: 'resource "awscc_bedrock_guardrail" "support" {\n  name                      = "support"\n  blocked_input_messaging   = "Sorry."\n  blocked_outputs_messaging = "Sorry."\n  kms_key_arn               = awscc_kms_key.guardrail.arn\n  content_policy_config     = { filters_config = [{ type = "PROMPT_ATTACK", input_strength = "HIGH", output_strength = "NONE" }] }\n}\n',
    },
  ],
});

ruleTester('bedrock-guardrail-without-kms-key', {
  valid: [{ filename: 'guardrail.tf', code: guardrail('') }],
  invalid: [
    {
      filename: 'guardrail.tf',
      code: guardrail('').replace('  kms_key_arn               = awscc_kms_key.guardrail.arn\n', ''),
      errors: [{ line: 1, column: 36, message: /`support` has no `kms_key_arn`/ }],
      output: 'resource "awscc_bedrock_guardrail" "support" {\n  name                      = "support"\n  blocked_input_messaging   = "Sorry."\n  blocked_outputs_messaging = "Sorry."\n  kms_key_arn               = "<kms-key-arn>"\n}\n',
    },
  ],
});

const PII = '  sensitive_information_policy_config = {\n    pii_entities_config = [{ type = "EMAIL", action = "ANONYMIZE" }]\n  }\n';

ruleTester('bedrock-guardrail-without-pii-filter', {
  valid: [
    { filename: 'guardrail.tf', code: guardrail(PII) },
    { name: 'regexes only', filename: 'guardrail.tf', code: guardrail('  sensitive_information_policy_config = {\n    regexes_config = [{ name = "id", pattern = "ID-\\\\d+", action = "BLOCK" }]\n  }\n') },
    // Evaluated values read with CloudFormation's names, as written ones are.
    {
      name: 'a policy built in a conditional',
      filename: 'guardrail.tf',
      code: guardrail('  sensitive_information_policy_config = var.pii ? {\n    pii_entities_config = [{ type = "EMAIL", action = "ANONYMIZE" }]\n  } : null\n') + 'variable "pii" {\n  default = true\n}\n',
    },
    { name: 'a policy in a local', filename: 'guardrail.tf', code: guardrail('  sensitive_information_policy_config = local.pii\n') + 'locals {\n  pii = { pii_entities_config = [{ type = "EMAIL", action = "ANONYMIZE" }] }\n}\n' },
  ],
  invalid: [
    {
      filename: 'guardrail.tf',
      code: guardrail(''),
      errors: [{ line: 1, column: 36, message: /no sensitive-information policy/ }],
      output: 'resource "awscc_bedrock_guardrail" "support" {\n  name                                = "support"\n  blocked_input_messaging             = "Sorry."\n  blocked_outputs_messaging           = "Sorry."\n  kms_key_arn                         = awscc_kms_key.guardrail.arn\n  sensitive_information_policy_config = { pii_entities_config = [{ type = "EMAIL", action = "ANONYMIZE" }, { type = "PHONE", action = "ANONYMIZE" }, { type = "US_SOCIAL_SECURITY_NUMBER", action = "BLOCK" }, { type = "CREDIT_DEBIT_CARD_NUMBER", action = "BLOCK" }] }\n}\n',
    },
  ],
});

const grounding = (filters: string) => `  contextual_grounding_policy_config = {\n    filters_config = [${filters}]\n  }\n`;

ruleTester('bedrock-guardrail-without-contextual-grounding', {
  valid: [
    { name: 'no knowledge base in the file', filename: 'guardrail.tf', code: guardrail('') },
    { filename: 'guardrail.tf', code: guardrail(grounding('{ type = "GROUNDING", threshold = 0.75 }, { type = "RELEVANCE", threshold = 0.75 }')) + knowledgeBase },
  ],
  invalid: [
    {
      filename: 'guardrail.tf',
      code: guardrail(grounding('{ type = "RELEVANCE", threshold = 0.7 }')) + knowledgeBase,
      errors: [{ line: 6, column: 3, message: /no GROUNDING filter/ }],
      output: guardrail(grounding('{ type = "RELEVANCE", threshold = 0.7 }, { type = "GROUNDING", threshold = 0.75 }')) + knowledgeBase,
    },
  ],
});

const dataSource = (extra: string) =>
  'resource "awscc_bedrock_data_source" "docs" {\n  knowledge_base_id = awscc_bedrock_knowledge_base.docs.knowledge_base_id\n  name              = "docs"\n' +
  `  data_source_configuration = {\n    type              = "S3"\n    s3_configuration  = { bucket_arn = awscc_s3_bucket.docs.arn }\n  }\n${extra}}\n`;

ruleTester('bedrock-knowledge-base-data-source-without-kms-key', {
  valid: [{ filename: 'kb.tf', code: dataSource('  server_side_encryption_configuration = { kms_key_arn = awscc_kms_key.kb.arn }\n') }],
  invalid: [
    {
      filename: 'kb.tf',
      code: dataSource(''),
      errors: [{ line: 1, column: 38, message: /`docs` has no customer managed key/ }],
      output: dataSource('  server_side_encryption_configuration = { kms_key_arn = "<kms-key-arn>" }\n'),
    },
    {
      name: 'an empty configuration: no place to insert into an HCL object, so no fix',
      filename: 'kb.tf',
      code: dataSource('  server_side_encryption_configuration = {}\n'),
      errors: [{ line: 8, column: 3 }],
      output: null,
    },
  ],
});

const model = (extra: string) =>
  'resource "awscc_sagemaker_model" "ranker" {\n  execution_role_arn = awscc_iam_role.model.arn\n  primary_container = {\n    image = var.image\n  }\n' + `${extra}}\n`;
const VPC = '  vpc_config = {\n    subnets            = var.private_subnet_ids\n    security_group_ids = [aws_security_group.model.id]\n  }\n';

ruleTester('sagemaker-model-without-network-isolation', {
  valid: [{ filename: 'model.tf', code: model('  enable_network_isolation = true\n') }],
  invalid: [
    {
      filename: 'model.tf',
      code: model(''),
      errors: [{ line: 1, column: 34, message: /does not set `enable_network_isolation`/ }],
      output: model('  enable_network_isolation = true\n'),
    },
    {
      filename: 'model.tf',
      code: model('  enable_network_isolation = false\n'),
      errors: [{ line: 6, column: 30 }],
      output: model('  enable_network_isolation = true\n'),
    },
  ],
});

ruleTester('sagemaker-model-without-vpc', {
  valid: [{ filename: 'model.tf', code: model(VPC) }],
  invalid: [
    {
      filename: 'model.tf',
      code: model(''),
      errors: [{ line: 1, column: 34, message: /has no `vpc_config`/ }],
      output: model('  vpc_config = { subnets = ["<subnet-id>"], security_group_ids = ["<security-group-id>"] }\n'),
    },
  ],
});

const domain = (extra: string) =>
  'resource "awscc_sagemaker_domain" "studio" {\n  domain_name = "studio"\n  auth_mode   = "IAM"\n  vpc_id      = var.vpc_id\n  subnet_ids  = var.subnet_ids\n' +
  `  default_user_settings = {\n    execution_role = awscc_iam_role.studio.arn\n  }\n${extra}}\n`;

ruleTester('sagemaker-domain-public-internet', {
  valid: [{ filename: 'domain.tf', code: domain('  app_network_access_type = "VpcOnly"\n') }],
  invalid: [
    {
      filename: 'domain.tf',
      code: domain(''),
      errors: [{ line: 1, column: 35, message: /does not set `app_network_access_type`/ }],
      output: domain('  app_network_access_type = "VpcOnly"\n'),
    },
    {
      filename: 'domain.tf',
      code: domain('  app_network_access_type = "PublicInternetOnly"\n'),
      errors: [{ line: 9, column: 29 }],
      output: domain('  app_network_access_type = "VpcOnly"\n'),
    },
  ],
});

ruleTester('sagemaker-domain-without-kms-key', {
  valid: [{ filename: 'domain.tf', code: domain('  kms_key_id = awscc_kms_key.studio.arn\n') }],
  invalid: [{ filename: 'domain.tf', code: domain(''), errors: [{ line: 1, column: 35, message: /has no `kms_key_id`/ }], output: domain('  kms_key_id = "<kms-key-arn>"\n') }],
});
