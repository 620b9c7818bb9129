// A rule's documentation as Markdown, from its metadata: the page docs/rules.md is made of (scripts/docs.mjs) and what
// the editor opens from a hover's "More". One place, so the two never disagree.
import type { Catalog } from '../engine/catalog';
import type { Rule } from '../engine/rules';
import type { MetaRule } from '../engine/rules/meta';
import { severityDocs } from '../engine/rules/rule';
import type { Language } from '../engine/types';

const LANGUAGE_NAMES: Record<Language, string> = {
  python: 'Python',
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  terraform: 'Terraform',
  cloudformation: 'CloudFormation',
};

const FENCES: Record<Language, string> = { python: 'python', typescript: 'typescript', javascript: 'javascript', terraform: 'hcl', cloudformation: 'yaml' };

export function languageNames(languages: readonly Language[]): string {
  return languages.map((l) => LANGUAGE_NAMES[l]).join(', ');
}

/** `## rule-id` and everything a user needs to act on a finding of the rule. */
export function ruleMarkdown(rule: Rule, catalog: Catalog, heading = '##'): string {
  const { meta } = rule;
  const fence = FENCES[meta.languages[0]] ?? '';
  const lines = [
    `${heading} \`${meta.id}\``,
    '',
    `**${meta.title}**. Severity: ${meta.severity}. ${rule.checkWorkspace ? 'Cross-file. ' : ''}Languages: ${languageNames(meta.languages)}.`,
    '',
    meta.docs.description,
    '',
    severityDocs(meta),
    '',
    'Lens practices:',
    '',
    ...meta.practices.map((id) => {
      const p = catalog.practice(id);
      return p ? `- [${p.id}](${p.url}) ${p.title} (${p.lens.name}): ${p.summary}` : `- ${id}`;
    }),
    '',
    'Reported:',
    '',
    '```' + fence,
    meta.docs.bad,
    '```',
    '',
    'Not reported:',
    '',
    '```' + fence,
    meta.docs.good,
    '```',
    '',
    `Quick fix: ${meta.fix ? meta.fix.title : 'none'}.`,
    '',
    `Suppress a finding: \`ai-lens: ignore[${meta.id}] -- <reason>\` on the line or the line above; turn the rule off: \`rules: { ${meta.id}: off }\` in \`.ai-lens.yaml\`.`,
  ];
  return lines.join('\n') + '\n';
}

export function metaRuleMarkdown(rule: MetaRule, heading = '##'): string {
  return `${heading} \`${rule.id}\`\n\n**${rule.title}**. Severity: ${rule.severity}.\n\n${rule.description}\n`;
}

/** The whole rules reference, docs/rules.md. */
export function rulesReference(rules: readonly Rule[], metaRules: readonly MetaRule[], catalog: Catalog): string {
  const single = rules.filter((r) => !r.checkWorkspace);
  const crossFile = rules.filter((r) => r.checkWorkspace);
  return [
    '<!-- Generated from the rules\' metadata by `npm run docs` (scripts/docs.mjs); test/docs.test.ts fails when it is stale. -->',
    '# Rules',
    '',
    `AI Lens has ${rules.length} rules: ${single.length} that check one file at a time and ${crossFile.length} cross-file rules that look at the whole workspace. Each finding names the lens practice it serves and links to it.`,
    '',
    ruleTable(rules),
    '',
    ...rules.map((r) => ruleMarkdown(r, catalog)),
    '# Rules about suppressions',
    '',
    ...metaRules.map((r) => metaRuleMarkdown(r)),
  ].join('\n');
}

/** The README's rule table: one short row per rule, linking to its section of docs/rules.md. */
export function ruleTable(rules: readonly Rule[], link = ''): string {
  const rows = rules.map((r) => `| [\`${r.meta.id}\`](${link}#${r.meta.id}) | ${r.meta.title}${r.checkWorkspace ? ' (cross-file)' : ''} | ${r.meta.practices[0]} | ${languageNames(r.meta.languages)} | ${r.meta.fix ? 'yes' : ''} |`);
  return ['| Rule | Finds | Practice | Languages | Fix |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
