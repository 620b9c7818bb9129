import type { CallFact, FileFacts, Origin, Value } from '../types';
import type { Triggers } from '../triggers';
import { BEDROCK_TRIGGERS, bedrockOperation, isNonTextModel } from './bedrock';
import { isLangChainJsModel, isLangChainRunnable, LANGCHAIN_TRIGGERS } from './langchain';
import { isFrameworkModelOutput } from './frameworks/outputs';

/** The Vercel AI SDK: its module `ai` (imported as `"ai"` or `'ai'`) and its providers (`@ai-sdk/openai`). */
export const AI_SDK_TRIGGERS: Triggers = ['"ai"', "'ai'", '@ai-sdk/'];
/**
 * Agent frameworks, by the names their imports hold: Strands, CrewAI, LlamaIndex, AutoGen, and OpenAI Agents, whose
 * Python package is `agents` (a word too common to look for alone; its JavaScript one has `openai` in its name).
 */
export const AGENT_FRAMEWORK_TRIGGERS: Triggers = ['strands', 'crewai', 'llama_index', 'llamaindex', 'autogen', '@openai/agents', /\b(?:from|import)\s+agents\b/];
/** What the text of a file in which `isModelCall` finds a call holds: the SDKs' and frameworks' names, Bedrock's operations. */
export const MODEL_CALL_TRIGGERS: Triggers = [...BEDROCK_TRIGGERS, ...LANGCHAIN_TRIGGERS, ...AI_SDK_TRIGGERS, ...AGENT_FRAMEWORK_TRIGGERS, 'openai', 'anthropic', 'litellm', 'ollama'];
/**
 * What the text of a file with a function the model calls as a tool holds (its parameters are `tool-argument` origins,
 * extract/pythonFlow.ts and extract/typescriptFlow.ts): `@tool` of LangChain, Strands or CrewAI, OpenAI Agents'
 * `@function_tool`, the frameworks' tool registrations, MCP servers, the AI SDK's and OpenAI Agents' `tool(...)`, and
 * Bedrock Agents' action-group Lambda functions (which name their `actionGroup`).
 */
export const TOOL_ARGUMENT_TRIGGERS: Triggers = [...LANGCHAIN_TRIGGERS, ...AI_SDK_TRIGGERS, ...AGENT_FRAMEWORK_TRIGGERS, 'function_tool', 'mcp', 'modelcontextprotocol', 'openai', 'actionGroup'];

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
