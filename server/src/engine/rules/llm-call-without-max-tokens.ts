import { addProperty, replaceWith } from '../edits';
import { field, isTrue, path, stringOf } from '../values';
import type { CallFact, FileFacts, Fix, FixValue, ObjectValue, Property, Value } from '../types';
import { BEDROCK_OPERATION_KEYS, bedrockOperation, isNonTextModel, modelIdOf, type BedrockOperation } from '../apis/bedrock';
import { langchainCall, writtenName } from '../apis/langchain';
import { kindOfBody } from '../apis/modelKinds';
import { holdsParameter, pathHoldsParameter } from '../flow/instances';
import { callerReads, flowProjectOf, reportThroughCallers, type Verdict } from './support/callers';
import { MODEL_CALL_TRIGGERS } from '../apis/models';
import type { Rule, RuleContext } from './rule';
import { checkFrameworkTokenLimits } from './support/frameworkSettings';

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

/** Output-token limits LangChain's Bedrock classes accept in `model_kwargs` (moved to `max_tokens` or sent in the body). */
const MODEL_KWARGS_LIMITS = ['max_tokens', 'max_tokens_to_sample', 'max_gen_len', 'maxTokenCount', 'maxTokens', 'max_new_tokens'];
/** LangChain's OpenAI chat models send no limit unless given one. */
const LANGCHAIN_OPENAI_CHAT = new Set(['ChatOpenAI', 'AzureChatOpenAI']);
/** Runnable methods that take model settings per call. */
const BINDING_METHODS = new Set(['bind', 'invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch', 'with_config']);

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
        '`max_output_tokens` for the Responses API, `max_tokens` for LangChain `ChatOpenAI` and `ChatBedrockConverse` ' +
        '(and for `ChatBedrock` when it uses the Converse API, as it does for Amazon Nova). LangChain classes that send a ' +
        'limit by default (`ChatAnthropic`, `ChatBedrock` with Anthropic models: 1024) are not reported. Framework models with no ' +
        'default limit are checked too: Strands `BedrockModel` and `Agent()` on its default model (`max_tokens`), Strands ' +
        '`OpenAIModel` (`params.max_tokens`), LlamaIndex `OpenAI` (`max_tokens`; `BedrockConverse` and `Anthropic` send 512 and ' +
        'are not reported), CrewAI `LLM("bedrock/…")`, AutoGen `OpenAIChatCompletionClient`, LangChain JS ' +
        '`ChatBedrockConverse` (`maxTokens`) and the AI SDK on a Bedrock model (`maxOutputTokens`, `maxTokens` in AI SDK 4). ' +
        'The fix writes 1024: adjust it. Converse on a prompt from Prompt Management (`promptVariables`, or a prompt ARN as ' +
        'the model) is not reported: the prompt carries its own inference configuration. ' +
        'What the check follows: the request as it is built (keys added in steps, `**kwargs`, spreads, `update`, ' +
        '`Object.assign`; a limit set only on some paths counts as set); the model from everything known (its ID through ' +
        'constants, defaults, `self`/`this` attributes, dict lookups and environment-variable defaults, then the body\'s ' +
        'shape, the keys read from the response and the names the code gives the model), so embedding, rerank, image and ' +
        'video requests are not checked, and an InvokeModel body that does not tell its model (`{"inputText": …}` alone) ' +
        'is not judged; and wrappers: a request written in one function (or file) and sent by another, through any ' +
        'number of functions that pass their parameters on, is reported where it is written, with the call that sends it ' +
        'as a related place. The finding points at the call, where the guardrail finding of the same call points.',
      bad: 'bedrock.converse(modelId=MODEL, messages=messages)',
      good: 'bedrock.converse(modelId=MODEL, messages=messages, inferenceConfig={"maxTokens": 512})',
      severity:
        'A warning in every context, graders, batch and synthetic-data jobs and fixed prompts included: they pay for ' +
        'runaway output as much as a chat does, usually many times over.',
    },
    fix: { title: 'Add an output-token limit of 1024', safety: 'unsafe' },
  },
  // Model calls and model classes; OpenAI-shaped calls on a client made elsewhere.
  triggers: [...MODEL_CALL_TRIGGERS, 'completions', /responses\s*\.\s*create/],
  // Requests written by a wrapper's callers are followed across the project (docs/flow.md): files the flow reaches
  // from one with a trigger are read too.
  triggersReach: 'callers',
  check(context: RuleContext) {
    const usesOpenAI = context.facts.imports.has('openai');
    for (const call of context.facts.calls) {
      const operation = bedrockOperation(call);
      if (isBedrockGeneration(operation)) {
        // A request its callers write is judged where they write it (the workspace check).
        const verdict = judgedByCallers(call, operation) ? undefined : judgeBedrock(call, operation, context.facts, `\`${call.name}\``);
        if (verdict) context.report(verdict);
      } else if (call.name === 'create' && (usesOpenAI || isOpenAIShaped(call))) checkOpenAI(call, context);
      else checkLangChain(call, context);
    }
    checkFrameworkTokenLimits(context);
  },
  checkWorkspace({ project, report }) {
    const flow = flowProjectOf(project);
    for (const file of flow.files) {
      for (const call of file.facts.calls) {
        const operation = bedrockOperation(call);
        if (!isBedrockGeneration(operation) || !judgedByCallers(call, operation)) continue;
        reportThroughCallers({ project, flow, report }, file, call, {
          depends: (c) => judgedByCallers(c, operation),
          judge: (c, subject) => judgeBedrock(c, operation, file.facts, subject),
        });
      }
    }
  },
  workspaceReads: {
    ...callerReads((call) => {
      const operation = bedrockOperation(call);
      return isBedrockGeneration(operation) && judgedByCallers(call, operation) ? 'whole' : undefined;
    }),
    // Of a call it does not read whole, what says whether its callers decide the request.
    callKeys: [...BEDROCK_OPERATION_KEYS, 'inferenceConfig', 'body'],
  },
};

