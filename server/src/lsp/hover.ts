import type { Hover } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { META_RULES } from '../engine/rules/meta';
import { severityDocs } from '../engine/rules/rule';
import type { Finding } from '../engine/types';

/** Markdown for the findings under the cursor: what was found, the practice it serves and why it matters. */
export function hoverFor(findings: readonly Finding[], engine: Engine): Hover | null {
  if (findings.length === 0) return null;
  const sections = findings.map((finding) => {
    const rule = engine.rule(finding.ruleId);
    const meta = META_RULES.find((m) => m.id === finding.ruleId);
    const lines = [`**AI Lens: ${rule?.meta.title ?? meta?.title ?? finding.ruleId}** \`${finding.ruleId}\``, '', finding.message, ''];
    for (const id of finding.practices) {
      const p = engine.catalog.practice(id);
      if (p) lines.push(`- [${p.id}](${p.url}) ${p.title} (${p.lens.name}): ${p.summary}`);
    }
    if (rule) lines.push('', rule.meta.docs.description, '', severityDocs(rule.meta));
    if (meta) lines.push(meta.description);
    return lines.join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: findings[0].range };
}
