// Evidence in Amazon SageMaker configuration and code.
import { field, stringOf } from '../values';
import type { Value } from '../types';
import { callEvidence, callsTo, isBoto3Call, notSwitchedOff, resourceEvidence, type EvidenceDetector } from './detector';
import { holdsPlaceholder } from '../placeholders';

const MONITOR = 'sagemaker.model_monitor';

export const sagemakerMonitoringSchedule: EvidenceDetector = {
  id: 'sagemaker-monitoring-schedule',
  title: 'A SageMaker Model Monitor schedule watches a deployed model',
  practices: ['MLOPS06-BP02', 'MLPERF06-BP03', 'RAIMON01-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, {
      aws_sagemaker_monitoring_schedule: 'SageMaker monitoring schedule',
      'AWS::SageMaker::MonitoringSchedule': 'SageMaker monitoring schedule',
    }),
    ...callEvidence(
      facts.calls.filter(
        (c) =>
          isBoto3Call(c, 'sagemaker', 'create_monitoring_schedule', 'MonitoringScheduleConfig') ||
          (c.name === 'create_monitoring_schedule' && c.receiverType === undefined && facts.imports.has('sagemaker')),
      ),
      () => 'Model Monitor schedule created with `create_monitoring_schedule`',
    ),
  ],
};

export const sagemakerDataQualityMonitoring: EvidenceDetector = {
  id: 'sagemaker-data-quality-monitoring',
  title: 'A SageMaker data-quality job compares live data with its baseline',
  practices: ['MLPERF06-BP03', 'RAIMON01-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, {
      aws_sagemaker_data_quality_job_definition: 'SageMaker data-quality job definition',
      'AWS::SageMaker::DataQualityJobDefinition': 'SageMaker data-quality job definition',
    }),
    ...callEvidence(callsTo(facts, [`${MONITOR}.DefaultModelMonitor`, `${MONITOR}.model_monitoring.DefaultModelMonitor`]), () => 'data-quality monitor (`DefaultModelMonitor`)'),
  ],
};

export const sagemakerModelQualityMonitoring: EvidenceDetector = {
  id: 'sagemaker-model-quality-monitoring',
  title: 'A SageMaker model-quality job compares predictions with ground truth',
  practices: ['MLPERF06-BP04', 'MLOPS06-BP02', 'RAIMON01-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, { 'AWS::SageMaker::ModelQualityJobDefinition': 'SageMaker model-quality job definition' }),
    ...callEvidence(callsTo(facts, [`${MONITOR}.ModelQualityMonitor`, `${MONITOR}.model_monitoring.ModelQualityMonitor`]), () => 'model-quality monitor (`ModelQualityMonitor`)'),
  ],
};

export const sagemakerDataCapture: EvidenceDetector = {
  id: 'sagemaker-data-capture',
  title: 'A SageMaker endpoint captures its requests and responses',
  practices: ['MLOPS06-BP02', 'MLPERF06-BP03', 'RAIMON01-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_sagemaker_endpoint_configuration: capturing }, (r) => captures(r.props, 'data_capture_config', 'enable_capture')),
    ...resourceEvidence(facts, { 'AWS::SageMaker::EndpointConfig': capturing }, (r) => captures(r.props, 'DataCaptureConfig', 'EnableCapture')),
    ...callEvidence(
      callsTo(facts, [`${MONITOR}.DataCaptureConfig`, `${MONITOR}.data_capture_config.DataCaptureConfig`]).filter((c) => notSwitchedOff(c.args, 'enable_capture') && !holdsPlaceholder(c.args)),
      () => 'data capture configured with `DataCaptureConfig`',
    ),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'sagemaker', 'create_endpoint_config', 'ProductionVariants') && captures(c.args, 'DataCaptureConfig', 'EnableCapture')),
      () => 'endpoint configuration with data capture (`create_endpoint_config`)',
    ),
  ],
};

export const sagemakerModelCard: EvidenceDetector = {
  id: 'sagemaker-model-card',
  title: 'A SageMaker model card documents intended uses and limitations',
  practices: ['RAIGT01-BP02'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_sagemaker_model_card: 'SageMaker model card', 'AWS::SageMaker::ModelCard': 'SageMaker model card' }),
    ...callEvidence(callsTo(facts, ['sagemaker.model_card.ModelCard', 'sagemaker.model_card.model_card.ModelCard']), () => 'SageMaker model card (`ModelCard`)'),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'sagemaker', 'create_model_card', 'ModelCardName')),
      () => 'SageMaker model card created with `create_model_card`',
    ),
  ],
};

export const sagemakerEndpointAutoscaling: EvidenceDetector = {
  id: 'sagemaker-endpoint-autoscaling',
  title: 'A SageMaker endpoint scales automatically',
  practices: ['MLREL05-BP01'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_appautoscaling_target: scaling }, (r) => isSageMakerNamespace(r.props, 'service_namespace')),
    ...resourceEvidence(facts, { 'AWS::ApplicationAutoScaling::ScalableTarget': scaling }, (r) => isSageMakerNamespace(r.props, 'ServiceNamespace')),
  ],
};

const capturing = (name: string) => `endpoint configuration \`${name}\` captures requests and responses`;
const scaling = (name: string) => `auto scaling target \`${name}\` for a SageMaker endpoint`;

/** A capture configuration is present, not certainly disabled, and its destination is filled in. */
function captures(props: Value, config: string, enable: string): boolean {
  const value = field(props, config);
  return value !== undefined && value.kind !== 'unknown' && value.kind !== 'null' && notSwitchedOff(value, enable) && !holdsPlaceholder(value);
}

function isSageMakerNamespace(props: Value, key: string): boolean {
  return stringOf(field(props, key)) === 'sagemaker';
}
