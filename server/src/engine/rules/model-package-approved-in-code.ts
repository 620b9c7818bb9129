import { replaceWith } from '../edits';
import type { Located } from '../project';
import type { Property } from '../types';
import { callsWhere, type Rule, type WorkspaceRuleContext } from './rule';
import { APPROVAL_KEYS, APPROVAL_TRIGGERS, approvalStatuses, hasApprovalAction, isApprovalCall, MODEL_PACKAGES, PIPELINES, statusOf } from '../apis/registry';

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
  triggers: APPROVAL_TRIGGERS,
  workspaceReads: { calls: callsWhere(isApprovalCall), callKeys: APPROVAL_KEYS, resourceProperties: [...PIPELINES, ...MODEL_PACKAGES] },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    if (project.resources(...PIPELINES).some((p) => hasApprovalAction(p.item.props, true))) return;
    const approvals: Located<Property>[] = project.files.flatMap((file) => approvalStatuses(file.facts).filter((p) => statusOf(p) === 'Approved').map((item) => ({ file, item })));
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
