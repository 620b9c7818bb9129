import type { Catalog } from '../engine/catalog';
import { EVIDENCE_DETECTORS, type EvidenceDetector } from '../engine/evidence';
import type { Rule } from '../engine/rules';

/** The catalog with each practice's automation status, the rules that check it and the evidence detectors that find it. */
export function formatLensesJson(catalog: Catalog, rules: readonly Rule[], detectors: readonly EvidenceDetector[] = EVIDENCE_DETECTORS): string {
  const rulesFor = (id: string) => rules.filter((r) => r.meta.practices.includes(id)).map((r) => r.meta.id);
  const evidenceFor = (id: string) => detectors.filter((d) => d.practices.includes(id)).map((d) => d.id);
  const lenses = catalog.lenses.map((lens) => ({
    id: lens.id,
    name: lens.name,
    edition: lens.edition,
    groupKind: lens.groupKind,
    groups: lens.groups.map((g) => ({
      id: g.id,
      name: g.name,
      questions: g.questions.map((q) => ({
        id: q.id,
        title: q.title,
        practices: q.practices.map((p) => ({ id: p.id, title: p.title, url: p.url, summary: p.summary, automation: p.automation, rules: rulesFor(p.id), evidence: evidenceFor(p.id) })),
      })),
    })),
  }));
  return JSON.stringify({ lenses, practiceCount: catalog.practices.length }, null, 2) + '\n';
}

const MARK = { automated: '[auto]   ', partial: '[partial]', manual: '[manual] ' } as const;

export function formatLensesText(catalog: Catalog, rules: readonly Rule[], detectors: readonly EvidenceDetector[] = EVIDENCE_DETECTORS): string {
  const out: string[] = [];
  for (const lens of catalog.lenses) {
    const practices = lens.groups.flatMap((g) => g.questions.flatMap((q) => q.practices));
    const checked = practices.filter((p) => p.automation !== 'manual').length;
    out.push(`${lens.name} (${lens.id}, ${lens.edition}): ${practices.length} practices, ${checked} checked in code`);
    for (const group of lens.groups) {
      out.push(`  ${group.name}`);
      for (const question of group.questions) {
        out.push(`    ${question.id}  ${question.title}`);
        for (const p of question.practices) {
          const ruleIds = rules.filter((r) => r.meta.practices.includes(p.id)).map((r) => r.meta.id);
          const evidence = detectors.filter((d) => d.practices.includes(p.id)).map((d) => d.id);
          const checks = [ruleIds.join(', '), evidence.length ? `evidence: ${evidence.join(', ')}` : ''].filter(Boolean).join('; ');
          out.push(`      ${MARK[p.automation]} ${p.id}  ${p.title}${checks ? `  (${checks})` : ''}`);
        }
      }
    }
    out.push('');
  }
  return out.join('\n');
}
