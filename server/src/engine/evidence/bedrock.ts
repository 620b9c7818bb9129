// Evidence in Amazon Bedrock configuration and code.
import { field } from '../values';
import type { CallFact, FileFacts, ObjectValue, Value } from '../types';
import { bedrockOperation, isApplyGuardrail, LANGCHAIN_BEDROCK } from '../apis/bedrock';
import { BOTO3_GUARDRAIL, groundingFilter, GUARDRAILS, policyEntries, policyOf, type GuardrailNames } from '../apis/guardrail';
import { langchainCall } from '../apis/langchain';
import { holdsPlaceholder } from '../placeholders';
import { callEvidence, isBoto3Call, resourceEvidence, type EvidenceDetector, type EvidenceMatch } from './detector';

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
  practices: ['GENSEC01-BP04', 'GENSEC03-BP01', 'GENOPS02-BP01', 'RAIMON01-BP02'],
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

/** Guardrails defined in the file (Terraform, CloudFormation, CDK L1, boto3 `create_guardrail`) whose settings pass `test`. */
function guardrailsWhere(facts: FileFacts, test: (settings: ObjectValue, names: GuardrailNames) => boolean, what: string): EvidenceMatch[] {
  const defined = GUARDRAILS.flatMap((names) =>
    facts.resources.filter((r) => r.resourceType === names.type && test(r.props, names)).map((r) => ({ span: r.nameSpan, message: `Bedrock guardrail \`${r.name}\` ${what}` })),
  );
  const created = facts.calls
    .filter((c) => isBoto3Call(c, 'bedrock', 'create_guardrail', 'blockedInputMessaging') && test(c.args, BOTO3_GUARDRAIL))
    .map((c) => ({ span: c.nameSpan, message: `Bedrock guardrail created with \`create_guardrail\` ${what}` }));
  return [...defined, ...created];
}

export const bedrockGuardrailGrounding: EvidenceDetector = {
  id: 'bedrock-guardrail-grounding',
  title: 'A Bedrock guardrail blocks answers its sources do not support (contextual grounding)',
  practices: ['RAISP03-BP04', 'GENSEC02-BP01'],
  detect: (facts) => guardrailsWhere(facts, (s, names) => groundingFilter(policyOf(s, names.grounding), names) !== undefined, 'checks contextual grounding'),
};

export const bedrockGuardrailDeniedTopics: EvidenceDetector = {
  id: 'bedrock-guardrail-denied-topics',
  title: 'A Bedrock guardrail denies topics the application must not discuss',
  practices: ['RAISP03-BP03', 'GENSEC02-BP01'],
  detect: (facts) => guardrailsWhere(facts, (s, names) => policyEntries(policyOf(s, names.topic), [names.topics]) === 'some', 'denies topics'),
};

export const bedrockGuardrailPii: EvidenceDetector = {
  id: 'bedrock-guardrail-pii',
  title: 'A Bedrock guardrail masks or blocks personal data (sensitive-information policy)',
  practices: ['RAISP03-BP01', 'GENSEC02-BP01'],
  detect: (facts) => guardrailsWhere(facts, (s, names) => policyEntries(policyOf(s, names.sensitive), [names.pii, names.regexes]) === 'some', 'filters personal data'),
};

/** Bedrock agents and the key that attaches their guardrail. */
const AGENT_GUARDRAIL: Record<string, string> = { aws_bedrockagent_agent: 'guardrail_configuration', 'AWS::Bedrock::Agent': 'GuardrailConfiguration' };

export const bedrockGuardrailAttached: EvidenceDetector = {
  id: 'bedrock-guardrail-attached',
  title: 'Model calls or agents run with a Bedrock guardrail',
  practices: ['GENSEC02-BP01', 'RAISP03-BP03'],
  detect: (facts) => [
    ...resourceEvidence(facts, { aws_bedrockagent_agent: guardedAgent, 'AWS::Bedrock::Agent': guardedAgent }, (r) => isGiven(field(r.props, AGENT_GUARDRAIL[r.resourceType]))),
    ...callEvidence(facts.calls.filter(passesGuardrail), (c) => `\`${c.callee}\` call with a guardrail`),
    ...callEvidence(
      facts.calls.filter((c) => isApplyGuardrail(c) && !holdsPlaceholder(c.args)),
      (c) => `text filtered with \`${c.name}\` (ApplyGuardrail)`,
    ),
  ],
};

const guardedAgent = (name: string) => `Bedrock agent \`${name}\` with a guardrail`;

/** A Bedrock runtime call that names its guardrail, or a LangChain Bedrock model given one (a placeholder names none). */
function passesGuardrail(call: CallFact): boolean {
  if (holdsPlaceholder(call.args)) return false;
  const operation = bedrockOperation(call);
  if (operation === 'converse' || operation === 'converse_stream') return field(call.args, 'guardrailConfig')?.kind === 'object';
  if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') return isGiven(call.args.props.get('guardrailIdentifier')?.value);
  if (operation === 'retrieve_and_generate' || operation === 'retrieve_and_generate_stream') return hasNestedKey(call.args, 'guardrailConfiguration');
  const lc = langchainCall(call);
  const model = lc && !lc.factory ? LANGCHAIN_BEDROCK[lc.name] : undefined;
  return model !== undefined && model.args.some((k) => field(call.args, k)?.kind === 'object');
}

/** Written out and not empty: an object, a non-empty list or string, or a reference; a placeholder is nothing given. */
function isGiven(value: Value | undefined): boolean {
  if (!value || holdsPlaceholder(value)) return false;
  if (value.kind === 'object') return value.props.size > 0 || value.open;
  if (value.kind === 'array') return value.items.length > 0;
  if (value.kind === 'string') return value.value !== '';
  return value.kind === 'unknown';
}

function hasNestedKey(value: Value | undefined, key: string): boolean {
  if (value?.kind === 'object') return [...value.props.values()].some((p) => (p.key === key && isGiven(p.value)) || hasNestedKey(p.value, key));
  if (value?.kind === 'array') return value.items.some((i) => hasNestedKey(i, key));
  return false;
}

/** fmeval (SageMaker Clarify's foundation model evaluations): algorithm classes, not their `…Config` settings. */
const FMEVAL_ALGORITHM = /^fmeval\.eval_algorithms\.[a-z_]+\.[A-Z]\w*$/;

export const modelEvaluation: EvidenceDetector = {
  id: 'model-evaluation',
  title: 'Model outputs are evaluated with Bedrock evaluation jobs or fmeval',
  practices: ['GENOPS01-BP01', 'RAIRC02-BP01', 'RAIER01-BP03'],
  detect: (facts) => [
    ...callEvidence(facts.calls.filter((c) => isBoto3Call(c, 'bedrock', 'create_evaluation_job', 'evaluationConfig')), () => 'Bedrock evaluation job created with `create_evaluation_job`'),
    ...callEvidence(
      facts.calls.filter((c) => c.qualifiedName !== undefined && FMEVAL_ALGORITHM.test(c.qualifiedName) && !c.qualifiedName.endsWith('Config')),
      (c) => `fmeval evaluation (\`${c.qualifiedName!.split('.').pop()}\`)`,
    ),
  ],
};
