// What the SageMaker Python SDK (v2) looks like in facts: its estimator and model classes, real-time `deploy` calls,
// and what an instance type says about its storage.
import { field, isFalse, stringOf } from '../values';
import type { CallFact, FileFacts, Value } from '../types';

/** Estimator classes, as imported from their package or their module. */
const ESTIMATORS = [
  'sagemaker.estimator.Estimator',
  'sagemaker.estimator.Framework',
  'sagemaker.algorithm.AlgorithmEstimator',
  'sagemaker.AlgorithmEstimator',
  ...frameworkClasses('estimator', {
    pytorch: 'PyTorch',
    huggingface: 'HuggingFace',
    tensorflow: 'TensorFlow',
    sklearn: 'SKLearn',
    xgboost: 'XGBoost',
    mxnet: 'MXNet',
    chainer: 'Chainer',
    rl: 'RLEstimator',
  }),
  ...amazonAlgorithms(''),
];
const JUMPSTART_ESTIMATOR = 'sagemaker.jumpstart.estimator.JumpStartEstimator';

/** Model classes that create a SageMaker model (and, through `deploy`, an endpoint). */
const MODELS = [
  'sagemaker.model.Model',
  'sagemaker.Model',
  'sagemaker.model.FrameworkModel',
  'sagemaker.pipeline.PipelineModel',
  'sagemaker.PipelineModel',
  'sagemaker.djl_inference.DJLModel',
  'sagemaker.djl_inference.model.DJLModel',
  ...frameworkClasses('model', {
    pytorch: 'PyTorchModel',
    huggingface: 'HuggingFaceModel',
    tensorflow: 'TensorFlowModel',
    sklearn: 'SKLearnModel',
    xgboost: 'XGBoostModel',
    mxnet: 'MXNetModel',
    chainer: 'ChainerModel',
  }),
  ...amazonAlgorithms('Model'),
];
const JUMPSTART_MODEL = 'sagemaker.jumpstart.model.JumpStartModel';

export type SdkClass = 'estimator' | 'model';

export interface SdkConstruction {
  call: CallFact;
  kind: SdkClass;
  /** JumpStart classes take unset settings (network isolation, version) from the model's published specification. */
  jumpStart: boolean;
}

const CLASSES = new Map<string, { kind: SdkClass; jumpStart: boolean }>([
  ...ESTIMATORS.map((n) => [n, { kind: 'estimator' as const, jumpStart: false }] as const),
  ...MODELS.map((n) => [n, { kind: 'model' as const, jumpStart: false }] as const),
  [JUMPSTART_ESTIMATOR, { kind: 'estimator', jumpStart: true }],
  [JUMPSTART_MODEL, { kind: 'model', jumpStart: true }],
]);

/** Estimators and models constructed in the file, resolved through its imports. */
export function sdkConstructions(facts: FileFacts, kind: SdkClass): SdkConstruction[] {
  const found: SdkConstruction[] = [];
  for (const call of facts.calls) {
    const cls = call.qualifiedName ? CLASSES.get(call.qualifiedName) : undefined;
    if (cls?.kind === kind) found.push({ call, ...cls });
  }
  return found;
}

/** Generic classes whose first positional argument is the container image. */
export const IMAGE_FIRST = new Set(['sagemaker.estimator.Estimator', 'sagemaker.model.Model', 'sagemaker.Model']);

/** A `.deploy(...)` call with its instance count and type, given by keyword or position (`deploy(1, "ml.m5.xlarge")`). */
export interface SdkDeploy {
  call: CallFact;
  instanceCount?: Value;
  instanceType?: Value;
}

/**
 * `.deploy(...)` calls in a file that uses the SageMaker SDK and that create an instance-backed endpoint: they name an
 * instance type or count (by keyword, or an `ml.` type in second position), and are neither serverless nor local mode.
 */
