// The guardrail, output-token-limit and timeout checks of framework model classes (`apis/frameworks/`): one function
// per setting, called by the rule that owns it. What each class takes and defaults to is data there; this is how a
// construction's settings are judged against it.
import { addProperties, addProperty, replaceWith } from '../../edits';
import { field, stringOf } from '../../values';
import type { EntrySyntax, Fix, FixValue, ObjectValue, Value } from '../../types';
import { isNonTextModelId } from '../../apis/bedrock';
import { frameworkModels } from '../../apis/frameworks';
import { parentOf, setLater, settingAt, type SettingPath } from '../../apis/modelSettings';
import type { RuleContext } from '../rule';

const TOKEN_LIMIT = 1024;
/** Calls that take model settings per request, or bind them to a built model. */
const PER_CALL_METHODS = ['bind', 'invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch', 'with_config', 'withConfig', 'complete', 'acomplete', 'chat', 'achat', 'stream_chat', 'stream_complete'];

/** Framework models that call Bedrock with no guardrail, or with one that is never sent. */
export function checkFrameworkGuardrails(context: RuleContext): void {
  for (const model of frameworkModels(context.facts, context.text)) {
    const guardrail = model.cls.guardrail;
    if (!guardrail || isNonTextModelId(model.modelId)) continue;
    const key = guardrail.paths[0].join('.');
    if (setLater(context.facts, model.cls.configMethods, guardrail.paths.map((p) => p[0]))) continue;
    const given = settingAt(model.settings, guardrail.paths);
    // Unknown because `**kwargs` may hold it: nothing to say. Written but unknown (a variable): a guardrail is given.
    if (given?.value.kind === 'unknown' && !isWritten(model.settings, given.path)) continue;
    if (!given) {
      const settings = model.settings;
      context.report({
        span: model.span,
        message: settings
          ? `${model.describe} has no guardrail (\`${key}\`): model output reaches users unfiltered`
          : `${model.describe} runs with no guardrail: model output reaches users unfiltered (pass \`${model.cls.label}(${key}=…)\`)`,
        fixes: () => (settings && ![...Object.keys(guardrail.fix)].some((k) => settings.props.has(k)) ? guardrailFix(settings, guardrail.fix) : []),
      });
      continue;
    }
    if (isEmpty(given.value)) {
      context.report({ span: given.value.span, message: `${model.describe} is given no guardrail identifier (\`${key}\`): model output reaches users unfiltered` });
      continue;
    }
    const missing = (guardrail.requires ?? []).find((k) => isMissing(field(model.settings, k)));
    if (missing && model.settings) {
      const settings = model.settings;
      context.report({
        span: model.span,
        message: `${model.describe} has \`${key}\` but no \`${missing}\`: ${model.cls.framework} sends no guardrail without both`,
        fixes: () => (settings.props.has(missing) ? [] : guardrailFix(settings, { [missing]: 'DRAFT' })),
      });
    }
  }
}

/** Framework models that send no output-token limit and have none by default. */
export function checkFrameworkTokenLimits(context: RuleContext): void {
  for (const model of frameworkModels(context.facts, context.text)) {
    const limit = model.cls.maxTokens;
    if (!limit || limit.default !== undefined || isNonTextModelId(model.modelId)) continue;
    const keys = limit.paths.map((p) => p[p.length - 1]);
    if (setLater(context.facts, [...(model.cls.configMethods ?? []), ...PER_CALL_METHODS], keys)) continue;
    const given = settingAt(model.settings, limit.paths);
    if (given && given.value.kind !== 'null') continue;
    const key = limit.paths[0].join('.');
    const message = model.settings
      ? `${model.describe} sets no output-token limit (\`${key}\`): response length and cost are unbounded`
      : `${model.describe} sends no output-token limit: response length and cost are unbounded (pass \`${model.cls.label}(${key}=…)\`)`;
    const settings = model.settings;
    if (given) {
      const span = given.value.span;
      context.report({ span, message, fixes: () => [{ title: limitTitle(key), safety: 'unsafe', edits: [replaceWith(span, TOKEN_LIMIT, syntaxOf(settings, context))] }] });
    } else {
      context.report({ span: model.span, message, fixes: () => atPath(settings, limit.paths[0], TOKEN_LIMIT, limitTitle(key)) });
    }
  }
}

