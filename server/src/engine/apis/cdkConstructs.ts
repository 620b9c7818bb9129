// What the higher-level CDK constructs for Bedrock and SageMaker synthesize, with their defaults, as data: for each
// construct, the CloudFormation resources it creates and where each of their properties comes from (one of its own
// properties, a value it sets by itself, another resource it creates). Read from each construct's source, cited next to
// it; where a default changed between versions, each version is described and the project's manifests pick one.
//
// `extract/cdkConstructs.ts` reads the constructs in Python and TypeScript/JavaScript with this data, and writes
// fixes as the construct's own properties (`fixes` below), never as the CloudFormation ones.

/** A package of constructs, as each language imports it and each registry names it. */
export interface ConstructLibrary {
  typescript: string;
  python: string;
  npm: string;
  pypi: string;
  repository: string;
  /** Namespaces of the package that hold constructs (`bedrock` in `import { bedrock } from '@cdklabs/…'`). */
  namespaces: readonly string[];
}

export const GENAI_CONSTRUCTS: ConstructLibrary = {
  typescript: '@cdklabs/generative-ai-cdk-constructs',
  python: 'cdklabs.generative_ai_cdk_constructs',
  npm: '@cdklabs/generative-ai-cdk-constructs',
  pypi: 'cdklabs-generative-ai-cdk-constructs',
  repository: 'awslabs/generative-ai-cdk-constructs',
  // `sagemaker_deployment` since v0.1.312 (src/index.ts); the endpoint constructs were top-level exports before.
  namespaces: ['bedrock', 'sagemaker_deployment'],
};

export const BEDROCK_ALPHA: ConstructLibrary = {
  typescript: '@aws-cdk/aws-bedrock-alpha',
  python: 'aws_cdk.aws_bedrock_alpha',
  npm: '@aws-cdk/aws-bedrock-alpha',
  pypi: 'aws-cdk-aws-bedrock-alpha',
  repository: 'aws/aws-cdk',
  namespaces: [],
};

export const SAGEMAKER_ALPHA: ConstructLibrary = {
  typescript: '@aws-cdk/aws-sagemaker-alpha',
  python: 'aws_cdk.aws_sagemaker_alpha',
  npm: '@aws-cdk/aws-sagemaker-alpha',
  pypi: 'aws-cdk-aws-sagemaker-alpha',
  repository: 'aws/aws-cdk',
  namespaces: [],
};

export const CONSTRUCT_LIBRARIES: readonly ConstructLibrary[] = [GENAI_CONSTRUCTS, BEDROCK_ALPHA, SAGEMAKER_ALPHA];

type Scalar = string | number | boolean;

/** Where a synthesized CloudFormation property comes from. */
export type Source =
  /**
   * One of the construct's properties (camelCase), with keys made PascalCase; when it is left out, `default` if given.
   * `wrap` puts the value in an object under that key, `itemWrap` each item of a list; `omitEmpty` leaves an empty list
   * out; `item` maps each item of a list (of the construct's own structs) to CloudFormation's.
   */
  | {
      kind: 'prop';
      name: string;
      default?: Scalar;
      convert?: Conversion;
      wrap?: string;
      itemWrap?: string;
      omitEmpty?: boolean;
      item?: Record<string, Source>;
    }
  /** The first of these that is there. */
  | { kind: 'first'; of: Source[] }
  /** A value the construct always sets by itself. */
  | { kind: 'constant'; value: Scalar }
  /** A value the construct sets that cannot be known from the code (a generated name, a key it creates). */
  | { kind: 'generated' }
  /** The name or ARN of another resource the same construct synthesizes (by its role). */
  | { kind: 'ref'; role: string }
  /** An object that is there whenever any of its properties is (a guardrail policy made of several lists). */
  | { kind: 'object'; props: Record<string, Source>; always?: boolean }
  | { kind: 'list'; items: Source[] };

