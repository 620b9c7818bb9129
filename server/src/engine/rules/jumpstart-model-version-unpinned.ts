import { field, stringOf } from '../values';
import type { CallFact, Fix } from '../types';
import { calleeSpan, type Rule, type RuleContext } from './rule';
import { isUnset, keywordsFix } from './support/keywords';
import { sdkConstructions } from '../apis/sagemakerSdk';
import { PLACEHOLDER } from '../placeholders';

const VERSION_PLACEHOLDER = PLACEHOLDER.modelVersion;

export const rule: Rule = {
  meta: {
    id: 'jumpstart-model-version-unpinned',
    title: 'JumpStart model without a fixed version',
    practices: ['MLREL05-BP02', 'MLOPS03-BP02', 'RAIER01-BP03'],
    severity: 'note',
    languages: ['python'],
    docs: {
      description:
        'A JumpStart model or estimator without `model_version`, or with `model_version="*"`, resolves to the newest ' +
        'published version each time the code runs, so a redeploy or retraining can silently switch to a model you have ' +
        'not evaluated and cannot roll back to the one you had. Pin the version you evaluated (`model_version="2.1.0"`). ' +
        'The `*` wildcard is also reported where it is passed to the `image_uris`, `model_uris` and `script_uris` helpers.',
      bad: 'model = JumpStartModel(model_id="meta-textgeneration-llama-3-8b-instruct")',
      good: 'model = JumpStartModel(model_id="meta-textgeneration-llama-3-8b-instruct", model_version="2.1.0")',
    },
    fix: { title: 'Pin `model_version` (fill in the version you evaluated)', safety: 'unsafe', placeholders: [PLACEHOLDER.modelVersion] },
  },
  check(context: RuleContext) {
    const jumpStart = new Set<CallFact>();
    for (const kind of ['model', 'estimator'] as const) {
      for (const { call, jumpStart: isJumpStart } of sdkConstructions(context.facts, kind)) if (isJumpStart) jumpStart.add(call);
    }
    if (!context.facts.imports.has('sagemaker')) return;
    for (const call of context.facts.calls) {
      const hasModelId = field(call.args, 'model_id') !== undefined || (jumpStart.has(call) && call.positional.length > 0);
      if (!hasModelId) continue;
      const version = field(call.args, 'model_version');
      const fixes: Fix[] = keywordsFix(context.text, call.args, { model_version: VERSION_PLACEHOLDER }, rule.meta.fix!.title);
      if (stringOf(version) === '*') {
        context.report({
          span: call.args.props.get('model_version')!.span,
          message: '`model_version="*"` takes the newest published JumpStart model each run: pin the version you evaluated',
          fixes,
        });
      } else if (jumpStart.has(call) && isUnset(version)) {
        context.report({
          span: calleeSpan(call),
          message: `\`${call.name}\` has no \`model_version\`, so it takes the newest published JumpStart model each run`,
          fixes,
        });
      }
    }
  },
};