export function instanceDeploys(facts: FileFacts, { includeAsync }: { includeAsync: boolean }): SdkDeploy[] {
  if (!facts.imports.has('sagemaker')) return [];
  const deploys: SdkDeploy[] = [];
  for (const call of facts.calls) {
    if (call.name !== 'deploy') continue;
    const byPosition = stringOf(call.positional[1])?.startsWith('ml.') === true;
    const instanceCount = field(call.args, 'initial_instance_count') ?? (byPosition ? call.positional[0] : undefined);
    const instanceType = field(call.args, 'instance_type') ?? (byPosition ? call.positional[1] : undefined);
    if (!call.args.props.has('initial_instance_count') && !call.args.props.has('instance_type') && !byPosition) continue;
    if (field(call.args, 'serverless_inference_config') !== undefined) continue;
    if (!includeAsync && field(call.args, 'async_inference_config') !== undefined) continue;
    if (isLocalMode(instanceType)) continue;
    deploys.push({ call, instanceCount, instanceType });
  }
  return deploys;
}

/** `local` and `local_gpu` run the job or endpoint in Docker on this machine: nothing reaches AWS. */
export function isLocalMode(instanceType: Value | undefined): boolean {
  const type = stringOf(instanceType);
  return type !== undefined && type.startsWith('local');
}

/** Families whose storage is NVMe instance store without a `d` in the name (`ml.g5`, `ml.p5`, `ml.trn1`). */
const INSTANCE_STORE_FAMILIES = new Set(['g5', 'g6', 'g6e', 'gr6', 'p5', 'p5e', 'p5en', 'p6-b200', 'p6e-gb200', 'trn1', 'trn1n', 'trn2', 'dl1']);

/**
 * Whether a known instance type keeps its volumes on local NVMe instance store, which the hardware encrypts and for
 * which SageMaker rejects a KMS key (`ml.g5`, `ml.p4d`, `ml.m5d`...). Undefined when the type is not a known string.
 */
export function hasInstanceStore(instanceType: Value | undefined): boolean | undefined {
  const type = stringOf(instanceType);
  const family = type && /^ml\.([a-z0-9-]+)\.[a-z0-9-]+$/.exec(type)?.[1];
  if (!family) return undefined;
  // A `d` among the attribute letters after the generation marks local disks: m5d, c5d, r5d, g4dn, p3dn, p4d, p4de.
  return INSTANCE_STORE_FAMILIES.has(family) || /^[a-z]+\d+[a-z]*d[a-z]*$/.test(family);
}

/** A setting is off when it is absent (and the SDK's default is off) or explicitly false. */
export function settingOff(args: Value, key: string): 'absent' | 'false' | undefined {
  const value = field(args, key);
  if (value === undefined || value.kind === 'null') return 'absent';
  return isFalse(value) ? 'false' : undefined;
}

function frameworkClasses(module: 'estimator' | 'model', classes: Record<string, string>): string[] {
  return Object.entries(classes).flatMap(([pkg, cls]) => [`sagemaker.${pkg}.${cls}`, `sagemaker.${pkg}.${module}.${cls}`]);
}

/** SageMaker's built-in algorithms, exported from `sagemaker` and from `sagemaker.amazon.<module>`. */
function amazonAlgorithms(suffix: '' | 'Model'): string[] {
  const algorithms: Record<string, string> = {
    kmeans: 'KMeans',
    pca: 'PCA',
    lda: 'LDA',
    linear_learner: 'LinearLearner',
    factorization_machines: 'FactorizationMachines',
    ntm: 'NTM',
    randomcutforest: 'RandomCutForest',
    knn: 'KNN',
    object2vec: 'Object2Vec',
    ipinsights: 'IPInsights',
  };
  return Object.entries(algorithms).flatMap(([module, cls]) => [`sagemaker.${cls}${suffix}`, `sagemaker.amazon.${module}.${cls}${suffix}`]);
}

/** Estimators that start training jobs in AWS (local mode ones run in Docker here and are skipped). */
export function trainingJobs(facts: FileFacts): SdkConstruction[] {
  return sdkConstructions(facts, 'estimator').filter((e) => !isLocalMode(field(e.call.args, 'instance_type')));
}

