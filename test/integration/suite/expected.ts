// What AI Lens reports in the examples/ workspace, per file, as `line:rule` (1-based lines). test/examples.test.ts
// holds the whole list; here are the files the editor tests open, one per language. A file may gain findings from
// new rules, so the tests ask for these to be present, not for nothing else to be.
export const EXPECTED: Record<string, string[]> = {
  'training/load_model.py': ['12:unsafe-model-deserialization', '16:unsafe-model-deserialization', '28:unsafe-model-deserialization'],
  'chat-service/app.py': [
    '32:bedrock-call-without-guardrail',
    '32:llm-call-without-max-tokens',
    '47:bedrock-call-without-guardrail',
    '49:llm-call-without-max-tokens',
  ],
  'infra/terraform/main.tf': ['34:sagemaker-endpoint-without-data-capture', '71:sagemaker-notebook-direct-internet', '125:bedrock-agent-without-guardrail'],
  'infra/cloudformation/endpoint.yaml': ['19:sagemaker-endpoint-without-data-capture', '60:sagemaker-notebook-direct-internet'],
  'infra/cloudformation/agent.json': ['94:bedrock-agent-without-guardrail'],
};

/** A file with no problems: it must stay free of AI Lens diagnostics. */
export const CLEAN_FILE = 'training/deploy_monitored.py';

/** One quick fix per language: the finding it removes, its title and text the fixed file must contain. */
export const QUICK_FIXES = [
  { file: 'training/load_model.py', finding: '28:unsafe-model-deserialization', title: 'Load with `weights_only=True`', adds: 'torch.load(path, weights_only=True)' },
  { file: 'chat-service/app.py', finding: '32:llm-call-without-max-tokens', title: 'Add `inferenceConfig`', adds: 'inferenceConfig={"maxTokens": 1024}' },
  { file: 'infra/terraform/main.tf', finding: '71:sagemaker-notebook-direct-internet', title: 'Set `direct_internet_access` to "Disabled"', adds: 'direct_internet_access = "Disabled"' },
  { file: 'infra/cloudformation/endpoint.yaml', finding: '60:sagemaker-notebook-direct-internet', title: 'Set `DirectInternetAccess` to "Disabled"', adds: 'DirectInternetAccess: Disabled' },
  { file: 'infra/cloudformation/agent.json', finding: '94:bedrock-agent-without-guardrail', title: 'Add `GuardrailConfiguration`', adds: '"GuardrailIdentifier": "<guardrail-id>"' },
];

/** Suppression comments, in each language that has comments. */
export const SUPPRESSIONS = [
  { file: 'training/load_model.py', finding: '12:unsafe-model-deserialization', comment: '# ai-lens: ignore[unsafe-model-deserialization] -- <reason>' },
  { file: 'infra/terraform/main.tf', finding: '34:sagemaker-endpoint-without-data-capture', comment: '# ai-lens: ignore[sagemaker-endpoint-without-data-capture] -- <reason>' },
  { file: 'infra/cloudformation/endpoint.yaml', finding: '19:sagemaker-endpoint-without-data-capture', comment: '# ai-lens: ignore[sagemaker-endpoint-without-data-capture] -- <reason>' },
];
