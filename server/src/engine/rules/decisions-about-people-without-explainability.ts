import * as path from 'node:path';
import { BIAS_EVALUATION_TRIGGERS, EXPLAINABILITY_TRIGGERS, hasBiasEvaluation, hasExplainability, mayBeFairnessEvidence, SENSITIVE_FEATURE_TRIGGERS, sensitiveFeatureLists } from './support/fairness';
import { callsWhere, type Rule, type WorkspaceRuleContext } from './rule';

export const rule: Rule = {
  meta: {
    id: 'decisions-about-people-without-explainability',
    title: 'Deployed model deciding about people without explainability or bias monitoring',
    practices: ['RAISP02-BP07', 'RAIRC03-BP08', 'MLPERF06-BP02'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'When a deployed model scores people (its features include attributes such as age, gender or a postcode), those ' +
        'people and the team answering for the decision need to know why it decided as it did, and whether it stays fair ' +
        'as data shifts. The check fires on a SageMaker SDK `deploy` call in the folder where the model\'s features name ' +
        'sensitive attributes, when the workspace has neither explainability (SageMaker Clarify SHAP, an explainability ' +
        'monitor or job definition, shap/LIME) nor a bias evaluation or monitor anywhere.',
      bad: 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.large")   # model trained on ["age", "zip", ...]',
      good: 'ModelExplainabilityMonitor(role=role).create_monitoring_schedule(endpoint_input=predictor.endpoint_name, ...)',
    },
  },
  triggers: [...SENSITIVE_FEATURE_TRIGGERS, ...EXPLAINABILITY_TRIGGERS, ...BIAS_EVALUATION_TRIGGERS],
  workspaceReads: { calls: callsWhere((call) => call.name === 'deploy' || mayBeFairnessEvidence(call)), resourceProperties: [] },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    const lists = sensitiveFeatureLists(project);
    if (lists.length === 0 || hasExplainability(project) || hasBiasEvaluation(project)) return;
    // Only deployments beside the code that names the features: an endpoint elsewhere may serve another model.
    const folders = new Set(lists.map((l) => path.dirname(l.file.path)));
    const deployments = project.calls((c, f) => c.name === 'deploy' && f.facts.imports.has('sagemaker') && folders.has(path.dirname(f.path)));
    const evidence = lists.slice(0, 3).map(({ file, list, attributes }) => ({ file, span: list.span, message: `features include ${attributes.join(', ')}` }));
    for (const { file, item } of deployments) {
      context.report({
        file,
        span: item.nameSpan,
        message: 'this deployment serves a model that uses sensitive attributes, with no explainability or bias monitoring in the workspace',
        related: evidence,
      });
    }
  },
};
