import { addProperty, replaceWith } from '../edits';
import { field } from '../values';
import { Code, type CallFact, type FileFacts, type Fix } from '../types';
import type { Rule, RuleContext } from './rule';
import { checkFrameworkTimeouts } from './support/frameworkSettings';

/** SDK clients whose default timeout is 10 minutes per attempt (`DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)`). */
const CLIENTS: Record<string, string> = {
  'openai.OpenAI': 'OpenAI',
  'openai.AsyncOpenAI': 'OpenAI',
  'openai.AzureOpenAI': 'OpenAI',
  'openai.AsyncAzureOpenAI': 'OpenAI',
  'anthropic.Anthropic': 'Anthropic',
  'anthropic.AsyncAnthropic': 'Anthropic',
  'anthropic.AnthropicBedrock': 'Anthropic',
  'anthropic.AsyncAnthropicBedrock': 'Anthropic',
  'anthropic.AnthropicVertex': 'Anthropic',
  'anthropic.AsyncAnthropicVertex': 'Anthropic',
};
const SUGGESTED_TIMEOUT = 60;
/**
 * The same SDKs for TypeScript/JavaScript (`static DEFAULT_TIMEOUT = 600000; // 10 minutes`), by import: the default
 * export, the named class, or the CommonJS module itself (`const OpenAI = require("openai")`).
 */
const JS_CLIENTS: Record<string, string> = {
  'openai.default': 'OpenAI',
  'openai.OpenAI': 'OpenAI',
  'openai.AzureOpenAI': 'OpenAI',
  openai: 'OpenAI',
  '@anthropic-ai/sdk.default': 'Anthropic',
  '@anthropic-ai/sdk.Anthropic': 'Anthropic',
  '@anthropic-ai/sdk': 'Anthropic',
  '@anthropic-ai/bedrock-sdk.default': 'Anthropic',
  '@anthropic-ai/bedrock-sdk.AnthropicBedrock': 'Anthropic',
  '@anthropic-ai/vertex-sdk.default': 'Anthropic',
  '@anthropic-ai/vertex-sdk.AnthropicVertex': 'Anthropic',
};
/** Options that bring their own HTTP stack, which may carry its own timeout. */
const JS_TRANSPORT_OPTIONS = ['fetch', 'fetchOptions', 'httpAgent'];
/** In milliseconds, written the way TypeScript code usually writes them. */
const JS_SUGGESTED_TIMEOUT = new Code('60_000');

export const rule: Rule = {
  meta: {
    id: 'llm-client-without-timeout',
    title: 'Model client with the 10-minute default timeout',
    practices: ['GENREL03-BP02'],
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'The OpenAI and Anthropic Python clients wait up to 10 minutes for a response by default, and retry twice: a stalled ' +
        'request holds a worker, a user and any agent step waiting on it for half an hour before failing. Give the client a ' +
        'timeout that fits the workload (`timeout=` in seconds or an `httpx.Timeout`) so a slow call fails fast and your retry ' +
        'or fallback logic can run; `timeout=None` waits forever and is reported too. Clients built with their own `http_client`, ' +
        'and files that set `timeout=` on each request or through `with_options`, are not reported. boto3 Bedrock clients ' +
        'time out reads after 60 seconds and are not checked. The TypeScript/JavaScript SDKs (`openai`, `@anthropic-ai/sdk`) ' +
        'have the same 10-minute default: give `new OpenAI({ timeout: 30_000 })` a timeout in milliseconds (`maxRetries` ' +
        'is not one), or pass `{ timeout }` as the request options of each call or through `withOptions`; clients given ' +
        'their own `fetch`, `fetchOptions` or `httpAgent` are not reported, nor are AWS SDK v3 clients, like boto3. Framework ' +
        'models that build these clients are checked where they are built: Strands `OpenAIModel`/`AnthropicModel` ' +
        '(`client_args.timeout`), AutoGen `OpenAIChatCompletionClient`, and LangChain `ChatAnthropic` and LlamaIndex ' +
        '`Anthropic`, which pass `timeout=None` to the SDK when given none, so their requests wait forever. LlamaIndex ' +
        '`OpenAI`/`BedrockConverse` (60 s) and Strands `BedrockModel` (120 s) have bounded defaults and are not reported.',
      bad: 'client = OpenAI()',
      good: 'client = OpenAI(timeout=30.0, max_retries=2)',
    },
    fix: { title: `Set a timeout of ${SUGGESTED_TIMEOUT} seconds`, safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkFrameworkTimeouts(context);
    if (context.facts.language !== 'python') return checkJs(context);
    const perRequest = setsTimeoutPerRequest(context.facts);
    for (const call of context.facts.calls) {
      const sdk = call.qualifiedName && CLIENTS[call.qualifiedName];
      if (!sdk) continue;
      const timeout = call.args.props.get('timeout');
      if (timeout) {
        if (timeout.value.kind !== 'null') continue;
        context.report({
          span: timeout.span,
          message: '`timeout=None` makes the client wait for a response forever',
          fixes: [{ title: `Set a timeout of ${SUGGESTED_TIMEOUT} seconds (adjust to your workload)`, safety: 'unsafe', edits: [replaceWith(timeout.value.span, SUGGESTED_TIMEOUT, 'python-kwargs')] }],
        });
        continue;
      }
      if (perRequest || field(call.args, 'timeout') !== undefined || call.args.props.has('http_client')) continue;
      context.report({
        span: call.nameSpan,
        message: `\`${call.name}\` has no \`timeout\`: the ${sdk} SDK waits up to 10 minutes per attempt`,
        fixes: fix(call),
      });
    }
  },
};

