import { stringOf } from '../values';
import type { CallFact, FileFacts, Property, Value } from '../types';
import type { Triggers } from '../triggers';

/** What the text of a file that sets a model package's approval status, or defines a delivery pipeline, holds. */
export const APPROVAL_TRIGGERS: Triggers = ['ModelApprovalStatus', 'approval_status', 'codepipeline'];

/** Where code and templates set a model package's approval status. */
const APPROVAL_CALLS: { test: (name: string, qualified: string | undefined) => boolean; key: string }[] = [
  { test: (name) => name === 'create_model_package' || name === 'update_model_package', key: 'ModelApprovalStatus' },
  { test: (name) => name === 'register', key: 'approval_status' },
  { test: (_, qualified) => qualified === 'sagemaker.workflow.step_collections.RegisterModel' || qualified === 'sagemaker.workflow.model_step.ModelStep', key: 'approval_status' },
];
export const MODEL_PACKAGES = ['AWS::SageMaker::ModelPackage'];
/** Delivery pipelines, whose approval actions gate a release. */
export const PIPELINES = ['aws_codepipeline', 'AWS::CodePipeline::Pipeline'];

/** The argument keys `approvalStatuses` reads. */
export const APPROVAL_KEYS: readonly string[] = [...new Set(APPROVAL_CALLS.map((t) => t.key))];

/** A call that may set a model package's approval status (`approvalStatuses` reads only these). */
export function isApprovalCall(call: CallFact): boolean {
  return APPROVAL_CALLS.some((t) => t.test(call.name, call.qualifiedName));
}

/**
 * Every model-package approval status the file writes down (`approval_status="Approved"`, `ModelApprovalStatus:`), as
 * the property that sets it. Python files are read only when they use the SageMaker SDK or boto3.
 */
export function approvalStatuses(facts: FileFacts): Property[] {
  if (facts.language === 'python' && !facts.imports.has('sagemaker') && !facts.imports.has('boto3')) return [];
  const found: Property[] = [];
  for (const call of facts.calls) {
    const target = APPROVAL_CALLS.find((t) => t.test(call.name, call.qualifiedName));
    const prop = target && call.args.props.get(target.key);
    if (prop) found.push(prop);
  }
  for (const resource of facts.resources) {
    const prop = MODEL_PACKAGES.includes(resource.resourceType) ? resource.props.props.get('ModelApprovalStatus') : undefined;
    if (prop) found.push(prop);
  }
  return found;
}

export function statusOf(prop: Property): string | undefined {
  return stringOf(prop.value);
}

/**
 * Whether a pipeline has an action whose category is `Approval`. A part that cannot be read counts as `whenUnknown`:
 * a rule stays quiet (true), evidence claims nothing (false).
 */
export function hasApprovalAction(pipeline: Value, whenUnknown: boolean): boolean {
  const visit = (value: Value | undefined): boolean => {
    if (!value) return false;
    if (value.kind === 'unknown') return whenUnknown;
    if (value.kind === 'array') return (value.open && whenUnknown) || value.items.some(visit);
    if (value.kind !== 'object') return false;
    if (value.open && whenUnknown) return true;
    for (const prop of value.props.values()) {
      if ((prop.key === 'category' || prop.key === 'Category') && stringOf(prop.value) === 'Approval') return true;
      if (visit(prop.value)) return true;
    }
    return false;
  };
  return visit(pipeline);
}

/** The `category`/`Category` property of an approval action, for evidence that points at it. */
export function approvalCategory(pipeline: Value): Property | undefined {
  if (pipeline.kind === 'array') return pipeline.items.map(approvalCategory).find(Boolean);
  if (pipeline.kind !== 'object') return undefined;
  for (const prop of pipeline.props.values()) {
    if ((prop.key === 'category' || prop.key === 'Category') && stringOf(prop.value) === 'Approval') return prop;
    const inner = approvalCategory(prop.value);
    if (inner) return inner;
  }
  return undefined;
}
