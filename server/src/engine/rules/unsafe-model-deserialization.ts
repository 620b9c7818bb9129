import { addProperty, replaceWith } from '../edits';
import { requiresAtLeast } from '../manifests';
import { field, isFalse } from '../values';
import type { CallFact } from '../types';
import { PICKLE_LOADERS, UNSAFE_LOAD_SWITCHES, unsafeLoadOption } from '../apis/deserialization';
import { calleeSpan, type Rule, type RuleContext } from './rule';

/** The release that made `weights_only=True` the default of `torch.load`. */
const TORCH_SAFE_DEFAULT = '2.6';


export const rule: Rule = {
  meta: {
    id: 'unsafe-model-deserialization',
    title: 'Model loaded with an unsafe deserializer',
    practices: ['MLSEC05-BP01', 'MLSEC04-BP01', 'RAISP02-BP04'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'pickle, joblib, dill, `numpy.load(allow_pickle=True)` and `torch.load` without `weights_only=True` execute code ' +
        'embedded in the file they load, so a tampered model artifact (from a shared bucket, a model hub or a compromised ' +
        'pipeline) runs with your credentials. Load tensors with `torch.load(path, weights_only=True)` or safetensors, ' +
        'arrays with `allow_pickle=False`, scikit-learn models with skops, and verify the checksum or signature of any ' +
        'artifact you must unpickle. `torch.load` without the argument is not reported when every requirements*.txt or ' +
        'pyproject.toml that names torch, in the nearest folder above the file that does, requires torch 2.6 or later, ' +
        'where `weights_only=True` is the default. Explicit opt-outs of safe loading are errors: ' +
        '`allow_dangerous_deserialization=True` (LangChain `FAISS.load_local` and the other vector stores and retrievers that ' +
        'pickle their docstore), Keras `load_model(safe_mode=False)` and `keras.config.enable_unsafe_deserialization()`, and ' +
        'skops `load(trusted=True)`.',
      bad: 'model = torch.load("model.pt")',
      good: 'state = torch.load("model.pt", weights_only=True)',
      severity:
        'A warning for each unsafe load; an error for `torch.load(weights_only=False)`, which turns the safe loading ' +
        'off on purpose.',
    },
    fix: { title: '`torch.load`: pass `weights_only=True`; `numpy.load`: set `allow_pickle=False`', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    for (const call of context.facts.calls) {
      checkOptOut(call, context);
      const name = call.qualifiedName;
      if (!name) continue;
      if (UNSAFE_LOAD_SWITCHES[name]) {
        context.report({ span: calleeSpan(call), severity: 'error', message: `\`${name}()\` ${UNSAFE_LOAD_SWITCHES[name]}` });
      } else if (PICKLE_LOADERS.has(name)) {
        context.report({
          span: calleeSpan(call),
          message: `\`${name}\` runs any code embedded in the file it loads: use a weights-only format or verify the artifact first`,
        });
      } else if (name === 'torch.load') {
        checkTorchLoad(call, context);
      } else if (name === 'numpy.load') {
        checkNumpyLoad(call, context);
      }
    }
  },
};

/** A loader told to load what it would refuse by default: an explicit choice, so an error. */
function checkOptOut(call: CallFact, context: RuleContext): void {
  const found = unsafeLoadOption(call);
  if (!found) return;
  const { option, prop } = found;
  const safe = option.safeValue;
  context.report({
    span: prop.span,
    severity: option.severity,
    message: `\`${call.callee}(${context.text.slice(prop.span.start, prop.span.end)})\` ${option.consequence}`,
    fixes:
      safe === undefined
        ? []
        : [{ title: `Load with \`${option.keyword}=${safe ? 'True' : 'False'}\``, safety: 'unsafe', edits: [replaceWith(prop.value.span, safe, 'python-kwargs')] }],
  });
}

function checkTorchLoad(call: CallFact, context: RuleContext): void {
  const weightsOnly = field(call.args, 'weights_only');
  const fixTitle = 'Load with `weights_only=True`';
  if (weightsOnly === undefined) {
    if (requiresAtLeast(context.manifests, 'torch', TORCH_SAFE_DEFAULT)) return;
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

/** `allow_pickle` defaults to False (numpy 1.16.3 and later): only an explicit True unpickles. */
function checkNumpyLoad(call: CallFact, context: RuleContext): void {
  const allowPickle = call.args.props.get('allow_pickle');
  if (allowPickle?.value.kind !== 'boolean' || !allowPickle.value.value) return;
  context.report({
    span: allowPickle.span,
    message: '`numpy.load(allow_pickle=True)` unpickles object arrays: a tampered file runs code',
    fixes: [{ title: 'Load with `allow_pickle=False` (object arrays will no longer load)', safety: 'unsafe', edits: [{ span: allowPickle.span, newText: 'allow_pickle=False' }] }],
  });
}
