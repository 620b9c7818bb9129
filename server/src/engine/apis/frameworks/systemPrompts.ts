// Agent and model constructors of Python frameworks, with the arguments that become the system prompt.

/** Import-resolved constructor → the keywords whose text goes into the system prompt. */
export const PYTHON_SYSTEM_PROMPT_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  // strands-agents/sdk-python src/strands/agent/agent.py
  'strands.Agent': ['system_prompt'],
  'strands.agent.Agent': ['system_prompt'],
  'strands.agent.agent.Agent': ['system_prompt'],
  // openai/openai-agents-python src/agents/agent.py
  'agents.Agent': ['instructions'],
  // crewAIInc/crewAI: the agent's role, goal and backstory are formatted into its system prompt (translations/en.json "role_playing")
  'crewai.Agent': ['role', 'goal', 'backstory'],
  'crewai.agent.Agent': ['role', 'goal', 'backstory'],
  // microsoft/autogen python/packages/autogen-agentchat/src/autogen_agentchat/agents/_assistant_agent.py
  'autogen_agentchat.agents.AssistantAgent': ['system_message'],
  // run-llama/llama_index llama-index-core/llama_index/core/agent/workflow/ and the LLM base class
  'llama_index.core.agent.workflow.FunctionAgent': ['system_prompt'],
  'llama_index.core.agent.workflow.ReActAgent': ['system_prompt'],
  'llama_index.core.agent.workflow.AgentWorkflow.from_tools_or_functions': ['system_prompt'],
  'llama_index.core.agent.ReActAgent.from_tools': ['system_prompt'],
  'llama_index.llms.openai.OpenAI': ['system_prompt'],
  'llama_index.llms.anthropic.Anthropic': ['system_prompt'],
  'llama_index.llms.bedrock_converse.BedrockConverse': ['system_prompt'],
};
