import type { Engine } from '../engine/engine';
import { META_RULES } from '../engine/rules/meta';
import { metaRuleMarkdown, ruleMarkdown } from '../docs/ruleDocs';

/** `aiLens/ruleDocs` `{ ruleId }` → the rule's documentation as Markdown, or null for an unknown rule. */
export const RULE_DOCS_REQUEST = 'aiLens/ruleDocs';

export function ruleDocsFor(ruleId: string, engine: Engine): { markdown: string } | null {
  const rule = engine.rule(ruleId);
  if (rule) return { markdown: ruleMarkdown(rule, engine.catalog, '#') };
  const meta = META_RULES.find((m) => m.id === ruleId);
  return meta ? { markdown: metaRuleMarkdown(meta, '#') } : null;
}
