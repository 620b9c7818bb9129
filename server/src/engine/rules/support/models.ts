import type { CallFact, FileFacts, Origin, Value } from '../../types';
import { bedrockOperation, isNonTextModel } from './bedrock';
import { isLangChainRunnable } from './langchain';

const OPENAI_GENERATION = /(^|\.)(chat\.completions\.(create|parse)|responses\.(create|parse)|completions\.create)$/;
const ANTHROPIC_GENERATION = /(^|\.)messages\.(create|stream)$/;
const LANGCHAIN_INVOCATIONS = new Set(['invoke', 'ainvoke', 'predict', 'apredict', 'run', 'arun', 'stream', 'astream', 'batch', 'abatch', 'call']);
const AGENT_RUNTIME_OPERATIONS = new Set(['invoke_agent', 'invoke_inline_agent', 'invoke_flow']);
const MODEL_FUNCTIONS = new Set(['litellm.completion', 'litellm.acompletion', 'ollama.chat', 'ollama.generate']);

/** True when the call asks a model for generated output: Bedrock, OpenAI, Anthropic, LiteLLM, Ollama, LangChain. */
export function isModelCall(call: CallFact, facts: FileFacts): boolean {
  if (bedrockOperation(call)) return !isNonTextModel(call);
  if (call.receiverType === 'boto3:bedrock-agent-runtime' && AGENT_RUNTIME_OPERATIONS.has(call.name)) return true;
  if (facts.imports.has('openai') && OPENAI_GENERATION.test(call.callee)) return true;
  if (facts.imports.has('anthropic') && ANTHROPIC_GENERATION.test(call.callee)) return true;
  if (call.qualifiedName && MODEL_FUNCTIONS.has(call.qualifiedName)) return true;
  return LANGCHAIN_INVOCATIONS.has(call.name) && isLangChainRunnable(call.receiverType);
}

/** The origins a value (or anything inside it: list items, dict values) may carry. */
export function originsIn(value: Value | undefined): Origin[] {
  if (!value) return [];
  switch (value.kind) {
    case 'unknown':
      return value.origins ?? [];
    case 'array':
      return value.items.flatMap(originsIn);
    case 'object':
      return [...value.props.values()].flatMap((p) => originsIn(p.value));
    default:
      return [];
  }
}
