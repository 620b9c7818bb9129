// Checks of one resource setting in Terraform and CloudFormation (and anything else that yields ResourceFacts, such as
// CDK L1 constructs and awscc resources with CloudFormation's PascalCase keys): present or not, and whether its known
// value is unsafe. A setting may sit under nested settings (`JobResources.ClusterConfig.VolumeKmsKeyId`).
import { addProperties, replaceWith } from '../../edits';
import { field, stringOf } from '../../values';
import { Block, type EntrySyntax, type FixValue, type ObjectValue, type ResourceFact, type Span, type Value } from '../../types';
import { propertyName, resourcesOf, type RuleContext } from '../rule';

/** Placeholders a quick fix writes for values only the user knows. */
export const KMS_KEY_PLACEHOLDER = '<kms-key-arn>';
export const SUBNET_PLACEHOLDER = '<subnet-id>';
export const SECURITY_GROUP_PLACEHOLDER = '<security-group-id>';

/** The setting one resource type uses for a check, and the value a fix writes for it. */
export interface SettingTarget {
  type: string;
  /** The setting, or its path through nested settings, outermost first (`['NetworkConfig', 'VpcConfig']`). */
  key: string | readonly string[];
  fix: FixValue;
  /** Entries the fix adds next to the setting when it is left out (a subnet needs security groups). */
  alongside?: (resource: ResourceFact) => { [key: string]: FixValue };
}

export interface SettingCheck {
  targets: SettingTarget[];
  /** False for a resource the check does not apply to (say, one whose instance type cannot take a KMS key). */
  applies?: (resource: ResourceFact, target: SettingTarget) => boolean;
  /** True for a known value that is as bad as the setting being left out (e.g. `false`, `"Enabled"`, `""`). */
  isUnsafe?: (value: Value) => boolean;
  /**
   * What is wrong when the setting is left out or null (AWS's default is the unsafe one). `key` is the setting as the
   * source spells it, with its path for a nested one (`job_resources.cluster_config.volume_kms_key_id`).
   */
  absent: (resource: ResourceFact, key: string) => string;
  /** What is wrong with an unsafe value. */
  unsafe?: (resource: ResourceFact, key: string) => string;
  /** The fix's title, given the keys it writes (as the source spells them). */
  fixTitle: (keys: string[]) => string;
}

/** Reports each resource of the check's types whose setting is left out, null, or known to be unsafe. */
export function checkSetting(context: RuleContext, check: SettingCheck): void {
  for (const target of check.targets) {
    for (const resource of resourcesOf(context.facts, target.type)) {
      if (check.applies && !check.applies(resource, target)) continue;
      checkResourceSetting(context, check, target, resource);
    }
  }
}

function checkResourceSetting(context: RuleContext, check: SettingCheck, target: SettingTarget, resource: ResourceFact): void {
  const keys = typeof target.key === 'string' ? [target.key] : target.key;
  const shown = keys.map((k) => propertyName(resource, k)).join('.');
  let parent: ObjectValue = resource.props;
  let parentSpan: Span = resource.nameSpan;
  for (const [i, key] of keys.entries()) {
    const value = field(parent, key);
    if (value?.kind === 'unknown') return;
    const last = i === keys.length - 1;
    const fix = nestedFix(resource, keys.slice(i + 1), target.fix);
    if (value === undefined) {
      const container = parent;
      context.report({
        span: parentSpan,
        message: check.absent(resource, shown),
        fixes: () => {
          const entries = { [key]: fix, ...(last ? target.alongside?.(resource) : undefined) };
          const edit = addProperties(container, entries);
          const title = check.fixTitle(Object.keys(entries).map((k) => propertyName(resource, k)));
          return edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [];
        },
      });
      return;
    }
    if (value.kind === 'null' || (last && check.isUnsafe?.(value))) {
      const syntax = scalarSyntax(resource, context);
      const keyCase = resource.props.insert?.keyCase;
      context.report({
        span: value.span,
        message: value.kind === 'null' || !check.unsafe ? check.absent(resource, shown) : check.unsafe(resource, shown),
        fixes: () => [{ title: check.fixTitle([propertyName(resource, key)]), safety: 'unsafe', edits: [replaceWith(value.span, fix, syntax, '', keyCase)] }],
      });
      return;
    }
    if (last) return;
    if (value.kind !== 'object') return; // a list of settings, or a scalar where an object belongs: not ours to judge
    parentSpan = parent.props.get(key)!.keySpan;
    parent = value;
  }
}

/**
 * The value a fix writes for the settings `keys` (outermost first) holding `leaf`: nested blocks in Terraform's aws
 * provider, objects everywhere else (CloudFormation, CDK, and awscc, whose nested settings are attributes).
 */
export function nestedFix(resource: ResourceFact, keys: readonly string[], leaf: FixValue): FixValue {
  const blocks = resource.props.insert?.syntax === 'hcl' && resource.keyStyle !== 'snake';
  return keys.reduceRight<FixValue>((inner, key) => (blocks ? new Block({ [key]: inner }) : { [key]: inner }), leaf);
}

/** True for a known empty string: an ARN or ID set to `""` is no key at all. */
export function isEmptyString(value: Value): boolean {
  return stringOf(value)?.trim() === '';
}

/** True for a known string equal to one of `values`, ignoring case (AWS enums are upper or Pascal case). */
export function isOneOf(value: Value | undefined, ...values: string[]): boolean {
  const s = stringOf(value)?.toUpperCase();
  return s !== undefined && values.some((v) => v.toUpperCase() === s);
}

/** The syntax a replacement value is written in: the resource's own, or the file language's. */
export function scalarSyntax(resource: ResourceFact, context: RuleContext): EntrySyntax {
  return resource.props.insert?.syntax ?? (context.facts.language === 'terraform' ? 'hcl' : 'json');
}

/** `a`, `a` and `b`, `a`, `b` and `c`: keys for a fix title. */
export function keyList(keys: string[]): string {
  const quoted = keys.map((k) => `\`${k}\``);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
