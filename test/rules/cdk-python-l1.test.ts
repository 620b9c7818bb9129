// Python CDK L1 constructs get the checks TypeScript's get: snake_case keyword arguments, nested `Cfn*.XxxProperty(…)`
// objects and plain dicts, through every way of importing the modules; fixes are written as Python.
import { ruleTester } from '../ruleTester';

const file = 'stack.py';
const head = 'from aws_cdk import Stack, aws_sagemaker as sm, aws_bedrock as bedrock\nfrom constructs import Construct\n\n';
const inStack = (body: string) => `${head}class S(Stack):\n    def __init__(self, scope: Construct, id: str) -> None:\n        super().__init__(scope, id)\n${body}`;
const variant = 'sm.CfnEndpointConfig.ProductionVariantProperty(model_name=model.attr_model_name, variant_name="main", initial_instance_count=2, instance_type="ml.m5.large")';

ruleTester('sagemaker-endpoint-without-data-capture', {
  valid: [
    {
      name: 'capture as a nested property object',
      filename: file,
      code: inStack(
        `        sm.CfnEndpointConfig(self, "Cfg", production_variants=[${variant}],\n` +
          '            data_capture_config=sm.CfnEndpointConfig.DataCaptureConfigProperty(enable_capture=True, initial_sampling_percentage=100, destination_s3_uri=uri, capture_options=[]))\n',
      ),
    },
    { name: 'capture as a dict', filename: file, code: inStack(`        sm.CfnEndpointConfig(self, "Cfg", production_variants=[${variant}], data_capture_config={"enableCapture": True, "destinationS3Uri": uri})\n`) },
    { name: 'capture from a variable', filename: file, code: inStack(`        sm.CfnEndpointConfig(self, "Cfg", production_variants=[${variant}], data_capture_config=capture)\n`) },
    { name: 'props passed on from the caller', filename: file, code: inStack('        sm.CfnEndpointConfig(self, "Cfg", **props)\n') },
    {
      name: 'serverless variant',
      filename: file,
      code: inStack('        sm.CfnEndpointConfig(self, "Cfg", production_variants=[{"modelName": "m", "variantName": "v", "serverlessConfig": {"maxConcurrency": 5, "memorySizeInMb": 2048}}])\n'),
    },
    { name: 'not the CDK', filename: file, code: 'from mylib import sm\nsm.CfnEndpointConfig(self, "Cfg", production_variants=[])\n' },
  ],
  invalid: [
    {
      filename: file,
      code: inStack(`        sm.CfnEndpointConfig(\n            self,\n            "Cfg",\n            production_variants=[${variant}],\n        )\n`),
      errors: [{ line: 9, column: 13, message: /`Cfg` has no `data_capture_config`/ }],
      output: inStack(
        `        sm.CfnEndpointConfig(\n            self,\n            "Cfg",\n            production_variants=[${variant}],\n` +
          '            data_capture_config={"enableCapture": True, "initialSamplingPercentage": 100, "destinationS3Uri": "s3://<bucket>/data-capture", "captureOptions": [{"captureMode": "Input"}, {"captureMode": "Output"}]},\n        )\n',
      ),
    },
    {
      name: 'capture turned off in a nested property object, module imported whole',
      filename: file,
      code: 'import aws_cdk.aws_sagemaker as sagemaker\n\ncfg = sagemaker.CfnEndpointConfig(self, "Cfg", production_variants=[], data_capture_config=sagemaker.CfnEndpointConfig.DataCaptureConfigProperty(enable_capture=False, initial_sampling_percentage=100, destination_s3_uri=u, capture_options=[]))\n',
      errors: [{ line: 3, message: /turns data capture off/ }],
      output: 'import aws_cdk.aws_sagemaker as sagemaker\n\ncfg = sagemaker.CfnEndpointConfig(self, "Cfg", production_variants=[], data_capture_config=sagemaker.CfnEndpointConfig.DataCaptureConfigProperty(enable_capture=True, initial_sampling_percentage=100, destination_s3_uri=u, capture_options=[]))\n',
    },
  ],
});

