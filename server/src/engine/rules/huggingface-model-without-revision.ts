import { field, isTrue, stringOf } from '../values';
import type { CallFact, Value } from '../types';
import { calleeSpan, type Rule, type RuleContext } from './rule';
import { isHubId, isMovingRevision } from '../apis/huggingface';
import { isUnset, keywordsFix } from './support/keywords';
import { PLACEHOLDER } from '../placeholders';

const REVISION_PLACEHOLDER = PLACEHOLDER.commitSha;
const HUB_DOWNLOADS = new Set(['huggingface_hub.hf_hub_download', 'huggingface_hub.snapshot_download']);

export const rule: Rule = {
  meta: {
    id: 'huggingface-model-without-revision',
    title: 'Hugging Face model loaded without a pinned revision',
    practices: ['MLSEC04-BP03', 'MLOPS03-BP02', 'RAIER01-BP03'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        '`from_pretrained`, `pipeline`, sentence-transformers models, `hf_hub_download` and `snapshot_download` fetch the head of the repository\'s `main` ' +
        'branch unless given a `revision`. Whoever controls the repository can change the weights, tokenizer or code you ' +
        'load (a compromised account is enough), and a model you evaluated can be swapped for one you did not. Pin ' +
        '`revision` to a commit SHA; `main` and `master` count as unpinned. Local paths, and names that cannot be known ' +
        'from the code, are not reported; neither is a `pipeline` given a model object.',
      bad: 'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")',
      good: 'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", revision="0e9e39f249a16976918f6564b8830bc894c89659")',
    },
    fix: { title: 'Pin `revision` (fill in the commit SHA)', safety: 'unsafe', placeholders: [PLACEHOLDER.commitSha] },
  },
  check(context: RuleContext) {
    for (const call of context.facts.calls) {
      const source = hubSource(call);
      if (!source || isTrue(field(call.args, 'local_files_only'))) continue;
      const revision = field(call.args, 'revision');
      const fixes = keywordsFix(context.text, call.args, { revision: REVISION_PLACEHOLDER }, rule.meta.fix!.title);
      if (isUnset(revision)) {
        context.report({
          span: calleeSpan(call),
          message:
            source === 'task-default'
              ? '`pipeline` without a model loads the task\'s default model from the Hub at whatever revision is current'
              : `\`${source}\` is loaded from the Hugging Face Hub without a \`revision\`: the repository can change under you`,
          fixes: source === 'task-default' ? [] : fixes,
        });
      } else if (isMovingRevision(stringOf(revision) ?? '')) {
        context.report({
          span: call.args.props.get('revision')!.span,
          message: `\`revision="${stringOf(revision)}"\` follows a branch: pin a commit SHA`,
          fixes,
        });
      }
    }
  },
};

/** sentence-transformers models download from the Hub too, and take `revision` the same way. */
const SENTENCE_TRANSFORMERS = new Set([
  'sentence_transformers.SentenceTransformer',
  'sentence_transformers.CrossEncoder',
  'sentence_transformers.cross_encoder.CrossEncoder',
  'sentence_transformers.SparseEncoder',
]);

/** The Hub repository a call downloads (`task-default` for a pipeline that picks one), if that is known. */
function hubSource(call: CallFact): string | undefined {
  const name = call.qualifiedName;
  if (!name) return undefined;
  if (/^(transformers|diffusers)\..+\.from_pretrained$/.test(name)) {
    return hubId(field(call.args, 'pretrained_model_name_or_path') ?? call.positional[0]);
  }
  if (name === 'transformers.pipeline' || name === 'transformers.pipelines.pipeline') {
    const model = field(call.args, 'model') ?? call.positional[1];
    if (model === undefined && !call.args.open && call.positional.every((p) => p.kind === 'string')) {
      const task = field(call.args, 'task') ?? call.positional[0];
      return task?.kind === 'string' ? 'task-default' : undefined;
    }
    return hubId(model);
  }
  if (SENTENCE_TRANSFORMERS.has(name)) {
    return hubId(field(call.args, 'model_name_or_path') ?? field(call.args, 'model_name') ?? call.positional[0]);
  }
  if (HUB_DOWNLOADS.has(name)) {
    const repoType = stringOf(field(call.args, 'repo_type'));
    if (repoType !== undefined && repoType !== 'model') return undefined;
    return hubId(field(call.args, 'repo_id') ?? call.positional[0]);
  }
  return undefined;
}

function hubId(value: Value | undefined): string | undefined {
  const id = stringOf(value);
  return id !== undefined && isHubId(id) ? id : undefined;
}
