// Evidence in how ML work is run on managed services: training, tuning, processing, labeling, feature store,
// pipelines, debugging, deployment strategies, right-sizing, efficient hardware and models, and storage hygiene.
import { field, isTrue, stringOf } from '../values';
import type { CallFact, FileFacts, ResourceFact, Value } from '../types';
import { isLocalMode, sdkConstructions, trainingJobs } from '../apis/sagemakerSdk';
import { boto3Calls, callEvidence, callsTo, callsUnder, firstOnly, keyedCallEvidence, propertyDeep, resourceEvidence, writtenStrings, type EvidenceDetector, type EvidenceMatch } from './detector';

const SAGEMAKER = 'sagemaker';

/** Methods on SageMaker SDK objects, in files that use the SDK (`tuner.fit`, `monitor.suggest_baseline`). */
function sdkMethods(facts: FileFacts, names: readonly string[], when: (c: CallFact) => boolean = () => true): CallFact[] {
  if (!facts.imports.has(SAGEMAKER)) return [];
  return facts.calls.filter((c) => c.callee.includes('.') && names.includes(c.name) && when(c));
}

export const managedTraining: EvidenceDetector = {
  id: 'managed-training',
  title: 'Models are trained as SageMaker training jobs on managed clusters',
  practices: ['MLCOST04-BP06'],
  detect: (facts) => [
    ...callEvidence(trainingJobs(facts).map((e) => e.call), (c) => `SageMaker training job (\`${c.qualifiedName!.split('.').pop()}\`)`),
    ...callEvidence(callsTo(facts, ['sagemaker.modules.train.ModelTrainer', 'sagemaker.train.ModelTrainer']), () => 'SageMaker training job (`ModelTrainer`)'),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_training_job', 'TrainingJobName']]), () => 'SageMaker training job (`create_training_job`)'),
  ].filter((m, i, all) => all.findIndex((o) => o.span.start === m.span.start) === i),
};

const DISTRIBUTED_LIBRARIES = ['torch.distributed.init_process_group', 'torch.nn.parallel.DistributedDataParallel', 'deepspeed.initialize', 'smdistributed.', 'horovod.'];

export const distributedTraining: EvidenceDetector = {
  id: 'distributed-training',
  title: 'Training is distributed over several instances or devices',
  practices: ['MLCOST04-BP07'],
  detect: (facts) => [
    ...callEvidence(
      trainingJobs(facts)
        .map((e) => e.call)
        .filter((c) => (field(c.args, 'distribution') !== undefined && c.args.props.has('distribution')) || numberOf(field(c.args, 'instance_count')) > 1),
      (c) => `distributed SageMaker training (\`${c.args.props.has('distribution') ? 'distribution' : 'instance_count'}\`)`,
    ),
    ...firstOnly(callEvidence(callsUnder(facts, DISTRIBUTED_LIBRARIES), (c) => `distributed training (\`${c.qualifiedName}\`)`)),
  ],
};

function numberOf(value: Value | undefined): number {
  return value?.kind === 'number' ? value.value : 0;
}

export const localModeTraining: EvidenceDetector = {
  id: 'local-mode-training',
  title: 'Small experiments run in SageMaker local mode before using cloud instances',
  practices: ['MLCOST04-BP03'],
  detect: (facts) => [
    ...callEvidence(
      sdkConstructions(facts, 'estimator').filter((e) => isLocalMode(field(e.call.args, 'instance_type'))).map((e) => e.call),
      (c) => `estimator in local mode (\`${stringOf(field(c.args, 'instance_type'))}\`)`,
    ),
    ...callEvidence(callsTo(facts, ['sagemaker.local.LocalSession', 'sagemaker.local.local_session.LocalSession']), () => 'SageMaker local mode session (`LocalSession`)'),
  ],
};

const TUNERS = ['sagemaker.tuner.HyperparameterTuner', 'sagemaker.HyperparameterTuner'];
const HPO_LIBRARIES = ['optuna.create_study', 'ray.tune.Tuner', 'ray.tune.run', 'skopt.BayesSearchCV', 'hyperopt.fmin', 'sklearn.model_selection.GridSearchCV', 'sklearn.model_selection.RandomizedSearchCV', 'sklearn.model_selection.HalvingGridSearchCV'];
const TUNING_JOB: [string, string][] = [['create_hyper_parameter_tuning_job', 'HyperParameterTuningJobName']];

