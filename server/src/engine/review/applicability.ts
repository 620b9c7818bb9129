import type { AiUsage, LensId } from '../types';

/**
 * A lens applies to a workspace when the workspace shows one of these kinds of AI; otherwise its practices are
 * `not-applicable` unless a person answers them. Generative AI practices need generative AI (a Bedrock or OpenAI
 * client, a Bedrock resource, an LLM framework); Machine Learning practices need ML (SageMaker, an ML framework);
 * Responsible AI practices concern any AI system.
 */
export const LENS_APPLIES_WITH: Readonly<Record<LensId, readonly AiUsage[]>> = {
  genai: ['genai'],
  ml: ['ml'],
  rai: ['genai', 'ml'],
};

export const USAGE_NAMES: Readonly<Record<AiUsage, string>> = {
  genai: 'generative AI',
  ml: 'machine learning',
};
