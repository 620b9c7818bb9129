import type { CallFact } from '../../types';

const LANGCHAIN_PACKAGE = /^(langchain|langchain_[a-z0-9_]+|langgraph)$/;

export interface LangChainCall {
  /** The class or factory: `ChatBedrock`, `AgentExecutor`, `initialize_agent`. */
  name: string;
  /** The package it comes from: `langchain_aws`, `langchain_community`, `langchain` (legacy re-exports). */
  pkg: string;
  /** The class-method constructor used, if any: `from_agent_and_tools`. */
  factory?: string;
}

/** The LangChain class or factory a call constructs, resolved through imports. */
export function langchainCall(call: CallFact): LangChainCall | undefined {
  const parts = call.qualifiedName?.split('.');
  if (!parts || !LANGCHAIN_PACKAGE.test(parts[0])) return undefined;
  const last = parts[parts.length - 1];
  if (/^from_/.test(last) && parts.length > 2) return { name: parts[parts.length - 2], pkg: parts[0], factory: last };
  return { name: last, pkg: parts[0] };
}

/** Receiver types (set by the extractor) whose `invoke`/`predict`/`run` results are model output. */
export function isLangChainRunnable(receiverType: string | undefined): boolean {
  return receiverType === 'langchain:model' || receiverType === 'langchain:chain' || receiverType === 'langchain:agent';
}
