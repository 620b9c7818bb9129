// Functions a model calls as tools, and Lambda handlers Bedrock Agents call with the parameters the model chose: their
// arguments are written by the model, so data flows (`extract/pythonFlow.ts`) mark them as model output.

/** Decorators that expose a function to a model as a tool (Python, import-resolved). */
export const TOOL_DECORATORS: ReadonlySet<string> = new Set([
  'langchain_core.tools.tool',
  'langchain.tools.tool',
  'langchain.agents.tool',
  'langchain.tools.base.tool',
  'strands.tool',
  'strands.tools.tool',
  'strands.tools.decorator.tool',
  'agents.function_tool',
  'crewai.tools.tool',
  'llama_index.core.tools.tool',
]);

/** `@mcp.tool()` on a FastMCP server (from the `mcp` or `fastmcp` packages). */
export const MCP_TOOL_DECORATOR = /^\w+\.tool$/;
export const MCP_MODULES = ['mcp', 'fastmcp'];

/**
 * Calls that register plain functions as tools, and where the functions go: by position, by keyword, or as items of a
 * list (`tools=[search, lookup]`). Each framework turns the function's signature into the tool's schema and calls it
 * with the arguments the model wrote.
 */
export interface ToolRegistration {
  positions?: readonly number[];
  keywords?: readonly string[];
  /** Keywords (or positions) that take a list of tools. */
  lists?: readonly (string | number)[];
}

export const TOOL_REGISTRATIONS: Readonly<Record<string, ToolRegistration>> = {
  // run-llama/llama_index llama-index-core/llama_index/core/tools/function_tool.py
  'llama_index.core.tools.FunctionTool.from_defaults': { positions: [0], keywords: ['fn', 'async_fn'] },
  // llama-index-core/llama_index/core/agent/workflow/: agents wrap plain functions in FunctionTool
  'llama_index.core.agent.workflow.FunctionAgent': { lists: ['tools'] },
  'llama_index.core.agent.workflow.ReActAgent': { lists: ['tools'] },
  'llama_index.core.agent.workflow.AgentWorkflow.from_tools_or_functions': { lists: [0, 'tools_or_functions'] },
  // langchain-ai/langchain libs/core/langchain_core/tools/simple.py and structured.py
  'langchain_core.tools.Tool': { keywords: ['func', 'coroutine'] },
  'langchain_core.tools.Tool.from_function': { positions: [0], keywords: ['func', 'coroutine'] },
  'langchain_core.tools.StructuredTool.from_function': { positions: [0], keywords: ['func', 'coroutine'] },
  'langchain.tools.Tool': { keywords: ['func', 'coroutine'] },
  'langchain.agents.Tool': { keywords: ['func', 'coroutine'] },
  'langchain.tools.StructuredTool.from_function': { positions: [0], keywords: ['func', 'coroutine'] },
  // LangGraph and LangChain agents turn plain functions in their tools list into tools (langchain_core convert_to_openai_tool)
  'langgraph.prebuilt.create_react_agent': { lists: [1, 'tools'] },
  'langchain.agents.create_agent': { lists: [1, 'tools'] },
  // microsoft/autogen autogen-core/src/autogen_core/tools/_function_tool.py and autogen-agentchat _assistant_agent.py
  'autogen_core.tools.FunctionTool': { positions: [0], keywords: ['func'] },
  'autogen_agentchat.agents.AssistantAgent': { lists: ['tools'] },
  // openai/openai-agents-python src/agents/tool.py: `function_tool(fn)` called rather than used as a decorator
  'agents.function_tool': { positions: [0] },
  // strands-agents/sdk-python: `tool(fn)` called rather than used as a decorator
  'strands.tool': { positions: [0] },
};

/**
 * Bedrock Agents action groups: the Lambda function receives `event["parameters"]` (function details) or
 * `event["requestBody"]` (OpenAPI schemas) with values the agent's model chose
 * (docs.aws.amazon.com/bedrock/latest/userguide/agents-lambda.html, "Lambda input event from Amazon Bedrock").
 */
export const ACTION_GROUP_INPUTS: ReadonlySet<string> = new Set(['parameters', 'requestBody']);

/**
 * A file is an action-group Lambda when it names `actionGroup` as a key: its response must echo it, and handlers
 * dispatch on it.
 */
export const ACTION_GROUP_MARKER = /["']actionGroup["']/;
