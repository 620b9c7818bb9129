import { addProperty } from '../edits';
import { field, path } from '../values';
import type { CallFact, Fix, FixValue, ObjectValue, Value } from '../types';
import { bedrockOperation, isNonTextModel, modelIdOf } from './support/bedrock';
import type { Rule, RuleContext } from './rule';

const DEFAULT_BOUND = 1024;

/** Where each model family's InvokeModel request body takes its output-token limit. */
const BODY_LIMITS: string[][] = [
  ['max_tokens'],
  ['max_tokens_to_sample'],
  ['maxTokens'],
  ['max_gen_len'],
  ['max_new_tokens'],
  ['maxTokenCount'],
  ['textGenerationConfig', 'maxTokenCount'],
  ['inferenceConfig', 'max_new_tokens'],
  ['inferenceConfig', 'maxTokens'],
  ['parameters', 'max_new_tokens'],
];

/** The key path a model family expects, by model ID prefix (after any `us.`/`eu.`/`global.` inference-profile prefix). */
const BODY_LIMIT_BY_PROVIDER: [RegExp, string[]][] = [
  [/^anthropic\.claude-(v2|instant)/, ['max_tokens_to_sample']],
  [/^(anthropic|mistral|cohere|ai21\.jamba|openai|deepseek|qwen|writer)\./, ['max_tokens']],
  [/^meta\./, ['max_gen_len']],
  [/^amazon\.titan-text/, ['textGenerationConfig', 'maxTokenCount']],
  [/^amazon\.nova/, ['inferenceConfig', 'max_new_tokens']],
  [/^ai21\.j2/, ['maxTokens']],
];

const OPENAI_CHAT = /(^|\.)chat\.completions\.create$/;
const OPENAI_RESPONSES = /(^|\.)responses\.create$/;

export const rule: Rule = {
  meta: {
    id: 'llm-call-without-max-tokens',
    title: 'LLM call without an output-token limit',
    practices: ['GENCOST03-BP02'],
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'A model call with no output-token limit lets one request generate as much as the model allows: cost and latency ' +
        'are unbounded and a runaway or prompt-injected response is not cut short. Set the limit your use case needs: ' +
        '`inferenceConfig.maxTokens` for Bedrock Converse, the model family\'s field in an InvokeModel body (`max_tokens`, ' +
        '`max_gen_len`, `textGenerationConfig.maxTokenCount`, …), `max_completion_tokens` for OpenAI chat completions and ' +
        '`max_output_tokens` for the Responses API. The fix writes 1024: adjust it.',
      bad: 'bedrock.converse(modelId=MODEL, messages=messages)',
      good: 'bedrock.converse(modelId=MODEL, messages=messages, inferenceConfig={"maxTokens": 512})',
    },
    fix: { title: 'Add an output-token limit of 1024', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    const usesOpenAI = context.facts.imports.has('openai');
    for (const call of context.facts.calls) {
      const operation = bedrockOperation(call);
      if (operation === 'converse' || operation === 'converse_stream') checkConverse(call, context);
      else if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') checkInvokeModel(call, context);
      else if (usesOpenAI && call.name === 'create') checkOpenAI(call, context);
    }
  },
};

function checkConverse(call: CallFact, context: RuleContext): void {
  const inference = field(call.args, 'inferenceConfig');
  if (inference !== undefined && field(inference, 'maxTokens') !== undefined) return;
  context.report({
    span: inference?.kind === 'object' ? call.args.props.get('inferenceConfig')!.keySpan : call.nameSpan,
    message: `\`${call.name}\` sets no \`inferenceConfig.maxTokens\`: response length and cost are unbounded`,
    fixes:
      inference?.kind === 'object'
        ? fix(inference, 'maxTokens', DEFAULT_BOUND)
        : inference === undefined
          ? fix(call.args, 'inferenceConfig', { maxTokens: DEFAULT_BOUND })
          : [],
  });
}

function checkInvokeModel(call: CallFact, context: RuleContext): void {
  if (isNonTextModel(call)) return;
  const bodyProp = call.args.props.get('body');
  const body = bodyProp?.value;
  if (body?.kind !== 'object') return; // a body built elsewhere cannot be judged
  if (BODY_LIMITS.some((keys) => path(body, ...keys) !== undefined)) return;
  const keys = expectedLimit(modelIdOf(call)) ?? limitFromBody(body);
  context.report({
    span: bodyProp!.span,
    message: `\`${call.name}\` request body sets no output-token limit${keys ? ` (\`${keys.join('.')}\` for this model)` : ''}: response length and cost are unbounded`,
    fixes: keys ? bodyFix(body, keys) : [],
  });
}

function checkOpenAI(call: CallFact, context: RuleContext): void {
  const isChat = OPENAI_CHAT.test(call.callee) || call.qualifiedName === 'openai.ChatCompletion.create';
  const isResponses = OPENAI_RESPONSES.test(call.callee);
  if (isChat) {
    if (field(call.args, 'max_completion_tokens') !== undefined || field(call.args, 'max_tokens') !== undefined) return;
    context.report({
      span: call.nameSpan,
      message: 'chat completion sets no `max_completion_tokens`: response length and cost are unbounded',
      fixes: fix(call.args, 'max_completion_tokens', DEFAULT_BOUND),
    });
  } else if (isResponses) {
    if (field(call.args, 'max_output_tokens') !== undefined) return;
    context.report({
      span: call.nameSpan,
      message: 'Responses API call sets no `max_output_tokens`: response length and cost are unbounded',
      fixes: fix(call.args, 'max_output_tokens', DEFAULT_BOUND),
    });
  }
}

function expectedLimit(modelId: string | undefined): string[] | undefined {
  if (!modelId) return undefined;
  const id = modelId.replace(/^arn:.*?\//, '').replace(/^(us|eu|apac|us-gov|global|jp|au|ca)\./, '');
  return BODY_LIMIT_BY_PROVIDER.find(([pattern]) => pattern.test(id))?.[1];
}

/** The family's limit field, recognised from a request body's own shape when the model ID is not a literal. */
function limitFromBody(body: ObjectValue): string[] | undefined {
  if (body.props.has('anthropic_version')) return ['max_tokens'];
  if (body.props.has('schemaVersion')) return ['inferenceConfig', 'max_new_tokens'];
  if (body.props.has('inputText')) return ['textGenerationConfig', 'maxTokenCount'];
  return undefined;
}

function bodyFix(body: ObjectValue, keys: string[]): Fix[] {
  const [first, second] = keys;
  if (!second) return fix(body, first, DEFAULT_BOUND);
  const parent: Value | undefined = field(body, first);
  if (parent?.kind === 'object') return fix(parent, second, DEFAULT_BOUND);
  if (parent === undefined) return fix(body, first, { [second]: DEFAULT_BOUND });
  return [];
}

function fix(target: ObjectValue, key: string, value: FixValue): Fix[] {
  const edit = addProperty(target, key, value);
  return edit ? [{ title: `Add \`${key}\` (${DEFAULT_BOUND} tokens: adjust to your use case)`, safety: 'unsafe', edits: [edit] }] : [];
}
