// Higher-level CDK constructs (generative-ai-cdk-constructs, aws-bedrock-alpha, aws-sagemaker-alpha) in TypeScript and
// Python: what they synthesize with their defaults is checked, findings point at the construct or its property, and
// fixes set the construct's own properties.
import { ruleTester } from '../ruleTester';

const ts = 'stack.ts';
const py = 'stack.py';
const tsGenai = "import * as cdk from 'aws-cdk-lib';\nimport { bedrock, HuggingFaceSageMakerEndpoint, JumpStartSageMakerEndpoint, JumpStartModel, CustomSageMakerEndpoint, SageMakerInstanceType } from '@cdklabs/generative-ai-cdk-constructs';\n\n";
const pyGenai = 'from aws_cdk import Stack\nfrom cdklabs.generative_ai_cdk_constructs import bedrock, HuggingFaceSageMakerEndpoint, JumpStartSageMakerEndpoint, JumpStartModel, SageMakerInstanceType\n\n';
const hfProps = "modelId: 'mistralai/Mistral-7B-Instruct-v0.2', container: image, instanceType: SageMakerInstanceType.ML_G5_2XLARGE";
const pyHfProps = 'model_id="mistralai/Mistral-7B-Instruct-v0.2", container=image, instance_type=SageMakerInstanceType.ML_G5_2XLARGE';
const instruction = "instruction: 'You answer questions about the product manuals, politely and briefly.'";

