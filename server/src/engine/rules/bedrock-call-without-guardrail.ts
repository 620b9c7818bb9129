import { addProperties, addProperty, replaceWith } from '../edits';
import { field, path, stringOf } from '../values';
import type { CallFact, FileFacts, Fix, ObjectValue, Value } from '../types';
import { bedrockOperation, isApplyGuardrail, isNonTextModel, LANGCHAIN_AWS_ONLY, LANGCHAIN_BEDROCK } from '../apis/bedrock';
import { langchainCall } from '../apis/langchain';
import type { Rule, RuleContext } from './rule';
import { checkFrameworkGuardrails } from './support/frameworkSettings';
import { callUse } from './support/callUse';
import { PLACEHOLDER } from '../placeholders';

const GUARDRAIL_ID = PLACEHOLDER.guardrailId;
const FIX_SAFETY = 'unsafe'; // the guardrail ID is a placeholder to fill in

export const rule: Rule = {
  meta: {
    id: 'bedrock-call-without-guardrail',
    title: 'Bedrock model call without a guardrail',
    practices: ['GENSEC02-BP01', 'RAISP03-BP03', 'RAISP03-BP02', 'RAISP02-BP10'],
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'A Bedrock Converse, InvokeModel or RetrieveAndGenerate call with no guardrail sends model output to users with no ' +
        'content, prompt-attack, PII or grounding filter in between. Attach an Amazon Bedrock guardrail to every call ' +
        'that serves end users (`guardrailConfig` for Converse, `guardrailIdentifier` for InvokeModel, ' +
        '`generationConfiguration.guardrailConfiguration` for RetrieveAndGenerate and its streaming form, `guardrails` for ' +
        'LangChain `ChatBedrock`/`BedrockLLM`, `guardrail_config` for `ChatBedrockConverse`). Embedding and image models are not ' +
        'checked, nor files that filter with the standalone ApplyGuardrail API. Framework models that call Bedrock are ' +
        'checked too: Strands `BedrockModel` (`guardrail_id` and `guardrail_version`: it sends no guardrail without both) ' +
        'and `Agent()` on its default `BedrockModel` or a model ID string, LlamaIndex `BedrockConverse`/`Bedrock` ' +
        '(`guardrail_identifier` and `guardrail_version`), CrewAI `LLM("bedrock/…")` and `Agent(llm="bedrock/…")` ' +
        '(`guardrail_config`), LangChain JS `ChatBedrockConverse` (`guardrailConfig`) and `@langchain/community` ' +
        '`BedrockChat`/`Bedrock` (`guardrailIdentifier` and `guardrailVersion`), and the AI SDK\'s `generateText`/`streamText` ' +
        'on a `@ai-sdk/amazon-bedrock` model (`providerOptions.bedrock.guardrailConfig`).',
      bad: 'bedrock.converse(modelId=MODEL, messages=messages)',
      good: 'bedrock.converse(modelId=MODEL, messages=messages, guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": "1"})',
      severity:
        'A warning where the call\'s output reaches people (a web response, a UI, a chat bot, a tool\'s result, code that ' +
        'runs it) and where the code does not show where it goes. A note that says only that the call has no guardrail ' +
        'where the code shows its output stays away from people: it is only parsed into a score or data (an ' +
        'LLM-as-judge grader, a reward function), only fed to another model call or only written to files; the prompt ' +
        'is all constants; or the call runs in a batch script (run as a script, writing files, with no web, UI or chat ' +
        'framework and no interactive input). A use that reaches people keeps the warning whatever else the output is ' +
        'used for.',
    },
    fix: { title: 'Add a guardrail with a placeholder ID', safety: FIX_SAFETY, placeholders: [PLACEHOLDER.guardrailId] },
  },
  check(context: RuleContext) {
    if (appliesGuardrailItself(context.facts)) return;
    checkFrameworkGuardrails(context);
    for (const call of context.facts.calls) {
      checkLangChain(call, context);
      const operation = bedrockOperation(call);
      if (!operation || isNonTextModel(call)) continue;
      if (operation === 'converse' || operation === 'converse_stream') {
        if (field(call.args, 'guardrailConfig') !== undefined) continue;
        const use = callUse(call, context.facts, context.text);
        context.report({
          span: call.nameSpan,
          message: `\`${call.name}\` has no \`guardrailConfig\`: ${use.consequence}`,
          severity: use.severity,
          fixes: fix(call.args, 'guardrailConfig', { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' }),
        });
      } else if (operation === 'retrieve_and_generate' || operation === 'retrieve_and_generate_stream') {
        checkRetrieveAndGenerate(call, context);
      } else {
        if (field(call.args, 'guardrailIdentifier') !== undefined) continue;
        const edit = addProperties(call.args, { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' });
        const use = callUse(call, context.facts, context.text);
        context.report({
          span: call.nameSpan,
          message: `\`${call.name}\` has no \`guardrailIdentifier\`: ${use.consequence}`,
          severity: use.severity,
          fixes: edit ? [{ title: 'Add `guardrailIdentifier` and `guardrailVersion` with a placeholder ID', safety: FIX_SAFETY, edits: [edit] }] : [],
        });
      }
    }
  },
};

function checkRetrieveAndGenerate(call: CallFact, context: RuleContext): void {
  const config = field(call.args, 'retrieveAndGenerateConfiguration');
  if (config?.kind !== 'object') return; // absent is an API error, not ours; unknown cannot be judged
  const kind = field(config, 'externalSourcesConfiguration') !== undefined ? 'externalSourcesConfiguration' : 'knowledgeBaseConfiguration';
  const source = field(config, kind);
  if (source?.kind !== 'object') return;
  const generation = field(source, 'generationConfiguration');
  if (generation !== undefined && path(generation, 'guardrailConfiguration') !== undefined) return;
  const guardrail = { guardrailId: GUARDRAIL_ID, guardrailVersion: 'DRAFT' };
  const use = callUse(call, context.facts, context.text);
  context.report({
    span: call.args.props.get('retrieveAndGenerateConfiguration')!.keySpan,
    message: `\`${call.name}\` has no \`${kind}.generationConfiguration.guardrailConfiguration\`: ${use.consequence}`,
    severity: use.severity,
    fixes:
      generation?.kind === 'object'
        ? fix(generation, 'guardrailConfiguration', guardrail)
        : generation === undefined
          ? fix(source, 'generationConfiguration', { guardrailConfiguration: guardrail })
          : [],
  });
}

/**
 * A file that runs Bedrock's standalone ApplyGuardrail API (`apply_guardrail`, `ApplyGuardrailCommand`) filters model
 * input or output itself, with the guardrail it names; its model calls need no guardrail of their own.
 */
function appliesGuardrailItself(facts: FileFacts): boolean {
  return facts.calls.some(isApplyGuardrail);
}

function checkLangChain(call: CallFact, context: RuleContext): void {
  const lc = langchainCall(call);
  const model = lc && !lc.factory ? LANGCHAIN_BEDROCK[lc.name] : undefined;
  if (!lc || !model || (LANGCHAIN_AWS_ONLY.has(lc.name) && lc.pkg !== 'langchain_aws') || isNonTextModel(call)) return;
  const [idKey, versionKey] = model.keys;
  const placeholder = { [idKey]: GUARDRAIL_ID, [versionKey]: 'DRAFT' };
  const given = model.args.map((a) => call.args.props.get(a)).find((p) => p !== undefined);
  if (!given) {
    if (field(call.args, model.args[0]) !== undefined) return; // **kwargs may hold it
    const use = callUse(call, context.facts, context.text);
    context.report({
      span: call.nameSpan,
      message: `\`${lc.name}\` has no \`${model.args[0]}\`: ${use.consequence}`,
      severity: use.severity,
      fixes: fix(call.args, model.args[0], placeholder),
    });
  } else if (given.value.kind === 'null' || isDisabled(given.value, idKey)) {
    const use = callUse(call, context.facts, context.text);
    context.report({
      span: given.span,
      message: `\`${lc.name}\` is given no guardrail identifier: ${use.consequence}`,
      severity: use.severity,
      fixes:
        given.value.kind === 'null'
          ? [{ title: `Set \`${given.key}\` with a placeholder guardrail ID`, safety: FIX_SAFETY, edits: [replaceWith(given.value.span, placeholder, 'python-kwargs')] }]
          : [],
    });
  }
}

/** A guardrail mapping whose identifier is written as `None` or `""`: LangChain then sends no guardrail. */
function isDisabled(value: Value, idKey: string): boolean {
  if (value.kind !== 'object') return false;
  const id = field(value, idKey);
  return id?.kind === 'null' || stringOf(id) === '';
}

function fix(target: ObjectValue, key: string, value: { [key: string]: string | { [key: string]: string } }): Fix[] {
  const edit = addProperty(target, key, value);
  return edit ? [{ title: `Add \`${key}\` with a placeholder guardrail ID`, safety: FIX_SAFETY, edits: [edit] }] : [];
}
