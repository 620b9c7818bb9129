// Checks of one resource setting in Terraform and CloudFormation (and anything else that yields ResourceFacts, such as
// CDK L1 constructs and awscc resources with CloudFormation's PascalCase keys): present or not, and whether its known
// value is unsafe. A setting may sit under nested settings (`JobResources.ClusterConfig.VolumeKmsKeyId`).
import { addProperties, replaceWith } from '../../edits';
import { field, stringOf } from '../../values';
import { Block, type CallFact, type EntrySyntax, type FixValue, type InsertPoint, type ObjectValue, type ResourceFact, type Span, type Value } from '../../types';
import { operationCalls, type AwsOperation } from '../../apis/boto3';
import { propertyName, resourcesOf, type RuleContext } from '../rule';
import { PLACEHOLDER } from '../../placeholders';

/** Placeholders a quick fix writes for values only the user knows (all of them are in `placeholders.ts`). */
export const KMS_KEY_PLACEHOLDER = PLACEHOLDER.kmsKeyArn;
export const SUBNET_PLACEHOLDER = PLACEHOLDER.subnetId;
export const SECURITY_GROUP_PLACEHOLDER = PLACEHOLDER.securityGroupId;

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
  /** The fix's title, given the setting it writes (as `absent` gets it) and the entries it adds alongside. */
  fixTitle: (keys: string[]) => string;
}

/** Reports each resource of the check's types whose setting is left out, null, or known to be unsafe. */
export function checkSetting(context: RuleContext, check: SettingCheck): void {
  for (const target of check.targets) {
    for (const resource of resourcesOf(context.facts, target.type)) {
      if (check.applies && !check.applies(resource, target)) continue;
      checkPath(context, resourceSite(resource, context), {
        keys: typeof target.key === 'string' ? [target.key] : target.key,
        fix: target.fix,
        alongside: target.alongside && (() => target.alongside!(resource)),
        isUnsafe: check.isUnsafe,
        absent: (key) => check.absent(resource, key),
        unsafe: check.unsafe && ((key) => check.unsafe!(resource, key)),
        fixTitle: check.fixTitle,
      });
    }
  }
}

/** Where a setting path starts and how the source writes what a fix adds there. */
export interface SettingSite {
  props: ObjectValue;
  /** Reported when the outermost setting is left out. */
  nameSpan: Span;
  /** A setting's name as the source spells it. */
  spell: (key: string) => string;
  /** Nested settings are Terraform blocks (the aws provider) rather than objects. */
  blocks: boolean;
  /** The syntax replacement values are written in. */
  syntax: EntrySyntax;
  keyCase?: InsertPoint['keyCase'];
}

/** One setting to check at a site: its path (outermost first), the value a fix writes, and what to say. */
export interface PathCheck {
  keys: readonly string[];
  fix: FixValue;
  alongside?: () => { [key: string]: FixValue };
  isUnsafe?: (value: Value) => boolean;
  absent: (key: string) => string;
  unsafe?: (key: string) => string;
  fixTitle: (keys: string[]) => string;
}

export function resourceSite(resource: ResourceFact, context: RuleContext): SettingSite {
  return {
    props: resource.props,
    nameSpan: resource.nameSpan,
    spell: (key) => propertyName(resource, key),
    blocks: resource.props.insert?.syntax === 'hcl' && resource.keyStyle !== 'awscc',
    syntax: scalarSyntax(resource, context),
    keyCase: resource.props.insert?.keyCase,
  };
}

/** A call's keyword arguments (boto3) or its first object argument (AWS SDK v3 commands), keys as written. */
export function callSite(call: CallFact, context: RuleContext): SettingSite {
  const syntax = call.args.insert?.syntax ?? (context.facts.language === 'python' ? 'python-kwargs' : 'ts-object');
  return { props: call.args, nameSpan: call.nameSpan, spell: (key) => key, blocks: false, syntax: syntax === 'python-kwargs' ? 'python-dict' : syntax };
}

