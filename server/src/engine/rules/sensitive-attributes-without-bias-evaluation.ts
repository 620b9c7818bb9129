import { hasBiasEvaluation, mayBeFairnessEvidence, sensitiveFeatureLists } from './support/fairness';
import { callsWhere, type Rule, type WorkspaceRuleContext } from './rule';

export const rule: Rule = {
  meta: {
    id: 'sensitive-attributes-without-bias-evaluation',
    title: 'Model uses sensitive attributes but nothing evaluates bias',
    practices: ['RAIRC03-BP02', 'RAIDP03-BP02', 'MLREL03-BP04'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'A model trained or scored on attributes such as age, gender, race, religion, disability or a postcode (a common ' +
        'proxy for ethnicity and income) can treat groups of people unequally, and nobody finds out unless the difference is ' +
        'measured. The check looks for feature or column lists in ML code that name such attributes and reach a model (the ' +
        'data it is trained or run on is selected with them, or a feature transformer takes them; the columns of a table ' +
        'that is only shown or saved, and columns dropped, do not count), and for a bias ' +
        'evaluation anywhere in the workspace: SageMaker Clarify (`run_bias`, `BiasConfig`, a model-bias monitor or job ' +
        'definition), fairlearn or AIF360. Measure bias before release and in production, or drop the attribute.',
      bad: 'FEATURES = ["income", "age", "gender", "tenure"]\nmodel.fit(df[FEATURES], df["approved"])',
      good: 'processor.run_bias(data_config, bias_config=BiasConfig(label_values_or_threshold=[1], facet_name="gender"), model_config=model_config)',
      severity:
        'A warning where the columns reach a model (it is trained or run on them, or a feature transformer takes them); ' +
        'lists that reach no model (a table shown or saved, columns dropped) are not reported.',
    },
  },
  workspaceReads: { calls: callsWhere(mayBeFairnessEvidence), resourceProperties: [] },
  checkWorkspace(context: WorkspaceRuleContext) {
    const lists = sensitiveFeatureLists(context.project);
    if (lists.length === 0 || hasBiasEvaluation(context.project)) return;
    for (const { file, list, attributes } of lists) {
      const first = list.items.find((i) => attributes.includes(i.value))!;
      context.report({
        file,
        span: first.span,
        message: `features include sensitive attributes (${attributes.join(', ')}), used by \`${list.modelUse!.call}\` (line ${file.lines.range(list.modelUse!.span).start.line + 1}), but no bias evaluation (SageMaker Clarify, fairlearn, AIF360) appears in the workspace`,
      });
    }
  },
};
