import genai from '../../../lenses/generative-ai.json';
import ml from '../../../lenses/machine-learning.json';
import rai from '../../../lenses/responsible-ai.json';
import { choicesOf, parseCondition, RISK_LEVELS, type RiskRule } from './review/risk';
import { LENS_IDS, type LensId } from './types';

export type Automation = 'automated' | 'partial' | 'manual';
export const AUTOMATION_LEVELS: readonly Automation[] = ['automated', 'partial', 'manual'];

export interface Practice {
  id: string;
  /** The Well-Architected Tool's choice ID for this practice in the custom lens (`GENSEC02_BP01`). */
  choiceId: string;
  title: string;
  url: string;
  summary: string;
  automation: Automation;
}
export interface Question {
  id: string;
  title: string;
  /** The Tool's "None of these" choice. */
  noneChoiceId: string;
  /** How the Tool rates the question's risk from the choices selected, first match wins. */
  riskRules: RiskRule[];
  practices: Practice[];
}
export interface Group {
  id: string;
  name: string;
  questions: Question[];
}
export interface Lens {
  id: LensId;
  name: string;
  edition: string;
  source: string;
  /** What the lens calls its top level: `pillar` or `focus area`. */
  groupKind: string;
  groups: Group[];
}

export interface PracticeEntry extends Practice {
  lens: Lens;
  group: Group;
  question: Question;
}

/** What the catalog needs to know about a rule to check that they agree. */
export interface RuleReference {
  id: string;
  practices: readonly string[];
}

export class Catalog {
  private readonly byId = new Map<string, PracticeEntry>();

  constructor(readonly lenses: readonly Lens[]) {
    for (const lens of lenses)
      for (const group of lens.groups)
        for (const question of group.questions)
          for (const practice of question.practices) this.byId.set(practice.id, { ...practice, lens, group, question });
  }

  practice(id: string): PracticeEntry | undefined {
    return this.byId.get(id);
  }

  get practices(): PracticeEntry[] {
    return [...this.byId.values()];
  }

  lens(id: LensId): Lens | undefined {
    return this.lenses.find((l) => l.id === id);
  }

  /**
   * Problems with the data itself and with how rules refer to it: every problem is a bug in this repository.
   * Automation status must agree with the rules: a practice a rule checks is `partial` or `automated`, and a
   * practice no rule checks is `manual`.
   */
  /**
   * Problems in the catalog data, and disagreements with what checks it in code: `rules`, and `detectors` (evidence
   * detectors, which count like rules for a practice's automation status).
   */
  validate(rules: readonly RuleReference[] = [], detectors: readonly RuleReference[] = []): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    const ids = new Set<string>(LENS_IDS);
    for (const lens of this.lenses) {
      if (!ids.has(lens.id)) problems.push(`unknown lens id ${lens.id}`);
      for (const field of ['name', 'edition', 'source', 'groupKind'] as const) if (!lens[field]) problems.push(`${lens.id}: missing ${field}`);
      for (const group of lens.groups) {
        if (!group.id || !group.name) problems.push(`${lens.id}: group without id or name`);
        if (seen.has(`group:${lens.id}:${group.id}`)) problems.push(`${lens.id}: duplicate group ${group.id}`);
        seen.add(`group:${lens.id}:${group.id}`);
        for (const question of group.questions) {
          if (seen.has(question.id)) problems.push(`duplicate question ${question.id}`);
          seen.add(question.id);
          if (!question.title) problems.push(`${question.id}: missing title`);
          if (question.practices.length === 0) problems.push(`${question.id}: no practices`);
          problems.push(...questionChoiceProblems(question));
          for (const p of question.practices) {
            if (seen.has(p.id)) problems.push(`duplicate practice ${p.id}`);
            seen.add(p.id);
            if (!p.id.startsWith(`${question.id}-BP`)) problems.push(`${p.id}: not under its question ${question.id}`);
            if (!p.title) problems.push(`${p.id}: missing title`);
            if (!/^https:\/\/docs\.aws\.amazon\.com\/wellarchitected\//.test(p.url ?? '')) problems.push(`${p.id}: missing or unexpected url ${p.url}`);
            if (!p.summary) problems.push(`${p.id}: missing summary`);
            if (!AUTOMATION_LEVELS.includes(p.automation)) problems.push(`${p.id}: automation must be one of ${AUTOMATION_LEVELS.join(', ')}`);
          }
        }
      }
    }
    const checked = new Set<string>();
    for (const rule of rules) {
      if (rule.practices.length === 0) problems.push(`rule ${rule.id}: no practices`);
      for (const id of rule.practices) {
        if (!this.byId.has(id)) problems.push(`rule ${rule.id}: unknown practice ${id}`);
        checked.add(id);
      }
    }
    for (const detector of detectors) {
      for (const id of detector.practices) {
        if (!this.byId.has(id)) problems.push(`evidence detector ${detector.id}: unknown practice ${id}`);
        checked.add(id);
      }
    }
    if (rules.length > 0) {
      for (const p of this.byId.values()) {
        if (checked.has(p.id) && p.automation === 'manual') problems.push(`${p.id}: checked by a rule or evidence detector but marked manual`);
        if (!checked.has(p.id) && p.automation !== 'manual') problems.push(`${p.id}: marked ${p.automation} but no rule or evidence detector checks it`);
      }
    }
    return problems;
  }
}

/** The Well-Architected Tool data of a question: choice IDs and risk rules that only use them. */
function questionChoiceProblems(question: Question): string[] {
  const problems: string[] = [];
  if (question.noneChoiceId !== `${question.id}_no`) problems.push(`${question.id}: unexpected "None of these" choice ${question.noneChoiceId}`);
  const choices = new Set<string>();
  for (const p of question.practices) {
    if (p.choiceId !== p.id.replace('-', '_')) problems.push(`${p.id}: choice ID ${p.choiceId} does not match the practice ID`);
    choices.add(p.choiceId);
  }
  if (!question.riskRules?.length) problems.push(`${question.id}: no risk rules`);
  for (const rule of question.riskRules ?? []) {
    if (!RISK_LEVELS.includes(rule.risk)) problems.push(`${question.id}: unknown risk ${rule.risk}`);
    try {
      for (const id of choicesOf(parseCondition(rule.condition))) if (!choices.has(id)) problems.push(`${question.id}: risk rule uses unknown choice ${id}`);
    } catch (error) {
      problems.push(`${question.id}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The three lenses shipped in `lenses/`. */
export function loadCatalog(): Catalog {
  return new Catalog([genai, ml, rai] as Lens[]);
}