export const hyperparameterTuning: EvidenceDetector = {
  id: 'hyperparameter-tuning',
  title: 'Hyperparameters are tuned automatically (SageMaker automatic model tuning, Optuna, Ray Tune, scikit-learn search)',
  practices: ['MLCOST04-BP11'],
  detect: (facts) => [
    ...callEvidence(callsTo(facts, TUNERS), () => 'SageMaker automatic model tuning (`HyperparameterTuner`)'),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, TUNING_JOB), () => 'SageMaker tuning job (`create_hyper_parameter_tuning_job`)'),
    ...callEvidence(callsTo(facts, HPO_LIBRARIES), (c) => `hyperparameter search (\`${c.qualifiedName}\`)`),
  ],
};

/** Search strategies that learn from earlier trials, unlike exhaustive grids and random search. */
const EFFICIENT_STRATEGIES = new Set(['Bayesian', 'Hyperband']);

export const efficientTuningSearch: EvidenceDetector = {
  id: 'efficient-tuning-search',
  title: 'Hyperparameter searches use efficient strategies (Bayesian optimization, Hyperband, TPE)',
  practices: ['MLSUS04-BP04'],
  detect: (facts) => [
    // HyperparameterTuner's default strategy is "Bayesian" (sagemaker/tuner.py).
    ...callEvidence(
      callsTo(facts, TUNERS).filter((c) => strategyIs(field(c.args, 'strategy'), true)),
      (c) => `SageMaker tuning with the ${stringOf(field(c.args, 'strategy')) ?? 'Bayesian (default)'} strategy`,
    ),
    ...callEvidence(
      boto3Calls(facts, SAGEMAKER, TUNING_JOB).filter((c) => strategyIs(field(field(c.args, 'HyperParameterTuningJobConfig'), 'Strategy'), false)),
      () => 'SageMaker tuning job with an efficient strategy',
    ),
    ...callEvidence(callsTo(facts, ['optuna.create_study', 'skopt.BayesSearchCV', 'hyperopt.fmin']), (c) => `hyperparameter search that learns from earlier trials (\`${c.qualifiedName}\`)`),
  ],
};

/** A known Bayesian or Hyperband strategy; absent counts when the library defaults to Bayesian. */
function strategyIs(value: Value | undefined, absentIsBayesian: boolean): boolean {
  if (value === undefined) return absentIsBayesian;
  const s = stringOf(value);
  return s !== undefined && EFFICIENT_STRATEGIES.has(s);
}

export const warmStartCheckpoints: EvidenceDetector = {
  id: 'warm-start-checkpoints',
  title: 'Training and tuning reuse earlier work (checkpoints, warm-start tuning)',
  practices: ['MLCOST04-BP10'],
  detect: (facts) => [
    ...trainingJobs(facts)
      .map((e) => e.call.args.props.get('checkpoint_s3_uri'))
      .filter((p) => p !== undefined)
      .map((p) => ({ span: p!.keySpan, message: 'training saves checkpoints (`checkpoint_s3_uri`)' })),
    ...callEvidence(callsTo(facts, ['sagemaker.tuner.WarmStartConfig']), () => 'tuning starts from earlier tuning jobs (`WarmStartConfig`)'),
    ...keyedCallEvidence(boto3Calls(facts, SAGEMAKER, [...TUNING_JOB, ['create_training_job', 'TrainingJobName']]), ['WarmStartConfig', 'CheckpointConfig'], (key) => `earlier work reused (\`${key}\`)`),
  ],
};

export const automatedMl: EvidenceDetector = {
  id: 'automated-ml',
  title: 'Candidate models are found with automated ML (SageMaker Autopilot, AutoGluon)',
  practices: ['MLCOST04-BP05'],
  detect: (facts) => [
    ...callEvidence(
      callsTo(facts, ['sagemaker.automl.automl.AutoML', 'sagemaker.AutoML', 'sagemaker.automl.automlv2.AutoMLV2', 'sagemaker.AutoMLV2', 'autogluon.tabular.TabularPredictor', 'autogluon.timeseries.TimeSeriesPredictor', 'autogluon.multimodal.MultiModalPredictor']),
      (c) => `automated ML (\`${c.qualifiedName!.split('.').pop()}\`)`,
    ),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_auto_ml_job', 'AutoMLJobName'], ['create_auto_ml_job_v2', 'AutoMLJobName']]), (c) => `SageMaker Autopilot job (\`${c.name}\`)`),
  ],
};

