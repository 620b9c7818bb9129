// Framework objects whose calls return model output (agents, crews, teams, LLMs), for the data-flow rules that follow
// model output into sinks and responses.
import type { CallFact } from '../../types';


/** Constructors (import-resolved) and the receiver type the extractor gives what they build. */
export const FRAMEWORK_RECEIVERS: Readonly<Record<string, string>> = {
  // strands-agents/sdk-python src/strands/agent/agent.py: `agent("…")` returns an AgentResult (str() is its text)
  'strands.Agent': 'strands:agent',
  'strands.agent.Agent': 'strands:agent',
  'strands.agent.agent.Agent': 'strands:agent',
  // crewAIInc/crewAI lib/crewai/src/crewai/crew.py: `crew.kickoff()` returns a CrewOutput (`.raw`)
  'crewai.Crew': 'crewai:crew',
  'crewai.crew.Crew': 'crewai:crew',
  'crewai.Agent': 'crewai:agent',
  // run-llama/llama_index: LLM `complete`/`chat` return responses whose `.text`/`.message.content` is the text
  'llama_index.llms.openai.OpenAI': 'llamaindex:llm',
  'llama_index.llms.anthropic.Anthropic': 'llamaindex:llm',
  'llama_index.llms.bedrock_converse.BedrockConverse': 'llamaindex:llm',
  'llama_index.llms.bedrock.Bedrock': 'llamaindex:llm',
  'llama_index.llms.azure_openai.AzureOpenAI': 'llamaindex:llm',
  'llama_index.core.agent.workflow.FunctionAgent': 'llamaindex:agent',
  'llama_index.core.agent.workflow.ReActAgent': 'llamaindex:agent',
  'llama_index.core.agent.workflow.AgentWorkflow': 'llamaindex:agent',
  // microsoft/autogen autogen-agentchat: `await agent.run(task=…)` / `team.run(…)` return a TaskResult (`.messages`)
  'autogen_agentchat.agents.AssistantAgent': 'autogen:agent',
  'autogen_agentchat.teams.RoundRobinGroupChat': 'autogen:agent',
  'autogen_agentchat.teams.SelectorGroupChat': 'autogen:agent',
  'autogen_agentchat.teams.Swarm': 'autogen:agent',
  'autogen_agentchat.teams.MagenticOneGroupChat': 'autogen:agent',
};

/** Receiver types called directly (`agent("…")`): the call itself returns model output. */
export const CALLABLE_RECEIVERS: ReadonlySet<string> = new Set(['strands:agent']);

/** Methods of each receiver type whose result is model output (`__call__` for the object called directly). */
export const MODEL_OUTPUT_METHODS: Readonly<Record<string, readonly string[]>> = {
  'strands:agent': ['__call__', 'invoke_async', 'stream_async', 'structured_output', 'structured_output_async'],
  'crewai:crew': ['kickoff', 'kickoff_async', 'akickoff'],
  'crewai:agent': ['kickoff', 'kickoff_async'],
  'llamaindex:llm': ['complete', 'acomplete', 'chat', 'achat', 'stream_complete', 'stream_chat', 'predict', 'apredict'],
  'llamaindex:agent': ['run'],
  'autogen:agent': ['run', 'run_stream'],
};

/** Functions whose result is model output: OpenAI Agents runs (openai/openai-agents-python src/agents/run.py). */
export const MODEL_OUTPUT_FUNCTIONS: ReadonlySet<string> = new Set([
  'agents.Runner.run',
  'agents.Runner.run_sync',
  'agents.Runner.run_streamed',
  'agents.run.Runner.run',
  'agents.run.Runner.run_sync',
]);

/** A call that returns the output of a framework's agent, crew, team or LLM. */
export function isFrameworkModelOutput(call: CallFact): boolean {
  if (call.qualifiedName && MODEL_OUTPUT_FUNCTIONS.has(call.qualifiedName)) return true;
  const methods = call.receiverType ? MODEL_OUTPUT_METHODS[call.receiverType] : undefined;
  return methods?.includes(call.callee.includes('.') ? call.name : '__call__') === true;
}
