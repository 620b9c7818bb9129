import type { Severity } from '../types';
import type { Triggers } from '../triggers';

/**
 * Rules about AI Lens's own directives rather than about the code. They serve no lens practice, so they live outside
 * the rule registry and the catalog; their findings have no practices. Their ids work in `aiLens.rules` and
 * `.ai-lens.yaml` like any other.
 */
export interface MetaRule {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  /** What must occur in a file's text for the rule to find anything (see `Triggers`). */
  triggers: Triggers;
}

export const INVALID_SUPPRESSION: MetaRule = {
  id: 'invalid-suppression',
  title: 'Suppression without a reason, or naming an unknown rule',
  severity: 'warning',
  description:
    'Every suppression must say why the finding is acceptable, so that a reviewer can audit it: ' +
    '`ai-lens: ignore[rule-id] -- reason` for a line, `ai-lens: ignore-file[rule-id] -- reason` for a file. ' +
    'A suppression without a reason silences nothing, and a rule id that does not exist (a typo, a renamed rule) ' +
    'silences nothing either; both are reported here.',
  // Every directive starts with it.
  triggers: ['ai-lens'],
};

export const META_RULES: readonly MetaRule[] = [INVALID_SUPPRESSION];
