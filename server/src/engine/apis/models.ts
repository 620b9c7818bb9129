import type { CallFact, FileFacts, Origin, Value } from '../types';
import { bedrockOperation, isNonTextModel } from './bedrock';
import { isLangChainJsModel, isLangChainRunnable } from './langchain';
import { isFrameworkModelOutput } from './frameworks/outputs';

const OPENAI_GENERATION = /(^|\.)(chat\.completions\.(create|parse)|responses\.(create|parse)|completions\.create)$/;
const ANTHROPIC_GENERATION = /(^|\.)messages\.(create|stream)$/;
const LANGCHAIN_INVOCATIONS = new Set(['invoke', 'ainvoke', 'predict', 'apredict', 'run', 'arun', 'stream', 'astream', 'batch', 'abatch', 'call']);
const AGENT_RUNTIME_OPERATIONS = new Set(['invoke_agent', 'invoke_inline_agent', 'invoke_flow']);
const MODEL_FUNCTIONS = new Set(['litellm.completion', 'litellm.acompletion', 'ollama.chat', 'ollama.generate']);
/** The Anthropic SDKs for TypeScript/JavaScript. */
const ANTHROPIC_JS = ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'];
/** Vercel AI SDK functions that return generated text. */
const AI_SDK_GENERATION = new Set(['ai.generateText', 'ai.streamText', 'ai.generateObject', 'ai.streamObject']);

/** True when the call asks a model for generated output: Bedrock, OpenAI, Anthropic, LiteLLM, Ollama, LangChain. */
export function isModelCall(call: CallFact, facts: FileFacts): boolean {
  if (bedrockOperation(call)) return !isNonTextModel(call);
  // AWS SDK for JavaScript v3: `client.send(command)` returns what the command asks for.
  if (call.name === 'send') return originsIn(call.positional[0]).some((o) => o.kind === 'call' && o.call !== undefined && bedrockOperation(o.call) !== undefined && !isNonTextModel(o.call));
  if (call.receiverType === 'boto3:bedrock-agent-runtime' && AGENT_RUNTIME_OPERATIONS.has(call.name)) return true;
  if (facts.imports.has('openai') && OPENAI_GENERATION.test(call.callee)) return true;
  if ((facts.imports.has('anthropic') || ANTHROPIC_JS.some((m) => facts.imports.has(m))) && ANTHROPIC_GENERATION.test(call.callee)) return true;
  if (call.qualifiedName && (MODEL_FUNCTIONS.has(call.qualifiedName) || AI_SDK_GENERATION.has(call.qualifiedName))) return true;
  if (isFrameworkModelOutput(call)) return true;
  return LANGCHAIN_INVOCATIONS.has(call.name) && (isLangChainRunnable(call.receiverType) || isLangChainJsModel(call.receiverType));
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