/** `instanceType`: `SageMakerInstanceType.ML_G5_2XLARGE` and the like, as the instance type string. */
export type Conversion = 'instanceType';

export interface SynthesizedResource {
  type: string;
  /** How the model's other resources refer to this one. */
  role: string;
  props: Record<string, Source>;
  /** The construct may set properties not listed (through methods not modelled): they are unknown, not absent. */
  open?: boolean;
}

/** What a call on a bound construct does: sets or appends to one of its properties, or creates another construct. */
export type Method = { kind: 'set' | 'append'; prop: string } | { kind: 'create'; construct: string; parent: string };

/** How a fix writes a CloudFormation property as the construct's own: its property, and the value written there. */
export interface ConstructFix {
  prop: string;
  value: FixSpec;
  /** For a list property: the item a fix appends (a filter), by the keys of the CloudFormation item it stands for. */
  item?: { struct: string; enums: Record<string, string> };
}

/** The kinds of value a construct fix writes: a KMS key from its ARN, an imported guardrail, a number, a list of structs. */
export type FixSpec = 'kms-key' | 'guardrail' | 'value' | 'list';

export interface ConstructVersion {
  /** The model applies from this version of the library (inclusive)… */
  from?: string;
  /** …to this one (exclusive). */
  below?: string;
  /** Properties that only exist in this version's API: a call that uses one is of this version. */
  marks?: readonly string[];
  resources: SynthesizedResource[];
  /** How fixes write this version's properties, when they differ from the model's. */
  fixes?: Record<string, ConstructFix>;
}

export interface ConstructModel {
  /** The class as exported: `Agent` (in the library's `bedrock` namespace or at its top). */
  className: string;
  library: ConstructLibrary;
  /** The source file the model was read from, in `library.repository`, and the version it was read at. */
  source: string;
  versions: ConstructVersion[];
  /** The resource the code refers to when it uses the construct's binding (`endpoint.endpointArn`). */
  primary: string;
  /** Methods of the construct, camelCase (Python's are their snake_case spelling). */
  methods?: Record<string, Method>;
  /** By CloudFormation property of the primary resource: how a fix writes it. */
  fixes?: Record<string, ConstructFix>;
  /** Enums whose members are their values (`ContentFilterStrength.HIGH` is `"HIGH"`). */
  enums?: readonly string[];
  /** A method chain that creates an Application Auto Scaling target for the construct (an endpoint's variant). */
  scaling?: { method: string; via: string; minimum: number };
}

const prop = (name: string, options: Omit<Extract<Source, { kind: 'prop' }>, 'kind' | 'name'> = {}): Source => ({ kind: 'prop', name, ...options });
const constant = (value: Scalar): Source => ({ kind: 'constant', value });
const generated: Source = { kind: 'generated' };
const ref = (role: string): Source => ({ kind: 'ref', role });

const GUARDRAIL_ENUMS = ['ContentFilterType', 'ContentFilterStrength', 'ModalityType', 'GuardrailAction', 'ContextualGroundingFilterType', 'ManagedWordFilterType', 'PIIType', 'pii_type'];
const ENUM_FIELDS = { type: 'ContentFilterType', inputStrength: 'ContentFilterStrength', outputStrength: 'ContentFilterStrength', inputAction: 'GuardrailAction', outputAction: 'GuardrailAction', action: 'GuardrailAction' };

