import { isFrameworkModelOutput } from '../apis/frameworks/outputs';
import { field, stringOf } from '../values';
import type { CallFact, FileFacts } from '../types';
import { bedrockOperation, isApplyGuardrail } from '../apis/bedrock';
import { isLangChainRunnable } from '../apis/langchain';
import { isModelCall } from '../apis/models';
import { userResponses } from '../apis/responses';
import type { Rule, RuleContext } from './rule';

/** Libraries that filter model output when a file uses them: Guardrails AI, NeMo Guardrails, LLM Guard, Presidio. */
const OUTPUT_FILTER_LIBRARIES = ['guardrails', 'nemoguardrails', 'llm_guard', 'presidio_analyzer', 'presidio_anonymizer'];
/** Azure OpenAI filters content on the service side by default. */
const AZURE_CLIENTS = new Set(['openai.AzureOpenAI', 'openai.AsyncAzureOpenAI', 'openai.lib.azure.AzureOpenAI']);

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
        'in the same function, when the file filters no output at all. Unguarded Bedrock calls are reported by ' +
        '`bedrock-call-without-guardrail`; this rule adds the Bedrock calls that file skips: those in files whose ' +
        'ApplyGuardrail calls all check the input only. Azure OpenAI (filtered by the service), LangChain chains (whose ' +
        'model cannot be told) and output passed through any other function first are not reported.',
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
  check(context: RuleContext) {
    const { facts } = context;
    if (filtersOutput(facts)) return;
    const checksInputOnly = facts.calls.some(isApplyGuardrail);
    for (const response of userResponses(facts)) {
      const origin = response.origins.find((o) => o.call && isUnguarded(o.call, facts, checksInputOnly));
      if (!origin) continue;
      context.report({
        span: response.span,
        message: `model output from \`${origin.call!.callee}\` (line ${lineOf(context.text, origin.span.start)}) is sent to the user by ${response.label} with no guardrail or moderation on the way`,
      });
    }
  },
};

/**
 * A model call whose output certainly has no guardrail of its own. Bedrock calls count only in files whose
 * ApplyGuardrail calls all check the input (elsewhere `bedrock-call-without-guardrail` reports them); LangChain
 * runnables, Bedrock agents and framework agents do not count, since their guardrail is configured where they are built.
 */
function isUnguarded(call: CallFact, facts: FileFacts, checksInputOnly: boolean): boolean {
  if (!isModelCall(call, facts) || isLangChainRunnable(call.receiverType) || isFrameworkModelOutput(call) || call.receiverType === 'boto3:bedrock-agent-runtime') return false;
  const operation = bedrockOperation(call);
  if (operation === 'converse' || operation === 'converse_stream') return checksInputOnly && field(call.args, 'guardrailConfig') === undefined;
  if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') return checksInputOnly && field(call.args, 'guardrailIdentifier') === undefined;
  if (operation) return false;
  if (call.args.open) return false;
  return !['guardrails', 'guardrailConfig', 'guardrail_config'].some((k) => call.args.props.has(k));
}

/** The file filters model output somewhere: ApplyGuardrail not limited to input, moderation, a guardrail library, Azure OpenAI. */
function filtersOutput(facts: FileFacts): boolean {
  if (OUTPUT_FILTER_LIBRARIES.some((lib) => facts.imports.has(lib))) return true;
  return facts.calls.some(
    (c) =>
      (isApplyGuardrail(c) && stringOf(field(c.args, 'source')) !== 'INPUT') ||
      /(^|\.)moderations\.create$/.test(c.callee) ||
      (c.qualifiedName !== undefined && AZURE_CLIENTS.has(c.qualifiedName)),
  );
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
