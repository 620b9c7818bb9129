// ML platform evidence detectors (evidence/mlPlatform.ts): for each, what it finds and a near miss it must not count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { sharedEngine } from './workspace';

async function evidence(detector: string, file: string, text: string): Promise<string[]> {
  const result = (await sharedEngine()).analyze({ path: file, text }, DEFAULT_OPTIONS);
  assert.deepEqual(result.problems, [], `${file} parses`);
  return result.signals!.evidence.filter((e) => e.detector === detector).map((e) => `${e.range.start.line + 1}: ${e.message}`);
}

const lines = (...l: string[]) => l.join('\n') + '\n';
const estimator = (args: string) => lines('from sagemaker.pytorch import PyTorch', `est = PyTorch(entry_point="train.py", role=role, framework_version="2.2", py_version="py310", ${args})`);

describe('ML training evidence', () => {
  it('managed-training, distributed-training and local-mode-training', async () => {
    const cloud = estimator('instance_type="ml.p4d.24xlarge", instance_count=2');
    assert.deepEqual(await evidence('managed-training', 't.py', cloud), ['2: SageMaker training job (`PyTorch`)']);
    assert.deepEqual(await evidence('distributed-training', 't.py', cloud), ['2: distributed SageMaker training (`instance_count`)']);
    assert.deepEqual(await evidence('distributed-training', 't.py', estimator('instance_type="ml.g5.xlarge", instance_count=1')), [], 'one instance');
    const local = estimator('instance_type="local_gpu", instance_count=1');
    assert.deepEqual(await evidence('local-mode-training', 't.py', local), ['2: estimator in local mode (`local_gpu`)']);
    assert.deepEqual(await evidence('managed-training', 't.py', local), [], 'local mode runs here, not on a managed cluster');
    assert.deepEqual(await evidence('distributed-training', 'ddp.py', lines('import torch.distributed as dist', 'dist.init_process_group("nccl")')), ['2: distributed training (`torch.distributed.init_process_group`)']);
  });

  it('hyperparameter-tuning, efficient-tuning-search and warm-start-checkpoints', async () => {
    const tuner = lines('from sagemaker.tuner import HyperparameterTuner, WarmStartConfig', 'tuner = HyperparameterTuner(est, "validation:auc", ranges, max_jobs=20, warm_start_config=WarmStartConfig(kind, parents))');
    assert.deepEqual(await evidence('hyperparameter-tuning', 'h.py', tuner), ['2: SageMaker automatic model tuning (`HyperparameterTuner`)']);
    assert.deepEqual(await evidence('efficient-tuning-search', 'h.py', tuner), ['2: SageMaker tuning with the Bayesian (default) strategy']);
    assert.deepEqual(await evidence('efficient-tuning-search', 'h.py', tuner.replace('max_jobs=20', 'strategy="Grid", max_jobs=20')), [], 'an exhaustive grid');
    assert.deepEqual(await evidence('warm-start-checkpoints', 'h.py', tuner), ['2: tuning starts from earlier tuning jobs (`WarmStartConfig`)']);
    assert.deepEqual(await evidence('warm-start-checkpoints', 't.py', estimator('instance_type="ml.g5.xlarge", instance_count=1, checkpoint_s3_uri=CKPT')), ['2: training saves checkpoints (`checkpoint_s3_uri`)']);
    assert.deepEqual(await evidence('hyperparameter-tuning', 'o.py', lines('import optuna', 'study = optuna.create_study(direction="maximize")')), ['2: hyperparameter search (`optuna.create_study`)']);
  });

  it('automated-ml, managed-processing, managed-labeling', async () => {
    assert.deepEqual(await evidence('automated-ml', 'a.py', lines('from sagemaker.automl.automl import AutoML', 'job = AutoML(role=role, target_attribute_name="churn")')), ['2: automated ML (`AutoML`)']);
    assert.deepEqual(await evidence('managed-processing', 'p.py', lines('from sagemaker.sklearn.processing import SKLearnProcessor', 'proc = SKLearnProcessor(framework_version="1.2-1", role=role, instance_type="ml.m5.xlarge", instance_count=1)')), [
      '2: SageMaker Processing (`SKLearnProcessor`)',
    ]);
    assert.deepEqual(await evidence('managed-labeling', 'l.py', lines('import boto3', 'sm = boto3.client("sagemaker")', 'sm.create_labeling_job(LabelingJobName="j", LabelAttributeName="label", InputConfig=I)')), [
      '3: SageMaker Ground Truth labeling job (`create_labeling_job`)',
    ]);
    assert.deepEqual(await evidence('managed-processing', 'p.py', 'import multiprocessing\nmultiprocessing.Process(target=f)\n'), []);
  });

  it('training-debugging and parameter-efficient-tuning', async () => {
    assert.deepEqual(await evidence('training-debugging', 'd.py', lines('from sagemaker.debugger import Rule, rule_configs', 'rules = [Rule.sagemaker(rule_configs.vanishing_gradient())]')), ['2: SageMaker Debugger (`Rule.sagemaker`)']);
    assert.deepEqual(await evidence('parameter-efficient-tuning', 'ft.py', lines('from peft import LoraConfig, get_peft_model', 'model = get_peft_model(base, LoraConfig(r=8, lora_alpha=16))')), [
      '2: parameter-efficient fine-tuning (`peft.get_peft_model`)',
    ]);
    assert.deepEqual(await evidence('parameter-efficient-tuning', 'ft.py', 'from transformers import Trainer\nTrainer(model=m).train()\n'), [], 'full fine-tuning');
  });
});

