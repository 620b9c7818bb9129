// Evidence of human oversight and model governance: Amazon A2I human review, model registry approval gates, model
// registries, lineage and experiment tracking.
import type { ResourceFact } from '../types';
import { approvalCategory, approvalStatuses, PIPELINES, statusOf } from '../apis/registry';
import { callEvidence, callsTo, isBoto3Call, resourceEvidence, type EvidenceDetector } from './detector';

export const humanReview: EvidenceDetector = {
  id: 'human-review',
  title: 'People review model decisions (Amazon Augmented AI human review)',
  practices: ['MLPERF06-BP01', 'RAIMON01-BP05'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_sagemaker_flow_definition: 'Amazon A2I human review workflow (flow definition)' }),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'sagemaker', 'create_flow_definition', 'FlowDefinitionName') && c.args.props.has('HumanLoopConfig')),
      () => 'Amazon A2I human review workflow created with `create_flow_definition`',
    ),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'sagemaker-a2i-runtime', 'start_human_loop', 'FlowDefinitionArn')),
      () => 'Amazon A2I human loop started with `start_human_loop`',
    ),
  ],
};

export const modelApprovalGate: EvidenceDetector = {
  id: 'model-approval-gate',
  title: 'New model versions wait for a person to approve them',
  practices: ['RAIER02-BP02', 'MLREL03-BP01'],
  detect: (facts) => [
    ...approvalStatuses(facts)
      .filter((p) => statusOf(p) === 'PendingManualApproval')
      .map((p) => ({ span: p.span, message: 'model package registered as `PendingManualApproval`' })),
    ...facts.resources
      .filter((r) => PIPELINES.includes(r.resourceType))
      .flatMap((r: ResourceFact) => {
        const category = approvalCategory(r.props);
        return category ? [{ span: category.span, message: `pipeline \`${r.name}\` has a manual approval action` }] : [];
      }),
  ],
};

export const modelRegistry: EvidenceDetector = {
  id: 'model-registry',
  title: 'Model versions are kept in the SageMaker Model Registry',
  practices: ['MLOPS03-BP02', 'RAIER01-BP03', 'GENREL04-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, {
      aws_sagemaker_model_package_group: 'SageMaker model package group',
      'AWS::SageMaker::ModelPackageGroup': 'SageMaker model package group',
    }),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'sagemaker', 'create_model_package_group', 'ModelPackageGroupName')),
      () => 'SageMaker model package group created with `create_model_package_group`',
    ),
    ...callEvidence(
      facts.imports.has('sagemaker') ? facts.calls.filter((c) => c.name === 'register' && c.args.props.has('model_package_group_name')) : [],
      () => 'model registered in a model package group (`register`)',
    ),
  ],
};

const LINEAGE_OPERATIONS: [operation: string, signature: string][] = [
  ['create_artifact', 'ArtifactType'],
  ['create_context', 'ContextType'],
  ['create_action', 'ActionType'],
  ['add_association', 'DestinationArn'],
];

export const lineageTracking: EvidenceDetector = {
  id: 'lineage-tracking',
  title: 'Data and model lineage is recorded (SageMaker ML Lineage Tracking)',
  practices: ['MLOPS02-BP04', 'MLSEC03-BP04'],
  detect: (facts) => [
    ...callEvidence(
      facts.calls.filter((c) => c.qualifiedName?.startsWith('sagemaker.lineage.') === true && (c.name === 'create' || c.qualifiedName.endsWith('.LineageQuery'))),
      (c) => `SageMaker lineage (\`${c.callee}\`)`,
    ),
    ...callEvidence(
      facts.calls.filter((c) => LINEAGE_OPERATIONS.some(([op, signature]) => isBoto3Call(c, 'sagemaker', op, signature))),
      (c) => `SageMaker lineage entity recorded with \`${c.name}\``,
    ),
  ],
};

export const experimentTracking: EvidenceDetector = {
  id: 'experiment-tracking',
  title: 'Training runs are tracked (SageMaker Experiments, MLflow)',
  practices: ['MLOPS03-BP02'],
  detect: (facts) => callEvidence(callsTo(facts, ['sagemaker.experiments.Run', 'sagemaker.experiments.run.Run', 'mlflow.start_run']), (c) => `tracked run (\`${c.callee}\`)`),
};