/**
 * Reports a setting at `site` that is left out, null, or known to be unsafe: at the innermost setting that is there
 * (or the site's name), with a fix that adds the rest of the path. A value that cannot be known is never reported.
 */
export function checkPath(context: RuleContext, site: SettingSite, check: PathCheck): void {
  const shown = check.keys.map(site.spell).join('.');
  let parent: ObjectValue = site.props;
  let parentSpan: Span = site.nameSpan;
  for (const [i, key] of check.keys.entries()) {
    const value = field(parent, key);
    if (value?.kind === 'unknown') return;
    const last = i === check.keys.length - 1;
    const fix = nestedValue(site.blocks, check.keys.slice(i + 1), check.fix);
    if (value === undefined) {
      const container = parent;
      context.report({
        span: parentSpan,
        message: check.absent(shown),
        fixes: () => {
          const alongside = last ? check.alongside?.() : undefined;
          const edit = addProperties(container, { [key]: fix, ...alongside });
          const title = check.fixTitle([shown, ...Object.keys(alongside ?? {}).map(site.spell)]);
          return edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [];
        },
      });
      return;
    }
    if (value.kind === 'null' || (last && check.isUnsafe?.(value))) {
      context.report({
        span: value.span,
        message: value.kind === 'null' || !check.unsafe ? check.absent(shown) : check.unsafe(shown),
        fixes: () => [{ title: check.fixTitle([shown]), safety: 'unsafe', edits: [replaceWith(value.span, fix, site.syntax, '', site.keyCase)] }],
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
function nestedValue(blocks: boolean, keys: readonly string[], leaf: FixValue): FixValue {
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

/** A setting checked on resources and on the API calls that create the same thing (boto3, the JavaScript SDK). */
export interface ResourceAndCallCheck {
  /** `noun` is what the resource is called in messages: `memory`, `human review workflow`. */
  resources: (SettingTarget & { noun: string | ((resource: ResourceFact) => string) })[];
  calls: { operation: AwsOperation; key: string | readonly string[]; fix: FixValue }[];
  /** False for a resource or call the check does not apply to, given its properties or arguments and its type or operation. */
  applies?: (props: ObjectValue, kind: string) => boolean;
  isUnsafe?: (value: Value) => boolean;
  /** What is wrong, given who (``memory `chat` ``, `` `create_memory` ``) and the setting as the source spells it. */
  absent: (subject: string, key: string) => string;
  unsafe?: (subject: string, key: string) => string;
  fixTitle: (keys: string[]) => string;
}

export function checkResourcesAndCalls(context: RuleContext, check: ResourceAndCallCheck): void {
  const nouns = new Map(check.resources.map((t) => [t.type, t.noun]));
  const subject = (r: ResourceFact) => {
    const noun = nouns.get(r.resourceType)!;
    return `${typeof noun === 'string' ? noun : noun(r)} \`${r.name}\``;
  };
  checkSetting(context, {
    targets: check.resources,
    applies: check.applies && ((r) => check.applies!(r.props, r.resourceType)),
    isUnsafe: check.isUnsafe,
    absent: (r, key) => check.absent(subject(r), key),
    unsafe: check.unsafe && ((r, key) => check.unsafe!(subject(r), key)),
    fixTitle: check.fixTitle,
  });
  for (const { operation, key, fix } of check.calls) {
    for (const call of operationCalls(context.facts, operation)) {
      if (check.applies && !check.applies(call.args, operation.operation)) continue;
      const who = `\`${call.name}\``;
      checkPath(context, callSite(call, context), {
        keys: typeof key === 'string' ? [key] : key,
        fix,
        isUnsafe: check.isUnsafe,
        absent: (k) => check.absent(who, k),
        unsafe: check.unsafe && ((k) => check.unsafe!(who, k)),
        fixTitle: check.fixTitle,
      });
    }
  }
}
