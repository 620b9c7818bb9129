import { bedrockOperation } from '../apis/bedrock';
import { AI_USAGES, type AiUsage, type FileFacts } from '../types';

interface UsageSigns {
  /** Imported modules: Python top-level packages and JavaScript module specifiers. */
  imports: readonly string[];
  importPrefixes: readonly string[];
  /** boto3 client services whose calls show the usage. */
  boto3Services: readonly string[];
  /** Terraform and CloudFormation resource type prefixes. */
  resourcePrefixes: readonly string[];
}

/** What shows that a file uses generative AI or machine learning. Data: add a library by adding its name. */
export const USAGE_SIGNS: Readonly<Record<AiUsage, UsageSigns>> = {
  genai: {
    imports: [
      'openai',
      'anthropic',
      'langchain',
      'langgraph',
      'llama_index',
      'litellm',
      'cohere',
      'mistralai',
      'strands',
      'bedrock_agentcore',
      'crewai',
      'autogen_agentchat',
      'autogen_ext',
      'autogen',
      '@openai/agents',
      '@strands-agents/sdk',
      '@aws-sdk/client-bedrock',
      '@aws-sdk/client-bedrock-runtime',
      '@aws-sdk/client-bedrock-agent',
      '@aws-sdk/client-bedrock-agent-runtime',
      '@anthropic-ai/sdk',
      'ai',
      'aws-cdk-lib/aws-bedrock',
      'aws-cdk-lib/aws-bedrockagentcore',
      '@aws-sdk/client-bedrock-agentcore-control',
      '@aws-cdk/aws-bedrock-alpha',
      '@cdklabs/generative-ai-cdk-constructs',
    ],
    importPrefixes: ['langchain_', '@langchain/', '@ai-sdk/'],
    boto3Services: ['bedrock', 'bedrock-runtime', 'bedrock-agent', 'bedrock-agent-runtime', 'bedrock-agentcore', 'bedrock-agentcore-control'],
    resourcePrefixes: ['aws_bedrock', 'AWS::Bedrock::', 'AWS::BedrockAgentCore::'],
  },
  ml: {
    imports: [
      'sagemaker',
      'torch',
      'tensorflow',
      'keras',
      'sklearn',
      'xgboost',
      'lightgbm',
      'catboost',
      'transformers',
      'jax',
      'mxnet',
      'autogluon',
      'mlflow',
      '@aws-sdk/client-sagemaker',
      '@aws-sdk/client-sagemaker-runtime',
      'aws-cdk-lib/aws-sagemaker',
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-node',
    ],
    importPrefixes: [],
    boto3Services: ['sagemaker', 'sagemaker-runtime'],
    resourcePrefixes: ['aws_sagemaker_', 'AWS::SageMaker::'],
  },
};

/** The kinds of AI a file shows signs of. */
export function usageOf(facts: FileFacts): AiUsage[] {
  return AI_USAGES.filter((usage) => {
    const signs = USAGE_SIGNS[usage];
    for (const module of facts.imports) {
      if (signs.imports.includes(module) || signs.importPrefixes.some((p) => module.startsWith(p))) return true;
    }
    if (facts.resources.some((r) => signs.resourcePrefixes.some((p) => r.resourceType.startsWith(p)))) return true;
    return facts.calls.some(
      (c) =>
        (c.receiverType?.startsWith('boto3:') && signs.boto3Services.includes(c.receiverType.slice('boto3:'.length))) ||
        (usage === 'genai' && bedrockOperation(c) !== undefined),
    );
  });
}
