import { stringOf } from '../values';
import type { CallFact } from '../types';
import type { Triggers } from '../triggers';

/** LangChain and LangGraph, in Python (`langchain_aws`, `langgraph`) and JavaScript (`@langchain/core`): the imports `langchainCall` resolves through. */
export const LANGCHAIN_TRIGGERS: Triggers = ['langchain', 'langgraph'];

const LANGCHAIN_PACKAGE = /^(langchain|langchain_[a-z0-9_]+|langgraph)$/;

/** The chat model class `init_chat_model` builds for each `model_provider`. */
const INIT_CHAT_MODEL_PROVIDERS: Record<string, { name: string; pkg: string }> = {
  bedrock: { name: 'ChatBedrock', pkg: 'langchain_aws' },
  bedrock_converse: { name: 'ChatBedrockConverse', pkg: 'langchain_aws' },
  openai: { name: 'ChatOpenAI', pkg: 'langchain_openai' },
  azure_openai: { name: 'AzureChatOpenAI', pkg: 'langchain_openai' },
  anthropic: { name: 'ChatAnthropic', pkg: 'langchain_anthropic' },
};

export interface LangChainCall {
  /** The class or factory: `ChatBedrock`, `AgentExecutor`, `initialize_agent`. */
  name: string;
  /** The package it comes from: `langchain_aws`, `langchain_community`, `langchain` (legacy re-exports). */
  pkg: string;
  /** The class-method constructor used, if any: `from_agent_and_tools`. */
  factory?: string;
  /** The model ID given to `init_chat_model`, without its `provider:` prefix. */
  model?: string;
  /** Built by `init_chat_model` with this provider: the code names the factory, not the class. */
  provider?: string;
}

/** How a message names the model a call builds: as the code writes it (`` `init_chat_model` (provider `bedrock_converse`) ``). */
export function writtenName(lc: LangChainCall): string {
  return lc.provider ? `\`init_chat_model\` (provider \`${lc.provider}\`)` : `\`${lc.name}\``;
}

/**
 * The LangChain class or factory a call constructs, resolved through imports. `init_chat_model(...)` counts as the
 * chat model class it builds when its provider is written out (`model_provider=` or a `provider:model` prefix).
 */
export function langchainCall(call: CallFact): LangChainCall | undefined {
  const parts = call.qualifiedName?.split('.');
  if (!parts || !LANGCHAIN_PACKAGE.test(parts[0])) return undefined;
  const last = parts[parts.length - 1];
  if (last === 'init_chat_model') return initChatModel(call) ?? { name: last, pkg: parts[0] };
  if (/^from_/.test(last) && parts.length > 2) return { name: parts[parts.length - 2], pkg: parts[0], factory: last };
  return { name: last, pkg: parts[0] };
}

function initChatModel(call: CallFact): LangChainCall | undefined {
  const written = stringOf(call.positional[0] ?? call.args.props.get('model')?.value);
  let provider = stringOf(call.args.props.get('model_provider')?.value);
  let model = written;
  const prefixed = written && /^([a-z_]+):(.+)$/.exec(written);
  if (!provider && prefixed && INIT_CHAT_MODEL_PROVIDERS[prefixed[1]]) [, provider, model] = prefixed;
  const target = provider ? INIT_CHAT_MODEL_PROVIDERS[provider] : undefined;
  return target && { ...target, model, provider };
}

/** Receiver types (set by the extractor) whose `invoke`/`predict`/`run` results are model output. */
export function isLangChainRunnable(receiverType: string | undefined): boolean {
  return receiverType === 'langchain:model' || receiverType === 'langchain:chain' || receiverType === 'langchain:agent';
}

/** `@langchain/aws.ChatBedrockConverse`, `langchain/agents.AgentExecutor`: LangChain JS modules and what they export. */
const LANGCHAIN_JS = /^((?:@langchain\/[\w-]+|langchain)(?:\/[\w/-]+)?)\.([\w.]+)$/;
/** LangChain JS text-completion (non-chat) model classes. */
const LANGCHAIN_JS_LLMS = new Set(['Bedrock', 'BedrockLLM', 'OpenAI', 'AzureOpenAI', 'Ollama', 'Cohere', 'SageMakerEndpoint', 'HuggingFaceInference']);
const NOT_A_CHAT_MODEL = /Prompt|Message|History|Template|Generation|Result|Session|Loader|Value|Memory/;

/** The LangChain JS class or function a call constructs or calls, resolved through imports (TypeScript/JavaScript). */
export function langchainJsCall(call: CallFact): LangChainCall | undefined {
  const match = call.qualifiedName ? LANGCHAIN_JS.exec(call.qualifiedName) : null;
  if (!match) return undefined;
  const parts = match[2].split('.');
  const last = parts[parts.length - 1];
  if (/^from[A-Z]/.test(last) && parts.length > 1) return { name: parts[parts.length - 2], pkg: match[1], factory: last };
  return { name: last, pkg: match[1] };
}

/** Receiver types (set by the TypeScript extractor) whose `invoke`/`stream`/`call` results are model output. */
export function isLangChainJsModel(receiverType: string | undefined): boolean {
  if (!receiverType) return false;
  if (receiverType === 'langchain:chain' || receiverType === 'langchain:agent') return true;
  const match = LANGCHAIN_JS.exec(receiverType);
  if (!match) return false;
  const name = match[2];
  return LANGCHAIN_JS_LLMS.has(name) || (/^(Azure)?Chat[A-Z]/.test(name) && !NOT_A_CHAT_MODEL.test(name));
}
