import { addProperties, addProperty } from '../edits';
import { field, path } from '../values';
import type { CallFact, Fix, ObjectValue } from '../types';
import { bedrockOperation, isNonTextModel } from './support/bedrock';
import type { Rule, RuleContext } from './rule';

const GUARDRAIL_ID = '<guardrail-id>';
const FIX_SAFETY = 'unsafe'; // the guardrail ID is a placeholder to fill in

export const rule: Rule = {
  meta: {
    id: 'bedrock-call-without-guardrail',
    title: 'Bedrock model call without a guardrail',
    practices: ['GENSEC02-BP01', 'RAISP03-BP03', 'RAISP03-BP02'],
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'A Bedrock Converse, InvokeModel or RetrieveAndGenerate call with no guardrail sends model output to users with no ' +
        'content, prompt-attack, PII or grounding filter in between. Attach an Amazon Bedrock guardrail to every call ' +
        'that serves end users (`guardrailConfig` for Converse, `guardrailIdentifier` for InvokeModel, ' +
        '`generationConfiguration.guardrailConfiguration` for RetrieveAndGenerate). Embedding and image models are not checked.',
      bad: 'bedrock.converse(modelId=MODEL, messages=messages)',
      good: 'bedrock.converse(modelId=MODEL, messages=messages, guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": "1"})',
    },
    fix: { title: 'Add a guardrail with a placeholder ID', safety: FIX_SAFETY },
  },
  check(context: RuleContext) {
    for (const call of context.facts.calls) {
      const operation = bedrockOperation(call);
      if (!operation || isNonTextModel(call)) continue;
      if (operation === 'converse' || operation === 'converse_stream') {
        if (field(call.args, 'guardrailConfig') !== undefined) continue;
        context.report({
          span: call.nameSpan,
          message: `\`${call.name}\` has no \`guardrailConfig\`: model output reaches users unfiltered`,
          fixes: fix(call.args, 'guardrailConfig', { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' }),
        });
      } else if (operation === 'retrieve_and_generate') {
        checkRetrieveAndGenerate(call, context);
      } else {
        if (field(call.args, 'guardrailIdentifier') !== undefined) continue;
        const edit = addProperties(call.args, { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' });
        context.report({
          span: call.nameSpan,
          message: `\`${call.name}\` has no \`guardrailIdentifier\`: model output reaches users unfiltered`,
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
  context.report({
    span: call.args.props.get('retrieveAndGenerateConfiguration')!.keySpan,
    message: `\`${call.name}\` has no \`${kind}.generationConfiguration.guardrailConfiguration\`: generated answers reach users unfiltered`,
    fixes:
      generation?.kind === 'object'
        ? fix(generation, 'guardrailConfiguration', guardrail)
        : generation === undefined
          ? fix(source, 'generationConfiguration', { guardrailConfiguration: guardrail })
          : [],
  });
}

function fix(target: ObjectValue, key: string, value: { [key: string]: string | { [key: string]: string } }): Fix[] {
  const edit = addProperty(target, key, value);
  return edit ? [{ title: `Add \`${key}\` with a placeholder guardrail ID`, safety: FIX_SAFETY, edits: [edit] }] : [];
}