/** Whether the file passes `timeout=` to requests or clients derived with `with_options`. */
function setsTimeoutPerRequest(facts: FileFacts): boolean {
  return facts.calls.some((c) => !(c.qualifiedName && CLIENTS[c.qualifiedName]) && c.callee.includes('.') && c.args.props.has('timeout') && /(^|\.)(create|parse|stream|with_options|copy)$/.test(c.callee));
}

function fix(call: CallFact): Fix[] {
  const edit = addProperty(call.args, 'timeout', SUGGESTED_TIMEOUT);
  return edit ? [{ title: `Set a timeout of ${SUGGESTED_TIMEOUT} seconds (adjust to your workload)`, safety: 'unsafe', edits: [edit] }] : [];
}

function checkJs(context: RuleContext): void {
  const perRequest = setsTimeoutPerRequestJs(context.facts);
  for (const call of context.facts.calls) {
    const sdk = call.qualifiedName && JS_CLIENTS[call.qualifiedName];
    if (!sdk || !context.text.startsWith('new', call.span.start)) continue;
    const options = call.positional[0];
    if (options && options.kind !== 'object') continue; // options built elsewhere
    const timeout = call.args.props.get('timeout');
    if (timeout) {
      if (timeout.value.kind !== 'null') continue;
      context.report({
        span: timeout.span,
        message: `\`timeout: null\` leaves the ${sdk} SDK's default: it waits up to 10 minutes per attempt`,
        fixes: [{ title: 'Set a timeout of 60 seconds (adjust to your workload)', safety: 'unsafe', edits: [replaceWith(timeout.value.span, JS_SUGGESTED_TIMEOUT, 'ts-object')] }],
      });
      continue;
    }
    if (perRequest || field(call.args, 'timeout') !== undefined || JS_TRANSPORT_OPTIONS.some((k) => call.args.props.has(k))) continue;
    context.report({
      span: call.nameSpan,
      message: `\`${call.name}\` has no \`timeout\`: the ${sdk} SDK waits up to 10 minutes per attempt`,
      fixes: jsFix(call, context.text),
    });
  }
}

/** `client.chat.completions.create({...}, { timeout: 20_000 })` or `client.withOptions({ timeout })` in the file. */
function setsTimeoutPerRequestJs(facts: FileFacts): boolean {
  return facts.calls.some((c) => {
    if (c.name === 'withOptions') return c.args.props.has('timeout') || c.args.open;
    const options = c.positional[1];
    return /(^|\.)(create|parse|stream)$/.test(c.callee) && options?.kind === 'object' && (options.props.has('timeout') || options.open);
  });
}

function jsFix(call: CallFact, text: string): Fix[] {
  const title = 'Set a timeout of 60 seconds (adjust to your workload)';
  if (call.positional.length === 0) {
    // `new OpenAI()`: the options object goes between the parentheses.
    const at = call.args.span.start + 1;
    if (!/^\(\s*\)$/.test(text.slice(call.args.span.start, call.args.span.end))) return [];
    return [{ title, safety: 'unsafe', edits: [{ span: { start: at, end: at }, newText: '{ timeout: 60_000 }' }] }];
  }
  const edit = addProperty(call.args, 'timeout', JS_SUGGESTED_TIMEOUT);
  return edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [];
}