/** The SageMaker endpoint constructs' model, endpoint configuration and endpoint. */
function endpointResources(model: Record<string, Source>, config: Record<string, Source> = {}): SynthesizedResource[] {
  return [
    { type: 'AWS::SageMaker::Model', role: 'model', props: { ExecutionRoleArn: generated, VpcConfig: prop('vpcConfig'), ...model } },
    {
      type: 'AWS::SageMaker::EndpointConfig',
      role: 'endpointConfig',
      props: {
        ProductionVariants: {
          kind: 'list',
          items: [
            {
              kind: 'object',
              always: true,
              props: {
                VariantName: constant('AllTraffic'),
                ModelName: ref('model'),
                InstanceType: prop('instanceType', { convert: 'instanceType' }),
                InitialInstanceCount: prop('instanceCount', { default: 1 }),
              },
            },
          ],
        },
        ...config,
      },
    },
    { type: 'AWS::SageMaker::Endpoint', role: 'endpoint', props: { EndpointName: prop('endpointName'), EndpointConfigName: ref('endpointConfig') } },
  ];
}

const ENDPOINT_FIXES: Record<string, ConstructFix> = { InitialInstanceCount: { prop: 'instanceCount', value: 'value' } };
const SAGEMAKER_DEPLOYMENT = 'src/patterns/gen-ai/aws-model-deployment-sagemaker';

/**
 * The Bedrock agent of both libraries (the alpha module took it over from generative-ai-cdk-constructs). Before
 * v0.1.290 (src/cdk-lib/bedrock/agent.ts at v0.1.289) its key was `encryptionKey` and its guardrail
 * `guardrailConfiguration: { guardrailId, guardrailVersion }`.
 */
function agentModel(library: ConstructLibrary, source: string, older: boolean): ConstructModel {
  const knowledgeBases = prop('knowledgeBases', { itemWrap: 'KnowledgeBaseId', omitEmpty: true });
  const current: ConstructVersion = {
    from: older ? '0.1.290' : undefined,
    marks: ['kmsKey', 'guardrail', 'agentName', 'memory', 'agentCollaboration', 'customOrchestrationExecutor'],
    resources: [
      {
        type: 'AWS::Bedrock::Agent',
        role: 'agent',
        props: {
          AgentName: prop('agentName'),
          CustomerEncryptionKeyArn: prop('kmsKey'),
          GuardrailConfiguration: prop('guardrail', { wrap: 'GuardrailIdentifier' }),
          KnowledgeBases: knowledgeBases,
        },
      },
    ],
  };
  const before: ConstructVersion = {
    below: '0.1.290',
    marks: ['encryptionKey', 'guardrailConfiguration', 'aliasName'],
    resources: [
      {
        type: 'AWS::Bedrock::Agent',
        role: 'agent',
        props: {
          AgentName: prop('name'),
          CustomerEncryptionKeyArn: prop('encryptionKey'),
          GuardrailConfiguration: {
            kind: 'first',
            of: [
              { kind: 'object', props: { GuardrailIdentifier: prop('guardrailConfiguration.guardrailId'), GuardrailVersion: prop('guardrailConfiguration.guardrailVersion') } },
              prop('guardrail', { wrap: 'GuardrailIdentifier' }),
            ],
          },
          KnowledgeBases: knowledgeBases,
        },
      },
    ],
    fixes: { CustomerEncryptionKeyArn: { prop: 'encryptionKey', value: 'kms-key' } },
  };
  return {
    className: 'Agent',
    library,
    source,
    primary: 'agent',
    versions: older ? [before, current] : [current],
    methods: {
      addGuardrail: { kind: 'set', prop: 'guardrail' },
      addKnowledgeBase: { kind: 'append', prop: 'knowledgeBases' },
      addKnowledgeBases: { kind: 'append', prop: 'knowledgeBases' },
    },
    fixes: {
      CustomerEncryptionKeyArn: { prop: 'kmsKey', value: 'kms-key' },
      GuardrailConfiguration: { prop: 'guardrail', value: 'guardrail' },
    },
  };
}