describe('ML data and pipeline evidence', () => {
  it('feature-store, ml-pipeline, data-catalog', async () => {
    assert.deepEqual(await evidence('feature-store', 'f.tf', 'resource "aws_sagemaker_feature_group" "customers" {\n  feature_group_name = "customers"\n}\n'), ['1: SageMaker feature group `customers`']);
    assert.deepEqual(await evidence('ml-pipeline', 'p.py', lines('from sagemaker.workflow.pipeline import Pipeline', 'pipeline = Pipeline(name="train", steps=[step_process, step_train])')), ['2: SageMaker pipeline (`Pipeline`)']);
    assert.deepEqual(await evidence('data-catalog', 'g.yaml', lines('Resources:', '  Lake:', '    Type: AWS::Glue::Database', '    Properties:', '      CatalogId: !Ref AWS::AccountId')), ['2: Glue Data Catalog database `Lake`']);
  });

  it('data-profiling: Model Monitor baselines and profiling libraries', async () => {
    const baseline = lines('from sagemaker.model_monitor import DefaultModelMonitor', 'monitor = DefaultModelMonitor(role=role)', 'monitor.suggest_baseline(baseline_dataset=TRAIN, dataset_format=fmt)');
    assert.deepEqual(await evidence('data-profiling', 'b.py', baseline), ['3: baseline statistics and constraints computed (`suggest_baseline`)']);
    assert.deepEqual(await evidence('data-profiling', 'b.py', lines('from ydata_profiling import ProfileReport', 'ProfileReport(df).to_file("report.html")')), ['2: data profiled (`ydata_profiling.ProfileReport`)']);
    assert.deepEqual(await evidence('data-profiling', 'b.py', 'import stats\nstats.suggest_baseline(x)\n'), [], 'not the SageMaker SDK');
  });

  it('pii-detection: Comprehend and Presidio', async () => {
    assert.deepEqual(await evidence('pii-detection', 'pii.py', lines('import boto3', 'c = boto3.client("comprehend")', 'c.detect_pii_entities(Text=t, LanguageCode="en")')), ['3: personal data detected with Amazon Comprehend (`detect_pii_entities`)']);
    assert.deepEqual(await evidence('pii-detection', 'pii.py', lines('from presidio_analyzer import AnalyzerEngine', 'analyzer = AnalyzerEngine()')), ['2: personal data detected with Presidio (`AnalyzerEngine`)']);
    assert.deepEqual(await evidence('pii-detection', 'pii.py', lines('import boto3', 'c = boto3.client("comprehend")', 'c.detect_sentiment(Text=t, LanguageCode="en")')), []);
  });

  it('storage-lifecycle, retraining-trigger, evaluation-gate', async () => {
    assert.deepEqual(await evidence('storage-lifecycle', 's3.tf', 'resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {\n  bucket = "b"\n}\n'), ['1: S3 lifecycle configuration `artifacts`']);
    assert.deepEqual(await evidence('storage-lifecycle', 's3.tf', 'resource "aws_s3_bucket" "artifacts" {\n  bucket = "b"\n}\n'), []);
    const target = lines('resource "aws_cloudwatch_event_target" "retrain" {', '  rule = aws_cloudwatch_event_rule.weekly.name', '  sagemaker_pipeline_target {', '    pipeline_parameter_list {', '      name  = "Mode"', '      value = "full"', '    }', '  }', '}');
    assert.deepEqual(await evidence('retraining-trigger', 'events.tf', target), ['3: EventBridge `retrain` starts a SageMaker pipeline']);
    const gate = lines('from sagemaker.workflow.condition_step import ConditionStep', 'from sagemaker.workflow.functions import JsonGet', 'auc = JsonGet(step_name="Evaluate", property_file=report, json_path="metrics.auc.value")', 'gate = ConditionStep(name="CheckAUC", conditions=[c], if_steps=[register])');
    assert.deepEqual(await evidence('evaluation-gate', 'pipe.py', gate), ['4: pipeline step gated on evaluation results (`ConditionStep` on `JsonGet`)']);
  });
});