ruleTester('sagemaker-endpoint-without-kms-key', {
  valid: [
    { filename: file, code: inStack(`        sm.CfnEndpointConfig(self, "Cfg", kms_key_id=key.key_arn, production_variants=[${variant}])\n`) },
    { name: 'instance type with local storage', filename: file, code: 'from aws_cdk.aws_sagemaker import CfnEndpointConfig\nCfnEndpointConfig(self, "Cfg", production_variants=[{"instanceType": "ml.g5.xlarge", "variantName": "v", "modelName": "m"}])\n' },
  ],
  invalid: [
    {
      name: 'class imported from the module, dict variants',
      filename: file,
      code: 'from aws_cdk.aws_sagemaker import CfnEndpointConfig\nCfnEndpointConfig(self, "Cfg", production_variants=[{"instanceType": "ml.m5.large", "variantName": "v", "modelName": "m"}])\n',
      errors: [{ line: 2, column: 25, message: /`Cfg` has no `kms_key_id`/ }],
      output: 'from aws_cdk.aws_sagemaker import CfnEndpointConfig\nCfnEndpointConfig(self, "Cfg", production_variants=[{"instanceType": "ml.m5.large", "variantName": "v", "modelName": "m"}], kms_key_id="<kms-key-arn>")\n',
    },
    {
      name: 'through `import aws_cdk as cdk`',
      filename: file,
      code: 'import aws_cdk as cdk\ncdk.aws_sagemaker.CfnEndpointConfig(self, "Cfg", production_variants=[], kms_key_id="")\n',
      errors: [{ line: 2, message: /sets an empty `kms_key_id`/ }],
      output: 'import aws_cdk as cdk\ncdk.aws_sagemaker.CfnEndpointConfig(self, "Cfg", production_variants=[], kms_key_id="<kms-key-arn>")\n',
    },
  ],
});

ruleTester('sagemaker-endpoint-single-instance', {
  valid: [
    { filename: file, code: inStack(`        sm.CfnEndpointConfig(self, "Cfg", production_variants=[${variant}])\n`) },
    { name: 'count from a variable', filename: file, code: inStack('        sm.CfnEndpointConfig(self, "Cfg", production_variants=[sm.CfnEndpointConfig.ProductionVariantProperty(variant_name="v", initial_instance_count=count)])\n') },
  ],
  invalid: [
    {
      name: 'nested property object bound to a name first',
      filename: file,
      code: inStack('        one = sm.CfnEndpointConfig.ProductionVariantProperty(variant_name="main", initial_instance_count=1, instance_type="ml.m5.large", model_name="m")\n        sm.CfnEndpointConfig(self, "Cfg", production_variants=[one])\n'),
      errors: [{ line: 7, message: /production variant `main` of endpoint configuration `Cfg` runs on a single instance/ }],
      output: inStack('        one = sm.CfnEndpointConfig.ProductionVariantProperty(variant_name="main", initial_instance_count=2, instance_type="ml.m5.large", model_name="m")\n        sm.CfnEndpointConfig(self, "Cfg", production_variants=[one])\n'),
    },
  ],
});

ruleTester('sagemaker-model-without-network-isolation', {
  valid: [{ filename: file, code: inStack('        sm.CfnModel(self, "M", execution_role_arn=r, enable_network_isolation=True)\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnModel(self, "M", execution_role_arn=r, enable_network_isolation=False)\n'),
      errors: [{ line: 7, message: /`M`/ }],
      output: inStack('        sm.CfnModel(self, "M", execution_role_arn=r, enable_network_isolation=True)\n'),
    },
  ],
});

ruleTester('sagemaker-model-without-vpc', {
  valid: [{ filename: file, code: inStack('        sm.CfnModel(self, "M", execution_role_arn=r, vpc_config=sm.CfnModel.VpcConfigProperty(security_group_ids=[sg], subnets=subnets))\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnModel(self, "M", execution_role_arn=r)\n'),
      errors: [{ line: 7, message: /has no `vpc_config`/ }],
      output: inStack('        sm.CfnModel(self, "M", execution_role_arn=r, vpc_config={"subnets": ["<subnet-id>"], "securityGroupIds": ["<security-group-id>"]})\n'),
    },
  ],
});

ruleTester('sagemaker-notebook-direct-internet', {
  valid: [{ filename: file, code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, direct_internet_access="Disabled", subnet_id=s)\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r)\n'),
      errors: [{ line: 7, message: /direct_internet_access/ }],
      output: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, direct_internet_access="Disabled")\n'),
    },
  ],
});

ruleTester('sagemaker-notebook-root-access', {
  valid: [{ filename: file, code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, root_access="Disabled")\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, root_access="Enabled")\n'),
      errors: [{ line: 7 }],
      output: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, root_access="Disabled")\n'),
    },
  ],
});

ruleTester('sagemaker-notebook-without-kms-key', {
  valid: [{ filename: file, code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, kms_key_id=key.key_id)\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r)\n'),
      errors: [{ line: 7, message: /kms_key_id/ }],
      output: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, kms_key_id="<kms-key-arn>")\n'),
    },
  ],
});