/** The guardrail of both libraries: each filter list becomes its policy, left out when the list is empty. */
function guardrailModel(library: ConstructLibrary, source: string, older: ConstructVersion[] = []): ConstructModel {
  return {
    className: 'Guardrail',
    library,
    source,
    primary: 'guardrail',
    enums: GUARDRAIL_ENUMS,
    versions: [
      ...older,
      {
        from: older.length ? older[older.length - 1].below : undefined,
        marks: ['kmsKey', 'contentFilters', 'piiFilters', 'regexFilters', 'contextualGroundingFilters', 'deniedTopics'],
        resources: [
          {
            type: 'AWS::Bedrock::Guardrail',
            role: 'guardrail',
            props: {
              Name: prop('guardrailName'),
              KmsKeyArn: prop('kmsKey'),
              ContentPolicyConfig: prop('contentFilters', { wrap: 'FiltersConfig', omitEmpty: true }),
              ContextualGroundingPolicyConfig: prop('contextualGroundingFilters', { wrap: 'FiltersConfig', omitEmpty: true }),
              TopicPolicyConfig: prop('deniedTopics', { wrap: 'TopicsConfig', omitEmpty: true }),
              SensitiveInformationPolicyConfig: {
                kind: 'object',
                props: { PiiEntitiesConfig: prop('piiFilters', { omitEmpty: true }), RegexesConfig: prop('regexFilters', { omitEmpty: true }) },
              },
            },
          },
        ],
      },
    ],
    methods: {
      addContentFilter: { kind: 'append', prop: 'contentFilters' },
      addPIIFilter: { kind: 'append', prop: 'piiFilters' },
      addRegexFilter: { kind: 'append', prop: 'regexFilters' },
      addContextualGroundingFilter: { kind: 'append', prop: 'contextualGroundingFilters' },
      addDeniedTopicFilter: { kind: 'append', prop: 'deniedTopics' },
    },
    fixes: {
      KmsKeyArn: { prop: 'kmsKey', value: 'kms-key' },
      ContentPolicyConfig: { prop: 'contentFilters', value: 'list', item: { struct: 'ContentFilter', enums: ENUM_FIELDS } },
      FiltersConfig: { prop: 'contentFilters', value: 'list', item: { struct: 'ContentFilter', enums: ENUM_FIELDS } },
      ContextualGroundingPolicyConfig: {
        prop: 'contextualGroundingFilters',
        value: 'list',
        item: { struct: 'ContextualGroundingFilter', enums: { type: 'ContextualGroundingFilterType', action: 'GuardrailAction' } },
      },
      SensitiveInformationPolicyConfig: { prop: 'piiFilters', value: 'list', item: { struct: 'PIIFilter', enums: { type: 'PIIType', action: 'GuardrailAction' } } },
      PiiEntitiesConfig: { prop: 'piiFilters', value: 'list', item: { struct: 'PIIFilter', enums: { type: 'PIIType', action: 'GuardrailAction' } } },
    },
  };
}

/** Knowledge bases: what matters to the rules is that there is one (and the data sources they create). */
function knowledgeBaseModel(className: string, library: ConstructLibrary, source: string): ConstructModel {
  const create = (construct: string): Method => ({ kind: 'create', construct, parent: 'knowledgeBase' });
  return {
    className,
    library,
    source,
    primary: 'knowledgeBase',
    versions: [{ resources: [{ type: 'AWS::Bedrock::KnowledgeBase', role: 'knowledgeBase', props: { Name: prop('name') } }] }],
    methods: {
      addS3DataSource: create('S3DataSource'),
      addWebCrawlerDataSource: create('WebCrawlerDataSource'),
      addSharePointDataSource: create('SharePointDataSource'),
      addConfluenceDataSource: create('ConfluenceDataSource'),
      addSalesforceDataSource: create('SalesforceDataSource'),
      addCustomDataSource: create('CustomDataSource'),
    },
  };
}

