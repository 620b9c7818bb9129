import { addProperty, replaceWith } from '../edits';
import { field, isFalse } from '../values';
import type { CallFact } from '../types';
import { calleeSpan, type Rule, type RuleContext } from './rule';

/** Loaders that run pickle on their input: loading an untrusted file runs arbitrary code. */
export const PICKLE_LOADERS = new Set([
  'pickle.load',
  'pickle.loads',
  'cPickle.load',
  'cPickle.loads',
  '_pickle.load',
  '_pickle.loads',
  'dill.load',
  'dill.loads',
  'cloudpickle.load',
  'cloudpickle.loads',
  'joblib.load',
  'sklearn.externals.joblib.load',
  'pandas.read_pickle',
]);

export const rule: Rule = {
  meta: {
    id: 'unsafe-model-deserialization',
    title: 'Model loaded with an unsafe deserializer',
    practices: ['MLSEC05-BP01', 'MLSEC04-BP01', 'RAISP02-BP04'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'pickle, joblib, dill and `torch.load` without `weights_only=True` execute code embedded in the file they load, so a ' +
        'tampered model artifact (from a shared bucket, a model hub or a compromised pipeline) runs with your credentials. ' +
        'Load tensors with `torch.load(path, weights_only=True)` or safetensors, scikit-learn models with skops, and verify ' +
        'the checksum or signature of any artifact you must unpickle.',
      bad: 'model = torch.load("model.pt")',
      good: 'state = torch.load("model.pt", weights_only=True)',
    },
    fix: { title: 'Pass `weights_only=True` to `torch.load`', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const call of context.facts.calls) {
      const name = call.qualifiedName;
      if (!name) continue;
      if (PICKLE_LOADERS.has(name)) {
        context.report({
          span: calleeSpan(call),
          message: `\`${name}\` runs any code embedded in the file it loads: use a weights-only format or verify the artifact first`,
        });
      } else if (name === 'torch.load') {
        checkTorchLoad(call, context);
      }
    }
  },
};

function checkTorchLoad(call: CallFact, context: RuleContext): void {
  const weightsOnly = field(call.args, 'weights_only');
  const fixTitle = 'Load with `weights_only=True`';
  if (weightsOnly === undefined) {
    const edit = addProperty(call.args, 'weights_only', true);
    context.report({
      span: calleeSpan(call),
      message: '`torch.load` without `weights_only=True` unpickles the file (the default before PyTorch 2.6): a tampered model runs code',
      fixes: edit ? [{ title: fixTitle, safety: 'unsafe', edits: [edit] }] : [],
    });
  } else if (isFalse(weightsOnly)) {
    context.report({
      span: call.args.props.get('weights_only')!.span,
      severity: 'error',
      message: '`torch.load(weights_only=False)` unpickles the file: a tampered model runs code',
      fixes: [{ title: fixTitle, safety: 'unsafe', edits: [replaceWith(weightsOnly.span, true, 'python-kwargs')] }],
    });
  }
}
