// Evidence of bias and explainability analysis and monitoring: SageMaker Clarify, its Model Monitor job definitions,
// and the open-source libraries teams use for the same measurements. The fairness rules ask these detectors too, so
// "is there a bias evaluation anywhere?" has one answer.
import type { CallFact, FileFacts } from '../types';
import { callEvidence, callsTo, isBoto3Call, resourceEvidence, type EvidenceDetector } from './detector';

const CLARIFY_CHECK_STEP = 'sagemaker.workflow.clarify_check_step';
const BIAS_RUNS = ['run_bias', 'run_pre_training_bias', 'run_post_training_bias'];
const EXPLAINABILITY_RUNS = ['run_explainability'];
const BIAS_JOB = 'create_model_bias_job_definition';
const EXPLAINABILITY_JOB = 'create_model_explainability_job_definition';
const BIAS_LIBRARIES = ['fairlearn', 'aif360'];
const EXPLANATION_LIBRARIES = ['shap', 'lime', 'captum'];

const CANDIDATE_NAMES = new Set([...BIAS_RUNS, ...EXPLAINABILITY_RUNS, BIAS_JOB, EXPLAINABILITY_JOB]);
/** The SageMaker SDK holds every import-resolved name the detectors below look for (`callsTo`). */
const CANDIDATE_LIBRARIES = new Set(['sagemaker', ...BIAS_LIBRARIES, ...EXPLANATION_LIBRARIES]);

/**
 * True for every call the detectors below may count as evidence, and for some they do not: by the call's name or the
 * library its import-resolved name belongs to. The cross-file fairness rules keep only these calls of each file.
 */
export function mayBeClarifyEvidence(call: CallFact): boolean {
  return CANDIDATE_NAMES.has(call.name) || (call.qualifiedName !== undefined && CANDIDATE_LIBRARIES.has(call.qualifiedName.split('.')[0]));
}

/**
 * A Clarify processing run (`processor.run_bias(...)`): in a file that uses the SageMaker SDK, or passing Clarify's own
 * configuration keywords when the processor is built in another file.
 */
function clarifyRuns(facts: FileFacts, names: readonly string[], keywords: readonly string[]): CallFact[] {
  return facts.calls.filter((c) => names.includes(c.name) && c.callee.includes('.') && (facts.imports.has('sagemaker') || keywords.some((k) => c.args.props.has(k))));
}

/** Calls into a library, by the import-resolved name's first segment (`fairlearn.metrics.MetricFrame`). */
function libraryCalls(facts: FileFacts, libraries: readonly string[]): CallFact[] {
  return facts.calls.filter((c) => c.qualifiedName !== undefined && libraries.includes(c.qualifiedName.split('.')[0]));
}

/** The first call per library, so a notebook full of `shap` calls gives one piece of evidence. */
function firstPerLibrary(calls: CallFact[]): CallFact[] {
  const seen = new Set<string>();
  return calls.filter((c) => {
    const lib = c.qualifiedName!.split('.')[0];
    return !seen.has(lib) && seen.add(lib) !== undefined;
  });
}

export const biasEvaluation: EvidenceDetector = {
  id: 'bias-evaluation',
  title: 'Bias is measured before release (SageMaker Clarify, fairlearn, AIF360)',
  practices: ['RAIRC03-BP02', 'RAIDP03-BP02', 'MLREL03-BP04', 'MLOPS02-BP06'],
  detect: (facts) => [
    ...callEvidence(
      clarifyRuns(facts, BIAS_RUNS, ['bias_config', 'data_config']),
      (c) => `SageMaker Clarify bias analysis (\`${c.name}\`)`,
    ),
    ...callEvidence(
      callsTo(facts, ['sagemaker.clarify.BiasConfig', `${CLARIFY_CHECK_STEP}.DataBiasCheckConfig`, `${CLARIFY_CHECK_STEP}.ModelBiasCheckConfig`]),
      (c) => `SageMaker Clarify bias configuration (\`${c.name}\`)`,
    ),
    ...callEvidence(firstPerLibrary(libraryCalls(facts, BIAS_LIBRARIES)), (c) => `bias metrics with ${c.qualifiedName!.split('.')[0]} (\`${c.name}\`)`),
  ],
};

export const biasMonitoring: EvidenceDetector = {
  id: 'bias-monitoring',
  title: 'A deployed model is monitored for bias drift (SageMaker Model Monitor)',
  practices: ['RAIRC03-BP02', 'RAIMON01-BP02', 'MLREL03-BP04', 'MLOPS02-BP06'],
  detect: (facts) => [
    ...resourceEvidence(facts, {
      'AWS::SageMaker::ModelBiasJobDefinition': 'SageMaker model-bias job definition',
    }),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'sagemaker', BIAS_JOB, 'ModelBiasAppSpecification')),
      () => 'model-bias job definition created with `create_model_bias_job_definition`',
    ),
    ...callEvidence(
      callsTo(facts, ['sagemaker.model_monitor.ModelBiasMonitor', 'sagemaker.model_monitor.clarify_model_monitoring.ModelBiasMonitor']),
      () => 'model-bias monitor (`ModelBiasMonitor`)',
    ),
  ],
};

export const explainabilityAnalysis: EvidenceDetector = {
  id: 'explainability-analysis',
  title: 'Predictions are explained (SageMaker Clarify SHAP, shap, LIME, Captum)',
  practices: ['RAIRC03-BP08', 'RAISP02-BP07', 'MLPERF06-BP02', 'MLOPS02-BP06'],
  detect: (facts) => [
    ...callEvidence(clarifyRuns(facts, EXPLAINABILITY_RUNS, ['explainability_config', 'data_config']), () => 'SageMaker Clarify explainability analysis (`run_explainability`)'),
    ...callEvidence(
      callsTo(facts, ['sagemaker.clarify.SHAPConfig', 'sagemaker.clarify.PDPConfig', `${CLARIFY_CHECK_STEP}.ModelExplainabilityCheckConfig`]),
      (c) => `SageMaker Clarify explainability configuration (\`${c.name}\`)`,
    ),
    ...callEvidence(firstPerLibrary(libraryCalls(facts, EXPLANATION_LIBRARIES)), (c) => `explanations with ${c.qualifiedName!.split('.')[0]} (\`${c.name}\`)`),
  ],
};

export const explainabilityMonitoring: EvidenceDetector = {
  id: 'explainability-monitoring',
  title: 'A deployed model\'s explanations are monitored for drift (SageMaker Model Monitor)',
  practices: ['RAIRC03-BP08', 'RAISP02-BP07', 'RAIMON01-BP02', 'MLPERF06-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, {
      'AWS::SageMaker::ModelExplainabilityJobDefinition': 'SageMaker model-explainability job definition',
    }),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'sagemaker', EXPLAINABILITY_JOB, 'ModelExplainabilityAppSpecification')),
      () => 'model-explainability job definition created with `create_model_explainability_job_definition`',
    ),
    ...callEvidence(
      callsTo(facts, ['sagemaker.model_monitor.ModelExplainabilityMonitor', 'sagemaker.model_monitor.clarify_model_monitoring.ModelExplainabilityMonitor']),
      () => 'model-explainability monitor (`ModelExplainabilityMonitor`)',
    ),
  ],
};
