import { LineIndex } from '../text';
import type { Evidence, FileFacts } from '../types';
import {
  bedrockGuardrail,
  bedrockGuardrailAttached,
  bedrockGuardrailDeniedTopics,
  bedrockGuardrailGrounding,
  bedrockGuardrailPii,
  bedrockInvocationLogging,
  bedrockPromptManagement,
  modelEvaluation,
} from './bedrock';
import { biasEvaluation, biasMonitoring, explainabilityAnalysis, explainabilityMonitoring } from './clarify';
import { experimentTracking, humanReview, lineageTracking, modelApprovalGate, modelRegistry } from './governance';
import type { EvidenceDetector } from './detector';
import { evaluationDataset, redTeaming, retrievalEvaluation, robustnessEvaluation, safetyEvaluation, veracityEvaluation } from './evaluation';
import {
  agentHumanConfirmation,
  bedrockBatchInference,
  bedrockInfrastructureAsCode,
  bedrockPrivateEndpoint,
  budgets,
  conversationTrimming,
  crossRegionInference,
  embeddingDimensions,
  guardrailInputTagging,
  inferenceProfileCostTags,
  knowledgeBaseRetrieval,
  modelRetryFallback,
  promptCaching,
  promptRouting,
  provisionedThroughput,
} from './inference';
import {
  automatedMl,
  batchAndAsyncInference,
  captureEncryption,
  dataCatalog,
  dataProfiling,
  deploymentGuardrails,
  distributedTraining,
  efficientSilicon,
  efficientTuningSearch,
  evaluationGate,
  featureStore,
  hyperparameterTuning,
  idleShutdown,
  inferenceRecommender,
  localModeTraining,
  managedLabeling,
  managedNotebooks,
  managedProcessing,
  managedTraining,
  mlPipeline,
  modelOptimization,
  multiModelHosting,
  parameterEfficientTuning,
  piiDetection,
  retrainingTrigger,
  serverlessInference,
  storageLifecycle,
  trainingDebugging,
  warmStartCheckpoints,
} from './mlPlatform';
import { agentTracing, bedrockModelAlarms, dataAccessAuditing, modelPerformanceMetrics, monitoringDashboard, userFeedback } from './observability';
import {
  sagemakerDataCapture,
  sagemakerDataQualityMonitoring,
  sagemakerEndpointAutoscaling,
  sagemakerModelCard,
  sagemakerModelQualityMonitoring,
  sagemakerMonitoringSchedule,
} from './sagemaker';

/** Every evidence detector; the review shows their evidence under each practice they name. */
export const EVIDENCE_DETECTORS: readonly EvidenceDetector[] = [
  bedrockGuardrail,
  bedrockInvocationLogging,
  bedrockPromptManagement,
  sagemakerMonitoringSchedule,
  sagemakerDataQualityMonitoring,
  sagemakerModelQualityMonitoring,
  sagemakerDataCapture,
  sagemakerModelCard,
  sagemakerEndpointAutoscaling,
  bedrockGuardrailGrounding,
  bedrockGuardrailDeniedTopics,
  bedrockGuardrailPii,
  bedrockGuardrailAttached,
  modelEvaluation,
  biasEvaluation,
  biasMonitoring,
  explainabilityAnalysis,
  explainabilityMonitoring,
  humanReview,
  modelApprovalGate,
  modelRegistry,
  lineageTracking,
  experimentTracking,
  // Generative AI operations, cost and reliability.
  agentTracing,
  userFeedback,
  bedrockModelAlarms,
  monitoringDashboard,
  modelPerformanceMetrics,
  promptCaching,
  guardrailInputTagging,
  conversationTrimming,
  embeddingDimensions,
  bedrockBatchInference,
  crossRegionInference,
  promptRouting,
  provisionedThroughput,
  modelRetryFallback,
  inferenceProfileCostTags,
  budgets,
  bedrockPrivateEndpoint,
  bedrockInfrastructureAsCode,
  knowledgeBaseRetrieval,
  agentHumanConfirmation,
  // What model outputs are measured for.
  safetyEvaluation,
  veracityEvaluation,
  robustnessEvaluation,
  retrievalEvaluation,
  redTeaming,
  evaluationDataset,
  // ML platform.
  managedTraining,
  distributedTraining,
  localModeTraining,
  hyperparameterTuning,
  efficientTuningSearch,
  warmStartCheckpoints,
  automatedMl,
  managedProcessing,
  managedLabeling,
  featureStore,
  mlPipeline,
  dataProfiling,
  trainingDebugging,
  deploymentGuardrails,
  inferenceRecommender,
  multiModelHosting,
  efficientSilicon,
  modelOptimization,
  parameterEfficientTuning,
  serverlessInference,
  batchAndAsyncInference,
  storageLifecycle,
  idleShutdown,
  dataCatalog,
  managedNotebooks,
  piiDetection,
  retrainingTrigger,
  evaluationGate,
  captureEncryption,
  dataAccessAuditing,
];

/** Evidence in one file's facts, in file order. A detector that throws is reported through `onError` and skipped. */
export function detectEvidence(
  facts: FileFacts,
  lines: LineIndex,
  onError: (detector: EvidenceDetector, error: Error) => void,
  detectors: readonly EvidenceDetector[] = EVIDENCE_DETECTORS,
): Evidence[] {
  const evidence: Evidence[] = [];
  for (const detector of detectors) {
    let matches;
    try {
      matches = detector.detect(facts);
    } catch (error) {
      onError(detector, error as Error);
      continue;
    }
    for (const match of matches) {
      evidence.push({ detector: detector.id, practices: detector.practices, message: match.message, span: match.span, range: lines.range(match.span) });
    }
  }
  return evidence.sort((a, b) => a.span.start - b.span.start || a.detector.localeCompare(b.detector));
}

export type { EvidenceDetector, EvidenceMatch } from './detector';
