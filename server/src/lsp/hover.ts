import type { Hover } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import type { Finding } from '../engine/types';

/** A client command (VS Code) that opens a rule's documentation. */
export const SHOW_RULE_DOCS_COMMAND = 'aiLens.showRuleDocs';

/**
 * A short hover per finding under the cursor: the message, the practice it serves with its link, and, when the client
 * can open it, "More" for the rule's whole documentation (why, examples, the fix).
 */
export function hoverFor(findings: readonly Finding[], engine: Engine, options: { ruleDocs: boolean } = { ruleDocs: false }): Hover | null {
  if (findings.length === 0) return null;
  const sections = findings.map((finding) => {
    const practice = engine.catalog.practice(finding.practices[0]);
    const links = [
      practice ? `[${practice.id}](${practice.url}) ${practice.title}` : '',
      options.ruleDocs ? `[More…](command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([finding.ruleId]))} "The rule's documentation")` : '',
    ].filter(Boolean);
    return [`**AI Lens** \`${finding.ruleId}\`: ${finding.message}`, ...(links.length ? ['', links.join(' · ')] : [])].join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: findings[0].range };
}