/** Data sources: their `kmsKey` becomes the server-side encryption of their ingestion data. */
function dataSourceModel(className: string, library: ConstructLibrary, source: string): ConstructModel {
  return {
    className,
    library,
    source,
    primary: 'dataSource',
    versions: [
      {
        resources: [
          {
            type: 'AWS::Bedrock::DataSource',
            role: 'dataSource',
            props: { Name: prop('dataSourceName'), KnowledgeBaseId: prop('knowledgeBase'), ServerSideEncryptionConfiguration: prop('kmsKey', { wrap: 'KmsKeyArn' }) },
          },
        ],
      },
    ],
    fixes: { ServerSideEncryptionConfiguration: { prop: 'kmsKey', value: 'kms-key' }, KmsKeyArn: { prop: 'kmsKey', value: 'kms-key' } },
  };
}

const DATA_SOURCES = ['S3DataSource', 'WebCrawlerDataSource', 'SharePointDataSource', 'ConfluenceDataSource', 'SalesforceDataSource', 'CustomDataSource'];
const GENAI_BEDROCK = 'src/cdk-lib/bedrock';
const ALPHA_BEDROCK = 'packages/@aws-cdk/aws-bedrock-alpha/bedrock';

export const CONSTRUCT_MODELS: readonly ConstructModel[] = [
  {
    // HuggingFace containers download the model at start-up: no network isolation, one instance by default, no
    // KMS key or data capture property at all.
    className: 'HuggingFaceSageMakerEndpoint',
    library: GENAI_CONSTRUCTS,
    source: `${SAGEMAKER_DEPLOYMENT}/huggingface-sagemaker-endpoint.ts (v0.1.318)`,
    primary: 'endpoint',
    versions: [{ resources: endpointResources({}) }],
    fixes: ENDPOINT_FIXES,
  },
  {
    // JumpStart models come from AWS's bucket: the construct turns network isolation on by itself.
    className: 'JumpStartSageMakerEndpoint',
    library: GENAI_CONSTRUCTS,
    source: `${SAGEMAKER_DEPLOYMENT}/jumpstart-sagemaker-endpoint.ts (v0.1.318; isolation since its first version)`,
    primary: 'endpoint',
    versions: [{ resources: endpointResources({ EnableNetworkIsolation: constant(true) }) }],
    fixes: ENDPOINT_FIXES,
  },
  {
    // Asynchronous inference since v0.1.227; an Application Auto Scaling target (min 1, max 2 by default) since v0.1.265.
    className: 'CustomSageMakerEndpoint',
    library: GENAI_CONSTRUCTS,
    source: `${SAGEMAKER_DEPLOYMENT}/custom-sagemaker-endpoint.ts (v0.1.318; scaling since v0.1.265)`,
    primary: 'endpoint',
    versions: [
      { below: '0.1.265', resources: endpointResources({}, { AsyncInferenceConfig: prop('asyncInference') }) },
      {
        from: '0.1.265',
        marks: ['minCapacity', 'maxCapacity'],
        resources: [
          ...endpointResources({}, { AsyncInferenceConfig: prop('asyncInference') }),
          {
            type: 'AWS::ApplicationAutoScaling::ScalableTarget',
            role: 'scalableTarget',
            props: {
              ServiceNamespace: constant('sagemaker'),
              ScalableDimension: constant('sagemaker:variant:DesiredInstanceCount'),
              ResourceId: ref('endpoint'),
              MinCapacity: prop('minCapacity', { default: 1 }),
              MaxCapacity: prop('maxCapacity', { default: 2 }),
            },
          },
        ],
      },
    ],
    fixes: ENDPOINT_FIXES,
  },
  agentModel(GENAI_CONSTRUCTS, `${GENAI_BEDROCK}/agents/agent.ts (v0.1.318; agent.ts before v0.1.290)`, true),
  agentModel(BEDROCK_ALPHA, `${ALPHA_BEDROCK}/agents/agent.ts`, false),
  // Before v0.1.276 the guardrail created its own KMS key and a content policy from `filtersConfig`
  // (src/cdk-lib/bedrock/guardrails.ts at v0.1.275): everything but those two is left unknown for it.
  guardrailModel(GENAI_CONSTRUCTS, `${GENAI_BEDROCK}/guardrails/guardrails.ts (v0.1.318; own KMS key before v0.1.276)`, [
    {
      below: '0.1.276',
      marks: ['kmsKeyArn', 'filtersConfig', 'contextualGroundingfiltersConfig'],
      resources: [{ type: 'AWS::Bedrock::Guardrail', role: 'guardrail', props: { KmsKeyArn: generated, ContentPolicyConfig: generated }, open: true }],
    },
  ]),
  guardrailModel(BEDROCK_ALPHA, `${ALPHA_BEDROCK}/guardrails/guardrails.ts`),
  ...['KnowledgeBase', 'VectorKnowledgeBase', 'KendraKnowledgeBase', 'GraphKnowledgeBase'].map((c) =>
    knowledgeBaseModel(c, GENAI_CONSTRUCTS, `${GENAI_BEDROCK}/knowledge-bases/ (v0.1.318)`),
  ),
  ...['VectorKnowledgeBase', 'KendraKnowledgeBase'].map((c) => knowledgeBaseModel(c, BEDROCK_ALPHA, `${ALPHA_BEDROCK}/knowledge-bases/`)),
  ...DATA_SOURCES.map((c) => dataSourceModel(c, GENAI_CONSTRUCTS, `${GENAI_BEDROCK}/data-sources/base-data-source.ts (v0.1.318)`)),
  ...DATA_SOURCES.map((c) => dataSourceModel(c, BEDROCK_ALPHA, `${ALPHA_BEDROCK}/data-sources/base-data-source.ts`)),
  {
    className: 'Model',
    library: SAGEMAKER_ALPHA,
    source: 'packages/@aws-cdk/aws-sagemaker-alpha/lib/model.ts',
    primary: 'model',
    versions: [
      {
        resources: [
          {
            type: 'AWS::SageMaker::Model',
            role: 'model',
            props: { ModelName: prop('modelName'), ExecutionRoleArn: generated, EnableNetworkIsolation: prop('networkIsolation'), VpcConfig: prop('vpc') },
          },
        ],
      },
    ],
    fixes: { EnableNetworkIsolation: { prop: 'networkIsolation', value: 'value' } },
  },
  {
    // No data capture property; `initialInstanceCount` defaults to 1 and `instanceType` to ml.t2.medium.
    className: 'EndpointConfig',
    library: SAGEMAKER_ALPHA,
    source: 'packages/@aws-cdk/aws-sagemaker-alpha/lib/endpoint-config.ts',
    primary: 'endpointConfig',
    versions: [
      {
        resources: [
          {
            type: 'AWS::SageMaker::EndpointConfig',
            role: 'endpointConfig',
            props: {
              EndpointConfigName: prop('endpointConfigName'),
              KmsKeyId: prop('encryptionKey'),
              ProductionVariants: {
                kind: 'first',
                of: [
                  prop('instanceProductionVariants', {
                    item: {
                      VariantName: prop('variantName'),
                      ModelName: prop('model'),
                      InstanceType: prop('instanceType', { convert: 'instanceType', default: 'ml.t2.medium' }),
                      InitialInstanceCount: prop('initialInstanceCount', { default: 1 }),
                    },
                  }),
                  { kind: 'list', items: [{ kind: 'object', props: { ServerlessConfig: prop('serverlessProductionVariant') } }] },
                ],
              },
            },
          },
        ],
      },
    ],
    methods: { addInstanceProductionVariant: { kind: 'append', prop: 'instanceProductionVariants' } },
    fixes: { KmsKeyId: { prop: 'encryptionKey', value: 'kms-key' }, InitialInstanceCount: { prop: 'initialInstanceCount', value: 'value' } },
  },
  {
    className: 'Endpoint',
    library: SAGEMAKER_ALPHA,
    source: 'packages/@aws-cdk/aws-sagemaker-alpha/lib/endpoint.ts',
    primary: 'endpoint',
    versions: [{ resources: [{ type: 'AWS::SageMaker::Endpoint', role: 'endpoint', props: { EndpointName: prop('endpointName'), EndpointConfigName: prop('endpointConfig') } }] }],
    // `endpoint.findInstanceProductionVariant(name).autoScaleInstanceCount({ maxCapacity })` registers the variant with
    // Application Auto Scaling (minimum 1 unless given).
    scaling: { method: 'autoScaleInstanceCount', via: 'findInstanceProductionVariant', minimum: 1 },
  },
];