ruleTester('sagemaker-notebook-without-vpc', {
  valid: [{ filename: file, code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r, subnet_id=subnet.subnet_id, security_group_ids=[sg])\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnNotebookInstance(self, "Nb", instance_type="ml.t3.medium", role_arn=r)\n'),
      errors: [{ line: 7, message: /subnet_id/ }],
    },
  ],
});

ruleTester('sagemaker-domain-public-internet', {
  valid: [{ filename: file, code: inStack('        sm.CfnDomain(self, "D", auth_mode="IAM", domain_name="d", vpc_id=v, subnet_ids=s, default_user_settings={}, app_network_access_type="VpcOnly")\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnDomain(self, "D", auth_mode="IAM", domain_name="d", vpc_id=v, subnet_ids=s, default_user_settings={}, app_network_access_type="PublicInternetOnly")\n'),
      errors: [{ line: 7 }],
      output: inStack('        sm.CfnDomain(self, "D", auth_mode="IAM", domain_name="d", vpc_id=v, subnet_ids=s, default_user_settings={}, app_network_access_type="VpcOnly")\n'),
    },
  ],
});

ruleTester('sagemaker-domain-without-kms-key', {
  valid: [{ filename: file, code: inStack('        sm.CfnDomain(self, "D", auth_mode="IAM", domain_name="d", vpc_id=v, subnet_ids=s, default_user_settings={}, kms_key_id=k)\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        sm.CfnDomain(self, "D", auth_mode="IAM", domain_name="d", vpc_id=v, subnet_ids=s, default_user_settings={})\n'),
      errors: [{ line: 7, message: /kms_key_id/ }],
      output: inStack('        sm.CfnDomain(self, "D", auth_mode="IAM", domain_name="d", vpc_id=v, subnet_ids=s, default_user_settings={}, kms_key_id="<kms-key-arn>")\n'),
    },
  ],
});

const guardrailBody = 'name="g", blocked_input_messaging="no", blocked_outputs_messaging="no"';

ruleTester('bedrock-agent-without-guardrail', {
  valid: [
    {
      name: 'guardrail as a nested property object referring to a guardrail of the file',
      filename: file,
      code: inStack(`        g = bedrock.CfnGuardrail(self, "G", ${guardrailBody})\n        bedrock.CfnAgent(self, "A", agent_name="a", guardrail_configuration=bedrock.CfnAgent.GuardrailConfigurationProperty(guardrail_identifier=g.attr_guardrail_id, guardrail_version="DRAFT"))\n`),
    },
  ],
  invalid: [
    {
      filename: file,
      code: inStack('        bedrock.CfnAgent(self, "A", agent_name="a")\n'),
      errors: [{ line: 7, message: /has no `guardrail_configuration`/ }],
      output: inStack('        bedrock.CfnAgent(self, "A", agent_name="a", guardrail_configuration={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})\n'),
    },
  ],
});

ruleTester('bedrock-agent-without-kms-key', {
  valid: [{ filename: file, code: inStack('        bedrock.CfnAgent(self, "A", agent_name="a", customer_encryption_key_arn=key.key_arn)\n') }],
  invalid: [
    {
      filename: file,
      code: inStack('        bedrock.CfnAgent(self, "A", agent_name="a")\n'),
      errors: [{ line: 7, message: /customer_encryption_key_arn/ }],
      output: inStack('        bedrock.CfnAgent(self, "A", agent_name="a", customer_encryption_key_arn="<kms-key-arn>")\n'),
    },
  ],
});

