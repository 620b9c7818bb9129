// Evidence of what generative-AI outputs are measured for: safety, veracity, robustness, security (red teaming), with
// which reference data, and how retrieval is evaluated. Bedrock evaluation jobs name their metrics as strings
// (`Builtin.Toxicity`); fmeval, RAGAS and DeepEval as classes or metric objects.
import type { CallFact, FileFacts } from '../types';
import { boto3Calls, callEvidence, callsUnder, keyedCallEvidence, stringsDeep, type EvidenceDetector, type EvidenceMatch } from './detector';

interface EvaluationKind {
  /** Bedrock evaluation job metric names (`Builtin.*`). */
  bedrock: readonly string[];
  /** fmeval evaluation algorithm classes (`fmeval.eval_algorithms.<module>.<Class>`). */
  fmeval: readonly string[];
  /** RAGAS metrics, as imported from `ragas.metrics` (objects or classes). */
  ragas: readonly string[];
  /** DeepEval metric classes (`deepeval.metrics.<Class>`). */
  deepeval: readonly string[];
}

const SAFETY: EvaluationKind = {
  bedrock: ['Builtin.Toxicity', 'Builtin.Harmfulness', 'Builtin.Refusal'],
  fmeval: ['Toxicity', 'QAToxicity', 'SummarizationToxicity'],
  ragas: [],
  deepeval: ['ToxicityMetric'],
};
const VERACITY: EvaluationKind = {
  bedrock: ['Builtin.Accuracy', 'Builtin.Correctness', 'Builtin.Completeness', 'Builtin.Faithfulness', 'Builtin.CitationPrecision', 'Builtin.CitationCoverage'],
  fmeval: ['FactualKnowledge', 'QAAccuracy', 'SummarizationAccuracy', 'ClassificationAccuracy'],
  ragas: ['faithfulness', 'Faithfulness', 'answer_correctness', 'AnswerCorrectness', 'FactualCorrectness', 'factual_correctness'],
  deepeval: ['FaithfulnessMetric', 'HallucinationMetric'],
};
const ROBUSTNESS: EvaluationKind = {
  bedrock: ['Builtin.Robustness'],
  fmeval: ['GeneralSemanticRobustness', 'QAAccuracySemanticRobustness', 'SummarizationAccuracySemanticRobustness', 'ClassificationAccuracySemanticRobustness'],
  ragas: ['NoiseSensitivity', 'noise_sensitivity_relevant'],
  deepeval: [],
};
const RETRIEVAL: EvaluationKind = {
  bedrock: ['Builtin.ContextRelevance', 'Builtin.ContextCoverage'],
  fmeval: [],
  ragas: ['context_precision', 'ContextPrecision', 'context_recall', 'ContextRecall', 'LLMContextPrecisionWithReference', 'LLMContextRecall', 'context_relevancy'],
  deepeval: ['ContextualPrecisionMetric', 'ContextualRecallMetric', 'ContextualRelevancyMetric'],
};

const FMEVAL = /^fmeval\.eval_algorithms\.[a-z_]+\.([A-Z]\w*)$/;

/** Evidence that outputs are measured for `kind`, in a Bedrock evaluation job, fmeval, RAGAS or DeepEval. */
function evaluationsOf(facts: FileFacts, kind: EvaluationKind, what: string): EvidenceMatch[] {
  const matches: EvidenceMatch[] = [];
  for (const job of bedrockEvaluationJobs(facts)) {
    const metric = stringsDeep(job.args).find((s) => kind.bedrock.includes(s.value));
    if (metric) matches.push({ span: metric.span, message: `Bedrock evaluation job measures ${what} (\`${metric.value}\`)` });
  }
  for (const call of facts.calls) {
    const fmeval = call.qualifiedName ? FMEVAL.exec(call.qualifiedName)?.[1] : undefined;
    if (fmeval && kind.fmeval.includes(fmeval)) matches.push({ span: call.nameSpan, message: `fmeval measures ${what} (\`${fmeval}\`)` });
    const deepeval = call.qualifiedName?.startsWith('deepeval.metrics.') ? call.qualifiedName.split('.').pop()! : undefined;
    if (deepeval && kind.deepeval.includes(deepeval)) matches.push({ span: call.nameSpan, message: `DeepEval measures ${what} (\`${deepeval}\`)` });
  }
  const ragas = ragasMetrics(facts).filter((m) => kind.ragas.includes(m));
  const evaluate = facts.calls.find((c) => c.qualifiedName === 'ragas.evaluate' || c.qualifiedName === 'ragas.evaluation.evaluate');
  if (ragas.length > 0 && evaluate) matches.push({ span: evaluate.nameSpan, message: `RAGAS measures ${what} (\`${ragas.join('`, `')}\`)` });
  return matches;
}