const PROCESSORS = [
  'sagemaker.processing.Processor',
  'sagemaker.processing.ScriptProcessor',
  'sagemaker.processing.FrameworkProcessor',
  'sagemaker.sklearn.processing.SKLearnProcessor',
  'sagemaker.sklearn.SKLearnProcessor',
  'sagemaker.spark.processing.PySparkProcessor',
  'sagemaker.spark.PySparkProcessor',
  'sagemaker.pytorch.processing.PyTorchProcessor',
  'sagemaker.huggingface.processing.HuggingFaceProcessor',
  'sagemaker.xgboost.processing.XGBoostProcessor',
  'sagemaker.workflow.steps.ProcessingStep',
];

export const managedProcessing: EvidenceDetector = {
  id: 'managed-processing',
  title: 'Data processing and evaluation run as SageMaker Processing jobs',
  practices: ['MLCOST03-BP03'],
  detect: (facts) => [
    ...callEvidence(callsTo(facts, PROCESSORS), (c) => `SageMaker Processing (\`${c.qualifiedName!.split('.').pop()}\`)`),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_processing_job', 'ProcessingJobName']]), () => 'SageMaker Processing job (`create_processing_job`)'),
  ],
};

export const managedLabeling: EvidenceDetector = {
  id: 'managed-labeling',
  title: 'Data is labeled with SageMaker Ground Truth',
  practices: ['MLCOST03-BP01'],
  detect: (facts) => [
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_labeling_job', 'LabelingJobName']]), () => 'SageMaker Ground Truth labeling job (`create_labeling_job`)'),
    ...resourceEvidence(facts, { aws_sagemaker_workteam: 'SageMaker Ground Truth work team', 'AWS::SageMaker::Workteam': 'SageMaker Ground Truth work team' }),
  ],
};

export const featureStore: EvidenceDetector = {
  id: 'feature-store',
  title: 'Features are kept in SageMaker Feature Store, shared by training and inference',
  practices: ['MLCOST03-BP04', 'MLREL03-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_sagemaker_feature_group: 'SageMaker feature group', 'AWS::SageMaker::FeatureGroup': 'SageMaker feature group' }),
    ...callEvidence(callsTo(facts, ['sagemaker.feature_store.feature_group.FeatureGroup', 'sagemaker.feature_store.FeatureGroup']), () => 'SageMaker feature group (`FeatureGroup`)'),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_feature_group', 'FeatureGroupName']]), () => 'SageMaker feature group (`create_feature_group`)'),
  ],
};

export const mlPipeline: EvidenceDetector = {
  id: 'ml-pipeline',
  title: 'ML workflows run as orchestrated pipelines (SageMaker Pipelines)',
  practices: ['MLOPS04-BP01', 'MLREL02-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_sagemaker_pipeline: 'SageMaker pipeline', 'AWS::SageMaker::Pipeline': 'SageMaker pipeline' }),
    ...callEvidence(callsTo(facts, ['sagemaker.workflow.pipeline.Pipeline']), () => 'SageMaker pipeline (`Pipeline`)'),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_pipeline', 'PipelineDefinition']]), () => 'SageMaker pipeline (`create_pipeline`)'),
  ],
};

const PROFILERS = ['ydata_profiling.ProfileReport', 'pandas_profiling.ProfileReport', 'pydeequ.', 'great_expectations.', 'sagemaker.workflow.quality_check_step.QualityCheckStep', 'whylogs.log'];

export const dataProfiling: EvidenceDetector = {
  id: 'data-profiling',
  title: 'Data is profiled and baseline statistics are recorded (Model Monitor baselines, Deequ, Great Expectations)',
  practices: ['MLOPS03-BP01', 'MLPERF04-BP04'],
  detect: (facts) => [
    ...callEvidence(sdkMethods(facts, ['suggest_baseline']), () => 'baseline statistics and constraints computed (`suggest_baseline`)'),
    ...firstOnly(callEvidence(callsUnder(facts, PROFILERS), (c) => `data profiled (\`${c.qualifiedName}\`)`)),
  ],
};

const DEBUGGER = ['sagemaker.debugger.DebuggerHookConfig', 'sagemaker.debugger.ProfilerConfig', 'sagemaker.debugger.Rule.sagemaker', 'sagemaker.debugger.ProfilerRule.sagemaker', 'sagemaker.debugger.TensorBoardOutputConfig'];

