// Agent-loop bounds of frameworks (`apis/frameworks/agentLoops.ts`): teams and runs with no bound by default, and
// settings written to remove a bounded default.
import { addProperty, replaceWith } from '../../edits';
import { walkValue } from '../../values';
import type { CallFact, EntrySyntax, ObjectValue, Property, Value } from '../../types';
import { CONFIG_LIMITS, isUnboundedNumber, LOOP_BOUNDS, type LoopBound } from '../../apis/frameworks/agentLoops';
import type { RuleContext } from '../rule';

const CONSEQUENCE = 'cost and run time are unbounded';

export function checkFrameworkLoops(context: RuleContext): void {
  const language = context.facts.language === 'python' ? 'python' : 'javascript';
  const byName = new Map<string, LoopBound>();
  for (const bound of LOOP_BOUNDS) if (bound.language === language) for (const name of bound.names) byName.set(name, bound);
  for (const call of context.facts.calls) {
    const bound = call.qualifiedName ? byName.get(call.qualifiedName) : undefined;
    if (bound) checkBound(call, bound, context);
  }
  checkConfigLimits(context);
}

function checkBound(call: CallFact, bound: LoopBound, context: RuleContext): void {
  const options = bound.optionsPosition === undefined ? call.args : call.positional[bound.optionsPosition];
  if (options?.kind !== 'object' || call.positional.length > (bound.maxPositional ?? Infinity)) return;
  const what = `\`${call.callee.split('.').pop()}\``;
  const given = bound.keys.map((k) => options.props.get(k)).filter((p): p is Property => p !== undefined);
  for (const prop of given) {
    if (isUnboundedNumber(prop.value, context.text, context.facts)) {
      report(context, prop, `\`${setting(context, prop.key, prop.value)}\` lets ${what} loop without a limit: ${CONSEQUENCE}`, bound, syntaxOf(options, context));
    } else if (prop.value.kind === 'null' && bound.noneIsUnbounded && typeof bound.default === 'number' && prop.key === bound.fix.key) {
      report(context, prop, `\`${setting(context, prop.key, prop.value)}\` turns off the ${bound.framework}'s limit of ${bound.default}: ${what} may loop without end and ${CONSEQUENCE}`, bound, syntaxOf(options, context));
    }
  }
  if (bound.default !== 'unbounded' || options.open) return;
  if (given.some((p) => p.value.kind !== 'null')) return;
  const missing = bound.keys.map((k) => `\`${k}\``).join(' and no ');
  context.report({
    span: call.nameSpan,
    message: `${what} has no ${missing}: it runs until it is cancelled, and ${CONSEQUENCE}`,
    fixes: () => {
      if (options.props.has(bound.fix.key)) return [];
      const edit = addProperty(options, bound.fix.key, bound.fix.value);
      return edit ? [{ title: `Stop after ${bound.fix.value} turns (add \`${bound.fix.key}\`; adjust, or add a termination condition)`, safety: 'unsafe', edits: [edit] }] : [];
    },
  });
}

function report(context: RuleContext, prop: Property, message: string, bound: LoopBound, syntax: EntrySyntax): void {
  context.report({
    span: prop.span,
    message,
    fixes: () => [{ title: `Restore a limit of ${bound.fix.value} (adjust to your agent)`, safety: 'unsafe', edits: [replaceWith(prop.value.span, bound.fix.value, syntax)] }],
  });
}

/** LangGraph step limits in run configs, anywhere in files that use LangGraph. */
function checkConfigLimits(context: RuleContext): void {
  const { facts } = context;
  for (const limit of CONFIG_LIMITS) {
    if (!limit.modules.some((m) => facts.imports.has(m))) continue;
    const seen = new Set<number>();
    const visit = (container: Value) => {
      if (container.kind !== 'object') return false;
      for (const prop of container.props.values()) {
        if (prop.key !== limit.key || seen.has(prop.span.start) || !isUnboundedNumber(prop.value, context.text, facts)) continue;
        seen.add(prop.span.start);
        context.report({
          span: prop.span,
          message: `\`${setting(context, limit.key, prop.value)}\` removes ${limit.framework}'s step limit: a graph that keeps cycling runs until something kills it, and ${CONSEQUENCE}`,
          fixes: () => [{ title: `Restore a limit of ${limit.fix} steps (adjust to your graph)`, safety: 'unsafe', edits: [replaceWith(prop.value.span, limit.fix, syntaxOf(container, context))] }],
        });
      }
      return false;
    };
    for (const call of facts.calls) for (const value of [call.args, ...call.positional]) walkValue(value, visit);
    for (const literal of facts.literals ?? []) walkValue(literal, visit);
  }
}

/** `key=value` in Python, `key: value` in TypeScript/JavaScript, as the source writes the value. */
function setting(context: RuleContext, key: string, value: Value): string {
  const separator = context.facts.language === 'python' ? '=' : ': ';
  return `${key}${separator}${context.text.slice(value.span.start, value.span.end)}`;
}

function syntaxOf(options: ObjectValue, context: RuleContext): EntrySyntax {
  return options.insert?.syntax ?? (context.facts.language === 'python' ? 'python-kwargs' : 'ts-object');
}
