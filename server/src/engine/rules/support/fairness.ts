import type { Project, ProjectFile } from '../../project';
import type { StringList } from '../../types';
import type { EvidenceDetector } from '../../evidence/detector';
import { biasEvaluation, biasMonitoring, explainabilityAnalysis, explainabilityMonitoring, mayBeClarifyEvidence } from '../../evidence/clarify';

/** Every call `hasBiasEvaluation` and `hasExplainability` may count as evidence (a superset). */
export const mayBeFairnessEvidence = mayBeClarifyEvidence;

/** Column names that describe a protected or sensitive characteristic of a person (or a close proxy, like a postcode). */
const SENSITIVE = new Set([
  'age', 'age_group', 'age_band', 'age_bucket', 'date_of_birth', 'dob', 'birth_date', 'birthdate', 'year_of_birth',
  'gender', 'sex', 'race', 'ethnicity', 'ethnic_group', 'religion', 'religious_affiliation', 'disability', 'disabled',
  'marital_status', 'nationality', 'national_origin', 'citizenship', 'sexual_orientation', 'pregnancy', 'pregnant',
  'postcode', 'post_code', 'zip', 'zipcode', 'zip_code', 'postal_code', 'veteran_status',
]);
const ML_LIBRARIES = ['sklearn', 'xgboost', 'lightgbm', 'catboost', 'torch', 'tensorflow', 'keras', 'sagemaker', 'autogluon', 'pandas'];

export interface SensitiveFeatures {
  file: ProjectFile;
  list: StringList;
  attributes: string[];
}

function normalize(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * Feature or column lists (two or more names) in ML code that include sensitive attributes and reach a model (it is
 * trained or run on those columns, or a feature transformer takes them): the first per file. The columns of a table
 * that is only shown or saved are no model's features.
 */
export function sensitiveFeatureLists(project: Project): SensitiveFeatures[] {
  const out: SensitiveFeatures[] = [];
  for (const file of project.files) {
    if (file.language !== 'python' || !ML_LIBRARIES.some((lib) => file.facts.imports.has(lib))) continue;
    for (const list of file.facts.stringLists ?? []) {
      if (list.items.length < 2 || !list.modelUse) continue;
      const attributes = list.items.map((i) => i.value).filter((v) => SENSITIVE.has(normalize(v)));
      if (attributes.length > 0) {
        out.push({ file, list, attributes });
        break;
      }
    }
  }
  return out;
}

/** Somewhere in the workspace, a bias evaluation or bias monitor: the evidence the review shows for bias practices. */
export function hasBiasEvaluation(project: Project): boolean {
  return anyEvidence(project, [biasEvaluation, biasMonitoring]);
}

/** Somewhere in the workspace, explainability analysis or monitoring: the evidence the review shows for explainability. */
export function hasExplainability(project: Project): boolean {
  return anyEvidence(project, [explainabilityAnalysis, explainabilityMonitoring]);
}

function anyEvidence(project: Project, detectors: readonly EvidenceDetector[]): boolean {
  return project.files.some((f) => detectors.some((d) => d.detect(f.facts).length > 0));
}
