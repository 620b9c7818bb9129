import { addProperty, replaceWith } from '../edits';
import { field } from '../values';
import type { CallFact, FileFacts, Fix } from '../types';
import type { Rule, RuleContext } from './rule';

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

export const rule: Rule = {
  meta: {
    id: 'llm-client-without-timeout',
    title: 'Model client with the 10-minute default timeout',
    practices: ['GENREL03-BP02'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'The OpenAI and Anthropic Python clients wait up to 10 minutes for a response by default, and retry twice: a stalled ' +
        'request holds a worker, a user and any agent step waiting on it for half an hour before failing. Give the client a ' +
        'timeout that fits the workload (`timeout=` in seconds or an `httpx.Timeout`) so a slow call fails fast and your retry ' +
        'or fallback logic can run; `timeout=None` waits forever and is reported too. Clients built with their own `http_client`, ' +
        'and files that set `timeout=` on each request or through `with_options`, are not reported. boto3 Bedrock clients ' +
        'time out reads after 60 seconds and are not checked.',
      bad: 'client = OpenAI()',
      good: 'client = OpenAI(timeout=30.0, max_retries=2)',
    },
    fix: { title: `Set a timeout of ${SUGGESTED_TIMEOUT} seconds`, safety: 'unsafe' },
  },
  check(context: RuleContext) {
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