export const trainingDebugging: EvidenceDetector = {
  id: 'training-debugging',
  title: 'Training jobs are profiled and debugged (SageMaker Debugger, TensorBoard output)',
  practices: ['MLCOST06-BP04'],
  detect: (facts) => [
    ...firstOnly(callEvidence(callsTo(facts, DEBUGGER), (c) => `SageMaker Debugger (\`${c.qualifiedName!.split('.').slice(2).join('.')}\`)`)),
    ...keyedCallEvidence(boto3Calls(facts, SAGEMAKER, [['create_training_job', 'TrainingJobName']]), ['DebugHookConfig', 'ProfilerConfig', 'DebugRuleConfigurations'], (key) => `SageMaker Debugger (\`${key}\`)`),
  ],
};

const DEPLOYMENT_KEYS = new Set(['deployment_config', 'DeploymentConfig', 'shadow_production_variants', 'ShadowProductionVariants']);

export const deploymentGuardrails: EvidenceDetector = {
  id: 'deployment-guardrails',
  title: 'Model updates roll out safely (blue/green or canary traffic shifting with rollback, shadow variants)',
  practices: ['MLREL04-BP02'],
  detect: (facts) => [
    ...facts.resources
      .filter((r) => /^(aws_sagemaker_endpoint(_configuration)?|AWS::SageMaker::Endpoint(Config)?)$/.test(r.resourceType))
      .flatMap((r) => withKey(r, DEPLOYMENT_KEYS, (key) => `endpoint \`${r.name}\` ${key.toLowerCase().includes('shadow') ? 'tests new models in shadow variants' : 'shifts traffic with deployment guardrails'}`)),
    ...boto3Calls(facts, SAGEMAKER, [['create_endpoint', 'EndpointConfigName'], ['update_endpoint', 'EndpointConfigName'], ['create_inference_experiment', 'ShadowModeConfig']])
      .filter((c) => c.name === 'create_inference_experiment' || c.args.props.has('DeploymentConfig'))
      .map((c) => ({ span: c.nameSpan, message: c.name === 'create_inference_experiment' ? 'shadow test (`create_inference_experiment`)' : `deployment guardrails (\`${c.name}\` with \`DeploymentConfig\`)` })),
  ],
};

function withKey(resource: ResourceFact, keys: ReadonlySet<string>, message: (key: string) => string): EvidenceMatch[] {
  const prop = [...resource.props.props.values()].find((p) => keys.has(p.key));
  return prop ? [{ span: prop.keySpan, message: message(prop.key) }] : [];
}

export const inferenceRecommender: EvidenceDetector = {
  id: 'inference-recommender',
  title: 'Hosting instances are chosen with SageMaker Inference Recommender load tests',
  practices: ['MLPERF04-BP01', 'MLCOST05-BP03'],
  detect: (facts) => [
    ...callEvidence(sdkMethods(facts, ['right_size']), () => 'instance type chosen by Inference Recommender (`right_size`)'),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_inference_recommendations_job', 'JobType']]), () => 'Inference Recommender job (`create_inference_recommendations_job`)'),
  ],
};

export const multiModelHosting: EvidenceDetector = {
  id: 'multi-model-hosting',
  title: 'Several models share one endpoint (multi-model endpoints, inference components)',
  practices: ['MLSUS05-BP04'],
  detect: (facts) => [
    ...callEvidence(callsTo(facts, ['sagemaker.multidatamodel.MultiDataModel']), () => 'multi-model endpoint (`MultiDataModel`)'),
    ...resourceEvidence(facts, { 'AWS::SageMaker::InferenceComponent': 'SageMaker inference component' }),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_inference_component', 'InferenceComponentName']]), () => 'SageMaker inference component (`create_inference_component`)'),
    ...facts.resources
      .filter((r) => r.resourceType === 'aws_sagemaker_model' || r.resourceType === 'AWS::SageMaker::Model')
      .flatMap((r) => {
        const mode = propertyDeep(r.props, new Set(['mode', 'Mode']));
        return mode && stringOf(mode.value) === 'MultiModel' ? [{ span: mode.keySpan, message: `model \`${r.name}\` is hosted as a multi-model endpoint` }] : [];
      }),
  ],
};

