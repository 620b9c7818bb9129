// The AI SDK (`ai`) with its Amazon Bedrock provider (`@ai-sdk/amazon-bedrock`), read from vercel/ai.
import type { CallFact, FileFacts } from '../../types';
import { originsIn } from '../models';
import { boundNames } from '../bindings';
import type { ModelClass } from '../modelSettings';

const PROVIDER = '@ai-sdk/amazon-bedrock';

/**
 * True when the call's `model` comes from the Bedrock provider: `bedrock("…")` imported from `@ai-sdk/amazon-bedrock`,
 * or a provider made there with `createAmazonBedrock(…)` and called by the name it is bound to.
 */
function usesBedrockProvider(call: CallFact, facts: FileFacts, text: string): boolean {
  const providers = boundNames(facts, text, (c) => c.qualifiedName === `${PROVIDER}.createAmazonBedrock`);
  return originsIn(call.args.props.get('model')?.value).some((o) => {
    const made = o.kind === 'call' ? o.call : undefined;
    if (!made) return false;
    if (made.qualifiedName === `${PROVIDER}.bedrock` || made.qualifiedName?.startsWith(`${PROVIDER}.bedrock.`)) return true;
    const head = made.callee.split('.')[0];
    return made.qualifiedName === undefined && providers.has(head);
  });
}

/**
 * `generateText`/`streamText`/`generateObject`/`streamObject` on a Bedrock model (packages/amazon-bedrock/src/
 * bedrock-chat-language-model.ts): the Converse request's `guardrailConfig` comes from the call's
 * `providerOptions.bedrock.guardrailConfig` (`providerMetadata`/`experimental_providerMetadata` in AI SDK 4), and
 * `inferenceConfig.maxTokens` from `maxOutputTokens` (`maxTokens` in AI SDK 4), with no default.
 */
export const GENERATE_ON_BEDROCK: ModelClass = {
  label: 'generateText',
  framework: 'AI SDK',
  names: ['ai.generateText', 'ai.streamText', 'ai.generateObject', 'ai.streamObject'],
  source: 'vercel/ai packages/amazon-bedrock/src/bedrock-chat-language-model.ts',
  applies: usesBedrockProvider,
  guardrail: {
    paths: [
      ['providerOptions', 'bedrock', 'guardrailConfig'],
      ['providerMetadata', 'bedrock', 'guardrailConfig'],
      ['experimental_providerMetadata', 'bedrock', 'guardrailConfig'],
    ],
    fix: { providerOptions: { bedrock: { guardrailConfig: { guardrailIdentifier: '<guardrail-id>', guardrailVersion: 'DRAFT' } } } },
  },
  maxTokens: { paths: [['maxOutputTokens'], ['maxTokens']] },
};

export const AI_SDK_MODELS: readonly ModelClass[] = [GENERATE_ON_BEDROCK];
