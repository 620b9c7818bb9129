import { placeholderStrings, PLACEHOLDER, type PlaceholderString } from '../placeholders';
import { RULE_TARGETS } from '../review/targets';
import type { FileFacts, Span } from '../types';
import type { Rule, RuleContext } from './rule';
import { isTestCode } from './support/testCode';
import { rule as agentGuardrail } from './bedrock-agent-without-guardrail';
import { rule as agentKms } from './bedrock-agent-without-kms-key';
import { rule as callGuardrail } from './bedrock-call-without-guardrail';
import { rule as guardrailKms } from './bedrock-guardrail-without-kms-key';
import { rule as dataSourceKms } from './bedrock-knowledge-base-data-source-without-kms-key';
import { rule as hubRevision } from './huggingface-model-without-revision';
import { rule as jumpstartVersion } from './jumpstart-model-version-unpinned';
import { rule as domainKms } from './sagemaker-domain-without-kms-key';
import { rule as dataCapture } from './sagemaker-endpoint-without-data-capture';
import { rule as endpointKms } from './sagemaker-endpoint-without-kms-key';
import { rule as imageUnpinned } from './sagemaker-image-unpinned';
import { rule as modelVpc } from './sagemaker-model-without-vpc';
import { rule as notebookKms } from './sagemaker-notebook-without-kms-key';
import { rule as notebookVpc } from './sagemaker-notebook-without-vpc';
import { rule as trainingKms } from './sagemaker-training-without-kms-key';
import { rule as trainingVpc } from './sagemaker-training-without-vpc';

/** The rules whose quick fixes write each placeholder (by the placeholder's `<…>` token). */
const WRITERS: Record<string, readonly Rule[]> = {
  [PLACEHOLDER.guardrailId]: [callGuardrail, agentGuardrail],
  [PLACEHOLDER.kmsKeyArn]: [endpointKms, notebookKms, domainKms, trainingKms, agentKms, guardrailKms, dataSourceKms],
  [PLACEHOLDER.subnetId]: [modelVpc, notebookVpc, trainingVpc],
  [PLACEHOLDER.securityGroupId]: [modelVpc, notebookVpc, trainingVpc],
  [PLACEHOLDER.imageVersion]: [imageUnpinned],
  [PLACEHOLDER.modelVersion]: [jumpstartVersion],
  [PLACEHOLDER.commitSha]: [hubRevision],
  '<bucket>': [dataCapture],
};

/** Every practice a placeholder can stand for: the practices of the rules whose fixes write them. */
const PRACTICES = [...new Set(Object.values(WRITERS).flatMap((rules) => rules.flatMap((r) => r.meta.practices)))];

export const rule: Rule = {
  meta: {
    id: 'placeholder-not-filled-in',
    title: 'Placeholder from a quick fix not filled in',
    practices: PRACTICES,
    severity: 'error',
    languages: ['python', 'typescript', 'javascript', 'terraform', 'cloudformation'],
    docs: {
      description:
        'Several quick fixes write a placeholder for a value only you know: `<guardrail-id>`, `<kms-key-arn>`, ' +
        '`<subnet-id>`, `<security-group-id>`, `s3://<bucket>/data-capture`, an image tag `<version>`, `<model-version>`, ' +
        '`<commit-sha>`. Until it is replaced, AWS rejects the request or template, and the setting the fix stands for is ' +
        'not in place: a placeholder is never compliance. The finding serves the practices of the rule whose fix wrote it, so ' +
        'the lens review shows them at risk and the Well-Architected Tool export never marks them followed. Fill in the ' +
        'real value (a guardrail ID, a key ARN, a subnet, a bucket, a version).',
      bad: 'bedrock.converse(modelId=MODEL, messages=m, guardrailConfig={"guardrailIdentifier": "<guardrail-id>", "guardrailVersion": "DRAFT"})',
      good: 'bedrock.converse(modelId=MODEL, messages=m, guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": GUARDRAIL_VERSION})',
      severity:
        'An error in every context but tests (files that import a test framework), which are not reported: AWS rejects the ' +
        'placeholder, and the setting it stands for is not in place.',
    },
  },
  check(context: RuleContext) {
    const { facts } = context;
    if (isTestCode(facts)) return; // a test of a fix may hold its placeholder on purpose
    const seen = new Set<number>();
    const owners = new WriterLookup(facts);
    const report = (found: PlaceholderString, factSpan: Span) => {
      if (seen.has(found.span.start)) return;
      seen.add(found.span.start);
      const setting = found.key ? ` in \`${found.key}\`` : '';
      context.report({
        span: found.span,
        message: `placeholder \`${found.token}\`${setting} is not filled in: AWS rejects it, and the setting it stands for is not in place`,
        practices: owners.practices(found.token, factSpan),
      });
    };
    for (const call of facts.calls) {
      for (const found of placeholderStrings(call.args, context.text)) report(found, call.nameSpan);
      for (const value of call.positional) for (const found of placeholderStrings(value, context.text)) report(found, call.nameSpan);
    }
    for (const resource of facts.resources) for (const found of placeholderStrings(resource.props, context.text)) report(found, resource.nameSpan);
  },
};

/**
 * Which rule's fix wrote a placeholder: among the rules that write it, those that examine the call or resource it is
 * in (`review/targets.ts`); all of them when none does (the value may sit in a helper call, like `DataCaptureConfig`).
 */
class WriterLookup {
  private readonly targets = new Map<string, Set<number>>();

  constructor(private readonly facts: FileFacts) {}

  practices(token: string, factSpan: Span): string[] {
    const writers = WRITERS[token] ?? [];
    const examining = writers.filter((r) => this.targetStarts(r.meta.id).has(factSpan.start));
    return [...new Set((examining.length > 0 ? examining : writers).flatMap((r) => r.meta.practices))];
  }

  private targetStarts(ruleId: string): Set<number> {
    let starts = this.targets.get(ruleId);
    if (!starts) {
      starts = new Set((RULE_TARGETS[ruleId]?.(this.facts) ?? []).map((t) => t.span.start));
      this.targets.set(ruleId, starts);
    }
    return starts;
  }
}