/** AWS Inferentia and Trainium, and Graviton (a `g` after the generation: `ml.c7g`, `ml.m6gd`). */
const EFFICIENT_INSTANCE = /^ml\.(inf1|inf2|trn1|trn1n|trn2|[a-z]+\d+g[a-z]*)\.[a-z0-9]+$/;

export const efficientSilicon: EvidenceDetector = {
  id: 'efficient-silicon',
  title: 'Training or hosting uses purpose-built or efficient processors (AWS Inferentia, Trainium, Graviton)',
  practices: ['MLSUS05-BP02', 'MLCOST05-BP02'],
  detect: (facts) => firstOnly(writtenStrings(facts).filter((s) => EFFICIENT_INSTANCE.test(s.value)).map((s) => ({ span: s.span, message: `efficient instance type \`${s.value}\`` }))),
};

const OPTIMIZATION = [
  'transformers.BitsAndBytesConfig',
  'transformers.GPTQConfig',
  'transformers.AwqConfig',
  'torch.quantization.quantize_dynamic',
  'torch.ao.quantization.quantize_dynamic',
  'torch.ao.quantization.quantize_fx.prepare_fx',
  'optimum.onnxruntime.ORTQuantizer',
  'optimum.intel.INCQuantizer',
  'onnxruntime.quantization.quantize_dynamic',
  'onnxruntime.quantization.quantize_static',
  'awq.AutoAWQForCausalLM',
  'auto_gptq.AutoGPTQForCausalLM',
  'torch.compile',
  'torch_neuronx.trace',
  'torch.neuron.trace',
];

export const modelOptimization: EvidenceDetector = {
  id: 'model-optimization',
  title: 'Models are quantized or compiled for inference (bitsandbytes, GPTQ/AWQ, ONNX Runtime, Neuron, SageMaker Neo)',
  practices: ['MLSUS05-BP03', 'GENSUS03-BP01'],
  detect: (facts) => [
    ...firstOnly(callEvidence(callsTo(facts, OPTIMIZATION), (c) => `model optimized for inference (\`${c.qualifiedName}\`)`)),
    ...firstOnly(
      facts.calls
        .filter((c) => c.name === 'from_pretrained' && (isTrue(field(c.args, 'load_in_4bit')) || isTrue(field(c.args, 'load_in_8bit'))))
        .map((c) => ({ span: c.nameSpan, message: 'model loaded quantized (`load_in_4bit`/`load_in_8bit`)' })),
    ),
    ...callEvidence(sdkMethods(facts, ['compile_model', 'compile'], (c) => c.args.props.has('target_instance_family')), () => 'model compiled with SageMaker Neo'),
    ...callEvidence(sdkMethods(facts, ['optimize'], (c) => c.args.props.has('quantization_config') || c.args.props.has('compilation_config')), () => 'model optimized with SageMaker (`optimize`)'),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_compilation_job', 'CompilationJobName'], ['create_optimization_job', 'OptimizationJobName']]), (c) => `model optimized (\`${c.name}\`)`),
  ],
};

export const parameterEfficientTuning: EvidenceDetector = {
  id: 'parameter-efficient-tuning',
  title: 'Models are customized with parameter-efficient fine-tuning (LoRA and other PEFT methods)',
  practices: ['GENSUS01-BP02'],
  detect: (facts) => firstOnly(callEvidence(callsUnder(facts, ['peft.LoraConfig', 'peft.get_peft_model', 'peft.PrefixTuningConfig', 'peft.IA3Config', 'peft.AdaLoraConfig', 'peft.PromptTuningConfig']), (c) => `parameter-efficient fine-tuning (\`${c.qualifiedName}\`)`)),
};

export const serverlessInference: EvidenceDetector = {
  id: 'serverless-inference',
  title: 'Models with intermittent traffic are hosted on SageMaker Serverless Inference',
  practices: ['MLCOST05-BP01', 'MLSUS03-BP01', 'GENSUS01-BP01'],
  detect: (facts) => [
    ...resourceKeyEvidence(facts, ENDPOINT_CONFIGS, ['serverless_config', 'ServerlessConfig'], (r) => `endpoint configuration \`${r.name}\` is serverless`),
    ...callEvidence(callsTo(facts, ['sagemaker.serverless.ServerlessInferenceConfig', 'sagemaker.serverless.serverless_inference_config.ServerlessInferenceConfig']), () => 'SageMaker Serverless Inference (`ServerlessInferenceConfig`)'),
  ],
};