type Generation = 'converse' | 'converse_stream' | 'invoke_model' | 'invoke_model_with_response_stream';

function isBedrockGeneration(operation: BedrockOperation | undefined): operation is Generation {
  return operation === 'converse' || operation === 'converse_stream' || operation === 'invoke_model' || operation === 'invoke_model_with_response_stream';
}

/**
 * The request's limit (or, for InvokeModel, its body or model) depends on the parameters of the function the call is
 * in: `client.converse(**kwargs)`, `inferenceConfig=config`, `body=json.dumps(body)`. Its callers decide.
 */
function judgedByCallers(call: CallFact, operation: Generation): boolean {
  if (holdsParameter(call.args)) return true;
  if (operation === 'converse' || operation === 'converse_stream') return pathHoldsParameter(call.args, ['inferenceConfig', 'maxTokens']);
  return pathHoldsParameter(call.args, ['body']) || pathHoldsParameter(call.args, ['modelId']);
}

/** Both findings of a call (this one and the guardrail's) point at the call's name. */
function judgeBedrock(call: CallFact, operation: Generation, facts: FileFacts, subject: string): Verdict | undefined {
  return operation === 'converse' || operation === 'converse_stream' ? judgeConverse(call, subject) : judgeInvokeModel(call, facts, subject);
}

/**
 * Converse on a prompt from Prompt Management (`promptVariables`, or a prompt ARN as the model): the prompt carries its
 * own inference configuration, and the request may not set `inferenceConfig` (Bedrock API reference, Converse).
 */
function usesManagedPrompt(call: CallFact): boolean {
  return call.args.props.has('promptVariables') || /:prompt\//.test(stringOf(field(call.args, 'modelId')) ?? '');
}

function judgeConverse(call: CallFact, subject: string): Verdict | undefined {
  if (usesManagedPrompt(call)) return undefined;
  const inference = field(call.args, 'inferenceConfig');
  if (inference !== undefined && field(inference, 'maxTokens') !== undefined) return undefined;
  return {
    span: call.nameSpan,
    message: `${subject} sets no \`inferenceConfig.maxTokens\`: response length and cost are unbounded`,
    fixes: () =>
      inference?.kind === 'object'
        ? fix(inference, 'maxTokens', DEFAULT_BOUND)
        : inference === undefined
          ? fix(call.args, 'inferenceConfig', { maxTokens: DEFAULT_BOUND })
          : [],
    target: inference?.kind === 'object' ? inference : call.args,
  };
}

