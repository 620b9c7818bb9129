// Checks of one resource setting in Terraform and CloudFormation (and anything else that yields ResourceFacts, such as
// CDK L1 constructs with CloudFormation's PascalCase keys): present or not, and whether its known value is unsafe.
import { addProperties, replaceWith } from '../../edits';
import { field, stringOf } from '../../values';
import type { EntrySyntax, FixValue, ResourceFact, Value } from '../../types';
import { propertyName, resourcesOf, type RuleContext } from '../rule';

/** Placeholders a quick fix writes for values only the user knows. */
export const KMS_KEY_PLACEHOLDER = '<kms-key-arn>';
export const SUBNET_PLACEHOLDER = '<subnet-id>';
export const SECURITY_GROUP_PLACEHOLDER = '<security-group-id>';

/** The setting one resource type uses for a check, and the value a fix writes for it. */
export interface SettingTarget {
  type: string;
  key: string;
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
  /** What is wrong when the setting is left out or null (AWS's default is the unsafe one). */
  absent: (resource: ResourceFact, key: string) => string;
  /** What is wrong with an unsafe value. */
  unsafe?: (resource: ResourceFact, key: string) => string;
  /** The fix's title, given the keys it writes. */
  fixTitle: (keys: string[]) => string;
}

/** Reports each resource of the check's types whose setting is left out, null, or known to be unsafe. */
export function checkSetting(context: RuleContext, check: SettingCheck): void {
  for (const target of check.targets) {
    for (const resource of resourcesOf(context.facts, target.type)) {
      if (check.applies && !check.applies(resource, target)) continue;
      const value = field(resource.props, target.key);
      if (value?.kind === 'unknown') continue;
      const key = propertyName(resource, target.key);
      if (value === undefined) {
        context.report({
          span: resource.nameSpan,
          message: check.absent(resource, key),
          fixes: () => {
            const entries = { [target.key]: target.fix, ...target.alongside?.(resource) };
            const edit = addProperties(resource.props, entries);
            return edit ? [{ title: check.fixTitle(Object.keys(entries).map((k) => propertyName(resource, k))), safety: 'unsafe', edits: [edit] }] : [];
          },
        });
      } else if (value.kind === 'null' || check.isUnsafe?.(value)) {
        const syntax = scalarSyntax(resource, context);
        context.report({
          span: value.span,
          message: value.kind === 'null' || !check.unsafe ? check.absent(resource, key) : check.unsafe(resource, key),
          fixes: () => [{ title: check.fixTitle([key]), safety: 'unsafe', edits: [replaceWith(value.span, target.fix, syntax)] }],
        });
      }
    }
  }
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