/** Framework models whose client waits 10 minutes or forever for a response. */
export function checkFrameworkTimeouts(context: RuleContext): void {
  for (const model of frameworkModels(context.facts, context.text)) {
    const timeout = model.cls.timeout;
    const settings = model.settings;
    if (!timeout || !settings || timeout.skipWhen?.some((k) => field(settings, k) !== undefined)) continue;
    const given = settingAt(settings, timeout.paths);
    const key = timeout.paths[0].join('.');
    const title = `Set a timeout of ${timeout.fix} seconds (adjust to your workload)`;
    const forever = `${model.cls.framework} passes \`timeout=None\` to the ${timeout.sdk} SDK, so a stalled request waits forever`;
    const tenMinutes = `the ${timeout.sdk} SDK waits up to 10 minutes per attempt`;
    if (!given) {
      if (typeof timeout.whenAbsent === 'number') continue;
      context.report({
        span: model.span,
        message: `${model.describe} has no \`${key}\`: ${timeout.whenAbsent === 'forever' ? forever : tenMinutes}`,
        fixes: () => atPath(settings, timeout.paths[0], timeout.fix, title),
      });
      continue;
    }
    const value = given.value;
    const replace = () => [{ title, safety: 'unsafe' as const, edits: [replaceWith(value.span, timeout.fix, syntaxOf(settings, context))] }];
    if (value.kind === 'null') {
      context.report({ span: value.span, message: `\`${given.path.join('.')}\` of ${model.describe} is \`None\`: ${timeout.whenNone === 'forever' ? 'a stalled request waits forever' : tenMinutes}`, fixes: replace });
    } else if (value.kind === 'number' && value.value <= 0 && timeout.nonPositive) {
      context.report({ span: value.span, message: `${model.describe} does not pass a timeout of ${value.value} to the ${timeout.sdk} SDK: ${tenMinutes}`, fixes: replace });
    }
  }
}

/** Whether every key of the path is written out (not only possibly held by `**kwargs` or a spread). */
function isWritten(settings: ObjectValue | undefined, target: SettingPath): boolean {
  let current: Value | undefined = settings;
  for (const key of target) {
    if (current?.kind !== 'object' || !current.props.has(key)) return false;
    current = current.props.get(key)!.value;
  }
  return true;
}

function isEmpty(value: Value): boolean {
  return value.kind === 'null' || stringOf(value) === '';
}

function isMissing(value: Value | undefined): boolean {
  return value === undefined || isEmpty(value);
}

function guardrailFix(settings: ObjectValue, entries: { [key: string]: FixValue }): Fix[] {
  const edit = addProperties(settings, entries);
  const keys = Object.keys(entries).map((k) => `\`${k}\``).join(' and ');
  return edit ? [{ title: `Add ${keys} with a placeholder guardrail ID`, safety: 'unsafe', edits: [edit] }] : [];
}

function limitTitle(key: string): string {
  return `Add \`${key}\` (${TOKEN_LIMIT} tokens: adjust to your use case)`;
}

/** A fix writing `value` at a path: into the deepest options object written out, nesting the rest of the path. */
function atPath(settings: ObjectValue | undefined, target: SettingPath, value: FixValue, title: string): Fix[] {
  if (!settings) return [];
  for (let depth = target.length - 1; depth >= 0; depth--) {
    const holder = depth === 0 ? settings : parentOf(settings, target.slice(0, depth + 1));
    if (!holder) continue;
    let nested: FixValue = value;
    for (let i = target.length - 1; i > depth; i--) nested = { [target[i]]: nested };
    if (holder.props.has(target[depth])) return [];
    const edit = addProperty(holder, target[depth], nested);
    return edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [];
  }
  return [];
}

function syntaxOf(settings: ObjectValue | undefined, context: RuleContext): EntrySyntax {
  return settings?.insert?.syntax ?? (context.facts.language === 'python' ? 'python-kwargs' : 'ts-object');
}