/**
 * The namespace of each PII entity type in the guardrail's `PIIType` (`PIIType.General.EMAIL`), for fixes that write
 * one (src/cdk-lib/bedrock/guardrails/guardrail-filters.ts; the alpha module has the same).
 */
export const PII_CATEGORIES: Readonly<Record<string, string>> = {
  ADDRESS: 'General',
  AGE: 'General',
  DRIVER_ID: 'General',
  EMAIL: 'General',
  LICENSE_PLATE: 'General',
  NAME: 'General',
  PASSWORD: 'General',
  PHONE: 'General',
  USERNAME: 'General',
  VEHICLE_IDENTIFICATION_NUMBER: 'General',
  CREDIT_DEBIT_CARD_CVV: 'Finance',
  CREDIT_DEBIT_CARD_EXPIRY: 'Finance',
  CREDIT_DEBIT_CARD_NUMBER: 'Finance',
  PIN: 'Finance',
  SWIFT_CODE: 'Finance',
  INTERNATIONAL_BANK_ACCOUNT_NUMBER: 'Finance',
  URL: 'InformationTechnology',
  IP_ADDRESS: 'InformationTechnology',
  MAC_ADDRESS: 'InformationTechnology',
  AWS_ACCESS_KEY: 'InformationTechnology',
  AWS_SECRET_KEY: 'InformationTechnology',
  US_BANK_ACCOUNT_NUMBER: 'USASpecific',
  US_BANK_ROUTING_NUMBER: 'USASpecific',
  US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER: 'USASpecific',
  US_PASSPORT_NUMBER: 'USASpecific',
  US_SOCIAL_SECURITY_NUMBER: 'USASpecific',
  CA_HEALTH_NUMBER: 'CanadaSpecific',
  CA_SOCIAL_INSURANCE_NUMBER: 'CanadaSpecific',
  UK_NATIONAL_HEALTH_SERVICE_NUMBER: 'UKSpecific',
  UK_NATIONAL_INSURANCE_NUMBER: 'UKSpecific',
  UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER: 'UKSpecific',
};

/** Namespaces of the libraries that Python names as modules (jsii's spelling): `bedrock.pii_type.General.EMAIL`. */
export const PYTHON_NAMESPACES: Readonly<Record<string, string>> = { PIIType: 'pii_type' };

/**
 * Classes whose static members name SageMaker instance types: `SageMakerInstanceType.ML_G5_2XLARGE` (generative-ai-cdk-
 * constructs, sagemaker-instance-type.ts) and `InstanceType.M5_LARGE` (aws-sagemaker-alpha, instance-type.ts) are
 * `ml.g5.2xlarge` and `ml.m5.large`; both also have `.of("ml.…")`.
 */
export const INSTANCE_TYPE_CLASSES: readonly string[] = ['SageMakerInstanceType', 'InstanceType'];

/** An instance type member's name as the instance type: `ML_G5_2XLARGE` and `G5_2XLARGE` → `ml.g5.2xlarge`. */
export function instanceTypeOfMember(member: string): string | undefined {
  const parts = member.replace(/^ML_/, '').toLowerCase().split('_');
  return parts.length >= 2 ? `ml.${parts[0]}.${parts.slice(1).join('')}` : undefined;
}
