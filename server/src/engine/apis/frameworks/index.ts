// Every framework model class and model-building constructor the rules know, in one list.
import type { FileFacts } from '../../types';
import { modelConstructions, type ImpliedModel, type ModelClass, type ModelConstruction } from '../modelSettings';
import { AI_SDK_MODELS } from './aiSdk';
import { AUTOGEN_MODELS } from './autogen';
import { CREWAI_IMPLIED, CREWAI_MODELS } from './crewai';
import { LANGCHAIN_MODELS } from './langchain';
import { LLAMAINDEX_MODELS } from './llamaindex';
import { STRANDS_IMPLIED, STRANDS_MODELS } from './strands';

export const FRAMEWORK_MODELS: readonly ModelClass[] = [
  ...STRANDS_MODELS,
  ...LLAMAINDEX_MODELS,
  ...CREWAI_MODELS,
  ...AUTOGEN_MODELS,
  ...LANGCHAIN_MODELS,
  ...AI_SDK_MODELS,
];
export const FRAMEWORK_IMPLIED_MODELS: readonly ImpliedModel[] = [...STRANDS_IMPLIED, ...CREWAI_IMPLIED];

/** The framework models a file constructs, with the settings written for them. */
export function frameworkModels(facts: FileFacts, text: string): ModelConstruction[] {
  return modelConstructions(facts, text, FRAMEWORK_MODELS, FRAMEWORK_IMPLIED_MODELS);
}
