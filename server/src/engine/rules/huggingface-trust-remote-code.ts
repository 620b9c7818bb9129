import { isTrue, stringOf } from '../values';
import type { CallFact, ObjectValue, Property } from '../types';
import type { Rule, RuleContext } from './rule';
import { isCommitSha } from '../apis/huggingface';
import { rewriteEntryValue } from './support/keywords';

/** Keyword arguments that forward their dict to `from_pretrained` (LangChain, sentence-transformers, pipelines). */
const FORWARDED_KWARGS = ['model_kwargs', 'tokenizer_kwargs', 'config_kwargs', 'init_kwargs'];
const CONTAINER_SETTING = 'HF_MODEL_TRUST_REMOTE_CODE';

export const rule: Rule = {
  meta: {
    id: 'huggingface-trust-remote-code',
    title: 'Model loaded with trust_remote_code=True',
    practices: ['MLSEC04-BP03', 'MLSEC05-BP01', 'RAISP02-BP04'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        '`trust_remote_code=True` makes transformers (and vLLM, datasets, sentence-transformers) import and run Python files ' +
        'from the model repository, with your credentials, on every load; the SageMaker Hugging Face containers do the same ' +
        'with `HF_MODEL_TRUST_REMOTE_CODE=true`. If the repository changes, so does the code you run. Prefer an architecture ' +
        'transformers ships; otherwise read the code and pin `revision` to the commit SHA you read, which this rule accepts.',
      bad: 'model = AutoModelForCausalLM.from_pretrained("org/custom-llm", trust_remote_code=True)',
      good:
        'model = AutoModelForCausalLM.from_pretrained("org/custom-llm", trust_remote_code=True,\n' +
        '                                             revision="6c5f7a1e2b3d4c5e6f708192a3b4c5d6e7f80912")  # code reviewed at this commit',
    },
    fix: { title: 'Turn `trust_remote_code` off (works only for architectures transformers ships)', safety: 'unsafe' },
  },
  triggers: ['trust_remote_code'],
  check(context: RuleContext) {
    for (const call of context.facts.calls) {
      const reviewed = pinned(call.args);
      checkObject(call.args, reviewed, context);
      for (const key of FORWARDED_KWARGS) {
        const dict = call.args.props.get(key)?.value;
        if (dict?.kind === 'object') checkObject(dict, reviewed || pinned(dict), context);
      }
      checkContainerEnv(call, context);
    }
  },
};

function checkObject(obj: ObjectValue, reviewed: boolean, context: RuleContext): void {
  const prop = obj.props.get('trust_remote_code');
  if (!prop || prop.value.kind !== 'boolean' || !prop.value.value || reviewed) return;
  report(prop, 'False', '`trust_remote_code=True` runs Python code from the model repository when the model loads', context);
}

function checkContainerEnv(call: CallFact, context: RuleContext): void {
  const env = call.args.props.get('env')?.value;
  if (env?.kind !== 'object') return;
  const prop = env.props.get(CONTAINER_SETTING);
  if (!prop || !isTrue(prop.value) || isCommitSha(stringOf(env.props.get('HF_MODEL_REVISION')?.value) ?? '')) return;
  report(prop, '"false"', `\`${CONTAINER_SETTING}\` makes the serving container run Python code from the model repository`, context);
}

function report(prop: Property, off: string, message: string, context: RuleContext): void {
  context.report({
    span: prop.span,
    message: `${message}: review it and pin \`revision\` to a commit SHA, or turn it off`,
    fixes: [{ title: rule.meta.fix!.title, safety: 'unsafe', edits: [rewriteEntryValue(context.text, prop, off)] }],
  });
}

/** True when the call or dict pins `revision` to a commit SHA: the remote code is the code that was reviewed. */
function pinned(obj: ObjectValue): boolean {
  return isCommitSha(stringOf(obj.props.get('revision')?.value) ?? '');
}