describe('ML hosting evidence', () => {
  it('deployment-guardrails: blue/green deployment configuration and shadow variants', async () => {
    const tf = lines('resource "aws_sagemaker_endpoint" "e" {', '  endpoint_config_name = "c"', '  deployment_config {', '    blue_green_update_policy {', '      maximum_execution_timeout_in_seconds = 600', '    }', '  }', '}');
    assert.deepEqual(await evidence('deployment-guardrails', 'e.tf', tf), ['3: endpoint `e` shifts traffic with deployment guardrails']);
    assert.deepEqual(await evidence('deployment-guardrails', 'e.tf', 'resource "aws_sagemaker_endpoint" "e" {\n  endpoint_config_name = "c"\n}\n'), []);
  });

  it('inference-recommender, multi-model-hosting, serverless and batch inference', async () => {
    assert.deepEqual(await evidence('inference-recommender', 'r.py', lines('import sagemaker', 'model.right_size(sample_payload_url=S3, supported_content_types=["text/csv"])')), [
      '2: instance type chosen by Inference Recommender (`right_size`)',
    ]);
    assert.deepEqual(await evidence('multi-model-hosting', 'mme.py', lines('from sagemaker.multidatamodel import MultiDataModel', 'mme = MultiDataModel(name="m", model_data_prefix=PREFIX, model=base)')), ['2: multi-model endpoint (`MultiDataModel`)']);
    const serverless = lines('resource "aws_sagemaker_endpoint_configuration" "sls" {', '  production_variants {', '    model_name = "m"', '    serverless_config {', '      max_concurrency = 5', '      memory_size_in_mb = 2048', '    }', '  }', '}');
    assert.deepEqual(await evidence('serverless-inference', 'sls.tf', serverless), ['4: endpoint configuration `sls` is serverless']);
    assert.deepEqual(await evidence('batch-and-async-inference', 'bt.py', lines('from sagemaker.transformer import Transformer', 't = Transformer(model_name="m", instance_count=1, instance_type="ml.m5.xlarge")')), ['2: batch transform (`Transformer`)']);
    assert.deepEqual(await evidence('serverless-inference', 'rt.tf', serverless.replace(/ {4}serverless_config \{\n.*\n.*\n {4}\}\n/, '    instance_type = "ml.m5.large"\n')), [], 'an instance-backed endpoint');
  });

  it('efficient-silicon and model-optimization', async () => {
    const inf = lines('from sagemaker.huggingface import HuggingFaceModel', 'm = HuggingFaceModel(role=role, model_data=D)', 'm.deploy(initial_instance_count=1, instance_type="ml.inf2.xlarge")');
    assert.deepEqual(await evidence('efficient-silicon', 'd.py', inf), ['3: efficient instance type `ml.inf2.xlarge`']);
    assert.deepEqual(await evidence('efficient-silicon', 'd.py', inf.replace('ml.inf2.xlarge', 'ml.g5.xlarge')), []);
    assert.deepEqual(await evidence('model-optimization', 'q.py', lines('from transformers import AutoModelForCausalLM, BitsAndBytesConfig', 'q = BitsAndBytesConfig(load_in_4bit=True)')), [
      '2: model optimized for inference (`transformers.BitsAndBytesConfig`)',
    ]);
  });

  it('idle-shutdown, managed-notebooks, capture-encryption', async () => {
    const domain = lines(
      'resource "aws_sagemaker_domain" "studio" {',
      '  domain_name = "studio"',
      '  default_user_settings {',
      '    jupyter_lab_app_settings {',
      '      app_lifecycle_management {',
      '        idle_settings {',
      '          lifecycle_management    = "ENABLED"',
      '          idle_timeout_in_minutes = 60',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
    );
    assert.deepEqual(await evidence('idle-shutdown', 'studio.tf', domain), ['8: `studio` shuts idle applications down']);
    assert.deepEqual(await evidence('managed-notebooks', 'studio.tf', domain), ['1: SageMaker Studio domain `studio`']);
    assert.deepEqual(await evidence('idle-shutdown', 'studio.tf', 'resource "aws_sagemaker_domain" "s" {\n  domain_name = "s"\n}\n'), []);
    const capture = lines('resource "aws_sagemaker_endpoint_configuration" "c" {', '  data_capture_config {', '    kms_key_id = aws_kms_key.capture.arn', '    enable_capture = true', '  }', '}');
    assert.deepEqual(await evidence('capture-encryption', 'c.tf', capture), ['3: endpoint configuration `c` encrypts captured data with a KMS key']);
    assert.deepEqual(await evidence('capture-encryption', 'c.tf', capture.replace('    kms_key_id = aws_kms_key.capture.arn\n', '')), []);
  });
});