ruleTester('bedrock-guardrail-weak-prompt-attack-filter', {
  valid: [
    {
      filename: file,
      code: inStack(
        `        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, content_policy_config=bedrock.CfnGuardrail.ContentPolicyConfigProperty(filters_config=[bedrock.CfnGuardrail.ContentFilterConfigProperty(type="PROMPT_ATTACK", input_strength="HIGH", output_strength="NONE")]))\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'weak strength in a nested property object',
      filename: file,
      code: inStack(
        `        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, content_policy_config=bedrock.CfnGuardrail.ContentPolicyConfigProperty(filters_config=[bedrock.CfnGuardrail.ContentFilterConfigProperty(type="PROMPT_ATTACK", input_strength="LOW", output_strength="NONE")]))\n`,
      ),
      errors: [{ line: 7, message: /LOW input strength/ }],
      output: inStack(
        `        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, content_policy_config=bedrock.CfnGuardrail.ContentPolicyConfigProperty(filters_config=[bedrock.CfnGuardrail.ContentFilterConfigProperty(type="PROMPT_ATTACK", input_strength="HIGH", output_strength="NONE")]))\n`,
      ),
    },
    {
      name: 'no prompt-attack filter in a dict: a dict with camelCase keys joins the list',
      filename: file,
      code: inStack(`        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, content_policy_config={"filtersConfig": [{"type": "HATE", "inputStrength": "HIGH", "outputStrength": "HIGH"}]})\n`),
      errors: [{ line: 7, message: /no PROMPT_ATTACK content filter/ }],
      output: inStack(
        `        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, content_policy_config={"filtersConfig": [{"type": "HATE", "inputStrength": "HIGH", "outputStrength": "HIGH"}, {"type": "PROMPT_ATTACK", "inputStrength": "HIGH", "outputStrength": "NONE"}]})\n`,
      ),
    },
  ],
});

ruleTester('bedrock-guardrail-without-pii-filter', {
  valid: [
    {
      filename: file,
      code: inStack(`        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, sensitive_information_policy_config={"piiEntitiesConfig": [{"type": "EMAIL", "action": "ANONYMIZE"}]})\n`),
    },
  ],
  invalid: [
    {
      filename: file,
      code: inStack(`        bedrock.CfnGuardrail(self, "G", ${guardrailBody})\n`),
      errors: [{ line: 7, message: /no sensitive-information policy/ }],
      output: inStack(
        `        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, sensitive_information_policy_config={"piiEntitiesConfig": [{"type": "EMAIL", "action": "ANONYMIZE"}, {"type": "PHONE", "action": "ANONYMIZE"}, {"type": "US_SOCIAL_SECURITY_NUMBER", "action": "BLOCK"}, {"type": "CREDIT_DEBIT_CARD_NUMBER", "action": "BLOCK"}]})\n`,
      ),
    },
  ],
});

ruleTester('bedrock-guardrail-without-kms-key', {
  valid: [{ filename: file, code: inStack(`        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, kms_key_arn=key.key_arn)\n`) }],
  invalid: [
    {
      filename: file,
      code: inStack(`        bedrock.CfnGuardrail(self, "G", ${guardrailBody})\n`),
      errors: [{ line: 7, message: /kms_key_arn/ }],
      output: inStack(`        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, kms_key_arn="<kms-key-arn>")\n`),
    },
  ],
});

ruleTester('bedrock-guardrail-without-contextual-grounding', {
  valid: [
    { name: 'no knowledge base in the file', filename: file, code: inStack(`        bedrock.CfnGuardrail(self, "G", ${guardrailBody})\n`) },
    {
      name: 'the agent using it has no knowledge base',
      filename: file,
      code: inStack(
        `        g = bedrock.CfnGuardrail(self, "G", ${guardrailBody})\n        bedrock.CfnKnowledgeBase(self, "Kb", name="kb", role_arn=r, knowledge_base_configuration=c)\n` +
          '        bedrock.CfnAgent(self, "A", agent_name="a", guardrail_configuration={"guardrailIdentifier": g.attr_guardrail_id})\n',
      ),
    },
  ],
  invalid: [
    {
      filename: file,
      code: inStack(`        bedrock.CfnKnowledgeBase(self, "Kb", name="kb", role_arn=r, knowledge_base_configuration=c)\n        bedrock.CfnGuardrail(self, "G", ${guardrailBody})\n`),
      errors: [{ line: 8, message: /serves retrieval/ }],
      output: inStack(
        `        bedrock.CfnKnowledgeBase(self, "Kb", name="kb", role_arn=r, knowledge_base_configuration=c)\n        bedrock.CfnGuardrail(self, "G", ${guardrailBody}, contextual_grounding_policy_config={"filtersConfig": [{"type": "GROUNDING", "threshold": 0.75}, {"type": "RELEVANCE", "threshold": 0.75}]})\n`,
      ),
    },
  ],
});

ruleTester('bedrock-knowledge-base-data-source-without-kms-key', {
  valid: [
    {
      filename: file,
      code: inStack('        bedrock.CfnDataSource(self, "Ds", name="d", knowledge_base_id=kb.attr_knowledge_base_id, data_source_configuration=c, server_side_encryption_configuration=bedrock.CfnDataSource.ServerSideEncryptionConfigurationProperty(kms_key_arn=key.key_arn))\n'),
    },
  ],
  invalid: [
    {
      filename: file,
      code: inStack('        bedrock.CfnDataSource(self, "Ds", name="d", knowledge_base_id=kb.attr_knowledge_base_id, data_source_configuration=c)\n'),
      errors: [{ line: 7 }],
      output: inStack('        bedrock.CfnDataSource(self, "Ds", name="d", knowledge_base_id=kb.attr_knowledge_base_id, data_source_configuration=c, server_side_encryption_configuration={"kmsKeyArn": "<kms-key-arn>"})\n'),
    },
  ],
});
