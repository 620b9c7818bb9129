// Evidence in Amazon Bedrock configuration and code.
import { callEvidence, isBoto3Call, resourceEvidence, type EvidenceDetector } from './detector';

export const bedrockGuardrail: EvidenceDetector = {
  id: 'bedrock-guardrail',
  title: 'An Amazon Bedrock guardrail is defined',
  practices: ['GENSEC02-BP01', 'RAISP03-BP03'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_bedrock_guardrail: 'Bedrock guardrail', 'AWS::Bedrock::Guardrail': 'Bedrock guardrail' }),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'bedrock', 'create_guardrail', 'blockedInputMessaging')),
      () => 'Bedrock guardrail created with `create_guardrail`',
    ),
  ],
};

export const bedrockInvocationLogging: EvidenceDetector = {
  id: 'bedrock-invocation-logging',
  title: 'Amazon Bedrock model invocation logging is configured',
  practices: ['GENSEC01-BP04', 'GENSEC03-BP01', 'GENOPS02-BP01'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_bedrock_model_invocation_logging_configuration: 'Bedrock model invocation logging' }),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'bedrock', 'put_model_invocation_logging_configuration', 'loggingConfig')),
      () => 'Bedrock model invocation logging set with `put_model_invocation_logging_configuration`',
    ),
  ],
};

export const bedrockPromptManagement: EvidenceDetector = {
  id: 'bedrock-prompt-management',
  title: 'Prompts are kept in Amazon Bedrock Prompt Management',
  practices: ['GENOPS03-BP01', 'GENREL04-BP01'],
  detect: (facts) => [
    ...resourceEvidence(facts, {
      aws_bedrockagent_prompt: 'Bedrock managed prompt',
      'AWS::Bedrock::Prompt': 'Bedrock managed prompt',
      'AWS::Bedrock::PromptVersion': 'Bedrock managed prompt version',
    }),
    ...callEvidence(
      facts.calls.filter((c) => isBoto3Call(c, 'bedrock-agent', 'create_prompt', 'variants')),
      () => 'Bedrock managed prompt created with `create_prompt`',
    ),
  ],
};