ruleTester('sagemaker-endpoint-single-instance', {
  valid: [
    { name: 'HuggingFace endpoint on two instances', filename: ts, code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', { ${hfProps}, instanceCount: 2 });\n` },
    { name: 'instance count from the stack props', filename: ts, code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', { ${hfProps}, instanceCount: props.count });\n` },
    { name: 'construct props from the caller', filename: ts, code: `${tsGenai}new JumpStartSageMakerEndpoint(this, 'Llm', props);\n` },
    { name: 'Python keyword arguments passed on', filename: py, code: `${pyGenai}HuggingFaceSageMakerEndpoint(self, "Llm", **kwargs)\n` },
    {
      name: 'aws-sagemaker-alpha variant with two instances',
      filename: ts,
      code: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nnew sagemaker.EndpointConfig(this, 'Cfg', { instanceProductionVariants: [{ model, variantName: 'main', initialInstanceCount: 2 }] });\n",
    },
  ],
  invalid: [
    {
      name: 'HuggingFace endpoint: one instance by default (reported at the construct, fixed with its property)',
      filename: ts,
      code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', {\n  ${hfProps},\n});\n`,
      errors: [{ line: 4, column: 1, message: /endpoint configuration `Llm` runs on a single instance.*synthesized by `HuggingFaceSageMakerEndpoint`/ }],
      output: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', {\n  ${hfProps}, instanceCount: 2,\n});\n`,
    },
    {
      name: 'JumpStart endpoint given one instance: reported at the property',
      filename: ts,
      code: `${tsGenai}new JumpStartSageMakerEndpoint(this, 'Llama', { model: JumpStartModel.META_TEXTGENERATION_LLAMA_3_8B_INSTRUCT_2_0_0, endpointName: 'llama', instanceCount: 1 });\n`,
      errors: [{ line: 4, column: 156 }],
      output: `${tsGenai}new JumpStartSageMakerEndpoint(this, 'Llama', { model: JumpStartModel.META_TEXTGENERATION_LLAMA_3_8B_INSTRUCT_2_0_0, endpointName: 'llama', instanceCount: 2 });\n`,
    },
    {
      name: 'Python HuggingFace endpoint: the keyword argument is added',
      filename: py,
      code: `${pyGenai}HuggingFaceSageMakerEndpoint(self, "Llm", ${pyHfProps})\n`,
      errors: [{ line: 4, column: 1 }],
      output: `${pyGenai}HuggingFaceSageMakerEndpoint(self, "Llm", ${pyHfProps}, instance_count=2)\n`,
    },
    {
      name: 'aws-sagemaker-alpha: the variant takes one instance by default; the fix sets it in the variant',
      filename: ts,
      code: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nnew sagemaker.EndpointConfig(this, 'Cfg', { instanceProductionVariants: [{ model, variantName: 'main' }] });\n",
      errors: [{ line: 2, column: 1, message: /production variant `main`/ }],
      output: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nnew sagemaker.EndpointConfig(this, 'Cfg', { instanceProductionVariants: [{ model, variantName: 'main', initialInstanceCount: 2 }] });\n",
    },
    {
      name: 'aws-sagemaker-alpha in Python, variant as a struct',
      filename: py,
      code: 'import aws_cdk.aws_sagemaker_alpha as sagemaker\nsagemaker.EndpointConfig(self, "Cfg", instance_production_variants=[sagemaker.InstanceProductionVariantProps(model=model, variant_name="main")])\n',
      errors: [{ line: 2, column: 1 }],
      output: 'import aws_cdk.aws_sagemaker_alpha as sagemaker\nsagemaker.EndpointConfig(self, "Cfg", instance_production_variants=[sagemaker.InstanceProductionVariantProps(model=model, variant_name="main", initial_instance_count=2)])\n',
    },
  ],
});

ruleTester('sagemaker-model-without-network-isolation', {
  valid: [
    { name: 'JumpStart turns network isolation on by itself', filename: ts, code: `${tsGenai}new JumpStartSageMakerEndpoint(this, 'Llama', { model: JumpStartModel.META_TEXTGENERATION_LLAMA_3_8B_INSTRUCT_2_0_0, endpointName: 'llama' });\n` },
    { name: 'JumpStart in Python', filename: py, code: `${pyGenai}JumpStartSageMakerEndpoint(self, "Llama", model=JumpStartModel.META_TEXTGENERATION_LLAMA_3_8B_INSTRUCT_2_0_0, endpoint_name="llama")\n` },
    { name: 'aws-sagemaker-alpha model isolated', filename: ts, code: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nnew sagemaker.Model(this, 'M', { containers: [c], networkIsolation: true });\n" },
  ],
  invalid: [
    {
      name: 'HuggingFace endpoint: no isolation and no property to turn it on',
      filename: ts,
      code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', { ${hfProps} });\n`,
      errors: [{ line: 4, column: 1, message: /`Llm`.*synthesized by `HuggingFaceSageMakerEndpoint`, whose defaults are read from generative-ai-cdk-constructs huggingface-sagemaker-endpoint\.ts/ }],
      output: null,
    },
    {
      name: 'aws-sagemaker-alpha model: the fix sets `networkIsolation`',
      filename: py,
      code: 'from aws_cdk import aws_sagemaker_alpha as sagemaker\nsagemaker.Model(self, "M", containers=[c])\n',
      errors: [{ line: 2, column: 1, message: /does not set `network_isolation`/ }],
      output: 'from aws_cdk import aws_sagemaker_alpha as sagemaker\nsagemaker.Model(self, "M", containers=[c], network_isolation=True)\n',
    },
  ],
});

ruleTester('sagemaker-endpoint-without-kms-key', {
  valid: [
    { name: 'instance type with local storage (ml.g5)', filename: ts, code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', { ${hfProps} });\n` },
    { name: 'custom endpoint in Python on an instance type with local storage', filename: py, code: `${pyGenai}from cdklabs.generative_ai_cdk_constructs import CustomSageMakerEndpoint\nCustomSageMakerEndpoint(self, "Ranker", model_id="r", endpoint_name="r", instance_type=SageMakerInstanceType.ML_G5_XLARGE, container=image, model_data_url="s3://b/m.tar.gz")\n` },
    { name: 'aws-sagemaker-alpha in Python with an encryption key', filename: py, code: 'import aws_cdk.aws_sagemaker_alpha as sagemaker\nsagemaker.EndpointConfig(self, "Cfg", encryption_key=key, instance_production_variants=[sagemaker.InstanceProductionVariantProps(model=model, variant_name="main", initial_instance_count=2)])\n' },
    { name: 'aws-sagemaker-alpha serverless variant', filename: ts, code: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nnew sagemaker.EndpointConfig(this, 'Cfg', { serverlessProductionVariant: { model, variantName: 'main', maxConcurrency: 5, memorySizeInMB: 2048 } });\n" },
    { name: 'aws-sagemaker-alpha with an encryption key', filename: ts, code: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nnew sagemaker.EndpointConfig(this, 'Cfg', { encryptionKey: key, instanceProductionVariants: [{ model, variantName: 'main' }] });\n" },
  ],
  invalid: [
    {
      name: 'custom endpoint on an EBS instance type: the construct has no key property',
      filename: ts,
      code: `${tsGenai}new CustomSageMakerEndpoint(this, 'Custom', { modelId: 'm', endpointName: 'e', instanceType: SageMakerInstanceType.ML_M5_XLARGE, container: image, modelDataUrl: 's3://b/model.tar.gz' });\n`,
      errors: [{ line: 4, column: 1, message: /has no `KmsKeyId`.*synthesized by `CustomSageMakerEndpoint`/ }],
      output: null,
    },
    {
      name: 'custom endpoint in Python',
      filename: py,
      code: `${pyGenai}from cdklabs.generative_ai_cdk_constructs import CustomSageMakerEndpoint\nCustomSageMakerEndpoint(self, "Ranker", model_id="r", endpoint_name="r", instance_type=SageMakerInstanceType.ML_C5_XLARGE, container=image, model_data_url="s3://b/m.tar.gz")\n`,
      errors: [{ line: 5, column: 1, message: /`Ranker` has no `KmsKeyId`/ }],
      output: null,
    },
    {
      name: 'aws-sagemaker-alpha: the fix imports the KMS module and sets `encryptionKey`',
      filename: ts,
      code: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\n\nnew sagemaker.EndpointConfig(this, 'Cfg', { instanceProductionVariants: [{ model, variantName: 'main', initialInstanceCount: 2 }] });\n",
      errors: [{ line: 3, column: 1, message: /has no `encryptionKey`/ }],
      output:
        "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nimport * as kms from 'aws-cdk-lib/aws-kms';\n\n" +
        'new sagemaker.EndpointConfig(this, \'Cfg\', { instanceProductionVariants: [{ model, variantName: \'main\', initialInstanceCount: 2 }], encryptionKey: kms.Key.fromKeyArn(this, "CfgKey", "<kms-key-arn>") });\n',
    },
  ],
});

ruleTester('sagemaker-endpoint-without-data-capture', {
  valid: [],
  invalid: [
    {
      name: 'props from the caller: the construct has no data capture property, whatever they hold',
      filename: ts,
      code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', props);\n`,
      errors: [{ line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'JumpStart endpoint in Python (no data capture property)',
      filename: py,
      code: `${pyGenai}JumpStartSageMakerEndpoint(self, "Llama", model=JumpStartModel.META_TEXTGENERATION_LLAMA_3_8B_INSTRUCT_2_0_0, endpoint_name="llama", instance_count=2)\n`,
      errors: [{ line: 4, column: 1, message: /`Llama` has no `DataCaptureConfig`.*JumpStartSageMakerEndpoint/ }],
      output: null,
    },
  ],
});

ruleTester('sagemaker-model-without-vpc', {
  valid: [
    { name: 'VPC configuration given', filename: ts, code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', { ${hfProps}, vpcConfig: { subnets, securityGroupIds: [sg.securityGroupId] } });\n` },
    { name: 'VPC configuration as an L1 property object in Python', filename: py, code: `${pyGenai}from aws_cdk import aws_sagemaker as sm\nHuggingFaceSageMakerEndpoint(self, "Llm", ${pyHfProps}, vpc_config=sm.CfnModel.VpcConfigProperty(security_group_ids=[sg], subnets=subnets))\n` },
    { name: 'aws-sagemaker-alpha model in a VPC', filename: ts, code: "import * as sagemaker from '@aws-cdk/aws-sagemaker-alpha';\nnew sagemaker.Model(this, 'M', { containers: [c], vpc, networkIsolation: true });\n" },
  ],
  invalid: [
    {
      filename: ts,
      code: `${tsGenai}new HuggingFaceSageMakerEndpoint(this, 'Llm', { ${hfProps} });\n`,
      errors: [{ line: 4, column: 1, message: /`Llm` has no `VpcConfig`/ }],
      output: null,
    },
  ],
});

const tsAgent = (extra: string) => `${tsGenai}const agent = new bedrock.Agent(this, 'Agent', {\n  foundationModel: model,\n  ${instruction},${extra}\n});\n`;

ruleTester('bedrock-agent-without-guardrail', {
  valid: [
    { name: 'guardrail property', filename: ts, code: tsAgent('\n  guardrail: guardrail,') },
    { name: 'guardrail added later with `addGuardrail`', filename: ts, code: `${tsAgent('')}agent.addGuardrail(guardrail);\n` },
    { name: 'Python `add_guardrail`', filename: py, code: `${pyGenai}agent = bedrock.Agent(self, "Agent", foundation_model=model, instruction=text)\nagent.add_guardrail(guardrail)\n` },
    { name: 'agent props from the caller', filename: ts, code: `${tsGenai}new bedrock.Agent(this, 'Agent', { ...props, foundationModel: model });\n` },
    { name: 'aws-bedrock-alpha agent with a guardrail', filename: ts, code: "import * as bedrock from '@aws-cdk/aws-bedrock-alpha';\nnew bedrock.Agent(this, 'Agent', { foundationModel: model, instruction: text, guardrail: bedrock.Guardrail.fromGuardrailAttributes(this, 'G', { guardrailArn: arn }) });\n" },
    {
      name: 'before v0.1.290: `guardrailConfiguration`',
      filename: py,
      code: `${pyGenai}bedrock.Agent(self, "Agent", foundation_model=model, instruction=text, guardrail_configuration=bedrock.GuardrailConfiguration(guardrail_id=g.guardrail_id, guardrail_version="1"))\n`,
    },
  ],
  invalid: [
    {
      name: 'generative-ai-cdk-constructs agent (its `kmsKey` shows the current API): the fix imports a guardrail by its ARN',
      filename: ts,
      code: tsAgent('\n  kmsKey: key,'),
      errors: [{ line: 4, column: 15, message: /Bedrock agent `Agent` has no `guardrail`.*synthesized by `Agent`/ }],
      output: `${tsGenai}const agent = new bedrock.Agent(this, 'Agent', {\n  foundationModel: model,\n  ${instruction},\n  kmsKey: key,\n  guardrail: bedrock.Guardrail.fromGuardrailAttributes(this, "AgentGuardrail", { guardrailArn: "<guardrail-arn>" }),\n});\n`,
    },
    {
      name: 'version unknown: no guardrail in either API, but no fix (its property changed name in v0.1.290)',
      filename: ts,
      code: tsAgent(''),
      errors: [{ line: 4, column: 15, message: /has no `GuardrailConfiguration`/ }],
      output: null,
    },
    {
      name: 'aws-bedrock-alpha agent in Python',
      filename: py,
      code: 'import aws_cdk.aws_bedrock_alpha as bedrock\n\nbedrock.Agent(self, "Agent", foundation_model=model, instruction=text)\n',
      errors: [{ line: 3, column: 1, message: /has no `guardrail`/ }],
      output: 'import aws_cdk.aws_bedrock_alpha as bedrock\n\nbedrock.Agent(self, "Agent", foundation_model=model, instruction=text, guardrail=bedrock.Guardrail.from_guardrail_attributes(self, "AgentGuardrail", guardrail_arn="<guardrail-arn>"))\n',
    },
  ],
});

ruleTester('bedrock-agent-without-kms-key', {
  valid: [
    { name: 'key from a variable', filename: ts, code: tsAgent('\n  kmsKey: key,') },
    { name: 'Python key', filename: py, code: `${pyGenai}bedrock.Agent(self, "Agent", foundation_model=model, instruction=text, kms_key=key)\n` },
    { name: 'before v0.1.290: `encryption_key`', filename: py, code: `${pyGenai}bedrock.Agent(self, "Agent", foundation_model=model, instruction=text, encryption_key=key)\n` },
  ],
  invalid: [
    {
      name: 'the fix uses the KMS module the file imports',
      filename: ts,
      code: `import { aws_kms as kms } from 'aws-cdk-lib';\n${tsAgent('\n  guardrail,')}`,
      errors: [{ line: 5, column: 15, message: /has no `kmsKey`/ }],
      output: `import { aws_kms as kms } from 'aws-cdk-lib';\n${tsGenai}const agent = new bedrock.Agent(this, 'Agent', {\n  foundationModel: model,\n  ${instruction},\n  guardrail,\n  kmsKey: kms.Key.fromKeyArn(this, "AgentKey", "<kms-key-arn>"),\n});\n`,
    },
    {
      name: 'Python: the fix imports the KMS module',
      filename: py,
      code: `${pyGenai}bedrock.Agent(self, "Agent", foundation_model=model, instruction=text, guardrail=g)\n`,
      errors: [{ line: 4, column: 1, message: /has no `kms_key`/ }],
      output:
        'from aws_cdk import Stack\nfrom cdklabs.generative_ai_cdk_constructs import bedrock, HuggingFaceSageMakerEndpoint, JumpStartSageMakerEndpoint, JumpStartModel, SageMakerInstanceType\nfrom aws_cdk import aws_kms as kms\n\n' +
        'bedrock.Agent(self, "Agent", foundation_model=model, instruction=text, guardrail=g, kms_key=kms.Key.from_key_arn(self, "AgentKey", "<kms-key-arn>"))\n',
    },
    {
      name: 'before v0.1.290 the fix sets `encryption_key`',
      filename: py,
      code: `${pyGenai}bedrock.Agent(self, "Agent", foundation_model=model, instruction=text, alias_name="live")\n`,
      errors: [{ line: 4, column: 1, message: /has no `encryption_key`/ }],
      output:
        'from aws_cdk import Stack\nfrom cdklabs.generative_ai_cdk_constructs import bedrock, HuggingFaceSageMakerEndpoint, JumpStartSageMakerEndpoint, JumpStartModel, SageMakerInstanceType\nfrom aws_cdk import aws_kms as kms\n\n' +
        'bedrock.Agent(self, "Agent", foundation_model=model, instruction=text, alias_name="live", encryption_key=kms.Key.from_key_arn(self, "AgentKey", "<kms-key-arn>"))\n',
    },
  ],
});

const tsGuardrail = (props: string) => `${tsGenai}const guardrail = new bedrock.Guardrail(this, 'Guard', {\n  name: 'support',\n${props}});\n`;
const pii = '  piiFilters: [{ type: bedrock.PIIType.General.EMAIL, action: bedrock.GuardrailAction.ANONYMIZE }],\n';
const promptAttack = (strength: string) => `  contentFilters: [{ type: bedrock.ContentFilterType.PROMPT_ATTACK, inputStrength: bedrock.ContentFilterStrength.${strength}, outputStrength: bedrock.ContentFilterStrength.NONE }],\n`;

ruleTester('bedrock-guardrail-weak-prompt-attack-filter', {
  valid: [
    { filename: ts, code: tsGuardrail(promptAttack('HIGH')) },
    {
      name: 'filter added with `addContentFilter`',
      filename: ts,
      code: `${tsGuardrail(pii)}guardrail.addContentFilter({ type: bedrock.ContentFilterType.PROMPT_ATTACK, inputStrength: bedrock.ContentFilterStrength.MEDIUM, outputStrength: bedrock.ContentFilterStrength.NONE });\n`,
    },
    { name: 'filters from a variable', filename: ts, code: tsGuardrail('  contentFilters: filters,\n') },
    { name: 'version unknown (no manifest, no property only one API has)', filename: ts, code: tsGuardrail('') },
    {
      name: 'generative-ai-cdk-constructs before v0.1.276 (its `filtersConfig`): not modelled beyond its own key',
      filename: ts,
      code: tsGuardrail('  filtersConfig: [{ filtersConfigType: bedrock.FiltersConfigType.PROMPT_ATTACK }],\n'),
    },
  ],
  invalid: [
    {
      name: 'weak strength: the enum member is replaced',
      filename: ts,
      code: tsGuardrail(promptAttack('LOW')),
      errors: [{ line: 6, column: 84, message: /LOW input strength/ }],
      output: tsGuardrail(promptAttack('HIGH')),
    },
    {
      name: 'no content filters (PII filters show the current API): the fix adds the construct\'s `contentFilters`',
      filename: ts,
      code: tsGuardrail(pii),
      errors: [{ line: 4, column: 19, message: /no content policy/ }],
      output: tsGuardrail(`${pii}  contentFilters: [{ type: bedrock.ContentFilterType.PROMPT_ATTACK, inputStrength: bedrock.ContentFilterStrength.HIGH, outputStrength: bedrock.ContentFilterStrength.NONE }],\n`),
    },
    {
      name: 'Python: a struct joins the filters as written',
      filename: py,
      code: `${pyGenai}bedrock.Guardrail(self, "Guard", name="g", content_filters=[bedrock.ContentFilter(type=bedrock.ContentFilterType.HATE, input_strength=bedrock.ContentFilterStrength.HIGH, output_strength=bedrock.ContentFilterStrength.HIGH)])\n`,
      errors: [{ line: 4, message: /no PROMPT_ATTACK content filter/ }],
      output:
        `${pyGenai}bedrock.Guardrail(self, "Guard", name="g", content_filters=[bedrock.ContentFilter(type=bedrock.ContentFilterType.HATE, input_strength=bedrock.ContentFilterStrength.HIGH, output_strength=bedrock.ContentFilterStrength.HIGH), ` +
        'bedrock.ContentFilter(type=bedrock.ContentFilterType.PROMPT_ATTACK, input_strength=bedrock.ContentFilterStrength.HIGH, output_strength=bedrock.ContentFilterStrength.NONE)])\n',
    },
  ],
});

ruleTester('bedrock-guardrail-without-pii-filter', {
  valid: [
    { filename: ts, code: tsGuardrail('  piiFilters: [{ type: bedrock.PIIType.General.EMAIL, action: bedrock.GuardrailAction.ANONYMIZE }],\n') },
    { name: 'Python `add_pii_filter`', filename: py, code: `${pyGenai}g = bedrock.Guardrail(self, "Guard", name="g", kms_key=key)\ng.add_pii_filter(type=bedrock.PIIType.General.EMAIL, action=bedrock.GuardrailAction.ANONYMIZE)\n` },
    { name: 'aws-bedrock-alpha guardrail in Python, PII types in their module', filename: py, code: 'from aws_cdk import aws_bedrock_alpha as bedrock\nbedrock.Guardrail(self, "G", guardrail_name="g", pii_filters=[bedrock.PIIFilter(type=bedrock.pii_type.General.EMAIL, action=bedrock.GuardrailAction.ANONYMIZE)])\n' },
    { name: 'regex filter only', filename: ts, code: tsGuardrail("  regexFilters: [{ name: 'id', pattern: 'ID-[0-9]+', action: bedrock.GuardrailAction.BLOCK }],\n") },
  ],
  invalid: [
    {
      name: 'aws-bedrock-alpha guardrail in Python: the fix names PII types in their module',
      filename: py,
      code: 'from aws_cdk import aws_bedrock_alpha as bedrock\nbedrock.Guardrail(self, "G", guardrail_name="g")\n',
      errors: [{ line: 2, column: 1 }],
      output:
        'from aws_cdk import aws_bedrock_alpha as bedrock\nbedrock.Guardrail(self, "G", guardrail_name="g", pii_filters=[bedrock.PIIFilter(type=bedrock.pii_type.General.EMAIL, action=bedrock.GuardrailAction.ANONYMIZE), ' +
        'bedrock.PIIFilter(type=bedrock.pii_type.General.PHONE, action=bedrock.GuardrailAction.ANONYMIZE), bedrock.PIIFilter(type=bedrock.pii_type.USASpecific.US_SOCIAL_SECURITY_NUMBER, action=bedrock.GuardrailAction.BLOCK), ' +
        'bedrock.PIIFilter(type=bedrock.pii_type.Finance.CREDIT_DEBIT_CARD_NUMBER, action=bedrock.GuardrailAction.BLOCK)])\n',
    },
    {
      name: 'aws-bedrock-alpha guardrail: PII entities written with their namespaces',
      filename: ts,
      code: "import * as bedrock from '@aws-cdk/aws-bedrock-alpha';\nnew bedrock.Guardrail(this, 'Guard', { guardrailName: 'g' });\n",
      errors: [{ line: 2, column: 1 }],
      output:
        "import * as bedrock from '@aws-cdk/aws-bedrock-alpha';\nnew bedrock.Guardrail(this, 'Guard', { guardrailName: 'g', piiFilters: [{ type: bedrock.PIIType.General.EMAIL, action: bedrock.GuardrailAction.ANONYMIZE }, " +
        '{ type: bedrock.PIIType.General.PHONE, action: bedrock.GuardrailAction.ANONYMIZE }, { type: bedrock.PIIType.USASpecific.US_SOCIAL_SECURITY_NUMBER, action: bedrock.GuardrailAction.BLOCK }, { type: bedrock.PIIType.Finance.CREDIT_DEBIT_CARD_NUMBER, action: bedrock.GuardrailAction.BLOCK }] });\n',
    },
  ],
});

ruleTester('bedrock-guardrail-without-kms-key', {
  valid: [
    { filename: ts, code: tsGuardrail('  kmsKey: key,\n') },
    { name: 'version unknown (no manifest, no property only one API has): the key may be the construct\'s own', filename: ts, code: tsGuardrail('') },
    { name: 'before v0.1.276 the guardrail made its own key (old `kmsKeyArn` API)', filename: ts, code: tsGuardrail('  kmsKeyArn: undefined,\n  filtersConfig: [],\n') },
  ],
  invalid: [
    {
      filename: py,
      code: `${pyGenai}import aws_cdk as cdk\nbedrock.Guardrail(self, "Guard", name="g", content_filters=filters)\n`,
      errors: [{ line: 5, column: 1, message: /has no `kms_key`/ }],
      output: `${pyGenai}import aws_cdk as cdk\nbedrock.Guardrail(self, "Guard", name="g", content_filters=filters, kms_key=cdk.aws_kms.Key.from_key_arn(self, "GuardKey", "<kms-key-arn>"))\n`,
    },
  ],
});

ruleTester('bedrock-guardrail-without-contextual-grounding', {
  valid: [
    { name: 'no knowledge base', filename: ts, code: tsGuardrail(pii) },
    { name: 'an agent without knowledge bases uses it (Python)', filename: py, code: `${pyGenai}g = bedrock.Guardrail(self, "Guard", name="g", kms_key=key)\nbedrock.KendraKnowledgeBase(self, "Kb", kendra_index=index)\nbedrock.Agent(self, "A", foundation_model=m, instruction=i, guardrail=g)\n` },
    {
      name: 'grounding filter',
      filename: ts,
      code: `${tsGuardrail('  contextualGroundingFilters: [{ type: bedrock.ContextualGroundingFilterType.GROUNDING, threshold: 0.8 }],\n')}new bedrock.VectorKnowledgeBase(this, 'Kb', { embeddingsModel: m });\n`,
    },
    {
      name: 'the agent using it has no knowledge base',
      filename: ts,
      code: `${tsGuardrail(pii)}new bedrock.VectorKnowledgeBase(this, 'Kb', { embeddingsModel: m });\nnew bedrock.Agent(this, 'A', { foundationModel: model, ${instruction}, guardrail });\n`,
    },
  ],
  invalid: [
    {
      name: 'the agent using it has a knowledge base',
      filename: ts,
      code: `${tsGuardrail(pii)}const kb = new bedrock.VectorKnowledgeBase(this, 'Kb', { embeddingsModel: m });\nconst agent = new bedrock.Agent(this, 'A', { foundationModel: model, ${instruction}, knowledgeBases: [kb] });\nagent.addGuardrail(guardrail);\n`,
      errors: [{ line: 4, column: 19, message: /serves retrieval/ }],
      output:
        `${tsGuardrail(`${pii}  contextualGroundingFilters: [{ type: bedrock.ContextualGroundingFilterType.GROUNDING, threshold: 0.75 }, { type: bedrock.ContextualGroundingFilterType.RELEVANCE, threshold: 0.75 }],\n`)}` +
        `const kb = new bedrock.VectorKnowledgeBase(this, 'Kb', { embeddingsModel: m });\nconst agent = new bedrock.Agent(this, 'A', { foundationModel: model, ${instruction}, knowledgeBases: [kb] });\nagent.addGuardrail(guardrail);\n`,
    },
    {
      name: 'older `KnowledgeBase` in TypeScript',
      filename: ts,
      code: `${tsGenai}new bedrock.KnowledgeBase(this, 'Kb', { embeddingsModel: m });\nnew bedrock.Guardrail(this, 'Guard', { name: 'g', kmsKey: key });\n`,
      errors: [{ line: 5, column: 1 }],
      output: `${tsGenai}new bedrock.KnowledgeBase(this, 'Kb', { embeddingsModel: m });\nnew bedrock.Guardrail(this, 'Guard', { name: 'g', kmsKey: key, contextualGroundingFilters: [{ type: bedrock.ContextualGroundingFilterType.GROUNDING, threshold: 0.75 }, { type: bedrock.ContextualGroundingFilterType.RELEVANCE, threshold: 0.75 }] });\n`,
    },
    {
      name: 'Python guardrail in a file with a knowledge base',
      filename: py,
      code: `${pyGenai}bedrock.VectorKnowledgeBase(self, "Kb", embeddings_model=m)\nbedrock.Guardrail(self, "Guard", name="g", kms_key=key)\n`,
      errors: [{ line: 5, column: 1 }],
      output:
        `${pyGenai}bedrock.VectorKnowledgeBase(self, "Kb", embeddings_model=m)\nbedrock.Guardrail(self, "Guard", name="g", kms_key=key, contextual_grounding_filters=[bedrock.ContextualGroundingFilter(type=bedrock.ContextualGroundingFilterType.GROUNDING, threshold=0.75), ` +
        'bedrock.ContextualGroundingFilter(type=bedrock.ContextualGroundingFilterType.RELEVANCE, threshold=0.75)])\n',
    },
  ],
});

ruleTester('bedrock-knowledge-base-data-source-without-kms-key', {
  valid: [
    { filename: ts, code: `${tsGenai}new bedrock.S3DataSource(this, 'Docs', { bucket, knowledgeBase: kb, dataSourceName: 'docs', kmsKey: key });\n` },
    { name: 'Python custom data source added with a key', filename: py, code: `${pyGenai}kb = bedrock.VectorKnowledgeBase(self, "Kb", embeddings_model=m)\nkb.add_custom_data_source(data_source_name="docs", kms_key=key)\n` },
    { name: 'Python SharePoint data source with a key', filename: py, code: `${pyGenai}bedrock.SharePointDataSource(self, "Sp", knowledge_base=kb, domain="d", site_urls=[u], tenant_id=t, auth_secret=s, kms_key=key)\n` },
    { name: 'data source added to the knowledge base with a key', filename: ts, code: `${tsGenai}const kb = new bedrock.VectorKnowledgeBase(this, 'Kb', { embeddingsModel: m });\nkb.addS3DataSource({ bucket, kmsKey: key });\n` },
  ],
  invalid: [
    {
      name: 'data source added to the knowledge base',
      filename: ts,
      code: `${tsGenai}const kb = new bedrock.VectorKnowledgeBase(this, 'Kb', { embeddingsModel: m });\nkb.addS3DataSource({ bucket, dataSourceName: 'docs' });\n`,
      errors: [{ line: 5, column: 1, message: /data source `docs`.*synthesized by `S3DataSource`/ }],
      output: `${tsGenai}const kb = new bedrock.VectorKnowledgeBase(this, 'Kb', { embeddingsModel: m });\nkb.addS3DataSource({ bucket, dataSourceName: 'docs', kmsKey: cdk.aws_kms.Key.fromKeyArn(this, "docsKey", "<kms-key-arn>") });\n`,
    },
    {
      name: 'web crawler data source in Python',
      filename: py,
      code: `${pyGenai}from aws_cdk import aws_kms\nbedrock.WebCrawlerDataSource(self, "Site", knowledge_base=kb, source_urls=["https://example.com"])\n`,
      errors: [{ line: 5, column: 1 }],
      output: `${pyGenai}from aws_cdk import aws_kms\nbedrock.WebCrawlerDataSource(self, "Site", knowledge_base=kb, source_urls=["https://example.com"], kms_key=aws_kms.Key.from_key_arn(self, "SiteKey", "<kms-key-arn>"))\n`,
    },
  ],
});