function judgeInvokeModel(call: CallFact, facts: FileFacts, subject: string): Verdict | undefined {
  if (isNonTextModel(call, facts)) return undefined;
  const body = call.args.props.get('body')?.value;
  if (body?.kind !== 'object') return undefined; // a body built elsewhere cannot be judged
  if (BODY_LIMITS.some((keys) => path(body, ...keys) !== undefined)) return undefined;
  // A body that says nothing of its model (`{"inputText": …}` alone is Titan text or Titan embeddings) is not judged.
  const keys = expectedLimit(modelIdOf(call)) ?? limitFromBody(body);
  if (!keys && modelIdOf(call) === undefined && kindOfBody(body) !== 'text') return undefined;
  return {
    span: call.nameSpan,
    message: `${subject} request body sets no output-token limit${keys ? ` (\`${keys.join('.')}\` for this model)` : ''}: response length and cost are unbounded`,
    fixes: () => (keys ? bodyFix(body, keys) : []),
    target: body,
  };
}

/**
 * A client handed in by the caller (a parameter, another module's factory) leaves no `openai` import behind; the call's
 * own shape still names the API: `….chat.completions.create(model=…, messages=…)`, `….responses.create(model=…, input=…)`.
 * OpenAI-compatible SDKs (Groq, Together, Azure) share the shape and, like OpenAI, send no limit by default.
 */
function isOpenAIShaped(call: CallFact): boolean {
  if (!call.args.props.has('model')) return false;
  if (OPENAI_CHAT.test(call.callee)) return call.args.props.has('messages');
  return OPENAI_RESPONSES.test(call.callee) && call.args.props.has('input');
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

/**
 * LangChain chat models. `ChatOpenAI` and `ChatBedrockConverse` send no limit by default, and Converse then allows the
 * model's maximum; `ChatBedrock` takes the Converse path for Amazon Nova models or with `beta_use_converse_api=True`.
 * On its InvokeModel path it sends 1024 to Anthropic models and leaves other families to their own defaults, which
 * are not reported.
 */
function checkLangChain(call: CallFact, context: RuleContext): void {
  const lc = langchainCall(call);
  if (!lc || lc.factory || bindsLimitLater(context)) return;
  if (lc.name === 'ChatBedrockConverse' && lc.pkg === 'langchain_aws') {
    checkKeyword(call, 'max_tokens', [], writtenName(lc), context);
  } else if (lc.name === 'ChatBedrock' && lc.pkg === 'langchain_aws' && usesConverse(call, lc.model)) {
    checkKeyword(call, 'max_tokens', MODEL_KWARGS_LIMITS, `${writtenName(lc)} on the Converse API`, context);
  } else if (LANGCHAIN_OPENAI_CHAT.has(lc.name)) {
    if (field(call.args, 'max_completion_tokens') !== undefined && call.args.props.get('max_completion_tokens')?.value.kind !== 'null') return;
    checkKeyword(call, 'max_tokens', ['max_tokens', 'max_completion_tokens'], writtenName(lc), context);
  }
}

/** Whether a file's facts bind a limit later, worked out once per file (a file may hold thousands of model calls). */
const bindsLimitByFile = new WeakMap<RuleContext['facts'], boolean>();

/** `llm.bind(max_tokens=…)` or `llm.invoke(…, max_tokens=…)` somewhere in the file: the limit may be set per call. */
function bindsLimitLater(context: RuleContext): boolean {
  let binds = bindsLimitByFile.get(context.facts);
  if (binds === undefined) {
    binds = context.facts.calls.some(
      (c) => BINDING_METHODS.has(c.name) && (c.args.props.has('max_tokens') || c.args.props.has('max_completion_tokens') || c.args.props.has('maxTokens')),
    );
    bindsLimitByFile.set(context.facts, binds);
  }
  return binds;
}

function usesConverse(call: CallFact, initModel: string | undefined): boolean {
  const flag = call.args.props.get('beta_use_converse_api')?.value;
  if (flag) return isTrue(flag);
  if (field(call.args, 'beta_use_converse_api') !== undefined) return false; // **kwargs may set it
  const models = [initModel, modelIdOf(call), stringOf(call.args.props.get('base_model_id')?.value), stringOf(call.args.props.get('base_model')?.value)];
  return models.some((m) => m?.includes('amazon.nova'));
}

/** Reports a constructor with no `keyword` (or `keyword=None`) and no limit among `model_kwargs`. */
function checkKeyword(call: CallFact, keyword: string, modelKwargs: string[], what: string, context: RuleContext): void {
  const given: Property | undefined = call.args.props.get(keyword);
  if (given && given.value.kind !== 'null') return;
  if (!given && field(call.args, keyword) !== undefined) return; // **kwargs may hold it
  if (modelKwargs.length > 0) {
    const kwargs = field(call.args, 'model_kwargs');
    if (kwargs !== undefined && (kwargs.kind !== 'object' || modelKwargs.some((k) => field(kwargs, k) !== undefined))) return;
  }
  const message = `${what} sets no \`${keyword}\`: response length and cost are unbounded`;
  if (given) {
    const title = `Set \`${keyword}\` to ${DEFAULT_BOUND} tokens (adjust to your use case)`;
    context.report({ span: given.span, message, fixes: [{ title, safety: 'unsafe', edits: [replaceWith(given.value.span, DEFAULT_BOUND, 'python-kwargs')] }] });
  } else {
    context.report({ span: call.nameSpan, message, fixes: fix(call.args, keyword, DEFAULT_BOUND) });
  }
}

function expectedLimit(modelId: string | undefined): string[] | undefined {
  if (!modelId) return undefined;
  const id = modelId.replace(/^arn:.*?\//, '').replace(/^(us|eu|apac|us-gov|global|jp|au|ca)\./, '');
  return BODY_LIMIT_BY_PROVIDER.find(([pattern]) => pattern.test(id))?.[1];
}

/** The family's limit field, recognised from a text-generation request body's own shape when the model ID is not known. */
function limitFromBody(body: ObjectValue): string[] | undefined {
  if (kindOfBody(body) !== 'text' && kindOfBody(body) !== undefined) return undefined;
  if (body.props.has('anthropic_version')) return ['max_tokens'];
  if (body.props.has('schemaVersion')) return ['inferenceConfig', 'max_new_tokens'];
  if (body.props.has('textGenerationConfig')) return ['textGenerationConfig', 'maxTokenCount'];
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