export const batchAndAsyncInference: EvidenceDetector = {
  id: 'batch-and-async-inference',
  title: 'Inference that needs no immediate answer runs as batch transform or asynchronous inference',
  practices: ['MLCOST05-BP01'],
  detect: (facts) => [
    ...callEvidence(callsTo(facts, ['sagemaker.transformer.Transformer', 'sagemaker.async_inference.AsyncInferenceConfig', 'sagemaker.async_inference.async_inference_config.AsyncInferenceConfig']), (c) => `${c.name === 'Transformer' ? 'batch transform' : 'asynchronous inference'} (\`${c.name}\`)`),
    ...callEvidence(sdkMethods(facts, ['transformer']), () => 'batch transform (`transformer`)'),
    ...callEvidence(boto3Calls(facts, SAGEMAKER, [['create_transform_job', 'TransformJobName']]), () => 'batch transform job (`create_transform_job`)'),
    ...resourceKeyEvidence(facts, ENDPOINT_CONFIGS, ['async_inference_config', 'AsyncInferenceConfig'], (r) => `endpoint configuration \`${r.name}\` serves asynchronous inference`),
  ],
};

/** Evidence at the first property named one of `keys` (and not null) in each resource of `types`. */
function resourceKeyEvidence(facts: FileFacts, types: readonly string[], keys: readonly string[], message: (r: ResourceFact) => string): EvidenceMatch[] {
  const wanted = new Set(keys);
  return facts.resources
    .filter((r) => types.includes(r.resourceType))
    .flatMap((r) => {
      const prop = propertyDeep(r.props, wanted);
      return prop && prop.value.kind !== 'null' ? [{ span: prop.keySpan, message: message(r) }] : [];
    });
}

const ENDPOINT_CONFIGS = ['aws_sagemaker_endpoint_configuration', 'AWS::SageMaker::EndpointConfig'];

export const storageLifecycle: EvidenceDetector = {
  id: 'storage-lifecycle',
  title: 'S3 lifecycle rules expire or archive data and artifacts',
  practices: ['MLSUS03-BP02', 'MLSUS04-BP03'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_s3_bucket_lifecycle_configuration: 'S3 lifecycle configuration' }),
    ...resourceKeyEvidence(facts, ['aws_s3_bucket', 'AWS::S3::Bucket'], ['lifecycle_rule', 'LifecycleConfiguration'], (r) => `bucket \`${r.name}\` has lifecycle rules`),
    ...callEvidence(facts.calls.filter((c) => c.name === 'put_bucket_lifecycle_configuration' && (c.receiverType === 'boto3:s3' || c.args.props.has('LifecycleConfiguration'))), () => 'S3 lifecycle rules set with `put_bucket_lifecycle_configuration`'),
  ],
};

const STUDIO_RESOURCES = ['aws_sagemaker_domain', 'aws_sagemaker_user_profile', 'aws_sagemaker_space', 'AWS::SageMaker::Domain', 'AWS::SageMaker::UserProfile', 'AWS::SageMaker::Space'];

export const idleShutdown: EvidenceDetector = {
  id: 'idle-shutdown',
  title: 'Idle SageMaker Studio applications shut down on their own',
  practices: ['MLCOST04-BP08', 'MLSUS03-BP01'],
  detect: (facts) => resourceKeyEvidence(facts, STUDIO_RESOURCES, ['idle_timeout_in_minutes', 'IdleTimeoutInMinutes'], (r) => `\`${r.name}\` shuts idle applications down`),
};

export const dataCatalog: EvidenceDetector = {
  id: 'data-catalog',
  title: 'Data is registered in the AWS Glue Data Catalog',
  practices: ['MLREL02-BP01'],
  detect: (facts) => [
    ...resourceEvidence(facts, {
      aws_glue_catalog_database: 'Glue Data Catalog database',
      aws_glue_crawler: 'Glue crawler',
      'AWS::Glue::Database': 'Glue Data Catalog database',
      'AWS::Glue::Crawler': 'Glue crawler',
    }),
    ...callEvidence(boto3Calls(facts, 'glue', [['create_database', 'DatabaseInput'], ['create_crawler', 'Targets']]), (c) => `Glue Data Catalog (\`${c.name}\`)`),
  ],
};

