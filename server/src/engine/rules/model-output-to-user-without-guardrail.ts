import { isFrameworkModelOutput } from '../apis/frameworks/outputs';
import type { CallFact, FileFacts } from '../types';
import { bedrockOperation } from '../apis/bedrock';
import { isLangChainRunnable } from '../apis/langchain';
import { isModelCall, MODEL_CALL_TRIGGERS, originsIn } from '../apis/models';
import { OUTPUT_FILTER_LIBRARIES, usesAzureOpenAI } from '../apis/outputFilters';
import { userResponses } from '../apis/responses';
import { localFate } from './support/callers';
import type { Rule, RuleContext } from './rule';

export const rule: Rule = {
  meta: {
    id: 'model-output-to-user-without-guardrail',
    title: 'Generated text sent to users with no guardrail on the output path',
    practices: ['RAISP03-BP03', 'RAISP02-BP10', 'GENSEC02-BP01'],
    severity: 'warning',
    languages: ['python'],
    docs: {
      description:
        'A web handler that returns what a model wrote, straight from an OpenAI, Anthropic, LiteLLM or Ollama call, shows ' +
        'users harmful, off-topic or made-up content and any personal data the model repeats, with nothing in between. ' +
        'Filter the text before it is sent: Amazon Bedrock\'s ApplyGuardrail API on the output (`apply_guardrail(..., ' +
        'source="OUTPUT")`), a moderation call, or a guardrail library. The check reports a Flask, FastAPI/Starlette or ' +
        'Django response (or an API Gateway Lambda response, `{"statusCode": ..., "body": ...}`) built from model output ' +
        'in the same function, unless that output reaches an output filter (ApplyGuardrail on the output, a moderation ' +
        'call) along the data flow in the file, or the file uses a guardrail library. An ApplyGuardrail call on other ' +
        'text (the input) filters nothing. Bedrock calls are `bedrock-call-without-guardrail`\'s, which follows their ' +
        'output across the project. Azure OpenAI (filtered by the service), LangChain chains (whose model cannot be ' +
        'told) and output passed through any other function first are not reported.',
      bad: '@app.post("/chat")\ndef chat():\n    reply = client.chat.completions.create(model="gpt-4o", messages=messages).choices[0].message.content\n    return jsonify({"answer": reply})',
      good:
        '@app.post("/chat")\ndef chat():\n    reply = client.chat.completions.create(model="gpt-4o", messages=messages).choices[0].message.content\n' +
        '    checked = bedrock.apply_guardrail(guardrailIdentifier=GUARDRAIL, guardrailVersion="1", source="OUTPUT", content=[{"text": {"text": reply}}])\n' +
        '    return jsonify({"answer": reply if checked["action"] == "NONE" else checked["outputs"][0]["text"]})',
      severity:
        'A warning: it reports only output that reaches a response sent to a user, the context where an unfiltered ' +
        'answer does harm.',
    },
  },
  triggers: MODEL_CALL_TRIGGERS,
  check(context: RuleContext) {
    const { facts } = context;
    if (OUTPUT_FILTER_LIBRARIES.some((lib) => facts.imports.has(lib)) || usesAzureOpenAI(facts)) return;
    for (const response of userResponses(facts)) {
      const origin = response.origins.find((o) => o.call && isUnguarded(o.call, facts));
      if (!origin) continue;
      context.report({
        span: response.span,
        message: `model output from \`${origin.call!.callee}\` (line ${lineOf(context.text, origin.span.start)}) is sent to the user by ${response.label} with no guardrail or moderation on the way`,
      });
    }
  },
};

/**
 * A model call whose output certainly has no guardrail of its own and reaches no output filter in the file. Bedrock
 * calls (and AWS SDK `send` of a Bedrock command) are `bedrock-call-without-guardrail`'s; LangChain runnables,
 * Bedrock agents and framework agents do not count, since their guardrail is configured where they are built.
 */
function isUnguarded(call: CallFact, facts: FileFacts): boolean {
  if (!isModelCall(call, facts) || isLangChainRunnable(call.receiverType) || isFrameworkModelOutput(call) || call.receiverType === 'boto3:bedrock-agent-runtime') return false;
  if (bedrockOperation(call) || (call.name === 'send' && originsIn(call.positional[0]).some((o) => o.call && bedrockOperation(o.call)))) return false;
  if (call.args.open) return false;
  if (['guardrails', 'guardrailConfig', 'guardrail_config'].some((k) => call.args.props.has(k))) return false;
  return localFate(facts, call) !== 'filtered';
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
