import { placeholderStrings, type PlaceholderString } from '../placeholders';
import { RULE_TARGETS } from '../review/targets';
import type { FileFacts, Span, Value } from '../types';
import type { Rule, RuleContext } from './rule';
import { isTestCode } from './support/testCode';

/**
 * The rule, given the rules whose fixes write placeholders (`meta.fix.placeholders`): a placeholder left in the code is
 * reported with the practices of the rule whose fix wrote it.
 */
export function placeholderRule(rules: readonly Rule[]): Rule {
  const writers = placeholderWriters(rules);
  const practices = [...new Set([...writers.values()].flatMap((list) => list.flatMap((r) => r.meta.practices)))];
  return {
    meta: {
      id: 'placeholder-not-filled-in',
      title: 'Placeholder from a quick fix not filled in',
      practices,
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
    // A placeholder is its token written in the file (a value from another Terraform file is the engine's to catch).
    triggers: [...writers.keys()],
    check(context: RuleContext) {
      const { facts } = context;
      if (isTestCode(facts)) return; // a test of a fix may hold its placeholder on purpose
      const seen = new Set<number>();
      const owners = new WriterLookup(facts, writers);
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
        for (const found of placeholdersKept(call.args, context.text)) report(found, call.nameSpan);
        for (const value of call.positional) for (const found of placeholdersKept(value, context.text)) report(found, call.nameSpan);
      }
      for (const resource of facts.resources) for (const found of placeholdersKept(resource.props, context.text)) report(found, resource.nameSpan);
    },
  };
}

/**
 * The placeholders in a call's or resource's value, kept by value: a value kept from one version of a file to the next
 * (the language server's edits) is the same object with the same parts, over the same text. The parts may have moved
 * (`extract/pythonShift.ts`): their places are read from them at each use.
 */
const keptPlaceholders = new WeakMap<Value, PlaceholderString[]>();

function placeholdersKept(value: Value, text: string): readonly PlaceholderString[] {
  let known = keptPlaceholders.get(value);
  if (!known) keptPlaceholders.set(value, (known = placeholderStrings(value, text)));
  else for (const found of known) found.span = found.value.span;
  return known;
}

/** The rules whose fixes write each placeholder, by the placeholder's `<…>` token. */
function placeholderWriters(rules: readonly Rule[]): Map<string, Rule[]> {
  const writers = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const token of rule.meta.fix?.placeholders ?? []) writers.set(token, [...(writers.get(token) ?? []), rule]);
  }
  return writers;
}

/**
 * Which rule's fix wrote a placeholder: among the rules that write it, those that examine the call or resource it is
 * in (`review/targets.ts`); all of them when none does (the value may sit in a helper call, like `DataCaptureConfig`).
 */
class WriterLookup {
  private readonly targets = new Map<string, Set<number>>();

  constructor(
    private readonly facts: FileFacts,
    private readonly writers: ReadonlyMap<string, readonly Rule[]>,
  ) {}

  practices(token: string, factSpan: Span): string[] {
    const writers = this.writers.get(token) ?? [];
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
