import { replaceWith } from '../edits';
import { field, stringOf } from '../values';
import type { Located } from '../project';
import type { Property } from '../types';
import type { Rule, WorkspaceRuleContext } from './rule';

/** Where code and templates set a model package's approval status. */
const PYTHON_TARGETS: { test: (name: string, qualified: string | undefined) => boolean; key: string }[] = [
  { test: (name) => name === 'create_model_package' || name === 'update_model_package', key: 'ModelApprovalStatus' },
  { test: (name) => name === 'register', key: 'approval_status' },
  { test: (_, qualified) => qualified === 'sagemaker.workflow.step_collections.RegisterModel' || qualified === 'sagemaker.workflow.model_step.ModelStep', key: 'approval_status' },
];
const PACKAGES = ['AWS::SageMaker::ModelPackage'];
/** A manual approval somewhere in the workspace's delivery pipeline. */
const PIPELINES = ['aws_codepipeline', 'AWS::CodePipeline::Pipeline'];

export const rule: Rule = {
  meta: {
    id: 'model-package-approved-in-code',
    title: 'Model package approved in code, with no approval step',
    practices: ['RAIER02-BP02', 'MLREL03-BP01'],
    severity: 'warning',
    languages: ['python', 'cloudformation', 'typescript', 'javascript'],
    docs: {
      description:
        'Registering a model package as `Approved` from a training script or template skips the review that decides whether ' +
        'the model meets its release criteria: whatever the script produced can go straight to production. Register new ' +
        'versions as `PendingManualApproval` and let a reviewer (or a pipeline approval step) approve them. The check stays ' +
        'quiet when the workspace defines a CodePipeline with a manual approval action.',
      bad: 'model.register(content_types=["text/csv"], response_types=["text/csv"], approval_status="Approved")',
      good: 'model.register(content_types=["text/csv"], response_types=["text/csv"], approval_status="PendingManualApproval")',
    },
    fix: { title: 'Register as PendingManualApproval', safety: 'unsafe' },
  },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    if (hasManualApproval(project.resources(...PIPELINES).map((p) => p.item.props))) return;
    const approvals: Located<Property>[] = [];
    for (const file of project.files) {
      if (file.language === 'python' && file.facts.imports.has('sagemaker') === false && file.facts.imports.has('boto3') === false) continue;
      for (const call of file.facts.calls) {
        const target = PYTHON_TARGETS.find((t) => t.test(call.name, call.qualifiedName));
        const prop = target && call.args.props.get(target.key);
        if (prop && stringOf(prop.value) === 'Approved') approvals.push({ file, item: prop });
      }
      for (const resource of file.facts.resources) {
        if (!PACKAGES.includes(resource.resourceType)) continue;
        const prop = resource.props.props.get('ModelApprovalStatus');
        if (prop && stringOf(prop.value) === 'Approved') approvals.push({ file, item: prop });
      }
    }
    for (const { file, item } of approvals) {
      const syntax = file.language === 'python' ? 'python-kwargs' : file.language === 'cloudformation' ? 'yaml' : 'ts-object';
      context.report({
        file,
        span: item.span,
        message: 'model package is registered as `Approved` in code: no one reviews it before it can be deployed',
        fixes: [{ title: 'Register as `PendingManualApproval`', safety: 'unsafe', edits: [replaceWith(item.value.span, 'PendingManualApproval', isJson(file.path) ? 'json' : syntax)] }],
      });
    }
  },
};

function isJson(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** True when a pipeline has an action whose category is Approval (or one we cannot read). */
function hasManualApproval(pipelines: Parameters<typeof field>[0][]): boolean {
  const visit = (value: Parameters<typeof field>[0]): boolean => {
    if (!value) return false;
    if (value.kind === 'unknown') return true;
    if (value.kind === 'array') return value.open || value.items.some(visit);
    if (value.kind !== 'object') return false;
    if (value.open) return true;
    for (const prop of value.props.values()) {
      if ((prop.key === 'category' || prop.key === 'Category') && stringOf(prop.value) === 'Approval') return true;
      if (visit(prop.value)) return true;
    }
    return false;
  };
  return pipelines.some(visit);
}