function bedrockEvaluationJobs(facts: FileFacts): CallFact[] {
  return boto3Calls(facts, 'bedrock', [['create_evaluation_job', 'evaluationConfig']]);
}

/** RAGAS metrics the file imports (`from ragas.metrics import faithfulness`). */
function ragasMetrics(facts: FileFacts): string[] {
  return [...(facts.importedNames?.values() ?? [])].filter((q) => q.startsWith('ragas.metrics.')).map((q) => q.split('.').pop()!);
}

export const safetyEvaluation: EvidenceDetector = {
  id: 'safety-evaluation',
  title: 'Model outputs are measured for harmful content (toxicity, harmfulness, refusals)',
  practices: ['RAIRC03-BP01'],
  detect: (facts) => evaluationsOf(facts, SAFETY, 'harmful content'),
};

export const veracityEvaluation: EvidenceDetector = {
  id: 'veracity-evaluation',
  title: 'Model outputs are measured for factual accuracy and faithfulness to their sources',
  practices: ['RAIRC03-BP03'],
  detect: (facts) => evaluationsOf(facts, VERACITY, 'veracity'),
};

export const robustnessEvaluation: EvidenceDetector = {
  id: 'robustness-evaluation',
  title: 'Model outputs are measured for robustness to perturbed inputs',
  practices: ['RAIRC03-BP04'],
  detect: (facts) => evaluationsOf(facts, ROBUSTNESS, 'robustness'),
};

export const retrievalEvaluation: EvidenceDetector = {
  id: 'retrieval-evaluation',
  title: 'Retrieval is evaluated for relevance (RAG evaluation)',
  practices: ['GENPERF04-BP01'],
  detect: (facts) => [
    ...evaluationsOf(facts, RETRIEVAL, 'retrieval relevance'),
    ...keyedCallEvidence(bedrockEvaluationJobs(facts), ['retrieveConfig', 'retrieveAndGenerateConfig', 'knowledgeBaseConfig'], () => 'Bedrock evaluation job evaluates a knowledge base'),
  ],
};

/** Red-teaming and vulnerability-scanning libraries for models. */
const RED_TEAMING = ['pyrit.', 'garak.', 'deepeval.red_teaming.', 'deepteam.', 'giskard.scan'];

export const redTeaming: EvidenceDetector = {
  id: 'red-teaming',
  title: 'The model application is attacked on purpose (prompt injection, jailbreak scans)',
  practices: ['RAIRC03-BP09'],
  detect: (facts) => {
    const first = callsUnder(facts, RED_TEAMING)[0];
    return first ? callEvidence([first], (c) => `red-teaming run (\`${c.qualifiedName}\`)`) : [];
  },
};

const DATASET_KEYS = ['datasetLocation', 'dataset_uri'];

export const evaluationDataset: EvidenceDetector = {
  id: 'evaluation-dataset',
  title: 'A reference set of prompts and expected answers is used to evaluate the model',
  practices: ['GENPERF01-BP01'],
  detect: (facts) => [
    ...keyedCallEvidence(bedrockEvaluationJobs(facts), DATASET_KEYS, () => 'Bedrock evaluation job runs on your own prompt dataset'),
    ...callEvidence(
      facts.calls.filter((c) => c.qualifiedName === 'fmeval.data_loaders.data_config.DataConfig' && c.args.props.has('dataset_uri')),
      () => 'fmeval evaluation dataset (`DataConfig`)',
    ),
    ...callEvidence(
      facts.calls.filter((c) => c.qualifiedName === 'ragas.EvaluationDataset' || c.qualifiedName?.startsWith('ragas.EvaluationDataset.') === true),
      () => 'RAGAS evaluation dataset (`EvaluationDataset`)',
    ),
    ...callEvidence(
      facts.imports.has('langsmith') ? facts.calls.filter((c) => c.callee.includes('.') && ['create_examples', 'create_example'].includes(c.name)) : [],
      (c) => `LangSmith evaluation dataset (\`${c.name}\`)`,
    ),
  ],
};