export const managedNotebooks: EvidenceDetector = {
  id: 'managed-notebooks',
  title: 'Development happens in managed notebook environments (SageMaker Studio, notebook instances)',
  practices: ['MLCOST04-BP02'],
  detect: (facts) =>
    firstOnly(
      resourceEvidence(facts, {
        aws_sagemaker_domain: 'SageMaker Studio domain',
        'AWS::SageMaker::Domain': 'SageMaker Studio domain',
        aws_sagemaker_notebook_instance: 'SageMaker notebook instance',
        'AWS::SageMaker::NotebookInstance': 'SageMaker notebook instance',
      }),
    ),
};

export const piiDetection: EvidenceDetector = {
  id: 'pii-detection',
  title: 'Personal data is detected and masked in data (Amazon Comprehend, Amazon Macie, Presidio)',
  practices: ['MLSEC03-BP03', 'RAIDP03-BP03'],
  detect: (facts) => [
    ...callEvidence(
      boto3Calls(facts, 'comprehend', [['detect_pii_entities', 'LanguageCode'], ['contains_pii_entities', 'LanguageCode'], ['start_pii_entities_detection_job', 'RedactionConfig']]),
      (c) => `personal data detected with Amazon Comprehend (\`${c.name}\`)`,
    ),
    ...callEvidence(boto3Calls(facts, 'macie2', [['create_classification_job', 'jobType']]), () => 'Amazon Macie sensitive-data discovery job'),
    ...resourceEvidence(facts, { aws_macie2_classification_job: 'Amazon Macie sensitive-data discovery job' }),
    ...firstOnly(callEvidence(callsTo(facts, ['presidio_analyzer.AnalyzerEngine', 'presidio_anonymizer.AnonymizerEngine']), (c) => `personal data detected with Presidio (\`${c.name}\`)`)),
  ],
};

export const retrainingTrigger: EvidenceDetector = {
  id: 'retraining-trigger',
  title: 'An EventBridge rule starts a SageMaker pipeline (scheduled or event-driven retraining)',
  practices: ['MLPERF06-BP05'],
  detect: (facts) =>
    resourceKeyEvidence(facts, ['aws_cloudwatch_event_target', 'AWS::Events::Rule'], ['sagemaker_pipeline_target', 'SageMakerPipelineParameters'], (r) => `EventBridge \`${r.name}\` starts a SageMaker pipeline`),
};

export const evaluationGate: EvidenceDetector = {
  id: 'evaluation-gate',
  title: 'Pipelines evaluate each model and register it with its metrics (condition steps on evaluation results, model metrics)',
  practices: ['MLPERF04-BP03'],
  detect: (facts) => [
    ...callEvidence(
      callsTo(facts, ['sagemaker.workflow.condition_step.ConditionStep']).filter(() => callsTo(facts, ['sagemaker.workflow.functions.JsonGet']).length > 0),
      () => 'pipeline step gated on evaluation results (`ConditionStep` on `JsonGet`)',
    ),
    ...callEvidence(callsTo(facts, ['sagemaker.model_metrics.ModelMetrics']), () => 'model registered with its evaluation metrics (`ModelMetrics`)'),
  ],
};

export const captureEncryption: EvidenceDetector = {
  id: 'capture-encryption',
  title: 'Captured inference data is encrypted with a customer managed key',
  practices: ['RAIMON01-BP03'],
  detect: (facts) => [
    ...facts.resources
      .filter((r) => ENDPOINT_CONFIGS.includes(r.resourceType))
      .flatMap((r) => {
        const capture = field(r.props, r.resourceType.startsWith('aws_') ? 'data_capture_config' : 'DataCaptureConfig');
        const key = propertyDeep(capture, new Set(['kms_key_id', 'KmsKeyId']));
        return key && key.value.kind !== 'null' && stringOf(key.value) !== '' ? [{ span: key.keySpan, message: `endpoint configuration \`${r.name}\` encrypts captured data with a KMS key` }] : [];
      }),
    ...callEvidence(
      callsTo(facts, ['sagemaker.model_monitor.DataCaptureConfig', 'sagemaker.model_monitor.data_capture_config.DataCaptureConfig']).filter((c) => c.args.props.has('kms_key_id')),
      () => 'captured data encrypted with a KMS key (`DataCaptureConfig(kms_key_id=…)`)',
    ),
  ],
};
